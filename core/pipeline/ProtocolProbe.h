#pragma once

#include "pipeline/ProtocolPlan.h"
#include "transport/Transport.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class Clock;
class ClockTimer;
class QNetworkAccessManager;
class QNetworkReply;

// Carries out a ProtocolPlan against a server: opens the WebSockets and sends the GETs the plan asks for, tells it
// what came back, and reports what it found (or why nothing). Every probe is bounded (setTimeout()); the WebSocket
// probe waits setAnswerWindow() for an answer to STOMP's CONNECT before calling the silence a plain WebSocket's.
// Nothing probed is kept: every connection is closed again.
class ProtocolProbe final : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        QUrl url;
        bool found = false;
        QString protocol; // a value of Settings::protocols()
        QString explanation; // "auto: ..."
        PushError error; // when !found
    };

    // `network` (the HTTP client, with its cookies) must outlive the probe.
    explicit ProtocolProbe(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ProtocolProbe() override;
    Q_DISABLE_COPY_MOVE(ProtocolProbe)

    void setClock(Clock *clock); // nullptr means Clock::system()
    // Headers (the handshake's: a cookie, Authorization), TLS and proxy, for every probe.
    void setTransportOptions(const TransportOptions &options) { m_options = options; }
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }
    void setAnswerWindow(qint64 ms) { m_answerWindowMs = ms; }

    void start(const QUrl &url);
    void cancel();
    bool isRunning() const { return m_plan.has_value(); }

Q_SIGNALS:
    void finished(const ProtocolProbe::Result &result);

private:
    void run(ProtocolPlan::Step step);
    void probeWebSocket(const QUrl &url);
    void probeHttp(ProtocolPlan::Action action, const QUrl &url);
    void onWebSocketData(const QByteArray &data);
    void onHttpProgress();
    void onHttpFinished();
    void onTimeout();
    void clear();

    QNetworkAccessManager *m_network = nullptr;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_timer;
    TransportOptions m_options;
    qint64 m_timeoutMs = 5000;
    qint64 m_answerWindowMs = 2000;
    std::optional<ProtocolPlan> m_plan;
    QUrl m_url;
    ProtocolPlan::Action m_action = ProtocolPlan::Action::Fail;
    std::unique_ptr<Transport> m_webSocket;
    bool m_webSocketOpen = false;
    QPointer<QNetworkReply> m_reply;
};

Q_DECLARE_METATYPE(ProtocolProbe::Result)
