// FaultInjectingDemoServer, the demo push server's fault switches for tests (demo/testing/), driven by a raw
// QWebSocket client (TestClient.h): dropped and cleanly closed connections, heart-beats switched off, a stalled
// path, ERROR and malformed bytes from the server, delayed and swallowed responses, refused handshakes, and the
// extra newline after frames. Timers run on MockClock where time matters; network events are awaited
// (QTest::qWaitFor / QTRY_*), never slept on.
#include "FaultInjectingDemoServer.h"
#include "MockClock.h"
#include "TestClient.h"

class tst_DemoFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dropConnectionsAborts();
    void closeConnectionsIsClean();
    void heartbeatsCanBeSwitchedOff();
    void stalledServerIsSilent();
    void sendErrorThenClose();
    void sendMalformedFrame();
    void responseDelayHoldsConnectedAndReceipts();
    void receiptsCanBeSwallowed();
    void rejectConnectionsRefusesHandshakes();
    void extraNewlineAfterFrames();
};

void tst_DemoFaults::dropConnectionsAborts()
{
    FaultInjectingDemoServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &DemoPushServer::clientDisconnected);
    TestClient a;
    TestClient b;
    QVERIFY(a.open(server.url()));
    QVERIFY(b.open(server.url()));
    QVERIFY(a.stompConnect());
    QVERIFY(b.stompConnect());
    QVERIFY(a.subscribe("s", "/topic/t"));
    QSignalSpy closeHandshake(&a.socket, &QWebSocket::aboutToClose);

    server.dropConnections();
    QTRY_COMPARE(server.connectionCount(), 0);
    QCOMPARE(server.subscriptionCount(), 0);
    QCOMPARE(disconnected.count(), 2);
    QVERIFY(a.waitClosed());
    QVERIFY(b.waitClosed());
    QCOMPARE(closeHandshake.count(), 0); // no close frame came: the TCP connection just ended
    QVERIFY(a.frames.isEmpty());

    // The server itself goes on.
    TestClient c;
    QVERIFY(c.open(server.url()));
    QVERIFY(c.stompConnect());
}

void tst_DemoFaults::closeConnectionsIsClean()
{
    FaultInjectingDemoServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QSignalSpy closeHandshake(&client.socket, &QWebSocket::aboutToClose);
    server.closeConnections(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("maintenance"));
    QVERIFY(client.waitClosed());
    QVERIFY(closeHandshake.count() > 0); // a close frame came (Qt reports it more than once)
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(client.socket.closeReason(), QStringLiteral("maintenance"));
    QTRY_COMPARE(server.connectionCount(), 0);
}

void tst_DemoFaults::heartbeatsCanBeSwitchedOff()
{
    MockClock clock;
    FaultInjectingDemoServer server;
    server.setClock(&clock);
    server.setPublishInterval(0);
    server.setHeartbeat(1000, 0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect({{"accept-version", "1.2"}, {"heart-beat", "0,1000"}}));
    QVERIFY(client.subscribe("s", "/topic/t"));

    server.setHeartbeatsEnabled(false);
    QVERIFY(!server.heartbeatsEnabled());
    clock.advance(10000);
    QCOMPARE(server.heartbeatsSent(), 0);
    QCOMPARE(server.connectionCount(), 1);
    server.publish("/topic/t", "still works");
    StompFrame message;
    QVERIFY(client.next(&message));
    QCOMPARE(message.body, QByteArray("still works"));
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(client.parser.heartbeatCount(), qint64(0));

    server.setHeartbeatsEnabled(true);
    clock.advance(1000);
    QCOMPARE(server.heartbeatsSent(), 1);
    QTRY_COMPARE(client.parser.heartbeatCount(), qint64(1));
}

void tst_DemoFaults::stalledServerIsSilent()
{
    MockClock clock;
    FaultInjectingDemoServer server;
    server.setClock(&clock);
    server.setPublishInterval(0);
    server.setHeartbeat(1000, 1000);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect({{"accept-version", "1.2"}, {"heart-beat", "1000,1000"}}));

    server.setStalled(true);
    QVERIFY(server.isStalled());
    clock.advance(10000); // no heart-beats out, and no watchdog for the (equally silent) client
    QCOMPARE(server.heartbeatsSent(), 0);
    QCOMPARE(server.connectionCount(), 1);

    // Frames arrive but get no reply.
    const int framesBefore = int(server.receivedFrames().size());
    client.send(StompFrame("SUBSCRIBE", {{"id", "s"}, {"destination", "/topic/t"}, {"receipt", "r"}}));
    QTRY_VERIFY(server.bufferedInputBytes() > 0);
    QCOMPARE(server.receivedFrames().size(), framesBefore);
    QCOMPARE(server.subscriptionCount(), 0);
    server.sendRaw(
        StompFrameWriter::serialize(StompFrame("MESSAGE", {{"destination", "/raw"}}, "queued while stalled")));
    QCOMPARE(server.queuedOutputCount(), 1);

    // A new connection hangs before the WebSocket handshake.
    TestClient late;
    late.socket.open(server.url());
    QTRY_COMPARE(server.pendingHandshakeCount(), 1);
    QCOMPARE(late.socket.state(), QAbstractSocket::ConnectingState);

    server.setStalled(false);
    QCOMPARE(server.bufferedInputBytes(), 0);
    QCOMPARE(server.subscriptionCount(), 1);
    QCOMPARE(server.queuedOutputCount(), 0);
    StompFrame frame;
    QVERIFY(client.next(&frame)); // what was queued goes first, then the reply to what was buffered
    QCOMPARE(frame.body, QByteArray("queued while stalled"));
    QVERIFY(client.next(&frame));
    QCOMPARE(frame.command, QByteArray("RECEIPT"));
    QTRY_COMPARE(late.socket.state(), QAbstractSocket::ConnectedState);
    clock.advance(1000);
    QCOMPARE(server.heartbeatsSent(), 1);
}

