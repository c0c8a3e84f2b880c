#pragma once

#include "config/Settings.h"
#include "pipeline/TodoPipeline.h"
#include "source/PushSource.h"
#include "store/SnoozeTimes.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class ConnectionStatus;
class CredentialStore;
class NotificationCoordinator;
class Notifier;
class PendingCounter;
class SnoozeScheduler;
class TodoOpener;

// One server the tray application is connected to, with everything that is that server's own: its settings (the
// main settings for the first server, a profile for another: ServerProfiles), its secrets from the keychain, its
// pipeline (push source, ingestor, store file, catch-up, model), its connection status and pending count, the
// coordinator that notifies its todos, and the scheduler that wakes its snoozed todos. TrayApplication has one per
// server and puts them together for the widgets (a merged list, the tray's total and worst state).
class ServerSession final : public QObject
{
    Q_OBJECT
public:
    // `settings` are this server's (global preferences such as notifications and quiet hours are read from
    // `global`); every pointer must outlive the session. `serverId` as in ServerKey: "" for the first server.
    ServerSession(const QString &serverId, Settings *settings, Settings *global, CredentialStore *credentials,
                  QObject *parent = nullptr);
    ~ServerSession() override;
    Q_DISABLE_COPY_MOVE(ServerSession)

    QString id() const { return m_id; }
    Settings *settings() const { return m_settings; }
    TodoPipeline *pipeline() { return &m_pipeline; }
    TodoStore *store() const { return m_pipeline.store(); }
    TodoModel *model() { return m_pipeline.model(); }
    PushSource *source() const { return m_pipeline.source(); }
    ConnectionStatus *status() const { return m_status.get(); }
    PendingCounter *counter() const { return m_counter.get(); }
    NotificationCoordinator *coordinator() const { return m_coordinator.get(); }
    SnoozeScheduler *snoozeScheduler() const { return m_snooze.get(); }

    // Notifies this server's todos through `notifier` (shared by every server), opening them with `opener`; both
    // must outlive the session. Once, before connecting.
    void notifyThrough(Notifier *notifier, TodoOpener *opener);
    // One of several servers, called `name` in notifications (NotificationCoordinator::setServer()).
    void setShared(const QString &name);

    // Opens the store at `storePath` (the one open is kept when it is the same); wakes what came due meanwhile.
    bool open(const QString &storePath, bool hasPendingList = true);
    QString storeError() const;

    // Connects with the server's settings: reads its secrets from the keychain first (asynchronously), then starts
    // a source (none while no URL is configured).
    void connectWithSettings();
    // Connects with `settings` and `secrets` as they are (the demo, a configuration without secrets).
    void useSource(const SettingsView &settings, const ConnectionSecrets &secrets);
    // Snoozes the todo `key` (its key in this server's store) for `durationMs` from now (a notification's action).
    bool snoozeForMs(const QString &key, qint64 durationMs);
    bool snooze(const QString &key, SnoozeTimes::Preset preset);

    // Commits what is queued and says goodbye to the server (the source goes Disconnected once it has).
    void stop();

Q_SIGNALS:
    void sourceChanged(PushSource *source);

private:
    void onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets);
    TodoOptions todoOptions() const;

    QString m_id;
    QPointer<Settings> m_settings;
    QPointer<Settings> m_global;
    QPointer<CredentialStore> m_credentials;
    TodoPipeline m_pipeline;
    std::unique_ptr<ConnectionStatus> m_status;
    std::unique_ptr<PendingCounter> m_counter;
    std::unique_ptr<NotificationCoordinator> m_coordinator;
    std::unique_ptr<SnoozeScheduler> m_snooze;
    QString m_pendingAccount; // the keychain account whose secrets are being read
    bool m_hasPendingList = true; // false for the demo, which has no pending list
    bool m_reconnectQueued = false; // its settings changed: connecting again on the next turn of the event loop
};
