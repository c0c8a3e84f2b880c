#include "transport/WebSocketTransport.h"

#include "base/Logging.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocketHandshakeOptions>

namespace {

constexpr qint64 kReadChunkBytes = 16 * 1024;

} // namespace

WebSocketTransport::WebSocketTransport(QObject *parent)
    : Transport(parent)
{ }

WebSocketTransport::~WebSocketTransport()
{
    releaseSocket();
}

void WebSocketTransport::open(const QUrl &url, const TransportOptions &options)
{
    releaseSocket();
    m_url = url;
    m_options = options;
    m_sslError.clear();
    m_state = State::Opening;

    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss"))) {
        const QString reason = tr("not a WebSocket URL (ws:// or wss://): %1").arg(url.toDisplayString());
        QTimer::singleShot(0, this, [this, reason] { finish(TransportError::HandshakeRefused, reason); });
        return;
    }

    m_socket = std::make_unique<QWebSocket>(QString(), QWebSocketProtocol::VersionLatest);
    QWebSocket *socket = m_socket.get();
    socket->setProxy(options.proxy);
    socket->setMaxAllowedIncomingMessageSize(quint64(qMax<qint64>(1024, options.maxIncomingMessageSize)));
    // Read from the connection 16 KB at a time: what one turn of the event loop parses stays small when a broker
    // sends a burst ahead of our acks (the rest waits in the kernel for the next turn), so the GUI thread is not held
    // up by hundreds of messages at once.
    socket->setReadBufferSize(kReadChunkBytes);
#ifndef QT_NO_SSL
    socket->setSslConfiguration(options.sslConfiguration);
    connect(socket, &QWebSocket::sslErrors, this, &WebSocketTransport::onSslErrors);
#endif
    connect(socket, &QWebSocket::connected, this, &WebSocketTransport::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &WebSocketTransport::onDisconnected);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, &WebSocketTransport::onSocketError);
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketTransport::onSocketError);
#endif
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        Q_EMIT activity();
        Q_EMIT dataReceived(message.toUtf8());
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        Q_EMIT activity();
        Q_EMIT dataReceived(message);
    });
    connect(socket, &QWebSocket::pong, this, [this] { Q_EMIT activity(); });

    QNetworkRequest request(url);
    for (const auto &header : options.handshakeHeaders)
        request.setRawHeader(header.first, header.second);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols(options.subprotocols);

    qCDebug(lcTransport) << "opening" << url.toDisplayString(QUrl::RemoveUserInfo) << "subprotocols"
                         << options.subprotocols;
    m_inOpen = true;
    socket->open(request, handshake);
    m_inOpen = false;
}

