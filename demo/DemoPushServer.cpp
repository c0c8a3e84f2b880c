#include "DemoPushServer.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "stomp/StompFrameParser.h"
#include "stomp/StompFrameWriter.h"

#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <deque>
#include <functional>
#include <utility>

namespace {

Q_LOGGING_CATEGORY(lcDemo, "todo.demo", QtInfoMsg)

constexpr qsizetype kMaxHandshakeBytes = qsizetype(16) * 1024;

QByteArray serverHeader()
{
    return QByteArrayLiteral("TodoNotifier-Demo/" TODO_NOTIFIER_VERSION);
}

QByteArray jsonContentType()
{
    return QByteArrayLiteral("application/json;charset=UTF-8");
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded)
    return !decoder.hasError();
}

// "1.0,1.1,1.2", lowest first, as the spec's example ERROR does.
QByteArray versionList(QList<StompVersion> versions)
{
    std::sort(versions.begin(), versions.end());
    QByteArray list;
    for (StompVersion version : std::as_const(versions)) {
        if (!list.isEmpty())
            list += ',';
        list += stompVersionName(version);
    }
    return list;
}

bool parseHeartbeat(const QByteArray &value, qint64 *cx, qint64 *cy)
{
    const QList<QByteArray> parts = value.split(',');
    if (parts.size() != 2)
        return false;
    bool okX = false;
    bool okY = false;
    *cx = parts.at(0).trimmed().toLongLong(&okX);
    *cy = parts.at(1).trimmed().toLongLong(&okY);
    return okX && okY && *cx >= 0 && *cy >= 0;
}

// Headers of a MESSAGE that the server sets itself; copies from SEND or publish() never override them.
bool isReservedMessageHeader(const QByteArray &name)
{
    static const QByteArrayView reserved[] = {"destination", "subscription",   "message-id", "ack",
                                              "redelivered", "content-length", "receipt",    "transaction"};
    return std::find(std::begin(reserved), std::end(reserved), QByteArrayView(name)) != std::end(reserved);
}

} // namespace

struct DemoPushServer::Subscription
{
    QByteArray id;
    QByteArray destination;
    AckMode ack = AckMode::Auto;
};

// One MESSAGE sent to a client or client-individual subscription and not yet acknowledged, or (in
// m_requeued) one that was NACKed or orphaned and waits to be delivered again.
struct DemoPushServer::Delivery
{
    QByteArray sessionId;
    QByteArray subscriptionId;
    QByteArray destination;
    QByteArray messageId;
    QByteArray ackId;
    QByteArray body;
    QList<StompFrame::Header> headers; // the extra headers the message was published with
    AckMode ack = AckMode::Client;
};

// One WebSocket message waiting to be written, or a close.
struct DemoPushServer::Outgoing
{
    QByteArray bytes;
    QByteArray command; // the STOMP command, empty for raw bytes
    qint64 dueMs = 0; // Clock monotonic time before which it must not be written
    bool startsSession = false; // CONNECTED: heart-beats start once it is written
    bool close = false;
    QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
    QString closeReason;
};

struct DemoPushServer::Connection
{
    QByteArray sessionId;
    QPointer<QWebSocket> socket;
    StompFrameParser parser;
    bool finished = false; // the socket is gone; the object waits in m_finished to be released
    bool stompConnected = false; // CONNECT accepted, CONNECTED queued
    bool sessionStarted = false; // CONNECTED written
    bool closing = false; // input is ignored from now on
    bool closeQueued = false; // output is dropped from now on
    StompVersion version = StompVersion::V1_2;
    qint64 sendHeartbeatMs = 0;
    qint64 expectHeartbeatMs = 0;
    QByteArray login;
    QByteArray host;
    QList<Subscription> subscriptions;
    QHash<QByteArray, QList<StompFrame>> transactions;
    std::deque<Outgoing> output;
    QByteArray stalledInput;
    std::unique_ptr<ClockTimer> heartbeatTimer;
    std::unique_ptr<ClockTimer> watchdogTimer;
    std::unique_ptr<ClockTimer> outputTimer;

    void stopTimers()
    {
        heartbeatTimer->stop();
        watchdogTimer->stop();
        outputTimer->stop();
    }
};

DemoPushServer::DemoPushServer(QObject *parent)
    : QObject(parent)
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(
          new QWebSocketServer(QString::fromLatin1(serverHeader()), QWebSocketServer::NonSecureMode, this))
{
    setClock(nullptr);
    // Our own QTcpServer looks at the request line first (path, rejection, stall) and then hands the socket
    // to QWebSocketServer, which does the handshake; QWebSocketServer itself never listens.
    m_webSocketServer->setSupportedSubprotocols(
        {QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")});
    connect(m_tcpServer, &QTcpServer::newConnection, this, &DemoPushServer::onTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &DemoPushServer::onWebSocketConnection);
    connect(m_webSocketServer, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode code) {
        qCInfo(lcDemo).noquote() << "WebSocket handshake failed:" << m_webSocketServer->errorString() << "(close code"
                                 << int(code) << ")";
    });
}

DemoPushServer::~DemoPushServer()
{
    m_publishTimer.reset();
    const auto release = [this](std::vector<std::unique_ptr<Connection>> &connections) {
        for (const auto &connection : connections) {
            if (connection->socket) {
                connection->socket->disconnect(this);
                delete connection->socket.data();
            }
        }
        connections.clear();
    };
    release(m_connections);
    release(m_finished);
    for (QTcpSocket *socket : std::as_const(m_handshaking))
        socket->disconnect(this);
}

// ---- Configuration ------------------------------------------------------------------------------------

void DemoPushServer::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_generator.setClock(m_clock);
    m_publishTimer = m_clock->createTimer();
    connect(m_publishTimer.get(), &ClockTimer::timeout, this, &DemoPushServer::onPublishTimer);
    if (subscriptionCount() > 0 && m_publishIntervalMs > 0)
        schedulePublish(m_publishIntervalMs);
}

