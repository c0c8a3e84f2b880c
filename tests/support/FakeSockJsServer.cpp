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

void writeChunk(QTcpSocket *socket, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return; // an empty chunk would end the response
    socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
    socket->flush();
}

bool isConnected(const QPointer<QTcpSocket> &socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
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
        qsizetype contentLength = 0;
        for (const auto &header : std::as_const(headers)) {
            if (header.first.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = header.second.toLongLong();
        }
        if (socket->bytesAvailable() < end + 4 + contentLength)
            return; // the body is still on its way
        socket->read(end + 4);
        const QByteArray requestBody = socket->read(contentLength);
        socket->disconnect(this);
        if (handleHttp(socket, path, headers, requestBody))
            return;
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
    if (m_refuseUpgrades) { // a proxy that drops `Upgrade`: the server sees a plain GET
        ++m_refusedUpgrades;
        reply(socket, "400 Bad Request", "Can \"Upgrade\" only to \"WebSocket\".");
        return;
    }
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

// --- the HTTP transports -----------------------------------------------------------------------------------

bool FakeSockJsServer::handleHttp(QTcpSocket *socket, const QString &path, const Headers &headers,
                                  const QByteArray &body)
{
    static const QRegularExpression httpPath(
        QStringLiteral("^/app/ws/([^/.]+)/([^/.]+)/(xhr_streaming|xhr|xhr_send)$"));
    const QRegularExpressionMatch match = httpPath.match(path);
    if (!match.hasMatch())
        return false;
    const QByteArray sessionId = match.captured(2).toUtf8();
    const QByteArray endpoint = match.captured(3).toUtf8();
    if (!m_httpEnabled) {
        reply(socket, "404 Not Found", {});
        return true;
    }
    int index = -1;
    for (qsizetype i = 0; i < m_httpSessions.size(); ++i) {
        if (m_httpSessions.at(i).sessionId == sessionId)
            index = int(i);
    }
    if (endpoint == "xhr_send") {
        if (index < 0 || !m_httpSessions.at(index).open) {
            reply(socket, "404 Not Found", {});
            return true;
        }
        HttpSession &session = m_httpSessions[index];
        session.endpoints.append(endpoint);
        session.requestHeaders.append(headers);
        session.sendBodies.append(body);
        SockJsFrame frame;
        QString error;
        // The client sends a bare JSON array; decode it as the body of an `a` frame.
        if (!SockJsFraming::decode(QByteArray('a' + body), &frame, &error)) {
            reply(socket, "500 Internal Server Error", error.toUtf8());
            return true;
        }
        if (m_sendStatus == 204)
            socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        else
            socket->write("HTTP/1.1 " + QByteArray::number(m_sendStatus)
                          + " Refused\r\nContent-Length: 0\r\n"
                            "Connection: close\r\n\r\n");
        socket->disconnectFromHost();
        if (m_sendStatus != 204)
            return true;
        for (const QByteArray &element : std::as_const(frame.messages)) {
            m_httpSessions[index].received.append(element);
            Q_EMIT httpMessageReceived(index, element);
            answerConnect(index, element);
        }
        return true;
    }
    if (endpoint == "xhr_streaming" && !m_streamingEnabled) {
        reply(socket, "404 Not Found", {});
        return true;
    }
    if (index < 0) {
        HttpSession session;
        session.serverId = match.captured(1).toUtf8();
        session.sessionId = sessionId;
        session.flavour = endpoint;
        m_httpSessions.append(session);
        index = int(m_httpSessions.size() - 1);
    }
    HttpSession &session = m_httpSessions[index];
    session.endpoints.append(endpoint);
    session.requestHeaders.append(headers);
    ++session.receiveRequests;
    if (isConnected(session.receive)) {
        reply(socket, "200 OK", "c[2010,\"Another connection still open\"]\n");
        return true;
    }
    session.receive = socket;
    const bool opening = !session.open;
    session.open = true;
    if (endpoint == "xhr_streaming") {
        if (m_streamingSilent) { // a proxy that buffers the whole response
            Q_EMIT httpReceiveStarted(index);
            return true;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/javascript; charset=UTF-8\r\n"
                      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        writeChunk(socket, QByteArray(2048, 'h') + '\n');
        if (opening)
            writeChunk(socket, "o\n");
    } else if (opening) {
        session.pollQueue.prepend("o");
    }
    if (endpoint == "xhr" && !session.pollQueue.isEmpty())
        sendHttpFrame(index, session.pollQueue.takeFirst());
    Q_EMIT httpReceiveStarted(index);
    return true;
}

void FakeSockJsServer::answerConnect(int index, const QByteArray &element)
{
    if (!m_answerConnect || !(element.startsWith("CONNECT\n") || element.startsWith("STOMP\n")))
        return;
    const QByteArray connected = "CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:FakeSockJs/1\nsession:"
        + m_httpSessions.at(index).sessionId + "\n\n" + QByteArray(1, '\0');
    sendHttpFrame(index, QByteArray('a' + SockJsFraming::encode({connected})));
}

void FakeSockJsServer::sendHttpFrame(int index, const QByteArray &frame)
{
    if (index < 0 || index >= m_httpSessions.size())
        return;
    HttpSession &session = m_httpSessions[index];
    if (session.flavour == "xhr_streaming") {
        if (isConnected(session.receive))
            writeChunk(session.receive, frame + '\n');
        return;
    }
    if (!isConnected(session.receive)) {
        session.pollQueue.append(frame);
        return;
    }
    QTcpSocket *poll = session.receive;
    session.receive = nullptr;
    const QByteArray body = frame + '\n';
    poll->write("HTTP/1.1 200 OK\r\nContent-Type: application/javascript; charset=UTF-8\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    poll->disconnectFromHost();
}

void FakeSockJsServer::writeHttpChunk(int index, const QByteArray &bytes)
{
    if (index >= 0 && index < m_httpSessions.size() && isConnected(m_httpSessions.at(index).receive))
        writeChunk(m_httpSessions.at(index).receive, bytes);
}

void FakeSockJsServer::endHttpResponse(int index)
{
    if (index < 0 || index >= m_httpSessions.size() || !isConnected(m_httpSessions.at(index).receive))
        return;
    QTcpSocket *stream = m_httpSessions[index].receive;
    m_httpSessions[index].receive = nullptr;
    stream->write("0\r\n\r\n");
    stream->disconnectFromHost();
}

void FakeSockJsServer::cutHttpResponse(int index)
{
    if (index < 0 || index >= m_httpSessions.size() || !isConnected(m_httpSessions.at(index).receive))
        return;
    QTcpSocket *stream = m_httpSessions[index].receive;
    m_httpSessions[index].receive = nullptr;
    stream->flush(); // abort() drops what is still buffered: what was written before the cut must go out first
    stream->abort();
}

void FakeSockJsServer::forgetHttpSession(int index)
{
    if (index >= 0 && index < m_httpSessions.size())
        m_httpSessions[index].open = false;
}
