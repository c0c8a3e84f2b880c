#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

// Why a transport could not open or lost its connection. The client uses the kind to decide between
// retrying, failing over and giving up, and the CLI maps it to exit codes.
enum class TransportError {
    None,
    Unreachable, // DNS, connection refused, network down, timeout before the handshake
    HandshakeRefused, // the server answered but refused the upgrade (HTTP status, wrong path, no subprotocol)
    AuthRejected, // the handshake itself was refused with 401/403
    Tls, // certificate or TLS failure
    Protocol, // malformed data from the peer at the transport level (e.g. SockJS framing)
    Closed, // the peer closed an open connection
};

QString transportErrorName(TransportError error);
Q_DECLARE_METATYPE(TransportError)

// What a transport needs to open a connection. Header values may be secrets: never log them.
struct TransportOptions
{
    QList<QPair<QByteArray, QByteArray>> handshakeHeaders; // extra HTTP headers for the upgrade request
    QStringList subprotocols {QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")};
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration(); // verifies peers by default
    bool ignoreSslErrors = false; // only for explicitly trusted test setups
    QNetworkProxy proxy {QNetworkProxy::DefaultProxy}; // the application/system proxy
    qint64 maxIncomingMessageSize = 64 * 1024 * 1024; // a larger WebSocket message is refused by the socket
    int maxOutgoingChunk = 0; // >0: split outgoing STOMP frames into WebSocket messages of at most this size
};

// A byte pipe to a STOMP peer. The WebSocket transport carries STOMP frames in WebSocket messages; the
// SockJS transport unwraps them from SockJS framing. Either way the client sees bytes in, bytes out.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts connecting; emits opened() or failed() (exactly one of them) later, never synchronously.
    // Timing out a slow open is the caller's business (the client's connect timeout covers it).
    virtual void open(const QUrl &url, const TransportOptions &options) = 0;
    // Closes; emits closed() once if it was open or opening. Safe to call at any time.
    virtual void close() = 0;
    // Sends one serialised STOMP frame (or heart-beat). Returns false if not open.
    virtual bool sendData(const QByteArray &data) = 0;
    // Sends a transport-level ping if the transport has one (WebSocket ping); returns false otherwise.
    virtual bool ping() { return false; }
    virtual bool isOpen() const = 0;
    // A short human description of what is connected, e.g. "websocket ws://host/ws (v12.stomp)".
    virtual QString description() const = 0;
    // The negotiated WebSocket subprotocol, if any (e.g. "v12.stomp").
    virtual QString subprotocol() const { return {}; }

    // "TLS certificate rejected: ..." for people.
    static QString describeSslErrors(const QList<QSslError> &errors);

Q_SIGNALS:
    void opened();
    void dataReceived(const QByteArray &data); // STOMP bytes, in order
    void activity(); // any inbound traffic, including transport-level keep-alives
    void closed(TransportError error, const QString &reason);
    void failed(TransportError error, const QString &reason); // open() did not succeed

protected:
    // For socket-based transports: the end of a connection, reported once, as failed() while it was still opening
    // and as closed() once it was open.
    void reportEnd(bool wasOpening, TransportError error, const QString &reason);
    // Lets go of a socket that may be inside one of its own signals: disconnected from `owner`, aborted if still
    // connected, deleted from the event loop.
    template<typename Socket>
    static void discardSocket(std::unique_ptr<Socket> &socket, QObject *owner)
    {
        if (!socket)
            return;
        socket->disconnect(owner);
        Socket *released = socket.release();
        if (released->state() != QAbstractSocket::UnconnectedState)
            released->abort();
        released->deleteLater();
    }
};