void DemoPushServer::setPath(const QString &path)
{
    m_path = path.startsWith(u'/') ? path : QStringLiteral("/") + path;
}

void DemoPushServer::setPublishInterval(qint64 ms)
{
    m_publishIntervalMs = qMax<qint64>(0, ms);
    m_publishTimer->stop();
    if (m_publishIntervalMs > 0 && subscriptionCount() > 0)
        schedulePublish(m_publishIntervalMs);
}

void DemoPushServer::setFirstPublishDelay(qint64 ms)
{
    m_firstPublishDelayMs = qMax<qint64>(0, ms);
}

void DemoPushServer::setHeartbeat(qint64 sendMs, qint64 receiveMs)
{
    m_heartbeatSendMs = qMax<qint64>(0, sendMs);
    m_heartbeatReceiveMs = qMax<qint64>(0, receiveMs);
}

void DemoPushServer::setSupportedVersions(const QList<StompVersion> &versions)
{
    m_supportedVersions = versions;
}

void DemoPushServer::setCredentials(const QString &login, const QString &passcode)
{
    m_login = login.toUtf8();
    m_passcode = passcode.toUtf8();
}

void DemoPushServer::setRequiredHost(const QString &host)
{
    m_requiredHost = host.toUtf8();
}

// ---- Lifecycle ----------------------------------------------------------------------------------------

bool DemoPushServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcDemo) << "Cannot listen on" << address << port << ":" << m_tcpServer->errorString();
        return false;
    }
    qCDebug(lcDemo).noquote() << "Demo push server listening on" << url().toString();
    return true;
}

void DemoPushServer::close()
{
    m_tcpServer->close();
    m_publishTimer->stop();
    const QList<QTcpSocket *> handshaking = std::exchange(m_handshaking, {});
    for (QTcpSocket *socket : handshaking) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections)
        closeConnection(connection, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Server closed"));
}

bool DemoPushServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 DemoPushServer::port() const
{
    return m_tcpServer->serverPort();
}

QUrl DemoPushServer::url() const
{
    if (!m_tcpServer->isListening())
        return {};
    QHostAddress address = m_tcpServer->serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(address.toString());
    url.setPort(m_tcpServer->serverPort());
    url.setPath(m_path);
    return url;
}

QString DemoPushServer::errorString() const
{
    return m_tcpServer->errorString();
}

// ---- Accepting connections ----------------------------------------------------------------------------

void DemoPushServer::onTcpConnection()
{
    while (m_tcpServer->hasPendingConnections()) {
        QTcpSocket *socket = m_tcpServer->nextPendingConnection();
        m_handshaking.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectHandshake(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_handshaking.removeOne(socket);
            socket->deleteLater();
        });
        inspectHandshake(socket);
    }
}

void DemoPushServer::inspectHandshake(QTcpSocket *socket)
{
    if (m_stalled || !m_handshaking.contains(socket))
        return;
    const QByteArray head = socket->peek(kMaxHandshakeBytes + 1);
    if (head.indexOf("\r\n\r\n") < 0) {
        if (head.size() > kMaxHandshakeBytes)
            refuseHandshake(socket, QByteArrayLiteral("431 Request Header Fields Too Large"));
        return;
    }
    // "GET /ws?x=y HTTP/1.1"
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    QByteArray target = requestLine.value(1);
    const qsizetype query = target.indexOf('?');
    if (query >= 0)
        target.truncate(query);
    const QString path = QUrl::fromPercentEncoding(target);

    if (m_rejectConnections) {
        qCInfo(lcDemo) << "Refusing a WebSocket handshake (rejecting connections)";
        refuseHandshake(socket, QByteArrayLiteral("503 Service Unavailable"));
        return;
    }
    if (path != m_path) {
        qCInfo(lcDemo).noquote() << "Refusing a WebSocket handshake for" << path << "(the endpoint is" << m_path << ")";
        refuseHandshake(socket, QByteArrayLiteral("404 Not Found"));
        return;
    }
    m_handshaking.removeOne(socket);
    socket->disconnect(this);
    m_webSocketServer->handleConnection(socket);
}

void DemoPushServer::refuseHandshake(QTcpSocket *socket, const QByteArray &status)
{
    m_handshaking.removeOne(socket);
    const QByteArray body = QByteArrayLiteral("Todo Notifier demo server (a test double, not a broker). "
                                              "The STOMP over WebSocket endpoint is ")
        + m_path.toUtf8() + QByteArrayLiteral(".\n");
    socket->write(QByteArrayLiteral("HTTP/1.1 ") + status
                  + QByteArrayLiteral("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ")
                  + QByteArray::number(body.size()) + QByteArrayLiteral("\r\nConnection: close\r\n\r\n") + body);
    socket->disconnectFromHost();
}

