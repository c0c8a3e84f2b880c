// XdgAutostart: the entry lands in $XDG_CONFIG_HOME/autostart (respected, not hard-coded ~/.config), its Exec line
// starts the program with its arguments quoted by the Desktop Entry rules, and it interacts correctly with an
// inert (Hidden) or enabled system-wide entry from a package.
#include "platform/Autostart.h"
#include "platform/XdgAutostart.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class tst_XdgAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createGivesTheXdgImplementation();
    void enableWritesAnEntryThatStartsTheProgram();
    void disableRemovesIt();
    void respectsXdgConfigHome();
    void execLineQuoting_data();
    void execLineQuoting();
    void inertSystemEntryIsOffUntilEnabled();
    void enabledSystemEntryIsTurnedOffByAUserEntry();
    void packagedEntryIsInert();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_program = QStringLiteral("/opt/Todo Notifier/bin/todo-notifier");
};

void tst_XdgAutostart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CONFIG_DIRS", m_dir->filePath(QStringLiteral("etc-xdg")).toUtf8());
}

void tst_XdgAutostart::cleanup()
{
    m_dir.reset();
}

void tst_XdgAutostart::createGivesTheXdgImplementation()
{
    const auto autostart = Autostart::create(m_program, {QStringLiteral("--minimized")});
    QVERIFY(dynamic_cast<XdgAutostart *>(autostart.get()));
    QCOMPARE(autostart->location(), m_dir->filePath(QStringLiteral("config/autostart/todo-notifier.desktop")));
}

void tst_XdgAutostart::enableWritesAnEntryThatStartsTheProgram()
{
    XdgAutostart autostart(m_program, {QStringLiteral("--minimized")});
    QVERIFY(!autostart.isEnabled());
    QString error;
    QVERIFY(autostart.setEnabled(true, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(autostart.isEnabled());
    const QByteArray entry = readFile(autostart.location());
    QVERIFY(entry.startsWith("[Desktop Entry]\n"));
    QVERIFY(entry.contains("\nType=Application\n"));
    QVERIFY(entry.contains("\nExec=\"/opt/Todo Notifier/bin/todo-notifier\" --minimized\n"));
    QVERIFY(entry.contains("\nHidden=false\n"));
    QVERIFY(entry.contains("\nX-GNOME-Autostart-enabled=true\n"));
    QVERIFY(entry.contains("\nName=Todo Notifier\n"));
    // Enabling twice is harmless.
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
}

void tst_XdgAutostart::disableRemovesIt()
{
    XdgAutostart autostart(m_program, {});
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(QFile::exists(autostart.location()));
    QVERIFY(autostart.setEnabled(false));
    QVERIFY(!QFile::exists(autostart.location()));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false)); // already off
}

void tst_XdgAutostart::respectsXdgConfigHome()
{
    const QString other = m_dir->filePath(QStringLiteral("elsewhere"));
    qputenv("XDG_CONFIG_HOME", other.toUtf8());
    XdgAutostart autostart(m_program, {});
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(QFile::exists(other + QStringLiteral("/autostart/todo-notifier.desktop")));
    // Unset: ~/.config, per the specification.
    qunsetenv("XDG_CONFIG_HOME");
    QCOMPARE(XdgAutostart::userEntryPath(),
             QDir::homePath() + QStringLiteral("/.config/autostart/todo-notifier.desktop"));
    // A relative value is invalid by the specification and ignored.
    qputenv("XDG_CONFIG_HOME", "relative/dir");
    QCOMPARE(XdgAutostart::userEntryPath(),
             QDir::homePath() + QStringLiteral("/.config/autostart/todo-notifier.desktop"));
}

