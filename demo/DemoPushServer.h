#pragma once

#include "DemoConnection.h"
#include "DemoHandshakeGate.h"
#include "DemoProtocol.h"
#include "DemoServerHooks.h"
#include "TodoGenerator.h"
#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

class Clock;
class DemoDelivery;
class DemoEventStreamEndpoint;
class DemoFrameHandler;
class DemoHandshakeGate;
class DemoJsonWebSocketEndpoint;
class DemoSocketIoEndpoint;
class DemoTodoPublisher;
class QTcpSocket;
class QWebSocket;

// A demonstration server and test double: the server side of STOMP 1.2 (and 1.1, 1.0) over WebSocket, on
// QWebSocketServer, that pushes sample todos (TodoGenerator) to whoever subscribes. It is NOT a message
// broker: one process, everything in memory, no persistence, no routing beyond exact destination names, no
// security beyond an optional single login. Do not use it in production.
//
// Two users:
//  - `todo-notifier-cli --demo`, the GUI's `--demo` and `todo-notifier-demo-server` embed it as a push source;
//  - the client's tests drive it in-process as a fake server, through FaultInjectingDemoServer (demo/testing/,
//    linked only by tests) when they need faults: dropped or stalled connections, errors, delays, refusals.
//
// This class is the facade: configuration, lifecycle, publishing and observation. The work is done by its parts,
// one job each:
//  - DemoHandshakeGate: TCP accept, the HTTP request check (404 for another path than path()) and the
//    WebSocket handshake, offering the subprotocols v12.stomp, v11.stomp and v10.stomp;
//  - DemoConnection: one WebSocket connection and its STOMP session's state, its ordered output, heart-beats
//    out and the silence watchdog. Frames go out as text messages (binary if not valid UTF-8), one STOMP frame
//    (or one heart-beat EOL) per WebSocket message; both kinds are accepted;
//  - DemoFrameHandler: the STOMP session: CONNECT negotiation (versions, heart-beats, credentials, virtual
//    host), receipts, transactions, DISCONNECT, and ERROR plus a close for every protocol violation;
//  - DemoDelivery: subscriptions, MESSAGE delivery (SEND is echoed to the subscribers of its destination),
//    acknowledgement (auto, client, client-individual) and the requeueing of NACKed and orphaned messages;
//  - DemoTodoPublisher: the periodic todo push.
// Each part's header describes its share of the protocol as implemented.
//
// The same port serves the same todos over the other protocols a person can try with `--demo <protocol>`
// (DemoProtocol; url(kind) is where each is): STOMP over SockJS's WebSocket under path() (GET path()/info, then
// path()/{server}/{session}/websocket, in DemoConnection), a plain WebSocket of JSON (DemoJsonWebSocketEndpoint,
// /json), Server-Sent Events (DemoEventStreamEndpoint, /events) and Socket.IO 4 (DemoSocketIoEndpoint,
// /socket.io/). The publisher pushes each todo to whoever listens on any of them.
//
// Time: every timer (publishing, heart-beats, the silence watchdog, response delays) comes from the Clock,
// so tests drive it with MockClock. Call setClock() before listen().
//
// The DemoServerHooks it inherits, openConnections() and resumeTraffic() are the seam for a test double; the
// server itself never departs from its normal behaviour.
class DemoPushServer : public QObject, protected DemoServerHooks
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
    QString path() const;

    // Todo push period in ms (default 5000; 0 = no periodic push). While anyone is subscribed, the next push
    // comes at most firstPublishDelayMs() (default 1000) after a new SUBSCRIBE, so a newcomer sees one soon.
    void setPublishInterval(qint64 ms);
    qint64 publishInterval() const;
    void setFirstPublishDelay(qint64 ms);
    qint64 firstPublishDelay() const;

    // The heart-beat the server offers in CONNECTED: it can send every `sendMs` and wants to hear from the
    // client every `receiveMs` (default 10000,10000; 0 = not offered).
    void setHeartbeat(qint64 sendMs, qint64 receiveMs);
    qint64 heartbeatSendMs() const;
    qint64 heartbeatReceiveMs() const;

    // Versions the server accepts (default 1.0, 1.1, 1.2), for testing a client's negotiation.
    void setSupportedVersions(const QList<StompVersion> &versions);
    QList<StompVersion> supportedVersions() const;

    // Requires CONNECT `login`/`passcode` to match (an empty login switches the check off). A mismatch is
    // answered with ERROR "Authentication failed" and a close. The passcode is never logged.
    void setCredentials(const QString &login, const QString &passcode);
    // Requires CONNECT `host` (the virtual host) to equal `host`; empty = any.
    void setRequiredHost(const QString &host);

    // The source of the pushed todos (seeded with 1 and reading this server's clock).
    TodoGenerator &generator();

    // ---- Lifecycle -----------------------------------------------------------------------------------
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Stops listening and closes every connection (WebSocket close 1001 "Server closed").
    void close();
    bool isListening() const;
    quint16 port() const;
    // "ws://127.0.0.1:<port>/ws" (a wildcard listen address is shown as 127.0.0.1).
    QUrl url() const;
    // Where a client of `kind` connects, given to it with the protocol setting DemoProtocol::name(kind):
    // ws://…/ws (stomp), http://…/ws (sockjs), ws://…/json (json-ws), http://…/events (sse), http://… (socketio,
    // the default namespace).
    QUrl url(DemoProtocol::Kind kind) const;
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

    // ---- Observation ---------------------------------------------------------------------------------
    int connectionCount() const; // open STOMP (WebSocket and SockJS) connections
    // Clients a todo pushed now would reach: STOMP subscriptions, json-ws connections, event streams and
    // Socket.IO namespaces joined.
    int listenerCount() const;
    DemoEventStreamEndpoint &eventStream() { return *m_eventStream; }
    DemoSocketIoEndpoint &socketIo() { return *m_socketIo; }
    int pendingHandshakeCount() const; // TCP connections before the upgrade
    QList<QByteArray> sessionIds() const; // of the open connections, oldest first
    QList<SessionInfo> sessions() const;
    QList<ReceivedFrame> receivedFrames() const { return m_receivedFrames; } // all, in order
    QList<StompFrame> receivedFrames(const QByteArray &command) const; // only this command
    void clearReceivedFrames() { m_receivedFrames.clear(); }
    int subscriptionCount() const; // over all connections
    int unackedCount() const; // MESSAGEs to client/client-individual subscriptions not yet ACKed
    int requeuedCount() const; // NACKed or orphaned MESSAGEs waiting for a subscriber
    int sentMessageCount() const { return m_counters.sentMessages; } // MESSAGE frames sent (all deliveries)
    int sentFrameCount() const { return m_counters.sentFrames; } // frames of any command actually sent
    int heartbeatsSent() const { return m_counters.heartbeatsSent; }
    int heartbeatsReceived() const; // EOLs from clients, between frames

