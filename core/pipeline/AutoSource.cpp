#include "pipeline/AutoSource.h"

#include "base/Logging.h"

#include <QNetworkAccessManager>

AutoSource::AutoSource(const QList<QUrl> &urls, const ReconnectOptions &reconnect, const TransportOptions &transport,
                       Factory factory, QObject *parent)
    : PushSource(parent)
    , m_urls(urls)
    , m_transport(transport)
    , m_factory(std::move(factory))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_policy(new ReconnectPolicy(this))
    , m_probe(new ProtocolProbe(m_network.get(), this))
{
    m_policy->setOptions(reconnect);
    m_policy->setUrls(urls);
    m_probe->setTransportOptions(transport);
    connect(m_policy, &ReconnectPolicy::retryDue, this, &AutoSource::probe);
    connect(m_probe, &ProtocolProbe::finished, this, &AutoSource::onProbeFinished);
}

AutoSource::~AutoSource()
{
    m_probe->cancel();
    m_inner.reset(); // its connections may use our HTTP client's cookies: it goes first
}

void AutoSource::setClock(Clock *clock)
{
    m_policy->setClock(clock);
    m_probe->setClock(clock);
}

SourceSession AutoSource::session() const
{
    if (!m_inner)
        return {};
    SourceSession session = m_inner->session();
    session.summary = tr("%1 (%2)").arg(session.summary, m_explanation);
    session.details.insert(QStringLiteral("auto"), m_explanation);
    return session;
}

QList<QPair<QByteArray, QByteArray>> AutoSource::authHeaders() const
{
    return m_inner ? m_inner->authHeaders() : m_transport.handshakeHeaders;
}

QNetworkAccessManager *AutoSource::networkAccessManager() const
{
    QNetworkAccessManager *inner = m_inner ? m_inner->networkAccessManager() : nullptr;
    return inner ? inner : m_network.get();
}

bool AutoSource::settle(const InboundMessage &message, Settlement settlement)
{
    return m_inner && m_inner->settle(message, settlement);
}

void AutoSource::start()
{
    if (m_inner) {
        m_inner->start();
        return;
    }
    if (m_state == State::Connecting)
        return;
    if (m_urls.isEmpty()) {
        m_lastError = {PushError::Kind::Unreachable, tr("no server URL is configured"), {}, {}};
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    m_policy->reset();
    probe();
}

void AutoSource::stop()
{
    m_policy->cancel();
    m_probe->cancel();
    if (m_inner) {
        m_inner->stop();
        return;
    }
    setState(State::Disconnected);
}

void AutoSource::reconnectNow()
{
    if (m_inner) {
        m_inner->reconnectNow();
        return;
    }
    m_policy->cancel();
    if (m_state == State::Failed || m_state == State::Disconnected)
        m_policy->reset();
    probe();
}

void AutoSource::checkLiveness()
{
    if (m_inner) {
        m_inner->checkLiveness();
        return;
    }
    if (m_state == State::Backoff || m_state == State::NeedsAttention)
        reconnectNow();
}

void AutoSource::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AutoSource::probe()
{
    const QUrl url = m_policy->currentUrl();
    qCInfo(lcSource) << "auto: finding out what" << url.toDisplayString(QUrl::RemoveUserInfo) << "speaks";
    setState(State::Connecting);
    m_probe->start(url);
}

void AutoSource::onProbeFinished(const ProtocolProbe::Result &result)
{
    if (!result.found) {
        m_lastError = result.error;
        Q_EMIT errorOccurred(m_lastError);
        m_policy->recordFailure(m_lastError, false);
        const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
        if (retry.giveUp || retry.needsAttention) {
            m_lastError.message = retry.reason;
            Q_EMIT errorOccurred(m_lastError);
        }
        if (retry.giveUp) {
            setState(State::Failed);
            return;
        }
        setState(retry.needsAttention ? State::NeedsAttention : State::Backoff);
        Q_EMIT reconnecting(m_policy->attempt(), retry.delayMs, m_policy->currentUrl());
        return;
    }
    m_protocol = result.protocol;
    m_explanation = result.explanation;
    std::unique_ptr<PushSource> inner = m_factory(result.protocol);
    if (!inner) {
        m_lastError = {PushError::Kind::NotThisProtocol,
                       tr("%1 speaks %2, which this version cannot speak yet")
                           .arg(result.url.toDisplayString(QUrl::RemoveUserInfo), result.protocol),
                       {},
                       result.url};
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    adopt(std::move(inner));
}

void AutoSource::adopt(std::unique_ptr<PushSource> inner)
{
    m_inner = std::move(inner);
    PushSource *source = m_inner.get();
    connect(source, &PushSource::stateChanged, this, &PushSource::stateChanged);
    connect(source, &PushSource::connected, this, [this] { Q_EMIT connected(session()); });
    connect(source, &PushSource::disconnected, this, &PushSource::disconnected);
    connect(source, &PushSource::reconnecting, this, &PushSource::reconnecting);
    connect(source, &PushSource::messageReceived, this, &PushSource::messageReceived);
    connect(source, &PushSource::errorOccurred, this, &PushSource::errorOccurred);
    connect(source, &PushSource::livenessConfirmed, this, &PushSource::livenessConfirmed);
    m_state = State::Disconnected; // from now on the state is the inner source's
    source->start();
}