void WebSocketTransport::close()
{
    if (m_state == State::Opening) {
        finish(TransportError::Closed, tr("closed by the client"));
        return;
    }
    if (m_state != State::Open)
        return;
    // A clean close: tell the peer, then report closed without waiting for its answer. The socket lives on
    // (bounded) until the closing handshake is done.
    if (m_socket) {
        m_socket->disconnect(this);
        QWebSocket *socket = m_socket.release();
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(3000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
    finish(TransportError::None, tr("closed by the client"));
}

bool WebSocketTransport::sendData(const QByteArray &data)
{
    if (m_state != State::Open || !m_socket)
        return false;
    // STOMP frames travel as text unless the body holds bytes that are not UTF-8.
    const bool isText = QUtf8StringView(data).isValidUtf8();
    const qsizetype limit = m_options.maxOutgoingChunk > 0 ? m_options.maxOutgoingChunk : data.size();
    qsizetype offset = 0;
    do {
        qsizetype end = qMin(data.size(), offset + limit);
        // Never cut a UTF-8 sequence in two: each text message must be valid UTF-8 on its own.
        while (isText && end < data.size() && end > offset + 1 && (uchar(data.at(end)) & 0xC0) == 0x80)
            --end;
        const QByteArray part = data.mid(offset, end - offset);
        const qint64 written =
            isText ? m_socket->sendTextMessage(QString::fromUtf8(part)) : m_socket->sendBinaryMessage(part);
        if (written < 0)
            return false;
        offset = end;
    } while (offset < data.size());
    return true;
}

bool WebSocketTransport::ping()
{
    if (m_state != State::Open || !m_socket)
        return false;
    m_socket->ping();
    return true;
}

QString WebSocketTransport::description() const
{
    QString text = QStringLiteral("websocket ") + m_url.toDisplayString(QUrl::RemoveUserInfo);
    const QString protocol = subprotocol();
    if (!protocol.isEmpty())
        text += QStringLiteral(" (") + protocol + QLatin1Char(')');
    return text;
}

QString WebSocketTransport::subprotocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

TransportError WebSocketTransport::classify(QAbstractSocket::SocketError error, const QString &message)
{
    static const QRegularExpression statusPattern(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = statusPattern.match(message);
    if (match.hasMatch()) {
        const int status = match.captured(1).toInt();
        return (status == 401 || status == 403) ? TransportError::AuthRejected : TransportError::HandshakeRefused;
    }
    switch (error) {
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return TransportError::Tls;
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::TemporaryError:
    case QAbstractSocket::SocketAccessError:
    case QAbstractSocket::SocketResourceError:
    case QAbstractSocket::AddressInUseError:
    case QAbstractSocket::SocketAddressNotAvailableError:
    case QAbstractSocket::UnfinishedSocketOperationError:
        return TransportError::Unreachable;
    case QAbstractSocket::RemoteHostClosedError:
        return TransportError::Closed;
    default:
        break;
    }
    // QWebSocket reports a refused upgrade (bad accept key, missing headers) as ConnectionRefusedError with
    // a handshake message; anything that mentions the handshake is a refusal, not an unreachable host.
    if (message.contains(QLatin1String("andshake"), Qt::CaseInsensitive))
        return TransportError::HandshakeRefused;
    return TransportError::Unreachable;
}

void WebSocketTransport::onConnected()
{
    if (m_state != State::Opening)
        return;
    m_state = State::Open;
    qCInfo(lcTransport) << "connected" << description();
    Q_EMIT opened();
}

void WebSocketTransport::onDisconnected()
{
    if (m_state == State::Open) {
        QString reason = m_socket ? m_socket->closeReason() : QString();
        const int code = m_socket ? int(m_socket->closeCode()) : 0;
        if (reason.isEmpty())
            reason = tr("the server closed the connection (code %1)").arg(code);
        finish(TransportError::Closed, reason);
    } else if (m_state == State::Opening) {
        const QString reason = m_sslError.isEmpty() ? (m_socket ? m_socket->errorString() : QString()) : m_sslError;
        finish(m_sslError.isEmpty() ? TransportError::Unreachable : TransportError::Tls,
               reason.isEmpty() ? tr("the connection closed during the handshake") : reason);
    }
}

void WebSocketTransport::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_state != State::Opening && m_state != State::Open)
        return;
    QString message = m_socket ? m_socket->errorString() : QString();
    // QWebSocket words a 400 answer to the handshake (what a server says to a GET whose `Upgrade` a proxy dropped)
    // without its status: say it, so that it reads, and is classified, like any other refused upgrade.
    if (message.contains(QLatin1String("processHandshake: Unknown error condition encountered")))
        message = tr("the server answered the WebSocket handshake with status code: 400 (Bad Request)");
    TransportError kind = m_sslError.isEmpty() ? classify(error, message) : TransportError::Tls;
    if (m_state == State::Open && kind != TransportError::Tls)
        kind = TransportError::Closed;
    const QString reason = m_sslError.isEmpty() ? message : m_sslError;
    qCWarning(lcTransport) << "socket error on" << m_url.toDisplayString(QUrl::RemoveUserInfo) << ":" << reason;
    if (m_inOpen) {
        // QWebSocket can fail inside open(); keep our promise of never reporting synchronously.
        QTimer::singleShot(0, this, [this, kind, reason] { finish(kind, reason); });
        return;
    }
    finish(kind, reason);
}

void WebSocketTransport::onSslErrors(const QList<QSslError> &errors)
{
#ifndef QT_NO_SSL
    if (m_options.ignoreSslErrors && m_socket) {
        qCWarning(lcTransport) << "ignoring TLS errors as configured:" << errors;
        m_socket->ignoreSslErrors();
        return;
    }
    m_sslError = describeSslErrors(errors);
#else
    Q_UNUSED(errors)
#endif
}

void WebSocketTransport::finish(TransportError error, const QString &reason)
{
    const State previous = m_state;
    if (previous != State::Opening && previous != State::Open)
        return;
    m_state = State::Closed;
    releaseSocket();
    reportEnd(previous == State::Opening, error, reason);
}

void WebSocketTransport::releaseSocket()
{
    discardSocket(m_socket, this);
}
