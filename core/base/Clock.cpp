#include "base/Clock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <limits>

namespace {

class SystemTimer final : public ClockTimer
{
public:
    SystemTimer()
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ClockTimer::timeout);
    }

    void start(qint64 intervalMs) override
    {
        // QTimer takes an int; clamp absurd intervals instead of overflowing.
        m_timer.start(int(qBound(qint64(0), intervalMs, qint64(std::numeric_limits<int>::max()))));
    }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_elapsed.start(); }
    qint64 monotonicMs() const override { return m_elapsed.elapsed(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    std::unique_ptr<ClockTimer> createTimer() override { return std::make_unique<SystemTimer>(); }

private:
    QElapsedTimer m_elapsed;
};

} // namespace

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}