void DemoPushServer::onWebSocketConnection()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
        socket->setParent(this);
        auto owned = std::make_unique<Connection>();
        Connection *connection = owned.get();
        connection->sessionId = QByteArrayLiteral("session-") + QByteArray::number(++m_sessionCounter);
        connection->socket = socket;
        connection->heartbeatTimer = m_clock->createTimer();
        connection->watchdogTimer = m_clock->createTimer();
        connection->outputTimer = m_clock->createTimer();
        connect(connection->heartbeatTimer.get(), &ClockTimer::timeout, this,
                [this, connection] { onHeartbeatTimer(connection); });
        connect(connection->watchdogTimer.get(), &ClockTimer::timeout, this,
                [this, connection] { onWatchdogTimer(connection); });
        connect(connection->outputTimer.get(), &ClockTimer::timeout, this, [this, connection] { flush(connection); });
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, connection](const QString &message) { onBytes(connection, message.toUtf8()); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, connection](const QByteArray &message) { onBytes(connection, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, connection] { onSocketDisconnected(connection); });
        m_connections.push_back(std::move(owned));
        qCInfo(lcDemo).noquote() << "WebSocket connection" << connection->sessionId << "from"
                                 << socket->peerAddress().toString() << "subprotocol"
                                 << (socket->subprotocol().isEmpty() ? QStringLiteral("(none)")
                                                                     : socket->subprotocol());
        Q_EMIT clientConnected(connection->sessionId);
        if (socket->state() != QAbstractSocket::ConnectedState)
            onSocketDisconnected(connection);
    }
}

void DemoPushServer::onSocketDisconnected(Connection *connection)
{
    if (connection->finished)
        return;
    connection->finished = true;
    connection->closing = true;
    connection->stopTimers();
    connection->output.clear();
    connection->subscriptions.clear();
    connection->transactions.clear();
    qCInfo(lcDemo).noquote() << "Connection" << connection->sessionId << "closed";

    // Its unacked messages go back to their destinations.
    std::vector<Delivery> orphans;
    const auto orphaned = std::stable_partition(m_unacked.begin(), m_unacked.end(), [connection](const Delivery &d) {
        return d.sessionId != connection->sessionId;
    });
    std::move(orphaned, m_unacked.end(), std::back_inserter(orphans));
    m_unacked.erase(orphaned, m_unacked.end());

    // Keep the object alive until control is back in the event loop: this may run inside one of its
    // socket's or timers' signals.
    const auto it = std::find_if(m_connections.begin(), m_connections.end(),
                                 [connection](const auto &owned) { return owned.get() == connection; });
    if (it != m_connections.end()) {
        m_finished.push_back(std::move(*it));
        m_connections.erase(it);
    }
    if (connection->socket) {
        connection->socket->disconnect(this);
        connection->socket->deleteLater();
    }
    QMetaObject::invokeMethod(
        this, [this] { m_finished.clear(); }, Qt::QueuedConnection);

    requeue(std::move(orphans));
    if (subscriptionCount() == 0)
        m_publishTimer->stop();
    Q_EMIT clientDisconnected(connection->sessionId);
}

// ---- Reading ------------------------------------------------------------------------------------------

void DemoPushServer::onBytes(Connection *connection, const QByteArray &bytes)
{
    if (connection->finished || connection->closing)
        return;
    if (m_stalled) {
        connection->stalledInput += bytes;
        return;
    }
    restartWatchdog(connection);
    processInput(connection, bytes);
}

void DemoPushServer::processInput(Connection *connection, const QByteArray &bytes)
{
    const qint64 heartbeatsBefore = connection->parser.heartbeatCount();
    const bool ok = connection->parser.feed(bytes);
    m_heartbeatsReceived += int(connection->parser.heartbeatCount() - heartbeatsBefore);
    while (connection->parser.hasFrame()) {
        if (connection->finished || connection->closing)
            return;
        handleFrame(connection, connection->parser.takeFrame());
    }
    if (!ok && !connection->finished && !connection->closing) {
        const QString detail = connection->parser.error() ? connection->parser.error()->toString() : QString();
        qCInfo(lcDemo).noquote() << connection->sessionId << "sent a malformed frame:" << detail;
        protocolError(connection, QByteArrayLiteral("Malformed frame"), detail.toUtf8());
    }
}

void DemoPushServer::handleFrame(Connection *connection, const StompFrame &frame, bool inTransaction)
{
    if (!inTransaction) {
        qCDebug(lcDemo).noquote() << connection->sessionId << "<<" << frame.command
                                  << Logging::describeHeaders(frame.headers) << "body" << frame.body.size() << "bytes";
        m_receivedFrames.append({connection->sessionId, frame});
        Q_EMIT frameReceived(connection->sessionId, frame);
        if (connection->finished || connection->closing)
            return;
    }

    const QByteArray &command = frame.command;
    if (!connection->stompConnected) {
        if (command == "CONNECT" || command == "STOMP")
            handleConnect(connection, frame);
        else
            protocolError(connection, QByteArrayLiteral("Expected a CONNECT or STOMP frame"),
                          QByteArrayLiteral("The first frame must be CONNECT or STOMP, not ") + command + '.', &frame);
        return;
    }

    if (command == "SEND" || command == "ACK" || (command == "NACK" && connection->version != StompVersion::V1_0)) {
        const QByteArray transaction = frame.header("transaction");
        if (!inTransaction && !transaction.isEmpty()) {
            auto held = connection->transactions.find(transaction);
            if (held == connection->transactions.end()) {
                protocolError(connection, QByteArrayLiteral("Unknown transaction"),
                              QByteArrayLiteral("No transaction ") + transaction + QByteArrayLiteral(" was begun."),
                              &frame);
                return;
            }
            StompFrame copy = frame;
            copy.removeHeader("receipt"); // answered now, not again on COMMIT
            held->append(copy);
            sendReceipt(connection, frame);
            return;
        }
        if (command == "SEND")
            handleSend(connection, frame);
        else
            handleAck(connection, frame);
    } else if (command == "SUBSCRIBE") {
        handleSubscribe(connection, frame);
    } else if (command == "UNSUBSCRIBE") {
        handleUnsubscribe(connection, frame);
    } else if (command == "BEGIN" || command == "COMMIT" || command == "ABORT") {
        handleTransaction(connection, frame);
    } else if (command == "DISCONNECT") {
        connection->closing = true;
        sendReceipt(connection, frame);
        Outgoing close;
        close.close = true;
        enqueue(connection, std::move(close));
    } else if (command == "CONNECT" || command == "STOMP") {
        protocolError(connection, QByteArrayLiteral("Already connected"),
                      QByteArrayLiteral("This session is already connected."), &frame);
    } else {
        protocolError(connection, QByteArrayLiteral("Unknown command"),
                      QByteArrayLiteral("Unknown or unsupported command '") + command + QByteArrayLiteral("' in STOMP ")
                          + stompVersionName(connection->version) + '.',
                      &frame);
    }
}