void tst_XdgAutostart::execLineQuoting_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("exec");
    QTest::newRow("plain") << QStringLiteral("/usr/bin/todo-notifier") << QStringList {QStringLiteral("--minimized")}
                           << QStringLiteral("/usr/bin/todo-notifier --minimized");
    QTest::newRow("space") << QStringLiteral("/opt/my apps/todo") << QStringList()
                           << QStringLiteral("\"/opt/my apps/todo\"");
    QTest::newRow("percent") << QStringLiteral("/usr/bin/todo") << QStringList {QStringLiteral("--config=/tmp/100%")}
                             << QStringLiteral("/usr/bin/todo --config=/tmp/100%%");
    QTest::newRow("dollar and quote") << QStringLiteral("/usr/bin/todo")
                                      << QStringList {QStringLiteral("--config"), QStringLiteral("/h/$x \"y\"")}
                                      << QStringLiteral("/usr/bin/todo --config \"/h/\\\\$x \\\\\"y\\\\\"\"");
    QTest::newRow("empty argument") << QStringLiteral("/usr/bin/todo") << QStringList {QString()}
                                    << QStringLiteral("/usr/bin/todo \"\"");
}

void tst_XdgAutostart::execLineQuoting()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, exec);
    QCOMPARE(XdgAutostart::execLine(program, arguments), exec);
}

void tst_XdgAutostart::inertSystemEntryIsOffUntilEnabled()
{
    // What the package installs: present but Hidden until the person turns autostart on.
    const QString system = m_dir->filePath(QStringLiteral("etc-xdg/autostart/todo-notifier.desktop"));
    QVERIFY(writeFile(system,
                      "[Desktop Entry]\nType=Application\nName=Todo Notifier\nExec=todo-notifier "
                      "--minimized\nHidden=true\n"));
    XdgAutostart autostart(m_program, {QStringLiteral("--minimized")});
    QCOMPARE(XdgAutostart::systemEntryPath(), system);
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!QFile::exists(autostart.location())); // the inert system entry suffices
    QVERIFY(QFile::exists(system)); // and is never touched
}

void tst_XdgAutostart::enabledSystemEntryIsTurnedOffByAUserEntry()
{
    const QString system = m_dir->filePath(QStringLiteral("etc-xdg/autostart/todo-notifier.desktop"));
    QVERIFY(writeFile(system, "[Desktop Entry]\nType=Application\nName=Todo Notifier\nExec=todo-notifier\n"));
    XdgAutostart autostart(m_program, {});
    QVERIFY(autostart.isEnabled()); // an administrator enabled it for everyone
    QVERIFY(autostart.setEnabled(false));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(readFile(autostart.location()).contains("\nHidden=true\n")); // the user's file overrides it
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
}

void tst_XdgAutostart::packagedEntryIsInert()
{
    // The file the Debian package installs as /etc/xdg/autostart/todo-notifier.desktop (packaging/linux).
    const QString source = qEnvironmentVariable("TODO_SOURCE_DIR");
    if (source.isEmpty())
        QSKIP("run through CTest, which sets TODO_SOURCE_DIR");
    const QByteArray packaged = readFile(source + QStringLiteral("/packaging/linux/todo-notifier-autostart.desktop"));
    QVERIFY(!packaged.isEmpty());
    // What the application writes when enabled, so that the person's entry replaces this one exactly.
    QVERIFY(packaged.contains("\nExec=todo-notifier --minimized\n"));
    QVERIFY(packaged.contains("\nHidden=true\n"));
    const QString system = m_dir->filePath(QStringLiteral("etc-xdg/autostart/") + XdgAutostart::fileName());
    QVERIFY(writeFile(system, packaged));

    XdgAutostart autostart(m_program, {QStringLiteral("--minimized")});
    QCOMPARE(XdgAutostart::systemEntryPath(), system);
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true));
    QVERIFY(autostart.isEnabled());
    QVERIFY(readFile(autostart.location()).contains("\nExec=\"/opt/Todo Notifier/bin/todo-notifier\" --minimized\n"));
    QVERIFY(autostart.setEnabled(false));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!QFile::exists(autostart.location()));
    QCOMPARE(readFile(system), packaged);
}

QTEST_GUILESS_MAIN(tst_XdgAutostart)
#include "tst_xdgautostart.moc"
