#pragma once

#include "source/PushSource.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class Clock;

// What the tray tooltip, the list window's status line and `todo-notifier --status` say about the connection: the push
// source's state in the words a person tells apart (connected, connecting, offline, failed), the server it is about,
// and the last error in one line. Texts are translated when asked for.
class ConnectionStatus final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(PushSource::State state READ state NOTIFY changed)

public:
    using State = PushSource::State;

    explicit ConnectionStatus(PushSource *source, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionStatus)

    // Follows another source from now on (the settings changed, the demo started).
    void setSource(PushSource *source);

    // Where "next attempt at ..." reads the time from; nullptr means Clock::system().
    void setClock(Clock *clock);

    PushSource *source() const { return m_source; }
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

    QPointer<PushSource> m_source;
    Clock *m_clock = nullptr;
    State m_state = State::Disconnected;
    QString m_lastError;
    QUrl m_nextUrl;
    qint64 m_nextAttemptWallMs = 0; // 0: no attempt scheduled
};
