#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class DemoServerHooks;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

// The front door of the demo push server. It accepts TCP connections and reads each HTTP request head before
// any WebSocket handshake: a request for another path than path() is refused with 404, one for path() without a
// WebSocket upgrade with 400, every request while the
// hooks refuse handshakes with 503, and a head over 16 KiB with 431, each with a short text/plain body. An
// accepted request goes to QWebSocketServer, which does the handshake (offering v12.stomp, v11.stomp and
// v10.stomp) and hands the WebSocket over through accepted(). QWebSocketServer itself never listens: looking at
// the request first is what allows refusing at the HTTP level, and holding connections before the handshake
// while the hooks hold traffic.
//
// The other protocols' endpoints share the port: a router (setRouter()) may claim further paths, either as
// WebSocket upgrades (handed over through accepted() as well; the receiver tells them apart by the socket's
// requestUrl()) or as plain HTTP requests, handed over with their head already read through httpRequested().
class DemoHandshakeGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoHandshakeGate)

public:
    // `serverName` goes into the handshake's Server header.
    DemoHandshakeGate(const QString &serverName, const DemoServerHooks &hooks, QObject *parent = nullptr);
    ~DemoHandshakeGate() override;

    // The WebSocket path served, starting with '/' (default "/ws").
    void setPath(const QString &path) { m_path = path; }
    QString path() const { return m_path; }

    // What a request for a path other than path() is.
    enum class Route { NotFound, WebSocket, Http };
    // Asked with the path (percent-decoded, without the query) and the whole request head.
    using Router = std::function<Route(const QString &path, const QByteArray &head)>;
    void setRouter(Router router) { m_router = std::move(router); }

    // Writes a complete HTTP response (Connection: close) and ends the connection after it.
    static void respond(QTcpSocket *socket, const QByteArray &status, const QByteArray &contentType,
                        const QByteArray &body, const QByteArray &extraHeaders = {});
    // The value of header `name` (case-insensitive) in a request head; empty when absent.
    static QByteArray headerValue(const QByteArray &head, const QByteArray &name);

    bool listen(const QHostAddress &address, quint16 port);
    // Stops listening and aborts the connections still waiting for their handshake.
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;

    // TCP connections not yet upgraded (their request incomplete, or held).
    int pendingCount() const { return int(m_pending.size()); }
    // Looks at every pending connection again: after the hooks stopped holding traffic.
    void inspectPending();

Q_SIGNALS:
    // The WebSocket handshake succeeded; the receiver takes `socket` over.
    void accepted(QWebSocket *socket);
    // A request the router claimed as plain HTTP; its head (`head`, up to the blank line) has been read from
    // `socket`, which the receiver takes over (its parent stays the TCP server).
    void httpRequested(QTcpSocket *socket, const QByteArray &head);

private:
    void onTcpConnection();
    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const QByteArray &status);
    void onWebSocketConnection();

    const DemoServerHooks &m_hooks;
    QTcpServer *m_tcpServer = nullptr;
    QWebSocketServer *m_webSocketServer = nullptr;
    QList<QTcpSocket *> m_pending;
    QString m_path = QStringLiteral("/ws");
    Router m_router;
};
