#include "DemoPushServer.h"

#include "DemoConnection.h"
#include "DemoDelivery.h"
#include "DemoEventStreamEndpoint.h"
#include "DemoFrameHandler.h"
#include "DemoHandshakeGate.h"
#include "DemoJsonWebSocketEndpoint.h"
#include "DemoLogging.h"
#include "DemoSocketIoEndpoint.h"
#include "DemoTodoPublisher.h"
#include "base/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QWebSocket>

#include <algorithm>

DemoPushServer::DemoPushServer(QObject *parent)
    : QObject(parent)
    , m_gate(std::make_unique<DemoHandshakeGate>(QString::fromLatin1(DemoFrameHandler::serverHeader()), hooks()))
    , m_delivery(std::make_unique<DemoDelivery>([this] { return openConnections(); }))
    , m_publisher(std::make_unique<DemoTodoPublisher>(*m_delivery))
    , m_frames(std::make_unique<DemoFrameHandler>(*m_delivery, *m_publisher))
    , m_jsonWebSocket(std::make_unique<DemoJsonWebSocketEndpoint>(*m_publisher))
    , m_eventStream(std::make_unique<DemoEventStreamEndpoint>(*m_publisher))
    , m_socketIo(std::make_unique<DemoSocketIoEndpoint>(*m_publisher))
{
    setClock(nullptr);
    m_publisher->addSink(m_jsonWebSocket.get());
    m_publisher->addSink(m_eventStream.get());
    m_publisher->addSink(m_socketIo.get());
    m_gate->setRouter([this](const QString &path, const QByteArray &head) { return route(path, head); });
    connect(m_gate.get(), &DemoHandshakeGate::accepted, this, &DemoPushServer::onWebSocketConnection);
    connect(m_gate.get(), &DemoHandshakeGate::httpRequested, this, &DemoPushServer::onHttpRequest);
    connect(m_frames.get(), &DemoFrameHandler::frameReceived, this,
            [this](DemoConnection *connection, const StompFrame &frame) {
                m_receivedFrames.append({connection->sessionId(), frame});
                Q_EMIT frameReceived(connection->sessionId(), frame);
            });
}

DemoPushServer::~DemoPushServer()
{
    m_publisher->stop();
    // The endpoints go first: they must not report to the publisher while it is being destroyed.
    m_jsonWebSocket.reset();
    m_eventStream.reset();
    m_socketIo.reset();
    const auto release = [](std::vector<std::unique_ptr<DemoConnection>> &connections) {
        for (const auto &connection : connections) {
            if (QWebSocket *socket = connection->socket()) {
                socket->disconnect(connection.get());
                delete socket;
            }
        }
        connections.clear();
    };
    release(m_connections);
    release(m_finished);
}

// ---- Configuration ------------------------------------------------------------------------------------

void DemoPushServer::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_publisher->setClock(m_clock);
    m_eventStream->setClock(m_clock);
    m_socketIo->setClock(m_clock);
}

void DemoPushServer::setPath(const QString &path)
{
    m_gate->setPath(path.startsWith(u'/') ? path : QStringLiteral("/") + path);
}

QString DemoPushServer::path() const
{
    return m_gate->path();
}

void DemoPushServer::setPublishInterval(qint64 ms)
{
    m_publisher->setInterval(ms);
}

qint64 DemoPushServer::publishInterval() const
{
    return m_publisher->interval();
}

void DemoPushServer::setFirstPublishDelay(qint64 ms)
{
    m_publisher->setFirstDelay(ms);
}

qint64 DemoPushServer::firstPublishDelay() const
{
    return m_publisher->firstDelay();
}

void DemoPushServer::setHeartbeat(qint64 sendMs, qint64 receiveMs)
{
    m_frames->setHeartbeat(sendMs, receiveMs);
}

qint64 DemoPushServer::heartbeatSendMs() const
{
    return m_frames->heartbeatSendMs();
}

qint64 DemoPushServer::heartbeatReceiveMs() const
{
    return m_frames->heartbeatReceiveMs();
}

void DemoPushServer::setSupportedVersions(const QList<StompVersion> &versions)
{
    m_frames->setSupportedVersions(versions);
}

QList<StompVersion> DemoPushServer::supportedVersions() const
{
    return m_frames->supportedVersions();
}

void DemoPushServer::setCredentials(const QString &login, const QString &passcode)
{
    m_frames->setCredentials(login.toUtf8(), passcode.toUtf8());
}

void DemoPushServer::setRequiredHost(const QString &host)
{
    m_frames->setRequiredHost(host.toUtf8());
}

TodoGenerator &DemoPushServer::generator()
{
    return m_publisher->generator();
}

// ---- Lifecycle ----------------------------------------------------------------------------------------

