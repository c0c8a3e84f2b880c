#pragma once

#include "DemoConnection.h"
#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <vector>

// Subscriptions of the demo push server and the MESSAGE frames sent to them.
//
//  - SUBSCRIBE (`id`, `destination`, `ack` auto | client | client-individual) and UNSUBSCRIBE.
//  - Delivery: SEND goes to every subscription whose destination equals the SEND's (a tiny echo broker);
//    publish() likewise, or to every subscription when its destination is empty. MESSAGE carries
//    `destination`, `subscription`, `message-id`, `content-type` (publish()'s default:
//    application/json;charset=UTF-8), `content-length`, the extra headers (never overriding those the server
//    sets) and, in 1.2 for client acks, an `ack` id that differs from the message id.
//  - Acknowledgement, a small and honest model of a broker's: a MESSAGE to a client or client-individual
//    subscription stays unacked until ACKed (1.2: `id` = the MESSAGE's `ack`; 1.1: `message-id` +
//    `subscription`; 1.0: `message-id`). `client` acks are cumulative within the subscription,
//    `client-individual` ones are not.
//  - Requeueing: a NACKed message, and every message still unacked when its subscription is cancelled or its
//    connection ends, goes at once to ONE other current subscription of the same destination (the same
//    subscription only if there is no other), or waits for the next SUBSCRIBE to that destination. A
//    redelivery keeps its `message-id`, gets a new `ack` id and carries `redelivered:true`. Messages for a
//    destination nobody subscribes to are dropped (topic-like).
//
// The frame handlers answer a `receipt` and report protocol violations (ERROR and a close) themselves.
class DemoDelivery final
{
    Q_DISABLE_COPY_MOVE(DemoDelivery)

public:
    // The server's open connections, oldest first.
    using ConnectionList = std::function<QList<DemoConnection *>()>;

    explicit DemoDelivery(ConnectionList connections);
    ~DemoDelivery();

    // Frames of a connected session. subscribe() and unsubscribe() return whether the subscription was made or
    // cancelled (false: the frame was refused with ERROR).
    bool subscribe(DemoConnection *connection, const StompFrame &frame);
    bool unsubscribe(DemoConnection *connection, const StompFrame &frame);
    void send(DemoConnection *connection, const StompFrame &frame);
    void acknowledge(DemoConnection *connection, const StompFrame &frame); // ACK or NACK

    // DemoPushServer::publish(): returns the message-id, also when nobody was subscribed.
    QByteArray publish(const QByteArray &destination, const QByteArray &body, const QList<StompFrame::Header> &headers);
    // The connection with `sessionId` ended: its unacked messages go back to their destinations.
    void connectionEnded(const QByteArray &sessionId);

    int subscriptionCount() const; // over all open connections
    int unackedCount() const { return int(m_unacked.size()); }
    int requeuedCount() const { return int(m_requeued.size()); }

private:
    // One MESSAGE sent to a client or client-individual subscription and not yet acknowledged, or (in
    // m_requeued) one that was NACKed or orphaned and waits to be delivered again.
    struct Pending
    {
        QByteArray sessionId;
        QByteArray subscriptionId;
        QByteArray destination;
        QByteArray messageId;
        QByteArray ackId;
        QByteArray body;
        QList<StompFrame::Header> headers; // the extra headers the message was published with
        DemoConnection::AckMode ack = DemoConnection::AckMode::Client;
    };

    void deliverToDestination(const QByteArray &destination, const QByteArray &messageId, const QByteArray &body,
                              const QList<StompFrame::Header> &headers);
    void deliver(DemoConnection *connection, const DemoConnection::Subscription &subscription,
                 const QByteArray &messageId, const QByteArray &body, const QList<StompFrame::Header> &headers,
                 bool redelivered);
    // Moves the unacked messages `orphaned` says yes to out of m_unacked and requeues them.
    void requeueUnacked(const std::function<bool(const Pending &)> &orphaned);
    void requeue(std::vector<Pending> messages);
    void offerRequeued(const QByteArray &destination);
    QByteArray nextMessageId();

    ConnectionList m_connections;
    std::vector<Pending> m_unacked;
    std::vector<Pending> m_requeued;
    quint64 m_messageCounter = 0;
    quint64 m_ackCounter = 0;
};