void DemoPushServer::handleConnect(Connection *connection, const StompFrame &frame)
{
    QList<StompVersion> offered;
    if (!frame.hasHeader("accept-version")) {
        offered.append(StompVersion::V1_0);
    } else {
        const QList<QByteArray> names = frame.header("accept-version").split(',');
        for (const QByteArray &name : names) {
            StompVersion version = StompVersion::V1_2;
            if (parseStompVersion(name, &version))
                offered.append(version);
        }
    }
    bool found = false;
    for (StompVersion candidate : {StompVersion::V1_2, StompVersion::V1_1, StompVersion::V1_0}) {
        if (offered.contains(candidate) && m_supportedVersions.contains(candidate)) {
            connection->version = candidate;
            found = true;
            break;
        }
    }
    if (!found) {
        const QByteArray supported = versionList(m_supportedVersions);
        qCInfo(lcDemo).noquote() << connection->sessionId
                                 << "offered no supported STOMP version:" << frame.header("accept-version");
        protocolError(connection, QByteArrayLiteral("Supported protocol versions are ") + supported,
                      QByteArrayLiteral("Supported protocol versions are ") + supported + '\n', &frame,
                      {{QByteArrayLiteral("version"), supported}});
        return;
    }
    connection->parser.setVersion(connection->version);
    connection->login = frame.header("login");
    connection->host = frame.header("host");

    if (!m_requiredHost.isEmpty() && connection->host != m_requiredHost) {
        qCInfo(lcDemo).noquote() << connection->sessionId << "asked for virtual host" << connection->host;
        protocolError(connection, QByteArrayLiteral("Virtual host access denied"),
                      QByteArrayLiteral("Virtual host '") + connection->host
                          + QByteArrayLiteral("' is not served here (host header required: '") + m_requiredHost
                          + QByteArrayLiteral("')."),
                      &frame);
        return;
    }
    if (!m_login.isEmpty() && (connection->login != m_login || frame.header("passcode") != m_passcode)) {
        qCInfo(lcDemo).noquote() << connection->sessionId << "failed authentication as" << connection->login;
        protocolError(connection, QByteArrayLiteral("Authentication failed"),
                      QByteArrayLiteral("Access refused for user '") + connection->login
                          + QByteArrayLiteral("': wrong login or passcode."),
                      &frame);
        return;
    }

    StompFrame connected(QByteArrayLiteral("CONNECTED"));
    if (connection->version != StompVersion::V1_0) {
        qint64 cx = 0;
        qint64 cy = 0;
        if (!parseHeartbeat(frame.header("heart-beat", QByteArrayLiteral("0,0")), &cx, &cy)) {
            protocolError(connection, QByteArrayLiteral("Invalid heart-beat header"),
                          QByteArrayLiteral("heart-beat must be two non-negative integers, got '")
                              + frame.header("heart-beat") + QByteArrayLiteral("'."),
                          &frame);
            return;
        }
        connection->sendHeartbeatMs = (m_heartbeatSendMs == 0 || cy == 0) ? 0 : qMax(m_heartbeatSendMs, cy);
        connection->expectHeartbeatMs = (cx == 0 || m_heartbeatReceiveMs == 0) ? 0 : qMax(cx, m_heartbeatReceiveMs);
        connected.addHeader(QByteArrayLiteral("version"), stompVersionName(connection->version));
    }
    connected.addHeader(QByteArrayLiteral("session"), connection->sessionId);
    connected.addHeader(QByteArrayLiteral("server"), serverHeader());
    if (connection->version != StompVersion::V1_0) {
        connected.addHeader(QByteArrayLiteral("heart-beat"),
                            QByteArray::number(m_heartbeatSendMs) + ',' + QByteArray::number(m_heartbeatReceiveMs));
    }
    connection->stompConnected = true;
    qCInfo(lcDemo).noquote() << connection->sessionId << "STOMP" << stompVersionName(connection->version)
                             << "session for"
                             << (connection->login.isEmpty() ? QByteArray("(anonymous)") : connection->login)
                             << "heart-beats out" << connection->sendHeartbeatMs << "ms, in"
                             << connection->expectHeartbeatMs << "ms";

    Outgoing item;
    item.bytes = StompFrameWriter::serialize(connected, connection->version);
    if (m_extraNewline)
        item.bytes += '\n';
    item.command = connected.command;
    item.dueMs = m_responseDelayMs > 0 ? m_clock->monotonicMs() + m_responseDelayMs : 0;
    item.startsSession = true;
    enqueue(connection, std::move(item));
}

