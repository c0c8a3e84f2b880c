#pragma once

#include <QObject>

#include <memory>

// A one-shot timer created by a Clock. Real clocks back it with QTimer; MockClock fires it when a test
// moves time forward, so tests of timeouts, heart-beats and backoff never sleep.
class ClockTimer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start(qint64 intervalMs) = 0; // (re)starts the countdown
    virtual void stop() = 0;
    virtual bool isActive() const = 0;

Q_SIGNALS:
    void timeout();
};

// The time seam of the core (after KeePassXC's Clock). Everything that paces itself reads time and makes
// timers through one of these.
class Clock
{
public:
    virtual ~Clock() = default;

    // Monotonic milliseconds; only differences are meaningful.
    virtual qint64 monotonicMs() const = 0;
    // Wall-clock milliseconds since the epoch (jumps on suspend/resume or when the clock is set).
    virtual qint64 wallMs() const = 0;
    virtual std::unique_ptr<ClockTimer> createTimer() = 0;

    // The process-wide real clock.
    static Clock *system();
};
