// ReconnectPolicy: the reconnect decisions every push source shares, on a MockClock: failover in the configured order
// (every failure moves on; a stable connection that is lost fails over at once, a flapping one backs off), backoff that
// grows with jitter within its bounds, the attempt limit and the authentication limit with a reason a person can read,
// the count starting afresh once a connection has been stable, and a wait that ends in retryDue() or is cancelled.
#include "MockClock.h"
#include "source/ReconnectPolicy.h"

#include <QSignalSpy>
#include <QTest>

class tst_ReconnectPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void failoverMovesOnInTheConfiguredOrder();
    void lostStableConnectionFailsOverAtOnce();
    void backoffGrowsWithJitterWithinBounds();
    void waitEndsInRetryDueOrIsCancelled();
    void attemptLimitGivesUpWithTheReason();
    void repeatedAuthFailuresGiveUp();
    void stableConnectionStartsTheCountAfresh();
    void resetForgetsEverything();

private:
    static PushError failure(PushError::Kind kind = PushError::Kind::Unreachable)
    {
        return {kind, QStringLiteral("connection refused"), {}, {}};
    }
    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<ReconnectPolicy> m_policy;
};

void tst_ReconnectPolicy::init()
{
    m_clock = std::make_unique<MockClock>();
    m_policy = std::make_unique<ReconnectPolicy>();
    m_policy->setClock(m_clock.get());
    m_policy->setRandomSeed(7);
}

void tst_ReconnectPolicy::cleanup()
{
    m_policy.reset();
    m_clock.reset();
}

void tst_ReconnectPolicy::failoverMovesOnInTheConfiguredOrder()
{
    const QUrl a(QStringLiteral("ws://a/ws")), b(QStringLiteral("ws://b/ws")), c(QStringLiteral("ws://c/ws"));
    m_policy->setUrls({a, b, c});
    QCOMPARE(m_policy->currentUrl(), a);
    m_policy->recordFailure(failure(), false); // a never answered: b next
    QCOMPARE(m_policy->currentUrl(), b);
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true); // b was up and dropped: c next
    QCOMPARE(m_policy->currentUrl(), c);
    m_policy->recordFailure(failure(), false); // round the list
    QCOMPARE(m_policy->currentUrl(), a);
    m_policy->setUrls({a});
    QCOMPARE(m_policy->currentUrl(), a);
    m_policy->setUrls({});
    QVERIFY(m_policy->currentUrl().isEmpty());
}

void tst_ReconnectPolicy::lostStableConnectionFailsOverAtOnce()
{
    ReconnectOptions options;
    options.initialDelayMs = 4000;
    options.jitter = 0; // the backoff would wait exactly 4 s, 8 s, ...
    options.failoverDelayMs = 500;
    m_policy->setOptions(options);
    const QUrl a(QStringLiteral("ws://a/ws")), b(QStringLiteral("ws://b/ws")), c(QStringLiteral("ws://c/ws"));
    m_policy->setUrls({a, b, c});
    QSignalSpy due(m_policy.get(), &ReconnectPolicy::retryDue);

    // Up on a for a long time, then a's node dies: b within half a second, not after the backoff.
    m_policy->connected();
    m_clock->advance(options.stableAfterMs + 1000);
    m_policy->disconnected();
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true);
    QCOMPARE(m_policy->currentUrl(), b);
    ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
    QVERIFY2(retry.delayMs <= options.failoverDelayMs, qPrintable(QString::number(retry.delayMs)));
    m_clock->advance(options.failoverDelayMs);
    QCOMPARE(due.count(), 1);

    // b is down too: c, but now at the backoff's pace (the second failure in a row).
    m_policy->recordFailure(failure(), false);
    QCOMPARE(m_policy->currentUrl(), c);
    QCOMPARE(m_policy->scheduleRetry().delayMs, options.baseDelay(2));
    m_policy->cancel();

    // c comes up but drops before it is stable (a node that accepts and fails): a backs off as well, so a cluster
    // that flaps is not hammered.
    m_policy->connected();
    m_clock->advance(1000);
    m_policy->disconnected();
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true);
    QCOMPARE(m_policy->currentUrl(), a);
    QCOMPARE(m_policy->scheduleRetry().delayMs, options.baseDelay(3));
    m_policy->cancel();

    // With a single URL there is nowhere to fail over to: a lost stable connection waits for the backoff.
    m_policy->reset();
    m_policy->setUrls({a});
    m_policy->connected();
    m_clock->advance(options.stableAfterMs + 1000);
    m_policy->disconnected();
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true);
    QCOMPARE(m_policy->scheduleRetry().delayMs, options.initialDelayMs);
}

void tst_ReconnectPolicy::backoffGrowsWithJitterWithinBounds()
{
    ReconnectOptions options;
    options.initialDelayMs = 1000;
    options.maxDelayMs = 8000;
    options.factor = 2.0;
    options.jitter = 0.5;
    m_policy->setOptions(options);
    m_policy->setUrls({QUrl(QStringLiteral("ws://a/ws"))});
    const QList<qint64> bases {1000, 2000, 4000, 8000, 8000, 8000};
    QList<qint64> delays;
    for (qint64 base : bases) {
        m_policy->recordFailure(failure(), false);
        const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
        QVERIFY(!retry.giveUp);
        QVERIFY2(retry.delayMs >= base / 2 && retry.delayMs <= base,
                 qPrintable(QStringLiteral("delay %1 for base %2").arg(retry.delayMs).arg(base)));
        delays.append(retry.delayMs);
        m_policy->cancel();
    }
    // Jitter: not every delay is its base (desktops that lost the same server do not come back in step).
    int atBase = 0;
    for (int i = 0; i < bases.size(); ++i)
        atBase += delays.at(i) == bases.at(i) ? 1 : 0;
    QVERIFY(atBase < bases.size());
}

