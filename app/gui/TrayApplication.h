#pragma once

#include "GuiOptions.h"
#include "config/CredentialStore.h"
#include "config/Settings.h"
#include "source/ConnectionSupervisor.h"
#include "source/PushSource.h"
#include "store/SnoozeTimes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <vector>

class ConnectionStatus;
class DemoPushServer;
class MergedTodoModel;
class NotificationCoordinator;
class Notifier;
class PendingCounter;
class ServerSession;
class SettingsDialog;
class ServerProfiles;
class TodoListWindow;
class TodoOpener;
class TodoPipeline;
class TrayController;

// The tray application's wiring: settings and keychain, a ServerSession per server (its pipeline, status, count,
// notifications and snoozes), and the widgets on top of all of them (tray icon, notifications, list window, settings
// dialog). Everything it does is done by those classes; this one only connects them and follows the settings.
class TrayApplication final : public QObject
{
    Q_OBJECT
public:
    // The destination the demo configuration subscribes to (the demo server pushes to every subscription).
    static constexpr const char *kDemoDestination = "/user/topic/all";

    explicit TrayApplication(const GuiOptions &options, QObject *parent = nullptr);
    ~TrayApplication() override;
    Q_DISABLE_COPY_MOVE(TrayApplication)

    // Opens the store, shows the tray icon (or the list window when there is no tray) and connects. Returns false
    // if the application cannot run (a message has been shown).
    bool start();

    // The command line of a later launch (SingleInstance): brings up the list window or the settings dialog.
    void handleMessage(const QStringList &arguments);
    // Says goodbye to the server (what is queued is committed first), hides the icon and the window, then
    // quitRequested(): the tray menu's Quit, and SIGTERM (main.cpp).
    void quit();
    // One line of JSON for `todo-notifier --status`: state, pendingCount, unreadCount, lastError and more.
    QByteArray statusJson() const;
    // The todos as the widgets show them (read-only; bench/tray_burst.cpp watches it fill).
    const MergedTodoModel *model() const { return m_todos.get(); }
    // The first server's pipeline (bench/tray_burst.cpp times the messages its source delivers).
    const TodoPipeline *firstPipeline() const;
    // The servers it connects to: a server added or removed here (the settings' Servers page does it) is connected
    // or disconnected at once, and one whose settings change connects again with them.
    ServerProfiles *profiles() const { return m_profiles.get(); }
    // Snoozes the todo `key` for `preset` from now (a notification's "Snooze" action, the list's menu); it notifies
    // again, once, when the snooze ends (SnoozeScheduler). False when nothing changed (no such todo, or done).
    bool snoozeTodo(const QString &key, SnoozeTimes::Preset preset);

Q_SIGNALS:
    void quitRequested();

private:
    void startDemo();
    void applyConfiguration();
    void applyAutostart();
    void onSettingsApplied();
    void openSettings(bool firstRun);
    void showAbout();
    // The list window, made on first use.
    TodoListWindow *window();
    // A message for the window's status area, kept for it while it does not exist yet.
    void showWindowMessage(const QString &text);
    // The first server's session (the main settings; the demo).
    ServerSession *first() const { return m_sessions.front().get(); }
    // The session of the server `serverId` (ServerKey), or nullptr.
    ServerSession *session(const QString &serverId) const;
    // Makes the sessions follow the list of servers (only the first while the demo runs): a server added gets a
    // session (its store opened once the application has started; applyConfiguration() connects it), a removed one
    // is stopped and goes; the names are given to the list, the status and the notifications.
    std::vector<ServerSession *> syncSessions(); // returns the sessions added
    ServerSession *addSession(const QString &serverId);
    // Opens `server`'s store (the demo's for the first server while the demo runs); false with a message shown
    // when it cannot be opened.
    bool openStore(ServerSession *server);
    void onServersChanged();

    GuiOptions m_options;
    Settings *m_settings = nullptr; // owned
    std::unique_ptr<ServerProfiles> m_profiles; // the servers (the first one: m_settings)
    CredentialStore m_credentials;
    std::unique_ptr<DemoPushServer> m_demo;
    ConnectionSupervisor m_supervisor;
    std::unique_ptr<PendingCounter> m_counter; // every server's
    std::unique_ptr<ConnectionStatus> m_status; // every server's
    std::unique_ptr<TodoOpener> m_opener;
    std::unique_ptr<TrayController> m_tray;
    std::unique_ptr<Notifier> m_notifier; // may use the tray icon: destroyed before it
    std::unique_ptr<MergedTodoModel> m_todos; // what the widgets list: every server's todos
    std::vector<std::unique_ptr<ServerSession>> m_sessions; // in the order of the servers; the first never goes
    std::unique_ptr<TodoListWindow> m_window; // made by window()
    QString m_persistentNotice; // the window's, also before it exists
    QString m_windowMessage; // the last message for the window's status area
    QPointer<SettingsDialog> m_settingsDialog;
    PushSource::State m_loggedState = PushSource::State::Disconnected;
    bool m_trayAvailable = false;
    bool m_started = false; // start() ran: a session added from now on opens its store and connects at once
    bool m_quitting = false;
};