Q_SIGNALS:
    // A WebSocket connection was accepted (the STOMP session id is assigned now).
    void clientConnected(const QByteArray &sessionId);
    // CONNECTED was sent to it.
    void sessionStarted(const QByteArray &sessionId);
    void clientDisconnected(const QByteArray &sessionId);
    void frameReceived(const QByteArray &sessionId, const StompFrame &frame);

protected:
    // ---- The seam for a test double (with the DemoServerHooks above) ---------------------------------
    // The open connections, oldest first, to act on directly.
    QList<DemoConnection *> openConnections() const;
    // Catches up once holdsTraffic() answers false again: the connections waiting before their handshake are
    // looked at, and for each open connection its queued output is written and then its held input processed.
    void resumeTraffic();

private:
    // This server as its parts see it (the conversion to the protected base is only allowed in here).
    const DemoServerHooks &hooks() const { return *this; }
    DemoHandshakeGate::Route route(const QString &path, const QByteArray &head) const;
    void onHttpRequest(QTcpSocket *socket, const QByteArray &head);
    void onWebSocketConnection(QWebSocket *socket);
    void onConnectionEnded(DemoConnection *connection);

    Clock *m_clock = nullptr;
    DemoConnection::Counters m_counters;
    std::unique_ptr<DemoHandshakeGate> m_gate;
    std::unique_ptr<DemoDelivery> m_delivery;
    std::unique_ptr<DemoTodoPublisher> m_publisher;
    std::unique_ptr<DemoFrameHandler> m_frames;
    std::unique_ptr<DemoJsonWebSocketEndpoint> m_jsonWebSocket;
    std::unique_ptr<DemoEventStreamEndpoint> m_eventStream;
    std::unique_ptr<DemoSocketIoEndpoint> m_socketIo;
    std::vector<std::unique_ptr<DemoConnection>> m_connections;
    std::vector<std::unique_ptr<DemoConnection>> m_finished; // released from the event loop, never mid-signal
    QList<ReceivedFrame> m_receivedFrames;
    quint64 m_sessionCounter = 0;
};
