#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

// When a snooze ends: the presets a person picks from (the list's context menu, a notification's action) worked out
// from "now" in local time, and the check of a time they chose. Pure: "now" and the time zone are arguments, so
// tests fix both (SnoozeScheduler and the list window pass their Clock's wall time).
class SnoozeTimes final
{
    Q_DECLARE_TR_FUNCTIONS(SnoozeTimes)

public:
    enum class Preset {
        FifteenMinutes,
        OneHour,
        TomorrowMorning, // kMorningHour:00 local time of the next calendar day (also just after midnight)
    };
    static constexpr int kMorningHour = 9;

    // The wall-clock time (ms since the epoch) `preset` ends when snoozed at `nowWallMs`.
    static qint64 until(Preset preset, qint64 nowWallMs, const QTimeZone &zone = QTimeZone::systemTimeZone());
    // A time the person chose: true when it can end a snooze (valid and later than `nowWallMs`); else false and
    // *error says why, in words for the person.
    static bool validate(const QDateTime &chosen, qint64 nowWallMs, QString *error);
    // What a menu calls the preset ("15 minutes", "1 hour", "Tomorrow morning").
    static QString label(Preset preset);
};
