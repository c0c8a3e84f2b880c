#include "source/LivenessMonitor.h"

#include "base/Clock.h"
#include "base/Logging.h"

LivenessMonitor::LivenessMonitor(QObject *parent)
    : QObject(parent)
{
    setClock(nullptr);
}

LivenessMonitor::~LivenessMonitor() = default;

void LivenessMonitor::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    auto make = [this](void (LivenessMonitor::*handler)()) {
        std::unique_ptr<ClockTimer> timer = m_clock->createTimer();
        connect(timer.get(), &ClockTimer::timeout, this, handler);
        return timer;
    };
    m_silenceTimer = make(&LivenessMonitor::onSilenceTimer);
    m_wallTimer = make(&LivenessMonitor::onWallTimer);
    m_probeTimer = make(&LivenessMonitor::onProbeTimer);
}

void LivenessMonitor::start(qint64 silenceLimitMs, bool wallCheck)
{
    m_running = true;
    m_silenceLimitMs = qMax<qint64>(0, silenceLimitMs);
    m_lastActivityMs = m_clock->monotonicMs();
    m_lastWallMs = m_clock->wallMs();
    m_lastMonotonicMs = m_lastActivityMs;
    m_probeTimer->stop();
    armSilenceCheck();
    if (wallCheck)
        m_wallTimer->start(kWallCheckMs);
    else
        m_wallTimer->stop();
}

void LivenessMonitor::setSilenceLimit(qint64 silenceLimitMs)
{
    m_silenceLimitMs = qMax<qint64>(0, silenceLimitMs);
    armSilenceCheck();
}

void LivenessMonitor::stop()
{
    m_running = false;
    m_silenceTimer->stop();
    m_wallTimer->stop();
    m_probeTimer->stop();
}

void LivenessMonitor::noteActivity()
{
    m_lastActivityMs = m_clock->monotonicMs();
    if (m_probeTimer->isActive()) {
        m_probeTimer->stop();
        Q_EMIT probeAnswered();
    }
    // The deadline moves with the traffic, so a connection that keeps talking (heart-beats) never wakes the process
    // for a silence check; during a burst it moves at most every kRearmAfterMs, and a check that comes early re-arms.
    if (m_running && m_silenceLimitMs > 0 && m_lastActivityMs - m_armedActivityMs >= kRearmAfterMs)
        armSilenceCheck();
}

qint64 LivenessMonitor::silenceMs() const
{
    return m_clock->monotonicMs() - m_lastActivityMs;
}

bool LivenessMonitor::checkClockJump()
{
    // While a laptop sleeps, the monotonic clock (which paces our timers) stops and the wall clock does not.
    const qint64 wall = m_clock->wallMs();
    const qint64 mono = m_clock->monotonicMs();
    const qint64 drift = (wall - m_lastWallMs) - (mono - m_lastMonotonicMs);
    m_lastWallMs = wall;
    m_lastMonotonicMs = mono;
    if (qAbs(drift) < kClockJumpThresholdMs)
        return false;
    qCInfo(lcSource) << "wall clock jumped by" << drift << "ms (suspend/resume?): checking the connection";
    Q_EMIT clockJumped(drift);
    return true;
}

void LivenessMonitor::probe(qint64 windowMs)
{
    m_probeTimer->start(windowMs);
}

bool LivenessMonitor::isProbing() const
{
    return m_probeTimer->isActive();
}

void LivenessMonitor::armSilenceCheck()
{
    if (!m_running || m_silenceLimitMs <= 0) {
        m_silenceTimer->stop();
        return;
    }
    m_armedActivityMs = m_lastActivityMs;
    const qint64 due = m_lastActivityMs + m_silenceLimitMs - m_clock->monotonicMs();
    m_silenceTimer->start(qMax<qint64>(1, due));
}

void LivenessMonitor::onSilenceTimer()
{
    if (!m_running)
        return;
    checkClockJump();
    if (!m_running) // the source reacted to the jump by dropping the connection
        return;
    const qint64 silence = silenceMs();
    if (silence >= m_silenceLimitMs) {
        Q_EMIT silenceExceeded(silence);
        return;
    }
    armSilenceCheck();
}

void LivenessMonitor::onWallTimer()
{
    if (!m_running)
        return;
    checkClockJump();
    if (m_running)
        m_wallTimer->start(kWallCheckMs);
}

void LivenessMonitor::onProbeTimer()
{
    if (m_running)
        Q_EMIT probeFailed();
}
