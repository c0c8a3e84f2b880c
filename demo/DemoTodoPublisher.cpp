#include "DemoTodoPublisher.h"

#include "DemoDelivery.h"
#include "DemoLogging.h"
#include "DemoTodoSink.h"
#include "base/Clock.h"

DemoTodoPublisher::DemoTodoPublisher(DemoDelivery &delivery, QObject *parent)
    : QObject(parent)
    , m_delivery(delivery)
{ }

DemoTodoPublisher::~DemoTodoPublisher() = default;

void DemoTodoPublisher::setClock(Clock *clock)
{
    m_clock = clock;
    m_generator.setClock(clock);
    m_timer = clock->createTimer();
    connect(m_timer.get(), &ClockTimer::timeout, this, &DemoTodoPublisher::onTimer);
    if (listenerCount() > 0 && m_intervalMs > 0)
        schedule(m_intervalMs);
}

void DemoTodoPublisher::setInterval(qint64 ms)
{
    m_intervalMs = qMax<qint64>(0, ms);
    m_timer->stop();
    if (m_intervalMs > 0 && listenerCount() > 0)
        schedule(m_intervalMs);
}

void DemoTodoPublisher::setFirstDelay(qint64 ms)
{
    m_firstDelayMs = qMax<qint64>(0, ms);
}

int DemoTodoPublisher::listenerCount() const
{
    int count = m_delivery.subscriptionCount();
    for (const DemoTodoSink *sink : m_sinks)
        count += sink->listenerCount();
    return count;
}

QByteArray DemoTodoPublisher::publishTodo()
{
    if (listenerCount() == 0)
        return {};
    const QByteArray body = m_generator.nextBody();
    for (DemoTodoSink *sink : std::as_const(m_sinks)) {
        if (sink->listenerCount() > 0)
            sink->pushTodo(body);
    }
    if (m_delivery.subscriptionCount() == 0)
        return QByteArrayLiteral("todo-") + QByteArray::number(m_generator.generatedCount());
    return m_delivery.publish({}, body, {});
}

void DemoTodoPublisher::subscribed()
{
    if (m_intervalMs > 0)
        schedule(m_firstDelayMs);
}

void DemoTodoPublisher::unsubscribed()
{
    if (listenerCount() == 0)
        m_timer->stop();
}

void DemoTodoPublisher::stop()
{
    m_timer->stop();
}

// Only ever brings the next push forward, never back: a newcomer does not delay everyone else's.
void DemoTodoPublisher::schedule(qint64 delayMs)
{
    const qint64 due = m_clock->monotonicMs() + delayMs;
    if (m_timer->isActive() && m_nextAt <= due)
        return;
    m_nextAt = due;
    m_timer->start(delayMs);
}

void DemoTodoPublisher::onTimer()
{
    if (listenerCount() == 0)
        return;
    const QByteArray messageId = publishTodo();
    qCDebug(lcDemo).noquote() << "Pushed todo" << messageId << "to" << listenerCount() << "listener(s)";
    if (m_intervalMs > 0)
        schedule(m_intervalMs);
}
