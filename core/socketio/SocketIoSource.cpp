#include "socketio/SocketIoSource.h"

#include "base/Logging.h"
#include "socketio/EngineIoPollingHandshake.h"
#include "transport/SockJsInfoProbe.h"
#include "transport/TransportPlan.h"
#include "transport/WebSocketTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTimer>

#include <utility>

namespace {

constexpr qsizetype kMaxQuotedBytes = 200; // of what the server sent, kept with an error
constexpr qsizetype kMaxEarlyEvents = 10000; // events kept until the namespace answers (a replay); more are dropped

// The text of a JSON string literal (an event's argument as it came).
QString jsonString(const QByteArray &literal)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray('[' + literal + ']'));
    return document.array().at(0).toString();
}

} // namespace

SocketIoSource::SocketIoSource(QObject *parent)
    : ReconnectingSource(parent)
    , m_http(new QNetworkAccessManager(this))
{ }

SocketIoSource::~SocketIoSource()
{
    closeConnection();
}

void SocketIoSource::setOptions(const SocketIoOptions &options)
{
    m_options = options;
    m_options.transport.subprotocols.clear(); // Engine.IO negotiates nothing at the WebSocket level
    setConnectionOptions(options.connection);
}

void SocketIoSource::openConnection(const QUrl &url)
{
    closeConnection();
    m_url = url;
    m_endpoint = SocketIoEndpoint::fromUrl(url, m_options.enginePath);
    if (!m_options.nsp.isEmpty())
        m_endpoint.nsp = m_options.nsp;
    m_open = {};
    m_upgraded = false;
    m_recovered = false;
    m_early.clear();
    if (url != m_recoveryUrl) { // a session id is only good for the server that gave it
        m_pid.clear();
        m_offset.clear();
        m_recoveryUrl = url;
    }
    if (!m_endpoint.isValid()) {
        m_phase = Phase::WebSocket;
        QTimer::singleShot(0, this, [this, url] {
            if (m_phase == Phase::WebSocket && !m_transport && m_url == url)
                fail(PushError::Kind::NotThisProtocol,
                     tr("not a Socket.IO URL (http://, https://, ws:// or wss:// with a host): %1")
                         .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
        });
        return;
    }
    if (m_pollingFirst.contains(url)) {
        startPolling();
        return;
    }
    m_phase = Phase::WebSocket;
    openWebSocket(m_endpoint.webSocketUrl());
}

void SocketIoSource::closeConnection()
{
    if (m_polling)
        m_polling->abort();
    if (m_transport) {
        m_transport->disconnect(this);
        // Leaving on purpose: say so, so that the server sees a client disconnect rather than a broken transport.
        if (m_phase == Phase::Connected)
            m_transport->sendData(
                EngineIoPacket {EngineIoPacket::Type::Message, SocketIoPacket::disconnectFrom(m_endpoint.nsp).toBytes()}
                    .toBytes());
        m_transport->close();
        m_transport.release()->deleteLater(); // we may be inside one of its signals
    }
    m_phase = Phase::Idle;
    m_skipAttachments = 0;
}

bool SocketIoSource::sendProbe()
{
    // Engine.IO 4 clients must not ping (the server pings); a WebSocket ping is answered by the server's stack.
    return m_phase == Phase::Connected && m_transport && m_transport->ping();
}

void SocketIoSource::openWebSocket(const QUrl &url)
{
    m_transport = std::make_unique<WebSocketTransport>();
    connect(m_transport.get(), &Transport::opened, this, &SocketIoSource::onOpened);
    connect(m_transport.get(), &Transport::dataReceived, this, &SocketIoSource::onData);
    connect(m_transport.get(), &Transport::activity, this, &SocketIoSource::noteActivity);
    connect(m_transport.get(), &Transport::failed, this, &SocketIoSource::onTransportFailed);
    connect(m_transport.get(), &Transport::closed, this,
            [this](TransportError, const QString &reason) { fail(PushError::Kind::ConnectionLost, reason); });
    TransportOptions options = m_options.transport;
    // Cookies from the polling handshake (a load balancer's sticky session) go back with the WebSocket.
    options.handshakeHeaders = SockJsInfoProbe::withCookies(options.handshakeHeaders, m_http->cookieJar(), url);
    m_transport->open(url, options);
}

void SocketIoSource::startPolling()
{
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        m_transport.release()->deleteLater();
    }
    m_phase = Phase::Polling;
    if (!m_polling) {
        m_polling = std::make_unique<EngineIoPollingHandshake>(m_http);
        connect(m_polling.get(), &EngineIoPollingHandshake::finished, this, &SocketIoSource::onPollingFinished);
    }
    m_polling->start(m_endpoint.pollingUrl(), m_options.transport, int(connectionOptions().connectTimeoutMs));
}

