#include "MemoryPushSource.h"

MemoryPushSource::MemoryPushSource(const QList<QUrl> &urls, QObject *parent)
    : PushSource(parent)
    , m_urls(urls)
{ }

SourceSession MemoryPushSource::session() const
{
    SourceSession session;
    session.url = currentUrl();
    session.protocol = name();
    session.transport = QStringLiteral("memory");
    session.server = QStringLiteral("MemoryPushSource");
    session.summary = QStringLiteral("in-memory test source");
    return session;
}

void MemoryPushSource::start()
{
    ++m_starts;
    if (m_state != State::Connected)
        setState(State::Connecting);
}

void MemoryPushSource::stop()
{
    const bool wasConnected = m_state == State::Connected;
    m_unsettled.clear();
    setState(State::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected({PushError::Kind::None, QStringLiteral("disconnected"), {}, currentUrl()});
}

void MemoryPushSource::connectNow()
{
    m_lastError = {};
    setState(State::Connected);
    Q_EMIT connected(session());
}

void MemoryPushSource::drop(PushError::Kind kind)
{
    m_lastError = {kind, QStringLiteral("dropped by the test"), {}, currentUrl()};
    m_unsettled.clear(); // a new connection redelivers instead
    Q_EMIT errorOccurred(m_lastError);
    Q_EMIT disconnected(m_lastError);
    setState(State::Backoff);
    Q_EMIT reconnecting(1, 1000, currentUrl());
}

void MemoryPushSource::needAttention(PushError::Kind kind, const QString &message)
{
    if (m_state == State::Connected)
        drop(kind);
    m_lastError = {kind, message, {}, currentUrl()};
    Q_EMIT errorOccurred(m_lastError);
    setState(State::NeedsAttention);
    Q_EMIT reconnecting(3, 300000, currentUrl());
}

quint64 MemoryPushSource::push(const QByteArray &body, const QByteArray &messageId, bool needsSettle)
{
    InboundMessage message;
    message.body = body;
    message.contentType = "application/json";
    message.messageId = messageId;
    message.source = name();
    message.needsSettle = needsSettle;
    if (needsSettle) {
        message.deliveryTag = ++m_lastTag;
        m_unsettled.append(message.deliveryTag);
    }
    Q_EMIT messageReceived(message);
    return message.deliveryTag;
}

bool MemoryPushSource::settle(const InboundMessage &message, Settlement settlement)
{
    if (!message.needsSettle || !m_unsettled.removeOne(message.deliveryTag))
        return false;
    (settlement == Settlement::Accept ? m_accepted : m_rejected).append(message.deliveryTag);
    return true;
}

void MemoryPushSource::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
