#pragma once

#include "base/Clock.h"
#include "source/PushError.h"
#include "source/PushSource.h"
#include "source/ReconnectPolicy.h"
#include "stomp/StompFrame.h"
#include "stomp/StompFrameParser.h"
#include "stomp/StompOutbox.h"
#include "transport/Transport.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

// Everything a StompClient needs to connect. Secrets (passcode, header values) are never logged.
struct StompConnectOptions
{
    QList<QUrl> urls; // tried in turn: failover order
    QByteArray host; // the STOMP host header (RabbitMQ vhost); not sent when empty
    QByteArray login;
    QByteArray passcode;
    QList<QPair<QByteArray, QByteArray>> connectHeaders; // extra CONNECT headers (token, client-id, ...)
    TransportOptions transport;
    QList<StompVersion> acceptVersions {StompVersion::V1_2, StompVersion::V1_1, StompVersion::V1_0};
    bool useStompCommand = false; // send STOMP instead of CONNECT (1.1+ servers)

    int heartbeatOutMs = 10000; // what we offer to send (cx)
    int heartbeatInMs = 10000; // what we want to receive (cy)
    double heartbeatGrace = 2.0; // the peer is dead after inbound period * grace of silence
    int webSocketPingMs = 0; // >0: also send WebSocket pings at this period

    qint64 connectTimeoutMs = 15000; // transport open + CONNECTED
    qint64 receiptTimeoutMs = 10000;
    qint64 disconnectTimeoutMs = 5000;
    int outboxLimit = 1000; // SENDs queued while offline; the oldest is dropped (and reported) past this
    StompParserLimits parserLimits;
    ReconnectOptions reconnect;
    bool autoReconnect = true;
};

enum class StompAckMode { Auto, Client, ClientIndividual };
QByteArray stompAckModeName(StompAckMode mode); // "auto", "client", "client-individual"
bool parseStompAckMode(QByteArrayView text, StompAckMode *mode); // inverse; false if unknown

struct StompSubscription
{
    QByteArray id; // stable; generated ("sub-N") when empty
    QByteArray destination;
    StompAckMode ackMode = StompAckMode::Auto;
    QList<QPair<QByteArray, QByteArray>> headers; // extra SUBSCRIBE headers (selector, durable, x-queue-name...)
};

// A MESSAGE as delivered to the application.
struct StompMessage
{
    StompFrame frame;
    QByteArray subscriptionId;
    QByteArray destination;
    QByteArray messageId;
    QByteArray ackId; // what ACK/NACK must carry (1.2: the "ack" header; 1.1/1.0: message-id)
    StompAckMode ackMode = StompAckMode::Auto;
    quint64 connectionSerial = 0; // which connection delivered it; an ACK for an older one is pointless
};
Q_DECLARE_METATYPE(StompMessage)

// What CONNECTED told us.
struct StompSession
{
    StompVersion version = StompVersion::V1_0;
    QByteArray server;
    QByteArray sessionId;
    int heartbeatOutMs = 0; // negotiated: how often we send (0 = never)
    int heartbeatInMs = 0; // negotiated: how often the server sends (0 = never)
    QUrl url;
    QString transport; // Transport::description()
};

// A STOMP client with an explicit connection state machine:
//
//   Disconnected --connectToServer()--> Connecting --CONNECTED--> Connected
//   Connecting/Connected --transport lost / ERROR / heart-beat lost--> Backoff --timer--> Connecting
//   Backoff --attempt limit or repeated auth failure--> Failed --connectToServer()/reconnectNow()--> Connecting
//   Connected --disconnectFromServer()--> Disconnecting --RECEIPT or timeout--> Disconnected
//
// The states are the push source's (PushSource::State); when and where to reconnect is the ReconnectPolicy's
// decision, and silence, clock jumps and probes are watched by a LivenessMonitor, as for every protocol.
// StompPushSource puts this client behind the PushSource seam.
//
// Subscriptions are remembered and restored on every CONNECTED, before the offline outbox is flushed.
class LivenessMonitor;

class StompClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(PushSource::State state READ state NOTIFY stateChanged)
public:
    using State = PushSource::State;

    using TransportFactory = std::function<std::unique_ptr<Transport>(const QUrl &url)>;

    explicit StompClient(QObject *parent = nullptr);
    ~StompClient() override;
    Q_DISABLE_COPY_MOVE(StompClient)

    // Seams for tests; call before connecting.
    void setClock(Clock *clock);
    void setTransportFactory(TransportFactory factory);
    void setRandomSeed(quint32 seed);

    void setOptions(const StompConnectOptions &options);
    const StompConnectOptions &options() const { return m_options; }

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    const StompSession &session() const { return m_session; }
    const PushError &lastError() const { return m_lastError; }
    int attempt() const { return m_policy->attempt(); }
    QUrl currentUrl() const { return m_policy->currentUrl(); }
    qsizetype outboxSize() const { return m_outbox->queuedCount(); }

    // Subscriptions persist across reconnects. Returns the subscription id.
    QByteArray subscribe(StompSubscription subscription);
    void unsubscribe(const QByteArray &subscriptionId);
    QList<StompSubscription> subscriptions() const { return m_subscriptions; }

    // Sends now if connected, else queues (bounded) for the next connection. With `receipt`, returns
    // the receipt id that receiptReceived()/receiptTimedOut() will report.
    QByteArray send(const QByteArray &destination, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}, bool receipt = false);
    // ACK/NACK carry the header the negotiated version requires. Return false if not possible
    // (not connected, or the message came over an earlier connection).
    bool ack(const StompMessage &message, const QByteArray &transaction = {});
    bool nack(const StompMessage &message, const QByteArray &transaction = {});
    // Transactions (only while connected). Return the transaction id / success.
    QByteArray begin(const QByteArray &transaction = {});
    bool commit(const QByteArray &transaction);
    bool abort(const QByteArray &transaction);
    // Sends an arbitrary frame with a receipt header and tracks it. Empty if not connected.
    QByteArray sendWithReceipt(StompFrame frame);

public Q_SLOTS:
    void connectToServer();
    // Graceful: DISCONNECT with a receipt, wait for it (bounded), then close.
    void disconnectFromServer();
    // Skips a pending backoff delay (or leaves Failed) and connects at once.
    void reconnectNow();
    // Something (network back, resume from sleep) says the link may be stale: verify it promptly.
    void checkLiveness();

Q_SIGNALS:
    void stateChanged(PushSource::State state);
    void connected(const StompSession &session);
    void disconnected(const PushError &reason); // left Connected (or a connect attempt failed)
    void reconnecting(int attempt, qint64 delayMs, const QUrl &nextUrl);
    void messageReceived(const StompMessage &message);
    void receiptReceived(const QByteArray &receiptId);
    void receiptTimedOut(const QByteArray &receiptId);
    void livenessConfirmed(); // the peer answered a checkLiveness() probe
    void errorFrameReceived(const StompFrame &frame);
    void errorOccurred(const PushError &error);
    void outboxOverflow(const QByteArray &destination); // a queued SEND was dropped
    void frameSent(const StompFrame &frame); // for diagnostics (passcode already redacted)
    void frameReceived(const StompFrame &frame);

private:
    static constexpr qint64 kProbeTimeoutMs = 5000; // how long a liveness ping may wait for its pong
    static constexpr qint64 kHeartbeatEarlyDivisor = 20; // a heart-beat due within 1/20 of the period is sent now

    void setState(State state);
    void startAttempt();
    void onTransportOpened();
    void onTransportData(const QByteArray &data);
    void onTransportActivity();
    void onTransportClosed(TransportError error, const QString &reason);
    void onTransportFailed(TransportError error, const QString &reason);
    void onConnectTimeout();
    void onHeartbeatOutTimer();
    void sendHeartbeatWithTraffic();
    void onSilenceExceeded(qint64 silenceMs);
    void onRetryDue();
    void onReceiptsExpired(const QList<QPair<QByteArray, StompOutbox::ReceiptKind>> &expired);
    void onPingTimer();
    void onProbeFailed();
    void handleFrame(StompFrame frame);
    void handleConnected(const StompFrame &frame);
    void handleMessage(StompFrame frame);
    void handleReceipt(const StompFrame &frame);
    void handleError(const StompFrame &frame);
    void connectionLost(PushError error, bool reconnect = true);
    void scheduleReconnect();
    void finishDisconnect();
    void stopConnectionTimers();
    void teardownTransport();
    bool writeFrame(const StompFrame &frame);
    bool writeRaw(const QByteArray &data);
    void writeSend(StompOutbox::Send send);
    bool sendAckOrNack(const QByteArray &command, const StompMessage &message, const QByteArray &transaction);
    void sendSubscribe(const StompSubscription &subscription);
    void flushOutbox();
    QByteArray nextId(const char *prefix);

    StompConnectOptions m_options;
    State m_state = State::Disconnected;
    StompSession m_session;
    PushError m_lastError;
    Clock *m_clock = nullptr;
    ReconnectPolicy *m_policy = nullptr; // a child
    LivenessMonitor *m_liveness = nullptr; // a child
    StompOutbox *m_outbox = nullptr; // a child: queued SENDs and the receipts waited on
    TransportFactory m_transportFactory;
    std::unique_ptr<Transport> m_transport;
    StompFrameParser m_parser;

    std::unique_ptr<ClockTimer> m_connectTimer;
    std::unique_ptr<ClockTimer> m_heartbeatOutTimer;
    std::unique_ptr<ClockTimer> m_pingTimer;

    QList<StompSubscription> m_subscriptions;
    quint64 m_connectionSerial = 0; // counts CONNECTED frames: ACKs must belong to the current connection
    quint64 m_transportSerial = 0; // counts transports: stops frame handling once a transport is replaced
    quint64 m_idCounter = 0;
    qint64 m_lastOutboundMs = 0;
    bool m_userDisconnect = false;
};
