#include "pipeline/ProtocolProbe.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "transport/TransportPlan.h"
#include "transport/WebSocketTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

// STOMP's CONNECT with nothing secret in it: a STOMP server answers CONNECTED, or ERROR when it wants credentials.
const QByteArray kConnectProbe = QByteArrayLiteral("CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:0,0\n\n") + '\0';

QString statusOf(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    return type.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("HTTP %1 %2").arg(status).arg(type);
}

} // namespace

ProtocolProbe::ProtocolProbe(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    qRegisterMetaType<ProtocolProbe::Result>();
    setClock(nullptr);
}

ProtocolProbe::~ProtocolProbe()
{
    clear();
}

void ProtocolProbe::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_timer = m_clock->createTimer();
    connect(m_timer.get(), &ClockTimer::timeout, this, &ProtocolProbe::onTimeout);
}

void ProtocolProbe::start(const QUrl &url)
{
    cancel();
    m_url = url;
    m_plan.emplace(url);
    run(m_plan->start());
}

void ProtocolProbe::cancel()
{
    clear();
    m_plan.reset();
}

void ProtocolProbe::clear()
{
    m_timer->stop();
    if (m_webSocket) {
        m_webSocket->disconnect(this);
        m_webSocket->close();
        m_webSocket.release()->deleteLater();
    }
    m_webSocketOpen = false;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void ProtocolProbe::run(ProtocolPlan::Step step)
{
    clear();
    m_action = step.action;
    switch (step.action) {
    case ProtocolPlan::Action::ProbeWebSocket:
        probeWebSocket(step.url);
        return;
    case ProtocolPlan::Action::ProbeEventStream:
    case ProtocolPlan::Action::ProbeSockJsInfo:
    case ProtocolPlan::Action::ProbeSocketIo:
        probeHttp(step.action, step.url);
        return;
    case ProtocolPlan::Action::Found:
    case ProtocolPlan::Action::Fail:
        break;
    }
    Result result;
    result.url = m_url;
    result.found = step.action == ProtocolPlan::Action::Found;
    result.protocol = m_plan->protocol();
    result.explanation = m_plan->explanation();
    result.error = m_plan->failure();
    m_plan.reset();
    if (result.found)
        qCInfo(lcSource).noquote() << "found" << result.protocol << "at" << m_url.toDisplayString(QUrl::RemoveUserInfo)
                                   << "-" << result.explanation;
    else
        qCWarning(lcSource).noquote() << "no push protocol at" << m_url.toDisplayString(QUrl::RemoveUserInfo) << "-"
                                      << result.error.message;
    Q_EMIT finished(result);
}

void ProtocolProbe::probeWebSocket(const QUrl &url)
{
    qCDebug(lcSource) << "probing the WebSocket at" << url.toDisplayString(QUrl::RemoveUserInfo);
    m_webSocket = std::make_unique<WebSocketTransport>();
    Transport *socket = m_webSocket.get();
    connect(socket, &Transport::opened, this, [this] {
        m_webSocketOpen = true;
        m_webSocket->sendData(kConnectProbe);
        m_timer->start(m_answerWindowMs);
    });
    connect(socket, &Transport::dataReceived, this, &ProtocolProbe::onWebSocketData);
    connect(socket, &Transport::failed, this, [this](TransportError error, const QString &reason) {
        if (!m_plan)
            return;
        if (error == TransportError::HandshakeRefused)
            return run(m_plan->webSocketAnswered(ProtocolPlan::WebSocketAnswer::Refused, reason,
                                                 TransportPlan::httpStatusIn(reason)));
        run(m_plan->unreachable({PushError::kindFor(error, reason), reason, {}, m_url}));
    });
    connect(socket, &Transport::closed, this, [this] {
        // Closed after the CONNECT without a STOMP frame: not STOMP (a plain server that dislikes the text).
        if (m_plan)
            run(m_plan->webSocketAnswered(ProtocolPlan::WebSocketAnswer::OtherMessage));
    });
    m_timer->start(m_timeoutMs);
    socket->open(url, m_options);
}

void ProtocolProbe::onWebSocketData(const QByteArray &data)
{
    if (!m_plan)
        return;
    QByteArray text = data;
    while (!text.isEmpty() && (text.at(0) == '\n' || text.at(0) == '\r'))
        text.remove(0, 1); // heart-beats
    if (text.isEmpty())
        return;
    const bool stomp = text.startsWith("CONNECTED\n") || text.startsWith("CONNECTED\r\n") || text.startsWith("ERROR\n")
        || text.startsWith("ERROR\r\n");
    run(m_plan->webSocketAnswered(stomp ? ProtocolPlan::WebSocketAnswer::StompFrame
                                        : ProtocolPlan::WebSocketAnswer::OtherMessage));
}

void ProtocolProbe::probeHttp(ProtocolPlan::Action action, const QUrl &url)
{
    qCDebug(lcSource) << "probing" << url.toDisplayString(QUrl::RemoveUserInfo);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(int(m_timeoutMs));
#ifndef QT_NO_SSL
    request.setSslConfiguration(m_options.sslConfiguration);
#endif
    for (const auto &header : std::as_const(m_options.handshakeHeaders))
        request.setRawHeader(header.first, header.second);
    if (action == ProtocolPlan::Action::ProbeEventStream) {
        request.setRawHeader("Accept", "text/event-stream");
        request.setRawHeader("Cache-Control", "no-cache");
    }
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    if (m_options.ignoreSslErrors)
        reply->ignoreSslErrors();
    // An event stream never ends: its headers are enough.
    if (action == ProtocolPlan::Action::ProbeEventStream)
        connect(reply, &QNetworkReply::metaDataChanged, this, &ProtocolProbe::onHttpProgress);
    connect(reply, &QNetworkReply::finished, this, &ProtocolProbe::onHttpFinished);
    m_timer->start(m_timeoutMs);
}

void ProtocolProbe::onHttpProgress()
{
    if (!m_reply || !m_plan)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString type = m_reply->header(QNetworkRequest::ContentTypeHeader).toString();
    if (status == 200 && type.startsWith(QLatin1String("text/event-stream"), Qt::CaseInsensitive))
        run(m_plan->httpAnswered(ProtocolPlan::HttpAnswer::Yes));
}

void ProtocolProbe::onHttpFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || !m_plan)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        // No HTTP answer at all: the host is not there, or TLS failed.
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        return run(m_plan->unreachable(
            {tls ? PushError::Kind::Tls : PushError::Kind::Unreachable, reply->errorString(), {}, m_url}));
    }
    if (status == 401 || status == 403)
        return run(m_plan->unreachable({PushError::Kind::AuthFailed,
                                        tr("%1 refused the credentials (%2)").arg(reply->url().toString()).arg(status),
                                        {},
                                        m_url}));
    const QByteArray body = reply->read(64 * 1024);
    bool yes = false;
    if (status == 200) {
        switch (m_action) {
        case ProtocolPlan::Action::ProbeEventStream:
            yes = reply->header(QNetworkRequest::ContentTypeHeader)
                      .toString()
                      .startsWith(QLatin1String("text/event-stream"), Qt::CaseInsensitive);
            break;
        case ProtocolPlan::Action::ProbeSockJsInfo: {
            const QJsonObject info = QJsonDocument::fromJson(body).object();
            yes = info.contains(QLatin1String("websocket"));
            break;
        }
        case ProtocolPlan::Action::ProbeSocketIo:
            yes = body.startsWith("0{") && body.contains("\"sid\"");
            break;
        default:
            break;
        }
    }
    run(m_plan->httpAnswered(yes ? ProtocolPlan::HttpAnswer::Yes : ProtocolPlan::HttpAnswer::No, statusOf(reply),
                             status));
}

void ProtocolProbe::onTimeout()
{
    if (!m_plan)
        return;
    if (m_action == ProtocolPlan::Action::ProbeWebSocket) {
        if (m_webSocketOpen)
            return run(m_plan->webSocketAnswered(ProtocolPlan::WebSocketAnswer::Silence));
        return run(m_plan->unreachable({PushError::Kind::Timeout,
                                        tr("no WebSocket handshake within %1 s").arg(double(m_timeoutMs) / 1000.0),
                                        {},
                                        m_url}));
    }
    run(m_plan->httpAnswered(ProtocolPlan::HttpAnswer::No,
                             tr("no answer within %1 s").arg(double(m_timeoutMs) / 1000.0)));
}
