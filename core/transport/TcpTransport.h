#pragma once

#include "transport/Transport.h"

#include <QAbstractSocket>
#include <QSslError>

#include <memory>

class QTcpSocket;

// STOMP straight over TCP, as a broker's STOMP port speaks it (`stomp://host:61613`, RabbitMQ and ActiveMQ), or over
// TLS (`stomp+ssl://host:61614`, verified like wss:// unless told otherwise). Bytes in, bytes out: the STOMP parser
// finds the frames in whatever pieces TCP delivers. There is no transport-level ping; heart-beats do that job.
class TcpTransport final : public Transport
{
    Q_OBJECT
public:
    static constexpr quint16 kDefaultPort = 61613;
    static constexpr quint16 kDefaultTlsPort = 61614;

    explicit TcpTransport(QObject *parent = nullptr);
    ~TcpTransport() override;
    Q_DISABLE_COPY_MOVE(TcpTransport)

    // True for stomp:// and stomp+ssl:// (also stomp+tls:// and stomps://).
    static bool handles(const QUrl &url);
    static bool isTls(const QUrl &url);

    void open(const QUrl &url, const TransportOptions &options) override;
    void close() override;
    bool sendData(const QByteArray &data) override;
    bool isOpen() const override { return m_state == State::Open; }
    QString description() const override;

private:
    enum class State { Idle, Opening, Open, Closed };

    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void finish(TransportError error, const QString &reason);
    void releaseSocket();

    std::unique_ptr<QTcpSocket> m_socket;
    State m_state = State::Idle;
    QUrl m_url;
    TransportOptions m_options;
    QString m_sslError;
};
