// todo-notifier-cli --profile, as a person runs it: the connection of a server configured in the tray app (its own
// settings file beside the main one, ServerProfiles) and its passcode from a real keychain (gnome-keyring-daemon on a
// private session bus, tests/support/run-with-keyring.sh), against the demo push server binary started here with a
// required login and passcode.
#include "CliRun.h"
#include "config/CredentialStore.h"
#include "config/ServerProfiles.h"
#include "config/Settings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 20000;

} // namespace

class tst_CliProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void unknownProfileIsAUsageError();
    void aProfileWithoutAServerIsAUsageError();
    void profileConnectsWithThePasscodeFromTheKeychain();

private:
    QString mainPath() const { return m_dir.filePath(QStringLiteral("todo-notifier.conf")); }

    QTemporaryDir m_dir;
    QProcess m_server;
    QUrl m_url;
    QString m_account;
};

void tst_CliProfiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariable("TODO_CLI").isEmpty(), "run through CTest");
    QFile passcode(m_dir.filePath(QStringLiteral("server-passcode")));
    QVERIFY(passcode.open(QIODevice::WriteOnly));
    passcode.write("s3cret-from-the-keychain\n");
    passcode.close();

    // The demo server on an ephemeral port, requiring a login and passcode, pushing a todo every 200 ms.
    m_server.setProcessChannelMode(QProcess::SeparateChannels);
    m_server.start(qEnvironmentVariable("TODO_DEMO_SERVER"),
                   {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--interval"), QStringLiteral("200"),
                    QStringLiteral("--login"), QStringLiteral("tester"), QStringLiteral("--passcode-file"),
                    passcode.fileName()});
    QVERIFY(m_server.waitForStarted());
    static const QRegularExpression listening(QStringLiteral("listening on (\\S+)"));
    QByteArray out;
    while (!listening.match(QString::fromUtf8(out)).hasMatch() && m_server.waitForReadyRead(kWaitMs))
        out += m_server.readAllStandardOutput();
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    m_url = QUrl(match.captured(1));
    QVERIFY(m_url.port() > 0);

    // The tray app's settings: a first server not configured, and "Test system" pointing at the demo server.
    Settings main(mainPath());
    ServerProfiles profiles(&main);
    const QString id = profiles.add(QStringLiteral("Test system"));
    QCOMPARE(id, QStringLiteral("test-system"));
    Settings *settings = profiles.settings(id);
    QVERIFY(settings->setUrls(Settings::Key::ServerUrls, {m_url}));
    QVERIFY(settings->setValue(Settings::Key::Protocol, QStringLiteral("stomp")));
    QVERIFY(settings->setValue(Settings::Key::Login, QStringLiteral("tester")));
    settings->sync();
    m_account = settings->credentialAccount();
}

void tst_CliProfiles::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished();
    CredentialStore store;
    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(m_account, Settings::passcodeItem());
    removed.wait(kWaitMs);
}

void tst_CliProfiles::unknownProfileIsAUsageError()
{
    const Run run = runCli({QStringLiteral("check"), QStringLiteral("--config"), mainPath(),
                            QStringLiteral("--profile"), QStringLiteral("staging")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("no server profile named staging; the profiles are: default (Server 1), test-system "
                              "(Test system)"),
             run.err.constData());
    // Connection options with a profile: a usage error too.
    const Run mixed =
        runCli({QStringLiteral("check"), QStringLiteral("--config"), mainPath(), QStringLiteral("--profile"),
                QStringLiteral("test-system"), QStringLiteral("--url"), m_url.toString()});
    QCOMPARE(mixed.exitCode, 2);
    QVERIFY2(mixed.err.contains("--url cannot be combined with --profile"), mixed.err.constData());
}

void tst_CliProfiles::aProfileWithoutAServerIsAUsageError()
{
    const Run run = runCli({QStringLiteral("check"), QStringLiteral("--config"), mainPath(),
                            QStringLiteral("--profile"), QStringLiteral("default")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("has no server URL yet"), run.err.constData());
}

void tst_CliProfiles::profileConnectsWithThePasscodeFromTheKeychain()
{
    // Nothing in the keychain yet: the server refuses the login without its passcode.
    const Run refused =
        runCli({QStringLiteral("check"), QStringLiteral("--config"), mainPath(), QStringLiteral("--profile"),
                QStringLiteral("Test System"), QStringLiteral("--timeout"), QStringLiteral("20")});
    QCOMPARE(refused.exitCode, 5); // authentication failed
    {
        CredentialStore store; // the tray app's keychain service, in this private keyring
        QVERIFY(store.isKeychainAvailable());
        QSignalSpy stored(&store, &CredentialStore::stored);
        store.store(m_account, Settings::passcodeItem(), "s3cret-from-the-keychain");
        QVERIFY(stored.wait(kWaitMs));
        QVERIFY(stored.at(0).at(2).toBool()); // persistent: in the keychain, not in memory
    }

    const Run check =
        runCli({QStringLiteral("check"), QStringLiteral("--config"), mainPath(), QStringLiteral("--profile"),
                QStringLiteral("test-system"), QStringLiteral("--timeout"), QStringLiteral("20")});
    QCOMPARE(check.exitCode, 0);
    const QByteArray connected = "connected to " + m_url.toString().toUtf8();
    QVERIFY2(check.out.contains(connected), check.out.constData());

    const QString store = m_dir.filePath(QStringLiteral("todos-test-system.sqlite"));
    const Run listen =
        runCli({QStringLiteral("listen"), QStringLiteral("--config"), mainPath(), QStringLiteral("--profile"),
                QStringLiteral("Test system"), QStringLiteral("--store"), store, QStringLiteral("--count"),
                QStringLiteral("2"), QStringLiteral("--timeout"), QStringLiteral("40")});
    QCOMPARE(listen.exitCode, 0);
    QStringList kinds;
    for (const QJsonObject &event : jsonLines(listen.out))
        kinds.append(event.value(QLatin1String("event")).toString());
    QCOMPARE(kinds,
             (QStringList {QStringLiteral("store"), QStringLiteral("connected"), QStringLiteral("todo"),
                           QStringLiteral("todo")}));
    QVERIFY(QFile::exists(store));
    // The passcode went from the keychain to the server, nowhere else.
    QVERIFY(!listen.out.contains("s3cret") && !listen.err.contains("s3cret"));
    QFile profile(m_dir.filePath(QStringLiteral("servers/test-system.ini")));
    QVERIFY(profile.open(QIODevice::ReadOnly));
    QVERIFY(!profile.readAll().contains("s3cret"));
}

QTEST_GUILESS_MAIN(tst_CliProfiles)
#include "tst_cli_profiles.moc"
