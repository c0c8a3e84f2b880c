#pragma once

#include "store/SnoozeTimes.h"
#include "todo/Todo.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class Clock;
class ClockTimer;
class TodoStore;

// Wakes snoozed todos on time (TodoStore keeps the snoozes; this only says when they end).
//
// One timer, armed for the earliest snooze to end, but never longer than recheckMs: timers run on the monotonic
// clock, which stands still while the computer sleeps and ignores clock changes, so the wall clock is read again at
// least that often, and a snooze whose time passed while asleep (or across a clock jump) wakes within recheckMs of
// the computer waking. start() wakes at once what is already due (the application was not running at the time).
//
// Waking: the store ends the snooze (persisted) and then snoozeEnded() says so, once per snooze: the caller notifies
// (NotificationCoordinator::onSnoozeEnded). A restart after that finds the todo awake, not due, and says nothing.
class SnoozeScheduler final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultRecheckMs = 60 * 1000;

    // `store` must outlive the scheduler.
    explicit SnoozeScheduler(TodoStore *store, QObject *parent = nullptr);
    ~SnoozeScheduler() override;
    Q_DISABLE_COPY_MOVE(SnoozeScheduler)

    void setClock(Clock *clock); // nullptr means Clock::system()
    void setRecheckMs(qint64 ms);
    qint64 recheckMs() const { return m_recheckMs; }

    // Wakes what is due now, then keeps watching the store's snoozes (after the store is open).
    void start();
    void stop();
    bool isStarted() const { return m_started; }

    // Snoozes `key` for a preset from now (the notification's and the list's "Snooze"); false when nothing changed.
    bool snoozeFor(const QString &key, SnoozeTimes::Preset preset);
    // Snoozes `key` until a chosen time; false (and *error) when the time is not in the future or nothing changed.
    bool snoozeUntil(const QString &key, qint64 untilWallMs, QString *error = nullptr);

    // Whether a wake-up is pending (false when nothing is snoozed or it is stopped).
    bool isArmed() const;

Q_SIGNALS:
    // A snooze ended: `todo` is unread again (as the store has it now) and should notify once.
    void snoozeEnded(const Todo &todo);

private:
    void schedule();
    void onTimer();
    qint64 wallNow() const;

    QPointer<TodoStore> m_store;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_timer;
    qint64 m_recheckMs = kDefaultRecheckMs;
    bool m_started = false;
};
