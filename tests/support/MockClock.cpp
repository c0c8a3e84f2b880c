#include "MockClock.h"

#include <limits>

class MockClock::Timer final : public ClockTimer
{
public:
    explicit Timer(MockClock *clock)
        : m_clock(clock)
    {
        m_clock->m_timers.append(this);
    }
    ~Timer() override
    {
        if (m_clock)
            m_clock->m_timers.removeOne(this);
    }

    void start(qint64 intervalMs) override
    {
        m_deadline = m_clock->m_monotonic + qMax<qint64>(0, intervalMs);
        m_active = true;
        m_sequence = ++s_sequence;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

    void fire()
    {
        m_active = false;
        Q_EMIT timeout();
    }

    MockClock *m_clock;
    qint64 m_deadline = 0;
    quint64 m_sequence = 0;
    bool m_active = false;
    static inline quint64 s_sequence = 0;
};

MockClock::MockClock(qint64 wallStartMs)
    : m_wall(wallStartMs)
{ }

MockClock::~MockClock()
{
    for (Timer *timer : std::as_const(m_timers))
        timer->m_clock = nullptr;
}

std::unique_ptr<ClockTimer> MockClock::createTimer()
{
    return std::make_unique<Timer>(this);
}

void MockClock::advance(qint64 ms)
{
    const qint64 target = m_monotonic + ms;
    for (;;) {
        Timer *next = nullptr;
        for (Timer *timer : std::as_const(m_timers)) {
            if (!timer->m_active || timer->m_deadline > target)
                continue;
            if (!next || timer->m_deadline < next->m_deadline
                || (timer->m_deadline == next->m_deadline && timer->m_sequence < next->m_sequence))
                next = timer;
        }
        if (!next)
            break;
        const qint64 step = next->m_deadline - m_monotonic;
        m_wall += step;
        m_monotonic = next->m_deadline;
        next->fire();
    }
    m_wall += target - m_monotonic;
    m_monotonic = target;
}

qint64 MockClock::nextDeadlineIn() const
{
    qint64 best = std::numeric_limits<qint64>::max();
    for (const Timer *timer : m_timers) {
        if (timer->m_active)
            best = qMin(best, timer->m_deadline - m_monotonic);
    }
    return best == std::numeric_limits<qint64>::max() ? -1 : best;
}

int MockClock::activeTimerCount() const
{
    int count = 0;
    for (const Timer *timer : m_timers)
        count += timer->m_active ? 1 : 0;
    return count;
}
