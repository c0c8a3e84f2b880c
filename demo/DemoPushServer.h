#pragma once

#include "TodoGenerator.h"
#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocketProtocol>

#include <memory>
#include <vector>

class Clock;
class ClockTimer;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

// A demonstration server and test double: the server side of STOMP 1.2 (and 1.1, 1.0) over WebSocket, on
// QWebSocketServer, that pushes sample todos (TodoGenerator) to whoever subscribes. It is NOT a message
// broker: one process, everything in memory, no persistence, no routing beyond exact destination names, no
// security beyond an optional single login. Do not use it in production.
//
// Two users:
//  - `todo-notifier-cli --demo`, the GUI's `--demo` and `todo-notifier-demo-server` embed it as a push source;
//  - the StompClient tests drive it in-process as a fake server with the fault switches below.
//
// Protocol, as implemented:
//  - WebSocket: listens on `path()` (default "/ws"); a request for another path is refused at the HTTP
//    level (404), as is every request while setRejectConnections(true) (503). Offers the subprotocols
//    v12.stomp, v11.stomp and v10.stomp. Frames go out as text messages (binary if not valid UTF-8); both
//    kinds are accepted. One STOMP frame (or one heart-beat EOL) per WebSocket message.
//  - CONNECT or STOMP: the version is the highest common one of `accept-version` (absent: 1.0) and
//    supportedVersions(); none in common gives ERROR "Supported protocol versions are ..." (with a `version`
//    header) and a close, as the spec says. Optional credentials (setCredentials()) and virtual host
//    (setRequiredHost()): a mismatch gives ERROR and a close. CONNECTED carries `version`, `session`,
//    `server:TodoNotifier-Demo/<version>` and `heart-beat:<sx>,<sy>` (the server's offer, setHeartbeat()).
//  - Heart-beats (1.1+), negotiated per spec: the server sends an EOL whenever it has sent nothing for
//    max(sx, cy) ms, and closes a client it has heard nothing from for 2 x max(cx, sy) ms (0 on either side
//    switches a direction off).
//  - SUBSCRIBE (`id`, `destination`, `ack` auto | client | client-individual), UNSUBSCRIBE, SEND, ACK/NACK,
//    BEGIN/COMMIT/ABORT, DISCONNECT; a `receipt` header on any frame but CONNECT is answered with RECEIPT.
//    Protocol violations (unknown command, frame before CONNECT, missing header, unknown subscription,
//    transaction or ack id, unparsable bytes) are answered with ERROR (with `receipt-id` when the frame
//    asked for a receipt) and a close, as brokers do.
//  - Delivery: SEND is delivered to every subscription whose destination equals the SEND's (a tiny echo
//    broker); publish() likewise; the periodic todo push goes to every subscription, whatever its
//    destination. MESSAGE carries `destination`, `subscription`, `message-id`, `content-type`,
//    `content-length` and, in 1.2 for client acks, an `ack` id that differs from the message id.
//  - Acknowledgement, a small and honest model of a broker's: a MESSAGE to a client or client-individual
//    subscription stays unacked until ACKed (1.2: `id` = the MESSAGE's `ack`; 1.1: `message-id` +
//    `subscription`; 1.0: `message-id`). `client` acks are cumulative within the subscription,
//    `client-individual` ones are not. A NACKed message, and every message still unacked when its
//    subscription is cancelled or its connection ends, is requeued: it goes at once to ONE other current
//    subscription of the same destination (the same subscription only if there is no other), or waits for
//    the next SUBSCRIBE to that destination. A redelivery keeps its `message-id`, gets a new `ack` id and
//    carries `redelivered:true`. Messages for a destination nobody subscribes to are dropped (topic-like).
//  - Transactions: SEND, ACK and NACK naming a transaction are held and applied, in order, on COMMIT and
//    dropped on ABORT (or when the connection ends).
//
// Time: every timer (publishing, heart-beats, the silence watchdog, response delays) comes from the Clock,
// so tests drive it with MockClock. Call setClock() before listen().
class DemoPushServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoPushServer)

