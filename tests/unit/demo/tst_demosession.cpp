// DemoPushServer's connections and STOMP sessions, driven by a raw QWebSocket client (TestClient.h):
// the listening URL and the HTTP-level refusal of other paths, CONNECT negotiation (versions, heart-beats,
// credentials, virtual host), heart-beats and the silence watchdog, protocol errors, receipts, transactions,
// DISCONNECT, the record of received frames, subprotocols and close(). Deliveries and acks are in
// tst_demodelivery, the fault switches in tst_demofaults. Timers run on MockClock where time matters; network
// events are awaited (QTest::qWaitFor / QTRY_*), never slept on.
#include "DemoPushServer.h"
#include "MockClock.h"
#include "TestClient.h"

#include <QLoggingCategory>

namespace {

QStringList g_logged;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged.append(message);
}

} // namespace

class tst_DemoSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listensOnLoopbackWithWsUrl();
    void connectedCarriesSessionServerAndHeartbeat();
    void versionNegotiation_data();
    void versionNegotiation();
    void heartbeatNegotiation_data();
    void heartbeatNegotiation();
    void heartbeatsAreSentWhenIdleAndSilentClientsClosed();
    void authenticationFailureIsErrorAndClose();
    void passcodeIsNeverLogged();
    void requiredVirtualHost();
    void frameBeforeConnectIsError();
    void unknownCommandIsError();
    void malformedClientFrameIsError();
    void receiptsAnswerEveryFrame();
    void disconnectWithReceiptThenClose();
    void transactionsApplyOnCommitOnly();
    void receivedFramesAreRecordedInOrder();
    void subprotocolIsChosen();
    void otherPathsAreRefused();
    void closeEndsEveryConnection();
};

void tst_DemoSession::listensOnLoopbackWithWsUrl()
{
    DemoPushServer server;
    QVERIFY(!server.isListening());
    QVERIFY(server.url().isEmpty());
    QVERIFY(server.listen());
    QVERIFY(server.isListening());
    QVERIFY(server.port() > 0);
    QCOMPARE(server.url(), QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    server.setPath(QStringLiteral("main2/ws"));
    QCOMPARE(server.url().path(), QStringLiteral("/main2/ws"));
    QCOMPARE(server.connectionCount(), 0);
}

void tst_DemoSession::connectedCarriesSessionServerAndHeartbeat()
{
    DemoPushServer server;
    QSignalSpy connectedSpy(&server, &DemoPushServer::clientConnected);
    QSignalSpy startedSpy(&server, &DemoPushServer::sessionStarted);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QTRY_COMPARE(connectedSpy.count(), 1);
    QCOMPARE(server.connectionCount(), 1);

    StompFrame connected;
    QVERIFY(client.stompConnect({{"accept-version", "1.0,1.1,1.2"}, {"host", "/"}, {"heart-beat", "0,0"}}, &connected));
    QCOMPARE(connected.header("version"), QByteArray("1.2"));
    QCOMPARE(connected.header("server"), QByteArray("TodoNotifier-Demo/" TODO_NOTIFIER_VERSION));
    QCOMPARE(connected.header("heart-beat"), QByteArray("10000,10000"));
    const QByteArray session = connected.header("session");
    QVERIFY(!session.isEmpty());
    QCOMPARE(connectedSpy.first().first().toByteArray(), session);
    QTRY_COMPARE(startedSpy.count(), 1);
    QCOMPARE(startedSpy.first().first().toByteArray(), session);
    QCOMPARE(server.sessionIds(), QList<QByteArray> {session});
    const DemoPushServer::SessionInfo info = server.sessions().first();
    QVERIFY(info.stompConnected);
    QCOMPARE(info.version, StompVersion::V1_2);
    QCOMPARE(info.host, QByteArray("/"));
    QCOMPARE(info.requestUrl.path(), QStringLiteral("/ws"));
}

void tst_DemoSession::versionNegotiation_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QByteArray>("acceptVersion"); // "-" = no header
    QTest::addColumn<QByteArray>("serverVersions");
    QTest::addColumn<QByteArray>("expected"); // version header of CONNECTED, "none" (1.0), or "ERROR"

    const QByteArray all("1.0,1.1,1.2");
    QTest::newRow("1.2") << QByteArray("CONNECT") << QByteArray("1.2") << all << QByteArray("1.2");
    QTest::newRow("all, highest wins") << QByteArray("CONNECT") << QByteArray("1.0,1.1,1.2") << all
                                       << QByteArray("1.2");
    QTest::newRow("1.1 only") << QByteArray("CONNECT") << QByteArray("1.1") << all << QByteArray("1.1");
    QTest::newRow("1.0,1.1") << QByteArray("CONNECT") << QByteArray("1.0,1.1") << all << QByteArray("1.1");
    QTest::newRow("no header is 1.0") << QByteArray("CONNECT") << QByteArray("-") << all << QByteArray("none");
    QTest::newRow("STOMP command") << QByteArray("STOMP") << QByteArray("1.2") << all << QByteArray("1.2");
    QTest::newRow("server 1.1 only") << QByteArray("CONNECT") << QByteArray("1.0,1.1,1.2") << QByteArray("1.1")
                                     << QByteArray("1.1");
    QTest::newRow("nothing in common") << QByteArray("CONNECT") << QByteArray("2.0") << all << QByteArray("ERROR");
    QTest::newRow("server 1.2 only, client 1.1")
        << QByteArray("CONNECT") << QByteArray("1.1") << QByteArray("1.2") << QByteArray("ERROR");
}

