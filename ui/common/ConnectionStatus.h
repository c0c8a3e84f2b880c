#pragma once

#include "source/PushSource.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <optional>

class Clock;

// What the tray tooltip, the list window's status line and `todo-notifier --status` say about the connection: the push
// source's state in the words a person tells apart (connected, connecting, offline, failed), the server it is about,
// and the last error in one line. Texts are translated when asked for.
//
// With several servers one ConnectionStatus stands for all of them (addServer()): its state is the worst of theirs
// (needs attention, failed, offline, connecting, connected), and its texts are the worst server's, named, with how
// many are connected ("Test system: offline, next attempt at 14:03:05 — 1 of 2 servers connected"). With one
// server it says exactly what that server's status says.
class ConnectionStatus final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(PushSource::State state READ state NOTIFY changed)

public:
    using State = PushSource::State;

    explicit ConnectionStatus(PushSource *source, QObject *parent = nullptr);
    // The status of several servers: addServer() each.
    explicit ConnectionStatus(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionStatus)

    // Stands for `server` too (it must outlive this, or be removed first); `name` is what people call it.
    void addServer(ConnectionStatus *server, const QString &name);
    void clearServers();
    // The sources it is about: its own, or every server's.
    QList<PushSource *> sources() const;
    // Tries every source it is about again now (the tray menu's "Reconnect").
    void reconnectNow();

    // Follows another source from now on (the settings changed, the demo started).
    void setSource(PushSource *source);

    // Where "next attempt at ..." reads the time from; nullptr means Clock::system().
    void setClock(Clock *clock);

    // Its own source; with several servers the worst one's.
    PushSource *source() const;
    State state() const { return m_state; }
    // Disconnected, disconnecting or waiting to reconnect: what a person calls offline.
    bool isOffline() const { return isOffline(m_state); }
    static bool isOffline(State state);
    // False while no server URL is configured (the first run, before the settings are filled in).
    bool isConfigured() const;
    // "host:port" of the server connected to, or being tried.
    QString server() const;
    // The last error, one line for people; empty once connected again.
    QString lastError() const { return m_lastError; }

    // "connected to host", "connecting to host…", "offline, next attempt at 14:03:05", "failed: …" (lower case,
    // to follow "N pending todos — ").
    QString stateText() const;
    // The state and, when there is one, the last error: "Offline, next attempt at 14:03:05 (connection refused)".
    QString description() const;

    // "connected", "connecting", "offline", "failed": stable names for --status and logs (isOffline() states are
    // "offline").
    static QString stateName(State state);

Q_SIGNALS:
    void changed();

private:
    void onStateChanged(State state);
    void onError(const PushError &error);
    void onReconnecting(int attempt, qint64 delayMs, const QUrl &nextUrl);
    struct Server
    {
        QPointer<ConnectionStatus> status;
        QString name;
    };
    // The server whose state is the worst (configured ones first); nullptr without servers.
    const Server *worst() const;
    void onServerChanged();
    static int severity(State state);

    QPointer<PushSource> m_source;
    Clock *m_clock = nullptr;
    State m_state = State::Disconnected;
    QString m_lastError;
    QUrl m_nextUrl;
    mutable std::optional<QString> m_connectedServer; // server() while connected: read once per connection
    qint64 m_nextAttemptWallMs = 0; // 0: no attempt scheduled
    QList<Server> m_servers; // several servers: this stands for them
};
