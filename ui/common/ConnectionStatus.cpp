#include "common/ConnectionStatus.h"

#include "base/Clock.h"

#include <QDateTime>
#include <QLocale>

namespace {

QString hostOf(const QUrl &url)
{
    if (url.host().isEmpty())
        return url.toDisplayString(QUrl::RemoveUserInfo);
    return url.port() >= 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

} // namespace

ConnectionStatus::ConnectionStatus(PushSource *source, QObject *parent)
    : QObject(parent)
{
    setSource(source);
}

void ConnectionStatus::setSource(PushSource *source)
{
    Q_ASSERT(source);
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    m_state = source->state();
    m_lastError = source->lastError().message;
    m_nextAttemptWallMs = 0;
    m_nextUrl.clear();
    connect(source, &PushSource::stateChanged, this, &ConnectionStatus::onStateChanged);
    connect(source, &PushSource::errorOccurred, this, &ConnectionStatus::onError);
    connect(source, &PushSource::reconnecting, this, &ConnectionStatus::onReconnecting);
    Q_EMIT changed();
}

void ConnectionStatus::setClock(Clock *clock)
{
    m_clock = clock;
}

bool ConnectionStatus::isConfigured() const
{
    return m_source && !m_source->urls().isEmpty();
}

bool ConnectionStatus::isOffline(State state)
{
    return state == State::Disconnected || state == State::Disconnecting || state == State::Backoff;
}

QString ConnectionStatus::server() const
{
    if (!m_source)
        return {};
    if (m_source->state() == State::Connected && m_source->session().url.isValid())
        return hostOf(m_source->session().url);
    if (isOffline() && m_nextUrl.isValid())
        return hostOf(m_nextUrl);
    const QUrl url = m_source->currentUrl();
    return url.isValid() ? hostOf(url) : QString();
}

QString ConnectionStatus::stateText() const
{
    if (!isConfigured())
        return tr("no server configured");
    switch (m_state) {
    case State::Connected:
        return tr("connected to %1").arg(server());
    case State::Connecting:
        return tr("connecting to %1…").arg(server());
    case State::Disconnected:
    case State::Disconnecting:
    case State::Backoff:
        if (m_nextAttemptWallMs > 0) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(m_nextAttemptWallMs);
            return tr("offline, next attempt at %1").arg(QLocale().toString(at.time(), QStringLiteral("HH:mm:ss")));
        }
        return tr("offline");
    case State::NeedsAttention:
        return tr("needs attention: cannot connect to %1").arg(server());
    case State::Failed:
        return tr("failed to connect to %1").arg(server());
    }
    return {};
}

QString ConnectionStatus::description() const
{
    QString text = stateText();
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    if (m_state != State::Connected && !m_lastError.isEmpty() && isConfigured())
        text = tr("%1 (%2)").arg(text, m_lastError);
    return text;
}

QString ConnectionStatus::stateName(State state)
{
    switch (state) {
    case State::Connected:
        return QStringLiteral("connected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Failed:
        return QStringLiteral("failed");
    case State::NeedsAttention:
        return QStringLiteral("needs-attention");
    case State::Disconnected:
    case State::Disconnecting:
    case State::Backoff:
        break;
    }
    return QStringLiteral("offline");
}

void ConnectionStatus::onStateChanged(State state)
{
    m_state = state;
    if (state == State::Connected)
        m_lastError.clear();
    if (state != State::Backoff && state != State::NeedsAttention)
        m_nextAttemptWallMs = 0;
    Q_EMIT changed();
}

void ConnectionStatus::onError(const PushError &error)
{
    if (error.kind == PushError::Kind::None || error.message.isEmpty())
        return;
    m_lastError = error.message;
    Q_EMIT changed();
}

void ConnectionStatus::onReconnecting(int attempt, qint64 delayMs, const QUrl &nextUrl)
{
    Q_UNUSED(attempt)
    Clock *clock = m_clock ? m_clock : Clock::system();
    m_nextAttemptWallMs = clock->wallMs() + delayMs;
    m_nextUrl = nextUrl;
    Q_EMIT changed();
}
