#include "jsonws/JsonWebSocketSource.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "transport/WebSocketTransport.h"

JsonWebSocketSource::JsonWebSocketSource(QObject *parent)
    : ReconnectingSource(parent)
{ }

JsonWebSocketSource::~JsonWebSocketSource()
{
    closeConnection();
}

void JsonWebSocketSource::setOptions(const JsonWebSocketOptions &options)
{
    m_options = options;
    setConnectionOptions(options.connection);
}

QString JsonWebSocketSource::openMessage() const
{
    QString text = m_options.openMessage;
    text.replace(QLatin1String("{login}"), m_options.login);
    text.replace(QLatin1String("{clientId}"), m_options.clientId);
    return text;
}

bool JsonWebSocketSource::setQueueFile(const QString &path, QString *error)
{
    m_queue = OutgoingQueue(path);
    const bool loaded = m_queue.load(error);
    if (!m_queue.isEmpty())
        qCInfo(lcSource) << name() << m_queue.size() << "message(s) from an earlier run wait to be sent";
    if (state() == State::Connected)
        flushQueue();
    return loaded;
}

bool JsonWebSocketSource::send(const QString &text, QString *error)
{
    if (text.isEmpty())
        return false;
    if (!m_queue.append(text, error))
        return false;
    if (state() == State::Connected)
        flushQueue();
    return true;
}

void JsonWebSocketSource::openConnection(const QUrl &url)
{
    closeConnection();
    m_transport = std::make_unique<WebSocketTransport>();
    connect(m_transport.get(), &Transport::opened, this, &JsonWebSocketSource::onOpened);
    connect(m_transport.get(), &Transport::dataReceived, this, &JsonWebSocketSource::onData);
    connect(m_transport.get(), &Transport::activity, this, &JsonWebSocketSource::noteActivity);
    connect(m_transport.get(), &Transport::failed, this, [this](TransportError error, const QString &reason) {
        connectionFailed({PushError::kindFor(error, reason), reason, {}, currentUrl()});
    });
    connect(m_transport.get(), &Transport::closed, this, [this](TransportError, const QString &reason) {
        connectionFailed({PushError::Kind::ConnectionLost, reason, {}, currentUrl()});
    });
    m_transport->open(url, m_options.transport);
}

void JsonWebSocketSource::closeConnection()
{
    if (m_keepAliveTimer)
        m_keepAliveTimer->stop();
    if (!m_transport)
        return;
    m_transport->disconnect(this);
    m_transport->close();
    m_transport.release()->deleteLater(); // we may be inside one of its signals
}

bool JsonWebSocketSource::sendProbe()
{
    if (!m_transport || !m_transport->isOpen())
        return false;
    // A pong, or the reply to an application keep-alive, answers.
    if (!m_options.keepAliveMessage.isEmpty())
        m_transport->sendData(m_options.keepAliveMessage.toUtf8());
    return m_transport->ping() || !m_options.keepAliveMessage.isEmpty();
}

void JsonWebSocketSource::onOpened()
{
    const QString greeting = openMessage();
    if (!greeting.isEmpty())
        m_transport->sendData(greeting.toUtf8());
    SourceSession session;
    session.url = currentUrl();
    session.transport = m_transport->description();
    session.summary = m_options.keepAliveIntervalMs > 0
        ? tr("plain WebSocket (JSON), keep-alive every %1 ms").arg(m_options.keepAliveIntervalMs)
        : tr("plain WebSocket (JSON)");
    session.details = {{QStringLiteral("openMessage"), !greeting.isEmpty()},
                       {QStringLiteral("keepAliveMs"), m_options.keepAliveIntervalMs}};
    const bool keepAlive = m_options.keepAliveIntervalMs > 0 && !m_options.keepAliveMessage.isEmpty();
    qint64 silence = m_options.silenceLimitMs;
    if (silence <= 0 && keepAlive)
        silence = 3 * m_options.keepAliveIntervalMs;
    if (keepAlive) {
        if (!m_keepAliveTimer) {
            m_keepAliveTimer = clock()->createTimer();
            connect(m_keepAliveTimer.get(), &ClockTimer::timeout, this, &JsonWebSocketSource::onKeepAliveTimer);
        }
        m_keepAliveTimer->start(m_options.keepAliveIntervalMs);
    }
    connectionEstablished(session, silence, !keepAlive);
    flushQueue();
}

void JsonWebSocketSource::onData(const QByteArray &data)
{
    noteActivity();
    // Servers greet, echo and chat in plain text ("connected", "pong"): only JSON can be a todo here.
    const QByteArray trimmed = data.trimmed();
    const char first = trimmed.isEmpty() ? '\0' : trimmed.at(0);
    if (first != '{' && first != '[' && first != '"') {
        qCDebug(lcSource) << name() << "ignoring a text message that is not JSON:" << trimmed.left(64);
        return;
    }
    InboundMessage message;
    message.body = data;
    message.contentType = "application/json";
    deliver(std::move(message));
}

void JsonWebSocketSource::onKeepAliveTimer()
{
    if (state() != State::Connected || !m_transport)
        return;
    checkClockJump();
    if (state() != State::Connected || !m_transport)
        return;
    m_transport->sendData(m_options.keepAliveMessage.toUtf8());
    m_keepAliveTimer->start(m_options.keepAliveIntervalMs);
}

void JsonWebSocketSource::flushQueue()
{
    while (!m_queue.isEmpty() && m_transport && m_transport->isOpen()) {
        const QString text = m_queue.first();
        if (!m_transport->sendData(text.toUtf8()))
            return;
        QString error;
        if (!m_queue.removeFirst(&error)) {
            // It went out but stays in the file: it would go out again after a restart. Said, not hidden.
            qCWarning(lcSource).noquote() << name() << error;
        }
        Q_EMIT sent(text);
    }
}
