// LivenessMonitor: how every push source notices a connection that died without saying so, on a MockClock: silence
// past the limit (and traffic that keeps it alive), a wall-clock jump (suspend/resume) seen from its own timers or
// from the source's periodic work, a probe answered by traffic or failing in silence, and nothing at all once
// stopped.
#include "MockClock.h"
#include "source/LivenessMonitor.h"

#include <QSignalSpy>
#include <QTest>

class tst_LivenessMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void silencePastTheLimitIsReported();
    void trafficKeepsTheConnectionAlive();
    void trafficMovesTheSilenceDeadline();
    void noLimitMeansNoSilenceCheck();
    void clockJumpIsSeenByTheWallCheck();
    void clockJumpIsSeenFromTheSourcesOwnTicks();
    void probeIsAnsweredOrFails();
    void stoppedMeansSilent();

private:
    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<LivenessMonitor> m_monitor;
};

void tst_LivenessMonitor::init()
{
    m_clock = std::make_unique<MockClock>();
    m_monitor = std::make_unique<LivenessMonitor>();
    m_monitor->setClock(m_clock.get());
}

void tst_LivenessMonitor::cleanup()
{
    m_monitor.reset();
    m_clock.reset();
}

void tst_LivenessMonitor::silencePastTheLimitIsReported()
{
    QSignalSpy silence(m_monitor.get(), &LivenessMonitor::silenceExceeded);
    m_monitor->start(20000, false);
    m_clock->advance(19999);
    QCOMPARE(silence.count(), 0);
    m_clock->advance(1);
    QCOMPARE(silence.count(), 1);
    QCOMPARE(silence.at(0).at(0).toLongLong(), 20000);
}

void tst_LivenessMonitor::trafficKeepsTheConnectionAlive()
{
    QSignalSpy silence(m_monitor.get(), &LivenessMonitor::silenceExceeded);
    m_monitor->start(20000, false);
    for (int i = 0; i < 10; ++i) {
        m_clock->advance(15000);
        m_monitor->noteActivity();
    }
    QCOMPARE(silence.count(), 0);
    QCOMPARE(m_monitor->silenceMs(), 0);
    m_clock->advance(20000);
    QCOMPARE(silence.count(), 1);
}

void tst_LivenessMonitor::trafficMovesTheSilenceDeadline()
{
    QSignalSpy silence(m_monitor.get(), &LivenessMonitor::silenceExceeded);
    m_monitor->start(20000, false);
    // A connection that keeps talking is never checked: the next check is a whole limit after the last traffic.
    m_clock->advance(10000);
    m_monitor->noteActivity();
    QCOMPARE(m_clock->nextDeadlineIn(), 20000);
    // Within a second of the last move (a burst) the deadline stays; the check then comes early, finds the traffic
    // and waits for the rest, so the limit is still exact.
    m_clock->advance(300);
    m_monitor->noteActivity();
    QCOMPARE(m_clock->nextDeadlineIn(), 19700);
    m_clock->advance(19999);
    QCOMPARE(silence.count(), 0);
    m_clock->advance(1);
    QCOMPARE(silence.count(), 1);
    QCOMPARE(silence.at(0).at(0).toLongLong(), 20000);
}

void tst_LivenessMonitor::noLimitMeansNoSilenceCheck()
{
    QSignalSpy silence(m_monitor.get(), &LivenessMonitor::silenceExceeded);
    m_monitor->start(0, false);
    m_clock->advance(3600000);
    QCOMPARE(silence.count(), 0);
    QCOMPARE(m_clock->activeTimerCount(), 0); // nothing ticks for nothing
}

void tst_LivenessMonitor::clockJumpIsSeenByTheWallCheck()
{
    QSignalSpy jumped(m_monitor.get(), &LivenessMonitor::clockJumped);
    m_monitor->start(0, true);
    m_clock->advance(LivenessMonitor::kWallCheckMs);
    QCOMPARE(jumped.count(), 0); // both clocks moved together
    m_clock->jumpWall(3600000); // an hour asleep
    m_clock->advance(LivenessMonitor::kWallCheckMs);
    QCOMPARE(jumped.count(), 1);
    QCOMPARE(jumped.at(0).at(0).toLongLong(), 3600000);
    m_clock->advance(LivenessMonitor::kWallCheckMs);
    QCOMPARE(jumped.count(), 1); // once
}

void tst_LivenessMonitor::clockJumpIsSeenFromTheSourcesOwnTicks()
{
    QSignalSpy jumped(m_monitor.get(), &LivenessMonitor::clockJumped);
    m_monitor->start(0, false); // the source sends heart-beats and checks on each of them
    m_clock->advance(10000);
    QVERIFY(!m_monitor->checkClockJump());
    m_clock->jumpWall(-60000); // the clock was set back
    QVERIFY(m_monitor->checkClockJump());
    QCOMPARE(jumped.count(), 1);
    // Small drift is not a jump.
    m_clock->jumpWall(1000);
    QVERIFY(!m_monitor->checkClockJump());
}

void tst_LivenessMonitor::probeIsAnsweredOrFails()
{
    QSignalSpy answered(m_monitor.get(), &LivenessMonitor::probeAnswered);
    QSignalSpy failed(m_monitor.get(), &LivenessMonitor::probeFailed);
    m_monitor->start(0, false);
    m_monitor->probe(5000);
    QVERIFY(m_monitor->isProbing());
    m_clock->advance(100);
    m_monitor->noteActivity();
    QCOMPARE(answered.count(), 1);
    QVERIFY(!m_monitor->isProbing());
    m_clock->advance(10000);
    QCOMPARE(failed.count(), 0);

    m_monitor->probe(5000);
    m_clock->advance(5000);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(answered.count(), 1);
}

void tst_LivenessMonitor::stoppedMeansSilent()
{
    QSignalSpy silence(m_monitor.get(), &LivenessMonitor::silenceExceeded);
    QSignalSpy failed(m_monitor.get(), &LivenessMonitor::probeFailed);
    m_monitor->start(1000, true);
    m_monitor->probe(500);
    m_monitor->stop();
    QVERIFY(!m_monitor->isRunning());
    m_clock->jumpWall(3600000);
    m_clock->advance(3600000);
    QCOMPARE(silence.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(m_clock->activeTimerCount(), 0);
}

QTEST_GUILESS_MAIN(tst_LivenessMonitor)
#include "tst_livenessmonitor.moc"
