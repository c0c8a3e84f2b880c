// QuietHours: the weekly schedule of quiet hours. A window that crosses midnight keeps both ends of its days quiet,
// whole days join up with it (Friday 19:00 to Monday 08:00 for "19:00-08:00 on weekdays" and the weekend), the end
// of the quiet hours is found across days, and Settings builds the schedule (nothing when switched off) and refuses
// days and times it cannot read. Local times throughout, on dates in December (no daylight-saving change).
#include "config/QuietHours.h"
#include "config/Settings.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

// 2026-12-04 is a Friday.
QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute));
}

const QStringList kWeekdays {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
                             QStringLiteral("fri")};
const QStringList kWeekend {QStringLiteral("sat"), QStringLiteral("sun")};

} // namespace

class tst_QuietHours : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eveningsAndWeekendsJoinUp();
    void endIsFoundAcrossDays();
    void windowWithinOneDay();
    void emptyAndDegenerateSchedules();
    void settingsBuildTheScheduleAndRefuseNonsense();
};

void tst_QuietHours::eveningsAndWeekendsJoinUp()
{
    const QuietHours quiet(QTime(19, 0), QTime(8, 0), kWeekdays, kWeekend);
    QVERIFY(at(3, 7, 59).date().dayOfWeek() == Qt::Thursday);
    QVERIFY(quiet.isQuiet(at(3, 7, 59))); // Thursday morning, before 08:00
    QVERIFY(!quiet.isQuiet(at(3, 8, 0)));
    QVERIFY(!quiet.isQuiet(at(3, 18, 59)));
    QVERIFY(quiet.isQuiet(at(3, 19, 0)));
    QVERIFY(quiet.isQuiet(at(3, 23, 59)));
    QVERIFY(quiet.isQuiet(at(4, 0, 0))); // across midnight into Friday
    QVERIFY(!quiet.isQuiet(at(4, 12, 0)));
    QVERIFY(quiet.isQuiet(at(4, 21, 0))); // Friday evening
    QVERIFY(quiet.isQuiet(at(5, 12, 0))); // Saturday, all day
    QVERIFY(quiet.isQuiet(at(6, 23, 59))); // Sunday night
    QVERIFY(quiet.isQuiet(at(7, 7, 30))); // Monday morning
    QVERIFY(!quiet.isQuiet(at(7, 8, 0)));
    // The zone a time is given in does not matter: it is read as local time.
    QVERIFY(quiet.isQuiet(at(5, 12, 0).toUTC()));
}

void tst_QuietHours::endIsFoundAcrossDays()
{
    const QuietHours quiet(QTime(19, 0), QTime(8, 0), kWeekdays, kWeekend);
    QCOMPARE(quiet.quietUntil(at(4, 20, 0)), at(7, 8, 0)); // Friday evening: Monday 08:00
    QCOMPARE(quiet.quietUntil(at(5, 9, 0)), at(7, 8, 0));
    QCOMPARE(quiet.quietUntil(at(8, 23, 0)), at(9, 8, 0)); // Tuesday night: Wednesday 08:00
    QCOMPARE(quiet.quietUntil(at(9, 1, 0)), at(9, 8, 0));
    QVERIFY(!quiet.quietUntil(at(9, 12, 0)).isValid()); // not quiet now
}

void tst_QuietHours::windowWithinOneDay()
{
    const QuietHours lunch(QTime(12, 0), QTime(13, 30), {QStringLiteral("wed")}, {});
    QVERIFY(!lunch.isQuiet(at(9, 11, 59)));
    QVERIFY(lunch.isQuiet(at(9, 12, 0)));
    QCOMPARE(lunch.quietUntil(at(9, 12, 10)), at(9, 13, 30));
    QVERIFY(!lunch.isQuiet(at(9, 13, 30)));
    QVERIFY(!lunch.isQuiet(at(10, 12, 30))); // Thursday
}

void tst_QuietHours::emptyAndDegenerateSchedules()
{
    QVERIFY(QuietHours().isEmpty());
    QVERIFY(!QuietHours().isQuiet(at(5, 12, 0)));
    // From equal to to: no window (the whole days still count).
    const QuietHours none(QTime(8, 0), QTime(8, 0), kWeekdays, {QStringLiteral("sun")});
    QVERIFY(!none.isQuiet(at(7, 9, 0)));
    QVERIFY(none.isQuiet(at(6, 9, 0)));
    QCOMPARE(none.quietUntil(at(6, 9, 0)), at(7, 0, 0));
    // Every day all day: quiet, with no end to wait for.
    const QuietHours always({}, {}, {}, QuietHours::dayNames());
    QVERIFY(always.isQuiet(at(9, 12, 0)));
    QVERIFY(!always.quietUntil(at(9, 12, 0)).isValid());
}

void tst_QuietHours::settingsBuildTheScheduleAndRefuseNonsense()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("user.conf")));
    QVERIFY(!settings.get<bool>(Settings::Key::QuietHoursEnabled)); // off by default
    QVERIFY(QuietHours::fromSettings(settings).isEmpty());
    QVERIFY(!settings.isQuietHoursActive(at(5, 12, 0)));

    // Switched on, the defaults are weekday evenings and the weekend.
    QVERIFY(settings.setValue(Settings::Key::QuietHoursEnabled, true));
    QVERIFY(settings.isQuietHoursActive(at(5, 12, 0)));
    QVERIFY(settings.isQuietHoursActive(at(8, 22, 0)));
    QVERIFY(!settings.isQuietHoursActive(at(8, 12, 0)));

    QVERIFY(settings.setValue(Settings::Key::QuietHoursFrom, QStringLiteral("22:30")));
    QVERIFY(!settings.isQuietHoursActive(at(8, 22, 0)));
    QVERIFY(settings.isQuietHoursActive(at(8, 22, 30)));

    QVERIFY(!settings.setValue(Settings::Key::QuietHoursTo, QStringLiteral("25:00")));
    QVERIFY(!settings.setValue(Settings::Key::QuietHoursTo, QStringLiteral("eight")));
    QVERIFY(!settings.setValue(Settings::Key::QuietHoursWholeDays, QStringList {QStringLiteral("saturday")}));
    QVERIFY(!Settings::validateQuietDays({QStringLiteral("Sat")}).isEmpty());
    QCOMPARE(settings.get<QString>(Settings::Key::QuietHoursTo), QStringLiteral("08:00"));

    QVERIFY(settings.setValue(Settings::Key::QuietHoursEnabled, false));
    QVERIFY(!settings.isQuietHoursActive(at(5, 12, 0)));
}

QTEST_GUILESS_MAIN(tst_QuietHours)
#include "tst_quiethours.moc"
