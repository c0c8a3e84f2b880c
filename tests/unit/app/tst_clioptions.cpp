// todo-notifier-cli's command line: the header files that carry tokens (--header-file, --handshake-header-file), and
// the Server-Sent Events options (--protocol sse, --event), the Socket.IO options (--event, --namespace, no send),
// and --demo with its optional protocol.
#include "CliOptions.h"

#include "config/ServerProfiles.h"

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
    void profileOptions();
    void profileExcludesConnectionOptions_data();
    void profileExcludesConnectionOptions();
    void profileGivesTheConnection();
    void unknownProfileNamesTheProfiles();

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

namespace {

bool parseRaw(const QStringList &arguments, CliOptions *options, QString *error)
{
    QString output;
    return CliOptions::parse(QStringList {QStringLiteral("todo-notifier-cli")} + arguments, options, &output, error);
}

} // namespace

// --profile (with --config) instead of the connection options, for listen and check; --store still works.
void tst_CliOptions::profileOptions()
{
    CliOptions options;
    QString error;
    QVERIFY2(parseRaw({QStringLiteral("listen"), QStringLiteral("--profile"), QStringLiteral("Test system"),
                       QStringLiteral("--config"), QStringLiteral("/tmp/todo.conf"), QStringLiteral("--store"),
                       QStringLiteral("/tmp/todos.sqlite"), QStringLiteral("--count"), QStringLiteral("2")},
                      &options, &error),
             qPrintable(error));
    QVERIFY(options.useProfile);
    QCOMPARE(options.profile, QStringLiteral("Test system"));
    QCOMPARE(options.configPath, QStringLiteral("/tmp/todo.conf"));
    QCOMPARE(options.todo.storePath, QStringLiteral("/tmp/todos.sqlite"));
    QCOMPARE(options.count, 2);

    QVERIFY2(
        parseRaw({QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("default")}, &options, &error),
        qPrintable(error));
    QVERIFY(options.useProfile);
    QVERIFY(options.configPath.isEmpty()); // the user's settings

    // --config alone says nothing about which server; send has no profiles.
    QVERIFY(!parseRaw({QStringLiteral("check"), QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ws"),
                       QStringLiteral("--config"), QStringLiteral("/tmp/todo.conf")},
                      &options, &error));
    QVERIFY2(error.contains(QLatin1String("--profile")), qPrintable(error));
    QVERIFY(!parseRaw({QStringLiteral("send"), QStringLiteral("--profile"), QStringLiteral("default"),
                       QStringLiteral("--destination"), QStringLiteral("/queue/a"), QStringLiteral("body")},
                      &options, &error));
    QVERIFY2(error.contains(QLatin1String("profile")), qPrintable(error));
    // Without --profile a server is still needed.
    QVERIFY(!parseRaw({QStringLiteral("check")}, &options, &error));
    QVERIFY(!options.useProfile);
}

void tst_CliOptions::profileExcludesConnectionOptions_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("url") << "check" << QStringList {QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:1/ws")};
    QTest::newRow("login") << "check" << QStringList {QStringLiteral("--login"), QStringLiteral("alice")};
    QTest::newRow("protocol") << "listen" << QStringList {QStringLiteral("--protocol"), QStringLiteral("sse")};
    QTest::newRow("destination") << "listen"
                                 << QStringList {QStringLiteral("--destination"), QStringLiteral("/queue/a")};
    QTest::newRow("event") << "listen" << QStringList {QStringLiteral("--event"), QStringLiteral("todo")};
    QTest::newRow("demo") << "listen" << QStringList {QStringLiteral("--demo")};
    QTest::newRow("web base") << "listen"
                              << QStringList {QStringLiteral("--store"), QStringLiteral("/tmp/t.sqlite"),
                                              QStringLiteral("--web-base"), QStringLiteral("https://oa.example.com/")};
}

void tst_CliOptions::profileExcludesConnectionOptions()
{
    QFETCH(QString, command);
    QFETCH(QStringList, extra);
    CliOptions options;
    QString error;
    QVERIFY(!parseRaw(QStringList {command, QStringLiteral("--profile"), QStringLiteral("test")} + extra, &options,
                      &error));
    const QString option =
        extra.constLast().startsWith(QLatin1String("--")) ? extra.constLast() : extra.value(extra.size() - 2);
    QVERIFY2(error.contains(option + QStringLiteral(" cannot be combined with --profile")), qPrintable(error));
}

