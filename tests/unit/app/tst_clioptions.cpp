// todo-notifier-cli's command line: the header files that carry tokens (--header-file, --handshake-header-file), and
// the Server-Sent Events options (--protocol sse, --event), the Socket.IO options (--event, --namespace, no send),
// and --demo with its optional protocol.
#include "CliOptions.h"

#include <QTemporaryDir>
#include <QTest>

class tst_CliOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headerFilesAddTheirLines();
    void badHeaderFileLineIsNamedNotEchoed_data();
    void badHeaderFileLineIsNamedNotEchoed();
    void unreadableHeaderFileIsAnError();
    void sseEvents_data();
    void sseEvents();
    void socketIoEventsAndNoSend();
    void demoProtocol_data();
    void demoProtocol();
    void demoBodyIsNotTakenForAProtocol();
    void listenPrefetch();

private:
    QString writeFile(const QByteArray &content);
    static bool parse(const QStringList &extra, CliOptions *options, QString *error);

    QTemporaryDir m_dir;
    int m_files = 0;
};

QString tst_CliOptions::writeFile(const QByteArray &content)
{
    const QString path = m_dir.filePath(QStringLiteral("headers-%1.txt").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

bool tst_CliOptions::parse(const QStringList &extra, CliOptions *options, QString *error)
{
    QString output;
    return CliOptions::parse(QStringList {QStringLiteral("todo-notifier-cli"), QStringLiteral("check"),
                                          QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ws")}
                                 + extra,
                             options, &output, error);
}

void tst_CliOptions::headerFilesAddTheirLines()
{
    const QString connectFile =
        writeFile("# a token for the broker\n\nAuthorization: Bearer abc:def\r\nclient-id:me\n");
    const QString handshakeFile = writeFile("Cookie: JSESSIONID=42\n");
    CliOptions options;
    QString error;
    QVERIFY2(parse({QStringLiteral("--header"), QStringLiteral("x-first:1"), QStringLiteral("--header-file"),
                    connectFile, QStringLiteral("--handshake-header-file"), handshakeFile},
                   &options, &error),
             qPrintable(error));

    // The value keeps everything after the first colon (a token may contain colons); \r\n line ends are fine.
    const QList<QPair<QByteArray, QByteArray>> expected {
        {"x-first", "1"}, {"Authorization", " Bearer abc:def"}, {"client-id", "me"}};
    QCOMPARE(options.connect.connectHeaders, expected);
    const QList<QPair<QByteArray, QByteArray>> handshake {{"Cookie", " JSESSIONID=42"}};
    QCOMPARE(options.connect.transport.handshakeHeaders, handshake);
}

void tst_CliOptions::badHeaderFileLineIsNamedNotEchoed_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("connect headers") << QStringLiteral("--header-file");
    QTest::newRow("handshake headers") << QStringLiteral("--handshake-header-file");
}

void tst_CliOptions::badHeaderFileLineIsNamedNotEchoed()
{
    QFETCH(QString, option);
    const QString path = writeFile("Authorization: Bearer ok\n# comment\nsecret-token-without-a-name\n");
    CliOptions options;
    QString error;
    QVERIFY(!parse({option, path}, &options, &error));
    QCOMPARE(error, QStringLiteral("invalid line 3 in %1: expected name:value").arg(option));
    QVERIFY(!error.contains(QLatin1String("secret-token")));
}

void tst_CliOptions::unreadableHeaderFileIsAnError()
{
    CliOptions options;
    QString error;
    const QString missing = m_dir.filePath(QStringLiteral("missing.txt"));
    QVERIFY(!parse({QStringLiteral("--header-file"), missing}, &options, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot read %1").arg(missing)), qPrintable(error));
}

void tst_CliOptions::sseEvents_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("error");
    const QString listen = QStringLiteral("listen");
    QTest::newRow("default: message") << QStringList {listen, QStringLiteral("--protocol"), QStringLiteral("sse")}
                                      << QStringList {} << QString();
    QTest::newRow("repeated --event") << QStringList {listen,
                                                      QStringLiteral("--protocol"),
                                                      QStringLiteral("sse"),
                                                      QStringLiteral("--event"),
                                                      QStringLiteral("todo"),
                                                      QStringLiteral("--event"),
                                                      QStringLiteral("message")}
                                      << QStringList {QStringLiteral("todo"), QStringLiteral("message")} << QString();
    QTest::newRow("--event needs sse, socketio or auto")
        << QStringList {listen, QStringLiteral("--protocol"), QStringLiteral("json-ws"), QStringLiteral("--event"),
                        QStringLiteral("todo")}
        << QStringList {} << QStringLiteral("invalid --event: only for --protocol sse, socketio or auto");
    QTest::newRow("empty --event") << QStringList {listen, QStringLiteral("--protocol"), QStringLiteral("sse"),
                                                   QStringLiteral("--event"), QStringLiteral(" ")}
                                   << QStringList {}
                                   << QStringLiteral("invalid --event: Enter an event name, e.g. todo.");
    QTest::newRow("no send over sse") << QStringList {QStringLiteral("send"), QStringLiteral("--protocol"),
                                                      QStringLiteral("sse"), QStringLiteral("body")}
                                      << QStringList {}
                                      << QStringLiteral("send is not available with --protocol sse: Server-Sent "
                                                        "Events only flow from the server");
}

void tst_CliOptions::sseEvents()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, events);
    QFETCH(QString, error);
    CliOptions options;
    QString output;
    QString message;
    const QStringList argv = QStringList {QStringLiteral("todo-notifier-cli")} + arguments
        + QStringList {QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/events")};
    const bool ok = CliOptions::parse(argv, &options, &output, &message);
    QCOMPARE(message, error);
    QCOMPARE(ok, error.isEmpty());
    if (ok) {
        QCOMPARE(options.protocol, QStringLiteral("sse"));
        QCOMPARE(options.events, events);
        QVERIFY(options.destinations.isEmpty()); // SSE has no destinations to ask for
    }
}

void tst_CliOptions::socketIoEventsAndNoSend()
{
    CliOptions options;
    QString error;
    QVERIFY2(parse({QStringLiteral("--protocol"), QStringLiteral("socketio"), QStringLiteral("--event"),
                    QStringLiteral("todo"), QStringLiteral("--event"), QStringLiteral("审批"),
                    QStringLiteral("--namespace"), QStringLiteral("/admin")},
                   &options, &error),
             qPrintable(error));
    QCOMPARE(options.protocol, QStringLiteral("socketio"));
    QCOMPARE(options.events, (QStringList {QStringLiteral("todo"), QStringLiteral("审批")}));
    QCOMPARE(options.socketIoNamespace, QStringLiteral("/admin"));
    QVERIFY(parse({QStringLiteral("--protocol"), QStringLiteral("socketio")}, &options, &error));
    QVERIFY(options.events.isEmpty()); // every event
    QVERIFY(options.socketIoNamespace.isEmpty()); // the URL's path
    QVERIFY(!parse({QStringLiteral("--protocol"), QStringLiteral("socketio"), QStringLiteral("--namespace"),
                    QStringLiteral("admin")},
                   &options, &error));
    QVERIFY2(error.contains(QLatin1String("--namespace")), qPrintable(error));
    // A Socket.IO client here only listens.
    QString output;
    QVERIFY(!CliOptions::parse({QStringLiteral("todo-notifier-cli"), QStringLiteral("send"), QStringLiteral("--url"),
                                QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--protocol"),
                                QStringLiteral("socketio"), QStringLiteral("body")},
                               &options, &output, &error));
    QVERIFY2(error.contains(QLatin1String("socketio")), qPrintable(error));
}

void tst_CliOptions::listenPrefetch()
{
    auto listen = [](const QStringList &extra, CliOptions *options, QString *error) {
        QString output;
        return CliOptions::parse(QStringList {QStringLiteral("todo-notifier-cli"), QStringLiteral("listen"),
                                              QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ws"),
                                              QStringLiteral("--destination"), QStringLiteral("/queue/todo")}
                                     + extra,
                                 options, &output, error);
    };
    CliOptions options;
    QString error;
    QVERIFY2(listen({QStringLiteral("--ack"), QStringLiteral("client-individual")}, &options, &error),
             qPrintable(error));
    QCOMPARE(options.prefetchCount, Settings::kDefaultPrefetchCount);
    QVERIFY2(listen({QStringLiteral("--prefetch"), QStringLiteral("0")}, &options, &error), qPrintable(error));
    QCOMPARE(options.prefetchCount, 0);
    for (const QString &bad : {QStringLiteral("-1"), QStringLiteral("many"), QStringLiteral("100000")}) {
        QVERIFY(!listen({QStringLiteral("--prefetch"), bad}, &options, &error));
        QVERIFY2(error.contains(QLatin1String("--prefetch")), qPrintable(error));
    }
}

void tst_CliOptions::demoProtocol_data()
{
    QTest::addColumn<QStringList>("arguments"); // after "listen"
    QTest::addColumn<QString>("error"); // a part of it; empty: parses
    QTest::addColumn<QString>("demoProtocol");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("destination"); // the demo's STOMP destination was filled in

    const QString demo = QStringLiteral("--demo");
    QTest::newRow("bare --demo is stomp")
        << QStringList {demo} << QString() << QStringLiteral("stomp") << QStringLiteral("stomp") << true;
    QTest::newRow("bare --demo before an option")
        << QStringList {demo, QStringLiteral("--count"), QStringLiteral("1")} << QString() << QStringLiteral("stomp")
        << QStringLiteral("stomp") << true;
    QTest::newRow("--demo json-ws") << QStringList {demo, QStringLiteral("json-ws")} << QString()
                                    << QStringLiteral("json-ws") << QStringLiteral("json-ws") << false;
    QTest::newRow("--demo=sse") << QStringList {QStringLiteral("--demo=sse")} << QString() << QStringLiteral("sse")
                                << QStringLiteral("sse") << false;
    QTest::newRow("--demo socketio") << QStringList {demo, QStringLiteral("socketio")} << QString()
                                     << QStringLiteral("socketio") << QStringLiteral("socketio") << false;
    QTest::newRow("--demo sockjs") << QStringList {demo, QStringLiteral("sockjs")} << QString()
                                   << QStringLiteral("sockjs") << QStringLiteral("sockjs") << true;
    // An explicit --protocol wins: `auto` then finds out what the demo endpoint speaks.
    QTest::newRow("--demo json-ws --protocol auto")
        << QStringList {demo, QStringLiteral("json-ws"), QStringLiteral("--protocol"), QStringLiteral("auto")}
        << QString() << QStringLiteral("json-ws") << QStringLiteral("auto") << true;
    QTest::newRow("invalid value") << QStringList {demo, QStringLiteral("mqtt")}
                                   << QStringLiteral("invalid --demo \"mqtt\": expected one of stomp, sockjs, "
                                                     "json-ws, sse, socketio")
                                   << QString() << QString() << false;
    QTest::newRow("invalid --demo=") << QStringList {QStringLiteral("--demo=")}
                                     << QStringLiteral("expected one of stomp, sockjs, json-ws, sse, socketio")
                                     << QString() << QString() << false;
}

void tst_CliOptions::demoProtocol()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QFETCH(QString, demoProtocol);
    QFETCH(QString, protocol);
    QFETCH(bool, destination);

    CliOptions options;
    QString output;
    QString problem;
    const bool ok =
        CliOptions::parse(QStringList {QStringLiteral("todo-notifier-cli"), QStringLiteral("listen")} + arguments,
                          &options, &output, &problem);
    if (!error.isEmpty()) {
        QVERIFY(!ok);
        QVERIFY2(problem.contains(error), qPrintable(problem));
        return;
    }
    QVERIFY2(ok, qPrintable(problem));
    QVERIFY(options.demo);
    QCOMPARE(options.demoProtocol, demoProtocol);
    QCOMPARE(options.protocol, protocol);
    QCOMPARE(options.destinations.contains(QByteArrayLiteral("/user/topic/all")), destination);
}

// send takes a body: after a bare --demo, a word that names no protocol is the body, not a bad --demo value.
void tst_CliOptions::demoBodyIsNotTakenForAProtocol()
{
    CliOptions options;
    QString output;
    QString error;
    QVERIFY2(CliOptions::parse({QStringLiteral("todo-notifier-cli"), QStringLiteral("send"), QStringLiteral("--demo"),
                                QStringLiteral("hello"), QStringLiteral("--destination"), QStringLiteral("/topic/a")},
                               &options, &output, &error),
             qPrintable(error));
    QCOMPARE(options.demoProtocol, QStringLiteral("stomp"));
    QCOMPARE(options.body, QByteArrayLiteral("hello"));
    QVERIFY2(CliOptions::parse({QStringLiteral("todo-notifier-cli"), QStringLiteral("send"), QStringLiteral("--demo"),
                                QStringLiteral("json-ws"), QStringLiteral("hello")},
                               &options, &output, &error),
             qPrintable(error));
    QCOMPARE(options.protocol, QStringLiteral("json-ws"));
    QCOMPARE(options.body, QByteArrayLiteral("hello"));
}

QTEST_GUILESS_MAIN(tst_CliOptions)
#include "tst_clioptions.moc"
