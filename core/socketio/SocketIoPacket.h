#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

// One Socket.IO packet (protocol v5, Socket.IO 3 and 4), the text of an Engine.IO message packet:
//   <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]
//   0/admin,{"token":"..."}   CONNECT to a namespace, with the auth payload; the server answers 0/admin,{"sid":"..."}
//   1/admin,                  DISCONNECT
//   2/admin,12["todo",{...}]  EVENT: the name, then the arguments; an ack id asks for an ACK with that id
//   3/admin,12[...]           ACK
//   4/admin,{"message":"..."} CONNECT_ERROR: the namespace refused the connection (a middleware's error)
//   51-["todo",{"_placeholder":true,"num":0}] BINARY_EVENT, 6 BINARY_ACK: arguments in binary attachments
// The default namespace "/" is not written. The JSON is checked as the reference parser (socket.io-parser) checks
// it, and kept as it came: arguments are handed on as their own JSON text, so key order and the spelling of large
// numbers survive. Binary packets are refused with a reason (this client takes text only); the attachment count is
// still read, so that the caller can skip the attachments that follow.
struct SocketIoPacket
{
    Q_DECLARE_TR_FUNCTIONS(SocketIoPacket)

public:
    enum class Type { Connect, Disconnect, Event, Ack, ConnectError, BinaryEvent, BinaryAck };

    static constexpr int kMaxAckIdDigits = 15; // the reference client's ids are JavaScript numbers

    Type type = Type::Event;
    QString nsp = QStringLiteral("/");
    qint64 id = -1; // the ack id; -1: none
    QByteArray data; // the JSON after the header, as it came; empty when there is none
    int attachments = 0; // BinaryEvent, BinaryAck: binary attachments that follow

    // Filled in by parse():
    QString eventName; // Event: the first element (a number is taken as its text)
    QList<QByteArray> arguments; // Event: the elements after the name; Ack: every element; each its JSON text
    QString message; // ConnectError: the message (an object's "message", or a string)
    QString sid; // Connect (the server's answer): the socket's id in the namespace
    // Connect (the server's answer): the private session id of a server with connection state recovery (Socket.IO
    // 4.6+), which it keeps for a while after the connection drops; empty when recovery is off.
    QString pid;

    // Parses a packet. On failure returns false with the reason in *error; *packet then still holds what could be
    // read (for a binary packet: its type and attachment count).
    static bool parse(QByteArrayView text, SocketIoPacket *packet, QString *error);
    QByteArray toBytes() const;

    // Packets a client sends.
    static SocketIoPacket connectTo(const QString &nsp, const QByteArray &authJson = {});
    static SocketIoPacket disconnectFrom(const QString &nsp);
    static SocketIoPacket ackFor(const QString &nsp, qint64 id, const QByteArray &argumentsJson = "[]");

    bool isBinary() const { return type == Type::BinaryEvent || type == Type::BinaryAck; }
    // The elements of a JSON array, each as its own trimmed JSON text. `json` must be a valid JSON array.
    static QList<QByteArray> splitArray(QByteArrayView json);

    friend bool operator==(const SocketIoPacket &a, const SocketIoPacket &b)
    {
        return a.type == b.type && a.nsp == b.nsp && a.id == b.id && a.data == b.data && a.attachments == b.attachments;
    }
    friend bool operator!=(const SocketIoPacket &a, const SocketIoPacket &b) { return !(a == b); }
};
