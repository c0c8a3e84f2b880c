#include "todo/Todo.h"

QString todoKindName(Todo::Kind kind)
{
    return kind == Todo::Kind::Text ? QStringLiteral("text") : QStringLiteral("json");
}

QJsonObject Todo::metaData() const
{
    return source.value(QLatin1String("metaData")).toObject();
}

QJsonObject Todo::toJson() const
{
    QJsonObject object {
        {QStringLiteral("key"), key},
        {QStringLiteral("id"), id},
        {QStringLiteral("kind"), todoKindName(kind)},
        {QStringLiteral("title"), title},
        {QStringLiteral("time"), time.isValid() ? time.toString(Qt::ISODate) : QString()},
        {QStringLiteral("timeText"), timeText},
        {QStringLiteral("handlerUrl"), handlerUrl},
        {QStringLiteral("urgency"), urgency},
        {QStringLiteral("urgencyText"), urgencyText},
        {QStringLiteral("businessName"), businessName},
        {QStringLiteral("senderName"), senderName},
        {QStringLiteral("senderDepartment"), senderDepartment},
        {QStringLiteral("nodeName"), nodeName},
        {QStringLiteral("pendingUrl"), pendingUrl},
        {QStringLiteral("messageId"), messageId},
        {QStringLiteral("read"), read},
        {QStringLiteral("done"), done},
        {QStringLiteral("deliveries"), deliveries},
    };
    if (snoozedUntilMs > 0)
        object.insert(QStringLiteral("snoozedUntilMs"), snoozedUntilMs);
    if (!source.isEmpty())
        object.insert(QStringLiteral("source"), source);
    return object;
}

bool Todo::operator==(const Todo &other) const
{
    return key == other.key && id == other.id && kind == other.kind && title == other.title
        && timeText == other.timeText && time == other.time && handlerUrl == other.handlerUrl && userId == other.userId
        && pendingId == other.pendingId && ownerId == other.ownerId && ownerIdentityId == other.ownerIdentityId
        && urgency == other.urgency && urgencyText == other.urgencyText && businessName == other.businessName
        && senderName == other.senderName && senderDepartment == other.senderDepartment && nodeName == other.nodeName
        && pendingUrl == other.pendingUrl && source == other.source && messageId == other.messageId
        && destination == other.destination && seq == other.seq && sortMs == other.sortMs
        && receivedMs == other.receivedMs && updatedMs == other.updatedMs && deliveries == other.deliveries
        && read == other.read && done == other.done && snoozedUntilMs == other.snoozedUntilMs;
}
