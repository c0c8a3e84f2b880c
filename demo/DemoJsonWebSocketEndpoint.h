#pragma once

#include "DemoTodoSink.h"

#include <QList>
#include <QObject>
#include <QString>

class DemoTodoPublisher;
class QWebSocket;

// The demo push server's plain WebSocket endpoint (`--demo json-ws`, path "/json"): every todo goes to every
// connection as one text message, the generator's envelope {"data":{"sysMsgList":[todo],"sysMsgNums":N},...},
// the shape PayloadParser takes from the field's servers. Whatever a client sends is answered with the field's
// application keep-alive {"keepalive":"live"} (TodoGenerator::keepaliveBody()), which is no todo; so a client that
// sends an open message or keep-alives hears back, and `auto` sees at once that this is not STOMP.
class DemoJsonWebSocketEndpoint final : public QObject, public DemoTodoSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoJsonWebSocketEndpoint)

public:
    explicit DemoJsonWebSocketEndpoint(DemoTodoPublisher &publisher, QObject *parent = nullptr);
    ~DemoJsonWebSocketEndpoint() override;

    static QString path() { return QStringLiteral("/json"); }

    // Takes `socket` over (an upgraded connection for path()).
    void accept(QWebSocket *socket);
    // Closes every connection (1001 "Server closed").
    void closeAll();

    int listenerCount() const override { return int(m_sockets.size()); }
    void pushTodo(const QByteArray &body) override;

private:
    void remove(QWebSocket *socket);

    DemoTodoPublisher &m_publisher;
    QList<QWebSocket *> m_sockets;
};
