#pragma once

#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QList>
#include <QObject>

class DemoConnection;
class DemoDelivery;
class DemoTodoPublisher;

// The STOMP session side of the demo push server: it parses each connection's WebSocket messages into frames
// (one frame, or heart-beat EOLs, per message), negotiates CONNECT and dispatches the frames of a connected
// session.
//
//  - CONNECT or STOMP: the version is the highest common one of `accept-version` (absent: 1.0) and
//    supportedVersions(); none in common gives ERROR "Supported protocol versions are ..." (with a `version`
//    header) and a close, as the spec says. Optional credentials and virtual host: a mismatch gives ERROR and a
//    close. CONNECTED carries `version`, `session`, `server:TodoNotifier-Demo/<version>` and
//    `heart-beat:<sx>,<sy>` (the server's offer).
//  - Heart-beats (1.1+), negotiated per spec: the server beats every max(sx, cy) ms and expects the client
//    every max(cx, sy) ms (0 on either side switches a direction off); DemoConnection keeps them.
//  - SUBSCRIBE, UNSUBSCRIBE, SEND, ACK and NACK go to DemoDelivery; BEGIN/COMMIT/ABORT are handled here: SEND,
//    ACK and NACK naming a transaction are held and applied, in order, on COMMIT and dropped on ABORT (or when
//    the connection ends). DISCONNECT is answered (with a RECEIPT if asked) and closed.
//  - A `receipt` header on any frame but CONNECT is answered with RECEIPT. Protocol violations (unknown command,
//    frame before CONNECT, missing header, unknown subscription, transaction or ack id, unparsable bytes) are
//    answered with ERROR (with `receipt-id` when the frame asked for a receipt) and a close, as brokers do.
class DemoFrameHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoFrameHandler)

public:
    DemoFrameHandler(DemoDelivery &delivery, DemoTodoPublisher &publisher, QObject *parent = nullptr);
    ~DemoFrameHandler() override;

    // "TodoNotifier-Demo/<version>": the CONNECTED `server` header, and the WebSocket handshake's Server.
    static QByteArray serverHeader();

    // ---- The server's side of CONNECT (DemoPushServer's configuration) ----------------------------------
    void setHeartbeat(qint64 sendMs, qint64 receiveMs);
    qint64 heartbeatSendMs() const { return m_heartbeatSendMs; }
    qint64 heartbeatReceiveMs() const { return m_heartbeatReceiveMs; }
    void setSupportedVersions(const QList<StompVersion> &versions) { m_supportedVersions = versions; }
    QList<StompVersion> supportedVersions() const { return m_supportedVersions; }
    // An empty login switches the check off.
    void setCredentials(const QByteArray &login, const QByteArray &passcode);
    // Empty: any host.
    void setRequiredHost(const QByteArray &host) { m_requiredHost = host; }

    // Parses `bytes` from `connection` and handles every complete frame; unparsable bytes are a protocol error.
    void processInput(DemoConnection *connection, const QByteArray &bytes);
    // Heart-beat EOLs received from clients, between frames.
    int heartbeatsReceived() const { return m_heartbeatsReceived; }

Q_SIGNALS:
    // Every frame as it is received (not again when a transaction commits it), before it is handled.
    void frameReceived(DemoConnection *connection, const StompFrame &frame);

private:
    void handleFrame(DemoConnection *connection, const StompFrame &frame, bool inTransaction = false);
    void handleConnect(DemoConnection *connection, const StompFrame &frame);
    void handleTransaction(DemoConnection *connection, const StompFrame &frame);

    DemoDelivery &m_delivery;
    DemoTodoPublisher &m_publisher;
    qint64 m_heartbeatSendMs = 10000;
    qint64 m_heartbeatReceiveMs = 10000;
    QList<StompVersion> m_supportedVersions {StompVersion::V1_0, StompVersion::V1_1, StompVersion::V1_2};
    QByteArray m_login;
    QByteArray m_passcode;
    QByteArray m_requiredHost;
    int m_heartbeatsReceived = 0;
};
