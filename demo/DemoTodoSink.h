#pragma once

#include <QByteArray>
#include <QtGlobal>

// An endpoint of the demo push server that takes the periodic todo push besides STOMP's subscriptions (the
// json-ws, SSE and Socket.IO endpoints). DemoTodoPublisher counts its listeners with the subscriptions: a todo is
// generated while anyone listens anywhere, and goes to everyone.
class DemoTodoSink
{
public:
    virtual ~DemoTodoSink() = default;

    // Clients that would receive a todo pushed now.
    virtual int listenerCount() const = 0;
    // Pushes one todo body (the generator's envelope) to every listener.
    virtual void pushTodo(const QByteArray &body) = 0;

protected:
    DemoTodoSink() = default;
    Q_DISABLE_COPY_MOVE(DemoTodoSink)
};
