#include "DemoDelivery.h"

#include "DemoLogging.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace {

using AckMode = DemoConnection::AckMode;
using Subscription = DemoConnection::Subscription;

QByteArray jsonContentType()
{
    return QByteArrayLiteral("application/json;charset=UTF-8");
}

// Headers of a MESSAGE that the server sets itself; copies from SEND or publish() never override them.
bool isReservedMessageHeader(const QByteArray &name)
{
    static const QByteArrayView reserved[] = {"destination", "subscription",   "message-id", "ack",
                                              "redelivered", "content-length", "receipt",    "transaction"};
    return std::find(std::begin(reserved), std::end(reserved), QByteArrayView(name)) != std::end(reserved);
}

} // namespace

DemoDelivery::DemoDelivery(ConnectionList connections)
    : m_connections(std::move(connections))
{ }

DemoDelivery::~DemoDelivery() = default;

// ---- Subscriptions ------------------------------------------------------------------------------------

bool DemoDelivery::subscribe(DemoConnection *connection, const StompFrame &frame)
{
    const QByteArray destination = frame.header("destination");
    if (destination.isEmpty()) {
        connection->sendError(QByteArrayLiteral("Missing destination"),
                              QByteArrayLiteral("SUBSCRIBE needs a destination header."), &frame);
        return false;
    }
    QByteArray id = frame.header("id");
    if (id.isEmpty()) {
        if (connection->version() != StompVersion::V1_0) {
            connection->sendError(QByteArrayLiteral("Missing id"),
                                  QByteArrayLiteral("SUBSCRIBE needs an id header in STOMP 1.1 and 1.2."), &frame);
            return false;
        }
        id = destination;
    }
    const QList<Subscription> &subscriptions = connection->subscriptions();
    const bool duplicate =
        std::any_of(subscriptions.cbegin(), subscriptions.cend(), [&id](const Subscription &s) { return s.id == id; });
    if (duplicate) {
        connection->sendError(QByteArrayLiteral("Duplicate subscription id"),
                              QByteArrayLiteral("Subscription ") + id + QByteArrayLiteral(" already exists."), &frame);
        return false;
    }
    Subscription subscription;
    subscription.id = id;
    subscription.destination = destination;
    const QByteArray ack = frame.header("ack", QByteArrayLiteral("auto"));
    if (ack == "auto") {
        subscription.ack = AckMode::Auto;
    } else if (ack == "client") {
        subscription.ack = AckMode::Client;
    } else if (ack == "client-individual" && connection->version() != StompVersion::V1_0) {
        subscription.ack = AckMode::ClientIndividual;
    } else {
        connection->sendError(QByteArrayLiteral("Invalid ack mode"),
                              QByteArrayLiteral("Unsupported ack mode '") + ack + QByteArrayLiteral("'."), &frame);
        return false;
    }
    connection->subscriptions().append(subscription);
    qCInfo(lcDemo).noquote() << connection->sessionId() << "subscribed" << id << "to" << destination << "ack" << ack;
    connection->sendReceipt(frame);
    offerRequeued(destination);
    return true;
}

bool DemoDelivery::unsubscribe(DemoConnection *connection, const StompFrame &frame)
{
    QByteArray id = frame.header("id");
    if (id.isEmpty() && connection->version() == StompVersion::V1_0)
        id = frame.header("destination");
    QList<Subscription> &subscriptions = connection->subscriptions();
    const auto it =
        std::find_if(subscriptions.begin(), subscriptions.end(), [&id](const Subscription &s) { return s.id == id; });
    if (id.isEmpty() || it == subscriptions.end()) {
        connection->sendError(QByteArrayLiteral("Unknown subscription"),
                              QByteArrayLiteral("No subscription '") + id + QByteArrayLiteral("' to cancel."), &frame);
        return false;
    }
    subscriptions.erase(it);
    qCInfo(lcDemo).noquote() << connection->sessionId() << "unsubscribed" << id;
    connection->sendReceipt(frame);

    const QByteArray sessionId = connection->sessionId();
    requeueUnacked([&](const Pending &p) { return p.sessionId == sessionId && p.subscriptionId == id; });
    return true;
}

int DemoDelivery::subscriptionCount() const
{
    int count = 0;
    const QList<DemoConnection *> connections = m_connections();
    for (const DemoConnection *connection : connections)
        count += int(connection->subscriptions().size());
    return count;
}

