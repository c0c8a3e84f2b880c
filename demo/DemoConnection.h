#pragma once

#include "stomp/StompFrame.h"
#include "stomp/StompFrameParser.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWebSocketProtocol>

#include <deque>
#include <memory>

class Clock;
class ClockTimer;
class DemoServerHooks;
class QWebSocket;

// One WebSocket connection of the demo push server and the STOMP session on it.
//
// It keeps the session's state (the negotiated version and heart-beats, login and host, subscriptions and open
// transactions), which DemoFrameHandler and DemoDelivery act on, and runs the connection's own machinery:
//  - the output queue: frames and raw messages go out in order; a frame with a due time (a delayed CONNECTED or
//    RECEIPT) holds back everything behind it, and a queued close goes after what was queued before it;
//  - heart-beats out: an EOL whenever nothing else was written for the negotiated period;
//  - the silence watchdog: a close when nothing came in for 2 x the period the client promised.
//
// It lives from the WebSocket upgrade until its socket disconnects (finish()); DemoPushServer then keeps the
// object until control is back in the event loop, as that can happen inside one of its own signals.
class DemoConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoConnection)

public:
    enum class AckMode { Auto, Client, ClientIndividual };

    struct Subscription
    {
        QByteArray id;
        QByteArray destination;
        AckMode ack = AckMode::Auto;
    };

    // Totals over every connection of one server (its sentFrameCount(), sentMessageCount(), heartbeatsSent()).
    struct Counters
    {
        int sentFrames = 0; // frames of any command actually written
        int sentMessages = 0; // of which MESSAGE
        int heartbeatsSent = 0;
    };

    // Reads `socket` (whose parent stays the server); its timers come from `clock`; `counters` outlives it.
    DemoConnection(const QByteArray &sessionId, QWebSocket *socket, Clock *clock, const DemoServerHooks &hooks,
                   Counters &counters);
    ~DemoConnection() override;

    const QByteArray &sessionId() const { return m_sessionId; }
    QWebSocket *socket() const; // nullptr once deleted

    // A SockJS session (`--demo sockjs`, /ws/{server}/{session}/websocket): writes the open frame `o` now; from
    // then on every message out goes as a SockJS `a["..."]` frame and every message in is a JSON array of strings,
    // each one a piece of the STOMP input. A message in that is not such an array closes the connection.
    void useSockJsFraming();
    bool usesSockJsFraming() const { return m_sockJs; }

    // ---- Where the connection stands ---------------------------------------------------------------------
    bool isFinished() const { return m_finished; } // the socket is gone (finish())
    bool isClosing() const { return m_closing; } // input is ignored from now on
    void setClosing() { m_closing = true; }
    bool isCloseQueued() const { return m_closeQueued; } // output is dropped from now on
    bool isStompConnected() const { return m_stompConnected; } // CONNECT accepted, CONNECTED queued
    void setStompConnected() { m_stompConnected = true; }
    bool isSessionStarted() const { return m_sessionStarted; } // CONNECTED written

    // ---- The STOMP session -------------------------------------------------------------------------------
    StompFrameParser &parser() { return m_parser; }
    StompVersion version() const { return m_version; }
    void setVersion(StompVersion version) { m_version = version; }
    // Negotiated periods (0 = none): server -> client, and client -> server.
    qint64 sendHeartbeatMs() const { return m_sendHeartbeatMs; }
    qint64 expectHeartbeatMs() const { return m_expectHeartbeatMs; }
    void setHeartbeats(qint64 sendMs, qint64 expectMs);
    // The CONNECT `login` and `host` (the passcode is never kept).
    const QByteArray &login() const { return m_login; }
    const QByteArray &host() const { return m_host; }
    void setIdentity(const QByteArray &login, const QByteArray &host);
    QList<Subscription> &subscriptions() { return m_subscriptions; }
    const QList<Subscription> &subscriptions() const { return m_subscriptions; }
    // Frames held for each open transaction, by transaction id.
    QHash<QByteArray, QList<StompFrame>> &transactions() { return m_transactions; }

    // ---- Output, in order --------------------------------------------------------------------------------
    void sendFrame(const StompFrame &frame);
    // CONNECTED, after the hooks' response delay; heart-beats and the watchdog start once it is written.
    void sendConnected(const StompFrame &connected);
    // RECEIPT for `request` if it asked for one (and the hooks let receipts through), after the response delay.
    void sendReceipt(const StompFrame &request);
    // ERROR with `message` (header) and `body` (text/plain), then a close, as brokers do; input is ignored from
    // now on. `offending` (its receipt header becomes `receipt-id`) and `extra` headers are optional.
    void sendError(const QByteArray &message, const QByteArray &body, const StompFrame *offending = nullptr,
                   const QList<StompFrame::Header> &extra = {});
    // Arbitrary bytes as one WebSocket message (text if valid UTF-8).
    void sendMessage(const QByteArray &bytes);
    // A WebSocket close after everything queued before it; input is ignored from now on.
    void queueClose(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal,
                    const QString &reason = {});
    // Writes what is due (nothing while the hooks hold traffic) and sets a timer for the rest.
    void flush();
    // Frames and messages not yet written (held by a delay, or while traffic is held).
    int queuedOutputCount() const;

    // ---- Input -------------------------------------------------------------------------------------------
    // Restarts the silence watchdog (after anything came in, or when traffic flows again).
    void restartWatchdog();
    // Messages that came in while the hooks held traffic, concatenated; takeHeldInput() hands them over.
    qint64 heldInputBytes() const { return m_heldInput.size(); }
    QByteArray takeHeldInput();

    // ---- Ending ------------------------------------------------------------------------------------------
    // Closes the WebSocket now (no more output).
    void closeNow(QWebSocketProtocol::CloseCode code, const QString &reason);
    // Aborts the TCP connection: no close frame, no STOMP frame.
    void abort();
    // Marks the connection finished after its socket disconnected: timers stop; output, subscriptions and
    // transactions are dropped. false if it already was.
    bool finish();
    // Stops reading the socket and deletes it from the event loop.
    void releaseSocket();

