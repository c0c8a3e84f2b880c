#include "source/ReconnectingSource.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "source/LivenessMonitor.h"

ReconnectingSource::ReconnectingSource(QObject *parent)
    : PushSource(parent)
    , m_policy(new ReconnectPolicy(this))
    , m_liveness(new LivenessMonitor(this))
{
    qRegisterMetaType<InboundMessage>();
    qRegisterMetaType<PushError>();
    qRegisterMetaType<SourceSession>();
    connect(m_policy, &ReconnectPolicy::retryDue, this, &ReconnectingSource::onRetryDue);
    connect(m_liveness, &LivenessMonitor::silenceExceeded, this, &ReconnectingSource::onSilenceExceeded);
    connect(m_liveness, &LivenessMonitor::clockJumped, this, &ReconnectingSource::checkLiveness);
    connect(m_liveness, &LivenessMonitor::probeFailed, this, &ReconnectingSource::onProbeFailed);
    connect(m_liveness, &LivenessMonitor::probeAnswered, this, [this] {
        qCInfo(lcSource) << name() << "the server answered: the connection is alive";
        Q_EMIT livenessConfirmed();
    });
    setClock(nullptr);
}

ReconnectingSource::~ReconnectingSource() = default;

void ReconnectingSource::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_policy->setClock(m_clock);
    m_liveness->setClock(m_clock);
    m_connectTimer = m_clock->createTimer();
    connect(m_connectTimer.get(), &ClockTimer::timeout, this, &ReconnectingSource::onConnectTimeout);
}

void ReconnectingSource::setRandomSeed(quint32 seed)
{
    m_policy->setRandomSeed(seed);
}

void ReconnectingSource::setConnectionOptions(const ConnectionOptions &options)
{
    m_options = options;
    m_policy->setOptions(options.reconnect);
    m_policy->setUrls(options.urls);
}

