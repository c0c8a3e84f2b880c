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

ConnectionStatus::ConnectionStatus(QObject *parent)
    : QObject(parent)
{ }

void ConnectionStatus::addServer(ConnectionStatus *server, const QString &name)
{
    Q_ASSERT(server && server != this);
    m_servers.append({server, name});
    connect(server, &ConnectionStatus::changed, this, &ConnectionStatus::onServerChanged);
    onServerChanged();
}

void ConnectionStatus::clearServers()
{
    for (const Server &server : std::as_const(m_servers)) {
        if (server.status)
            server.status->disconnect(this);
    }
    m_servers.clear();
    onServerChanged();
}

QList<PushSource *> ConnectionStatus::sources() const
{
    QList<PushSource *> sources;
    if (m_source)
        sources.append(m_source);
    for (const Server &server : m_servers) {
        if (server.status && server.status->source())
            sources.append(server.status->source());
    }
    return sources;
}

void ConnectionStatus::reconnectNow()
{
    for (PushSource *source : sources())
        source->reconnectNow();
}

PushSource *ConnectionStatus::source() const
{
    if (const Server *server = worst())
        return server->status->source();
    return m_source;
}

int ConnectionStatus::severity(State state)
{
    switch (state) {
    case State::Connected:
        return 0;
    case State::Connecting:
        return 1;
    case State::Disconnected:
    case State::Disconnecting:
    case State::Backoff:
        return 2;
    case State::Failed:
        return 3;
    case State::NeedsAttention:
        return 4;
    }
    return 2;
}

const ConnectionStatus::Server *ConnectionStatus::worst() const
{
    const Server *worst = nullptr;
    for (const Server &server : m_servers) {
        if (!server.status)
            continue;
        if (!worst) {
            worst = &server;
            continue;
        }
        // A server without a URL says nothing about the connections while another one is configured.
        const bool configured = server.status->isConfigured();
        const bool worstConfigured = worst->status->isConfigured();
        if (configured != worstConfigured) {
            if (configured)
                worst = &server;
            continue;
        }
        if (severity(server.status->state()) > severity(worst->status->state()))
            worst = &server;
    }
    return worst;
}

void ConnectionStatus::onServerChanged()
{
    const Server *server = worst();
    m_state = server ? server->status->state() : State::Disconnected;
    m_lastError = server ? server->status->lastError() : QString();
    Q_EMIT changed();
}

void ConnectionStatus::setSource(PushSource *source)
{
    Q_ASSERT(source);
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    m_connectedServer.reset();
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
    if (const Server *server = worst())
        return server->status->isConfigured();
    return m_source && !m_source->urls().isEmpty();
}

bool ConnectionStatus::isOffline(State state)
{
    return state == State::Disconnected || state == State::Disconnecting || state == State::Backoff;
}

QString ConnectionStatus::server() const
{
    if (const Server *server = worst())
        return server->status->server();
    if (!m_source)
        return {};
    if (m_source->state() == State::Connected) {
        // Read once per connection: the tooltip and the list window ask on every change of the counts, and a source
        // builds its whole session description to answer.
        if (!m_connectedServer) {
            const QUrl url = m_source->session().url;
            if (url.isValid())
                m_connectedServer = hostOf(url);
        }
        if (m_connectedServer)
            return *m_connectedServer;
    }
    if (isOffline() && m_nextUrl.isValid())
        return hostOf(m_nextUrl);
    const QUrl url = m_source->currentUrl();
    return url.isValid() ? hostOf(url) : QString();
}

QString ConnectionStatus::stateText() const
{
    if (const Server *server = worst()) {
        if (m_servers.size() == 1)
            return server->status->stateText();
        int configured = 0;
        int connected = 0;
        for (const Server &each : m_servers) {
            if (each.status && each.status->isConfigured()) {
                ++configured;
                connected += each.status->state() == State::Connected ? 1 : 0;
            }
        }
        if (configured > 0 && connected == configured)
            return tr("connected to %n servers", nullptr, connected);
        // One arg() for all: a name holding "%3" stays as it is.
        return tr("%1: %2 — %3 of %4 servers connected")
            .arg(server->name, server->status->stateText(), QString::number(connected), QString::number(configured));
    }
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
    if (m_servers.size() == 1 && worst())
        return worst()->status->description();
    QString text = stateText();
    // A server's name leads as people wrote it.
    const Server *server = worst();
    if (!text.isEmpty() && (!server || !text.startsWith(server->name)))
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
    m_connectedServer.reset(); // a new connection may be to another server
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
