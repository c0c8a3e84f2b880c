#include "todo/ServerKey.h"

namespace ServerKey {

namespace {

constexpr QChar kMark = QLatin1Char('@');
constexpr QChar kSeparator = QLatin1Char('/');

} // namespace

QString qualify(const QString &serverId, const QString &key)
{
    if (serverId.isEmpty())
        return key;
    return kMark + serverId + kSeparator + key;
}

QString serverOf(const QString &qualifiedKey)
{
    if (!qualifiedKey.startsWith(kMark))
        return {};
    const qsizetype separator = qualifiedKey.indexOf(kSeparator);
    return separator < 0 ? QString() : qualifiedKey.mid(1, separator - 1);
}

QString localKey(const QString &qualifiedKey)
{
    if (!qualifiedKey.startsWith(kMark))
        return qualifiedKey;
    const qsizetype separator = qualifiedKey.indexOf(kSeparator);
    return separator < 0 ? qualifiedKey : qualifiedKey.mid(separator + 1);
}

QString summaryId(const QString &serverId)
{
    return qualify(serverId, QString());
}

bool isSummaryId(const QString &notificationId)
{
    return notificationId.isEmpty() || (notificationId.startsWith(kMark) && notificationId.endsWith(kSeparator));
}

} // namespace ServerKey
