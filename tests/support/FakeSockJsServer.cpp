#include "FakeSockJsServer.h"

#include "transport/SockJsFraming.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

const QString kBasePath = QStringLiteral("/app/ws");

void reply(QTcpSocket *socket, const QByteArray &status, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

FakeSockJsServer::FakeSockJsServer(QObject *parent)
    : QObject(parent)
    , m_tcp(new QTcpServer(this))
    , m_webSockets(new QWebSocketServer(QStringLiteral("fake-sockjs"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_tcp, &QTcpServer::newConnection, this, &FakeSockJsServer::onNewTcpConnection);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &FakeSockJsServer::onNewWebSocket);
}

FakeSockJsServer::~FakeSockJsServer() = default;

bool FakeSockJsServer::listen()
{
    return m_tcp->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeSockJsServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_tcp->serverPort()).arg(kBasePath));
}

int FakeSockJsServer::openSessionCount() const
{
    int count = 0;
    for (const Session &session : m_sessions) {
        if (session.socket && session.socket->state() == QAbstractSocket::ConnectedState)
            ++count;
    }
    return count;
}

void FakeSockJsServer::sendFrame(int index, const QByteArray &frame)
{
    if (index < 0 || index >= m_sessions.size() || !m_sessions.at(index).socket)
        return;
    m_sessions.at(index).socket->sendTextMessage(QString::fromUtf8(frame));
}

void FakeSockJsServer::closeSession(int index, int code, const QByteArray &reason)
{
    QByteArray frame = "c[" + QByteArray::number(code) + ',';
    SockJsFraming::appendJsonString(reason, &frame);
    frame += ']';
    sendFrame(index, frame);
    if (index >= 0 && index < m_sessions.size() && m_sessions.at(index).socket)
        m_sessions.at(index).socket->close();
}

void FakeSockJsServer::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onTcpReadyRead(socket); });
    }
}

void FakeSockJsServer::onTcpReadyRead(QTcpSocket *socket)
{
    // Only peek: an upgrade request must reach QWebSocketServer unread.
    const QByteArray head = socket->peek(64 * 1024);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = head.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    const QString target = requestLine.size() > 1 ? QString::fromLatin1(requestLine.at(1)) : QString();
    const QString path = target.section(QLatin1Char('?'), 0, 0);
    Headers headers;
    bool upgrade = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        if (line.left(colon).trimmed().compare("upgrade", Qt::CaseInsensitive) == 0
            && line.mid(colon + 1).trimmed().compare("websocket", Qt::CaseInsensitive) == 0)
            upgrade = true;
    }
    if (!upgrade) {
        socket->disconnect(this);
        if (path != kBasePath + QStringLiteral("/info")) {
            reply(socket, "404 Not Found", {});
            return;
        }
        m_infoRequests.append(headers);
        if (m_infoStatus != 200) {
            reply(socket, QByteArray::number(m_infoStatus) + " Refused", {});
            return;
        }
        const QByteArray body = QByteArray("{\"entropy\":12345,\"origins\":[\"*:*\"],\"cookie_needed\":")
            + (m_infoCookie.isEmpty() ? "false" : "true") + ",\"websocket\":" + (m_webSocketEnabled ? "true" : "false")
            + '}';
        reply(socket, "200 OK", body, m_infoCookie.isEmpty() ? QByteArray() : "Set-Cookie: " + m_infoCookie + "\r\n");
        return;
    }
    static const QRegularExpression sessionPath(QStringLiteral("^/app/ws/[^/.]+/[^/.]+/websocket$"));
    const bool isSession = sessionPath.match(path).hasMatch();
    const bool isRaw = path == kBasePath + QStringLiteral("/websocket");
    socket->disconnect(this);
    if (!(isSession && m_webSocketEnabled) && !(isRaw && m_rawEnabled)) {
        ++m_refusedUpgrades;
        reply(socket, "404 Not Found", {});
        return;
    }
    m_webSockets->handleConnection(socket);
}

void FakeSockJsServer::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSockets->nextPendingConnection()) {
        socket->setParent(this);
        Session session;
        session.path = socket->requestUrl().path();
        session.request = socket->request();
        session.raw = session.path == kBasePath + QStringLiteral("/websocket");
        if (!session.raw) {
            const QStringList parts = session.path.split(QLatin1Char('/'));
            session.serverId = parts.value(3).toUtf8();
            session.sessionId = parts.value(4).toUtf8();
        }
        session.socket = socket;
        const int index = int(m_sessions.size());
        m_sessions.append(session);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, index](const QString &text) {
            Session &current = m_sessions[index];
            const QByteArray message = text.toUtf8();
            current.receivedFrames.append(message);
            QList<QByteArray> elements;
            if (current.raw) {
                elements = {message};
            } else {
                SockJsFrame frame;
                QString error;
                // The client sends a bare JSON array; decode it as the body of an `a` frame.
                if (!SockJsFraming::decode(QByteArray('a' + message), &frame, &error)) {
                    current.socket->close(QWebSocketProtocol::CloseCodeProtocolError, error);
                    return;
                }
                elements = frame.messages;
            }
            for (const QByteArray &element : std::as_const(elements)) {
                current.received.append(element);
                Q_EMIT messageReceived(index, element);
                if (m_answerConnect && (element.startsWith("CONNECT\n") || element.startsWith("STOMP\n"))) {
                    const QByteArray connected = "CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:FakeSockJs/1\nsession:"
                        + (current.raw ? QByteArray("raw") : current.sessionId) + "\n\n" + QByteArray(1, '\0');
                    if (current.raw)
                        current.socket->sendTextMessage(QString::fromUtf8(connected));
                    else
                        current.socket->sendTextMessage(
                            QString::fromUtf8(QByteArray('a' + SockJsFraming::encode({connected}))));
                }
            }
        });
        if (!session.raw && m_sendOpenFrame)
            socket->sendTextMessage(QStringLiteral("o"));
        Q_EMIT sessionOpened(index);
    }
}
