#pragma once

#include "transport/Transport.h"

#include <QPointer>
#include <QWebSocket>

#include <memory>

// STOMP over a raw WebSocket (ws://, wss://): one STOMP frame (or heart-beat) per WebSocket message, text
// or binary both accepted. Offers the v12/v11/v10.stomp subprotocols, uses the application proxy and
// verifies TLS unless told otherwise.
class WebSocketTransport final : public Transport
{
    Q_OBJECT
public:
    explicit WebSocketTransport(QObject *parent = nullptr);
    ~WebSocketTransport() override;
    Q_DISABLE_COPY_MOVE(WebSocketTransport)

    void open(const QUrl &url, const TransportOptions &options) override;
    void close() override;
    bool sendData(const QByteArray &data) override;
    bool ping() override;
    bool isOpen() const override { return m_state == State::Open; }
    QString description() const override;
    QString subprotocol() const override;

    // Classifies a failed QWebSocket handshake from its error code and message (Qt reports the HTTP status
    // only inside the message: "Unhandled http status code: 401 (Unauthorized)").
    static TransportError classify(QAbstractSocket::SocketError error, const QString &message);

private:
    enum class State { Idle, Opening, Open, Closed };

    void onConnected();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void finish(TransportError error, const QString &reason);
    void releaseSocket();

    std::unique_ptr<QWebSocket> m_socket;
    State m_state = State::Idle;
    QUrl m_url;
    TransportOptions m_options;
    QString m_sslError;
    bool m_inOpen = false;
};
