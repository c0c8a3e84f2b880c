#include "stomp/StompClient.h"

#include "base/Logging.h"
#include "source/LivenessMonitor.h"
#include "stomp/StompFrameWriter.h"
#include "transport/TransportSelector.h"

#include <QMetaMethod>

#include <algorithm>

namespace {

// Error text that a broker uses when it refuses credentials (RabbitMQ: "Access refused for user",
// ActiveMQ: "User name [x] or password is invalid.", Spring: "Failed to authorize").
bool looksLikeAuthFailure(const QByteArray &text)
{
    const QByteArray lower = text.toLower();
    static const char *const markers[] = {"auth",  "access refused", "access denied", "password", "passcode",
                                          "login", "credential",     "permission",    "forbidden"};
    return std::any_of(std::begin(markers), std::end(markers), [&lower](const char *m) { return lower.contains(m); });
}

PushError::Kind errorKindFor(TransportError error)
{
    switch (error) {
    case TransportError::Unreachable:
        return PushError::Kind::Unreachable;
    case TransportError::HandshakeRefused:
        return PushError::Kind::HandshakeRefused;
    case TransportError::AuthRejected:
        return PushError::Kind::AuthFailed;
    case TransportError::Tls:
        return PushError::Kind::Tls;
    case TransportError::Protocol:
        return PushError::Kind::NotThisProtocol;
    case TransportError::None:
    case TransportError::Closed:
        break;
    }
    return PushError::Kind::ConnectionLost;
}

} // namespace

QByteArray stompAckModeName(StompAckMode mode)
{
    switch (mode) {
    case StompAckMode::Client:
        return QByteArrayLiteral("client");
    case StompAckMode::ClientIndividual:
        return QByteArrayLiteral("client-individual");
    case StompAckMode::Auto:
        break;
    }
    return QByteArrayLiteral("auto");
}

bool parseStompAckMode(QByteArrayView text, StompAckMode *mode)
{
    if (text == "auto")
        *mode = StompAckMode::Auto;
    else if (text == "client")
        *mode = StompAckMode::Client;
    else if (text == "client-individual")
        *mode = StompAckMode::ClientIndividual;
    else
        return false;
    return true;
}

StompClient::StompClient(QObject *parent)
    : QObject(parent)
    , m_policy(new ReconnectPolicy(this))
    , m_liveness(new LivenessMonitor(this))
{
    qRegisterMetaType<StompMessage>();
    qRegisterMetaType<PushError>();
    qRegisterMetaType<StompFrame>();
    // By default every URL is `auto` (raw WebSocket or SockJS, whichever the server speaks), remembered for
    // this client's lifetime. Applications that configure modes or share the memory set their own factory.
    auto selector = std::make_shared<TransportSelector>();
    m_transportFactory = [selector](const QUrl &url) {
        return selector->create(url);
    };
    connect(m_policy, &ReconnectPolicy::retryDue, this, &StompClient::onRetryDue);
    connect(m_liveness, &LivenessMonitor::silenceExceeded, this, &StompClient::onSilenceExceeded);
    connect(m_liveness, &LivenessMonitor::clockJumped, this, &StompClient::checkLiveness);
    connect(m_liveness, &LivenessMonitor::probeFailed, this, &StompClient::onProbeFailed);
    connect(m_liveness, &LivenessMonitor::probeAnswered, this, [this] {
        qCInfo(lcStomp) << "the server answered: the connection is alive";
        Q_EMIT livenessConfirmed();
    });
    setClock(Clock::system());
}

StompClient::~StompClient()
{
    teardownTransport();
}

void StompClient::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    auto make = [this](void (StompClient::*handler)()) {
        std::unique_ptr<ClockTimer> timer = m_clock->createTimer();
        connect(timer.get(), &ClockTimer::timeout, this, handler);
        return timer;
    };
    m_connectTimer = make(&StompClient::onConnectTimeout);
    m_heartbeatOutTimer = make(&StompClient::onHeartbeatOutTimer);
    m_receiptTimer = make(&StompClient::onReceiptTimer);
    m_pingTimer = make(&StompClient::onPingTimer);
    m_policy->setClock(m_clock);
    m_liveness->setClock(m_clock);
}