Q_SIGNALS:
    // A WebSocket message (text or binary) to process as STOMP input; the watchdog has been restarted.
    void messageReceived(const QByteArray &bytes);
    // CONNECTED was written.
    void sessionStarted();
    void socketDisconnected();

private:
    // One WebSocket message waiting to be written, or a close.
    struct Outgoing
    {
        QByteArray bytes;
        QByteArray command; // the STOMP command, empty for raw bytes
        qint64 dueMs = 0; // Clock monotonic time before which it must not be written
        bool startsSession = false; // CONNECTED: heart-beats start once it is written
        bool close = false;
        QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
        QString closeReason;
    };

    void queueFrame(const StompFrame &frame, qint64 delayMs, bool startsSession);
    void enqueue(Outgoing item);
    void writeMessage(const QByteArray &bytes);
    void writeToSocket(const QByteArray &bytes);
    void startSession();
    void onMessage(const QByteArray &bytes);
    void onHeartbeatTimer();
    void onWatchdogTimer();
    void stopTimers();

    const DemoServerHooks &m_hooks;
    Counters &m_counters;
    Clock *m_clock = nullptr;
    QByteArray m_sessionId;
    QPointer<QWebSocket> m_socket;
    StompFrameParser m_parser;
    bool m_finished = false;
    bool m_stompConnected = false;
    bool m_sessionStarted = false;
    bool m_closing = false;
    bool m_closeQueued = false;
    bool m_sockJs = false;
    StompVersion m_version = StompVersion::V1_2;
    qint64 m_sendHeartbeatMs = 0;
    qint64 m_expectHeartbeatMs = 0;
    QByteArray m_login;
    QByteArray m_host;
    QList<Subscription> m_subscriptions;
    QHash<QByteArray, QList<StompFrame>> m_transactions;
    std::deque<Outgoing> m_output;
    QByteArray m_heldInput;
    std::unique_ptr<ClockTimer> m_heartbeatTimer;
    std::unique_ptr<ClockTimer> m_watchdogTimer;
    std::unique_ptr<ClockTimer> m_outputTimer;
};
