// SingleInstance with real processes: this test executable, started again with --secondary, plays the second
// launch. It must find the first instance, hand over its command line and exit 0; the first one receives it. A
// crashed primary's leftovers (lock, socket) must not block the next launch, and the socket is user-only.
#include "platform/SingleInstance.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <cstdlib>
#include <cstring>

namespace {

constexpr int kWaitMs = 15000;

// The second launch: try to become primary; if another one runs, pass the arguments to it.
// Exit codes: 0 handed over, 2 was primary itself, 3 could not reach the primary.
int runSecondary(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    SingleInstance instance(arguments.at(2));
    if (instance.start())
        return 2;
    return instance.sendToPrimary(arguments.mid(3), kWaitMs) ? 0 : 3;
}

// A primary that dies without cleaning up: its lock file and socket stay behind.
int runCrashingPrimary(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    SingleInstance instance(QCoreApplication::arguments().at(2));
    if (!instance.start())
        return 2;
    std::_Exit(0); // no destructors: what a crash or a kill -9 leaves
}

} // namespace

class tst_SingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void secondLaunchHandsOverAndExits();
    void secondLaunchAfterPrimaryQuitBecomesPrimary();
    void crashedPrimaryDoesNotBlockTheNextLaunch();
    void keyIsPerUserAndStable();
    void socketIsUserOnly();
    void noPrimaryMeansSendFails();

private:
    int launchSecondary(const QStringList &arguments);
    QString m_key;
};

void tst_SingleInstance::init()
{
    m_key = QStringLiteral("todo-notifier-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

int tst_SingleInstance::launchSecondary(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QCoreApplication::applicationFilePath(),
                  QStringList {QStringLiteral("--secondary"), m_key} + arguments);
    // The event loop must keep running meanwhile: the primary answers from it.
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(kWaitMs))
        return -1;
    return process.exitCode();
}

void tst_SingleInstance::secondLaunchHandsOverAndExits()
{
    SingleInstance primary(m_key);
    QVERIFY(primary.start());
    QVERIFY(primary.isPrimary());
    QSignalSpy received(&primary, &SingleInstance::messageReceived);

    QCOMPARE(launchSecondary({QStringLiteral("--settings"), QStringLiteral("待办 with spaces")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QCOMPARE(received.at(0).at(0).toStringList(),
             (QStringList {QStringLiteral("--settings"), QStringLiteral("待办 with spaces")}));

    // And again (a person double-clicking the launcher twice more).
    QCOMPARE(launchSecondary({}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    QCOMPARE(received.at(1).at(0).toStringList(), QStringList());
}

void tst_SingleInstance::secondLaunchAfterPrimaryQuitBecomesPrimary()
{
    {
        SingleInstance primary(m_key);
        QVERIFY(primary.start());
    }
    QCOMPARE(launchSecondary({}), 2); // nobody to hand over to: it is the primary now
}

void tst_SingleInstance::crashedPrimaryDoesNotBlockTheNextLaunch()
{
    QProcess crashing;
    crashing.setProcessChannelMode(QProcess::ForwardedChannels);
    crashing.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-as-primary"), m_key});
    QVERIFY(crashing.waitForFinished(kWaitMs));
    QCOMPARE(crashing.exitCode(), 0);

    SingleInstance next(m_key);
    QVERIFY(QFileInfo::exists(next.serverName())); // the dead one's socket is still there...
    QVERIFY(next.start()); // ...and does not stop the next launch
    QSignalSpy received(&next, &SingleInstance::messageReceived);
    QCOMPARE(launchSecondary({QStringLiteral("--show")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
}

void tst_SingleInstance::keyIsPerUserAndStable()
{
    const QString key = SingleInstance::defaultKey();
    QCOMPARE(SingleInstance::defaultKey(), key);
    QVERIFY(key.startsWith(QStringLiteral("todo-notifier-")));
    const QByteArray home = qgetenv("HOME");
    qputenv("HOME", "/home/someone-else");
    QVERIFY(SingleInstance::defaultKey() != key);
    qputenv("HOME", home);
}

void tst_SingleInstance::socketIsUserOnly()
{
    SingleInstance primary(m_key);
    QVERIFY(primary.start());
#if defined(Q_OS_UNIX)
    const QFileInfo socket(primary.serverName());
    QVERIFY2(socket.exists(), qPrintable(primary.serverName()));
    const QFile::Permissions others =
        QFile::ReadOther | QFile::WriteOther | QFile::ExeOther | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup;
    QVERIFY2(!(socket.permissions() & others), qPrintable(QString::number(int(socket.permissions()), 16)));
#endif
}

void tst_SingleInstance::noPrimaryMeansSendFails()
{
    SingleInstance lonely(m_key);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no answer from the running instance")));
    QVERIFY(!lonely.sendToPrimary({QStringLiteral("x")}, 300));
}

int main(int argc, char *argv[])
{
    if (argc >= 3 && std::strcmp(argv[1], "--secondary") == 0)
        return runSecondary(argc, argv);
    if (argc >= 3 && std::strcmp(argv[1], "--crash-as-primary") == 0)
        return runCrashingPrimary(argc, argv);
    QCoreApplication app(argc, argv);
    tst_SingleInstance test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_singleinstance.moc"