void tst_DemoSession::versionNegotiation()
{
    QFETCH(QByteArray, command);
    QFETCH(QByteArray, acceptVersion);
    QFETCH(QByteArray, serverVersions);
    QFETCH(QByteArray, expected);

    QList<StompVersion> versions;
    for (const QByteArray &name : serverVersions.split(',')) {
        StompVersion version = StompVersion::V1_2;
        QVERIFY(parseStompVersion(name, &version));
        versions.append(version);
    }
    DemoPushServer server;
    server.setSupportedVersions(versions);
    QCOMPARE(server.supportedVersions(), versions);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    Headers headers {{"host", "/"}};
    if (acceptVersion != "-")
        headers.append({"accept-version", acceptVersion});
    client.send(StompFrame(command, headers));
    StompFrame reply;
    QVERIFY(client.next(&reply));
    if (expected == "ERROR") {
        QCOMPARE(reply.command, QByteArray("ERROR"));
        const QByteArray message = QByteArrayLiteral("Supported protocol versions are ") + serverVersions;
        QCOMPARE(reply.header("message"), message);
        QCOMPARE(reply.header("version"), serverVersions);
        QVERIFY(client.waitClosed());
        QTRY_COMPARE(server.connectionCount(), 0);
        return;
    }
    QCOMPARE(reply.command, QByteArray("CONNECTED"));
    if (expected == "none") {
        QVERIFY(!reply.hasHeader("version"));
        QVERIFY(!reply.hasHeader("heart-beat"));
        QCOMPARE(server.sessions().first().version, StompVersion::V1_0);
    } else {
        QCOMPARE(reply.header("version"), expected);
    }
    QVERIFY(!reply.header("session").isEmpty());
}

