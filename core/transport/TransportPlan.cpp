#include "transport/TransportPlan.h"

#include "transport/SockJsFraming.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

QUrl asWebSocketUrl(const QUrl &url)
{
    QUrl out = url;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        out.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https"))
        out.setScheme(QStringLiteral("wss"));
    return out;
}

bool isWebSocketScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("ws") || scheme == QLatin1String("wss");
}

bool isHttpScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

TransportPlan::Action actionFor(const TransportChoice &choice)
{
    if (choice.kind != TransportMode::SockJs)
        return TransportPlan::Action::OpenWebSocket;
    switch (choice.flavour) {
    case SockJsFlavour::XhrStreaming:
        return TransportPlan::Action::OpenXhrStreaming;
    case SockJsFlavour::XhrPolling:
        return TransportPlan::Action::OpenXhrPolling;
    case SockJsFlavour::WebSocket:
        break;
    }
    return TransportPlan::Action::OpenSockJs;
}

// Once /info has answered, the host is reachable: a SockJS transport that fails for any other reason than
// credentials or TLS is taken to be blocked on the way (a proxy that drops `Upgrade` answers 400, 404 or 426, or
// closes the connection), and the next one is tried.
bool blockedOnTheWay(TransportError error)
{
    return error != TransportError::Tls && error != TransportError::AuthRejected;
}

} // namespace