void DemoPushServer::handleSubscribe(Connection *connection, const StompFrame &frame)
{
    const QByteArray destination = frame.header("destination");
    if (destination.isEmpty()) {
        protocolError(connection, QByteArrayLiteral("Missing destination"),
                      QByteArrayLiteral("SUBSCRIBE needs a destination header."), &frame);
        return;
    }
    QByteArray id = frame.header("id");
    if (id.isEmpty()) {
        if (connection->version != StompVersion::V1_0) {
            protocolError(connection, QByteArrayLiteral("Missing id"),
                          QByteArrayLiteral("SUBSCRIBE needs an id header in STOMP 1.1 and 1.2."), &frame);
            return;
        }
        id = destination;
    }
    const bool duplicate = std::any_of(connection->subscriptions.cbegin(), connection->subscriptions.cend(),
                                       [&id](const Subscription &s) { return s.id == id; });
    if (duplicate) {
        protocolError(connection, QByteArrayLiteral("Duplicate subscription id"),
                      QByteArrayLiteral("Subscription ") + id + QByteArrayLiteral(" already exists."), &frame);
        return;
    }
    Subscription subscription;
    subscription.id = id;
    subscription.destination = destination;
    const QByteArray ack = frame.header("ack", QByteArrayLiteral("auto"));
    if (ack == "auto") {
        subscription.ack = AckMode::Auto;
    } else if (ack == "client") {
        subscription.ack = AckMode::Client;
    } else if (ack == "client-individual" && connection->version != StompVersion::V1_0) {
        subscription.ack = AckMode::ClientIndividual;
    } else {
        protocolError(connection, QByteArrayLiteral("Invalid ack mode"),
                      QByteArrayLiteral("Unsupported ack mode '") + ack + QByteArrayLiteral("'."), &frame);
        return;
    }
    connection->subscriptions.append(subscription);
    qCInfo(lcDemo).noquote() << connection->sessionId << "subscribed" << id << "to" << destination << "ack" << ack;
    sendReceipt(connection, frame);
    offerRequeued(destination);
    if (m_publishIntervalMs > 0)
        schedulePublish(m_firstPublishDelayMs);
}

void DemoPushServer::handleUnsubscribe(Connection *connection, const StompFrame &frame)
{
    QByteArray id = frame.header("id");
    if (id.isEmpty() && connection->version == StompVersion::V1_0)
        id = frame.header("destination");
    const auto it = std::find_if(connection->subscriptions.begin(), connection->subscriptions.end(),
                                 [&id](const Subscription &s) { return s.id == id; });
    if (id.isEmpty() || it == connection->subscriptions.end()) {
        protocolError(connection, QByteArrayLiteral("Unknown subscription"),
                      QByteArrayLiteral("No subscription '") + id + QByteArrayLiteral("' to cancel."), &frame);
        return;
    }
    connection->subscriptions.erase(it);
    qCInfo(lcDemo).noquote() << connection->sessionId << "unsubscribed" << id;
    sendReceipt(connection, frame);

    std::vector<Delivery> orphans;
    const auto orphaned = std::stable_partition(m_unacked.begin(), m_unacked.end(), [&](const Delivery &d) {
        return d.sessionId != connection->sessionId || d.subscriptionId != id;
    });
    std::move(orphaned, m_unacked.end(), std::back_inserter(orphans));
    m_unacked.erase(orphaned, m_unacked.end());
    requeue(std::move(orphans));
    if (subscriptionCount() == 0)
        m_publishTimer->stop();
}

void DemoPushServer::handleSend(Connection *connection, const StompFrame &frame)
{
    const QByteArray destination = frame.header("destination");
    if (destination.isEmpty()) {
        protocolError(connection, QByteArrayLiteral("Missing destination"),
                      QByteArrayLiteral("SEND needs a destination header."), &frame);
        return;
    }
    QList<StompFrame::Header> headers;
    for (const StompFrame::Header &header : frame.headers) {
        if (!isReservedMessageHeader(header.first))
            headers.append(header);
    }
    deliverToDestination(destination, nextMessageId(), frame.body, headers);
    sendReceipt(connection, frame);
}

void DemoPushServer::handleAck(Connection *connection, const StompFrame &frame)
{
    const bool nack = frame.command == "NACK";
    std::function<bool(const Delivery &)> matches;
    QByteArray wanted;
    if (connection->version == StompVersion::V1_2) {
        wanted = frame.header("id");
        matches = [&](const Delivery &d) {
            return d.sessionId == connection->sessionId && d.ackId == wanted;
        };
    } else {
        wanted = frame.header("message-id");
        const QByteArray subscription = frame.header("subscription");
        matches = [&, subscription](const Delivery &d) {
            return d.sessionId == connection->sessionId && d.messageId == wanted
                && (subscription.isEmpty() || d.subscriptionId == subscription);
        };
    }
    if (wanted.isEmpty()) {
        protocolError(connection, QByteArrayLiteral("Missing ack id"),
                      frame.command
                          + (connection->version == StompVersion::V1_2
                                 ? QByteArrayLiteral(" needs the id header (the MESSAGE's ack header) in STOMP 1.2.")
                                 : QByteArrayLiteral(" needs the message-id header before STOMP 1.2.")),
                      &frame);
        return;
    }
    const auto found = std::find_if(m_unacked.begin(), m_unacked.end(), matches);
    if (found == m_unacked.end()) {
        protocolError(connection, QByteArrayLiteral("Unknown ack id"),
                      frame.command + QByteArrayLiteral(" for '") + wanted
                          + QByteArrayLiteral("', which is not an unacknowledged message of this session."),
                      &frame);
        return;
    }

    // client: cumulative, this message and every earlier one on the same subscription; client-individual:
    // this one only.
    const Delivery target = *found;
    const qsizetype targetIndex = found - m_unacked.begin();
    std::vector<Delivery> settled;
    std::vector<Delivery> kept;
    for (qsizetype i = 0; i < qsizetype(m_unacked.size()); ++i) {
        Delivery &d = m_unacked[size_t(i)];
        const bool settles = i == targetIndex
            || (target.ack == AckMode::Client && i < targetIndex && d.sessionId == target.sessionId
                && d.subscriptionId == target.subscriptionId);
        (settles ? settled : kept).push_back(std::move(d));
    }
    m_unacked = std::move(kept);
    qCDebug(lcDemo).noquote() << connection->sessionId << (nack ? "NACKed" : "ACKed") << settled.size() << "message(s)";
    sendReceipt(connection, frame);
    if (nack)
        requeue(std::move(settled));
}