// What a profile's settings and keychain secrets make of the options: the connection the tray app would open.
void tst_CliOptions::profileGivesTheConnection()
{
    Settings main(m_dir.filePath(QStringLiteral("profile-main.conf")));
    ServerProfiles profiles(&main);
    const QString id = profiles.add(QStringLiteral("Test system"));
    Settings *settings = profiles.settings(id);
    settings->setUrls(
        Settings::Key::ServerUrls,
        {QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")), QUrl(QStringLiteral("ws://127.0.0.1:15675/ws"))});
    settings->setValue(Settings::Key::Protocol, QStringLiteral("stomp"));
    settings->setValue(Settings::Key::Transport, QStringLiteral("websocket"));
    settings->setValue(Settings::Key::Destinations, QStringList {QStringLiteral("/queue/todos")});
    settings->setValue(Settings::Key::Host, QStringLiteral("/"));
    settings->setValue(Settings::Key::Login, QStringLiteral("tester"));
    settings->setHeaders(
        {{QStringLiteral("client-id"), QStringLiteral("desk-1"), false, HeaderSetting::Target::Connect},
         {QStringLiteral("Authorization"), {}, true, HeaderSetting::Target::Handshake}});
    settings->setValue(Settings::Key::HeartbeatOutMs, 5000);
    settings->setValue(Settings::Key::HeartbeatInMs, 0);
    settings->setValue(Settings::Key::Events, QStringList {QStringLiteral("todo")});
    settings->setValue(Settings::Key::PrefetchCount, 50);
    settings->setUrl(Settings::Key::WebBaseUrl, QUrl(QStringLiteral("https://test.example.com/app/")));
    ConnectionSecrets secrets;
    secrets.passcode = "from-the-keychain";
    secrets.headerValues.insert(QStringLiteral("header/handshake/Authorization"), "Bearer t");

    CliOptions options;
    QString error;
    QVERIFY2(parseRaw({QStringLiteral("listen"), QStringLiteral("--profile"), QStringLiteral("test system"),
                       QStringLiteral("--config"), main.fileName(), QStringLiteral("--store"),
                       m_dir.filePath(QStringLiteral("t.sqlite"))},
                      &options, &error),
             qPrintable(error));
    const std::unique_ptr<CliOptions::Profile> profile = CliOptions::openProfile(options, &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->id, id);
    QCOMPARE(profile->settings->fileName(), profiles.profilePath(id));
    CliOptions::applyProfile(*profile->settings, secrets, &options);

    QCOMPARE(options.connect.urls,
             (QList<QUrl> {QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")),
                           QUrl(QStringLiteral("ws://127.0.0.1:15675/ws"))}));
    QCOMPARE(options.protocol, QStringLiteral("stomp"));
    QCOMPARE(options.transportMode, TransportMode::WebSocket);
    QCOMPARE(options.destinations, QList<QByteArray> {"/queue/todos"});
    QCOMPARE(options.connect.host, QByteArray("/"));
    QCOMPARE(options.connect.login, QByteArray("tester"));
    QCOMPARE(options.connect.passcode, QByteArray("from-the-keychain"));
    QCOMPARE(options.connect.connectHeaders, (QList<QPair<QByteArray, QByteArray>> {{"client-id", "desk-1"}}));
    QCOMPARE(options.connect.transport.handshakeHeaders,
             (QList<QPair<QByteArray, QByteArray>> {{"Authorization", "Bearer t"}}));
    QCOMPARE(options.connect.heartbeatOutMs, 5000);
    QCOMPARE(options.connect.heartbeatInMs, 0);
    QCOMPARE(options.events, QStringList {QStringLiteral("todo")});
    QCOMPARE(options.prefetchCount, 50);
    QCOMPARE(options.todo.webBase, QUrl(QStringLiteral("https://test.example.com/app/")));
    QCOMPARE(options.todo.storePath, m_dir.filePath(QStringLiteral("t.sqlite"))); // the command line's
}

void tst_CliOptions::unknownProfileNamesTheProfiles()
{
    Settings main(m_dir.filePath(QStringLiteral("unknown-main.conf")));
    main.setValue(Settings::Key::ServerName, QStringLiteral("Production"));
    ServerProfiles profiles(&main);
    profiles.add(QStringLiteral("Test system"));
    main.sync();
    CliOptions options;
    QString error;
    QVERIFY2(parseRaw({QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("staging"),
                       QStringLiteral("--config"), main.fileName()},
                      &options, &error),
             qPrintable(error));
    QVERIFY(!CliOptions::openProfile(options, &error));
    QCOMPARE(error,
             QStringLiteral("no server profile named staging; the profiles are: default (Production), "
                            "test-system (Test system)"));
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