void StompClient::setTransportFactory(TransportFactory factory)
{
    m_transportFactory = std::move(factory);
}

void StompClient::setRandomSeed(quint32 seed)
{
    m_policy->setRandomSeed(seed);
}

void StompClient::setOptions(const StompConnectOptions &options)
{
    m_options = options;
    m_parser.setLimits(options.parserLimits);
    m_policy->setOptions(options.reconnect);
    m_policy->setUrls(options.urls);
}

// --- public API ------------------------------------------------------------------------------------------

QByteArray StompClient::subscribe(StompSubscription subscription)
{
    if (subscription.id.isEmpty())
        subscription.id = nextId("sub-");
    const auto existing = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                       [&subscription](const StompSubscription &s) { return s.id == subscription.id; });
    if (existing != m_subscriptions.end())
        *existing = subscription;
    else
        m_subscriptions.append(subscription);
    if (m_state == State::Connected)
        sendSubscribe(subscription);
    return subscription.id;
}

void StompClient::unsubscribe(const QByteArray &subscriptionId)
{
    const auto removed =
        std::remove_if(m_subscriptions.begin(), m_subscriptions.end(),
                       [&subscriptionId](const StompSubscription &s) { return s.id == subscriptionId; });
    if (removed == m_subscriptions.end())
        return;
    m_subscriptions.erase(removed, m_subscriptions.end());
    if (m_state == State::Connected)
        writeFrame(StompFrame("UNSUBSCRIBE", {{"id", subscriptionId}}));
}

QByteArray StompClient::send(const QByteArray &destination, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &headers, bool receipt)
{
    StompFrame frame("SEND", {{"destination", destination}}, body);
    for (const auto &header : headers)
        frame.addHeader(header.first, header.second);
    PendingSend pending {std::move(frame), receipt ? nextId("rcpt-") : QByteArray()};
    if (!pending.receiptId.isEmpty())
        pending.frame.setHeader("receipt", pending.receiptId);
    const QByteArray receiptId = pending.receiptId;

    if (m_state == State::Connected) {
        writeSend(pending);
        return receiptId;
    }
    m_outbox.push_back(std::move(pending));
    while (qsizetype(m_outbox.size()) > qMax(1, m_options.outboxLimit)) {
        const QByteArray dropped = m_outbox.front().frame.header("destination");
        m_outbox.pop_front();
        qCWarning(lcStomp) << "offline outbox is full; dropped the oldest message to" << dropped;
        Q_EMIT outboxOverflow(dropped);
    }
    return receiptId;
}

bool StompClient::ack(const StompMessage &message, const QByteArray &transaction)
{
    return sendAckOrNack("ACK", message, transaction);
}

bool StompClient::nack(const StompMessage &message, const QByteArray &transaction)
{
    if (m_session.version == StompVersion::V1_0 && m_state == State::Connected) {
        qCWarning(lcStomp) << "NACK does not exist in STOMP 1.0; message" << message.messageId << "left unacknowledged";
        return false;
    }
    return sendAckOrNack("NACK", message, transaction);
}

bool StompClient::sendAckOrNack(const QByteArray &command, const StompMessage &message, const QByteArray &transaction)
{
    if (m_state != State::Connected || message.connectionSerial != m_connectionSerial
        || message.ackMode == StompAckMode::Auto)
        return false;
    StompFrame frame(command);
    if (m_session.version == StompVersion::V1_2) {
        frame.addHeader("id", message.ackId);
    } else {
        frame.addHeader("message-id", message.messageId);
        if (m_session.version == StompVersion::V1_1)
            frame.addHeader("subscription", message.subscriptionId);
    }
    if (!transaction.isEmpty())
        frame.addHeader("transaction", transaction);
    return writeFrame(frame);
}