bool DemoPushServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_gate->listen(address, port)) {
        qCWarning(lcDemo) << "Cannot listen on" << address << port << ":" << m_gate->errorString();
        return false;
    }
    qCDebug(lcDemo).noquote() << "Demo push server listening on" << url().toString();
    return true;
}

void DemoPushServer::close()
{
    m_gate->close();
    m_publisher->stop();
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections)
        connection->closeNow(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Server closed"));
    m_jsonWebSocket->closeAll();
    m_eventStream->closeAll();
    m_socketIo->closeAll();
}

bool DemoPushServer::isListening() const
{
    return m_gate->isListening();
}

quint16 DemoPushServer::port() const
{
    return m_gate->serverPort();
}

QUrl DemoPushServer::url() const
{
    if (!m_gate->isListening())
        return {};
    QHostAddress address = m_gate->serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(address.toString());
    url.setPort(m_gate->serverPort());
    url.setPath(m_gate->path());
    return url;
}

QUrl DemoPushServer::url(DemoProtocol::Kind kind) const
{
    QUrl address = url();
    if (address.isEmpty())
        return {};
    switch (kind) {
    case DemoProtocol::Kind::Stomp:
        break;
    case DemoProtocol::Kind::SockJs:
        address.setScheme(QStringLiteral("http"));
        break;
    case DemoProtocol::Kind::JsonWebSocket:
        address.setPath(DemoJsonWebSocketEndpoint::path());
        break;
    case DemoProtocol::Kind::EventStream:
        address.setScheme(QStringLiteral("http"));
        address.setPath(DemoEventStreamEndpoint::path());
        break;
    case DemoProtocol::Kind::SocketIo:
        // Socket.IO's URL names the server and the namespace, not the Engine.IO path.
        address.setScheme(QStringLiteral("http"));
        address.setPath(QString());
        break;
    }
    return address;
}

QString DemoPushServer::errorString() const
{
    return m_gate->errorString();
}

// ---- Connections --------------------------------------------------------------------------------------

namespace {

bool isSocketIoPath(const QString &path)
{
    return path == DemoSocketIoEndpoint::path() || path + QLatin1Char('/') == DemoSocketIoEndpoint::path();
}

} // namespace

// The paths besides path(), STOMP's WebSocket, which the gate itself lets through.
DemoHandshakeGate::Route DemoPushServer::route(const QString &path, const QByteArray &head) const
{
    using Route = DemoHandshakeGate::Route;
    if (path == DemoJsonWebSocketEndpoint::path())
        return Route::WebSocket;
    if (path == DemoEventStreamEndpoint::path())
        return Route::Http;
    if (isSocketIoPath(path)) {
        const bool upgrade =
            DemoHandshakeGate::headerValue(head, QByteArrayLiteral("Upgrade")).compare("websocket", Qt::CaseInsensitive)
            == 0;
        return upgrade ? Route::WebSocket : Route::Http;
    }
    // SockJS under path(): GET /info, then the session's WebSocket.
    const QString base = m_gate->path();
    if (path == base + QStringLiteral("/info"))
        return Route::Http;
    static const QRegularExpression session(QStringLiteral("^/[^/.]+/[^/.]+/websocket$"));
    if (path.startsWith(base + QLatin1Char('/')) && session.match(path.mid(base.size())).hasMatch())
        return Route::WebSocket;
    return Route::NotFound;
}

void DemoPushServer::onHttpRequest(QTcpSocket *socket, const QByteArray &head)
{
    const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
    const QString path =
        QUrl::fromPercentEncoding(target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')));
    if (path == DemoEventStreamEndpoint::path())
        return m_eventStream->accept(socket, head);
    if (isSocketIoPath(path))
        return m_socketIo->answerHttp(socket, head);
    // SockJS's /info: WebSocket only (this server has no SockJS HTTP transports), no cookie needed.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const QJsonObject info {{QStringLiteral("websocket"), true},
                            {QStringLiteral("origins"), QJsonArray {QStringLiteral("*:*")}},
                            {QStringLiteral("cookie_needed"), false},
                            {QStringLiteral("entropy"), qint64(QRandomGenerator::global()->bounded(1u << 31))}};
    DemoHandshakeGate::respond(socket, "200 OK", "application/json;charset=UTF-8",
                               QJsonDocument(info).toJson(QJsonDocument::Compact),
                               "Cache-Control: no-store, no-cache, must-revalidate, max-age=0\r\n");
}

