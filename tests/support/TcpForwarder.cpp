#include "TcpForwarder.h"

#include <QTcpSocket>

#include <algorithm>

TcpForwarder::TcpForwarder(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpForwarder::onNewConnection);
}

TcpForwarder::~TcpForwarder()
{
    dropAll();
}

bool TcpForwarder::listen(const QHostAddress &targetAddress, quint16 targetPort)
{
    m_targetAddress = targetAddress;
    m_targetPort = targetPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpForwarder::dropAll()
{
    const std::vector<Pair> pairs = std::move(m_pairs);
    m_pairs.clear();
    for (const Pair &pair : pairs) {
        for (QTcpSocket *socket : {pair.client, pair.upstream}) {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
}

void TcpForwarder::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(this);
        client->setParent(this);
        m_pairs.push_back({client, upstream});
        ++m_accepted;
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream] { forward(client, upstream); });
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream] { forward(upstream, client); });
        // Once upstream is connected, pass on what the client sent meanwhile.
        connect(upstream, &QTcpSocket::connected, this, [this, client, upstream] { forward(client, upstream); });
        for (QTcpSocket *socket : {client, upstream})
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] { removePair(socket); });
        upstream->connectToHost(m_targetAddress, m_targetPort);
        Q_EMIT connectionAccepted();
    }
}

void TcpForwarder::forward(QTcpSocket *from, QTcpSocket *to)
{
    if (m_stalled) {
        from->readAll(); // a dead path loses what it carries
        return;
    }
    if (to->state() != QAbstractSocket::ConnectedState)
        return; // stays buffered in `from` until upstream connects
    to->write(from->readAll());
}

void TcpForwarder::removePair(QTcpSocket *either)
{
    const auto it = std::find_if(m_pairs.begin(), m_pairs.end(),
                                 [either](const Pair &p) { return p.client == either || p.upstream == either; });
    if (it == m_pairs.end())
        return;
    const Pair pair = *it;
    m_pairs.erase(it);
    for (QTcpSocket *socket : {pair.client, pair.upstream}) {
        socket->disconnect(this);
        if (socket != either && !m_stalled)
            socket->disconnectFromHost();
        else
            socket->abort();
        socket->deleteLater();
    }
}
