#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// One packet of Engine.IO protocol v4, the transport under Socket.IO 3 and 4: a type digit, then the data.
//   0{"sid":...}  open: the session's id and timing (EngineIoOpen)      1  close
//   2 / 2probe    ping (from the server; "2probe" from a client that upgrades)
//   3 / 3probe    pong                                                 4...  message (a Socket.IO packet)
//   5             upgrade: the client switches to WebSocket            6  noop
// Over WebSocket every message is one packet; over HTTP long-polling a payload holds packets separated by the
// record separator 0x1e. Binary data (a WebSocket binary message, or `b<base64>` in a polling payload) only carries
// Socket.IO's binary attachments, which this client does not take.
struct EngineIoPacket
{
    Q_DECLARE_TR_FUNCTIONS(EngineIoPacket)

public:
    enum class Type { Open, Close, Ping, Pong, Message, Upgrade, Noop };

    static constexpr char kRecordSeparator = '\x1e';

    Type type = Type::Noop;
    QByteArray data; // everything after the type digit, as it came

    // Parses one packet (a WebSocket message, or one record of a polling payload). On failure returns false and says
    // why in *error.
    static bool parse(QByteArrayView text, EngineIoPacket *packet, QString *error);
    QByteArray toBytes() const;

    // A polling payload: every record must parse, and a binary record (`b...`) is refused with a reason.
    static bool parsePayload(QByteArrayView payload, QList<EngineIoPacket> *packets, QString *error);
    // The records joined by the separator (a packet's data must not hold 0x1e: JSON text never does).
    static QByteArray toPayload(const QList<EngineIoPacket> &packets);

    static QString typeName(Type type); // "open", "ping", ...

    friend bool operator==(const EngineIoPacket &a, const EngineIoPacket &b)
    {
        return a.type == b.type && a.data == b.data;
    }
    friend bool operator!=(const EngineIoPacket &a, const EngineIoPacket &b) { return !(a == b); }
};

// The data of an open packet: {"sid":"...","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,
// "maxPayload":1000000}. The server pings every pingInterval and expects the pong within pingTimeout; a client that
// hears nothing for pingInterval + pingTimeout may take the connection for lost.
struct EngineIoOpen
{
    Q_DECLARE_TR_FUNCTIONS(EngineIoOpen)

public:
    static constexpr qint64 kMaxIntervalMs = 24LL * 3600 * 1000; // a larger ping interval or timeout is refused

    QString sid;
    QStringList upgrades; // transports the session may upgrade to ("websocket")
    qint64 pingIntervalMs = 0;
    qint64 pingTimeoutMs = 0;
    qint64 maxPayload = 0; // the largest payload the server accepts from us; 0 when it did not say

    // Parses the JSON of an open packet; false (with the reason in *error) when it is not one.
    static bool parse(QByteArrayView json, EngineIoOpen *open, QString *error);

    bool offersWebSocket() const { return upgrades.contains(QLatin1String("websocket")); }
    // Silence past this is a lost connection: the server's next ping is overdue by its own timeout.
    qint64 silenceLimitMs() const { return pingIntervalMs + pingTimeoutMs; }
};