void SocketIoSource::onPollingFinished()
{
    if (m_phase != Phase::Polling)
        return;
    if (!m_polling->succeeded()) {
        const PushError error = m_polling->error();
        fail(error.kind, error.message, error.body);
        return;
    }
    m_open = m_polling->open();
    m_upgraded = true;
    m_phase = Phase::Upgrade;
    openWebSocket(m_endpoint.webSocketUrl(m_open.sid));
}

void SocketIoSource::onOpened()
{
    // The direct WebSocket waits for the server's open packet; an upgrade probes first.
    if (m_phase == Phase::Upgrade)
        sendEngine(EngineIoPacket::Type::Ping, QByteArrayLiteral("probe"));
}

void SocketIoSource::onTransportFailed(TransportError error, const QString &reason)
{
    const int status = TransportPlan::httpStatusIn(reason);
    // Qt reports a 400 (engine.io's usual refusal) without its status, as a refused connection; every complaint about
    // the handshake's answer means that something answered HTTP.
    const bool answeredHttp = status > 0 || reason.contains(QLatin1String("andshake"), Qt::CaseInsensitive);
    const bool refusedByHttp = answeredHttp && status != 404 && status != 408 && status != 429 && status < 500
        && (error == TransportError::HandshakeRefused || error == TransportError::Unreachable);
    if (m_phase == Phase::WebSocket) {
        // Refused by something that answered HTTP (not a missing path, not an overloaded server), or closed during
        // the handshake: the long-polling handshake either gets in or says precisely what is wrong.
        if (refusedByHttp || error == TransportError::Protocol || error == TransportError::Closed) {
            qCInfo(lcSocketIo).noquote() << "the direct WebSocket was refused (" << reason
                                         << "): trying the long-polling handshake";
            startPolling();
            return;
        }
        fail(PushError::kindFor(error, reason), reason);
        return;
    }
    if (m_phase == Phase::Upgrade && refusedByHttp) {
        fail(PushError::Kind::NotThisProtocol,
             tr("the server opened a long-polling session but refused its upgrade to WebSocket (%1): this client "
                "needs WebSocket, which the server or a proxy in front of it does not let through")
                 .arg(reason));
        return;
    }
    fail(PushError::kindFor(error, reason), reason);
}

void SocketIoSource::onData(const QByteArray &data)
{
    if (m_skipAttachments > 0) {
        --m_skipAttachments; // the attachment of a binary event that was refused
        return;
    }
    EngineIoPacket packet;
    QString reason;
    if (!EngineIoPacket::parse(data, &packet, &reason)) {
        fail(PushError::Kind::NotThisProtocol,
             m_phase == Phase::WebSocket
                 ? tr("the server answered, but not as a Socket.IO (Engine.IO 4) server: %1").arg(reason)
                 : tr("a malformed Engine.IO packet: %1").arg(reason),
             data.left(kMaxQuotedBytes));
        return;
    }
    switch (m_phase) {
    case Phase::WebSocket:
        if (packet.type != EngineIoPacket::Type::Open) {
            fail(PushError::Kind::NotThisProtocol,
                 tr("the server answered, but not as a Socket.IO (Engine.IO 4) server: its first packet is not an "
                    "open packet"),
                 data.left(kMaxQuotedBytes));
            return;
        }
        if (!EngineIoOpen::parse(packet.data, &m_open, &reason)) {
            fail(PushError::Kind::NotThisProtocol,
                 tr("the server answered, but not as a Socket.IO (Engine.IO 4) server: %1").arg(reason),
                 data.left(kMaxQuotedBytes));
            return;
        }
        joinNamespace();
        return;
    case Phase::Upgrade:
        // Until the probe is answered the session still belongs to long-polling: nothing else comes here.
        if (packet.type == EngineIoPacket::Type::Pong && packet.data == "probe") {
            sendEngine(EngineIoPacket::Type::Upgrade);
            joinNamespace();
        }
        return;
    case Phase::Namespace:
    case Phase::Connected:
        onEnginePacket(packet);
        return;
    case Phase::Idle:
    case Phase::Polling:
        return;
    }
}

