#include "DemoHandshakeGate.h"

#include "DemoLogging.h"
#include "DemoServerHooks.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <utility>

namespace {

constexpr qsizetype kMaxHandshakeBytes = qsizetype(16) * 1024;

} // namespace

DemoHandshakeGate::DemoHandshakeGate(const QString &serverName, const DemoServerHooks &hooks, QObject *parent)
    : QObject(parent)
    , m_hooks(hooks)
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(serverName, QWebSocketServer::NonSecureMode, this))
{
    m_webSocketServer->setSupportedSubprotocols(
        {QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")});
    connect(m_tcpServer, &QTcpServer::newConnection, this, &DemoHandshakeGate::onTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &DemoHandshakeGate::onWebSocketConnection);
    connect(m_webSocketServer, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode code) {
        qCInfo(lcDemo).noquote() << "WebSocket handshake failed:" << m_webSocketServer->errorString() << "(close code"
                                 << int(code) << ")";
    });
}

DemoHandshakeGate::~DemoHandshakeGate()
{
    // The pending sockets are the QTcpServer's children and outlive this object's members.
    for (QTcpSocket *socket : std::as_const(m_pending))
        socket->disconnect(this);
}

bool DemoHandshakeGate::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer->listen(address, port);
}

void DemoHandshakeGate::close()
{
    m_tcpServer->close();
    const QList<QTcpSocket *> pending = std::exchange(m_pending, {});
    for (QTcpSocket *socket : pending) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

bool DemoHandshakeGate::isListening() const
{
    return m_tcpServer->isListening();
}

QHostAddress DemoHandshakeGate::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

quint16 DemoHandshakeGate::serverPort() const
{
    return m_tcpServer->serverPort();
}

QString DemoHandshakeGate::errorString() const
{
    return m_tcpServer->errorString();
}

void DemoHandshakeGate::inspectPending()
{
    const QList<QTcpSocket *> pending = m_pending;
    for (QTcpSocket *socket : pending)
        inspect(socket);
}

void DemoHandshakeGate::onTcpConnection()
{
    while (m_tcpServer->hasPendingConnections()) {
        QTcpSocket *socket = m_tcpServer->nextPendingConnection();
        m_pending.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_pending.removeOne(socket);
            socket->deleteLater();
        });
        inspect(socket);
    }
}

// Peeks (never reads) until the request head is complete, so that QWebSocketServer gets the socket untouched.
void DemoHandshakeGate::inspect(QTcpSocket *socket)
{
    if (m_hooks.holdsTraffic() || !m_pending.contains(socket))
        return;
    const QByteArray head = socket->peek(kMaxHandshakeBytes + 1);
    if (head.indexOf("\r\n\r\n") < 0) {
        if (head.size() > kMaxHandshakeBytes)
            refuse(socket, QByteArrayLiteral("431 Request Header Fields Too Large"));
        return;
    }
    // "GET /ws?x=y HTTP/1.1"
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    QByteArray target = requestLine.value(1);
    const qsizetype query = target.indexOf('?');
    if (query >= 0)
        target.truncate(query);
    const QString path = QUrl::fromPercentEncoding(target);

    if (m_hooks.refusesHandshakes()) {
        qCInfo(lcDemo) << "Refusing a WebSocket handshake (rejecting connections)";
        refuse(socket, QByteArrayLiteral("503 Service Unavailable"));
        return;
    }
    if (path == m_path
        && headerValue(head, QByteArrayLiteral("Upgrade")).compare("websocket", Qt::CaseInsensitive) != 0) {
        // A plain GET (as `auto` sends, looking for an event stream): an HTTP answer, as a WebSocket server gives.
        qCInfo(lcDemo).noquote() << "Refusing a request for" << path << "without a WebSocket upgrade";
        refuse(socket, QByteArrayLiteral("400 Bad Request"));
        return;
    }
    const Route route = path == m_path ? Route::WebSocket : m_router ? m_router(path, head) : Route::NotFound;
    if (route == Route::NotFound) {
        qCInfo(lcDemo).noquote() << "Refusing a WebSocket handshake for" << path << "(the endpoint is" << m_path << ")";
        refuse(socket, QByteArrayLiteral("404 Not Found"));
        return;
    }
    m_pending.removeOne(socket);
    if (route == Route::Http) {
        socket->disconnect(this);
        const QByteArray read = socket->read(head.indexOf("\r\n\r\n") + 4);
        Q_EMIT httpRequested(socket, read);
        return;
    }
    socket->disconnect(this);
    m_webSocketServer->handleConnection(socket);
}

void DemoHandshakeGate::refuse(QTcpSocket *socket, const QByteArray &status)
{
    m_pending.removeOne(socket);
    const QByteArray body = QByteArrayLiteral("Todo Notifier demo server (a test double, not a broker). "
                                              "The STOMP over WebSocket endpoint is ")
        + m_path.toUtf8() + QByteArrayLiteral(".\n");
    socket->write(QByteArrayLiteral("HTTP/1.1 ") + status
                  + QByteArrayLiteral("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ")
                  + QByteArray::number(body.size()) + QByteArrayLiteral("\r\nConnection: close\r\n\r\n") + body);
    socket->disconnectFromHost();
}

void DemoHandshakeGate::respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &contentType,
                                const QByteArray &body, const QByteArray &extraHeaders)
{
    socket->write(QByteArrayLiteral("HTTP/1.1 ") + status + QByteArrayLiteral("\r\nContent-Type: ") + contentType
                  + QByteArrayLiteral("\r\nContent-Length: ") + QByteArray::number(body.size()) + "\r\n" + extraHeaders
                  + QByteArrayLiteral("Connection: close\r\n\r\n") + body);
    socket->disconnectFromHost();
}

QByteArray DemoHandshakeGate::headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

void DemoHandshakeGate::onWebSocketConnection()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection())
        Q_EMIT accepted(socket);
}