void tst_DemoFaults::sendErrorThenClose()
{
    FaultInjectingDemoServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    server.sendError("queue deleted", "the queue todo was deleted by an operator");
    StompFrame error;
    QVERIFY(client.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("message"), QByteArray("queue deleted"));
    QCOMPARE(error.header("content-type"), QByteArray("text/plain"));
    QCOMPARE(error.body, QByteArray("the queue todo was deleted by an operator"));
    QVERIFY(client.waitClosed());
    QTRY_COMPARE(server.connectionCount(), 0);
}

void tst_DemoFaults::sendMalformedFrame()
{
    FaultInjectingDemoServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    server.sendMalformedFrame();
    QTRY_VERIFY(client.parser.hasError());
    QCOMPARE(client.rawMessages.last(), FaultInjectingDemoServer::malformedFrameBytes());
    QCOMPARE(client.parser.error()->rule, StompParseRule::InvalidCommand);
    // The server leaves the connection to the client's judgement.
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_DemoFaults::responseDelayHoldsConnectedAndReceipts()
{
    MockClock clock;
    FaultInjectingDemoServer server;
    server.setClock(&clock);
    server.setPublishInterval(0);
    server.setResponseDelay(500);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QSignalSpy started(&server, &DemoPushServer::sessionStarted);

    client.send(StompFrame("CONNECT", {{"accept-version", "1.2"}}));
    QTRY_COMPARE(server.receivedFrames().size(), 1);
    QCOMPARE(server.queuedOutputCount(), 1); // CONNECTED, held
    clock.advance(499);
    QCOMPARE(server.queuedOutputCount(), 1);
    QCOMPARE(started.count(), 0);
    clock.advance(1);
    QCOMPARE(server.queuedOutputCount(), 0);
    QCOMPARE(started.count(), 1);
    StompFrame connected;
    QVERIFY(client.next(&connected));
    QCOMPARE(connected.command, QByteArray("CONNECTED"));

    // A RECEIPT is held too, and a MESSAGE after it waits behind it: the stream order is kept.
    client.send(StompFrame("SUBSCRIBE", {{"id", "s"}, {"destination", "/topic/t"}, {"receipt", "r"}}));
    QTRY_COMPARE(server.subscriptionCount(), 1);
    server.publish("/topic/t", "after the receipt");
    QCOMPARE(server.queuedOutputCount(), 2);
    clock.advance(500);
    QCOMPARE(server.queuedOutputCount(), 0);
    StompFrame frame;
    QVERIFY(client.next(&frame));
    QCOMPARE(frame.command, QByteArray("RECEIPT"));
    QVERIFY(client.next(&frame));
    QCOMPARE(frame.command, QByteArray("MESSAGE"));

    // Without a receipt to wait for, a MESSAGE goes at once.
    server.publish("/topic/t", "now");
    QCOMPARE(server.queuedOutputCount(), 0);
    QVERIFY(client.next(&frame));
    QCOMPARE(frame.body, QByteArray("now"));
}

void tst_DemoFaults::receiptsCanBeSwallowed()
{
    FaultInjectingDemoServer server;
    server.setPublishInterval(0);
    server.setReceiptsEnabled(false);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    client.send(StompFrame("SUBSCRIBE", {{"id", "s"}, {"destination", "/topic/t"}, {"receipt", "r"}}));
    QTRY_COMPARE(server.subscriptionCount(), 1);
    server.publish("/topic/t", "m");
    StompFrame frame;
    QVERIFY(client.next(&frame));
    QCOMPARE(frame.command, QByteArray("MESSAGE")); // no RECEIPT came before it

    client.send(StompFrame("DISCONNECT", {{"receipt", "bye"}}));
    QVERIFY(client.waitClosed()); // still closes, without the receipt
    QVERIFY(client.frames.isEmpty());
}

void tst_DemoFaults::rejectConnectionsRefusesHandshakes()
{
    FaultInjectingDemoServer server;
    QVERIFY(server.listen());
    TestClient existing;
    QVERIFY(existing.open(server.url()));
    QVERIFY(existing.stompConnect());
    QSignalSpy connected(&server, &DemoPushServer::clientConnected);

    server.setRejectConnections(true);
    TestClient refused;
    QSignalSpy errors(&refused.socket, errorSignal());
    QVERIFY(!refused.open(server.url()));
    QVERIFY(!errors.isEmpty());
    QCOMPARE(connected.count(), 0);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(existing.socket.state(), QAbstractSocket::ConnectedState); // untouched

    server.setRejectConnections(false);
    TestClient accepted;
    QVERIFY(accepted.open(server.url()));
    QTRY_COMPARE(connected.count(), 1);
}

void tst_DemoFaults::extraNewlineAfterFrames()
{
    FaultInjectingDemoServer server;
    server.setSendExtraNewlineAfterFrames(true);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.rawMessages.first().endsWith(QByteArrayLiteral("\0\n")));
    QCOMPARE(client.parser.heartbeatCount(), qint64(1));
}

QTEST_GUILESS_MAIN(tst_DemoFaults)
#include "tst_demofaults.moc"
