#pragma once

#include <QtGlobal>

// The seam between the demo push server and a test double that bends its behaviour: FaultInjectingDemoServer
// (demo/testing/, in the todo_demo_faults library that only tests link). DemoPushServer inherits this interface
// and hands itself to its parts, which ask each hook at the moment it matters. The answers given here are the
// server's normal behaviour; nothing in the shipped executables overrides them.
class DemoServerHooks
{
public:
    virtual ~DemoServerHooks() = default;

    // true: new WebSocket handshakes are refused with HTTP 503 (DemoHandshakeGate); open connections go on.
    virtual bool refusesHandshakes() const { return false; }
    // true: all traffic is held. Incoming WebSocket messages are kept unprocessed, nothing is written (frames
    // queue up, heart-beats are skipped), the silence watchdog does not fire, and new TCP connections wait
    // before the WebSocket handshake. Once this is false again, DemoPushServer::resumeTraffic() catches up.
    virtual bool holdsTraffic() const { return false; }
    // false: heart-beats are not sent; their timer runs on, so they resume on the beat.
    virtual bool sendsHeartbeats() const { return true; }
    // false: RECEIPT frames are not sent; a DISCONNECT still closes the connection.
    virtual bool sendsReceipts() const { return true; }
    // Clock milliseconds that every CONNECTED and RECEIPT waits before it is written; output queued behind it
    // waits too, so the stream order is kept.
    virtual qint64 responseDelayMs() const { return 0; }
    // true: an extra LF follows every frame, inside the same WebSocket message.
    virtual bool appendsNewlineToFrames() const { return false; }

protected:
    DemoServerHooks() = default;
    Q_DISABLE_COPY_MOVE(DemoServerHooks)
};