// ---- Delivery -----------------------------------------------------------------------------------------

void DemoDelivery::send(DemoConnection *connection, const StompFrame &frame)
{
    const QByteArray destination = frame.header("destination");
    if (destination.isEmpty()) {
        connection->sendError(QByteArrayLiteral("Missing destination"),
                              QByteArrayLiteral("SEND needs a destination header."), &frame);
        return;
    }
    QList<StompFrame::Header> headers;
    for (const StompFrame::Header &header : frame.headers) {
        if (!isReservedMessageHeader(header.first))
            headers.append(header);
    }
    deliverToDestination(destination, nextMessageId(), frame.body, headers);
    connection->sendReceipt(frame);
}

QByteArray DemoDelivery::publish(const QByteArray &destination, const QByteArray &body,
                                 const QList<StompFrame::Header> &headers)
{
    QList<StompFrame::Header> messageHeaders;
    bool hasContentType = false;
    for (const StompFrame::Header &header : headers) {
        if (isReservedMessageHeader(header.first))
            continue;
        hasContentType = hasContentType || header.first == "content-type";
        messageHeaders.append(header);
    }
    if (!hasContentType)
        messageHeaders.prepend({QByteArrayLiteral("content-type"), jsonContentType()});
    const QByteArray messageId = nextMessageId();
    deliverToDestination(destination, messageId, body, messageHeaders);
    return messageId;
}

void DemoDelivery::deliverToDestination(const QByteArray &destination, const QByteArray &messageId,
                                        const QByteArray &body, const QList<StompFrame::Header> &headers)
{
    const QList<DemoConnection *> connections = m_connections();
    for (DemoConnection *connection : connections) {
        if (!connection->isStompConnected() || connection->isClosing())
            continue;
        // A copy: a delivery can end the connection, which drops its subscriptions.
        const QList<Subscription> subscriptions = connection->subscriptions();
        for (const Subscription &subscription : subscriptions) {
            if (destination.isEmpty() || subscription.destination == destination)
                deliver(connection, subscription, messageId, body, headers, false);
        }
    }
}

void DemoDelivery::deliver(DemoConnection *connection, const Subscription &subscription, const QByteArray &messageId,
                           const QByteArray &body, const QList<StompFrame::Header> &headers, bool redelivered)
{
    StompFrame message(QByteArrayLiteral("MESSAGE"));
    message.addHeader(QByteArrayLiteral("destination"), subscription.destination);
    message.addHeader(QByteArrayLiteral("subscription"), subscription.id);
    message.addHeader(QByteArrayLiteral("message-id"), messageId);
    if (subscription.ack != AckMode::Auto) {
        Pending pending;
        pending.sessionId = connection->sessionId();
        pending.subscriptionId = subscription.id;
        pending.destination = subscription.destination;
        pending.messageId = messageId;
        pending.ackId = QByteArrayLiteral("ack-") + QByteArray::number(++m_ackCounter);
        pending.body = body;
        pending.headers = headers;
        pending.ack = subscription.ack;
        if (connection->version() == StompVersion::V1_2)
            message.addHeader(QByteArrayLiteral("ack"), pending.ackId);
        m_unacked.push_back(std::move(pending));
    }
    if (redelivered)
        message.addHeader(QByteArrayLiteral("redelivered"), QByteArrayLiteral("true"));
    for (const StompFrame::Header &header : headers)
        message.addHeader(header.first, header.second);
    message.body = body;
    connection->sendFrame(message);
}

QByteArray DemoDelivery::nextMessageId()
{
    return QByteArrayLiteral("demo-msg-") + QByteArray::number(++m_messageCounter);
}

// ---- Acknowledgement and requeueing -------------------------------------------------------------------