void tst_DemoSession::heartbeatNegotiation_data()
{
    QTest::addColumn<int>("sx");
    QTest::addColumn<int>("sy");
    QTest::addColumn<QByteArray>("client"); // cx,cy
    QTest::addColumn<int>("send"); // server -> client
    QTest::addColumn<int>("expect"); // client -> server

    QTest::newRow("client wants none") << 10000 << 10000 << QByteArray("0,0") << 0 << 0;
    QTest::newRow("browser default") << 10000 << 10000 << QByteArray("10000,10000") << 10000 << 10000;
    QTest::newRow("larger of each pair") << 10000 << 10000 << QByteArray("5000,20000") << 20000 << 10000;
    QTest::newRow("server faster") << 1000 << 2000 << QByteArray("3000,500") << 1000 << 3000;
    QTest::newRow("server offers none") << 0 << 0 << QByteArray("1000,1000") << 0 << 0;
    QTest::newRow("server sends only") << 1000 << 0 << QByteArray("1000,1000") << 1000 << 0;
    QTest::newRow("client sends only") << 1000 << 1000 << QByteArray("4000,0") << 0 << 4000;
}

void tst_DemoSession::heartbeatNegotiation()
{
    QFETCH(int, sx);
    QFETCH(int, sy);
    QFETCH(QByteArray, client);
    QFETCH(int, send);
    QFETCH(int, expect);

    MockClock clock;
    DemoPushServer server;
    server.setClock(&clock);
    server.setHeartbeat(sx, sy);
    QVERIFY(server.listen());
    TestClient peer;
    QVERIFY(peer.open(server.url()));
    StompFrame connected;
    QVERIFY(peer.stompConnect({{"accept-version", "1.2"}, {"heart-beat", client}}, &connected));
    QCOMPARE(connected.header("heart-beat"), QByteArray::number(sx) + ',' + QByteArray::number(sy));
    const DemoPushServer::SessionInfo info = server.sessions().first();
    QCOMPARE(info.sendHeartbeatMs, qint64(send));
    QCOMPARE(info.expectHeartbeatMs, qint64(expect));
}

void tst_DemoSession::heartbeatsAreSentWhenIdleAndSilentClientsClosed()
{
    MockClock clock;
    DemoPushServer server;
    server.setClock(&clock);
    server.setHeartbeat(1000, 1000);
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect({{"accept-version", "1.2"}, {"heart-beat", "1000,1000"}}));

    clock.advance(999);
    QCOMPARE(server.heartbeatsSent(), 0);
    clock.advance(1); // t = 1000
    QCOMPARE(server.heartbeatsSent(), 1);
    QTRY_COMPARE(client.parser.heartbeatCount(), qint64(1));
    QCOMPARE(client.rawMessages.last(), QByteArray("\n"));

    // Only when idle: a frame at t = 1500 moves the next beat to t = 2500.
    clock.advance(500);
    server.publish("/nowhere", "x"); // nobody subscribes: nothing is sent...
    client.send(StompFrame("SUBSCRIBE", {{"id", "s"}, {"destination", "/topic/t"}, {"receipt", "r"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt)); // ...but this RECEIPT is, at t = 1500: the next beat is due at t = 2500
    clock.advance(999);
    QCOMPARE(server.heartbeatsSent(), 1);
    clock.advance(1); // t = 2500
    QCOMPARE(server.heartbeatsSent(), 2);

    // The client's SUBSCRIBE at t = 1500 was the last thing heard: silence over 2 x 1000 ms closes it.
    QCOMPARE(server.connectionCount(), 1);
    client.sendRaw("\n"); // a client heart-beat at t = 2500 restarts the watchdog
    QTRY_COMPARE(server.heartbeatsReceived(), 1);
    clock.advance(1999);
    QCOMPARE(server.connectionCount(), 1);
    QSignalSpy disconnected(&server, &DemoPushServer::clientDisconnected);
    clock.advance(1);
    QVERIFY(client.waitClosed());
    QCOMPARE(client.socket.closeReason(), QStringLiteral("Heart-beat timeout"));
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(server.connectionCount(), 0);
}

void tst_DemoSession::authenticationFailureIsErrorAndClose()
{
    DemoPushServer server;
    server.setCredentials(QStringLiteral("guest"), QStringLiteral("s3cret"));
    QVERIFY(server.listen());

    for (const Headers &wrong : {Headers {{"accept-version", "1.2"}, {"login", "guest"}, {"passcode", "nope"}},
                                 Headers {{"accept-version", "1.2"}, {"login", "eve"}, {"passcode", "s3cret"}},
                                 Headers {{"accept-version", "1.2"}}}) {
        TestClient client;
        QVERIFY(client.open(server.url()));
        client.send(StompFrame("CONNECT", wrong + Headers {{"receipt", "c1"}}));
        StompFrame error;
        QVERIFY(client.next(&error));
        QCOMPARE(error.command, QByteArray("ERROR"));
        QVERIFY2(error.header("message").toLower().contains("auth"), error.header("message").constData());
        QVERIFY(error.body.contains("Access refused for user"));
        QVERIFY(!error.body.contains("s3cret"));
        QVERIFY(client.waitClosed());
    }

    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect({{"accept-version", "1.2"}, {"login", "guest"}, {"passcode", "s3cret"}}));
    QCOMPARE(server.sessions().first().login, QByteArray("guest"));
}