void SocketIoSource::onEnginePacket(const EngineIoPacket &packet)
{
    switch (packet.type) {
    case EngineIoPacket::Type::Ping:
        sendEngine(EngineIoPacket::Type::Pong);
        // The server's pings are this connection's periodic work: a good moment to look for a suspend.
        if (m_phase == Phase::Connected)
            checkClockJump();
        return;
    case EngineIoPacket::Type::Message:
        onSocketPacket(packet.data);
        return;
    case EngineIoPacket::Type::Close:
        fail(PushError::Kind::ConnectionLost, tr("the server closed the Engine.IO session"));
        return;
    case EngineIoPacket::Type::Open:
    case EngineIoPacket::Type::Pong:
    case EngineIoPacket::Type::Upgrade:
    case EngineIoPacket::Type::Noop:
        qCDebug(lcSocketIo) << "ignoring an Engine.IO" << EngineIoPacket::typeName(packet.type) << "packet";
        return;
    }
}

void SocketIoSource::onSocketPacket(const QByteArray &text)
{
    SocketIoPacket packet;
    QString reason;
    if (!SocketIoPacket::parse(text, &packet, &reason)) {
        if (packet.isBinary() && packet.attachments > 0) {
            m_skipAttachments += packet.attachments;
            qCWarning(lcSocketIo).noquote() << "skipping" << reason;
            return;
        }
        fail(PushError::Kind::NotThisProtocol, tr("a malformed Socket.IO packet: %1").arg(reason),
             text.left(kMaxQuotedBytes));
        return;
    }
    if (packet.nsp != m_endpoint.nsp) {
        qCDebug(lcSocketIo) << "ignoring a packet for namespace" << packet.nsp;
        return;
    }
    switch (packet.type) {
    case SocketIoPacket::Type::Connect: {
        if (m_phase != Phase::Namespace)
            return;
        m_recovered = !m_pid.isEmpty() && packet.pid == m_pid;
        m_pid = packet.pid;
        if (m_pid.isEmpty())
            m_offset.clear();
        establish();
        // What came before the answer (a recovering server replays first), in order, now that it counts.
        const QList<SocketIoPacket> early = std::exchange(m_early, {});
        for (const SocketIoPacket &event : early) {
            if (m_phase != Phase::Connected)
                break;
            onEvent(event);
        }
        return;
    }
    case SocketIoPacket::Type::ConnectError: {
        const PushError error = connectError(packet);
        fail(error.kind, error.message, error.body);
        return;
    }
    case SocketIoPacket::Type::Disconnect:
        fail(PushError::Kind::ConnectionLost,
             tr("the server disconnected this client from namespace %1").arg(packet.nsp));
        return;
    case SocketIoPacket::Type::Event:
        onEvent(packet);
        return;
    case SocketIoPacket::Type::Ack:
    case SocketIoPacket::Type::BinaryEvent:
    case SocketIoPacket::Type::BinaryAck:
        return;
    }
}

void SocketIoSource::onEvent(SocketIoPacket packet)
{
    if (m_phase == Phase::Namespace) {
        if (m_early.size() < kMaxEarlyEvents)
            m_early.append(packet);
        else
            qCWarning(lcSocketIo) << "dropping event" << packet.eventName << "that came before the namespace's answer";
        return;
    }
    if (m_phase != Phase::Connected)
        return;
    // A server with connection state recovery appends to every broadcast event (one without an ack id) its offset, a
    // short id string, as the last argument. A lone string argument is only taken for one when it looks like such an
    // id: an event emitted to this socket alone carries no offset, and its string payload must not be lost.
    if (!m_pid.isEmpty() && packet.id < 0 && !packet.arguments.isEmpty()
        && packet.arguments.constLast().startsWith('"')) {
        static const QRegularExpression offsetShape(QStringLiteral("^[0-9A-Za-z_-]{1,32}$"));
        const QString last = jsonString(packet.arguments.constLast());
        if (packet.arguments.size() >= 2 || offsetShape.match(last).hasMatch()) {
            m_offset = last;
            packet.arguments.removeLast();
        }
    }
    if (!m_options.events.isEmpty() && !m_options.events.contains(packet.eventName)) {
        qCDebug(lcSocketIo) << "ignoring event" << packet.eventName << "(not among the configured events)";
        return;
    }
    const QByteArray payload = packet.arguments.isEmpty() ? QByteArray() : packet.arguments.constFirst();
    InboundMessage message;
    switch (payload.isEmpty() ? '\0' : payload.at(0)) {
    case '{':
    case '[':
        message.body = payload;
        message.contentType = "application/json";
        break;
    case '"':
        // A string: JSON text in it (also encoded once more) or plain text; the payload parser knows both.
        message.body = jsonString(payload).toUtf8();
        break;
    default:
        qCDebug(lcSocketIo) << "ignoring event" << packet.eventName << ": its first argument is no object or string";
        return;
    }
    message.channel = packet.eventName.toUtf8();
    message.attributes = {{QByteArrayLiteral("namespace"), packet.nsp.toUtf8()},
                          {QByteArrayLiteral("event"), message.channel}};
    if (packet.id >= 0)
        message.attributes.append({QByteArrayLiteral("ack-id"), QByteArray::number(packet.id)});
    deliver(std::move(message));
    // The server asked to hear that it arrived (socket.emit with a callback): an empty acknowledgement.
    if (packet.id >= 0 && m_phase == Phase::Connected)
        sendEngine(EngineIoPacket::Type::Message, SocketIoPacket::ackFor(packet.nsp, packet.id).toBytes());
}