public:
    // One frame as received, for receivedFrames().
    struct ReceivedFrame
    {
        QByteArray sessionId;
        StompFrame frame;
    };

    // A snapshot of one WebSocket connection, for sessions().
    struct SessionInfo
    {
        QByteArray sessionId;
        bool stompConnected = false; // CONNECTED was sent
        StompVersion version = StompVersion::V1_2;
        qint64 sendHeartbeatMs = 0; // negotiated server -> client period (0 = none)
        qint64 expectHeartbeatMs = 0; // negotiated client -> server period (0 = none)
        QByteArray login; // the CONNECT `login` (the passcode is never kept here)
        QByteArray host; // the CONNECT `host`
        QString subprotocol; // the WebSocket subprotocol chosen, if any
        QUrl requestUrl; // as the client asked for it
        int subscriptionCount = 0;
    };

    explicit DemoPushServer(QObject *parent = nullptr);
    ~DemoPushServer() override;

    // ---- Configuration -------------------------------------------------------------------------------
    // The time source of every timer; nullptr means Clock::system(). Call before listen().
    void setClock(Clock *clock);
    Clock *clock() const { return m_clock; }

    // The WebSocket path served (default "/ws"); requests for any other path get HTTP 404.
    void setPath(const QString &path);
    QString path() const { return m_path; }

    // Todo push period in ms (default 5000; 0 = no periodic push). While anyone is subscribed, the next push
    // comes at most firstPublishDelayMs() (default 1000) after a new SUBSCRIBE, so a newcomer sees one soon.
    void setPublishInterval(qint64 ms);
    qint64 publishInterval() const { return m_publishIntervalMs; }
    void setFirstPublishDelay(qint64 ms);
    qint64 firstPublishDelay() const { return m_firstPublishDelayMs; }

    // The heart-beat the server offers in CONNECTED: it can send every `sendMs` and wants to hear from the
    // client every `receiveMs` (default 10000,10000; 0 = not offered).
    void setHeartbeat(qint64 sendMs, qint64 receiveMs);
    qint64 heartbeatSendMs() const { return m_heartbeatSendMs; }
    qint64 heartbeatReceiveMs() const { return m_heartbeatReceiveMs; }

    // Versions the server accepts (default 1.0, 1.1, 1.2), for testing a client's negotiation.
    void setSupportedVersions(const QList<StompVersion> &versions);
    QList<StompVersion> supportedVersions() const { return m_supportedVersions; }

    // Requires CONNECT `login`/`passcode` to match (an empty login switches the check off). A mismatch is
    // answered with ERROR "Authentication failed" and a close. The passcode is never logged.
    void setCredentials(const QString &login, const QString &passcode);
    // Requires CONNECT `host` (the virtual host) to equal `host`; empty = any.
    void setRequiredHost(const QString &host);

    // The source of the pushed todos (seeded with 1 and reading this server's clock).
    TodoGenerator &generator() { return m_generator; }

    // ---- Lifecycle -----------------------------------------------------------------------------------
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Stops listening and closes every connection (WebSocket close 1001 "Server closed").
    void close();
    bool isListening() const;
    quint16 port() const;
    // "ws://127.0.0.1:<port>/ws" (a wildcard listen address is shown as 127.0.0.1).
    QUrl url() const;
    QString errorString() const;

    // ---- Publishing ----------------------------------------------------------------------------------
    // Sends `body` as MESSAGE to every subscription on `destination` (every subscription when `destination`
    // is empty), with `headers` added; the default content-type is application/json;charset=UTF-8. Returns
    // the message-id (also when nobody was subscribed and the message was dropped).
    QByteArray publish(const QByteArray &destination, const QByteArray &body,
                       const QList<StompFrame::Header> &headers = {});
    // Pushes the generator's next todo to every subscription now, as the periodic push does. Returns the
    // message-id, or an empty array when nobody is subscribed (nothing is generated then).
    QByteArray publishTodo();

    // ---- Fault injection (each applies to every current connection unless said otherwise) ------------
    // Aborts the TCP connections: no WebSocket close frame, no STOMP frame. The client sees an abnormal close.
    void dropConnections();
    // Closes the WebSocket connections cleanly with this close code and reason (after any queued output).
    void closeConnections(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal,
                          const QString &reason = {});
    // false: sends no more heart-beats (the sockets stay open and everything else works). Default true.
    void setHeartbeatsEnabled(bool enabled);
    bool heartbeatsEnabled() const { return m_heartbeatsEnabled; }
    // true: a silent path. Nothing is read (incoming bytes are buffered, unprocessed), nothing is sent (no
    // frames, no heart-beats; output queues up), the silence watchdog is suspended, and new connections hang
    // before the WebSocket handshake. false: everything buffered is processed and sent, in order.
    void setStalled(bool stalled);
    bool isStalled() const { return m_stalled; }
    // Sends ERROR with `message` (header) and `body` (text/plain), then closes, as brokers do.
    void sendError(const QByteArray &message, const QByteArray &body = {});
    // Sends bytes that violate STOMP (malformedFrameBytes()) as one WebSocket message; the connection stays open.
    void sendMalformedFrame();
    static QByteArray malformedFrameBytes();
    // Sends arbitrary bytes as one WebSocket message (text if valid UTF-8), in order with queued output.
    void sendRaw(const QByteArray &bytes);
    // Delays every CONNECTED and RECEIPT by `ms` (Clock time). Output queued behind a delayed frame waits
    // for it, so the stream order is kept; heart-beats are not held back. 0 = no delay (default).
    void setResponseDelay(qint64 ms);
    qint64 responseDelay() const { return m_responseDelayMs; }
    // false: RECEIPT frames are swallowed (DISCONNECT still closes). For testing receipt timeouts.
    void setReceiptsEnabled(bool enabled);
    bool receiptsEnabled() const { return m_receiptsEnabled; }
    // true: new WebSocket handshakes are refused with HTTP 503; open connections are untouched.
    void setRejectConnections(bool reject);
    bool rejectsConnections() const { return m_rejectConnections; }
    // true: an extra LF follows every frame, inside the same WebSocket message (the RabbitMQ habit).
    void setSendExtraNewlineAfterFrames(bool enabled);

    // ---- Observation ---------------------------------------------------------------------------------
    int connectionCount() const; // open WebSocket connections
    int pendingHandshakeCount() const { return int(m_handshaking.size()); } // TCP connections before the upgrade
    QList<QByteArray> sessionIds() const; // of the open connections, oldest first
    QList<SessionInfo> sessions() const;
    QList<ReceivedFrame> receivedFrames() const { return m_receivedFrames; } // all, in order
    QList<StompFrame> receivedFrames(const QByteArray &command) const; // only this command
    void clearReceivedFrames() { m_receivedFrames.clear(); }
    int subscriptionCount() const; // over all connections
    int unackedCount() const; // MESSAGEs to client/client-individual subscriptions not yet ACKed
    int requeuedCount() const; // NACKed or orphaned MESSAGEs waiting for a subscriber
    int sentMessageCount() const { return m_sentMessageCount; } // MESSAGE frames sent (all deliveries)
    int sentFrameCount() const { return m_sentFrameCount; } // frames of any command actually sent
    int heartbeatsSent() const { return m_heartbeatsSent; }
    int heartbeatsReceived() const { return m_heartbeatsReceived; } // EOLs from clients, between frames
    int queuedOutputCount() const; // frames held back by a delay or a stall
    qint64 bufferedInputBytes() const; // bytes received but not processed (stalled)

