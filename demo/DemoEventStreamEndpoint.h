#pragma once

#include "DemoTodoSink.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>

class Clock;
class ClockTimer;
class DemoTodoPublisher;
class QTcpSocket;

// The demo push server's Server-Sent Events endpoint (`--demo sse`, path "/events"): a GET answered with
// `text/event-stream` (chunked, never ending on its own) that starts with `retry:` and then carries every todo
// as one event, `id: <n>` and `data: <the generator's envelope>`, of the default type (`message`). A comment
// (": keep-alive") goes out every keepAliveInterval() ms, so that a client learns how long silence may last.
// The last kHistory events are kept: a request with Last-Event-ID gets those after that id first (the ones it
// missed while away), then the live ones. Any method but GET is answered 405.
class DemoEventStreamEndpoint final : public QObject, public DemoTodoSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoEventStreamEndpoint)

public:
    static constexpr int kHistory = 100;
    static constexpr qint64 kRetryMs = 1000;

    explicit DemoEventStreamEndpoint(DemoTodoPublisher &publisher, QObject *parent = nullptr);
    ~DemoEventStreamEndpoint() override;

    static QString path() { return QStringLiteral("/events"); }

    // The keep-alive comments' timer runs on `clock`.
    void setClock(Clock *clock);
    void setKeepAliveInterval(qint64 ms);
    qint64 keepAliveInterval() const { return m_keepAliveMs; }

    // Takes over `socket`, whose request head `head` has been read.
    void accept(QTcpSocket *socket, const QByteArray &head);
    // Ends every stream (the last chunk) and closes the connections.
    void closeAll();

    int listenerCount() const override { return int(m_streams.size()); }
    void pushTodo(const QByteArray &body) override;

    // Last-Event-ID of every stream request, in order ("" when the request had none).
    QList<QByteArray> lastEventIds() const { return m_lastEventIds; }

private:
    struct Event
    {
        qint64 id = 0;
        QByteArray body;
    };

    static QByteArray eventText(const Event &event);
    void write(QTcpSocket *socket, const QByteArray &text);
    void remove(QTcpSocket *socket);
    void onKeepAlive();

    DemoTodoPublisher &m_publisher;
    std::unique_ptr<ClockTimer> m_keepAlive;
    qint64 m_keepAliveMs = 15000;
    QList<QTcpSocket *> m_streams;
    std::deque<Event> m_history;
    qint64 m_lastId = 0;
    QList<QByteArray> m_lastEventIds;
};
