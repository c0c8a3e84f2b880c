// libFuzzer target for the Socket.IO codecs: EngineIoPacket (one packet and long-polling payloads), EngineIoOpen and
// SocketIoPacket, the way SocketIoSource uses them (a message packet's data is a Socket.IO packet).
//
// Input: the bytes are taken as one Engine.IO packet, as a long-polling payload, and as a Socket.IO packet. These
// invariants must hold, or the fuzzer traps:
//  - nothing crashes; a failure always says why;
//  - a packet that parses writes back to exactly its input, and so does a payload (its records joined by 0x1e);
//    a payload that fails leaves no packets;
//  - an open packet that parses has a session id and intervals within the bounds, and a positive silence limit;
//  - a Socket.IO packet that parses writes back to bytes that parse to the same packet (namespace, ack id, data,
//    event name, arguments, message, sid, pid); an Event's or Ack's arguments are each one JSON value, as many as
//    the array holds after the name;
//  - a Socket.IO packet that fails has attachments only when binary (1..1000), none otherwise.

#include "socketio/EngineIoPacket.h"
#include "socketio/SocketIoPacket.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

QJsonArray arrayOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

void checkSocketIo(const QByteArray &text)
{
    SocketIoPacket packet;
    QString error;
    if (!SocketIoPacket::parse(text, &packet, &error)) {
        require(!error.isEmpty());
        if (packet.isBinary())
            require(packet.attachments == 0 || (packet.attachments >= 1 && packet.attachments <= 1000));
        else
            require(packet.attachments == 0);
        return;
    }
    require(!packet.isBinary());
    require(packet.nsp.startsWith(QLatin1Char('/')));
    const QByteArray written = packet.toBytes();
    SocketIoPacket again;
    QString againError;
    require(SocketIoPacket::parse(written, &again, &againError));
    require(again == packet);
    require(again.eventName == packet.eventName && again.arguments == packet.arguments
            && again.message == packet.message && again.sid == packet.sid && again.pid == packet.pid);
    if (packet.type == SocketIoPacket::Type::Event || packet.type == SocketIoPacket::Type::Ack) {
        const QJsonArray array = arrayOf(packet.data);
        const qsizetype skipped = packet.type == SocketIoPacket::Type::Event ? 1 : 0;
        require(packet.arguments.size() == array.size() - skipped);
        for (qsizetype i = 0; i < packet.arguments.size(); ++i) {
            const QJsonArray one = arrayOf('[' + packet.arguments.at(i) + ']');
            require(one.size() == 1 && one.at(0) == array.at(i + skipped));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    EngineIoPacket packet;
    QString error;
    if (EngineIoPacket::parse(input, &packet, &error)) {
        require(packet.toBytes() == input);
        if (packet.type == EngineIoPacket::Type::Open) {
            EngineIoOpen open;
            QString openError;
            if (EngineIoOpen::parse(packet.data, &open, &openError)) {
                require(!open.sid.isEmpty() && open.sid.size() <= 256);
                require(open.pingIntervalMs > 0 && open.pingIntervalMs <= EngineIoOpen::kMaxIntervalMs);
                require(open.pingTimeoutMs > 0 && open.pingTimeoutMs <= EngineIoOpen::kMaxIntervalMs);
                require(open.silenceLimitMs() > 0 && open.maxPayload >= 0);
            } else {
                require(!openError.isEmpty());
            }
        }
        if (packet.type == EngineIoPacket::Type::Message)
            checkSocketIo(packet.data);
    } else {
        require(!error.isEmpty());
    }

    QList<EngineIoPacket> packets;
    QString payloadError;
    if (EngineIoPacket::parsePayload(input, &packets, &payloadError)) {
        require(!packets.isEmpty());
        require(EngineIoPacket::toPayload(packets) == input);
    } else {
        require(packets.isEmpty() && !payloadError.isEmpty());
    }

    checkSocketIo(input);
    return 0;
}
