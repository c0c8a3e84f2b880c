#pragma once

#include "TodoGenerator.h"

#include <QByteArray>
#include <QObject>

#include <QList>

#include <memory>

class Clock;
class ClockTimer;
class DemoDelivery;
class DemoTodoSink;

// The demo push server's periodic todo push: while anyone is subscribed, the generator's next todo goes to every
// subscription, whatever its destination, every interval() ms; after a new SUBSCRIBE the next push comes at most
// firstDelay() ms later, so that a newcomer sees one soon. Nothing is generated while nobody listens. The other
// protocols' endpoints (DemoTodoSink, added with addSink()) listen too: each todo goes to them as well.
class DemoTodoPublisher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoTodoPublisher)

public:
    explicit DemoTodoPublisher(DemoDelivery &delivery, QObject *parent = nullptr);
    ~DemoTodoPublisher() override;

    // The timer and the generator run on `clock`; a push already due is rescheduled on it.
    void setClock(Clock *clock);

    // Push period in ms (default 5000; 0 = no periodic push).
    void setInterval(qint64 ms);
    qint64 interval() const { return m_intervalMs; }
    // The most a new subscriber waits for a push, in ms (default 1000).
    void setFirstDelay(qint64 ms);
    qint64 firstDelay() const { return m_firstDelayMs; }

    TodoGenerator &generator() { return m_generator; }

    // `sink` (not owned; it outlives this publisher's pushes) takes every todo from now on.
    void addSink(DemoTodoSink *sink) { m_sinks.append(sink); }
    // STOMP subscriptions plus the sinks' listeners.
    int listenerCount() const;

    // Pushes the next todo to every subscription and sink listener now; returns its STOMP message-id (a
    // "todo-<n>" when only sinks listen), or an empty array when nobody listens (nothing is generated then).
    QByteArray publishTodo();

    // A subscription was made (or a sink gained a listener): the next push comes within firstDelay().
    void subscribed();
    // Subscriptions were cancelled or their connection ended: the pushes stop when nobody is left.
    void unsubscribed();
    void stop();

private:
    void schedule(qint64 delayMs);
    void onTimer();

    DemoDelivery &m_delivery;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_timer;
    qint64 m_nextAt = 0; // Clock monotonic time of the next push, while the timer runs
    qint64 m_intervalMs = 5000;
    qint64 m_firstDelayMs = 1000;
    TodoGenerator m_generator;
    QList<DemoTodoSink *> m_sinks;
};