void tst_DemoSession::passcodeIsNeverLogged()
{
    g_logged.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("todo.demo.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    {
        DemoPushServer server;
        server.setCredentials(QStringLiteral("guest"), QStringLiteral("pass-w0rd-42"));
        QVERIFY(server.listen());
        TestClient bad;
        QVERIFY(bad.open(server.url()));
        bad.send(StompFrame("CONNECT", {{"accept-version", "1.2"}, {"login", "guest"}, {"passcode", "wrong-pass-77"}}));
        QVERIFY(bad.waitClosed());
        TestClient good;
        QVERIFY(good.open(server.url()));
        QVERIFY(good.stompConnect({{"accept-version", "1.2"}, {"login", "guest"}, {"passcode", "pass-w0rd-42"}}));
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QStringLiteral("todo.demo.debug=false"));

    QVERIFY(!g_logged.isEmpty());
    bool sawConnect = false;
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(QLatin1String("pass-w0rd-42")), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("wrong-pass-77")), qPrintable(line));
        sawConnect =
            sawConnect || (line.contains(QLatin1String("CONNECT")) && line.contains(QLatin1String("passcode")));
    }
    QVERIFY(sawConnect); // the frame was logged, with its passcode redacted
}

void tst_DemoSession::requiredVirtualHost()
{
    DemoPushServer server;
    server.setRequiredHost(QStringLiteral("/"));
    QVERIFY(server.listen());
    TestClient wrong;
    QVERIFY(wrong.open(server.url()));
    wrong.send(StompFrame("CONNECT", {{"accept-version", "1.2"}, {"host", "/other"}}));
    StompFrame error;
    QVERIFY(wrong.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QVERIFY(error.header("message").contains("host"));
    QVERIFY(wrong.waitClosed());

    TestClient right;
    QVERIFY(right.open(server.url()));
    QVERIFY(right.stompConnect({{"accept-version", "1.2"}, {"host", "/"}}));
}

void tst_DemoSession::frameBeforeConnectIsError()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    client.send(StompFrame("SUBSCRIBE", {{"id", "0"}, {"destination", "/topic/t"}, {"receipt", "early"}}));
    StompFrame error;
    QVERIFY(client.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("receipt-id"), QByteArray("early"));
    QCOMPARE(error.header("content-type"), QByteArray("text/plain"));
    QVERIFY(client.waitClosed());
    QCOMPARE(server.subscriptionCount(), 0);
}

void tst_DemoSession::unknownCommandIsError()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    client.send(StompFrame("FROB", {{"receipt", "f1"}}));
    StompFrame error;
    QVERIFY(client.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("message"), QByteArray("Unknown command"));
    QCOMPARE(error.header("receipt-id"), QByteArray("f1"));
    QVERIFY(error.body.contains("FROB"));
    QVERIFY(client.waitClosed());
}