void SocketIoSource::joinNamespace()
{
    m_phase = Phase::Namespace;
    QJsonObject fields = m_options.auth;
    if (!m_pid.isEmpty() && !m_offset.isEmpty()) {
        // Asks a server with connection state recovery for what was missed; as in socket.io-client, the
        // application's own auth members win.
        if (!fields.contains(QLatin1String("pid")))
            fields.insert(QStringLiteral("pid"), m_pid);
        if (!fields.contains(QLatin1String("offset")))
            fields.insert(QStringLiteral("offset"), m_offset);
    }
    const QByteArray auth = fields.isEmpty() ? QByteArray() : QJsonDocument(fields).toJson(QJsonDocument::Compact);
    qCDebug(lcSocketIo) << "joining namespace" << m_endpoint.nsp << "auth fields:" << fields.keys();
    sendEngine(EngineIoPacket::Type::Message, SocketIoPacket::connectTo(m_endpoint.nsp, auth).toBytes());
}

void SocketIoSource::establish()
{
    m_phase = Phase::Connected;
    if (m_upgraded && !m_pollingFirst.contains(m_url)) {
        qCInfo(lcSocketIo).noquote() << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                                     << "needs the long-polling handshake first: taking it from now on";
        m_pollingFirst.insert(m_url);
    }
    SourceSession session;
    session.url = m_url;
    session.transport = QStringLiteral("websocket ") + m_endpoint.describe()
        + (m_upgraded ? QStringLiteral(", upgraded from long-polling") : QString());
    session.server = QStringLiteral("Socket.IO");
    session.summary = tr("Socket.IO 4, namespace %1, ping every %2 ms (timeout %3 ms)")
                          .arg(m_endpoint.nsp)
                          .arg(m_open.pingIntervalMs)
                          .arg(m_open.pingTimeoutMs);
    session.details = {{QStringLiteral("engineIo"), SocketIoEndpoint::kEngineIoVersion},
                       {QStringLiteral("namespace"), m_endpoint.nsp},
                       {QStringLiteral("pingIntervalMs"), m_open.pingIntervalMs},
                       {QStringLiteral("pingTimeoutMs"), m_open.pingTimeoutMs},
                       {QStringLiteral("maxPayload"), m_open.maxPayload},
                       {QStringLiteral("upgradedFromPolling"), m_upgraded},
                       {QStringLiteral("recovered"), m_recovered},
                       {QStringLiteral("events"), QJsonArray::fromStringList(m_options.events)}};
    connectionEstablished(session, m_open.silenceLimitMs(), false);
}

bool SocketIoSource::sendEngine(EngineIoPacket::Type type, const QByteArray &data)
{
    return m_transport && m_transport->sendData(EngineIoPacket {type, data}.toBytes());
}

void SocketIoSource::fail(PushError::Kind kind, const QString &message, const QByteArray &body)
{
    m_phase = Phase::Idle; // nothing more goes out on this connection
    connectionFailed({kind, message, body, m_url});
}

PushError SocketIoSource::connectError(const SocketIoPacket &packet) const
{
    // What a middleware passed to next(new Error(...)): servers word refused credentials in many ways.
    static const QRegularExpression authWords(
        QStringLiteral("auth|unauthori[sz]|forbidden|credential|token|password|passcode|login|denied|permission|"
                       "jwt|signature|expired|\\b40[13]\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const QString said = packet.message.left(kMaxQuotedBytes);
    const QByteArray body = packet.data.left(kMaxQuotedBytes);
    if (said.contains(authWords))
        return {PushError::Kind::AuthFailed, tr("namespace %1 refused the credentials: %2").arg(packet.nsp, said), body,
                m_url};
    if (said == QLatin1String("Invalid namespace"))
        return {PushError::Kind::SubscriptionRefused, tr("the server has no namespace %1").arg(packet.nsp), body,
                m_url};
    return {
        PushError::Kind::SubscriptionRefused,
        tr("namespace %1 refused the connection: %2").arg(packet.nsp, said.isEmpty() ? tr("no reason given") : said),
        body, m_url};
}