QByteArray StompClient::begin(const QByteArray &transaction)
{
    const QByteArray id = transaction.isEmpty() ? nextId("tx-") : transaction;
    if (m_state != State::Connected || !writeFrame(StompFrame("BEGIN", {{"transaction", id}})))
        return {};
    return id;
}

bool StompClient::commit(const QByteArray &transaction)
{
    return m_state == State::Connected && writeFrame(StompFrame("COMMIT", {{"transaction", transaction}}));
}

bool StompClient::abort(const QByteArray &transaction)
{
    return m_state == State::Connected && writeFrame(StompFrame("ABORT", {{"transaction", transaction}}));
}

QByteArray StompClient::sendWithReceipt(StompFrame frame)
{
    if (m_state != State::Connected)
        return {};
    const QByteArray id = nextId("rcpt-");
    frame.setHeader("receipt", id);
    if (!writeFrame(frame))
        return {};
    trackReceipt(id, ReceiptKind::Plain);
    return id;
}

void StompClient::connectToServer()
{
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    if (m_options.urls.isEmpty()) {
        m_lastError = {PushError::Kind::Unreachable, tr("no server URL is configured"), {}, {}};
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    m_userDisconnect = false;
    m_policy->reset();
    startAttempt();
}

void StompClient::disconnectFromServer()
{
    m_userDisconnect = true;
    m_policy->cancel();
    if (m_state == State::Connected) {
        setState(State::Disconnecting);
        const QByteArray id = nextId("disconnect-");
        if (writeFrame(StompFrame("DISCONNECT", {{"receipt", id}}))) {
            trackReceipt(id, ReceiptKind::Disconnect, m_options.disconnectTimeoutMs);
            return;
        }
    }
    if (m_state == State::Disconnected)
        return;
    finishDisconnect();
}

void StompClient::reconnectNow()
{
    if (m_state == State::Backoff || m_state == State::Failed || m_state == State::Disconnected) {
        if (m_state != State::Backoff)
            m_policy->reset();
        if (m_options.urls.isEmpty())
            return connectToServer();
        m_userDisconnect = false;
        m_policy->cancel();
        startAttempt();
    } else if (m_state == State::Connected) {
        // An explicit request to reconnect a working connection: start afresh at once.
        connectionLost({PushError::Kind::ConnectionLost, tr("reconnect requested"), {}, currentUrl()}, false);
        m_policy->cancel();
        startAttempt();
    }
}

void StompClient::checkLiveness()
{
    if (m_state == State::Backoff) {
        qCInfo(lcStomp) << "network or system change while waiting to reconnect: reconnecting now";
        m_policy->cancel();
        startAttempt();
        return;
    }
    if (m_state != State::Connected || m_liveness->isProbing())
        return;
    // Ask the peer for a sign of life and give it a short while to answer. Without a WebSocket ping or
    // server heart-beats nothing is bound to answer, so a fresh connection is the only proof.
    const bool pinged = m_transport && m_transport->ping();
    if (!pinged && m_session.heartbeatInMs <= 0) {
        qCInfo(lcStomp) << "cannot probe this connection (no ping, no heart-beats): reconnecting";
        reconnectNow();
        return;
    }
    writeRaw(StompFrameWriter::heartbeat());
    // A pong comes back within a round trip; a heart-beat within the negotiated period.
    const qint64 window = pinged ? kProbeTimeoutMs : qint64(double(m_session.heartbeatInMs) * m_options.heartbeatGrace);
    m_liveness->probe(qMax<qint64>(1000, window));
    qCInfo(lcStomp) << "checking that the connection is alive";
}

// --- state machine ---------------------------------------------------------------------------------------

void StompClient::setState(State state)
{
    if (m_state == state)
        return;
    qCInfo(lcStomp) << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void StompClient::startAttempt()
{
    teardownTransport();
    stopConnectionTimers();
    m_parser.reset();
    m_parser.setVersion(StompVersion::V1_2);
    m_session = {};
    const QUrl url = currentUrl();
    m_session.url = url;
    setState(State::Connecting);

    m_transport = m_transportFactory(url);
    if (!m_transport) {
        connectionLost(
            {PushError::Kind::HandshakeRefused, tr("no transport for %1").arg(url.toDisplayString()), {}, url});
        return;
    }
    Transport *transport = m_transport.get();
    connect(transport, &Transport::opened, this, &StompClient::onTransportOpened);
    connect(transport, &Transport::dataReceived, this, &StompClient::onTransportData);
    connect(transport, &Transport::activity, this, &StompClient::onTransportActivity);
    connect(transport, &Transport::closed, this, &StompClient::onTransportClosed);
    connect(transport, &Transport::failed, this, &StompClient::onTransportFailed);
    m_connectTimer->start(m_options.connectTimeoutMs);
    qCInfo(lcStomp) << "connecting to" << url.toDisplayString(QUrl::RemoveUserInfo) << "attempt"
                    << m_policy->attempt() + 1;
    transport->open(url, m_options.transport);
}

void StompClient::onTransportOpened()
{
    m_liveness->noteActivity();
    m_session.transport = m_transport ? m_transport->description() : QString();
    writeFrame(connectFrame());
}

void StompClient::onTransportData(const QByteArray &data)
{
    onTransportActivity();
    const quint64 serial = m_transportSerial;
    if (!m_parser.feed(data)) {
        const QString detail = m_parser.error() ? m_parser.error()->toString() : tr("malformed frame");
        qCWarning(lcStomp) << "protocol error from" << currentUrl().toDisplayString(QUrl::RemoveUserInfo) << ":"
                           << detail;
        connectionLost({PushError::Kind::NotThisProtocol,
                        tr("malformed frame from the server: %1").arg(detail),
                        {},
                        currentUrl()});
        return;
    }
    // A frame may tear the connection down (ERROR) or replace it: stop as soon as that happens.
    while (m_parser.hasFrame() && serial == m_transportSerial)
        handleFrame(m_parser.takeFrame());
}

void StompClient::onTransportActivity()
{
    m_liveness->noteActivity();
}

void StompClient::onTransportClosed(TransportError error, const QString &reason)
{
    if (m_state == State::Disconnecting) {
        finishDisconnect();
        return;
    }
    const PushError::Kind kind =
        error == TransportError::Protocol ? PushError::Kind::NotThisProtocol : PushError::Kind::ConnectionLost;
    connectionLost({kind, reason, {}, currentUrl()});
}

void StompClient::onTransportFailed(TransportError error, const QString &reason)
{
    connectionLost({errorKindFor(error), reason, {}, currentUrl()});
}

void StompClient::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
    connectionLost({PushError::Kind::Timeout,
                    tr("no answer from the server within %1 s").arg(double(m_options.connectTimeoutMs) / 1000.0),
                    {},
                    currentUrl()});
}

void StompClient::handleFrame(StompFrame frame)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&StompClient::frameReceived)))
        Q_EMIT frameReceived(frame);
    if (frame.command == "MESSAGE") {
        if (m_state == State::Connected || m_state == State::Disconnecting)
            handleMessage(std::move(frame));
    } else if (frame.command == "RECEIPT") {
        handleReceipt(frame);
    } else if (frame.command == "CONNECTED") {
        if (m_state == State::Connecting)
            handleConnected(frame);
    } else if (frame.command == "ERROR") {
        handleError(frame);
    } else {
        qCWarning(lcStomp) << "ignoring unexpected frame" << frame.command;
    }
}

