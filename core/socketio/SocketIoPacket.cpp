#include "socketio/SocketIoPacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

constexpr int kMaxAttachments = 1000;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The one JSON value in `data` (any kind: QJsonDocument alone takes only arrays and objects at the top). Wrapping it
// in brackets gives an array of exactly one element if and only if `data` is exactly one value.
bool parseValue(QByteArrayView data, QJsonValue *value)
{
    QByteArray wrapped;
    wrapped.reserve(data.size() + 2);
    wrapped.append('[').append(data).append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return false;
    *value = document.array().at(0);
    return true;
}

bool isReservedEvent(const QString &name)
{
    // Names the reference parser refuses in an EVENT: the client library's own events.
    static const QStringList reserved {QStringLiteral("connect"),     QStringLiteral("connect_error"),
                                       QStringLiteral("disconnect"),  QStringLiteral("disconnecting"),
                                       QStringLiteral("newListener"), QStringLiteral("removeListener")};
    return reserved.contains(name);
}

} // namespace

bool SocketIoPacket::parse(QByteArrayView text, SocketIoPacket *packet, QString *error)
{
    *packet = {};
    if (text.isEmpty()) {
        *error = tr("an empty Socket.IO packet");
        return false;
    }
    if (!QUtf8StringView(text).isValidUtf8()) {
        *error = tr("a Socket.IO packet that is not UTF-8 text");
        return false;
    }
    const char first = text.at(0);
    if (first < '0' || first > '6') {
        *error = tr("an unknown Socket.IO packet type");
        return false;
    }
    packet->type = Type(first - '0');
    qsizetype i = 1;
    if (packet->isBinary()) {
        const qsizetype start = i;
        while (i < text.size() && isDigit(text.at(i)) && i - start < 5)
            ++i;
        if (i == start || i >= text.size() || text.at(i) != '-') {
            *error = tr("a binary Socket.IO packet without a valid attachment count");
            return false;
        }
        packet->attachments = text.sliced(start, i - start).toByteArray().toInt();
        ++i;
        if (packet->attachments < 1 || packet->attachments > kMaxAttachments) {
            packet->attachments = 0;
            *error = tr("a binary Socket.IO packet without a valid attachment count");
            return false;
        }
    }
    if (i < text.size() && text.at(i) == '/') {
        const qsizetype comma = text.indexOf(',', i);
        const qsizetype end = comma < 0 ? text.size() : comma;
        packet->nsp = QString::fromUtf8(text.sliced(i, end - i));
        i = comma < 0 ? end : end + 1;
    }
    if (i < text.size() && isDigit(text.at(i))) {
        const qsizetype start = i;
        while (i < text.size() && isDigit(text.at(i)))
            ++i;
        if (i - start > kMaxAckIdDigits) {
            *error = tr("a Socket.IO packet with an ack id of more than %1 digits").arg(kMaxAckIdDigits);
            return false;
        }
        packet->id = text.sliced(start, i - start).toByteArray().toLongLong();
    }
    packet->data = text.sliced(i).toByteArray();
    if (packet->isBinary()) {
        *error = tr("a binary Socket.IO packet (%n attachment(s)): binary arguments are not supported", nullptr,
                    packet->attachments);
        return false;
    }

    QJsonValue value;
    const bool hasData = !packet->data.isEmpty();
    if (hasData && !parseValue(packet->data, &value)) {
        *error = tr("a Socket.IO packet whose data is not JSON");
        return false;
    }
    switch (packet->type) {
    case Type::Connect:
        if (hasData && !value.isObject()) {
            *error = tr("a CONNECT packet whose data is not a JSON object");
            return false;
        }
        packet->sid = value.toObject().value(QLatin1String("sid")).toString();
        packet->pid = value.toObject().value(QLatin1String("pid")).toString();
        return true;
    case Type::Disconnect:
        if (hasData) {
            *error = tr("a DISCONNECT packet with data");
            return false;
        }
        return true;
    case Type::ConnectError:
        if (!value.isString() && !value.isObject()) {
            *error = tr("a CONNECT_ERROR packet without a message");
            return false;
        }
        packet->message =
            value.isString() ? value.toString() : value.toObject().value(QLatin1String("message")).toString();
        return true;
    case Type::Event: {
        const QJsonArray array = value.toArray();
        const QJsonValue name = array.isEmpty() ? QJsonValue() : array.at(0);
        if (!value.isArray() || !(name.isString() || name.isDouble())) {
            *error = tr("an EVENT packet without an event name");
            return false;
        }
        packet->eventName = name.isString() ? name.toString() : QString::number(name.toDouble());
        if (name.isString() && isReservedEvent(packet->eventName)) {
            *error = tr("an EVENT packet with the reserved name \"%1\"").arg(packet->eventName);
            return false;
        }
        packet->arguments = splitArray(packet->data);
        if (!packet->arguments.isEmpty())
            packet->arguments.removeFirst();
        return true;
    }
    case Type::Ack:
        if (!value.isArray()) {
            *error = tr("an ACK packet whose data is not a JSON array");
            return false;
        }
        packet->arguments = splitArray(packet->data);
        return true;
    case Type::BinaryEvent:
    case Type::BinaryAck:
        break;
    }
    return false;
}

QByteArray SocketIoPacket::toBytes() const
{
    QByteArray bytes;
    bytes.append(char('0' + int(type)));
    if (isBinary())
        bytes.append(QByteArray::number(attachments)).append('-');
    if (nsp != QLatin1String("/"))
        bytes.append(nsp.toUtf8()).append(',');
    if (id >= 0)
        bytes.append(QByteArray::number(id));
    bytes.append(data);
    return bytes;
}

SocketIoPacket SocketIoPacket::connectTo(const QString &nsp, const QByteArray &authJson)
{
    SocketIoPacket packet;
    packet.type = Type::Connect;
    packet.nsp = nsp;
    packet.data = authJson;
    return packet;
}

SocketIoPacket SocketIoPacket::disconnectFrom(const QString &nsp)
{
    SocketIoPacket packet;
    packet.type = Type::Disconnect;
    packet.nsp = nsp;
    return packet;
}

SocketIoPacket SocketIoPacket::ackFor(const QString &nsp, qint64 id, const QByteArray &argumentsJson)
{
    SocketIoPacket packet;
    packet.type = Type::Ack;
    packet.nsp = nsp;
    packet.id = id;
    packet.data = argumentsJson;
    return packet;
}

QList<QByteArray> SocketIoPacket::splitArray(QByteArrayView json)
{
    // A scan over valid JSON: only strings (with their escapes) and nesting need tracking to find the top-level
    // commas.
    QList<QByteArray> elements;
    qsizetype i = 0;
    while (i < json.size() && isJsonSpace(json.at(i)))
        ++i;
    if (i >= json.size() || json.at(i) != '[')
        return elements;
    ++i;
    int depth = 0;
    bool inString = false;
    qsizetype start = i;
    auto take = [&](qsizetype end) {
        qsizetype from = start;
        while (from < end && isJsonSpace(json.at(from)))
            ++from;
        while (end > from && isJsonSpace(json.at(end - 1)))
            --end;
        if (end > from)
            elements.append(json.sliced(from, end - from).toByteArray());
    };
    for (; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            ++depth;
            break;
        case ']':
        case '}':
            if (depth == 0) {
                take(i);
                return elements;
            }
            --depth;
            break;
        case ',':
            if (depth == 0) {
                take(i);
                start = i + 1;
            }
            break;
        default:
            break;
        }
    }
    return elements;
}
