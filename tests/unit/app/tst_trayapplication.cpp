// TrayApplication, the wiring of todo-notifier, with the user's settings and an administrator's presets read from
// $XDG_CONFIG_DIRS (a temporary directory here) as on a managed desktop.
#include "GuiOptions.h"
#include "TrayApplication.h"
#include "platform/XdgAutostart.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_TrayApplication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void lockedAutostartPresetIsAppliedAtStart();
    void unlockedAutostartPresetWaitsForThePerson();

private:
    bool writePreset(const QByteArray &appGroup);
    static bool startsAtLogin() { return XdgAutostart(QCoreApplication::applicationFilePath(), {}).isEnabled(); }

    std::unique_ptr<QTemporaryDir> m_systemDir;
};

void tst_TrayApplication::init()
{
    QFile::remove(XdgAutostart::userEntryPath());
    QVERIFY(QDir().mkpath(QDir::homePath()));
    m_systemDir = std::make_unique<QTemporaryDir>(QDir::homePath() + QStringLiteral("/xdg-XXXXXX"));
    QVERIFY(m_systemDir->isValid());
    qputenv("XDG_CONFIG_DIRS", QFile::encodeName(m_systemDir->path()));
}

bool tst_TrayApplication::writePreset(const QByteArray &appGroup)
{
    const QString dir = m_systemDir->filePath(QStringLiteral("TodoNotifier"));
    QFile preset(dir + QStringLiteral("/todo-notifier.conf"));
    // An unreachable server (the discard port), so that the first-run settings dialog stays closed.
    return QDir().mkpath(dir) && preset.open(QIODevice::WriteOnly)
        && preset.write("[connection]\nurls=ws://127.0.0.1:9/ws\n" + appGroup) > 0;
}

void tst_TrayApplication::lockedAutostartPresetIsAppliedAtStart()
{
    QVERIFY(writePreset("[app]\nautostart=true\n[admin]\nlocked=app/autostart\n"));
    QVERIFY(!startsAtLogin());
    GuiOptions options;
    options.minimized = true;
    TrayApplication app(options);
    QVERIFY(app.start());
    QVERIFY(startsAtLogin());
}

void tst_TrayApplication::unlockedAutostartPresetWaitsForThePerson()
{
    QVERIFY(writePreset("[app]\nautostart=true\n"));
    GuiOptions options;
    options.minimized = true;
    TrayApplication app(options);
    QVERIFY(app.start());
    // Only the settings dialog's OK turns it on: a preset nobody locked is a suggestion.
    QVERIFY(!startsAtLogin());
}

QTEST_MAIN(tst_TrayApplication)
#include "tst_trayapplication.moc"