void StompClient::handleConnected(const StompFrame &frame)
{
    StompVersion version = StompVersion::V1_0;
    const QByteArray versionHeader = frame.header("version");
    if (!versionHeader.isEmpty() && !parseStompVersion(versionHeader, &version)) {
        connectionLost({PushError::Kind::NotThisProtocol,
                        tr("the server chose an unknown STOMP version \"%1\"").arg(QString::fromUtf8(versionHeader)),
                        {},
                        currentUrl()});
        return;
    }
    if (!m_options.acceptVersions.contains(version)) {
        connectionLost(
            {PushError::Kind::NotThisProtocol,
             tr("the server chose STOMP %1, which was not offered").arg(QString::fromLatin1(stompVersionName(version))),
             {},
             currentUrl()});
        return;
    }
    // heart-beat: the server's "sx,sy" against our "cx,cy" (STOMP 1.1 section "Heart-beating").
    int sx = 0;
    int sy = 0;
    const QList<QByteArray> beats = frame.header("heart-beat").split(',');
    if (beats.size() == 2) {
        sx = qMax(0, beats.at(0).trimmed().toInt());
        sy = qMax(0, beats.at(1).trimmed().toInt());
    }
    const int cx = qMax(0, m_options.heartbeatOutMs);
    const int cy = qMax(0, m_options.heartbeatInMs);
    m_session.version = version;
    m_session.server = frame.header("server");
    m_session.sessionId = frame.header("session");
    m_session.heartbeatOutMs = (cx == 0 || sy == 0) ? 0 : qMax(cx, sy);
    m_session.heartbeatInMs = (cy == 0 || sx == 0) ? 0 : qMax(cy, sx);
    m_session.transport = m_transport ? m_transport->description() : QString();
    m_parser.setVersion(version);
    ++m_connectionSerial;
    m_connectTimer->stop();
    m_lastError = {};

    // Restore every subscription, then deliver what waited offline, then tell the world.
    for (const StompSubscription &subscription : std::as_const(m_subscriptions))
        sendSubscribe(subscription);
    flushOutbox();

    // Silence past the server's heart-beat period (with grace) means the connection is dead. Clock jumps are looked
    // for on every heart-beat or ping we send; without either, the monitor checks the wall clock itself.
    const qint64 silenceLimit =
        m_session.heartbeatInMs > 0 ? qint64(double(m_session.heartbeatInMs) * m_options.heartbeatGrace) : 0;
    m_liveness->start(silenceLimit, m_session.heartbeatOutMs <= 0 && m_options.webSocketPingMs <= 0);
    if (m_session.heartbeatOutMs > 0)
        m_heartbeatOutTimer->start(m_session.heartbeatOutMs);
    if (m_options.webSocketPingMs > 0)
        m_pingTimer->start(m_options.webSocketPingMs);
    m_policy->connected();

    qCInfo(lcStomp) << "connected: STOMP" << stompVersionName(version) << "server" << m_session.server << "heart-beat"
                    << m_session.heartbeatOutMs << m_session.heartbeatInMs;
    setState(State::Connected);
    Q_EMIT connected(m_session);
}

