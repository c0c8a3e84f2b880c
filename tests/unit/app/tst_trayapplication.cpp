// TrayApplication, the wiring of todo-notifier, with the user's settings and an administrator's presets read from
// $XDG_CONFIG_DIRS (a temporary directory here) as on a managed desktop.
#include "GuiOptions.h"
#include "TrayApplication.h"
#include "list/TodoListWindow.h"
#include "platform/XdgAutostart.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

class tst_TrayApplication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void lockedAutostartPresetIsAppliedAtStart();
    void unlockedAutostartPresetWaitsForThePerson();
    void listWindowIsMadeWhenFirstAskedFor();
    void withoutTrayTheWindowIsTheMainWindowFromTheStart();

private:
    bool writePreset(const QByteArray &appGroup);
    static QList<TodoListWindow *> listWindows();
    static bool windowVisible(const TrayApplication &app)
    {
        return QJsonDocument::fromJson(app.statusJson()).object().value(QStringLiteral("windowVisible")).toBool();
    }
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

QList<TodoListWindow *> tst_TrayApplication::listWindows()
{
    QList<TodoListWindow *> windows;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<TodoListWindow *>(widget))
            windows.append(window);
    }
    return windows;
}

void tst_TrayApplication::listWindowIsMadeWhenFirstAskedFor()
{
    QVERIFY(writePreset({}));
    GuiOptions options;
    options.minimized = true;
    TrayApplication app(options);
    // Nothing has asked for the list yet: no window, and none shown.
    QVERIFY(listWindows().isEmpty());
    QVERIFY(!windowVisible(app));

    // A later launch (SingleInstance) asks for it.
    app.handleMessage({});
    QCOMPARE(listWindows().size(), 1);
    QVERIFY(listWindows().constFirst()->isVisible());
    QVERIFY(windowVisible(app));
    // The same window the next time.
    app.handleMessage({});
    QCOMPARE(listWindows().size(), 1);
}

void tst_TrayApplication::withoutTrayTheWindowIsTheMainWindowFromTheStart()
{
    if (QSystemTrayIcon::isSystemTrayAvailable())
        QSKIP("this platform has a system tray");
    QVERIFY(writePreset({}));
    GuiOptions options;
    TrayApplication app(options);
    QVERIFY(app.start());
    // Shown at start, with the notice that says why (set before the window existed).
    const QList<TodoListWindow *> windows = listWindows();
    QCOMPARE(windows.size(), 1);
    QVERIFY(windows.constFirst()->isVisible());
    QVERIFY(!windows.constFirst()->persistentNotice().isEmpty());
}

QTEST_MAIN(tst_TrayApplication)
#include "tst_trayapplication.moc"
