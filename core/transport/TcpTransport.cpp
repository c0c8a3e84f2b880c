#include "transport/TcpTransport.h"

#include "base/Logging.h"
#include "transport/WebSocketTransport.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

TcpTransport::TcpTransport(QObject *parent)
    : Transport(parent)
{ }

TcpTransport::~TcpTransport()
{
    releaseSocket();
}

bool TcpTransport::handles(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("stomp") || isTls(url);
}

bool TcpTransport::isTls(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("stomp+ssl") || scheme == QLatin1String("stomp+tls")
        || scheme == QLatin1String("stomps");
}

void TcpTransport::open(const QUrl &url, const TransportOptions &options)
{
    releaseSocket();
    m_url = url;
    m_options = options;
    m_sslError.clear();
    m_state = State::Opening;
    if (!url.isValid() || !handles(url) || url.host().isEmpty()) {
        const QString reason = tr("not a STOMP TCP URL (stomp:// or stomp+ssl://): %1").arg(url.toDisplayString());
        QTimer::singleShot(0, this, [this, reason] { finish(TransportError::HandshakeRefused, reason); });
        return;
    }
    const bool tls = isTls(url);
    const auto port = quint16(url.port(tls ? kDefaultTlsPort : kDefaultPort));
    if (tls) {
#ifndef QT_NO_SSL
        auto socket = std::make_unique<QSslSocket>();
        socket->setSslConfiguration(options.sslConfiguration);
        socket->setPeerVerifyName(url.host());
        connect(socket.get(), &QSslSocket::sslErrors, this, &TcpTransport::onSslErrors);
        connect(socket.get(), &QSslSocket::encrypted, this, &TcpTransport::onConnected);
        m_socket = std::move(socket);
#else
        QTimer::singleShot(0, this, [this] { finish(TransportError::Tls, tr("this build has no TLS support")); });
        return;
#endif
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        connect(m_socket.get(), &QTcpSocket::connected, this, &TcpTransport::onConnected);
    }
    QTcpSocket *socket = m_socket.get();
    socket->setProxy(options.proxy);
    connect(socket, &QTcpSocket::readyRead, this, &TcpTransport::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &TcpTransport::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, &TcpTransport::onSocketError);
    qCDebug(lcTransport) << "opening" << description();
#ifndef QT_NO_SSL
    if (tls) {
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(url.host(), port);
        return;
    }
#endif
    socket->connectToHost(url.host(), port);
}

void TcpTransport::close()
{
    if (m_state == State::Opening) {
        finish(TransportError::Closed, tr("closed by the client"));
        return;
    }
    if (m_state != State::Open)
        return;
    if (m_socket) {
        // Let what was written (a DISCONNECT) go out, then close; bounded by QAbstractSocket itself.
        m_socket->disconnect(this);
        QTcpSocket *socket = m_socket.release();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(3000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->disconnectFromHost();
    }
    finish(TransportError::None, tr("closed by the client"));
}

bool TcpTransport::sendData(const QByteArray &data)
{
    if (m_state != State::Open || !m_socket)
        return false;
    return m_socket->write(data) == data.size();
}

QString TcpTransport::description() const
{
    return (isTls(m_url) ? QStringLiteral("tls ") : QStringLiteral("tcp "))
        + m_url.toDisplayString(QUrl::RemoveUserInfo);
}

void TcpTransport::onConnected()
{
    if (m_state != State::Opening)
        return;
    m_state = State::Open;
    qCInfo(lcTransport) << "connected" << description();
    Q_EMIT opened();
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void TcpTransport::onReadyRead()
{
    if (m_state != State::Open || !m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    Q_EMIT activity();
    Q_EMIT dataReceived(data);
}

void TcpTransport::onDisconnected()
{
    if (m_state == State::Open)
        finish(TransportError::Closed, tr("the server closed the connection"));
    else if (m_state == State::Opening)
        finish(m_sslError.isEmpty() ? TransportError::Unreachable : TransportError::Tls,
               m_sslError.isEmpty() ? tr("the connection closed before it was established") : m_sslError);
}

void TcpTransport::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_state != State::Opening && m_state != State::Open)
        return;
    const QString message = m_socket ? m_socket->errorString() : QString();
    TransportError kind = m_sslError.isEmpty() ? WebSocketTransport::classify(error, message) : TransportError::Tls;
    if (kind == TransportError::HandshakeRefused)
        kind = TransportError::Unreachable; // there is no HTTP handshake on a TCP port
    if (m_state == State::Open && kind != TransportError::Tls)
        kind = TransportError::Closed;
    const QString reason = m_sslError.isEmpty() ? message : m_sslError;
    qCWarning(lcTransport) << "socket error on" << description() << ":" << reason;
    finish(kind, reason);
}

void TcpTransport::onSslErrors(const QList<QSslError> &errors)
{
#ifndef QT_NO_SSL
    auto *socket = qobject_cast<QSslSocket *>(m_socket.get());
    if (m_options.ignoreSslErrors && socket) {
        qCWarning(lcTransport) << "ignoring TLS errors as configured:" << errors;
        socket->ignoreSslErrors();
        return;
    }
    m_sslError = describeSslErrors(errors);
#else
    Q_UNUSED(errors)
#endif
}

void TcpTransport::finish(TransportError error, const QString &reason)
{
    const State previous = m_state;
    if (previous != State::Opening && previous != State::Open)
        return;
    m_state = State::Closed;
    releaseSocket();
    reportEnd(previous == State::Opening, error, reason);
}

void TcpTransport::releaseSocket()
{
    discardSocket(m_socket, this);
}