void ReconnectingSource::start()
{
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    if (m_options.urls.isEmpty()) {
        m_lastError = {PushError::Kind::Unreachable, tr("no server URL is configured"), {}, {}};
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    m_stopped = false;
    m_policy->reset();
    startAttempt();
}

void ReconnectingSource::stop()
{
    m_stopped = true;
    m_policy->cancel();
    const bool wasConnected = m_state == State::Connected;
    teardown();
    if (m_state == State::Disconnected)
        return;
    setState(State::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected({PushError::Kind::None, tr("disconnected"), {}, currentUrl()});
}

void ReconnectingSource::reconnectNow()
{
    switch (m_state) {
    case State::Connected:
        // An explicit request to reconnect a working connection: start afresh at once.
        teardown();
        Q_EMIT disconnected({PushError::Kind::ConnectionLost, tr("reconnect requested"), {}, currentUrl()});
        startAttempt();
        return;
    case State::Backoff:
    case State::NeedsAttention:
        m_policy->cancel();
        startAttempt();
        return;
    case State::Disconnected:
    case State::Failed:
        start();
        return;
    case State::Connecting:
    case State::Disconnecting:
        return;
    }
}

void ReconnectingSource::checkLiveness()
{
    if (m_state == State::Backoff || m_state == State::NeedsAttention) {
        qCInfo(lcSource) << name() << "network or system change while waiting to reconnect: reconnecting now";
        m_policy->cancel();
        startAttempt();
        return;
    }
    if (m_state != State::Connected || m_liveness->isProbing())
        return;
    if (!sendProbe()) {
        qCInfo(lcSource) << name() << "cannot probe this connection: reconnecting";
        reconnectNow();
        return;
    }
    m_liveness->probe(m_options.probeTimeoutMs);
    qCInfo(lcSource) << name() << "checking that the connection is alive";
}

void ReconnectingSource::connectionEstablished(const SourceSession &session, qint64 silenceLimitMs, bool wallCheck)
{
    if (m_state != State::Connecting)
        return;
    m_connectTimer->stop();
    m_session = session;
    m_session.protocol = name();
    m_lastError = {};
    m_liveness->start(silenceLimitMs, wallCheck);
    m_policy->connected();
    qCInfo(lcSource).noquote() << name() << "connected to" << session.url.toDisplayString(QUrl::RemoveUserInfo) << "-"
                               << session.summary;
    setState(State::Connected);
    Q_EMIT connected(m_session);
}

void ReconnectingSource::connectionFailed(const PushError &failure)
{
    if (m_state != State::Connecting && m_state != State::Connected)
        return;
    const bool wasConnected = m_state == State::Connected;
    teardown();
    PushError error = failure;
    if (error.url.isEmpty())
        error.url = currentUrl();
    m_lastError = error;
    qCWarning(lcSource).noquote() << name() << "connection to" << error.url.toDisplayString(QUrl::RemoveUserInfo)
                                  << "lost:" << PushError::kindName(error.kind) << error.message;
    Q_EMIT errorOccurred(error);
    if (wasConnected)
        Q_EMIT disconnected(error);
    if (m_stopped) {
        setState(State::Disconnected);
        return;
    }
    m_policy->recordFailure(error, wasConnected);
    scheduleReconnect();
}

void ReconnectingSource::connectionEndedForGood(const PushError &failure)
{
    if (m_state != State::Connecting && m_state != State::Connected)
        return;
    const bool wasConnected = m_state == State::Connected;
    teardown();
    m_policy->cancel();
    PushError error = failure;
    if (error.url.isEmpty())
        error.url = currentUrl();
    m_lastError = error;
    qCWarning(lcSource).noquote() << name() << "connection to" << error.url.toDisplayString(QUrl::RemoveUserInfo)
                                  << "ended for good:" << PushError::kindName(error.kind) << error.message;
    Q_EMIT errorOccurred(error);
    if (wasConnected)
        Q_EMIT disconnected(error);
    setState(m_stopped ? State::Disconnected : State::Failed);
}

void ReconnectingSource::noteActivity()
{
    m_liveness->noteActivity();
}

void ReconnectingSource::deliver(InboundMessage message)
{
    if (m_state != State::Connected)
        return;
    message.source = name();
    Q_EMIT messageReceived(message);
}

void ReconnectingSource::checkClockJump()
{
    m_liveness->checkClockJump();
}

void ReconnectingSource::setState(State state)
{
    if (m_state == state)
        return;
    qCInfo(lcSource) << name() << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ReconnectingSource::startAttempt()
{
    teardown();
    m_session = {};
    const QUrl url = currentUrl();
    m_session.url = url;
    setState(State::Connecting);
    m_connectTimer->start(m_options.connectTimeoutMs);
    qCInfo(lcSource) << name() << "connecting to" << url.toDisplayString(QUrl::RemoveUserInfo) << "attempt"
                     << m_policy->attempt() + 1;
    openConnection(url);
}

void ReconnectingSource::scheduleReconnect()
{
    const ReconnectPolicy::Retry retry = m_policy->scheduleRetry();
    if (retry.giveUp) {
        m_lastError.message = retry.reason;
        qCWarning(lcSource).noquote() << name() << m_lastError.message;
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Failed);
        return;
    }
    if (retry.needsAttention) {
        m_lastError.message = retry.reason;
        qCWarning(lcSource).noquote() << name() << m_lastError.message << "- retrying in" << retry.delayMs << "ms";
        Q_EMIT errorOccurred(m_lastError);
    }
    setState(retry.needsAttention ? State::NeedsAttention : State::Backoff);
    Q_EMIT reconnecting(m_policy->attempt(), retry.delayMs, currentUrl());
}

void ReconnectingSource::teardown()
{
    m_connectTimer->stop();
    m_liveness->stop();
    m_policy->disconnected();
    closeConnection();
}

void ReconnectingSource::onRetryDue()
{
    if (m_state == State::Backoff || m_state == State::NeedsAttention)
        startAttempt();
}

void ReconnectingSource::onConnectTimeout()
{
    if (m_state != State::Connecting)
        return;
    connectionFailed({PushError::Kind::Timeout,
                      tr("no answer from the server within %1 s").arg(double(m_options.connectTimeoutMs) / 1000.0),
                      {},
                      currentUrl()});
}

void ReconnectingSource::onSilenceExceeded(qint64 silenceMs)
{
    if (m_state != State::Connected)
        return;
    connectionFailed({PushError::Kind::HeartbeatLost,
                      tr("nothing from the server for %1 s").arg(double(silenceMs) / 1000.0),
                      {},
                      currentUrl()});
}

void ReconnectingSource::onProbeFailed()
{
    if (m_state != State::Connected)
        return;
    connectionFailed({PushError::Kind::HeartbeatLost,
                      tr("no sign of life from the server after a network change"),
                      {},
                      currentUrl()});
}
