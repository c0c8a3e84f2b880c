#include "stomp/StompPushSource.h"

#include "transport/TransportSelector.h"

#include <QJsonArray>

#include <algorithm>
#include <utility>

namespace {

bool isStompHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "accept-version" || lower == "host" || lower == "heart-beat" || lower == "login"
        || lower == "passcode" || lower == "receipt";
}

} // namespace

StompPushSource::StompPushSource(QObject *parent)
    : PushSource(parent)
    , m_transports(std::make_unique<TransportSelector>())
    , m_ownClient(std::make_unique<StompClient>())
    , m_client(m_ownClient.get())
{
    m_client->setTransportFactory(m_transports->factory());
    wire();
}

StompPushSource::StompPushSource(StompClient *client, QObject *parent)
    : PushSource(parent)
    , m_client(client)
{
    Q_ASSERT(client);
    wire();
}

StompPushSource::~StompPushSource()
{
    m_client->disconnect(this);
    m_ownClient.reset(); // its transports go before the selector they use
}

void StompPushSource::setTransportMode(TransportMode mode)
{
    if (m_transports)
        m_transports->setDefaultMode(mode);
}

QNetworkAccessManager *StompPushSource::networkAccessManager() const
{
    return m_transports ? m_transports->networkAccessManager() : nullptr;
}

void StompPushSource::wire()
{
    connect(m_client, &StompClient::stateChanged, this, &StompPushSource::onStateChanged);
    connect(m_client, &StompClient::connected, this, [this] { Q_EMIT connected(session()); });
    connect(m_client, &StompClient::disconnected, this, &PushSource::disconnected);
    connect(m_client, &StompClient::reconnecting, this, &PushSource::reconnecting);
    connect(m_client, &StompClient::errorOccurred, this, &PushSource::errorOccurred);
    connect(m_client, &StompClient::livenessConfirmed, this, &PushSource::livenessConfirmed);
    connect(m_client, &StompClient::messageReceived, this, &StompPushSource::onMessage);
}

void StompPushSource::setSubscriptions(const QList<StompSubscription> &subscriptions)
{
    const QList<StompSubscription> previous = m_client->subscriptions();
    for (const StompSubscription &subscription : previous)
        m_client->unsubscribe(subscription.id);
    for (const StompSubscription &subscription : subscriptions)
        m_client->subscribe(subscription);
}

QString StompPushSource::summary(const StompSession &session)
{
    return tr("STOMP %1, heart-beat %2,%3 ms, server \"%4\"")
        .arg(QString::fromLatin1(stompVersionName(session.version)))
        .arg(session.heartbeatOutMs)
        .arg(session.heartbeatInMs)
        .arg(QString::fromUtf8(session.server));
}

SourceSession StompPushSource::session() const
{
    const StompSession &stomp = m_client->session();
    SourceSession session;
    session.url = stomp.url;
    session.protocol = name();
    session.transport = stomp.transport;
    session.server = QString::fromUtf8(stomp.server);
    session.summary = summary(stomp);
    session.details = {{QStringLiteral("version"), QString::fromLatin1(stompVersionName(stomp.version))},
                       {QStringLiteral("heartBeat"), QJsonArray {stomp.heartbeatOutMs, stomp.heartbeatInMs}}};
    return session;
}

QList<QPair<QByteArray, QByteArray>> StompPushSource::authHeaders() const
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto &header : m_client->options().connectHeaders) {
        if (!isStompHeader(header.first))
            headers.append(header);
    }
    headers += m_client->options().transport.handshakeHeaders;
    return headers;
}

void StompPushSource::onMessage(const StompMessage &message)
{
    InboundMessage inbound;
    inbound.body = message.frame.body;
    inbound.contentType = message.frame.header("content-type");
    inbound.messageId = message.messageId;
    inbound.source = name();
    inbound.channel = message.destination;
    inbound.attributes = message.frame.headers;
    if (message.ackMode != StompAckMode::Auto) {
        inbound.deliveryTag = ++m_lastTag;
        inbound.needsSettle = true;
        StompMessage ackInfo = message;
        ackInfo.frame = {};
        if (message.ackMode == StompAckMode::Client)
            m_inOrder[message.subscriptionId].push_back({inbound.deliveryTag, ackInfo, std::nullopt});
        m_unsettled.insert(inbound.deliveryTag, std::move(ackInfo));
    }
    Q_EMIT messageReceived(inbound);
}

bool StompPushSource::settle(const InboundMessage &message, Settlement settlement)
{
    const auto it = m_unsettled.constFind(message.deliveryTag);
    if (!message.needsSettle || it == m_unsettled.constEnd())
        return false;
    const StompMessage ackInfo = *it;
    m_unsettled.erase(it);
    if (ackInfo.ackMode != StompAckMode::Client)
        return settlement == Settlement::Accept ? m_client->ack(ackInfo) : m_client->nack(ackInfo);

    // Cumulative: it waits for the end of the turn, and for the messages delivered before it.
    if (m_client->state() != State::Connected)
        return false;
    std::deque<Delivery> &deliveries = m_inOrder[ackInfo.subscriptionId];
    const auto delivery = std::find_if(deliveries.begin(), deliveries.end(),
                                       [&](const Delivery &each) { return each.tag == message.deliveryTag; });
    if (delivery == deliveries.end())
        return false;
    delivery->settlement = settlement;
    if (!m_sendQueued) {
        m_sendQueued = true;
        QMetaObject::invokeMethod(this, &StompPushSource::sendCumulative, Qt::QueuedConnection);
    }
    return true;
}

void StompPushSource::sendCumulative()
{
    m_sendQueued = false;
    const bool cumulative = m_client->session().version != StompVersion::V1_0;
    // What to send, in order; sent after the walk (a failed write may end the connection, which forgets m_inOrder).
    QList<std::pair<Settlement, StompMessage>> frames;
    for (auto subscription = m_inOrder.begin(); subscription != m_inOrder.end(); ++subscription) {
        std::deque<Delivery> &deliveries = subscription.value();
        std::optional<StompMessage> accepted; // the last of a run of accepted messages, not acknowledged yet
        while (!deliveries.empty() && deliveries.front().settlement) {
            Delivery delivery = std::move(deliveries.front());
            deliveries.pop_front();
            if (*delivery.settlement == Settlement::Accept && cumulative) {
                accepted = std::move(delivery.ackInfo);
                continue;
            }
            if (accepted) // before a NACK, which is cumulative too: it must not reach them
                frames.append({Settlement::Accept, *std::exchange(accepted, std::nullopt)});
            frames.append({*delivery.settlement, std::move(delivery.ackInfo)});
        }
        if (accepted)
            frames.append({Settlement::Accept, *accepted});
    }
    for (const auto &[settlement, ackInfo] : std::as_const(frames)) {
        if (settlement == Settlement::Accept)
            m_client->ack(ackInfo);
        else
            m_client->nack(ackInfo);
    }
}

void StompPushSource::onStateChanged(State state)
{
    // Acknowledgements belong to the connection that delivered the message: a new one redelivers instead.
    if (state != State::Connected && state != State::Disconnecting) {
        m_unsettled.clear();
        m_inOrder.clear();
    }
    Q_EMIT stateChanged(state);
}
