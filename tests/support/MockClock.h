#pragma once

#include "base/Clock.h"

#include <QList>
#include <QPointer>

// A clock that only moves when a test says so. Timers it creates fire, in deadline order, during advance().
class MockClock final : public Clock
{
public:
    explicit MockClock(qint64 wallStartMs = 1700000000000);
    ~MockClock() override;

    qint64 monotonicMs() const override { return m_monotonic; }
    qint64 wallMs() const override { return m_wall; }
    std::unique_ptr<ClockTimer> createTimer() override;

    // Moves both clocks forward by `ms`, firing every timer that comes due on the way (including timers
    // started by the handlers of earlier ones), each at its own deadline.
    void advance(qint64 ms);
    // Moves only the wall clock, as a suspend/resume or a clock change does; fires nothing.
    void jumpWall(qint64 ms) { m_wall += ms; }
    // Milliseconds until the earliest active timer fires, or -1.
    qint64 nextDeadlineIn() const;
    int activeTimerCount() const;

private:
    class Timer;
    friend class Timer;

    qint64 m_monotonic = 0;
    qint64 m_wall = 0;
    QList<Timer *> m_timers;
};
