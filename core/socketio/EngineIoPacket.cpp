#include "socketio/EngineIoPacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace {

constexpr qsizetype kMaxSidLength = 256; // engine.io's ids are 20 characters; anything this long is not one

// A whole number of milliseconds in (0, max]; JSON numbers are doubles.
bool readInterval(const QJsonObject &object, QLatin1String name, qint64 *out)
{
    const QJsonValue value = object.value(name);
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number <= 0 || number > double(EngineIoOpen::kMaxIntervalMs)
        || std::floor(number) != number)
        return false;
    *out = qint64(number);
    return true;
}

} // namespace

bool EngineIoPacket::parse(QByteArrayView text, EngineIoPacket *packet, QString *error)
{
    if (text.isEmpty()) {
        *error = tr("an empty Engine.IO packet");
        return false;
    }
    const char first = text.at(0);
    if (first == 'b') {
        *error = tr("a binary Engine.IO packet (Socket.IO binary attachments are not supported)");
        return false;
    }
    if (first < '0' || first > '6') {
        *error = tr("not an Engine.IO packet: it starts with 0x%1").arg(uint(uchar(first)), 2, 16, QLatin1Char('0'));
        return false;
    }
    packet->type = Type(first - '0');
    packet->data = text.sliced(1).toByteArray();
    return true;
}

QByteArray EngineIoPacket::toBytes() const
{
    QByteArray bytes;
    bytes.reserve(data.size() + 1);
    bytes.append(char('0' + int(type)));
    bytes.append(data);
    return bytes;
}

bool EngineIoPacket::parsePayload(QByteArrayView payload, QList<EngineIoPacket> *packets, QString *error)
{
    packets->clear();
    qsizetype start = 0;
    while (true) {
        qsizetype end = payload.indexOf(kRecordSeparator, start);
        if (end < 0)
            end = payload.size();
        EngineIoPacket packet;
        QString reason;
        if (!parse(payload.sliced(start, end - start), &packet, &reason)) {
            *error = tr("packet %1 of the long-polling payload: %2").arg(packets->size() + 1).arg(reason);
            packets->clear();
            return false;
        }
        packets->append(std::move(packet));
        if (end == payload.size())
            return true;
        start = end + 1;
    }
}

QByteArray EngineIoPacket::toPayload(const QList<EngineIoPacket> &packets)
{
    QByteArray payload;
    for (qsizetype i = 0; i < packets.size(); ++i) {
        if (i > 0)
            payload.append(kRecordSeparator);
        payload.append(packets.at(i).toBytes());
    }
    return payload;
}

QString EngineIoPacket::typeName(Type type)
{
    switch (type) {
    case Type::Open:
        return QStringLiteral("open");
    case Type::Close:
        return QStringLiteral("close");
    case Type::Ping:
        return QStringLiteral("ping");
    case Type::Pong:
        return QStringLiteral("pong");
    case Type::Message:
        return QStringLiteral("message");
    case Type::Upgrade:
        return QStringLiteral("upgrade");
    case Type::Noop:
        break;
    }
    return QStringLiteral("noop");
}

bool EngineIoOpen::parse(QByteArrayView json, EngineIoOpen *open, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = tr("the open packet does not hold a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    EngineIoOpen result;
    const QJsonValue sid = object.value(QLatin1String("sid"));
    result.sid = sid.toString();
    if (!sid.isString() || result.sid.isEmpty() || result.sid.size() > kMaxSidLength) {
        *error = tr("the open packet has no session id (\"sid\")");
        return false;
    }
    if (!readInterval(object, QLatin1String("pingInterval"), &result.pingIntervalMs)
        || !readInterval(object, QLatin1String("pingTimeout"), &result.pingTimeoutMs)) {
        *error = tr("the open packet has no valid \"pingInterval\" and \"pingTimeout\" (Engine.IO 4 servers send "
                    "both in milliseconds)");
        return false;
    }
    const QJsonValue upgrades = object.value(QLatin1String("upgrades"));
    if (!upgrades.isUndefined() && !upgrades.isArray()) {
        *error = tr("the open packet's \"upgrades\" is not a list");
        return false;
    }
    for (const QJsonValue &upgrade : upgrades.toArray())
        result.upgrades.append(upgrade.toString());
    const double maxPayload = object.value(QLatin1String("maxPayload")).toDouble();
    if (std::isfinite(maxPayload) && maxPayload > 0 && maxPayload < 9.0e15)
        result.maxPayload = qint64(maxPayload);
    *open = std::move(result);
    return true;
}
