#include "transport/SockJsTransport.h"

#include "base/Logging.h"
#include "transport/SockJsFraming.h"
#include "transport/WebSocketTransport.h"

#include <QNetworkAccessManager>
#include <QTimer>

SockJsTransport::SockJsTransport(QObject *parent)
    : Transport(parent)
{ }

SockJsTransport::~SockJsTransport()
{
    releaseSocket();
}

void SockJsTransport::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void SockJsTransport::setKnownInfo(const SockJsInfo &info)
{
    m_knownInfo = info;
}

void SockJsTransport::open(const QUrl &url, const TransportOptions &options)
{
    releaseSocket();
    m_base = url;
    m_options = options;
    // A fresh session for every connection: SockJS servers refuse (or worse, resume) a reused session id.
    m_serverId = SockJsFraming::randomServerId();
    m_sessionId = SockJsFraming::randomSessionId();
    m_sessionUrl = SockJsFraming::sessionUrl(url, m_serverId, m_sessionId);

    const QString scheme = url.scheme().toLower();
    const bool known = scheme == QLatin1String("http") || scheme == QLatin1String("https")
        || scheme == QLatin1String("ws") || scheme == QLatin1String("wss");
    if (!url.isValid() || url.host().isEmpty() || !known) {
        m_state = State::Connecting;
        const QString reason = tr("not a SockJS URL (http://, https://, ws:// or wss://): %1")
                                   .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        QTimer::singleShot(0, this, [this, reason] { finish(TransportError::HandshakeRefused, reason); });
        return;
    }
    if (m_knownInfo) {
        const SockJsInfo info = *m_knownInfo;
        m_knownInfo.reset();
        m_state = State::Connecting;
        if (!info.websocket) {
            QTimer::singleShot(0, this, [this] { finish(TransportError::HandshakeRefused, webSocketSwitchedOff()); });
            return;
        }
        QTimer::singleShot(0, this, [this] {
            if (m_state == State::Connecting)
                openSocket();
        });
        return;
    }
    m_state = State::FetchingInfo;
    m_probe = std::make_unique<SockJsInfoProbe>(m_manager);
    connect(m_probe.get(), &SockJsInfoProbe::finished, this, &SockJsTransport::onInfoFinished);
    m_probe->start(url, options, kInfoTimeoutMs);
}

void SockJsTransport::onInfoFinished()
{
    if (m_state != State::FetchingInfo || !m_probe)
        return;
    if (!m_probe->succeeded())
        return finish(m_probe->error(), m_probe->errorString());
    if (!m_probe->info().websocket)
        return finish(TransportError::HandshakeRefused, webSocketSwitchedOff());
    m_state = State::Connecting;
    openSocket();
}

QString SockJsTransport::webSocketSwitchedOff() const
{
    return tr("the SockJS server at %1 has WebSocket switched off (/info says websocket:false)")
        .arg(m_base.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
}

void SockJsTransport::openSocket()
{
    TransportOptions socketOptions = m_options;
    socketOptions.maxOutgoingChunk = 0; // a WebSocket message must hold whole SockJS frames: we split ourselves
    // Cookies the server set at /info (a sticky-session JSESSIONID, say) go back with the upgrade request.
    QNetworkAccessManager *manager = m_probe ? m_probe->manager() : m_manager.data();
    socketOptions.handshakeHeaders = SockJsInfoProbe::withCookies(
        m_options.handshakeHeaders, manager ? manager->cookieJar() : nullptr, m_sessionUrl);
    m_socket = std::make_unique<WebSocketTransport>();
    WebSocketTransport *socket = m_socket.get();
    connect(socket, &Transport::opened, this, &SockJsTransport::onSocketOpened);
    connect(socket, &Transport::dataReceived, this, &SockJsTransport::onSocketData);
    connect(socket, &Transport::closed, this, &SockJsTransport::onSocketClosed);
    connect(socket, &Transport::failed, this, [this](TransportError error, const QString &reason) {
        finish(error,
               tr("SockJS WebSocket %1: %2")
                   .arg(m_sessionUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), reason));
    });
    qCDebug(lcTransport) << "opening SockJS session"
                         << m_sessionUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    socket->open(m_sessionUrl, socketOptions);
}

