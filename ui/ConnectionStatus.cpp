#include "ConnectionStatus.h"

#include "Clock.h"

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

ConnectionStatus::ConnectionStatus(StompClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    Q_ASSERT(client);
    m_state = fold(client->state());
    m_lastError = client->lastError().message;
    connect(client, &StompClient::stateChanged, this, &ConnectionStatus::onStateChanged);
    connect(client, &StompClient::errorOccurred, this, &ConnectionStatus::onError);
    connect(client, &StompClient::reconnecting, this, &ConnectionStatus::onReconnecting);
}

void ConnectionStatus::setClock(Clock *clock)
{
    m_clock = clock;
}

bool ConnectionStatus::isConfigured() const
{
    return m_client && !m_client->options().urls.isEmpty();
}

QString ConnectionStatus::server() const
{
    if (!m_client)
        return {};
    if (m_client->state() == StompClient::State::Connected && m_client->session().url.isValid())
        return hostOf(m_client->session().url);
    if (m_state == State::Offline && m_nextUrl.isValid())
        return hostOf(m_nextUrl);
    const QUrl url = m_client->currentUrl();
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
    case State::Offline:
        if (m_nextAttemptWallMs > 0) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(m_nextAttemptWallMs);
            return tr("offline, next attempt at %1").arg(QLocale().toString(at.time(), QStringLiteral("HH:mm:ss")));
        }
        return tr("offline");
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
    case State::Offline:
        return QStringLiteral("offline");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

ConnectionStatus::State ConnectionStatus::fold(StompClient::State state)
{
    switch (state) {
    case StompClient::State::Connected:
        return State::Connected;
    case StompClient::State::Connecting:
        return State::Connecting;
    case StompClient::State::Failed:
        return State::Failed;
    case StompClient::State::Disconnected:
    case StompClient::State::Disconnecting:
    case StompClient::State::Backoff:
        return State::Offline;
    }
    return State::Offline;
}

void ConnectionStatus::onStateChanged(StompClient::State state)
{
    m_state = fold(state);
    if (state == StompClient::State::Connected)
        m_lastError.clear();
    if (state != StompClient::State::Backoff)
        m_nextAttemptWallMs = 0;
    Q_EMIT changed();
}

void ConnectionStatus::onError(const StompError &error)
{
    if (error.kind == StompErrorKind::None || error.message.isEmpty())
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
