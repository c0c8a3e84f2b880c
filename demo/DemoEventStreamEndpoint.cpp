#include "DemoEventStreamEndpoint.h"

#include "DemoHandshakeGate.h"
#include "DemoLogging.h"
#include "DemoTodoPublisher.h"
#include "base/Clock.h"

#include <QTcpSocket>

DemoEventStreamEndpoint::DemoEventStreamEndpoint(DemoTodoPublisher &publisher, QObject *parent)
    : QObject(parent)
    , m_publisher(publisher)
{
    setClock(nullptr);
}

DemoEventStreamEndpoint::~DemoEventStreamEndpoint()
{
    for (QTcpSocket *socket : std::as_const(m_streams))
        socket->disconnect(this);
}

void DemoEventStreamEndpoint::setClock(Clock *clock)
{
    m_keepAlive = (clock ? clock : Clock::system())->createTimer();
    connect(m_keepAlive.get(), &ClockTimer::timeout, this, &DemoEventStreamEndpoint::onKeepAlive);
    if (!m_streams.isEmpty())
        m_keepAlive->start(m_keepAliveMs);
}

void DemoEventStreamEndpoint::setKeepAliveInterval(qint64 ms)
{
    m_keepAliveMs = qMax<qint64>(1, ms);
    if (m_keepAlive->isActive())
        m_keepAlive->start(m_keepAliveMs);
}

void DemoEventStreamEndpoint::accept(QTcpSocket *socket, const QByteArray &head)
{
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { remove(socket); });
    if (!head.startsWith("GET ")) {
        DemoHandshakeGate::respond(
            socket, QByteArrayLiteral("405 Method Not Allowed"), QByteArrayLiteral("text/plain; charset=utf-8"),
            QByteArrayLiteral("The event stream is read with GET.\n"), QByteArrayLiteral("Allow: GET\r\n"));
        return;
    }
    const QByteArray lastEventId = DemoHandshakeGate::headerValue(head, QByteArrayLiteral("Last-Event-ID"));
    m_lastEventIds.append(lastEventId);
    qCInfo(lcDemo).noquote() << "Event stream from" << socket->peerAddress().toString()
                             << (lastEventId.isEmpty()
                                     ? QString()
                                     : QStringLiteral("after event %1").arg(QString::fromLatin1(lastEventId)));
    socket->write(QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                                    "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"));
    QByteArray start = QByteArrayLiteral("retry: ") + QByteArray::number(kRetryMs) + "\n\n";
    // What the client missed while it was away, as far as it is still kept.
    bool ok = false;
    const qint64 after = lastEventId.toLongLong(&ok);
    if (ok) {
        for (const Event &event : m_history) {
            if (event.id > after)
                start += eventText(event);
        }
    }
    write(socket, start);
    m_streams.append(socket);
    if (!m_keepAlive->isActive())
        m_keepAlive->start(m_keepAliveMs);
    m_publisher.subscribed();
}

void DemoEventStreamEndpoint::closeAll()
{
    const QList<QTcpSocket *> streams = m_streams;
    for (QTcpSocket *socket : streams) {
        socket->write(QByteArrayLiteral("0\r\n\r\n"));
        socket->disconnectFromHost();
    }
}

void DemoEventStreamEndpoint::pushTodo(const QByteArray &body)
{
    const Event event {++m_lastId, body};
    m_history.push_back(event);
    while (m_history.size() > size_t(kHistory))
        m_history.pop_front();
    const QByteArray text = eventText(event);
    for (QTcpSocket *socket : std::as_const(m_streams))
        write(socket, text);
}

// The generator's bodies are compact JSON, one line; a body with line ends would go out as several data: lines.
QByteArray DemoEventStreamEndpoint::eventText(const Event &event)
{
    QByteArray text = QByteArrayLiteral("id: ") + QByteArray::number(event.id) + '\n';
    for (const QByteArray &line : event.body.split('\n'))
        text += QByteArrayLiteral("data: ") + line + '\n';
    return text + '\n';
}

void DemoEventStreamEndpoint::write(QTcpSocket *socket, const QByteArray &text)
{
    socket->write(QByteArray::number(text.size(), 16) + "\r\n" + text + "\r\n");
}

void DemoEventStreamEndpoint::remove(QTcpSocket *socket)
{
    socket->deleteLater();
    if (!m_streams.removeOne(socket))
        return;
    if (m_streams.isEmpty())
        m_keepAlive->stop();
    m_publisher.unsubscribed();
}

void DemoEventStreamEndpoint::onKeepAlive()
{
    for (QTcpSocket *socket : std::as_const(m_streams))
        write(socket, QByteArrayLiteral(": keep-alive\n\n"));
    if (!m_streams.isEmpty())
        m_keepAlive->start(m_keepAliveMs);
}
