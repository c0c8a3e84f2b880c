#pragma once

#include "source/PushSource.h"
#include "stomp/StompClient.h"
#include "transport/TransportPlan.h"

#include <QHash>

#include <deque>
#include <optional>

#include <memory>

class TransportSelector;

// STOMP behind the PushSource seam: a StompClient (over WebSocket or SockJS), its subscriptions, and acknowledgement
// as settlement. Every MESSAGE becomes an InboundMessage; one from a client or client-individual subscription needs
// settling, and settle() sends its ACK (accepted) or NACK (rejected) on the connection that delivered it. Messages of
// an earlier connection cannot be acknowledged any more (the broker redelivers them), so settle() refuses them.
//
// A client-individual subscription gets one ACK per message, at once. On a client subscription an ACK is cumulative
// (STOMP 1.1 and 1.2: it acknowledges the message and every earlier one of the subscription), so there the
// settlements wait in delivery order and go out at the end of the event loop's turn: one ACK for the last of a run of
// accepted messages (a committed batch: one frame, not one per message; the broker has less to do), a NACK for each
// rejected one after the ACK of those before it. An ACK never covers a message not settled yet: a message settled out
// of order waits for the ones before it. STOMP 1.0 does not say an ACK is cumulative: there each message gets its own.
//
// The source owns its client and the TransportSelector that chooses how each URL is spoken to (and remembers what
// worked, and keeps the cookies), or it wraps a client it is given (the caller keeps ownership; tests drive the client
// directly).
class StompPushSource final : public PushSource
{
    Q_OBJECT

public:
    // Owns a client and a TransportSelector.
    explicit StompPushSource(QObject *parent = nullptr);
    // Wraps `client`, which must outlive the source (and has its own transports).
    explicit StompPushSource(StompClient *client, QObject *parent = nullptr);
    ~StompPushSource() override;
    Q_DISABLE_COPY_MOVE(StompPushSource)

    StompClient *client() const { return m_client; }

    void setOptions(const StompConnectOptions &options) { m_client->setOptions(options); }
    // How every URL is spoken to (auto: found out and remembered); only for a source that owns its client.
    void setTransportMode(TransportMode mode);
    // Replaces the subscriptions (on the live connection too).
    void setSubscriptions(const QList<StompSubscription> &subscriptions);

    // "STOMP 1.2, heart-beat 10000,10000 ms, server "RabbitMQ/3.10.8"".
    static QString summary(const StompSession &session);

    QString name() const override { return QStringLiteral("stomp"); }
    State state() const override { return m_client->state(); }
    PushError lastError() const override { return m_client->lastError(); }
    SourceSession session() const override;
    QList<QUrl> urls() const override { return m_client->options().urls; }
    QUrl currentUrl() const override { return m_client->currentUrl(); }
    int attempt() const override { return m_client->attempt(); }
    // The CONNECT frame's extra headers (a token) except STOMP's own (login, passcode, host, ...), and the
    // handshake's extra headers (a cookie, Authorization).
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override;
    QNetworkAccessManager *networkAccessManager() const override;
    bool settle(const InboundMessage &message, Settlement settlement) override;
    // Messages delivered and not yet settled (on the current connection).
    int unsettledCount() const { return int(m_unsettled.size()); }

public Q_SLOTS:
    void start() override { m_client->connectToServer(); }
    // What was settled goes out before the DISCONNECT (see above: client acks wait for the end of the turn).
    void stop() override
    {
        sendCumulative();
        m_client->disconnectFromServer();
    }
    void reconnectNow() override { m_client->reconnectNow(); }
    void checkLiveness() override { m_client->checkLiveness(); }

private:
    void wire();
    void onMessage(const StompMessage &message);
    void onStateChanged(State state);
    // Sends what the client subscriptions' settlements allow now (see above).
    void sendCumulative();

    struct Delivery // a message of a client subscription, in delivery order
    {
        quint64 tag = 0;
        StompMessage ackInfo;
        std::optional<Settlement> settlement; // until settled
    };

    std::unique_ptr<TransportSelector> m_transports; // before the client: its transports use the selector
    std::unique_ptr<StompClient> m_ownClient;
    StompClient *m_client = nullptr;
    QHash<quint64, StompMessage> m_unsettled; // delivery tag -> what ACK/NACK need (the frame's body dropped)
    QHash<QByteArray, std::deque<Delivery>> m_inOrder; // client subscriptions: subscription id -> its deliveries
    bool m_sendQueued = false;
    quint64 m_lastTag = 0;
};
