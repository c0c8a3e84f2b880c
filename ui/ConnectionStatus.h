#pragma once

#include "StompClient.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class Clock;

// What the tray tooltip, the list window's status line and `todo-notifier --status` say about the connection: a
// StompClient's state folded into the four states a person tells apart (connected, connecting, offline, failed),
// the server it is about, and the last error in one line. Texts are translated when asked for.
class ConnectionStatus final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY changed)

public:
    enum class State { Connected, Connecting, Offline, Failed };
    Q_ENUM(State)

    explicit ConnectionStatus(StompClient *client, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionStatus)

    // Where "next attempt at ..." reads the time from; nullptr means Clock::system().
    void setClock(Clock *clock);

    StompClient *client() const { return m_client; }
    State state() const { return m_state; }
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

    // "connected", "connecting", "offline", "failed": stable names for --status and logs.
    static QString stateName(State state);

Q_SIGNALS:
    void changed();

private:
    void onStateChanged(StompClient::State state);
    void onError(const StompError &error);
    void onReconnecting(int attempt, qint64 delayMs, const QUrl &nextUrl);
    static State fold(StompClient::State state);

    QPointer<StompClient> m_client;
    Clock *m_clock = nullptr;
    State m_state = State::Offline;
    QString m_lastError;
    QUrl m_nextUrl;
    qint64 m_nextAttemptWallMs = 0; // 0: no attempt scheduled
};
