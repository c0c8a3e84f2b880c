#pragma once

#include "pipeline/ProtocolProbe.h"
#include "source/ConnectionCheck.h"

#include <functional>
#include <memory>

class QNetworkAccessManager;

// "Test connection" with `auto`: for every URL, finds out what the server speaks (ProtocolProbe), then runs that
// protocol's own test (STOMP's subscribes with receipts) on that URL; each result says what was found and why.
class AutoConnectionCheck final : public ConnectionCheck
{
    Q_OBJECT
public:
    // Makes the test of one protocol for one URL.
    using Factory = std::function<std::unique_ptr<ConnectionCheck>(const QString &protocol, const QUrl &url)>;

    AutoConnectionCheck(const QList<QUrl> &urls, const TransportOptions &transport, Factory factory,
                        QObject *parent = nullptr);
    ~AutoConnectionCheck() override;
    Q_DISABLE_COPY_MOVE(AutoConnectionCheck)

    void start() override;
    void cancel() override;
    bool isRunning() const override { return m_running; }
    void setTimeout(qint64 ms) override { m_timeoutMs = ms; }

private:
    void startNext();
    void onProbeFinished(const ProtocolProbe::Result &probe);
    void finishUrl(const QList<Result> &results);

    QList<QUrl> m_urls;
    Factory m_factory;
    std::unique_ptr<QNetworkAccessManager> m_network;
    ProtocolProbe *m_probe = nullptr; // a child
    std::unique_ptr<ConnectionCheck> m_check;
    QString m_explanation;
    QList<Result> m_results;
    qsizetype m_index = -1;
    qint64 m_timeoutMs = 10000;
    bool m_running = false;
};
