#include "store/SnoozeScheduler.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "store/TodoStore.h"

SnoozeScheduler::SnoozeScheduler(TodoStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    Q_ASSERT(store);
    setClock(nullptr);
    connect(store, &TodoStore::snoozesChanged, this, &SnoozeScheduler::schedule);
    connect(store, &TodoStore::reopened, this, &SnoozeScheduler::onTimer);
}

SnoozeScheduler::~SnoozeScheduler() = default;

void SnoozeScheduler::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_timer = m_clock->createTimer();
    connect(m_timer.get(), &ClockTimer::timeout, this, &SnoozeScheduler::onTimer);
    schedule();
}

void SnoozeScheduler::setRecheckMs(qint64 ms)
{
    m_recheckMs = qMax<qint64>(1000, ms);
    schedule();
}

qint64 SnoozeScheduler::wallNow() const
{
    return m_clock->wallMs();
}

void SnoozeScheduler::start()
{
    m_started = true;
    onTimer(); // what came due while the application was not running
}

void SnoozeScheduler::stop()
{
    m_started = false;
    m_timer->stop();
}

bool SnoozeScheduler::isArmed() const
{
    return m_timer->isActive();
}

bool SnoozeScheduler::snoozeFor(const QString &key, SnoozeTimes::Preset preset)
{
    return m_store && m_store->snooze(key, SnoozeTimes::until(preset, wallNow()));
}

bool SnoozeScheduler::snoozeUntil(const QString &key, qint64 untilWallMs, QString *error)
{
    if (!SnoozeTimes::validate(QDateTime::fromMSecsSinceEpoch(untilWallMs), wallNow(), error))
        return false;
    return m_store && m_store->snooze(key, untilWallMs);
}

void SnoozeScheduler::schedule()
{
    if (!m_started || !m_store) {
        m_timer->stop();
        return;
    }
    const qint64 next = m_store->nextSnoozeEnd();
    if (next <= 0) {
        m_timer->stop(); // nothing snoozed: no wake-ups at all
        return;
    }
    m_timer->start(qBound<qint64>(0, next - wallNow(), m_recheckMs));
}

void SnoozeScheduler::onTimer()
{
    if (!m_started || !m_store)
        return;
    // The store ends the snoozes (persisted) before anyone hears of them: a restart cannot wake them twice.
    const QList<Todo> woken = m_store->endDueSnoozes(wallNow());
    for (const Todo &todo : woken) {
        qCInfo(lcStore) << "snooze of todo" << todo.key << "ended";
        Q_EMIT snoozeEnded(todo);
    }
    schedule();
}
