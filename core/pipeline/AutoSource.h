#pragma once

#include "pipeline/ProtocolProbe.h"
#include "source/PushSource.h"
#include "source/ReconnectPolicy.h"

#include <functional>
#include <memory>

class QNetworkAccessManager;

// `auto`: finds out which push protocol the server speaks (ProtocolProbe, from the URL a person has), then becomes
// that protocol's source: every call and signal passes through to it, and its session's summary says what was found
// and why. While it probes it is Connecting; a probe that finds nothing is retried with the ReconnectPolicy's backoff
// (a server that is down, or not yet up) over the URLs in failover order, and needs attention when it keeps finding
// a server that speaks no push protocol.
class AutoSource final : public PushSource
{
    Q_OBJECT

public:
    // Makes the source for a protocol found (a value of Settings::protocols()).
    using Factory = std::function<std::unique_ptr<PushSource>(const QString &protocol)>;

    AutoSource(const QList<QUrl> &urls, const ReconnectOptions &reconnect, const TransportOptions &transport,
               Factory factory, QObject *parent = nullptr);
    ~AutoSource() override;
    Q_DISABLE_COPY_MOVE(AutoSource)

    void setClock(Clock *clock);
    // The protocol found, and why ("auto: ..."); empty until then.
    QString protocol() const { return m_protocol; }
    QString explanation() const { return m_explanation; }
    PushSource *inner() const { return m_inner.get(); }

    QString name() const override { return m_inner ? m_inner->name() : QStringLiteral("auto"); }
    State state() const override { return m_inner ? m_inner->state() : m_state; }
    PushError lastError() const override { return m_inner ? m_inner->lastError() : m_lastError; }
    SourceSession session() const override;
    QList<QUrl> urls() const override { return m_urls; }
    QUrl currentUrl() const override { return m_inner ? m_inner->currentUrl() : m_policy->currentUrl(); }
    int attempt() const override { return m_inner ? m_inner->attempt() : m_policy->attempt(); }
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override;
    QNetworkAccessManager *networkAccessManager() const override;
    bool settle(const InboundMessage &message, Settlement settlement) override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void reconnectNow() override;
    void checkLiveness() override;

private:
    void setState(State state);
    void probe();
    void onProbeFinished(const ProtocolProbe::Result &result);
    void adopt(std::unique_ptr<PushSource> inner);

    QList<QUrl> m_urls;
    TransportOptions m_transport;
    Factory m_factory;
    std::unique_ptr<QNetworkAccessManager> m_network; // the probe's HTTP client
    ReconnectPolicy *m_policy = nullptr; // a child
    ProtocolProbe *m_probe = nullptr; // a child
    std::unique_ptr<PushSource> m_inner;
    State m_state = State::Disconnected;
    PushError m_lastError;
    QString m_protocol;
    QString m_explanation;
};