void SockJsTransport::onSocketOpened()
{
    if (m_state != State::Connecting)
        return;
    // The WebSocket is up; the SockJS session is open only once the server says `o`.
    m_state = State::AwaitingOpenFrame;
}

void SockJsTransport::onSocketData(const QByteArray &data)
{
    if (m_state != State::AwaitingOpenFrame && m_state != State::Open)
        return;
    SockJsFrame frame;
    QString error;
    if (!SockJsFraming::decode(data, &frame, &error)) {
        qCWarning(lcTransport) << "SockJS protocol error from"
                               << m_sessionUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) << ":"
                               << error;
        return finish(TransportError::Protocol, tr("SockJS protocol error: %1").arg(error));
    }
    switch (frame.type) {
    case SockJsFrame::Type::Open:
        if (m_state == State::Open)
            return finish(TransportError::Protocol, tr("SockJS protocol error: a second 'o' frame on an open session"));
        m_state = State::Open;
        qCInfo(lcTransport) << "connected" << description();
        Q_EMIT opened();
        return;
    case SockJsFrame::Type::Heartbeat:
        if (m_state == State::Open)
            Q_EMIT activity();
        return;
    case SockJsFrame::Type::Messages:
        if (m_state != State::Open)
            return finish(TransportError::Protocol, tr("SockJS protocol error: messages before the 'o' frame"));
        Q_EMIT activity();
        for (const QByteArray &message : std::as_const(frame.messages)) {
            Q_EMIT dataReceived(message);
            if (m_state != State::Open) // a frame made the client close us: deliver nothing more
                return;
        }
        return;
    case SockJsFrame::Type::Close:
        return finish(
            m_state == State::Open ? TransportError::Closed : TransportError::HandshakeRefused,
            tr("the server closed the SockJS session: %1 (code %2)").arg(frame.closeReason).arg(frame.closeCode));
    }
}

void SockJsTransport::onSocketClosed(TransportError error, const QString &reason)
{
    Q_UNUSED(error)
    if (m_state == State::AwaitingOpenFrame)
        return finish(TransportError::HandshakeRefused,
                      tr("the WebSocket closed before the SockJS session opened: %1").arg(reason));
    finish(TransportError::Closed, reason);
}

void SockJsTransport::close()
{
    if (m_state == State::Idle || m_state == State::Closed)
        return;
    if (m_socket) {
        // A clean WebSocket close (WebSocketTransport keeps the socket alive, bounded, for the handshake).
        m_socket->disconnect(this);
        m_socket->close();
    }
    finish(m_state == State::Open ? TransportError::None : TransportError::Closed, tr("closed by the client"));
}

bool SockJsTransport::sendData(const QByteArray &data)
{
    if (m_state != State::Open || !m_socket)
        return false;
    if (!QUtf8StringView(data).isValidUtf8())
        qCWarning(lcTransport) << "SockJS carries text only: invalid UTF-8 in an outgoing frame is sent as U+FFFD";
    const QList<QByteArray> messages = SockJsFraming::encodeChunked(data, m_options.maxOutgoingChunk);
    for (const QByteArray &message : messages) {
        if (!m_socket->sendData(message))
            return false;
    }
    return true;
}

bool SockJsTransport::ping()
{
    return m_state == State::Open && m_socket && m_socket->ping();
}

QString SockJsTransport::description() const
{
    QString text = QStringLiteral("sockjs ") + m_sessionUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const QString protocol = subprotocol();
    if (!protocol.isEmpty())
        text += QStringLiteral(" (") + protocol + QLatin1Char(')');
    return text;
}

QString SockJsTransport::subprotocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

void SockJsTransport::finish(TransportError error, const QString &reason)
{
    const State previous = m_state;
    if (previous == State::Idle || previous == State::Closed)
        return;
    m_state = State::Closed;
    releaseSocket();
    if (previous == State::Open)
        Q_EMIT closed(error, reason);
    else
        Q_EMIT failed(error == TransportError::None ? TransportError::Closed : error, reason);
}

void SockJsTransport::releaseSocket()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe.release()->deleteLater(); // we may be inside its finished()
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket.release()->deleteLater(); // we may be inside one of its signals
    }
}