void DemoPushServer::onWebSocketConnection(QWebSocket *socket)
{
    const QString path = socket->requestUrl().path();
    if (path == DemoJsonWebSocketEndpoint::path())
        return m_jsonWebSocket->accept(socket);
    if (isSocketIoPath(path))
        return m_socketIo->accept(socket);
    const bool sockJs = path != m_gate->path();
    socket->setParent(this);
    const QByteArray sessionId = QByteArrayLiteral("session-") + QByteArray::number(++m_sessionCounter);
    m_connections.push_back(std::make_unique<DemoConnection>(sessionId, socket, m_clock, hooks(), m_counters));
    DemoConnection *connection = m_connections.back().get();
    if (sockJs)
        connection->useSockJsFraming();
    connect(connection, &DemoConnection::messageReceived, this,
            [this, connection](const QByteArray &bytes) { m_frames->processInput(connection, bytes); });
    connect(connection, &DemoConnection::sessionStarted, this,
            [this, connection] { Q_EMIT sessionStarted(connection->sessionId()); });
    connect(connection, &DemoConnection::socketDisconnected, this,
            [this, connection] { onConnectionEnded(connection); });
    qCInfo(lcDemo).noquote() << "WebSocket connection" << sessionId << "from" << socket->peerAddress().toString()
                             << "subprotocol"
                             << (socket->subprotocol().isEmpty() ? QStringLiteral("(none)") : socket->subprotocol());
    Q_EMIT clientConnected(sessionId);
    if (socket->state() != QAbstractSocket::ConnectedState)
        onConnectionEnded(connection);
}

void DemoPushServer::onConnectionEnded(DemoConnection *connection)
{
    if (!connection->finish())
        return;

    // Keep the object alive until control is back in the event loop: this may run inside one of its
    // socket's or timers' signals.
    const auto it = std::find_if(m_connections.begin(), m_connections.end(),
                                 [connection](const auto &owned) { return owned.get() == connection; });
    if (it != m_connections.end()) {
        m_finished.push_back(std::move(*it));
        m_connections.erase(it);
    }
    connection->releaseSocket();
    QMetaObject::invokeMethod(
        this, [this] { m_finished.clear(); }, Qt::QueuedConnection);

    // Its unacked messages go back to their destinations.
    m_delivery->connectionEnded(connection->sessionId());
    m_publisher->unsubscribed();
    Q_EMIT clientDisconnected(connection->sessionId());
}

QList<DemoConnection *> DemoPushServer::openConnections() const
{
    QList<DemoConnection *> connections;
    for (const auto &connection : m_connections) {
        if (!connection->isFinished())
            connections.append(connection.get());
    }
    return connections;
}

void DemoPushServer::resumeTraffic()
{
    m_gate->inspectPending();
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections) {
        // What was queued goes first, then the replies to what came in meanwhile.
        connection->flush();
        connection->restartWatchdog();
        const QByteArray input = connection->takeHeldInput();
        if (!input.isEmpty() && !connection->isFinished() && !connection->isClosing())
            m_frames->processInput(connection, input);
    }
}

// ---- Publishing ---------------------------------------------------------------------------------------

QByteArray DemoPushServer::publish(const QByteArray &destination, const QByteArray &body,
                                   const QList<StompFrame::Header> &headers)
{
    return m_delivery->publish(destination, body, headers);
}

QByteArray DemoPushServer::publishTodo()
{
    return m_publisher->publishTodo();
}

// ---- Observation --------------------------------------------------------------------------------------

int DemoPushServer::connectionCount() const
{
    return int(m_connections.size());
}

int DemoPushServer::listenerCount() const
{
    return m_publisher->listenerCount();
}

int DemoPushServer::pendingHandshakeCount() const
{
    return m_gate->pendingCount();
}

QList<QByteArray> DemoPushServer::sessionIds() const
{
    QList<QByteArray> ids;
    for (const auto &connection : m_connections)
        ids.append(connection->sessionId());
    return ids;
}

QList<DemoPushServer::SessionInfo> DemoPushServer::sessions() const
{
    QList<SessionInfo> infos;
    for (const auto &connection : m_connections) {
        SessionInfo info;
        info.sessionId = connection->sessionId();
        info.stompConnected = connection->isSessionStarted();
        info.version = connection->version();
        info.sendHeartbeatMs = connection->sendHeartbeatMs();
        info.expectHeartbeatMs = connection->expectHeartbeatMs();
        info.login = connection->login();
        info.host = connection->host();
        if (const QWebSocket *socket = connection->socket()) {
            info.subprotocol = socket->subprotocol();
            info.requestUrl = socket->requestUrl();
        }
        info.subscriptionCount = int(std::as_const(*connection).subscriptions().size());
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
    return m_delivery->subscriptionCount();
}

int DemoPushServer::unackedCount() const
{
    return m_delivery->unackedCount();
}

int DemoPushServer::requeuedCount() const
{
    return m_delivery->requeuedCount();
}

int DemoPushServer::heartbeatsReceived() const
{
    return m_frames->heartbeatsReceived();
}