void StompClient::handleMessage(StompFrame frame)
{
    StompMessage message;
    message.subscriptionId = frame.header("subscription");
    message.destination = frame.header("destination");
    message.messageId = frame.header("message-id");
    message.ackId =
        m_session.version == StompVersion::V1_2 ? frame.header("ack", message.messageId) : message.messageId;
    message.connectionSerial = m_connectionSerial;
    for (const StompSubscription &subscription : std::as_const(m_subscriptions)) {
        if (subscription.id == message.subscriptionId) {
            message.ackMode = subscription.ackMode;
            break;
        }
    }
    message.frame = std::move(frame);
    Q_EMIT messageReceived(message);
}

void StompClient::handleReceipt(const StompFrame &frame)
{
    const QByteArray id = frame.header("receipt-id");
    const auto it = std::find_if(m_receipts.begin(), m_receipts.end(),
                                 [&id](const PendingReceipt &receipt) { return receipt.id == id; });
    if (it == m_receipts.end()) {
        qCDebug(lcStomp) << "receipt for nothing we wait on:" << id;
        return;
    }
    const ReceiptKind kind = it->kind;
    m_receipts.erase(it);
    armReceiptTimer();
    if (kind == ReceiptKind::Disconnect) {
        finishDisconnect();
        return;
    }
    Q_EMIT receiptReceived(id);
}

