#include "FaultInjectingDemoServer.h"

#include "DemoConnection.h"
#include "DemoLogging.h"

FaultInjectingDemoServer::FaultInjectingDemoServer(QObject *parent)
    : DemoPushServer(parent)
{ }

FaultInjectingDemoServer::~FaultInjectingDemoServer() = default;

void FaultInjectingDemoServer::dropConnections()
{
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections) {
        if (connection->isFinished() || !connection->socket())
            continue;
        qCInfo(lcDemo).noquote() << "Dropping" << connection->sessionId();
        connection->abort();
    }
}

void FaultInjectingDemoServer::closeConnections(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections)
        connection->queueClose(code, reason);
}

void FaultInjectingDemoServer::setStalled(bool stalled)
{
    if (m_stalled == stalled)
        return;
    m_stalled = stalled;
    qCInfo(lcDemo) << (stalled ? "Stalled: reading and sending nothing" : "Resuming after a stall");
    if (!stalled)
        resumeTraffic();
}

void FaultInjectingDemoServer::sendError(const QByteArray &message, const QByteArray &body)
{
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections) {
        if (!connection->isCloseQueued())
            connection->sendError(message, body);
    }
}

QByteArray FaultInjectingDemoServer::malformedFrameBytes()
{
    return QByteArrayLiteral("\x01\x02garbage\n\n\0");
}

void FaultInjectingDemoServer::sendMalformedFrame()
{
    sendRaw(malformedFrameBytes());
}

void FaultInjectingDemoServer::sendRaw(const QByteArray &bytes)
{
    const QList<DemoConnection *> connections = openConnections();
    for (DemoConnection *connection : connections)
        connection->sendMessage(bytes);
}

int FaultInjectingDemoServer::queuedOutputCount() const
{
    int count = 0;
    const QList<DemoConnection *> connections = openConnections();
    for (const DemoConnection *connection : connections)
        count += connection->queuedOutputCount();
    return count;
}

qint64 FaultInjectingDemoServer::bufferedInputBytes() const
{
    qint64 bytes = 0;
    const QList<DemoConnection *> connections = openConnections();
    for (const DemoConnection *connection : connections)
        bytes += connection->heldInputBytes();
    return bytes;
}