void DemoPushServer::handleTransaction(Connection *connection, const StompFrame &frame)
{
    const QByteArray transaction = frame.header("transaction");
    if (transaction.isEmpty()) {
        protocolError(connection, QByteArrayLiteral("Missing transaction"),
                      frame.command + QByteArrayLiteral(" needs a transaction header."), &frame);
        return;
    }
    const bool known = connection->transactions.contains(transaction);
    if (frame.command == "BEGIN") {
        if (known) {
            protocolError(connection, QByteArrayLiteral("Transaction already begun"),
                          QByteArrayLiteral("Transaction ") + transaction + QByteArrayLiteral(" is already open."),
                          &frame);
            return;
        }
        connection->transactions.insert(transaction, {});
        sendReceipt(connection, frame);
        return;
    }
    if (!known) {
        protocolError(connection, QByteArrayLiteral("Unknown transaction"),
                      QByteArrayLiteral("No transaction ") + transaction + QByteArrayLiteral(" was begun."), &frame);
        return;
    }
    const QList<StompFrame> held = connection->transactions.take(transaction);
    if (frame.command == "COMMIT") {
        for (const StompFrame &heldFrame : held) {
            handleFrame(connection, heldFrame, true);
            if (connection->finished || connection->closing)
                return;
        }
    }
    qCDebug(lcDemo).noquote() << connection->sessionId << frame.command << transaction << "with" << held.size()
                              << "frame(s)";
    sendReceipt(connection, frame);
}

void DemoPushServer::sendReceipt(Connection *connection, const StompFrame &frame)
{
    if (!frame.hasHeader("receipt"))
        return;
    if (!m_receiptsEnabled) {
        qCDebug(lcDemo).noquote() << connection->sessionId << "swallowing RECEIPT" << frame.header("receipt");
        return;
    }
    sendFrame(connection,
              StompFrame(QByteArrayLiteral("RECEIPT"), {{QByteArrayLiteral("receipt-id"), frame.header("receipt")}}),
              m_responseDelayMs);
}

void DemoPushServer::protocolError(Connection *connection, const QByteArray &message, const QByteArray &body,
                                   const StompFrame *offending, const QList<StompFrame::Header> &extra)
{
    StompFrame error(QByteArrayLiteral("ERROR"));
    error.addHeader(QByteArrayLiteral("message"), message);
    for (const StompFrame::Header &header : extra)
        error.addHeader(header.first, header.second);
    if (offending && offending->hasHeader("receipt"))
        error.addHeader(QByteArrayLiteral("receipt-id"), offending->header("receipt"));
    error.addHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("text/plain"));
    error.body = body;
    qCInfo(lcDemo).noquote() << connection->sessionId << "ERROR" << message;
    connection->closing = true;
    sendFrame(connection, error);
    Outgoing close;
    close.close = true;
    enqueue(connection, std::move(close));
}

// ---- Delivery -----------------------------------------------------------------------------------------

QByteArray DemoPushServer::publish(const QByteArray &destination, const QByteArray &body,
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

QByteArray DemoPushServer::publishTodo()
{
    if (subscriptionCount() == 0)
        return {};
    return publish({}, m_generator.nextBody());
}

void DemoPushServer::deliverToDestination(const QByteArray &destination, const QByteArray &messageId,
                                          const QByteArray &body, const QList<StompFrame::Header> &headers)
{
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        if (!connection->stompConnected || connection->closing)
            continue;
        const QList<Subscription> subscriptions = connection->subscriptions;
        for (const Subscription &subscription : subscriptions) {
            if (destination.isEmpty() || subscription.destination == destination)
                deliver(connection, subscription, messageId, body, headers, false);
        }
    }
}

void DemoPushServer::deliver(Connection *connection, const Subscription &subscription, const QByteArray &messageId,
                             const QByteArray &body, const QList<StompFrame::Header> &headers, bool redelivered)
{
    StompFrame message(QByteArrayLiteral("MESSAGE"));
    message.addHeader(QByteArrayLiteral("destination"), subscription.destination);
    message.addHeader(QByteArrayLiteral("subscription"), subscription.id);
    message.addHeader(QByteArrayLiteral("message-id"), messageId);
    if (subscription.ack != AckMode::Auto) {
        Delivery delivery;
        delivery.sessionId = connection->sessionId;
        delivery.subscriptionId = subscription.id;
        delivery.destination = subscription.destination;
        delivery.messageId = messageId;
        delivery.ackId = QByteArrayLiteral("ack-") + QByteArray::number(++m_ackCounter);
        delivery.body = body;
        delivery.headers = headers;
        delivery.ack = subscription.ack;
        if (connection->version == StompVersion::V1_2)
            message.addHeader(QByteArrayLiteral("ack"), delivery.ackId);
        m_unacked.push_back(std::move(delivery));
    }
    if (redelivered)
        message.addHeader(QByteArrayLiteral("redelivered"), QByteArrayLiteral("true"));
    for (const StompFrame::Header &header : headers)
        message.addHeader(header.first, header.second);
    message.body = body;
    sendFrame(connection, message);
}

void DemoPushServer::requeue(std::vector<Delivery> deliveries)
{
    QList<QByteArray> destinations;
    for (Delivery &delivery : deliveries) {
        if (!destinations.contains(delivery.destination))
            destinations.append(delivery.destination);
        m_requeued.push_back(std::move(delivery));
    }
    for (const QByteArray &destination : std::as_const(destinations))
        offerRequeued(destination);
}

