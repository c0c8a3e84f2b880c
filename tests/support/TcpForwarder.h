#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

// A TCP proxy on 127.0.0.1 that forwards every connection to a target, and can go silent: with
// setStalled(true) it keeps the sockets open but forwards nothing in either direction — the network path
// that dies without a FIN or RST (Wi-Fi gone, NAT entry expired, laptop resumed on another network).
class TcpForwarder final : public QObject
{
    Q_OBJECT
public:
    explicit TcpForwarder(QObject *parent = nullptr);
    ~TcpForwarder() override;
    Q_DISABLE_COPY_MOVE(TcpForwarder)

    bool listen(const QHostAddress &targetAddress, quint16 targetPort);
    quint16 port() const { return m_server.serverPort(); }

    // Stops (or resumes) forwarding; bytes received while stalled are dropped, as on a dead path.
    void setStalled(bool stalled) { m_stalled = stalled; }
    bool isStalled() const { return m_stalled; }
    // Closes every forwarded connection at once (both sides see a reset).
    void dropAll();
    int connectionCount() const { return int(m_pairs.size()); }
    int acceptedCount() const { return m_accepted; }

Q_SIGNALS:
    void connectionAccepted();

private:
    struct Pair
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *upstream = nullptr;
    };
    void onNewConnection();
    void forward(QTcpSocket *from, QTcpSocket *to);
    void removePair(QTcpSocket *either);

    QTcpServer m_server;
    QHostAddress m_targetAddress;
    quint16 m_targetPort = 0;
    std::vector<Pair> m_pairs;
    int m_accepted = 0;
    bool m_stalled = false;
};
