// SnoozeScheduler over a real store file, on a MockClock: a snooze wakes at its time and once; a computer that slept
// through the time (the wall clock jumps, the monotonic one stood still) or a clock set forward wakes it at the next
// recheck, not an hour late; a restart after the time wakes it once at start, and not again after another restart;
// nothing snoozed, no timer at all.
#include "MockClock.h"
#include "StoreTestSupport.h"
#include "store/SnoozeScheduler.h"
#include "store/TodoStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class tst_SnoozeScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void wakesAtItsTimeOnce();
    void wakesPromptlyAfterSleepOrAClockJump();
    void restartAfterTheTimeWakesOnceAtStart();
    void chosenTimeAndPresets();
    void earliestFirstAndRearmedOnChanges();

private:
    std::unique_ptr<TodoStore> openStore();
    QString dbPath() const { return m_dir->filePath(QStringLiteral("todos.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
};

void tst_SnoozeScheduler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>(1715848083000); // 2024-05-16 08:28:03 UTC
}

void tst_SnoozeScheduler::cleanup()
{
    m_clock.reset();
    m_dir.reset();
}

std::unique_ptr<TodoStore> tst_SnoozeScheduler::openStore()
{
    auto store = std::make_unique<TodoStore>();
    store->setClock(m_clock.get());
    if (!store->open(dbPath()))
        return nullptr;
    return store;
}

namespace {

QStringList keysOf(const QSignalSpy &spy)
{
    QStringList keys;
    for (const QList<QVariant> &arguments : spy)
        keys.append(arguments.at(0).value<Todo>().key);
    return keys;
}

constexpr qint64 kMinute = 60 * 1000;

} // namespace

void tst_SnoozeScheduler::wakesAtItsTimeOnce()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")}}), "m")}).ok);
    SnoozeScheduler scheduler(store.get());
    scheduler.setClock(m_clock.get());
    QSignalSpy ended(&scheduler, &SnoozeScheduler::snoozeEnded);
    scheduler.start();
    QVERIFY(!scheduler.isArmed()); // nothing snoozed: no wake-ups
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::FifteenMinutes));
    QVERIFY(scheduler.isArmed());
    QCOMPARE(store->unreadCount(), 0);

    m_clock->advance(15 * kMinute - 1);
    QCOMPARE(ended.size(), 0);
    m_clock->advance(1);
    QCOMPARE(keysOf(ended), QStringList {QStringLiteral("id:1")});
    QCOMPARE(ended.at(0).at(0).value<Todo>().snoozedUntilMs, 0);
    QCOMPARE(store->unreadCount(), 1);
    QVERIFY(!scheduler.isArmed());
    m_clock->advance(24 * 60 * kMinute);
    QCOMPARE(ended.size(), 1);
}

void tst_SnoozeScheduler::wakesPromptlyAfterSleepOrAClockJump()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                            {QStringLiteral("2"), QStringLiteral("two")}}),
                                  "m")})
                .ok);
    SnoozeScheduler scheduler(store.get());
    scheduler.setClock(m_clock.get());
    QSignalSpy ended(&scheduler, &SnoozeScheduler::snoozeEnded);
    scheduler.start();
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::OneHour));
    m_clock->advance(10 * kMinute);

    // The computer sleeps for two hours: the wall clock moves on, the monotonic clock (the timers) does not.
    m_clock->jumpWall(2 * 60 * kMinute);
    QCOMPARE(ended.size(), 0);
    m_clock->advance(scheduler.recheckMs()); // awake again: within one recheck, not 50 minutes later
    QCOMPARE(keysOf(ended), QStringList {QStringLiteral("id:1")});

    // A clock set forward past a snooze's end: the same.
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:2"), SnoozeTimes::Preset::TomorrowMorning));
    m_clock->advance(kMinute);
    m_clock->jumpWall(2 * 24 * 60 * kMinute);
    m_clock->advance(scheduler.recheckMs());
    QCOMPARE(keysOf(ended), (QStringList {QStringLiteral("id:1"), QStringLiteral("id:2")}));
    m_clock->advance(60 * kMinute);
    QCOMPARE(ended.size(), 2);
}

