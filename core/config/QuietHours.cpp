#include "config/QuietHours.h"

#include "config/Settings.h"

const QStringList &QuietHours::dayNames()
{
    static const QStringList names {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                    QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                    QStringLiteral("sun")};
    return names;
}

QuietHours::QuietHours(const QTime &from, const QTime &to, const QStringList &days, const QStringList &wholeDays)
    : m_from(from)
    , m_to(to)
    , m_days(from.isValid() && to.isValid() && from != to ? daysMask(days) : 0)
    , m_wholeDays(daysMask(wholeDays))
{ }

QuietHours QuietHours::fromSettings(const Settings &settings)
{
    using Key = Settings::Key;
    if (!settings.get<bool>(Key::QuietHoursEnabled))
        return {};
    const auto time = [&settings](Key key) {
        return QTime::fromString(settings.get<QString>(key), QStringLiteral("HH:mm"));
    };
    return QuietHours(time(Key::QuietHoursFrom), time(Key::QuietHoursTo),
                      settings.get<QStringList>(Key::QuietHoursDays),
                      settings.get<QStringList>(Key::QuietHoursWholeDays));
}

unsigned QuietHours::daysMask(const QStringList &days)
{
    unsigned mask = 0;
    for (const QString &day : days) {
        const qsizetype index = dayNames().indexOf(day);
        if (index >= 0)
            mask |= 1U << index;
    }
    return mask;
}

bool QuietHours::isQuietAt(const QDate &date, const QTime &time) const
{
    const unsigned day = 1U << (date.dayOfWeek() - 1);
    if (m_wholeDays & day)
        return true;
    if (!(m_days & day))
        return false;
    if (m_from < m_to)
        return time >= m_from && time < m_to;
    return time >= m_from || time < m_to; // the window crosses midnight
}

bool QuietHours::isQuiet(const QDateTime &when) const
{
    if (isEmpty() || !when.isValid())
        return false;
    const QDateTime local = when.toLocalTime();
    return isQuietAt(local.date(), local.time());
}

QDateTime QuietHours::quietUntil(const QDateTime &when) const
{
    if (!isQuiet(when))
        return {};
    // Quiet hours end at a window's `to` or at a midnight: walk those boundaries, a week and a day at most.
    QDateTime at = when.toLocalTime();
    for (int step = 0; step < 16; ++step) {
        QDateTime next = at.date().addDays(1).startOfDay();
        if (m_days != 0) {
            const QDateTime to(at.date(), m_to);
            if (to > at && to < next)
                next = to;
        }
        if (!isQuiet(next))
            return next;
        at = next;
    }
    return {}; // quiet every hour of every day
}
