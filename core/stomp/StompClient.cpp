#include "stomp/StompClient.h"

#include "base/Logging.h"
#include "source/LivenessMonitor.h"
#include "stomp/StompFrameWriter.h"
#include "stomp/StompHandshake.h"
#include "transport/TransportSelector.h"

#include <QMetaMethod>

#include <algorithm>

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
    , m_outbox(new StompOutbox(this))
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
    connect(m_outbox, &StompOutbox::overflow, this, &StompClient::outboxOverflow);
    connect(m_outbox, &StompOutbox::receiptsExpired, this, &StompClient::onReceiptsExpired);
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
    m_pingTimer = make(&StompClient::onPingTimer);
    m_policy->setClock(m_clock);
    m_liveness->setClock(m_clock);
    m_outbox->setClock(m_clock);
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
    m_outbox->setLimit(options.outboxLimit);
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
    StompOutbox::Send send {std::move(frame), receipt ? nextId("rcpt-") : QByteArray()};
    if (!send.receiptId.isEmpty())
        send.frame.setHeader("receipt", send.receiptId);
    const QByteArray receiptId = send.receiptId;
    if (m_state == State::Connected)
        writeSend(std::move(send));
    else
        m_outbox->queue(std::move(send));
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
    m_outbox->expect(id, StompOutbox::ReceiptKind::Plain, m_options.receiptTimeoutMs);
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
            m_outbox->expect(id, StompOutbox::ReceiptKind::Disconnect, m_options.disconnectTimeoutMs);
            return;
        }
    }
    if (m_state == State::Disconnected)
        return;
    finishDisconnect();
}

void StompClient::reconnectNow()
{
    if (m_state == State::Backoff || m_state == State::NeedsAttention || m_state == State::Failed
        || m_state == State::Disconnected) {
        if (m_state == State::Failed || m_state == State::Disconnected)
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
    if (m_state == State::Backoff || m_state == State::NeedsAttention) {
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
    writeFrame(StompHandshake::connectFrame(m_options));
}

void StompClient::onTransportData(const QByteArray &data)
{
    onTransportActivity();
    sendHeartbeatWithTraffic();
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
    connectionLost({PushError::kindFor(error, reason), reason, {}, currentUrl()});
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
    const QString refusal = StompHandshake::negotiate(frame, m_options, &m_session);
    if (!refusal.isEmpty()) {
        connectionLost({PushError::Kind::NotThisProtocol, refusal, {}, currentUrl()});
        return;
    }
    const StompVersion version = m_session.version;
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
    const std::optional<StompOutbox::ReceiptKind> kind = m_outbox->receive(id);
    if (!kind) {
        qCDebug(lcStomp) << "receipt for nothing we wait on:" << id;
        return;
    }
    if (*kind == StompOutbox::ReceiptKind::Disconnect) {
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
    error.kind = (beforeConnected && StompHandshake::looksLikeAuthFailure(message + ' ' + frame.body))
        ? PushError::Kind::AuthFailed
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
    // The timer may fire a little early (Qt's coarse timers, up to 5%): a heart-beat a little early is still on
    // time, while declining it would wake the process again for the rest of the period.
    const qint64 idle = m_clock->monotonicMs() - m_lastOutboundMs;
    if (idle >= m_session.heartbeatOutMs - m_session.heartbeatOutMs / kHeartbeatEarlyDivisor)
        writeRaw(StompFrameWriter::heartbeat());
    const qint64 sinceOutbound = m_clock->monotonicMs() - m_lastOutboundMs;
    m_heartbeatOutTimer->start(qMax<qint64>(1, m_session.heartbeatOutMs - sinceOutbound));
}

// The server's traffic (its heart-beat, on an idle connection) has woken the process anyway: a heart-beat of ours
// that falls due within half its period goes now, with it, and the timer starts over. An idle connection with
// heart-beats both ways then wakes the process once per period, not twice; ours are never further apart than the
// period, and never closer than half of it.
void StompClient::sendHeartbeatWithTraffic()
{
    if (m_state != State::Connected || m_session.heartbeatOutMs <= 0)
        return;
    const qint64 idle = m_clock->monotonicMs() - m_lastOutboundMs;
    if (idle >= m_session.heartbeatOutMs / 2 && writeRaw(StompFrameWriter::heartbeat()))
        m_heartbeatOutTimer->start(m_session.heartbeatOutMs);
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
    if (m_state == State::Backoff || m_state == State::NeedsAttention)
        startAttempt();
}

void StompClient::onReceiptsExpired(const QList<QPair<QByteArray, StompOutbox::ReceiptKind>> &expired)
{
    for (const auto &[id, kind] : expired) {
        if (kind == StompOutbox::ReceiptKind::Disconnect) {
            qCInfo(lcStomp) << "no receipt for DISCONNECT; closing anyway";
            finishDisconnect();
            continue;
        }
        qCWarning(lcStomp) << "receipt" << id << "timed out";
        Q_EMIT receiptTimedOut(id);
    }
    // A peer that stopped answering receipts may be gone: verify.
    checkLiveness();
}

// --- helpers ---------------------------------------------------------------------------------------------

void StompClient::connectionLost(PushError error, bool reconnect)
{
    const State previous = m_state;
    const bool wasConnected = previous == State::Connected || previous == State::Disconnecting;
    stopConnectionTimers();
    teardownTransport();
    m_outbox->requeueUnconfirmedSends();
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
    if (retry.giveUp || retry.needsAttention) {
        m_lastError.message = retry.reason;
        qCWarning(lcStomp) << m_lastError.message;
        Q_EMIT errorOccurred(m_lastError);
    }
    if (retry.giveUp) {
        setState(State::Failed);
        return;
    }
    qCInfo(lcStomp) << "reconnecting in" << retry.delayMs << "ms, attempt" << m_policy->attempt() + 1;
    setState(retry.needsAttention ? State::NeedsAttention : State::Backoff);
    Q_EMIT reconnecting(m_policy->attempt(), retry.delayMs, currentUrl());
}

void StompClient::finishDisconnect()
{
    stopConnectionTimers();
    const bool wasConnected = m_state == State::Connected || m_state == State::Disconnecting;
    teardownTransport();
    // Receipts of this connection will never come; unsent messages stay in the outbox for the next one.
    m_outbox->requeueUnconfirmedSends();
    m_outbox->clearReceipts();
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

void StompClient::writeSend(StompOutbox::Send send)
{
    if (!writeFrame(send.frame)) {
        m_outbox->queueFront(std::move(send));
        return;
    }
    if (!send.receiptId.isEmpty())
        m_outbox->expect(send.receiptId, StompOutbox::ReceiptKind::Send, m_options.receiptTimeoutMs, send.frame);
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
    std::deque<StompOutbox::Send> queued = m_outbox->takeQueued();
    if (!queued.empty())
        qCInfo(lcStomp) << "sending" << queued.size() << "message(s) queued while offline";
    while (!queued.empty()) {
        StompOutbox::Send send = std::move(queued.front());
        queued.pop_front();
        if (!writeFrame(send.frame)) {
            // The transport went away mid-flush: keep the rest, in order.
            queued.push_front(std::move(send));
            m_outbox->restore(std::move(queued));
            return;
        }
        if (!send.receiptId.isEmpty())
            m_outbox->expect(send.receiptId, StompOutbox::ReceiptKind::Send, m_options.receiptTimeoutMs, send.frame);
    }
}

QByteArray StompClient::nextId(const char *prefix)
{
    return QByteArray(prefix) + QByteArray::number(++m_idCounter);
}