void DemoPushServer::offerRequeued(const QByteArray &destination)
{
    // Re-scans on every round: a delivery can, in principle, close a connection and requeue more.
    for (;;) {
        const auto waiting = std::find_if(m_requeued.begin(), m_requeued.end(),
                                          [&destination](const Delivery &d) { return d.destination == destination; });
        if (waiting == m_requeued.end())
            return;
        // ONE subscriber: another subscription of the destination if there is one, else the original one.
        Connection *target = nullptr;
        Subscription targetSubscription;
        bool targetIsOrigin = true;
        const QList<Connection *> connections = liveConnections();
        for (Connection *connection : connections) {
            if (!connection->stompConnected || connection->closing)
                continue;
            for (const Subscription &subscription : std::as_const(connection->subscriptions)) {
                if (subscription.destination != destination)
                    continue;
                const bool isOrigin =
                    connection->sessionId == waiting->sessionId && subscription.id == waiting->subscriptionId;
                if (!target || (targetIsOrigin && !isOrigin)) {
                    target = connection;
                    targetSubscription = subscription;
                    targetIsOrigin = isOrigin;
                }
            }
        }
        if (!target)
            return;
        const Delivery delivery = std::move(*waiting);
        m_requeued.erase(waiting);
        qCDebug(lcDemo).noquote() << "Redelivering" << delivery.messageId << "to" << target->sessionId
                                  << targetSubscription.id;
        deliver(target, targetSubscription, delivery.messageId, delivery.body, delivery.headers, true);
    }
}

void DemoPushServer::schedulePublish(qint64 delayMs)
{
    const qint64 due = m_clock->monotonicMs() + delayMs;
    if (m_publishTimer->isActive() && m_nextPublishAt <= due)
        return;
    m_nextPublishAt = due;
    m_publishTimer->start(delayMs);
}

void DemoPushServer::onPublishTimer()
{
    if (subscriptionCount() == 0)
        return;
    const QByteArray messageId = publishTodo();
    qCDebug(lcDemo).noquote() << "Pushed todo" << messageId << "to" << subscriptionCount() << "subscription(s)";
    if (m_publishIntervalMs > 0)
        schedulePublish(m_publishIntervalMs);
}

QByteArray DemoPushServer::nextMessageId()
{
    return QByteArrayLiteral("demo-msg-") + QByteArray::number(++m_messageCounter);
}

// ---- Writing ------------------------------------------------------------------------------------------

void DemoPushServer::sendFrame(Connection *connection, const StompFrame &frame, qint64 delayMs)
{
    Outgoing item;
    item.bytes = StompFrameWriter::serialize(frame, connection->version,
                                             frame.command == "MESSAGE" ? StompFrameWriter::ContentLength::Always
                                                                        : StompFrameWriter::ContentLength::AsNeeded);
    if (m_extraNewline)
        item.bytes += '\n';
    item.command = frame.command;
    item.dueMs = delayMs > 0 ? m_clock->monotonicMs() + delayMs : 0;
    enqueue(connection, std::move(item));
}

void DemoPushServer::enqueue(Connection *connection, Outgoing item)
{
    if (connection->finished || connection->closeQueued)
        return;
    connection->closeQueued = item.close;
    connection->output.push_back(std::move(item));
    flush(connection);
}

void DemoPushServer::flush(Connection *connection)
{
    if (connection->finished || m_stalled)
        return;
    const qint64 now = m_clock->monotonicMs();
    while (!connection->output.empty()) {
        if (connection->output.front().dueMs > now) {
            connection->outputTimer->start(connection->output.front().dueMs - now);
            return;
        }
        Outgoing item = std::move(connection->output.front());
        connection->output.pop_front();
        if (item.close) {
            connection->output.clear();
            closeConnection(connection, item.closeCode, item.closeReason);
            return;
        }
        qCDebug(lcDemo).noquote() << connection->sessionId << ">>"
                                  << (item.command.isEmpty() ? QByteArrayLiteral("(raw bytes)") : item.command);
        writeMessage(connection, item.bytes);
        if (!item.command.isEmpty()) {
            ++m_sentFrameCount;
            if (item.command == "MESSAGE")
                ++m_sentMessageCount;
        }
        if (item.startsSession)
            startSession(connection);
        if (connection->finished)
            return;
    }
    connection->outputTimer->stop();
}

void DemoPushServer::writeMessage(Connection *connection, const QByteArray &bytes)
{
    if (!connection->socket)
        return;
    if (isValidUtf8(bytes))
        connection->socket->sendTextMessage(QString::fromUtf8(bytes));
    else
        connection->socket->sendBinaryMessage(bytes);
    // Heart-beats are only needed when nothing else was sent.
    if (connection->sessionStarted && connection->sendHeartbeatMs > 0)
        connection->heartbeatTimer->start(connection->sendHeartbeatMs);
}

void DemoPushServer::startSession(Connection *connection)
{
    connection->sessionStarted = true;
    if (connection->sendHeartbeatMs > 0)
        connection->heartbeatTimer->start(connection->sendHeartbeatMs);
    restartWatchdog(connection);
    Q_EMIT sessionStarted(connection->sessionId);
}

void DemoPushServer::onHeartbeatTimer(Connection *connection)
{
    if (connection->finished || !connection->sessionStarted || connection->sendHeartbeatMs <= 0)
        return;
    if (m_heartbeatsEnabled && !m_stalled && connection->socket) {
        connection->socket->sendTextMessage(QString::fromLatin1(StompFrameWriter::heartbeat()));
        ++m_heartbeatsSent;
    }
    connection->heartbeatTimer->start(connection->sendHeartbeatMs);
}

void DemoPushServer::restartWatchdog(Connection *connection)
{
    if (connection->sessionStarted && connection->expectHeartbeatMs > 0 && !connection->closing)
        connection->watchdogTimer->start(2 * connection->expectHeartbeatMs);
}

