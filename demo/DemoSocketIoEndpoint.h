#pragma once

#include "DemoTodoSink.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class Clock;
class ClockTimer;
class DemoTodoPublisher;
class QTcpSocket;
class QWebSocket;

// The demo push server's Socket.IO 4 endpoint (`--demo socketio`, Engine.IO protocol v4 under "/socket.io/"):
//  - a WebSocket at /socket.io/?EIO=4&transport=websocket gets the open packet 0{"sid":...,"upgrades":[],
//    "pingInterval":...,"pingTimeout":...,"maxPayload":...}, then a ping `2` every pingInterval(); a client whose
//    pong `3` is not back within pingTimeout() is closed, as Engine.IO does;
//  - a namespace CONNECT (`40`, `40/admin,{auth}`; any namespace, any auth) is answered 40{"sid":"..."} in that
//    namespace; from then on every todo goes there as the event `42["todo",{the generator's envelope}]`; a
//    DISCONNECT (`41`) leaves it; an EVENT from the client that asks for an ack gets an empty one;
//  - the HTTP long-polling handshake (GET without sid) is answered with an open packet offering the upgrade, so
//    that `auto` recognises Engine.IO; the polling transport itself is not served (a poll with a sid gets 400
//    "Session ID unknown"), which the client's WebSocket never needs.
// Packets are made and read with the client's own codec (EngineIoPacket, SocketIoPacket).
class DemoSocketIoEndpoint final : public QObject, public DemoTodoSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSocketIoEndpoint)

public:
    explicit DemoSocketIoEndpoint(DemoTodoPublisher &publisher, QObject *parent = nullptr);
    ~DemoSocketIoEndpoint() override;

    static QString path() { return QStringLiteral("/socket.io/"); }
    static QByteArray eventName() { return QByteArrayLiteral("todo"); }

    // The ping timers run on `clock` (for connections accepted from now on).
    void setClock(Clock *clock) { m_clock = clock; }
    void setPingInterval(qint64 ms) { m_pingIntervalMs = ms; }
    qint64 pingInterval() const { return m_pingIntervalMs; }
    void setPingTimeout(qint64 ms) { m_pingTimeoutMs = ms; }
    qint64 pingTimeout() const { return m_pingTimeoutMs; }

    // Takes over an upgraded connection for path().
    void accept(QWebSocket *socket);
    // Answers an HTTP request for path() (the polling transport), whose head has been read.
    void answerHttp(QTcpSocket *socket, const QByteArray &head);
    void closeAll();

    // Connections that joined at least one namespace.
    int listenerCount() const override;
    void pushTodo(const QByteArray &body) override;

    int connectionCount() const { return int(m_clients.size()); }
    int pongsReceived() const { return m_pongs; }

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        QString sid;
        QStringList namespaces;
        std::unique_ptr<ClockTimer> timer;
        bool awaitingPong = false;
    };

    QByteArray openPacket(const QString &sid, bool offerUpgrade) const;
    Client *find(QWebSocket *socket);
    void onMessage(QWebSocket *socket, const QString &text);
    void onTimer(QWebSocket *socket);
    void send(QWebSocket *socket, const QByteArray &packet);
    void remove(QWebSocket *socket);

    DemoTodoPublisher &m_publisher;
    Clock *m_clock = nullptr;
    qint64 m_pingIntervalMs = 25000;
    qint64 m_pingTimeoutMs = 20000;
    std::vector<std::unique_ptr<Client>> m_clients;
    int m_pongs = 0;
};