void tst_SnoozeScheduler::restartAfterTheTimeWakesOnceAtStart()
{
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")}}), "m")}).ok);
        SnoozeScheduler scheduler(store.get());
        scheduler.setClock(m_clock.get());
        scheduler.start();
        QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::FifteenMinutes));
        QCOMPARE(store->unreadCount(), 0);
    } // the application quits before the time
    m_clock->jumpWall(3 * 60 * kMinute); // and starts again three hours later
    {
        const auto store = openStore();
        QVERIFY(store);
        QCOMPARE(store->unreadCount(), 0); // still snoozed, until the scheduler looks
        SnoozeScheduler scheduler(store.get());
        scheduler.setClock(m_clock.get());
        QSignalSpy ended(&scheduler, &SnoozeScheduler::snoozeEnded);
        scheduler.start();
        QCOMPARE(keysOf(ended), QStringList {QStringLiteral("id:1")}); // at once
        QCOMPARE(store->unreadCount(), 1);
        m_clock->advance(10 * kMinute);
        QCOMPARE(ended.size(), 1);
    }
    // Another restart: it woke already, nothing to say.
    const auto store = openStore();
    QVERIFY(store);
    SnoozeScheduler scheduler(store.get());
    scheduler.setClock(m_clock.get());
    QSignalSpy ended(&scheduler, &SnoozeScheduler::snoozeEnded);
    scheduler.start();
    m_clock->advance(10 * kMinute);
    QCOMPARE(ended.size(), 0);
    QCOMPARE(store->unreadCount(), 1);
}

void tst_SnoozeScheduler::chosenTimeAndPresets()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")}}), "m")}).ok);
    SnoozeScheduler scheduler(store.get());
    scheduler.setClock(m_clock.get());
    scheduler.start();
    QString error;
    QVERIFY(!scheduler.snoozeUntil(QStringLiteral("id:1"), m_clock->wallMs() - 1, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, 0);
    QVERIFY(scheduler.snoozeUntil(QStringLiteral("id:1"), m_clock->wallMs() + 90 * kMinute, &error));
    QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, m_clock->wallMs() + 90 * kMinute);
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::TomorrowMorning));
    QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs,
             SnoozeTimes::until(SnoozeTimes::Preset::TomorrowMorning, m_clock->wallMs()));
    QVERIFY(!scheduler.snoozeFor(QStringLiteral("id:missing"), SnoozeTimes::Preset::OneHour));
}

void tst_SnoozeScheduler::earliestFirstAndRearmedOnChanges()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                            {QStringLiteral("2"), QStringLiteral("two")}}),
                                  "m")})
                .ok);
    SnoozeScheduler scheduler(store.get());
    scheduler.setClock(m_clock.get());
    scheduler.setRecheckMs(10 * 60 * kMinute); // long rechecks: the timer itself must aim at the earliest end
    QSignalSpy ended(&scheduler, &SnoozeScheduler::snoozeEnded);
    scheduler.start();
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::OneHour));
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:2"), SnoozeTimes::Preset::FifteenMinutes));
    m_clock->advance(15 * kMinute - 1);
    QCOMPARE(ended.size(), 0);
    m_clock->advance(1); // on time although the next recheck is hours away
    QCOMPARE(keysOf(ended), QStringList {QStringLiteral("id:2")});
    QVERIFY(scheduler.isArmed()); // for id:1
    // Read before its time: the snooze ends without a word, and no timer is left.
    QVERIFY(store->setRead(QStringLiteral("id:1")));
    QVERIFY(!scheduler.isArmed());
    m_clock->advance(60 * kMinute);
    QCOMPARE(ended.size(), 1);
}

QTEST_GUILESS_MAIN(tst_SnoozeScheduler)
#include "tst_snoozescheduler.moc"
