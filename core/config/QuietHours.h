#pragma once

#include <QDateTime>
#include <QStringList>
#include <QTime>

class Settings;

// A weekly schedule of quiet hours: a daily window (from-to, which may cross midnight) on chosen days, and whole
// days. A day in `days` is quiet from 00:00 to `to` and from `from` to midnight when the window crosses midnight
// ("19:00-08:00 on weekdays" keeps Monday's early morning and Friday's evening quiet), else from `from` to `to`.
// Whole days are quiet from midnight to midnight, so "19:00-08:00 on weekdays and all of Saturday and Sunday" is
// quiet from Friday 19:00 to Monday 08:00. Times are this computer's local time.
class QuietHours final
{
public:
    // Days as Settings keeps them: "mon" ... "sun".
    static const QStringList &dayNames();

    QuietHours() = default; // never quiet
    QuietHours(const QTime &from, const QTime &to, const QStringList &days, const QStringList &wholeDays);
    // The schedule Settings holds (an empty one when quiet hours are off).
    static QuietHours fromSettings(const Settings &settings);

    bool isEmpty() const { return m_days == 0 && m_wholeDays == 0; }
    bool isQuiet(const QDateTime &when) const;
    // The end of the quiet hours that `when` is in (the first moment after it that is not quiet); invalid when
    // `when` is not quiet, or when every day is quiet all day.
    QDateTime quietUntil(const QDateTime &when) const;

private:
    static unsigned daysMask(const QStringList &days);
    bool isQuietAt(const QDate &date, const QTime &time) const;

    QTime m_from;
    QTime m_to;
    unsigned m_days = 0; // bit 0 = Monday ... bit 6 = Sunday (QDate::dayOfWeek() - 1)
    unsigned m_wholeDays = 0;
};
