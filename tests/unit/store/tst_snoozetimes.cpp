// SnoozeTimes: the presets worked out from "now" in a time zone fixed by the test (UTC+8, no daylight saving), across
// midnight and the end of a year, and the check of a chosen time (in the future, or a clear reason why not).
#include "store/SnoozeTimes.h"

#include <QTest>

class tst_SnoozeTimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets_data();
    void presets();
    void chosenTimeMustBeInTheFuture();
    void labels();
};

namespace {

const QTimeZone kZone(8 * 3600); // UTC+8 all year

qint64 at(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), kZone).toMSecsSinceEpoch();
}

} // namespace

void tst_SnoozeTimes::presets_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("preset");
    QTest::addColumn<qint64>("expected");
    using P = SnoozeTimes::Preset;
    QTest::newRow("15 min, afternoon") << at(2024, 5, 16, 14, 15) << int(P::FifteenMinutes) << at(2024, 5, 16, 14, 30);
    QTest::newRow("15 min at 23:50 crosses midnight")
        << at(2024, 5, 16, 23, 50) << int(P::FifteenMinutes) << at(2024, 5, 17, 0, 5);
    QTest::newRow("1 h at 23:50") << at(2024, 5, 16, 23, 50) << int(P::OneHour) << at(2024, 5, 17, 0, 50);
    QTest::newRow("tomorrow, afternoon") << at(2024, 5, 16, 14, 15) << int(P::TomorrowMorning) << at(2024, 5, 17, 9, 0);
    QTest::newRow("tomorrow at 23:50") << at(2024, 5, 16, 23, 50) << int(P::TomorrowMorning) << at(2024, 5, 17, 9, 0);
    QTest::newRow("tomorrow at 00:10 is the next day's")
        << at(2024, 5, 17, 0, 10) << int(P::TomorrowMorning) << at(2024, 5, 18, 9, 0);
    QTest::newRow("tomorrow at 08:00") << at(2024, 5, 17, 8, 0) << int(P::TomorrowMorning) << at(2024, 5, 18, 9, 0);
    QTest::newRow("tomorrow on new year's eve")
        << at(2024, 12, 31, 23, 50) << int(P::TomorrowMorning) << at(2025, 1, 1, 9, 0);
    QTest::newRow("tomorrow on 28 February of a leap year")
        << at(2024, 2, 28, 18, 0) << int(P::TomorrowMorning) << at(2024, 2, 29, 9, 0);
}

void tst_SnoozeTimes::presets()
{
    QFETCH(qint64, now);
    QFETCH(int, preset);
    QFETCH(qint64, expected);
    const qint64 until = SnoozeTimes::until(SnoozeTimes::Preset(preset), now, kZone);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(until, kZone), QDateTime::fromMSecsSinceEpoch(expected, kZone));
    QVERIFY(until > now);
}

void tst_SnoozeTimes::chosenTimeMustBeInTheFuture()
{
    const qint64 now = at(2024, 5, 16, 14, 15);
    QString error = QStringLiteral("stale");
    QVERIFY(SnoozeTimes::validate(QDateTime::fromMSecsSinceEpoch(now + 60 * 1000, kZone), now, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!SnoozeTimes::validate(QDateTime::fromMSecsSinceEpoch(now, kZone), now, &error));
    QCOMPARE(error, QStringLiteral("That time has passed. Choose a time in the future."));
    error.clear();
    QVERIFY(!SnoozeTimes::validate(QDateTime::fromMSecsSinceEpoch(now - 3600 * 1000, kZone), now, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!SnoozeTimes::validate(QDateTime(), now, &error));
    QCOMPARE(error, QStringLiteral("Choose a date and a time."));
    QVERIFY(!SnoozeTimes::validate(QDateTime(), now, nullptr)); // no reason wanted
}

void tst_SnoozeTimes::labels()
{
    QCOMPARE(SnoozeTimes::label(SnoozeTimes::Preset::FifteenMinutes), QStringLiteral("15 minutes"));
    QCOMPARE(SnoozeTimes::label(SnoozeTimes::Preset::OneHour), QStringLiteral("1 hour"));
    QCOMPARE(SnoozeTimes::label(SnoozeTimes::Preset::TomorrowMorning), QStringLiteral("Tomorrow morning"));
}

QTEST_GUILESS_MAIN(tst_SnoozeTimes)
#include "tst_snoozetimes.moc"