void DemoDelivery::acknowledge(DemoConnection *connection, const StompFrame &frame)
{
    const bool nack = frame.command == "NACK";
    const QByteArray sessionId = connection->sessionId();
    const StompVersion version = connection->version();
    std::function<bool(const Pending &)> matches;
    QByteArray wanted;
    if (version == StompVersion::V1_2) {
        wanted = frame.header("id");
        matches = [&](const Pending &p) {
            return p.sessionId == sessionId && p.ackId == wanted;
        };
    } else {
        wanted = frame.header("message-id");
        const QByteArray subscription = frame.header("subscription");
        matches = [&, subscription](const Pending &p) {
            return p.sessionId == sessionId && p.messageId == wanted
                && (subscription.isEmpty() || p.subscriptionId == subscription);
        };
    }
    if (wanted.isEmpty()) {
        connection->sendError(
            QByteArrayLiteral("Missing ack id"),
            frame.command
                + (version == StompVersion::V1_2
                       ? QByteArrayLiteral(" needs the id header (the MESSAGE's ack header) in STOMP 1.2.")
                       : QByteArrayLiteral(" needs the message-id header before STOMP 1.2.")),
            &frame);
        return;
    }
    const auto found = std::find_if(m_unacked.begin(), m_unacked.end(), matches);
    if (found == m_unacked.end()) {
        connection->sendError(QByteArrayLiteral("Unknown ack id"),
                              frame.command + QByteArrayLiteral(" for '") + wanted
                                  + QByteArrayLiteral("', which is not an unacknowledged message of this session."),
                              &frame);
        return;
    }

    // client: cumulative, this message and every earlier one on the same subscription; client-individual:
    // this one only.
    const Pending target = *found;
    const qsizetype targetIndex = found - m_unacked.begin();
    std::vector<Pending> settled;
    std::vector<Pending> kept;
    for (qsizetype i = 0; i < qsizetype(m_unacked.size()); ++i) {
        Pending &p = m_unacked[size_t(i)];
        const bool settles = i == targetIndex
            || (target.ack == AckMode::Client && i < targetIndex && p.sessionId == target.sessionId
                && p.subscriptionId == target.subscriptionId);
        (settles ? settled : kept).push_back(std::move(p));
    }
    m_unacked = std::move(kept);
    qCDebug(lcDemo).noquote() << sessionId << (nack ? "NACKed" : "ACKed") << settled.size() << "message(s)";
    connection->sendReceipt(frame);
    if (nack)
        requeue(std::move(settled));
}

void DemoDelivery::connectionEnded(const QByteArray &sessionId)
{
    requeueUnacked([&sessionId](const Pending &p) { return p.sessionId == sessionId; });
}

void DemoDelivery::requeueUnacked(const std::function<bool(const Pending &)> &orphaned)
{
    std::vector<Pending> orphans;
    const auto first = std::stable_partition(m_unacked.begin(), m_unacked.end(),
                                             [&orphaned](const Pending &p) { return !orphaned(p); });
    std::move(first, m_unacked.end(), std::back_inserter(orphans));
    m_unacked.erase(first, m_unacked.end());
    requeue(std::move(orphans));
}

void DemoDelivery::requeue(std::vector<Pending> messages)
{
    QList<QByteArray> destinations;
    for (Pending &message : messages) {
        if (!destinations.contains(message.destination))
            destinations.append(message.destination);
        m_requeued.push_back(std::move(message));
    }
    for (const QByteArray &destination : std::as_const(destinations))
        offerRequeued(destination);
}

void DemoDelivery::offerRequeued(const QByteArray &destination)
{
    // Re-scans on every round: a delivery can, in principle, close a connection and requeue more.
    for (;;) {
        const auto waiting = std::find_if(m_requeued.begin(), m_requeued.end(),
                                          [&destination](const Pending &p) { return p.destination == destination; });
        if (waiting == m_requeued.end())
            return;
        // ONE subscriber: another subscription of the destination if there is one, else the original one.
        DemoConnection *target = nullptr;
        Subscription targetSubscription;
        bool targetIsOrigin = true;
        const QList<DemoConnection *> connections = m_connections();
        for (DemoConnection *connection : connections) {
            if (!connection->isStompConnected() || connection->isClosing())
                continue;
            for (const Subscription &subscription : std::as_const(connection->subscriptions())) {
                if (subscription.destination != destination)
                    continue;
                const bool isOrigin =
                    connection->sessionId() == waiting->sessionId && subscription.id == waiting->subscriptionId;
                if (!target || (targetIsOrigin && !isOrigin)) {
                    target = connection;
                    targetSubscription = subscription;
                    targetIsOrigin = isOrigin;
                }
            }
        }
        if (!target)
            return;
        const Pending message = std::move(*waiting);
        m_requeued.erase(waiting);
        qCDebug(lcDemo).noquote() << "Redelivering" << message.messageId << "to" << target->sessionId()
                                  << targetSubscription.id;
        deliver(target, targetSubscription, message.messageId, message.body, message.headers, true);
    }
}