void StompClient::handleError(const StompFrame &frame)
{
    const QByteArray message = frame.header("message", QByteArrayLiteral("ERROR frame without a message"));
    qCWarning(lcStomp) << "server sent ERROR:" << message;
    Q_EMIT errorFrameReceived(frame);
    const bool beforeConnected = m_state == State::Connecting;
    PushError error;
    error.kind = (beforeConnected && looksLikeAuthFailure(message + ' ' + frame.body)) ? PushError::Kind::AuthFailed
                                                                                       : PushError::Kind::ServerError;
    error.message = QString::fromUtf8(message);
    error.body = frame.body;
    error.url = currentUrl();
    if (m_state == State::Disconnecting) {
        finishDisconnect();
        return;
    }
    // Servers close the connection after ERROR (STOMP 1.2); do not wait for them to.
    connectionLost(error);
}

// --- timers ----------------------------------------------------------------------------------------------

void StompClient::onHeartbeatOutTimer()
{
    if (m_state != State::Connected)
        return;
    m_liveness->checkClockJump();
    if (m_state != State::Connected)
        return;
    const qint64 idle = m_clock->monotonicMs() - m_lastOutboundMs;
    if (idle >= m_session.heartbeatOutMs)
        writeRaw(StompFrameWriter::heartbeat());
    const qint64 sinceOutbound = m_clock->monotonicMs() - m_lastOutboundMs;
    m_heartbeatOutTimer->start(qMax<qint64>(1, m_session.heartbeatOutMs - sinceOutbound));
}

void StompClient::onSilenceExceeded(qint64 silenceMs)
{
    if (m_state != State::Connected)
        return;
    connectionLost({PushError::Kind::HeartbeatLost,
                    tr("no data from the server for %1 s (heart-beat %2 s)")
                        .arg(double(silenceMs) / 1000.0)
                        .arg(double(m_session.heartbeatInMs) / 1000.0),
                    {},
                    currentUrl()});
}

void StompClient::onPingTimer()
{
    if (m_state != State::Connected || !m_transport)
        return;
    const qint64 silence = m_liveness->silenceMs();
    if (silence >= qint64(double(m_options.webSocketPingMs) * m_options.heartbeatGrace)) {
        connectionLost({PushError::Kind::HeartbeatLost,
                        tr("no answer to WebSocket pings for %1 s").arg(double(silence) / 1000.0),
                        {},
                        currentUrl()});
        return;
    }
    m_liveness->checkClockJump();
    if (m_state != State::Connected || !m_transport)
        return;
    m_transport->ping();
    m_pingTimer->start(m_options.webSocketPingMs);
}

void StompClient::onProbeFailed()
{
    if (m_state != State::Connected)
        return;
    connectionLost({PushError::Kind::HeartbeatLost,
                    tr("no sign of life from the server after a network change"),
                    {},
                    currentUrl()});
}

void StompClient::onRetryDue()
{
    if (m_state == State::Backoff)
        startAttempt();
}

void StompClient::onReceiptTimer()
{
    const qint64 now = m_clock->monotonicMs();
    QList<PendingReceipt> expired;
    for (auto it = m_receipts.begin(); it != m_receipts.end();) {
        if (it->deadlineMs <= now) {
            expired.append(*it);
            it = m_receipts.erase(it);
        } else {
            ++it;
        }
    }
    armReceiptTimer();
    for (const PendingReceipt &receipt : std::as_const(expired)) {
        if (receipt.kind == ReceiptKind::Disconnect) {
            qCInfo(lcStomp) << "no receipt for DISCONNECT; closing anyway";
            finishDisconnect();
            continue;
        }
        qCWarning(lcStomp) << "receipt" << receipt.id << "timed out";
        Q_EMIT receiptTimedOut(receipt.id);
    }
    // A peer that stopped answering receipts may be gone: verify.
    if (!expired.isEmpty())
        checkLiveness();
}

