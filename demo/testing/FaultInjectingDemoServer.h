#pragma once

#include "DemoPushServer.h"

#include <QByteArray>
#include <QString>
#include <QWebSocketProtocol>

// DemoPushServer with fault switches, for tests: the client's tests use it as an in-process fake broker that
// drops, stalls, delays, refuses and misbehaves on demand. It lives in the todo_demo_faults library, which only
// tests link; the shipped executables embed the plain DemoPushServer, which carries none of this. It works
// through the server's seam: it overrides the DemoServerHooks and acts on openConnections().
//
// Each switch applies to every current connection unless said otherwise.
class FaultInjectingDemoServer final : public DemoPushServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultInjectingDemoServer)

public:
    explicit FaultInjectingDemoServer(QObject *parent = nullptr);
    ~FaultInjectingDemoServer() override;

    // ---- Faults --------------------------------------------------------------------------------------
    // Aborts the TCP connections: no WebSocket close frame, no STOMP frame. The client sees an abnormal close.
    void dropConnections();
    // Closes the WebSocket connections cleanly with this close code and reason (after any queued output).
    void closeConnections(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal,
                          const QString &reason = {});
    // false: sends no more heart-beats (the sockets stay open and everything else works). Default true.
    void setHeartbeatsEnabled(bool enabled) { m_heartbeatsEnabled = enabled; }
    bool heartbeatsEnabled() const { return m_heartbeatsEnabled; }
    // true: a silent path. Nothing is read (incoming bytes are buffered, unprocessed), nothing is sent (no
    // frames, no heart-beats; output queues up), the silence watchdog is suspended, and new connections hang
    // before the WebSocket handshake. false: everything buffered is processed and sent, in order.
    void setStalled(bool stalled);
    bool isStalled() const { return m_stalled; }
    // Sends ERROR with `message` (header) and `body` (text/plain), then closes, as brokers do.
    void sendError(const QByteArray &message, const QByteArray &body = {});
    // Sends bytes that violate STOMP (malformedFrameBytes()) as one WebSocket message; the connection stays open.
    void sendMalformedFrame();
    static QByteArray malformedFrameBytes();
    // Sends arbitrary bytes as one WebSocket message (text if valid UTF-8), in order with queued output.
    void sendRaw(const QByteArray &bytes);
    // Delays every CONNECTED and RECEIPT by `ms` (Clock time). Output queued behind a delayed frame waits
    // for it, so the stream order is kept; heart-beats are not held back. 0 = no delay (default).
    void setResponseDelay(qint64 ms) { m_responseDelayMs = qMax<qint64>(0, ms); }
    qint64 responseDelay() const { return m_responseDelayMs; }
    // false: RECEIPT frames are swallowed (DISCONNECT still closes). For testing receipt timeouts.
    void setReceiptsEnabled(bool enabled) { m_receiptsEnabled = enabled; }
    bool receiptsEnabled() const { return m_receiptsEnabled; }
    // true: new WebSocket handshakes are refused with HTTP 503; open connections are untouched.
    void setRejectConnections(bool reject) { m_rejectConnections = reject; }
    bool rejectsConnections() const { return m_rejectConnections; }
    // true: an extra LF follows every frame, inside the same WebSocket message (the RabbitMQ habit).
    void setSendExtraNewlineAfterFrames(bool enabled) { m_extraNewline = enabled; }

    // ---- Observation of the faults -------------------------------------------------------------------
    int queuedOutputCount() const; // frames held back by a delay or a stall
    qint64 bufferedInputBytes() const; // bytes received but not processed (stalled)

private:
    // DemoServerHooks
    bool refusesHandshakes() const override { return m_rejectConnections; }
    bool holdsTraffic() const override { return m_stalled; }
    bool sendsHeartbeats() const override { return m_heartbeatsEnabled; }
    bool sendsReceipts() const override { return m_receiptsEnabled; }
    qint64 responseDelayMs() const override { return m_responseDelayMs; }
    bool appendsNewlineToFrames() const override { return m_extraNewline; }

    bool m_heartbeatsEnabled = true;
    bool m_stalled = false;
    bool m_receiptsEnabled = true;
    bool m_rejectConnections = false;
    bool m_extraNewline = false;
    qint64 m_responseDelayMs = 0;
};
