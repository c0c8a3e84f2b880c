#include "source/ReconnectPolicy.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <QRandomGenerator>

#include <cmath>
#include <utility>

qint64 ReconnectOptions::baseDelay(int attempt) const
{
    const double exponent = qMax(0, attempt - 1);
    const double delay = double(initialDelayMs) * std::pow(qMax(1.0, factor), exponent);
    return qint64(qMin(delay, double(qMax(initialDelayMs, maxDelayMs))));
}

ReconnectPolicy::ReconnectPolicy(QObject *parent)
    : QObject(parent)
    , m_rng(QRandomGenerator::global()->generate())
{
    setClock(nullptr);
}

ReconnectPolicy::~ReconnectPolicy() = default;

void ReconnectPolicy::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_backoffTimer = m_clock->createTimer();
    connect(m_backoffTimer.get(), &ClockTimer::timeout, this, &ReconnectPolicy::retryDue);
    m_stableTimer = m_clock->createTimer();
    connect(m_stableTimer.get(), &ClockTimer::timeout, this, &ReconnectPolicy::onStableTimer);
}

void ReconnectPolicy::setRandomSeed(quint32 seed)
{
    m_rng.seed(seed);
}

void ReconnectPolicy::setUrls(const QList<QUrl> &urls)
{
    m_urls = urls;
    if (m_urlIndex >= m_urls.size())
        m_urlIndex = 0;
}

QUrl ReconnectPolicy::currentUrl() const
{
    if (m_urls.isEmpty())
        return {};
    return m_urls.value(m_urlIndex % m_urls.size());
}

bool ReconnectPolicy::isWaiting() const
{
    return m_backoffTimer->isActive();
}

void ReconnectPolicy::reset()
{
    m_failoverNow = false;
    m_attempt = 0;
    m_authFailures = 0;
    m_permanentFailures = 0;
    m_permanentKind = PushError::Kind::None;
    m_backoffTimer->stop();
}

void ReconnectPolicy::cancel()
{
    m_backoffTimer->stop();
}

void ReconnectPolicy::connected()
{
    m_authFailures = 0;
    m_permanentFailures = 0;
    m_permanentKind = PushError::Kind::None;
    if (m_options.stableAfterMs > 0)
        m_stableTimer->start(m_options.stableAfterMs);
    else
        m_attempt = 0;
}

void ReconnectPolicy::disconnected()
{
    m_stableTimer->stop();
}

void ReconnectPolicy::onStableTimer()
{
    m_attempt = 0;
}

void ReconnectPolicy::recordFailure(const PushError &error, bool wasConnected)
{
    m_stableTimer->stop();
    m_lastMessage = error.message;
    // Another URL is another node (or another server) that may well be up: move on. Only a connection that had
    // been stable (no failure counted since) skips the backoff, so a node that accepts and drops at once, or a
    // whole cluster that is down, is retried at the backoff's pace.
    m_failoverNow = false;
    if (m_urls.size() > 1) {
        m_urlIndex = (m_urlIndex + 1) % m_urls.size();
        m_failoverNow = wasConnected && m_attempt == 0;
    }
    if (error.kind == PushError::Kind::AuthFailed) {
        ++m_authFailures;
    } else if (!error.isTransient()) {
        m_permanentFailures = error.kind == m_permanentKind ? m_permanentFailures + 1 : 1;
        m_permanentKind = error.kind;
    } else {
        m_permanentFailures = 0;
        m_permanentKind = PushError::Kind::None;
    }
    ++m_attempt;
}

ReconnectPolicy::Retry ReconnectPolicy::scheduleRetry()
{
    Retry retry;
    if (m_authFailures >= qMax(1, m_options.maxAuthFailures)) {
        retry.giveUp = true;
        retry.reason =
            tr("authentication failed %n time(s); not retrying: %1", nullptr, m_authFailures).arg(m_lastMessage);
        return retry;
    }
    if (m_permanentFailures >= qMax(1, m_options.maxPermanentFailures)) {
        retry.reason = m_permanentFailures == 1
            ? tr("%1 (retrying cannot fix this)").arg(m_lastMessage)
            : tr("the same error %n time(s) in a row, which retrying cannot fix: %1", nullptr, m_permanentFailures)
                  .arg(m_lastMessage);
        if (m_options.giveUpWhenAttentionNeeded) {
            retry.giveUp = true;
            return retry;
        }
        retry.needsAttention = true;
        retry.delayMs = qMax<qint64>(m_options.attentionRetryMs, m_options.maxDelayMs);
        m_backoffTimer->start(retry.delayMs);
        return retry;
    }
    if (m_options.maxAttempts > 0 && m_attempt >= m_options.maxAttempts) {
        retry.giveUp = true;
        retry.reason = tr("gave up after %n attempt(s): %1", nullptr, m_attempt).arg(m_lastMessage);
        return retry;
    }
    if (std::exchange(m_failoverNow, false)) {
        std::uniform_int_distribution<qint64> spread(0, qMax<qint64>(0, m_options.failoverDelayMs));
        retry.delayMs = spread(m_rng);
        qCInfo(lcSource) << "failing over to" << currentUrl().toDisplayString(QUrl::RemoveUserInfo) << "in"
                         << retry.delayMs << "ms";
        m_backoffTimer->start(retry.delayMs);
        return retry;
    }
    const qint64 base = m_options.baseDelay(m_attempt);
    const double jitter = qBound(0.0, m_options.jitter, 1.0);
    std::uniform_real_distribution<double> spread(1.0 - jitter, 1.0);
    retry.delayMs = qMax<qint64>(0, qint64(double(base) * spread(m_rng)));
    m_backoffTimer->start(retry.delayMs);
    return retry;
}
