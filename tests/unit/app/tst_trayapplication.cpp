// TrayApplication, the wiring of todo-notifier, with the user's settings and an administrator's presets read from
// $XDG_CONFIG_DIRS (a temporary directory here) as on a managed desktop.
#include "GuiOptions.h"
#include "TrayApplication.h"
#include "config/ServerProfiles.h"
#include "config/Settings.h"
#include "list/TodoListWindow.h"
#include "model/MergedTodoModel.h"
#include "platform/XdgAutostart.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
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
    void serversAddedRemovedAndChangedFollowAtOnce();

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

void tst_TrayApplication::serversAddedRemovedAndChangedFollowAtOnce()
{
    // A settings file of its own (--config), so that a server's profile goes beside it.
    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QSettings main(dir.filePath(QStringLiteral("todo-notifier.ini")), QSettings::IniFormat);
        main.setValue(QStringLiteral("connection/urls"), QStringList {QStringLiteral("ws://127.0.0.1:9/ws")});
    }
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("data"))));
    GuiOptions options;
    options.minimized = true;
    options.configPath = dir.filePath(QStringLiteral("todo-notifier.ini"));
    TrayApplication app(options);
    QVERIFY(app.start());
    const auto servers = [&app] {
        return QJsonDocument::fromJson(app.statusJson()).object().value(QLatin1String("servers")).toArray();
    };
    QCOMPARE(servers().size(), 1);

    // Added: listed, with a store of its own, and named in the list of every server's todos.
    QString error;
    const QString id = app.profiles()->add(QStringLiteral("Test system"), &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error));
    QCOMPARE(servers().size(), 2);
    QCOMPARE(servers().at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Test system"));
    QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                .exists(QStringLiteral("todos-%1.sqlite").arg(id)));
    QCOMPARE(app.model()->serverCount(), 2);
    QCOMPARE(app.model()->serverName(id), QStringLiteral("Test system"));
    QCOMPARE(servers().at(1).toObject().value(QLatin1String("url")).toString(), QString());

    // Its settings change (its own dialog applied): it connects with them.
    QVERIFY(app.profiles()->settings(id)->setUrls(Settings::Key::ServerUrls,
                                                  {QUrl(QStringLiteral("ws://127.0.0.1:9/test"))}));
    QTRY_COMPARE(servers().at(1).toObject().value(QLatin1String("url")).toString(),
                 QStringLiteral("ws://127.0.0.1:9/test"));

    // Renamed: the list follows.
    QVERIFY(app.profiles()->rename(id, QStringLiteral("Staging"), &error));
    QCOMPARE(app.model()->serverName(id), QStringLiteral("Staging"));

    // Removed: gone from the status and the list.
    QVERIFY2(app.profiles()->remove(id, &error), qPrintable(error));
    QCOMPARE(servers().size(), 1);
    QCOMPARE(app.model()->serverCount(), 1);
}

QTEST_MAIN(tst_TrayApplication)
#include "tst_trayapplication.moc"
