// todo-notifier-cli as a user runs it: usage errors, --demo, JSON lines, and check's exit codes against the
// real RabbitMQ (unreachable, refused handshake, authentication failure), send + listen round trip.
#include "BrokerFixture.h"
#include "CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString deadUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("ws://127.0.0.1:%1/ws").arg(port);
}

QProcessEnvironment withPasscode(const QString &passcode)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TODO_NOTIFIER_PASSCODE"), passcode);
    return environment;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void usageErrorsExitWith2_data();
    void usageErrorsExitWith2();
    void helpAndVersion();
    void checkAgainstDemo();
    void listenAgainstDemoPrintsJsonLines();
    void checkExitCodes_data();
    void checkExitCodes();
    void listenStopsOnAFailureRetryingCannotFix();
    void passcodeFileAndVirtualHost();
    void sendThenListenRoundTrip();
};

void tst_Cli::usageErrorsExitWith2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList {} << QStringLiteral("no command");
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
    QTest::newRow("no url") << QStringList {QStringLiteral("check")} << QStringLiteral("--url");
    QTest::newRow("passcode on the command line") << QStringList {QStringLiteral("check"), QStringLiteral("--demo"),
                                                                  QStringLiteral("--passcode"), QStringLiteral("x")}
                                                  << QStringLiteral("TODO_NOTIFIER_PASSCODE");
    QTest::newRow("bad url") << QStringList {QStringLiteral("check"), QStringLiteral("--url"),
                                             QStringLiteral("ftp://x")}
                             << QStringLiteral("invalid --url");
    QTest::newRow("bad heartbeat") << QStringList {QStringLiteral("check"), QStringLiteral("--demo"),
                                                   QStringLiteral("--heartbeat"), QStringLiteral("10")}
                                   << QStringLiteral("--heartbeat");
    QTest::newRow("bad ack") << QStringList {QStringLiteral("listen"), QStringLiteral("--demo"),
                                             QStringLiteral("--ack"), QStringLiteral("sometimes")}
                             << QStringLiteral("--ack");
    QTest::newRow("send without destination")
        << QStringList {QStringLiteral("send"), QStringLiteral("--demo"), QStringLiteral("body")}
        << QStringLiteral("--destination");
    QTest::newRow("unknown option") << QStringList {QStringLiteral("listen"), QStringLiteral("--demo"),
                                                    QStringLiteral("--colour")}
                                    << QStringLiteral("colour");
    QTest::newRow("--web-base without --store")
        << QStringList {QStringLiteral("listen"), QStringLiteral("--demo"), QStringLiteral("--web-base"),
                        QStringLiteral("https://oa.example.com")}
        << QStringLiteral("--web-base requires --store");
    QTest::newRow("bad --server-timezone") << QStringList {QStringLiteral("listen"),
                                                           QStringLiteral("--demo"),
                                                           QStringLiteral("--store"),
                                                           QStringLiteral("todos.sqlite"),
                                                           QStringLiteral("--server-timezone"),
                                                           QStringLiteral("Mars/Olympus")}
                                           << QStringLiteral("invalid --server-timezone");
    QTest::newRow("bad --allow-origin") << QStringList {QStringLiteral("listen"),
                                                        QStringLiteral("--demo"),
                                                        QStringLiteral("--store"),
                                                        QStringLiteral("todos.sqlite"),
                                                        QStringLiteral("--allow-origin"),
                                                        QStringLiteral("javascript:x")}
                                        << QStringLiteral("invalid --allow-origin");
}