Q_SIGNALS:
    // A WebSocket connection was accepted (the STOMP session id is assigned now).
    void clientConnected(const QByteArray &sessionId);
    // CONNECTED was sent to it.
    void sessionStarted(const QByteArray &sessionId);
    void clientDisconnected(const QByteArray &sessionId);
    void frameReceived(const QByteArray &sessionId, const StompFrame &frame);

private:
    enum class AckMode { Auto, Client, ClientIndividual };
    struct Connection;
    struct Subscription;
    struct Delivery;
    struct Outgoing;

    void onTcpConnection();
    void inspectHandshake(QTcpSocket *socket);
    void refuseHandshake(QTcpSocket *socket, const QByteArray &status);
    void onWebSocketConnection();
    void onSocketDisconnected(Connection *connection);
    void onBytes(Connection *connection, const QByteArray &bytes);
    void processInput(Connection *connection, const QByteArray &bytes);
    void handleFrame(Connection *connection, const StompFrame &frame, bool inTransaction = false);
    void handleConnect(Connection *connection, const StompFrame &frame);
    void handleSubscribe(Connection *connection, const StompFrame &frame);
    void handleUnsubscribe(Connection *connection, const StompFrame &frame);
    void handleSend(Connection *connection, const StompFrame &frame);
    void handleAck(Connection *connection, const StompFrame &frame);
    void handleTransaction(Connection *connection, const StompFrame &frame);
    void sendReceipt(Connection *connection, const StompFrame &frame);
    void protocolError(Connection *connection, const QByteArray &message, const QByteArray &body,
                       const StompFrame *offending = nullptr, const QList<StompFrame::Header> &extra = {});

    void deliverToDestination(const QByteArray &destination, const QByteArray &messageId, const QByteArray &body,
                              const QList<StompFrame::Header> &headers);
    void deliver(Connection *connection, const Subscription &subscription, const QByteArray &messageId,
                 const QByteArray &body, const QList<StompFrame::Header> &headers, bool redelivered);
    void requeue(std::vector<Delivery> deliveries);
    void offerRequeued(const QByteArray &destination);
    void schedulePublish(qint64 delayMs);
    void onPublishTimer();

    void sendFrame(Connection *connection, const StompFrame &frame, qint64 delayMs = 0);
    void enqueue(Connection *connection, Outgoing item);
    void flush(Connection *connection);
    void writeMessage(Connection *connection, const QByteArray &bytes);
    void startSession(Connection *connection);
    void onHeartbeatTimer(Connection *connection);
    void onWatchdogTimer(Connection *connection);
    void restartWatchdog(Connection *connection);
    void closeConnection(Connection *connection, QWebSocketProtocol::CloseCode code, const QString &reason);

    QList<Connection *> liveConnections() const;
    QByteArray nextMessageId();

    Clock *m_clock = nullptr;
    QTcpServer *m_tcpServer = nullptr;
    QWebSocketServer *m_webSocketServer = nullptr;
    QList<QTcpSocket *> m_handshaking;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<Connection>> m_finished; // released from the event loop, never mid-signal
    std::unique_ptr<ClockTimer> m_publishTimer;
    qint64 m_nextPublishAt = 0;
    TodoGenerator m_generator;

    QString m_path = QStringLiteral("/ws");
    qint64 m_publishIntervalMs = 5000;
    qint64 m_firstPublishDelayMs = 1000;
    qint64 m_heartbeatSendMs = 10000;
    qint64 m_heartbeatReceiveMs = 10000;
    QList<StompVersion> m_supportedVersions {StompVersion::V1_0, StompVersion::V1_1, StompVersion::V1_2};
    QByteArray m_login;
    QByteArray m_passcode;
    QByteArray m_requiredHost;

    bool m_heartbeatsEnabled = true;
    bool m_stalled = false;
    bool m_receiptsEnabled = true;
    bool m_rejectConnections = false;
    bool m_extraNewline = false;
    qint64 m_responseDelayMs = 0;

    QList<ReceivedFrame> m_receivedFrames;
    std::vector<Delivery> m_unacked;
    std::vector<Delivery> m_requeued;
    quint64 m_sessionCounter = 0;
    quint64 m_messageCounter = 0;
    quint64 m_ackCounter = 0;
    int m_sentMessageCount = 0;
    int m_sentFrameCount = 0;
    int m_heartbeatsSent = 0;
    int m_heartbeatsReceived = 0;
};
