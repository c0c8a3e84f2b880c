#pragma once

#include "source/PushError.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <random>

class Clock;
class ClockTimer;

// How a source paces its reconnects: exponential backoff with jitter on top of a floor (each delay drawn from the
// upper part of its step, by default 50-100 %, "equal jitter": never sooner than half the step, never all at once).
struct ReconnectOptions
{
    qint64 initialDelayMs = 1000;
    qint64 maxDelayMs = 60000;
    double factor = 2.0;
    double jitter = 0.5; // the delay is drawn uniformly from [d*(1-jitter), d]
    int maxAttempts = 0; // 0 = unlimited; otherwise give up after this many failed attempts in a row
    qint64 stableAfterMs = 30000; // a connection up this long resets the attempt count and the delay
    // A stable connection lost while other URLs are configured (another node of a cluster): the next URL is tried
    // after a random wait of at most this long instead of the backoff (spread, so a fleet does not arrive at once).
    qint64 failoverDelayMs = 500;
    int maxAuthFailures = 3; // consecutive authentication failures before giving up
    // The same failure that retrying cannot fix (PushError::isTransient() false: a path that is not there, TLS
    // rejected, not this protocol, a refused subscription) this often in a row needs the person's attention: retry
    // slowly (every attentionRetryMs), or give up when giveUpWhenAttentionNeeded (the CLI, which then exits).
    int maxPermanentFailures = 3;
    qint64 attentionRetryMs = 300000;
    bool giveUpWhenAttentionNeeded = false;

    // The un-jittered delay before attempt `attempt` (1-based).
    qint64 baseDelay(int attempt) const;
};

// The reconnect decisions every push source shares, in one place: which URL to try (failover in the configured
// order: every failure moves on to the next URL, and a stable connection that is lost goes to the next one at once,
// so losing one node of a cluster costs well under a second), how long to wait before the next attempt (backoff
// with jitter, so that a thousand desktops that lost the same server do not come back in step, and a node that is
// down is not hammered: a connection that keeps dropping before it is stable backs off like one that never came up),
// and when to stop trying as usual: an attempt limit, repeated authentication failures, and the same failure that
// retrying cannot fix again and again (then it needs the person's attention: a slow retry, or giving up).
//
// The source reports what happened (connected(), recordFailure()) and asks what to do (scheduleRetry()); the policy
// runs the backoff timer and says when the wait is over (retryDue()). Time comes from the Clock seam and the jitter
// from a seedable generator, so tests drive it exactly.
class ReconnectPolicy final : public QObject
{
    Q_OBJECT

public:
    // What to do after a failure.
    struct Retry
    {
        bool giveUp = false;
        // Not giving up, but the same failure that retrying cannot fix keeps coming back: the retry is slow, and the
        // person should look at the settings or the server (reason says why).
        bool needsAttention = false;
        QString reason; // giveUp, needsAttention: why, for people ("gave up after 5 attempts: connection refused")
        qint64 delayMs = 0; // unless giving up: retryDue() follows after this long
    };

    explicit ReconnectPolicy(QObject *parent = nullptr);
    ~ReconnectPolicy() override;
    Q_DISABLE_COPY_MOVE(ReconnectPolicy)

    // Seams for tests; call before the first attempt.
    void setClock(Clock *clock); // nullptr means Clock::system()
    void setRandomSeed(quint32 seed);

    void setOptions(const ReconnectOptions &options) { m_options = options; }
    const ReconnectOptions &options() const { return m_options; }
    void setUrls(const QList<QUrl> &urls);
    QList<QUrl> urls() const { return m_urls; }
    // The URL to connect to now (empty when none is configured).
    QUrl currentUrl() const;

    int attempt() const { return m_attempt; } // failed attempts in a row
    bool isWaiting() const; // the backoff timer runs

    // A fresh start, as asked for by the person: no failed attempts counted, no wait.
    void reset();
    // Stops a running backoff wait (the source connects at once instead).
    void cancel();
    // The connection came up: authentication worked, and once it has stayed up for stableAfterMs the attempt count
    // starts again from zero.
    void connected();
    // The connection went down (or an attempt ended): no longer counting towards "stable".
    void disconnected();
    // A failed attempt or a lost connection (wasConnected): moves to the next URL (when there is more than one) and
    // counts it.
    void recordFailure(const PushError &error, bool wasConnected);
    // After recordFailure(): give up, or wait (the backoff timer runs and retryDue() follows).
    Retry scheduleRetry();

Q_SIGNALS:
    void retryDue();

private:
    void onStableTimer();

    ReconnectOptions m_options;
    QList<QUrl> m_urls;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_backoffTimer;
    std::unique_ptr<ClockTimer> m_stableTimer;
    std::mt19937 m_rng;
    QString m_lastMessage; // of the last recorded failure, for the give-up reason
    int m_urlIndex = 0;
    int m_attempt = 0;
    int m_authFailures = 0;
    bool m_failoverNow = false; // a stable connection was lost and another URL is next: no backoff for it
    PushError::Kind m_permanentKind = PushError::Kind::None; // the kind of the last failure retrying cannot fix
    int m_permanentFailures = 0; // how often it came in a row
};
