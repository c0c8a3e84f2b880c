#include "pipeline/AutoConnectionCheck.h"

#include <QNetworkAccessManager>
#include <QTimer>

AutoConnectionCheck::AutoConnectionCheck(const QList<QUrl> &urls, const TransportOptions &transport, Factory factory,
                                         QObject *parent)
    : ConnectionCheck(parent)
    , m_urls(urls)
    , m_factory(std::move(factory))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_probe(new ProtocolProbe(m_network.get(), this))
{
    qRegisterMetaType<ConnectionCheck::Result>();
    qRegisterMetaType<QList<ConnectionCheck::Result>>();
    m_probe->setTransportOptions(transport);
    connect(m_probe, &ProtocolProbe::finished, this, &AutoConnectionCheck::onProbeFinished);
}

AutoConnectionCheck::~AutoConnectionCheck()
{
    m_check.reset();
}

void AutoConnectionCheck::start()
{
    cancel();
    m_results.clear();
    m_index = -1;
    m_running = true;
    if (m_urls.isEmpty()) {
        // Nothing to test; still answer asynchronously, like every other outcome.
        QTimer::singleShot(0, this, [this] {
            if (m_running)
                startNext();
        });
        return;
    }
    startNext();
}

void AutoConnectionCheck::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_probe->cancel();
    if (m_check) {
        m_check->cancel();
        m_check.release()->deleteLater();
    }
}

void AutoConnectionCheck::startNext()
{
    ++m_index;
    if (m_index >= m_urls.size()) {
        m_running = false;
        Q_EMIT finished(m_results);
        return;
    }
    Q_EMIT progress(m_urls.at(m_index), Stage::Connecting);
    m_probe->setTimeout(m_timeoutMs);
    m_probe->start(m_urls.at(m_index));
}

void AutoConnectionCheck::onProbeFinished(const ProtocolProbe::Result &probe)
{
    if (!m_running)
        return;
    std::unique_ptr<ConnectionCheck> check = probe.found ? m_factory(probe.protocol, probe.url) : nullptr;
    if (!check) {
        Result result;
        result.url = probe.url;
        result.error = probe.found
            ? PushError {PushError::Kind::NotThisProtocol,
                         tr("the server speaks %1, which this version cannot speak yet").arg(probe.protocol),
                         {},
                         probe.url}
            : probe.error;
        finishUrl({result});
        return;
    }
    m_explanation = probe.explanation;
    m_check = std::move(check);
    m_check->setTimeout(m_timeoutMs);
    connect(m_check.get(), &ConnectionCheck::progress, this, &ConnectionCheck::progress);
    connect(m_check.get(), &ConnectionCheck::finished, this, &AutoConnectionCheck::finishUrl);
    m_check->start();
}

void AutoConnectionCheck::finishUrl(const QList<Result> &results)
{
    for (Result result : results) {
        if (!m_explanation.isEmpty() && !result.description.isEmpty())
            result.description = tr("%1 (%2)").arg(result.description, m_explanation);
        m_results.append(result);
    }
    m_explanation.clear();
    if (m_check) {
        m_check->disconnect(this);
        m_check.release()->deleteLater(); // we are inside its signal
    }
    QTimer::singleShot(0, this, [this] {
        if (m_running)
            startNext();
    });
}