void tst_DemoSession::malformedClientFrameIsError()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    client.sendRaw(QByteArrayLiteral("SEND\nno-colon-here\n\nbody\0"));
    StompFrame error;
    QVERIFY(client.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("message"), QByteArray("Malformed frame"));
    QVERIFY2(error.body.contains("frame #2"), error.body.constData());
    QVERIFY(client.waitClosed());
}

void tst_DemoSession::receiptsAnswerEveryFrame()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    client.send(StompFrame("SUBSCRIBE", {{"id", "1"}, {"destination", "/q"}, {"receipt", "r1"}}));
    client.send(StompFrame("BEGIN", {{"transaction", "t"}, {"receipt", "r2"}}));
    client.send(StompFrame("SEND", {{"destination", "/elsewhere"}, {"transaction", "t"}, {"receipt", "r3"}}, "x"));
    client.send(StompFrame("ABORT", {{"transaction", "t"}, {"receipt", "r4"}}));
    client.send(StompFrame("UNSUBSCRIBE", {{"id", "1"}, {"receipt", "r5"}}));
    for (const QByteArray id : {"r1", "r2", "r3", "r4", "r5"}) {
        StompFrame receipt;
        QVERIFY(client.next(&receipt));
        QCOMPARE(receipt.command, QByteArray("RECEIPT"));
        QCOMPARE(receipt.header("receipt-id"), id);
    }
    QCOMPARE(server.subscriptionCount(), 0);
}

void tst_DemoSession::disconnectWithReceiptThenClose()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &DemoPushServer::clientDisconnected);
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("s", "/topic/t"));
    client.send(StompFrame("DISCONNECT", {{"receipt", "bye"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt));
    QCOMPARE(receipt.command, QByteArray("RECEIPT"));
    QCOMPARE(receipt.header("receipt-id"), QByteArray("bye"));
    QVERIFY(client.waitClosed());
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(server.connectionCount(), 0);
    QCOMPARE(server.subscriptionCount(), 0);
}

void tst_DemoSession::transactionsApplyOnCommitOnly()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient listener;
    TestClient sender;
    QVERIFY(listener.open(server.url()));
    QVERIFY(sender.open(server.url()));
    QVERIFY(listener.stompConnect());
    QVERIFY(sender.stompConnect());
    QVERIFY(listener.subscribe("l", "/queue/tx", "client-individual"));

    sender.send(StompFrame("BEGIN", {{"transaction", "t1"}}));
    sender.send(StompFrame("SEND", {{"destination", "/queue/tx"}, {"transaction", "t1"}}, "aborted"));
    sender.send(StompFrame("ABORT", {{"transaction", "t1"}}));
    sender.send(StompFrame("BEGIN", {{"transaction", "t2"}}));
    sender.send(
        StompFrame("SEND", {{"destination", "/queue/tx"}, {"transaction", "t2"}, {"receipt", "held"}}, "committed"));
    StompFrame receipt;
    QVERIFY(sender.next(&receipt)); // received (and held), so the receipt comes now
    QCOMPARE(receipt.header("receipt-id"), QByteArray("held"));
    QCOMPARE(server.sentMessageCount(), 0);
    sender.send(StompFrame("COMMIT", {{"transaction", "t2"}, {"receipt", "c"}}));
    QVERIFY(sender.next(&receipt));
    QCOMPARE(receipt.header("receipt-id"), QByteArray("c"));
    QCOMPARE(sender.frames.size(), 0); // exactly one receipt for the held SEND

    StompFrame message;
    QVERIFY(listener.next(&message));
    QCOMPARE(message.body, QByteArray("committed"));

    // An ACK in a transaction is applied on COMMIT too.
    listener.send(StompFrame("BEGIN", {{"transaction", "ta"}}));
    listener.send(StompFrame("ACK", {{"id", message.header("ack")}, {"transaction", "ta"}, {"receipt", "held-ack"}}));
    QVERIFY(listener.next(&receipt));
    QCOMPARE(server.unackedCount(), 1);
    listener.send(StompFrame("COMMIT", {{"transaction", "ta"}, {"receipt", "ca"}}));
    QVERIFY(listener.next(&receipt));
    QCOMPARE(receipt.header("receipt-id"), QByteArray("ca"));
    QCOMPARE(server.unackedCount(), 0);

    // Nothing from t1 ever arrived: the next message is the marker.
    server.publish("/queue/tx", "marker");
    QVERIFY(listener.next(&message));
    QCOMPARE(message.body, QByteArray("marker"));
    QCOMPARE(server.receivedFrames("SEND").size(), 2);

    sender.send(StompFrame("COMMIT", {{"transaction", "never-begun"}}));
    StompFrame error;
    QVERIFY(sender.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("message"), QByteArray("Unknown transaction"));
}

