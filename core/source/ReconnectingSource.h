#pragma once

#include "source/PushSource.h"
#include "source/ReconnectPolicy.h"

#include <QList>
#include <QUrl>

#include <memory>

class Clock;
class ClockTimer;
class LivenessMonitor;

// The connection state machine a push protocol needs, once, for every protocol that is not STOMP (whose StompClient
// keeps its own, with the same ReconnectPolicy and LivenessMonitor inside):
//
//   Disconnected --start()--> Connecting --connectionEstablished()--> Connected
//   Connecting/Connected --connectionFailed(), silence, connect timeout--> Backoff --policy's delay--> Connecting
//   Backoff --a failure retrying cannot fix, again and again--> NeedsAttention --a slow retry--> Connecting
//   Backoff --attempt limit (or, when told to give up, a failure retrying cannot fix)--> Failed
//   any --stop()--> Disconnected
//
// A protocol derives from it and implements openConnection() (start an attempt on a URL and report how it went with
// connectionEstablished() or connectionFailed()), closeConnection() (let go of it at once, without reporting) and,
// where it can, sendProbe() (provoke an answer, for a liveness check after a network change or a clock jump). It
// reports inbound traffic with noteActivity() and delivers payloads with deliver().
class ReconnectingSource : public PushSource
{
    Q_OBJECT

public:
    struct ConnectionOptions
    {
        QList<QUrl> urls; // tried in turn: failover order
        ReconnectOptions reconnect;
        qint64 connectTimeoutMs = 15000; // from openConnection() to connectionEstablished()
        qint64 probeTimeoutMs = 5000; // how long a probe may wait for an answer
    };

    explicit ReconnectingSource(QObject *parent = nullptr);
    ~ReconnectingSource() override;
    Q_DISABLE_COPY_MOVE(ReconnectingSource)

    // Seams for tests; call before start().
    void setClock(Clock *clock);
    void setRandomSeed(quint32 seed);
    Clock *clock() const { return m_clock; }

    void setConnectionOptions(const ConnectionOptions &options);
    const ConnectionOptions &connectionOptions() const { return m_options; }

    State state() const override { return m_state; }
    PushError lastError() const override { return m_lastError; }
    SourceSession session() const override { return m_session; }
    QList<QUrl> urls() const override { return m_options.urls; }
    QUrl currentUrl() const override { return m_policy->currentUrl(); }
    int attempt() const override { return m_policy->attempt(); }

public Q_SLOTS:
    void start() override;
    void stop() override;
    void reconnectNow() override;
    void checkLiveness() override;

protected:
    // Start connecting to `url`; report with connectionEstablished() or connectionFailed(), never synchronously.
    virtual void openConnection(const QUrl &url) = 0;
    // Let go of the connection (open or opening) at once, reporting nothing. Safe to call at any time.
    virtual void closeConnection() = 0;
    // Provoke an answer from the server (a ping, an application keep-alive); false when the protocol cannot.
    virtual bool sendProbe() { return false; }

    // The connection is up. silenceLimitMs > 0: silence longer than that is a lost connection. wallCheck: nothing
    // ticks periodically on this connection, so the monitor looks for clock jumps itself.
    void connectionEstablished(const SourceSession &session, qint64 silenceLimitMs, bool wallCheck);
    // An attempt failed, or the live connection was lost.
    void connectionFailed(const PushError &error);
    // The server asked not to be reconnected (Server-Sent Events' HTTP 204): like connectionFailed(), but no retry
    // follows; the source stays Failed until start() or reconnectNow().
    void connectionEndedForGood(const PushError &error);
    // Inbound traffic of any kind.
    void noteActivity();
    // Hands a pushed payload on (only while connected); fills in the source's name.
    void deliver(InboundMessage message);
    // Looks for a clock jump from the protocol's own periodic work (a keep-alive it sends).
    void checkClockJump();
    LivenessMonitor *liveness() const { return m_liveness; }

private:
    void setState(State state);
    void startAttempt();
    void scheduleReconnect();
    void teardown();
    void onRetryDue();
    void onConnectTimeout();
    void onSilenceExceeded(qint64 silenceMs);
    void onProbeFailed();

    ConnectionOptions m_options;
    State m_state = State::Disconnected;
    PushError m_lastError;
    SourceSession m_session;
    Clock *m_clock = nullptr;
    ReconnectPolicy *m_policy = nullptr; // a child
    LivenessMonitor *m_liveness = nullptr; // a child
    std::unique_ptr<ClockTimer> m_connectTimer;
    bool m_stopped = true;
};
