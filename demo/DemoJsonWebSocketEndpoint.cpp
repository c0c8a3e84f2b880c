#include "DemoJsonWebSocketEndpoint.h"

#include "DemoLogging.h"
#include "DemoTodoPublisher.h"
#include "TodoGenerator.h"

#include <QWebSocket>

DemoJsonWebSocketEndpoint::DemoJsonWebSocketEndpoint(DemoTodoPublisher &publisher, QObject *parent)
    : QObject(parent)
    , m_publisher(publisher)
{ }

DemoJsonWebSocketEndpoint::~DemoJsonWebSocketEndpoint()
{
    for (QWebSocket *socket : std::as_const(m_sockets))
        socket->disconnect(this);
}

void DemoJsonWebSocketEndpoint::accept(QWebSocket *socket)
{
    socket->setParent(this);
    qCInfo(lcDemo).noquote() << "json-ws connection from" << socket->peerAddress().toString();
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    m_sockets.append(socket);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [socket](const QString &) { socket->sendTextMessage(QString::fromUtf8(TodoGenerator::keepaliveBody())); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { remove(socket); });
    m_publisher.subscribed();
}

void DemoJsonWebSocketEndpoint::closeAll()
{
    const QList<QWebSocket *> sockets = m_sockets;
    for (QWebSocket *socket : sockets)
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Server closed"));
}

void DemoJsonWebSocketEndpoint::pushTodo(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body);
    for (QWebSocket *socket : std::as_const(m_sockets))
        socket->sendTextMessage(text);
}

void DemoJsonWebSocketEndpoint::remove(QWebSocket *socket)
{
    if (!m_sockets.removeOne(socket))
        return;
    socket->deleteLater();
    m_publisher.unsubscribed();
}