// --- helpers ---------------------------------------------------------------------------------------------

void StompClient::connectionLost(PushError error, bool reconnect)
{
    const State previous = m_state;
    const bool wasConnected = previous == State::Connected || previous == State::Disconnecting;
    stopConnectionTimers();
    teardownTransport();
    requeueUnconfirmedSends();
    if (error.url.isEmpty())
        error.url = currentUrl();
    m_lastError = error;
    qCWarning(lcStomp) << "connection to" << error.url.toDisplayString(QUrl::RemoveUserInfo)
                       << "lost:" << PushError::kindName(error.kind) << error.message;
    Q_EMIT errorOccurred(error);
    if (wasConnected)
        Q_EMIT disconnected(error);
    if (!reconnect)
        return;
    if (m_userDisconnect) {
        setState(State::Disconnected);
        return;
    }
    m_policy->recordFailure(error, wasConnected);
    scheduleReconnect();
}

void StompClient::scheduleReconnect()
{
    if (!m_options.autoReconnect) {
        setState(State::Disconnected);
        return;
    }
    const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
    if (retry.giveUp) {
        m_lastError.message = retry.reason;
        qCWarning(lcStomp) << m_lastError.message;
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    qCInfo(lcStomp) << "reconnecting in" << retry.delayMs << "ms, attempt" << m_policy->attempt() + 1;
    setState(State::Backoff);
    Q_EMIT reconnecting(m_policy->attempt(), retry.delayMs, currentUrl());
}

void StompClient::finishDisconnect()
{
    stopConnectionTimers();
    const bool wasConnected = m_state == State::Connected || m_state == State::Disconnecting;
    teardownTransport();
    // Receipts of this connection will never come; unsent messages stay in the outbox for the next one.
    requeueUnconfirmedSends();
    m_receipts.clear();
    m_receiptTimer->stop();
    setState(State::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected({PushError::Kind::None, tr("disconnected"), {}, currentUrl()});
}

void StompClient::stopConnectionTimers()
{
    m_connectTimer->stop();
    m_heartbeatOutTimer->stop();
    m_pingTimer->stop();
    m_liveness->stop();
    m_policy->disconnected();
}

void StompClient::teardownTransport()
{
    ++m_transportSerial;
    if (!m_transport)
        return;
    m_transport->disconnect(this);
    m_transport->close();
    // We may be inside one of the transport's signals: let it finish before it goes.
    m_transport.release()->deleteLater();
}

void StompClient::requeueUnconfirmedSends()
{
    // A SEND whose receipt never came may not have reached the broker: send it again on the next
    // connection (at-least-once), ahead of what was queued later.
    for (auto it = m_receipts.rbegin(); it != m_receipts.rend(); ++it) {
        if (it->kind == ReceiptKind::Send)
            m_outbox.push_front(PendingSend {it->frame, it->id});
    }
    m_receipts.erase(std::remove_if(m_receipts.begin(), m_receipts.end(),
                                    [](const PendingReceipt &r) { return r.kind == ReceiptKind::Send; }),
                     m_receipts.end());
    armReceiptTimer();
}

bool StompClient::writeFrame(const StompFrame &frame)
{
    if (!m_transport || !m_transport->isOpen())
        return false;
    const QByteArray data = StompFrameWriter::serialize(
        frame, m_session.version,
        frame.command == "SEND" ? StompFrameWriter::ContentLength::Always : StompFrameWriter::ContentLength::AsNeeded);
    if (!writeRaw(data))
        return false;
    if (lcStomp().isDebugEnabled())
        qCDebug(lcStomp) << ">>>" << frame.command << Logging::describeHeaders(frame.headers);
    if (isSignalConnected(QMetaMethod::fromSignal(&StompClient::frameSent))) {
        StompFrame redacted = frame;
        for (auto &header : redacted.headers) {
            if (Logging::isSecretHeader(header.first))
                header.second = QByteArrayLiteral("<redacted>");
        }
        Q_EMIT frameSent(redacted);
    }
    return true;
}

bool StompClient::writeRaw(const QByteArray &data)
{
    if (!m_transport || !m_transport->sendData(data))
        return false;
    m_lastOutboundMs = m_clock->monotonicMs();
    return true;
}

void StompClient::writeSend(const PendingSend &pending)
{
    if (!writeFrame(pending.frame)) {
        m_outbox.push_front(pending);
        return;
    }
    if (!pending.receiptId.isEmpty())
        trackReceipt(pending.receiptId, ReceiptKind::Send, m_options.receiptTimeoutMs, pending.frame);
}

void StompClient::sendSubscribe(const StompSubscription &subscription)
{
    StompFrame frame("SUBSCRIBE",
                     {{"id", subscription.id},
                      {"destination", subscription.destination},
                      {"ack", stompAckModeName(subscription.ackMode)}});
    for (const auto &header : subscription.headers)
        frame.setHeader(header.first, header.second);
    writeFrame(frame);
}

void StompClient::flushOutbox()
{
    std::deque<PendingSend> outbox;
    outbox.swap(m_outbox);
    if (!outbox.empty())
        qCInfo(lcStomp) << "sending" << outbox.size() << "message(s) queued while offline";
    while (!outbox.empty()) {
        PendingSend pending = std::move(outbox.front());
        outbox.pop_front();
        if (!writeFrame(pending.frame)) {
            // The transport went away mid-flush: keep the rest, in order.
            m_outbox.push_back(std::move(pending));
            for (PendingSend &rest : outbox)
                m_outbox.push_back(std::move(rest));
            return;
        }
        if (!pending.receiptId.isEmpty())
            trackReceipt(pending.receiptId, ReceiptKind::Send, m_options.receiptTimeoutMs, pending.frame);
    }
}

void StompClient::trackReceipt(const QByteArray &id, ReceiptKind kind, qint64 timeoutMs, const StompFrame &frame)
{
    const qint64 timeout = timeoutMs > 0 ? timeoutMs : m_options.receiptTimeoutMs;
    m_receipts.append({id, m_clock->monotonicMs() + timeout, kind, frame});
    armReceiptTimer();
}

void StompClient::armReceiptTimer()
{
    if (m_receipts.isEmpty()) {
        m_receiptTimer->stop();
        return;
    }
    qint64 earliest = m_receipts.first().deadlineMs;
    for (const PendingReceipt &receipt : std::as_const(m_receipts))
        earliest = qMin(earliest, receipt.deadlineMs);
    m_receiptTimer->start(qMax<qint64>(0, earliest - m_clock->monotonicMs()));
}

QByteArray StompClient::nextId(const char *prefix)
{
    return QByteArray(prefix) + QByteArray::number(++m_idCounter);
}

StompFrame StompClient::connectFrame() const
{
    StompFrame frame(m_options.useStompCommand ? QByteArrayLiteral("STOMP") : QByteArrayLiteral("CONNECT"));
    QByteArrayList versions;
    for (StompVersion version : m_options.acceptVersions)
        versions << stompVersionName(version);
    frame.addHeader("accept-version", versions.join(','));
    // Only when configured: RabbitMQ reads `host` as the virtual host and refuses an unknown one, so the URL's
    // host name would lock it out, while every broker accepts its absence (as stomp.js sends it).
    if (!m_options.host.isEmpty())
        frame.addHeader("host", m_options.host);
    if (!m_options.login.isEmpty())
        frame.addHeader("login", m_options.login);
    if (!m_options.passcode.isEmpty())
        frame.addHeader("passcode", m_options.passcode);
    frame.addHeader("heart-beat",
                    QByteArray::number(qMax(0, m_options.heartbeatOutMs)) + ','
                        + QByteArray::number(qMax(0, m_options.heartbeatInMs)));
    for (const auto &header : m_options.connectHeaders)
        frame.setHeader(header.first, header.second);
    return frame;
}