QString transportModeName(TransportMode mode)
{
    switch (mode) {
    case TransportMode::WebSocket:
        return QStringLiteral("websocket");
    case TransportMode::SockJs:
        return QStringLiteral("sockjs");
    case TransportMode::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool parseTransportMode(QStringView text, TransportMode *mode)
{
    if (text == QLatin1String("auto"))
        *mode = TransportMode::Auto;
    else if (text == QLatin1String("websocket"))
        *mode = TransportMode::WebSocket;
    else if (text == QLatin1String("sockjs"))
        *mode = TransportMode::SockJs;
    else
        return false;
    return true;
}

TransportPlan::TransportPlan(const QUrl &url, TransportMode mode, std::optional<TransportChoice> remembered)
    : m_url(url)
    , m_mode(mode)
    , m_remembered(std::move(remembered))
{ }

int TransportPlan::httpStatusIn(const QString &reason)
{
    static const QRegularExpression statusPattern(QStringLiteral("(?:status code:?|returned) (\\d{3})"));
    const QRegularExpressionMatch match = statusPattern.match(reason);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QString TransportPlan::refusal(const QString &reason)
{
    const int status = httpStatusIn(reason);
    return status > 0 ? tr(" with %1").arg(status) : QStringLiteral(" (") + reason + QLatin1Char(')');
}

TransportPlan::Step TransportPlan::start()
{
    m_notes.clear();
    m_info.reset();
    m_firstError = TransportError::None;
    m_firstReason.clear();
    m_rememberedRefused = false;
    const bool known = isWebSocketScheme(m_url) || isHttpScheme(m_url);
    if (!m_url.isValid() || m_url.host().isEmpty() || !known)
        return fail(TransportError::HandshakeRefused,
                    tr("not a server URL (ws://, wss://, http:// or https://): %1")
                        .arg(m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    switch (m_mode) {
    case TransportMode::WebSocket:
        return open(Stage::UrlAsWebSocket, Action::OpenWebSocket, asWebSocketUrl(m_url));
    case TransportMode::SockJs:
        // /info first: it says whether SockJS's WebSocket is worth a try.
        m_stage = Stage::Info;
        m_current = {Action::FetchInfo, m_url};
        return m_current;
    case TransportMode::Auto:
        break;
    }
    if (m_remembered && m_remembered->kind != TransportMode::Auto)
        return open(Stage::Remembered, actionFor(*m_remembered), m_remembered->url);
    return exploreFromStart();
}

TransportPlan::Step TransportPlan::exploreFromStart()
{
    if (isWebSocketScheme(m_url))
        return open(Stage::WebSocketFirst, Action::OpenWebSocket, m_url);
    m_stage = Stage::Info;
    m_current = {Action::FetchInfo, m_url};
    return m_current;
}

TransportPlan::Step TransportPlan::open(Stage stage, Action action, const QUrl &url)
{
    m_stage = stage;
    m_current = {action, url};
    return m_current;
}

TransportPlan::Step TransportPlan::fail(TransportError error, const QString &reason)
{
    m_stage = Stage::Done;
    m_failureError = error == TransportError::None ? TransportError::HandshakeRefused : error;
    m_failureReason = reason;
    m_current = {Action::Fail, {}};
    return m_current;
}

TransportPlan::Step TransportPlan::infoFetched(const SockJsInfo &info)
{
    if (m_stage != Stage::Info)
        return m_current;
    m_info = info;
    if (!info.websocket) {
        m_notes << tr("/info says websocket:false");
        return open(Stage::XhrStreaming, Action::OpenXhrStreaming, m_url);
    }
    if (m_mode == TransportMode::SockJs)
        return open(Stage::SockJs, Action::OpenSockJs, m_url);
    m_notes << tr("/info says websocket:true");
    return open(Stage::RawWebSocket, Action::OpenWebSocket, SockJsFraming::rawWebSocketUrl(m_url));
}

TransportPlan::Step TransportPlan::infoFailed(TransportError error, const QString &reason, int httpStatus)
{
    if (m_stage != Stage::Info)
        return m_current;
    if (m_mode == TransportMode::SockJs)
        return fail(error, reason);
    if (m_firstError != TransportError::None) {
        // A ws:// URL whose upgrade was refused and that is no SockJS endpoint either: report the upgrade.
        return fail(m_firstError, m_firstReason + tr("; not a SockJS endpoint either: %1").arg(reason));
    }
    if (error == TransportError::Unreachable || error == TransportError::Tls || error == TransportError::AuthRejected)
        return fail(error, reason);
    if (httpStatus >= 200 && httpStatus < 300)
        m_notes << tr("/info is not SockJS JSON");
    else if (httpStatus > 0)
        m_notes << tr("/info returned %1").arg(httpStatus);
    else
        m_notes << tr("no SockJS /info");
    m_firstError = error;
    m_firstReason = reason;
    return open(Stage::UrlAsWebSocket, Action::OpenWebSocket, asWebSocketUrl(m_url));
}

TransportPlan::Step TransportPlan::openFailed(TransportError error, const QString &reason)
{
    const bool refused = error == TransportError::HandshakeRefused;
    switch (m_stage) {
    case Stage::Remembered:
        if (!refused)
            return fail(error, reason);
        m_rememberedRefused = true;
        m_remembered.reset();
        m_notes << tr("what worked before was refused%1").arg(refusal(reason));
        return exploreFromStart();
    case Stage::WebSocketFirst:
        if (!refused)
            return fail(error, reason);
        m_firstError = error;
        m_firstReason = reason;
        m_notes << tr("WebSocket upgrade refused%1").arg(refusal(reason));
        m_stage = Stage::Info;
        m_current = {Action::FetchInfo, m_url};
        return m_current;
    case Stage::RawWebSocket:
        if (!blockedOnTheWay(error))
            return fail(error, reason);
        if (refused)
            m_notes << tr("raw /websocket refused%1").arg(refusal(reason));
        else
            m_notes << tr("raw /websocket failed (%1)").arg(reason);
        return open(Stage::SockJs, Action::OpenSockJs, m_url);
    case Stage::UrlAsWebSocket:
        if (m_mode == TransportMode::Auto && m_firstError != TransportError::None)
            return fail(refused ? m_firstError : error, m_firstReason + tr("; as a raw WebSocket URL: %1").arg(reason));
        return fail(error, reason);
    case Stage::SockJs:
    case Stage::XhrStreaming:
        return sockJsFallback(error, reason);
    case Stage::XhrPolling:
        return fail(error,
                    m_notes.isEmpty() ? reason : tr("%1 (before: %2)").arg(reason, m_notes.join(QStringLiteral("; "))));
    case Stage::Initial:
    case Stage::Info:
    case Stage::Done:
        break;
    }
    return m_current;
}

TransportPlan::Step TransportPlan::sockJsFallback(TransportError error, const QString &reason)
{
    const bool streaming = m_stage == Stage::XhrStreaming;
    // An HTTP request that cannot reach the host means the network is down, not that something is in the way.
    if (!blockedOnTheWay(error) || (streaming && error == TransportError::Unreachable))
        return fail(error, reason);
    const QString what = streaming ? QStringLiteral("xhr-streaming") : tr("SockJS WebSocket");
    if (error == TransportError::HandshakeRefused)
        m_notes << tr("%1 refused%2").arg(what, refusal(reason));
    else
        m_notes << tr("%1 failed (%2)").arg(what, reason);
    if (streaming)
        return open(Stage::XhrPolling, Action::OpenXhrPolling, m_url);
    return open(Stage::XhrStreaming, Action::OpenXhrStreaming, m_url);
}

TransportChoice TransportPlan::choice() const
{
    if (m_stage == Stage::Remembered && m_remembered)
        return *m_remembered;
    TransportChoice choice;
    switch (m_current.action) {
    case Action::OpenSockJs:
        choice.kind = TransportMode::SockJs;
        break;
    case Action::OpenXhrStreaming:
        choice.kind = TransportMode::SockJs;
        choice.flavour = SockJsFlavour::XhrStreaming;
        break;
    case Action::OpenXhrPolling:
        choice.kind = TransportMode::SockJs;
        choice.flavour = SockJsFlavour::XhrPolling;
        break;
    case Action::FetchInfo:
    case Action::OpenWebSocket:
    case Action::Fail:
        choice.kind = TransportMode::WebSocket;
        break;
    }
    choice.url = m_current.url;
    choice.explanation = explanation();
    return choice;
}

QString TransportPlan::explanation() const
{
    if (m_mode != TransportMode::Auto)
        return m_notes.isEmpty()
            ? tr("%1, as configured").arg(transportModeName(m_mode))
            : tr("%1, as configured: %2").arg(transportModeName(m_mode), m_notes.join(QStringLiteral("; ")));
    if (m_stage == Stage::Remembered && m_remembered)
        return m_remembered->explanation.startsWith(QLatin1String("auto: "))
            ? tr("auto, remembered: %1").arg(m_remembered->explanation.mid(6))
            : tr("auto, remembered: %1").arg(m_remembered->explanation);
    if (m_notes.isEmpty())
        return tr("auto: the WebSocket upgrade was accepted");
    return tr("auto: %1").arg(m_notes.join(QStringLiteral("; ")));
}
