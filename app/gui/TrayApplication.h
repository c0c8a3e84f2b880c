#pragma once

#include "ConnectionSupervisor.h"
#include "CredentialStore.h"
#include "GuiOptions.h"
#include "Settings.h"
#include "StompClient.h"
#include "TodoOptions.h"
#include "TransportSelector.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class CatchUp;
class ConnectionStatus;
class DemoPushServer;
class NotificationCoordinator;
class Notifier;
class PendingCounter;
class SettingsDialog;
class TodoIngestor;
class TodoListWindow;
class TodoModel;
class TodoOpener;
class TodoStore;
class TrayController;

// The tray application's wiring: settings and keychain, the STOMP client and its transports, the todo pipeline
// (store, ingestor, catch-up, model), and the widgets on top (tray icon, notifications, list window, settings
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
    // One line of JSON for `todo-notifier --status`: state, pendingCount, unreadCount, lastError and more.
    QByteArray statusJson() const;
    // The todos as the widgets show them (read-only; bench/tray_burst.cpp watches it fill).
    const TodoModel *model() const { return m_model.get(); }

Q_SIGNALS:
    void quitRequested();

private:
    bool openStore(bool demo);
    void startDemo();
    void applyConfiguration();
    void onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets);
    void configureClient(StompConnectOptions options, const QList<StompSubscription> &subscriptions);
    void applyTodoOptions(const QUrl &pushUrl);
    void applyAutostart();
    void onSettingsApplied();
    void openSettings(bool firstRun);
    void showAbout();
    void quit();
    TodoOptions todoOptions() const;

    GuiOptions m_options;
    Settings *m_settings = nullptr; // owned
    CredentialStore m_credentials;
    std::unique_ptr<DemoPushServer> m_demo;
    TransportSelector m_transports;
    StompClient m_client;
    ConnectionSupervisor m_supervisor {&m_client};
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoModel> m_model;
    std::unique_ptr<TodoIngestor> m_ingestor;
    std::unique_ptr<CatchUp> m_catchUp;
    std::unique_ptr<PendingCounter> m_counter;
    std::unique_ptr<ConnectionStatus> m_status;
    std::unique_ptr<TodoOpener> m_opener;
    std::unique_ptr<TrayController> m_tray;
    std::unique_ptr<Notifier> m_notifier; // may use the tray icon: destroyed before it
    std::unique_ptr<NotificationCoordinator> m_coordinator;
    std::unique_ptr<TodoListWindow> m_window;
    QPointer<SettingsDialog> m_settingsDialog;
    QString m_pendingAccount; // the keychain account whose secrets are being read
    bool m_trayAvailable = false;
    bool m_quitting = false;
};
