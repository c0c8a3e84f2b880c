#include "DemoSocketIoEndpoint.h"

#include "DemoHandshakeGate.h"
#include "DemoLogging.h"
#include "DemoTodoPublisher.h"
#include "base/Clock.h"
#include "socketio/EngineIoPacket.h"
#include "socketio/SocketIoPacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace {

constexpr qint64 kMaxPayload = 1000000;

QString randomId()
{
    // 20 characters of base64url, as Engine.IO's ids look.
    QByteArray bytes(15, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}

QByteArray engineIoMessage(const SocketIoPacket &packet)
{
    return EngineIoPacket {EngineIoPacket::Type::Message, packet.toBytes()}.toBytes();
}

QByteArray engineIoError(int code, const char *message)
{
    return QJsonDocument(
               QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), QString::fromLatin1(message)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

DemoSocketIoEndpoint::DemoSocketIoEndpoint(DemoTodoPublisher &publisher, QObject *parent)
    : QObject(parent)
    , m_publisher(publisher)
    , m_clock(Clock::system())
{ }

DemoSocketIoEndpoint::~DemoSocketIoEndpoint()
{
    for (const auto &client : m_clients)
        client->socket->disconnect(this);
}

QByteArray DemoSocketIoEndpoint::openPacket(const QString &sid, bool offerUpgrade) const
{
    const QJsonObject open {
        {QStringLiteral("sid"), sid},
        {QStringLiteral("upgrades"), offerUpgrade ? QJsonArray {QStringLiteral("websocket")} : QJsonArray {}},
        {QStringLiteral("pingInterval"), m_pingIntervalMs},
        {QStringLiteral("pingTimeout"), m_pingTimeoutMs},
        {QStringLiteral("maxPayload"), kMaxPayload}};
    return EngineIoPacket {EngineIoPacket::Type::Open, QJsonDocument(open).toJson(QJsonDocument::Compact)}.toBytes();
}

void DemoSocketIoEndpoint::accept(QWebSocket *socket)
{
    socket->setParent(this);
    const QUrlQuery query(socket->requestUrl());
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4")
        || query.queryItemValue(QStringLiteral("transport")) != QLatin1String("websocket")) {
        qCInfo(lcDemo).noquote() << "Refusing an Engine.IO WebSocket for" << socket->requestUrl().query()
                                 << "(only EIO=4&transport=websocket)";
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("Unsupported protocol version"));
        return;
    }
    auto client = std::make_unique<Client>();
    client->socket = socket;
    client->sid = randomId();
    client->timer = m_clock->createTimer();
    connect(client->timer.get(), &ClockTimer::timeout, this, [this, socket] { onTimer(socket); });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onMessage(socket, text); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { remove(socket); });
    qCInfo(lcDemo).noquote() << "Engine.IO connection" << client->sid << "from" << socket->peerAddress().toString();
    send(socket, openPacket(client->sid, false));
    client->timer->start(m_pingIntervalMs);
    m_clients.push_back(std::move(client));
}

void DemoSocketIoEndpoint::answerHttp(QTcpSocket *socket, const QByteArray &head)
{
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
    const QUrlQuery query(QUrl::fromEncoded(target).query());
    const QByteArray json = QByteArrayLiteral("application/json");
    if (query.queryItemValue(QStringLiteral("EIO")) != QLatin1String("4"))
        return DemoHandshakeGate::respond(socket, "400 Bad Request", json,
                                          engineIoError(5, "Unsupported protocol version"));
    if (query.queryItemValue(QStringLiteral("transport")) != QLatin1String("polling"))
        return DemoHandshakeGate::respond(socket, "400 Bad Request", json, engineIoError(0, "Transport unknown"));
    if (query.hasQueryItem(QStringLiteral("sid")) || !head.startsWith("GET "))
        return DemoHandshakeGate::respond(socket, "400 Bad Request", json, engineIoError(1, "Session ID unknown"));
    // Only the handshake: whoever takes it upgrades to the WebSocket, where the session starts anew.
    DemoHandshakeGate::respond(socket, "200 OK", QByteArrayLiteral("text/plain; charset=UTF-8"),
                               openPacket(randomId(), true));
}

void DemoSocketIoEndpoint::closeAll()
{
    for (const auto &client : m_clients)
        client->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Server closed"));
}