void tst_ReconnectPolicy::waitEndsInRetryDueOrIsCancelled()
{
    ReconnectOptions options;
    options.jitter = 0;
    options.initialDelayMs = 1500;
    m_policy->setOptions(options);
    QSignalSpy due(m_policy.get(), &ReconnectPolicy::retryDue);
    m_policy->recordFailure(failure(), false);
    QCOMPARE(m_policy->scheduleRetry().delayMs, 1500);
    QVERIFY(m_policy->isWaiting());
    m_clock->advance(1499);
    QCOMPARE(due.count(), 0);
    m_clock->advance(1);
    QCOMPARE(due.count(), 1);
    QVERIFY(!m_policy->isWaiting());

    m_policy->recordFailure(failure(), false);
    m_policy->scheduleRetry();
    m_policy->cancel();
    m_clock->advance(60000);
    QCOMPARE(due.count(), 1);
}

void tst_ReconnectPolicy::attemptLimitGivesUpWithTheReason()
{
    ReconnectOptions options;
    options.maxAttempts = 3;
    m_policy->setOptions(options);
    for (int i = 1; i < 3; ++i) {
        m_policy->recordFailure(failure(), false);
        QVERIFY(!m_policy->scheduleRetry().giveUp);
        m_policy->cancel();
    }
    m_policy->recordFailure(failure(), false);
    const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
    QVERIFY(retry.giveUp);
    // (No translation is installed here: the plural reads "attempt(s)".)
    QVERIFY2(retry.reason.startsWith(QStringLiteral("gave up after 3 attempt")), qPrintable(retry.reason));
    QVERIFY2(retry.reason.endsWith(QStringLiteral(": connection refused")), qPrintable(retry.reason));
    QVERIFY(!m_policy->isWaiting());
    QCOMPARE(m_policy->attempt(), 3);
}

void tst_ReconnectPolicy::repeatedAuthFailuresGiveUp()
{
    ReconnectOptions options;
    options.maxAuthFailures = 2;
    m_policy->setOptions(options);
    const PushError refused {PushError::Kind::AuthFailed, QStringLiteral("Access refused"), {}, {}};
    m_policy->recordFailure(refused, false);
    QVERIFY(!m_policy->scheduleRetry().giveUp);
    // A connection that came up in between means the credentials worked: the count starts again.
    m_policy->connected();
    m_policy->recordFailure(refused, false);
    QVERIFY(!m_policy->scheduleRetry().giveUp);
    m_policy->recordFailure(refused, false);
    const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
    QVERIFY(retry.giveUp);
    QVERIFY2(retry.reason.startsWith(QStringLiteral("authentication failed 2 time")), qPrintable(retry.reason));
    QVERIFY2(retry.reason.endsWith(QStringLiteral("not retrying: Access refused")), qPrintable(retry.reason));
}

void tst_ReconnectPolicy::stableConnectionStartsTheCountAfresh()
{
    ReconnectOptions options;
    options.stableAfterMs = 30000;
    options.jitter = 0;
    m_policy->setOptions(options);
    m_policy->recordFailure(failure(), false);
    m_policy->recordFailure(failure(), false);
    QCOMPARE(m_policy->attempt(), 2);
    // Up for a while but not long enough: a drop keeps counting (and the delay keeps growing).
    m_policy->connected();
    m_clock->advance(29000);
    m_policy->disconnected();
    m_clock->advance(5000);
    QCOMPARE(m_policy->attempt(), 2);
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true);
    QCOMPARE(m_policy->scheduleRetry().delayMs, options.baseDelay(3));
    m_policy->cancel();
    // Up long enough: the next failure is the first again.
    m_policy->connected();
    m_clock->advance(30000);
    QCOMPARE(m_policy->attempt(), 0);
    m_policy->recordFailure(failure(PushError::Kind::ConnectionLost), true);
    QCOMPARE(m_policy->scheduleRetry().delayMs, options.initialDelayMs);
}

void tst_ReconnectPolicy::resetForgetsEverything()
{
    ReconnectOptions options;
    options.maxAttempts = 2;
    m_policy->setOptions(options);
    m_policy->recordFailure(failure(), false);
    m_policy->recordFailure(failure(), false);
    QVERIFY(m_policy->scheduleRetry().giveUp);
    m_policy->reset();
    QCOMPARE(m_policy->attempt(), 0);
    m_policy->recordFailure(failure(), false);
    QVERIFY(!m_policy->scheduleRetry().giveUp);
    m_policy->reset();
    QVERIFY(!m_policy->isWaiting());
}

QTEST_GUILESS_MAIN(tst_ReconnectPolicy)
#include "tst_reconnectpolicy.moc"