void DemoPushServer::onWatchdogTimer(Connection *connection)
{
    if (connection->finished || m_stalled)
        return;
    qCInfo(lcDemo).noquote() << connection->sessionId << "sent nothing for" << 2 * connection->expectHeartbeatMs
                             << "ms (2 x the agreed heart-beat); closing";
    closeConnection(connection, QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Heart-beat timeout"));
}

void DemoPushServer::closeConnection(Connection *connection, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (connection->finished)
        return;
    connection->closing = true;
    connection->closeQueued = true;
    connection->stopTimers();
    if (connection->socket)
        connection->socket->close(code, reason);
}

// ---- Fault injection ----------------------------------------------------------------------------------

void DemoPushServer::dropConnections()
{
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        if (connection->finished || !connection->socket)
            continue;
        qCInfo(lcDemo).noquote() << "Dropping" << connection->sessionId;
        connection->closing = true;
        connection->socket->abort();
    }
}

void DemoPushServer::closeConnections(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        Outgoing close;
        close.close = true;
        close.closeCode = code;
        close.closeReason = reason;
        connection->closing = true;
        enqueue(connection, std::move(close));
    }
}

void DemoPushServer::setHeartbeatsEnabled(bool enabled)
{
    m_heartbeatsEnabled = enabled;
}

void DemoPushServer::setStalled(bool stalled)
{
    if (m_stalled == stalled)
        return;
    m_stalled = stalled;
    qCInfo(lcDemo) << (stalled ? "Stalled: reading and sending nothing" : "Resuming after a stall");
    if (stalled)
        return;
    const QList<QTcpSocket *> handshaking = m_handshaking;
    for (QTcpSocket *socket : handshaking)
        inspectHandshake(socket);
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        flush(connection);
        restartWatchdog(connection);
        const QByteArray input = std::exchange(connection->stalledInput, {});
        if (!input.isEmpty() && !connection->finished && !connection->closing)
            processInput(connection, input);
    }
}

void DemoPushServer::sendError(const QByteArray &message, const QByteArray &body)
{
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        if (!connection->closeQueued)
            protocolError(connection, message, body);
    }
}

QByteArray DemoPushServer::malformedFrameBytes()
{
    return QByteArrayLiteral("\x01\x02garbage\n\n\0");
}

void DemoPushServer::sendMalformedFrame()
{
    sendRaw(malformedFrameBytes());
}

void DemoPushServer::sendRaw(const QByteArray &bytes)
{
    const QList<Connection *> connections = liveConnections();
    for (Connection *connection : connections) {
        Outgoing item;
        item.bytes = bytes;
        enqueue(connection, std::move(item));
    }
}

void DemoPushServer::setResponseDelay(qint64 ms)
{
    m_responseDelayMs = qMax<qint64>(0, ms);
}

void DemoPushServer::setReceiptsEnabled(bool enabled)
{
    m_receiptsEnabled = enabled;
}

void DemoPushServer::setRejectConnections(bool reject)
{
    m_rejectConnections = reject;
}

void DemoPushServer::setSendExtraNewlineAfterFrames(bool enabled)
{
    m_extraNewline = enabled;
}

// ---- Observation --------------------------------------------------------------------------------------

int DemoPushServer::connectionCount() const
{
    return int(m_connections.size());
}

QList<QByteArray> DemoPushServer::sessionIds() const
{
    QList<QByteArray> ids;
    for (const auto &connection : m_connections)
        ids.append(connection->sessionId);
    return ids;
}

QList<DemoPushServer::SessionInfo> DemoPushServer::sessions() const
{
    QList<SessionInfo> infos;
    for (const auto &connection : m_connections) {
        SessionInfo info;
        info.sessionId = connection->sessionId;
        info.stompConnected = connection->sessionStarted;
        info.version = connection->version;
        info.sendHeartbeatMs = connection->sendHeartbeatMs;
        info.expectHeartbeatMs = connection->expectHeartbeatMs;
        info.login = connection->login;
        info.host = connection->host;
        if (connection->socket) {
            info.subprotocol = connection->socket->subprotocol();
            info.requestUrl = connection->socket->requestUrl();
        }
        info.subscriptionCount = int(connection->subscriptions.size());
        infos.append(info);
    }
    return infos;
}

QList<StompFrame> DemoPushServer::receivedFrames(const QByteArray &command) const
{
    QList<StompFrame> frames;
    for (const ReceivedFrame &received : m_receivedFrames) {
        if (received.frame.command == command)
            frames.append(received.frame);
    }
    return frames;
}

int DemoPushServer::subscriptionCount() const
{
    int count = 0;
    for (const auto &connection : m_connections)
        count += int(connection->subscriptions.size());
    return count;
}

int DemoPushServer::unackedCount() const
{
    return int(m_unacked.size());
}

int DemoPushServer::requeuedCount() const
{
    return int(m_requeued.size());
}

int DemoPushServer::queuedOutputCount() const
{
    int count = 0;
    for (const auto &connection : m_connections) {
        count += int(std::count_if(connection->output.cbegin(), connection->output.cend(),
                                   [](const Outgoing &item) { return !item.close; }));
    }
    return count;
}

qint64 DemoPushServer::bufferedInputBytes() const
{
    qint64 bytes = 0;
    for (const auto &connection : m_connections)
        bytes += connection->stalledInput.size();
    return bytes;
}

QList<DemoPushServer::Connection *> DemoPushServer::liveConnections() const
{
    QList<Connection *> connections;
    for (const auto &connection : m_connections) {
        if (!connection->finished)
            connections.append(connection.get());
    }
    return connections;
}