int DemoSocketIoEndpoint::listenerCount() const
{
    return int(std::count_if(m_clients.cbegin(), m_clients.cend(),
                             [](const auto &client) { return !client->namespaces.isEmpty(); }));
}

void DemoSocketIoEndpoint::pushTodo(const QByteArray &body)
{
    for (const auto &client : m_clients) {
        for (const QString &nsp : std::as_const(client->namespaces)) {
            SocketIoPacket event;
            event.type = SocketIoPacket::Type::Event;
            event.nsp = nsp;
            event.data = QByteArrayLiteral("[\"") + eventName() + QByteArrayLiteral("\",") + body + ']';
            send(client->socket, engineIoMessage(event));
        }
    }
}

DemoSocketIoEndpoint::Client *DemoSocketIoEndpoint::find(QWebSocket *socket)
{
    const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                 [socket](const auto &client) { return client->socket == socket; });
    return it == m_clients.end() ? nullptr : it->get();
}

void DemoSocketIoEndpoint::onMessage(QWebSocket *socket, const QString &text)
{
    Client *client = find(socket);
    if (!client)
        return;
    EngineIoPacket packet;
    QString error;
    if (!EngineIoPacket::parse(text.toUtf8(), &packet, &error)) {
        qCInfo(lcDemo).noquote() << "Closing" << client->sid << "after an invalid Engine.IO packet:" << error;
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, error);
        return;
    }
    switch (packet.type) {
    case EngineIoPacket::Type::Pong:
        ++m_pongs;
        client->awaitingPong = false;
        client->timer->start(m_pingIntervalMs);
        return;
    case EngineIoPacket::Type::Close:
        socket->close();
        return;
    case EngineIoPacket::Type::Message:
        break;
    default:
        return;
    }
    SocketIoPacket message;
    if (!SocketIoPacket::parse(packet.data, &message, &error)) {
        qCInfo(lcDemo).noquote() << "Closing" << client->sid << "after an invalid Socket.IO packet:" << error;
        socket->close(QWebSocketProtocol::CloseCodeProtocolError, error);
        return;
    }
    switch (message.type) {
    case SocketIoPacket::Type::Connect: {
        SocketIoPacket answer;
        answer.type = SocketIoPacket::Type::Connect;
        answer.nsp = message.nsp;
        answer.data = QJsonDocument(QJsonObject {{QStringLiteral("sid"), randomId()}}).toJson(QJsonDocument::Compact);
        send(socket, engineIoMessage(answer));
        if (!client->namespaces.contains(message.nsp)) {
            client->namespaces.append(message.nsp);
            qCInfo(lcDemo).noquote() << "Socket.IO" << client->sid << "joined namespace" << message.nsp;
            m_publisher.subscribed();
        }
        return;
    }
    case SocketIoPacket::Type::Disconnect:
        if (client->namespaces.removeOne(message.nsp))
            m_publisher.unsubscribed();
        return;
    case SocketIoPacket::Type::Event:
        if (message.id >= 0)
            send(socket, engineIoMessage(SocketIoPacket::ackFor(message.nsp, message.id)));
        return;
    default:
        return;
    }
}

void DemoSocketIoEndpoint::onTimer(QWebSocket *socket)
{
    Client *client = find(socket);
    if (!client)
        return;
    if (client->awaitingPong) {
        qCInfo(lcDemo).noquote() << "Closing" << client->sid << ": no pong within" << m_pingTimeoutMs << "ms";
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("ping timeout"));
        return;
    }
    send(socket, EngineIoPacket {EngineIoPacket::Type::Ping, {}}.toBytes());
    client->awaitingPong = true;
    client->timer->start(m_pingTimeoutMs);
}

void DemoSocketIoEndpoint::send(QWebSocket *socket, const QByteArray &packet)
{
    socket->sendTextMessage(QString::fromUtf8(packet));
}

void DemoSocketIoEndpoint::remove(QWebSocket *socket)
{
    const auto it = std::find_if(m_clients.begin(), m_clients.end(),
                                 [socket](const auto &client) { return client->socket == socket; });
    if (it == m_clients.end())
        return;
    const bool listened = !(*it)->namespaces.isEmpty();
    // This may run inside one of the timer's or the socket's signals: both go from the event loop.
    (*it)->timer->stop();
    (*it)->timer.release()->deleteLater();
    m_clients.erase(it);
    socket->deleteLater();
    if (listened)
        m_publisher.unsubscribed();
}