void tst_DemoSession::receivedFramesAreRecordedInOrder()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QSignalSpy received(&server, &DemoPushServer::frameReceived);
    QVERIFY(server.listen());
    TestClient a;
    TestClient b;
    QVERIFY(a.open(server.url()));
    QVERIFY(a.stompConnect());
    QVERIFY(b.open(server.url()));
    QVERIFY(b.stompConnect());
    QVERIFY(a.subscribe("x", "/topic/x"));
    const QList<QByteArray> ids = server.sessionIds();
    QCOMPARE(ids.size(), 2);

    const QList<DemoPushServer::ReceivedFrame> frames = server.receivedFrames();
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames.at(0).sessionId, ids.at(0));
    QCOMPARE(frames.at(0).frame.command, QByteArray("CONNECT"));
    QCOMPARE(frames.at(1).sessionId, ids.at(1));
    QCOMPARE(frames.at(2).sessionId, ids.at(0));
    QCOMPARE(frames.at(2).frame.command, QByteArray("SUBSCRIBE"));
    QCOMPARE(received.count(), 3);
    QCOMPARE(received.at(2).at(1).value<StompFrame>().header("id"), QByteArray("x"));
    server.clearReceivedFrames();
    QVERIFY(server.receivedFrames().isEmpty());
}

void tst_DemoSession::subprotocolIsChosen()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    TestClient offering;
    QVERIFY(offering.open(server.url(), {QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp")}));
    QVERIFY2(offering.socket.subprotocol() == QLatin1String("v12.stomp")
                 || offering.socket.subprotocol() == QLatin1String("v11.stomp"),
             qPrintable(offering.socket.subprotocol()));
    QTRY_COMPARE(server.connectionCount(), 1);
    QCOMPARE(server.sessions().first().subprotocol, offering.socket.subprotocol());

    TestClient plain;
    QVERIFY(plain.open(server.url()));
    QVERIFY(plain.socket.subprotocol().isEmpty());
    QVERIFY(plain.stompConnect());
}

void tst_DemoSession::otherPathsAreRefused()
{
    DemoPushServer server;
    server.setPath(QStringLiteral("/main2/ws"));
    QVERIFY(server.listen());
    QUrl wrong = server.url();
    wrong.setPath(QStringLiteral("/ws"));
    TestClient refused;
    QVERIFY(!refused.open(wrong));
    QCOMPARE(server.connectionCount(), 0);

    QUrl withQuery = server.url();
    withQuery.setQuery(QStringLiteral("token=abc"));
    TestClient accepted;
    QVERIFY(accepted.open(withQuery));
    QVERIFY(accepted.stompConnect());
}

void tst_DemoSession::closeEndsEveryConnection()
{
    DemoPushServer server;
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    server.close();
    QVERIFY(!server.isListening());
    QVERIFY(client.waitClosed());
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE(server.connectionCount(), 0);
}

QTEST_GUILESS_MAIN(tst_DemoSession)
#include "tst_demosession.moc"
