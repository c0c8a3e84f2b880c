#include "DemoPushServer.h"

#include "DemoConnection.h"
#include "DemoDelivery.h"
#include "DemoFrameHandler.h"
#include "DemoHandshakeGate.h"
#include "DemoLogging.h"
#include "DemoTodoPublisher.h"
#include "base/Clock.h"

#include <QWebSocket>

#include <algorithm>

DemoPushServer::DemoPushServer(QObject *parent)
    : QObject(parent)
    , m_gate(std::make_unique<DemoHandshakeGate>(QString::fromLatin1(DemoFrameHandler::serverHeader()), hooks()))
    , m_delivery(std::make_unique<DemoDelivery>([this] { return openConnections(); }))
    , m_publisher(std::make_unique<DemoTodoPublisher>(*m_delivery))
    , m_frames(std::make_unique<DemoFrameHandler>(*m_delivery, *m_publisher))
{
    setClock(nullptr);
    connect(m_gate.get(), &DemoHandshakeGate::accepted, this, &DemoPushServer::onWebSocketConnection);
    connect(m_frames.get(), &DemoFrameHandler::frameReceived, this,
            [this](DemoConnection *connection, const StompFrame &frame) {
                m_receivedFrames.append({connection->sessionId(), frame});
                Q_EMIT frameReceived(connection->sessionId(), frame);
            });
}

DemoPushServer::~DemoPushServer()
{
    m_publisher->stop();
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

QString DemoPushServer::errorString() const
{
    return m_gate->errorString();
}

// ---- Connections --------------------------------------------------------------------------------------

void DemoPushServer::onWebSocketConnection(QWebSocket *socket)
{
    socket->setParent(this);
    const QByteArray sessionId = QByteArrayLiteral("session-") + QByteArray::number(++m_sessionCounter);
    m_connections.push_back(std::make_unique<DemoConnection>(sessionId, socket, m_clock, hooks(), m_counters));
    DemoConnection *connection = m_connections.back().get();
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
