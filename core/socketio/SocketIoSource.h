#pragma once

#include "socketio/EngineIoPacket.h"
#include "socketio/SocketIoEndpoint.h"
#include "socketio/SocketIoPacket.h"
#include "source/ReconnectingSource.h"
#include "transport/Transport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class EngineIoPollingHandshake;
class QNetworkAccessManager;
class WebSocketTransport;

// What a Socket.IO source needs.
struct SocketIoOptions
{
    ReconnectingSource::ConnectionOptions connection; // the URLs as people have them (see SocketIoEndpoint)
    TransportOptions transport; // handshake headers, TLS, proxy; no subprotocol is offered
    QString enginePath; // empty: /socket.io/ (or the URL's path when it ends in socket.io)
    QString nsp; // the namespace ("/admin"); empty: the URL's path (http://host:3000/admin), else "/"
    // Which events carry todos; empty: every event.
    QStringList events;
    // Sent with the namespace CONNECT, where servers read it as socket.handshake.auth (a token, a login). Values may
    // be secrets: never logged. Empty: nothing is sent.
    QJsonObject auth;
};

// A push source for a Socket.IO 3/4 server (Engine.IO protocol v4), the usual Node.js push server.
//
// Connecting: a WebSocket straight to /socket.io/?EIO=4&transport=websocket, as socket.io-client does with
// transports: ["websocket"]; the server opens the Engine.IO session on it. When that WebSocket is refused (an HTTP
// status other than 404 and 5xx, or a connection that closes during the handshake: a server that only upgrades
// sessions it knows, a proxy that wants a sticky cookie first), the source falls back to what the reference client
// does by default: the long-polling handshake (GET ...&transport=polling, see EngineIoPollingHandshake), then the
// upgrade of that session to WebSocket (2probe, 3probe, 5). A URL that needed this goes that way first from then on.
// Long-polling alone is not kept up: a server that offers no WebSocket upgrade needs attention.
//
// Then the namespace: CONNECT (40, or 40/ns, with the auth payload), and only the namespace's answer (40{"sid":..})
// makes the connection established; its CONNECT_ERROR (a middleware's next(new Error(...))) is AuthFailed when the
// message speaks of authorisation, else SubscriptionRefused. Liveness: every ping of the server is answered with a
// pong, and silence past pingInterval + pingTimeout is a lost connection; a liveness check sends a WebSocket ping.
// The server's DISCONNECT (41) and Engine.IO close are lost connections.
//
// Todos: every EVENT of the configured names (all when none are configured) whose first argument is an object or
// an array (its JSON) or a string (the string: JSON in it, also encoded twice, or plain text) becomes one
// InboundMessage on the channel of the event's name. An event that asks for an acknowledgement gets an empty ACK once
// it is handed on. Socket.IO has no broker acknowledgement: messages need no settling. What was emitted while the
// connection was down comes back through the catch-up URL, and from a server with connection state recovery
// (socket.io 4.6+, `connectionStateRecovery`) also as the server's replay: its CONNECT answer carries a private
// session id (pid), every broadcast event the offset of its place in the stream as an extra last argument (not part
// of the payload), and the next CONNECT to the same URL sends both back in the auth payload, as socket.io-client
// does; the server then replays the missed events (even before its answer: they are kept until it comes). The store
// drops what the replay and the catch-up both bring.
// Binary events are not supported: they are skipped with their attachments, and logged.
class SocketIoSource final : public ReconnectingSource
{
    Q_OBJECT

public:
    explicit SocketIoSource(QObject *parent = nullptr);
    ~SocketIoSource() override;
    Q_DISABLE_COPY_MOVE(SocketIoSource)

    void setOptions(const SocketIoOptions &options);
    const SocketIoOptions &options() const { return m_options; }

    QString name() const override { return QStringLiteral("socketio"); }
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override { return m_options.transport.handshakeHeaders; }
    QNetworkAccessManager *networkAccessManager() const override { return m_http; }
    bool settle(const InboundMessage &, Settlement) override { return false; }

protected:
    void openConnection(const QUrl &url) override;
    void closeConnection() override;
    bool sendProbe() override;

private:
    enum class Phase {
        Idle,
        WebSocket, // the direct WebSocket: opening, then waiting for the open packet
        Polling, // the long-polling handshake
        Upgrade, // the WebSocket of a polling session: opening, then 2probe sent, waiting for 3probe
        Namespace, // CONNECT sent, waiting for the namespace's answer
        Connected,
    };

    void openWebSocket(const QUrl &url);
    void startPolling();
    void onPollingFinished();
    void onOpened();
    void onTransportFailed(TransportError error, const QString &reason);
    void onData(const QByteArray &data);
    void onEnginePacket(const EngineIoPacket &packet);
    void onSocketPacket(const QByteArray &text);
    void onEvent(SocketIoPacket packet);
    void joinNamespace();
    void establish();
    bool sendEngine(EngineIoPacket::Type type, const QByteArray &data = {});
    void fail(PushError::Kind kind, const QString &message, const QByteArray &body = {});
    PushError connectError(const SocketIoPacket &packet) const;

    SocketIoOptions m_options;
    SocketIoEndpoint m_endpoint;
    QUrl m_url; // the configured URL of this attempt
    Phase m_phase = Phase::Idle;
    EngineIoOpen m_open;
    bool m_upgraded = false; // this connection came through the long-polling handshake
    int m_skipAttachments = 0; // binary WebSocket messages still to skip
    // Connection state recovery: the private session id of the last namespace answer and the offset of the last
    // broadcast event, for the next CONNECT to the same URL (secrets of a kind: never logged).
    QString m_pid;
    QString m_offset;
    QUrl m_recoveryUrl; // the URL they belong to
    bool m_recovered = false; // this connection's server took them: it replays what was missed
    QList<SocketIoPacket> m_early; // events before the namespace's answer (a recovering server's replay)
    QSet<QUrl> m_pollingFirst; // URLs whose direct WebSocket was refused while the polling handshake worked
    QNetworkAccessManager *m_http = nullptr; // a child: the polling handshake, the catch-up GET, their cookies
    std::unique_ptr<WebSocketTransport> m_transport;
    std::unique_ptr<EngineIoPollingHandshake> m_polling;
};