void tst_Cli::usageErrorsExitWith2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void tst_Cli::helpAndVersion()
{
    Run run = runCli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("listen") && run.out.contains("check") && run.out.contains("send"));
    for (const char *command : {"listen", "check", "send"}) {
        run = runCli({QString::fromLatin1(command), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("--url") && run.out.contains("--passcode-file"), run.out.constData());
    }
    run = runCli({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("todo-notifier-cli " TODO_NOTIFIER_VERSION));
}

void tst_Cli::checkAgainstDemo()
{
    const Run run = runCli({QStringLiteral("check"), QStringLiteral("--demo")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("STOMP 1.2") && run.out.contains("TodoNotifier-Demo"), run.out.constData());
    QVERIFY2(run.err.contains("not a broker"), run.err.constData());
}

void tst_Cli::listenAgainstDemoPrintsJsonLines()
{
    const Run run = runCli({QStringLiteral("listen"), QStringLiteral("--demo"), QStringLiteral("--count"),
                            QStringLiteral("2"), QStringLiteral("--timeout"), QStringLiteral("40")});
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> events = jsonLines(run.out);
    QVERIFY2(events.size() == 3, run.out.constData());
    const QJsonObject connected = events.at(0);
    QCOMPARE(connected.value(QLatin1String("event")).toString(), QStringLiteral("connected"));
    QCOMPARE(connected.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(connected.value(QLatin1String("heartBeat")).toArray().size(), 2);
    QVERIFY(connected.value(QLatin1String("server")).toString().startsWith(QLatin1String("TodoNotifier-Demo")));
    for (int i = 1; i < 3; ++i) {
        const QJsonObject message = events.at(i);
        QCOMPARE(message.value(QLatin1String("event")).toString(), QStringLiteral("message"));
        QCOMPARE(message.value(QLatin1String("destination")).toString(), QStringLiteral("/user/topic/all"));
        QVERIFY(!message.value(QLatin1String("messageId")).toString().isEmpty());
        QVERIFY(message.value(QLatin1String("headers")).toObject().contains(QLatin1String("content-type")));
        // The body is the todo envelope, intact (non-ASCII included).
        const QJsonDocument body = QJsonDocument::fromJson(message.value(QLatin1String("body")).toString().toUtf8());
        QVERIFY(body.object().value(QLatin1String("data")).toObject().contains(QLatin1String("sysMsgList")));
    }
}

void tst_Cli::checkExitCodes_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("passcode");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("kind");
    const QString rabbit = BrokerFixture::webStompUrl().toString();
    QTest::newRow("ok") << rabbit << QStringLiteral("guest") << 0 << QString();
    QTest::newRow("unreachable") << deadUrl() << QStringLiteral("guest") << 3 << QStringLiteral("unreachable");
    QTest::newRow("path not found") << QStringLiteral("ws://127.0.0.1:%1/not-stomp").arg(BrokerFixture::wsPort())
                                    << QStringLiteral("guest") << 4 << QStringLiteral("path-not-found");
    QTest::newRow("authentication failed") << rabbit << QStringLiteral("wrong") << 5 << QStringLiteral("auth-failed");
}

void tst_Cli::checkExitCodes()
{
    QFETCH(QString, url);
    QFETCH(QString, passcode);
    QFETCH(int, exitCode);
    QFETCH(QString, kind);
    const Run run = runCli({QStringLiteral("check"), QStringLiteral("--url"), url, QStringLiteral("--login"),
                            QStringLiteral("guest"), QStringLiteral("--timeout"), QStringLiteral("20")},
                           withPasscode(passcode));
    QVERIFY2(run.exitCode == exitCode, QByteArray(run.out + run.err).constData());
    if (exitCode == 0) {
        QVERIFY2(run.out.contains("STOMP 1.2") && run.out.contains("RabbitMQ"), run.out.constData());
    } else {
        // One line on stderr that names the reason, and never the passcode.
        QVERIFY2(run.err.contains(kind.toUtf8()), run.err.constData());
        QCOMPARE(run.err.trimmed().count('\n'), 0);
    }
    QVERIFY(!run.out.contains(passcode.toUtf8()) || passcode == QLatin1String("guest"));
    QVERIFY(!run.err.contains("wrong"));
}

void tst_Cli::passcodeFileAndVirtualHost()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("passcode")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("todo-secret\n");
    file.close();
    const Run run = runCli({QStringLiteral("check"), QStringLiteral("--url"), BrokerFixture::webStompUrl().toString(),
                            QStringLiteral("--login"), QStringLiteral("todo"), QStringLiteral("--host"),
                            QStringLiteral("todo-vhost"), QStringLiteral("--passcode-file"), file.fileName()});
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
}

void tst_Cli::sendThenListenRoundTrip()
{
    const QString queue = QStringLiteral("/queue/cli-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString url = BrokerFixture::webStompUrl().toString();
    const QByteArray body = "{\"title\":\"待办通知: 变更申请\"}";
    Run run = runCli({QStringLiteral("send"), QStringLiteral("--url"), url, QStringLiteral("--login"),
                      QStringLiteral("guest"), QStringLiteral("--destination"), queue, QStringLiteral("--content-type"),
                      QStringLiteral("application/json")},
                     withPasscode(QStringLiteral("guest")), body);
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    QVERIFY(run.out.contains("receipt"));

    run = runCli({QStringLiteral("listen"), QStringLiteral("--url"), url, QStringLiteral("--login"),
                  QStringLiteral("guest"), QStringLiteral("--destination"), queue, QStringLiteral("--ack"),
                  QStringLiteral("client-individual"), QStringLiteral("--count"), QStringLiteral("1"),
                  QStringLiteral("--timeout"), QStringLiteral("30")},
                 withPasscode(QStringLiteral("guest")));
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    const QList<QJsonObject> events = jsonLines(run.out);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).value(QLatin1String("body")).toString().toUtf8(), body);
    QCOMPARE(events.at(1).value(QLatin1String("headers")).toObject().value(QLatin1String("content-type")).toString(),
             QStringLiteral("application/json"));
}

void tst_Cli::listenStopsOnAFailureRetryingCannotFix()
{
    // listen retries what passes (a server down, a restart), but not a path that is not there: after three identical
    // failures it exits with that failure's code, saying why, instead of retrying for ever.
    const QString url = QStringLiteral("ws://127.0.0.1:%1/not-stomp").arg(BrokerFixture::wsPort());
    const Run run = runCli({QStringLiteral("listen"), QStringLiteral("--url"), url, QStringLiteral("--login"),
                            QStringLiteral("guest"), QStringLiteral("--destination"), QStringLiteral("/queue/x"),
                            QStringLiteral("--reconnect"), QStringLiteral("10,50"), QStringLiteral("--timeout"),
                            QStringLiteral("60")},
                           withPasscode(QStringLiteral("guest")));
    QVERIFY2(run.exitCode == 4, QByteArray(run.out + run.err).constData());
    int errors = 0;
    for (const QJsonObject &event : jsonLines(run.out)) {
        if (event.value(QLatin1String("event")).toString() == QLatin1String("error")) {
            ++errors;
            QCOMPARE(event.value(QLatin1String("kind")).toString(), QStringLiteral("path-not-found"));
        }
    }
    QVERIFY2(errors >= 3, run.out.constData());
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
