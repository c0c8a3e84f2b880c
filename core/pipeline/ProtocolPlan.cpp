#include "pipeline/ProtocolPlan.h"

namespace {

bool isWebSocket(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("ws") || scheme == QLatin1String("wss");
}

bool isHttp(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

} // namespace

ProtocolPlan::ProtocolPlan(const QUrl &url)
    : m_url(url)
{ }

QUrl ProtocolPlan::httpUrlFor(const QUrl &url)
{
    QUrl http = url;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("ws"))
        http.setScheme(QStringLiteral("http"));
    else if (scheme == QLatin1String("wss"))
        http.setScheme(QStringLiteral("https"));
    return http;
}

QUrl ProtocolPlan::webSocketUrlFor(const QUrl &url)
{
    QUrl ws = url;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        ws.setScheme(QStringLiteral("ws"));
    else if (scheme == QLatin1String("https"))
        ws.setScheme(QStringLiteral("wss"));
    return ws;
}

QUrl ProtocolPlan::socketIoHandshakeUrl(const QUrl &url)
{
    QUrl handshake = httpUrlFor(url);
    handshake.setPath(QStringLiteral("/socket.io/"));
    handshake.setQuery(QStringLiteral("EIO=4&transport=polling"));
    handshake.setFragment({});
    return handshake;
}

QUrl ProtocolPlan::sockJsInfoUrl(const QUrl &url)
{
    QUrl info = httpUrlFor(url);
    QString path = info.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    info.setPath(path + QStringLiteral("info"));
    info.setQuery(QString());
    info.setFragment({});
    return info;
}

ProtocolPlan::Step ProtocolPlan::start()
{
    m_notes.clear();
    m_protocol.clear();
    m_failure = {};
    m_triedWebSocket = false;
    m_triedHttp = false;
    m_onlyNotFound = true;
    const QString scheme = m_url.scheme().toLower();
    if (scheme.startsWith(QLatin1String("stomp")))
        return found(QStringLiteral("stomp"), tr("a broker's STOMP port (%1://)").arg(scheme));
    if (isWebSocket(m_url))
        return next(Stage::WebSocket, Action::ProbeWebSocket, m_url);
    if (isHttp(m_url))
        return next(Stage::EventStream, Action::ProbeEventStream, m_url);
    return fail({PushError::Kind::NotThisProtocol,
                 tr("%1 is not a URL of a push server (ws://, wss://, http://, https://, stomp://)")
                     .arg(m_url.toDisplayString(QUrl::RemoveUserInfo)),
                 {},
                 m_url});
}

ProtocolPlan::Step ProtocolPlan::webSocketAnswered(WebSocketAnswer answer, const QString &detail, int httpStatus)
{
    m_triedWebSocket = true;
    switch (answer) {
    case WebSocketAnswer::StompFrame:
        return found(QStringLiteral("stomp"), tr("the WebSocket answered STOMP's CONNECT with a STOMP frame"));
    case WebSocketAnswer::OtherMessage:
        return found(QStringLiteral("json-ws"),
                     tr("the WebSocket answered STOMP's CONNECT with something else: a plain WebSocket"));
    case WebSocketAnswer::Silence:
        return found(QStringLiteral("json-ws"),
                     tr("the WebSocket did not answer STOMP's CONNECT: a plain WebSocket (it may wait for an open "
                        "message)"));
    case WebSocketAnswer::Refused:
        break;
    }
    m_notes.append(tr("the WebSocket upgrade was refused (%1)").arg(detail));
    noteStatus(httpStatus);
    if (m_stage == Stage::WebSocket && !m_triedHttp)
        return next(Stage::EventStream, Action::ProbeEventStream, httpUrlFor(m_url));
    return nothingFound();
}

ProtocolPlan::Step ProtocolPlan::httpAnswered(HttpAnswer answer, const QString &detail, int httpStatus)
{
    m_triedHttp = true;
    const bool yes = answer == HttpAnswer::Yes;
    if (!yes)
        noteStatus(httpStatus);
    switch (m_stage) {
    case Stage::EventStream:
        if (yes)
            return found(QStringLiteral("sse"), tr("the URL answered with an event stream"));
        m_notes.append(tr("not an event stream (%1)").arg(detail));
        return next(Stage::SockJsInfo, Action::ProbeSockJsInfo, sockJsInfoUrl(m_url));
    case Stage::SockJsInfo:
        if (yes)
            return found(QStringLiteral("stomp"), tr("/info answered: a SockJS endpoint (STOMP over SockJS)"));
        m_notes.append(tr("no SockJS /info (%1)").arg(detail));
        return next(Stage::SocketIo, Action::ProbeSocketIo, socketIoHandshakeUrl(m_url));
    case Stage::SocketIo:
        if (yes)
            return found(QStringLiteral("socketio"), tr("/socket.io/ answered Engine.IO's handshake: Socket.IO"));
        m_notes.append(tr("no Socket.IO at /socket.io/ (%1)").arg(detail));
        if (!m_triedWebSocket)
            return next(Stage::WebSocketAfterHttp, Action::ProbeWebSocket, webSocketUrlFor(m_url));
        break;
    default:
        break;
    }
    return nothingFound();
}

ProtocolPlan::Step ProtocolPlan::unreachable(const PushError &error)
{
    return fail(error);
}

QString ProtocolPlan::explanation() const
{
    if (m_notes.isEmpty())
        return {};
    QString text = tr("auto: %1").arg(m_notes.constLast());
    if (m_notes.size() > 1)
        text += tr(" (before that: %1)").arg(m_notes.mid(0, m_notes.size() - 1).join(QStringLiteral("; ")));
    return text;
}

ProtocolPlan::Step ProtocolPlan::found(const QString &protocol, const QString &why)
{
    m_stage = Stage::Done;
    m_protocol = protocol;
    m_notes.append(why);
    return {Action::Found, m_url};
}

ProtocolPlan::Step ProtocolPlan::fail(const PushError &error)
{
    m_stage = Stage::Done;
    m_failure = error;
    if (m_failure.url.isEmpty())
        m_failure.url = m_url;
    return {Action::Fail, m_url};
}

ProtocolPlan::Step ProtocolPlan::nothingFound()
{
    // Every way answered 404: the server is there but has nothing at this path, which the person must correct (the
    // same failure a single protocol reports for a 404).
    return fail({m_onlyNotFound ? PushError::Kind::PathNotFound : PushError::Kind::NotThisProtocol,
                 tr("no push protocol found at %1: %2")
                     .arg(m_url.toDisplayString(QUrl::RemoveUserInfo), m_notes.join(QStringLiteral("; "))),
                 {},
                 m_url});
}

void ProtocolPlan::noteStatus(int httpStatus)
{
    if (httpStatus != 404)
        m_onlyNotFound = false;
}

ProtocolPlan::Step ProtocolPlan::next(Stage stage, Action action, const QUrl &url)
{
    m_stage = stage;
    return {action, url};
}
