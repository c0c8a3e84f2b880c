#include "store/SnoozeTimes.h"

qint64 SnoozeTimes::until(Preset preset, qint64 nowWallMs, const QTimeZone &zone)
{
    switch (preset) {
    case Preset::FifteenMinutes:
        return nowWallMs + 15 * 60 * 1000;
    case Preset::OneHour:
        return nowWallMs + 60 * 60 * 1000;
    case Preset::TomorrowMorning: {
        const QDate tomorrow = QDateTime::fromMSecsSinceEpoch(nowWallMs, zone).date().addDays(1);
        // On a day whose 09:00 does not exist (a DST change at that hour) Qt moves it past the gap.
        return QDateTime(tomorrow, QTime(kMorningHour, 0), zone).toMSecsSinceEpoch();
    }
    }
    return nowWallMs;
}

bool SnoozeTimes::validate(const QDateTime &chosen, qint64 nowWallMs, QString *error)
{
    if (!chosen.isValid()) {
        if (error)
            *error = tr("Choose a date and a time.");
        return false;
    }
    if (chosen.toMSecsSinceEpoch() <= nowWallMs) {
        if (error)
            *error = tr("That time has passed. Choose a time in the future.");
        return false;
    }
    if (error)
        error->clear();
    return true;
}

QString SnoozeTimes::label(Preset preset)
{
    switch (preset) {
    case Preset::FifteenMinutes:
        return tr("15 minutes");
    case Preset::OneHour:
        return tr("1 hour");
    case Preset::TomorrowMorning:
        return tr("Tomorrow morning");
    }
    return {};
}
