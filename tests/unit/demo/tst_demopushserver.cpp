// DemoPushServer, driven by a raw QWebSocket client that writes STOMP frames by hand (StompFrameWriter) and
// reads the replies with StompFrameParser: negotiation, auth, subscriptions and pushes, the tiny echo broker,
// receipts, acks and redelivery, transactions, and every fault switch. Timers run on MockClock where time
// matters; network events are awaited (QTest::qWaitFor / QTRY_*), never slept on.
#include "DemoPushServer.h"
#include "MockClock.h"
#include "stomp/StompFrameParser.h"
#include "stomp/StompFrameWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace {

constexpr int kWaitMs = 5000;

using Headers = QList<StompFrame::Header>;

// QWebSocket::errorOccurred is 6.5+; 6.4 has the overloaded error().
auto errorSignal()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return &QWebSocket::errorOccurred;
#else
    return qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
}

// A STOMP client at the byte level: what it sends is exactly what the test wrote.
class TestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestClient)

public:
    explicit TestClient(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &message) { onMessage(message.toUtf8()); });
        connect(&socket, &QWebSocket::binaryMessageReceived, this, &TestClient::onMessage);
    }

    // True once the WebSocket handshake succeeded; false if it was refused or timed out.
    bool open(const QUrl &url, const QStringList &subprotocols = {})
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        QSignalSpy errors(&socket, errorSignal());
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(subprotocols);
        socket.open(url, options);
        const bool settled = QTest::qWaitFor(
            [&] { return !connected.isEmpty() || !disconnected.isEmpty() || !errors.isEmpty(); }, kWaitMs);
        return settled && !connected.isEmpty() && socket.state() == QAbstractSocket::ConnectedState;
    }

    void send(const StompFrame &frame) { sendRaw(StompFrameWriter::serialize(frame, version)); }
    void sendRaw(const QByteArray &bytes) { socket.sendTextMessage(QString::fromUtf8(bytes)); }

    // Takes the next frame received, waiting for it.
    bool next(StompFrame *frame, int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return !frames.isEmpty(); }, timeoutMs))
            return false;
        *frame = frames.takeFirst();
        return true;
    }

    bool waitClosed(int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    // CONNECT (1.2 unless `headers` says otherwise) and wait for CONNECTED.
    bool stompConnect(Headers headers = {}, StompFrame *connected = nullptr, const QByteArray &command = "CONNECT")
    {
        if (headers.isEmpty())
            headers = {{"accept-version", "1.2"}, {"host", "/"}, {"heart-beat", "0,0"}};
        send(StompFrame(command, headers));
        StompFrame reply;
        if (!next(&reply) || reply.command != "CONNECTED")
            return false;
        StompVersion negotiated = StompVersion::V1_0;
        if (parseStompVersion(reply.header("version", "1.0"), &negotiated)) {
            version = negotiated;
            parser.setVersion(negotiated);
        }
        if (connected)
            *connected = reply;
        return true;
    }

    bool subscribe(const QByteArray &id, const QByteArray &destination, const QByteArray &ack = "auto")
    {
        const QByteArray receiptId = QByteArrayLiteral("sub-") + id;
        send(StompFrame("SUBSCRIBE", {{"id", id}, {"destination", destination}, {"ack", ack}, {"receipt", receiptId}}));
        StompFrame receipt;
        return next(&receipt) && receipt.command == "RECEIPT" && receipt.header("receipt-id") == receiptId;
    }

    QWebSocket socket;
    StompFrameParser parser;
    StompVersion version = StompVersion::V1_2;
    QList<StompFrame> frames;
    QList<QByteArray> rawMessages;

private:
    void onMessage(const QByteArray &bytes)
    {
        rawMessages.append(bytes);
        parser.feed(bytes);
        while (parser.hasFrame())
            frames.append(parser.takeFrame());
    }
};

QJsonObject firstTodo(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("sysMsgList"))
        .toArray()
        .first()
        .toObject();
}

int sysMsgNums(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("sysMsgNums"))
        .toInt(-1);
}

QStringList g_logged;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged.append(message);
}

} // namespace

class tst_DemoPushServer : public QObject
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
    void subscriberReceivesPushedTodos();
    void pushesRunOnTheSystemClock();
    void newcomerGetsAPushSoon();
    void publishToADestination();
    void sendIsEchoedToSubscribers();
    void receiptsAnswerEveryFrame();
    void disconnectWithReceiptThenClose();
    void clientIndividualAcks();
    void clientAcksAreCumulative();
    void nackRedeliversMarkedRedelivered();
    void nackPrefersAnotherSubscriber();
    void unackedAtDisconnectGoesToTheNextSubscriber();
    void acks11UseMessageIdAndSubscription();
    void unknownAckIdIsError();
    void transactionsApplyOnCommitOnly();
    void receivedFramesAreRecordedInOrder();
    void subprotocolIsChosen();

    // Fault injection
    void dropConnectionsAborts();
    void closeConnectionsIsClean();
    void heartbeatsCanBeSwitchedOff();
    void stalledServerIsSilent();
    void sendErrorThenClose();
    void sendMalformedFrame();
    void responseDelayHoldsConnectedAndReceipts();
    void receiptsCanBeSwallowed();
    void rejectConnectionsRefusesHandshakes();
    void otherPathsAreRefused();
    void extraNewlineAfterFrames();
    void closeEndsEveryConnection();
};

void tst_DemoPushServer::listensOnLoopbackWithWsUrl()
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

void tst_DemoPushServer::connectedCarriesSessionServerAndHeartbeat()
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

void tst_DemoPushServer::versionNegotiation_data()
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

void tst_DemoPushServer::versionNegotiation()
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

void tst_DemoPushServer::heartbeatNegotiation_data()
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

void tst_DemoPushServer::heartbeatNegotiation()
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

void tst_DemoPushServer::heartbeatsAreSentWhenIdleAndSilentClientsClosed()
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

void tst_DemoPushServer::authenticationFailureIsErrorAndClose()
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

void tst_DemoPushServer::passcodeIsNeverLogged()
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

void tst_DemoPushServer::requiredVirtualHost()
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

void tst_DemoPushServer::frameBeforeConnectIsError()
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

void tst_DemoPushServer::unknownCommandIsError()
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

void tst_DemoPushServer::malformedClientFrameIsError()
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

void tst_DemoPushServer::subscriberReceivesPushedTodos()
{
    MockClock clock(1715848083000);
    DemoPushServer server;
    server.setClock(&clock);
    QCOMPARE(server.publishInterval(), qint64(5000));
    QCOMPARE(server.firstPublishDelay(), qint64(1000));
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("sub-0", "/user/topic/all"));

    clock.advance(999);
    QCOMPARE(server.sentMessageCount(), 0);
    clock.advance(1); // about a second after subscribing
    QCOMPARE(server.sentMessageCount(), 1);
    StompFrame message;
    QVERIFY(client.next(&message));
    QCOMPARE(message.command, QByteArray("MESSAGE"));
    QCOMPARE(message.header("destination"), QByteArray("/user/topic/all"));
    QCOMPARE(message.header("subscription"), QByteArray("sub-0"));
    QVERIFY(!message.header("message-id").isEmpty());
    QVERIFY(!message.hasHeader("ack")); // auto
    QCOMPARE(message.header("content-type"), QByteArray("application/json;charset=UTF-8"));
    QCOMPARE(message.header("content-length"), QByteArray::number(message.body.size()));
    const QJsonObject todo = firstTodo(message.body);
    QVERIFY(!todo.value(QStringLiteral("title")).toString().isEmpty());
    QCOMPARE(todo.value(QStringLiteral("id")).toString().size(), 19);
    const int pending = sysMsgNums(message.body);
    QVERIFY(pending > 0);

    clock.advance(4999);
    QCOMPARE(server.sentMessageCount(), 1);
    clock.advance(1);
    StompFrame second;
    QVERIFY(client.next(&second));
    QCOMPARE(sysMsgNums(second.body), pending + 1);
    QVERIFY(second.header("message-id") != message.header("message-id"));
    QCOMPARE(server.generator().generatedCount(), 2);

    // Off: nothing more.
    server.setPublishInterval(0);
    clock.advance(60000);
    QCOMPARE(server.sentMessageCount(), 2);
}

void tst_DemoPushServer::pushesRunOnTheSystemClock()
{
    DemoPushServer server;
    server.setPublishInterval(30);
    server.setFirstPublishDelay(10);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("0", "/topic/todo"));
    StompFrame first;
    StompFrame second;
    QVERIFY(client.next(&first));
    QVERIFY(client.next(&second));
    QCOMPARE(first.command, QByteArray("MESSAGE"));
    QCOMPARE(sysMsgNums(second.body), sysMsgNums(first.body) + 1);
}

void tst_DemoPushServer::newcomerGetsAPushSoon()
{
    MockClock clock;
    DemoPushServer server;
    server.setClock(&clock);
    QVERIFY(server.listen());
    TestClient a;
    TestClient b;
    QVERIFY(a.open(server.url()));
    QVERIFY(b.open(server.url()));
    QVERIFY(a.stompConnect());
    QVERIFY(b.stompConnect());
    QVERIFY(a.subscribe("a", "/topic/a"));
    clock.advance(1000); // A's first push; the next is due at t = 6000
    QCOMPARE(server.sentMessageCount(), 1);
    clock.advance(1000);
    QVERIFY(b.subscribe("b", "/topic/b")); // t = 2000: the next push moves to t = 3000, for everyone
    clock.advance(999);
    QCOMPARE(server.sentMessageCount(), 1);
    clock.advance(1);
    QCOMPARE(server.sentMessageCount(), 3);
    StompFrame message;
    QVERIFY(b.next(&message));
    QCOMPARE(message.header("destination"), QByteArray("/topic/b"));
    QVERIFY(a.next(&message));
    QVERIFY(a.next(&message));
    QCOMPARE(message.header("destination"), QByteArray("/topic/a"));
    clock.advance(4999);
    QCOMPARE(server.sentMessageCount(), 3);
    clock.advance(1); // and then the regular period again
    QCOMPARE(server.sentMessageCount(), 5);
}

void tst_DemoPushServer::publishToADestination()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient a;
    TestClient b;
    QVERIFY(a.open(server.url()));
    QVERIFY(b.open(server.url()));
    QVERIFY(a.stompConnect());
    QVERIFY(b.stompConnect());
    QVERIFY(a.subscribe("sa", "/topic/a"));
    QVERIFY(b.subscribe("sb", "/topic/b"));
    QCOMPARE(server.subscriptionCount(), 2);

    const QByteArray id = server.publish("/topic/a", "hello", {{"x-test", "1"}, {"message-id", "forged"}});
    QVERIFY(!id.isEmpty());
    StompFrame message;
    QVERIFY(a.next(&message));
    QCOMPARE(message.body, QByteArray("hello"));
    QCOMPARE(message.header("message-id"), id);
    QCOMPARE(message.header("x-test"), QByteArray("1"));
    QCOMPARE(message.header("content-type"), QByteArray("application/json;charset=UTF-8"));

    const QByteArray all = server.publish({}, "everyone", {{"content-type", "text/plain"}});
    QVERIFY(all != id);
    QVERIFY(b.next(&message)); // B's first message is the broadcast: it never saw "hello"
    QCOMPARE(message.body, QByteArray("everyone"));
    QCOMPARE(message.header("destination"), QByteArray("/topic/b"));
    QCOMPARE(message.header("content-type"), QByteArray("text/plain"));
    QVERIFY(a.next(&message));
    QCOMPARE(message.body, QByteArray("everyone"));
    QCOMPARE(server.sentMessageCount(), 3);

    QVERIFY(!server.publish("/topic/nobody", "lost").isEmpty());
    QCOMPARE(server.sentMessageCount(), 3);
}

void tst_DemoPushServer::sendIsEchoedToSubscribers()
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
    QVERIFY(listener.subscribe("chat", "/topic/chat_demo"));

    const QByteArray text = QStringLiteral("你好, todo").toUtf8();
    sender.send(StompFrame("SEND",
                           {{"destination", "/topic/chat_demo"},
                            {"content-type", "text/plain;charset=UTF-8"},
                            {"x-trace", "t-1"},
                            {"receipt", "s1"}},
                           text));
    StompFrame receipt;
    QVERIFY(sender.next(&receipt));
    QCOMPARE(receipt.command, QByteArray("RECEIPT"));
    QCOMPARE(receipt.header("receipt-id"), QByteArray("s1"));

    StompFrame message;
    QVERIFY(listener.next(&message));
    QCOMPARE(message.command, QByteArray("MESSAGE"));
    QCOMPARE(message.body, text);
    QCOMPARE(message.header("destination"), QByteArray("/topic/chat_demo"));
    QCOMPARE(message.header("subscription"), QByteArray("chat"));
    QCOMPARE(message.header("content-type"), QByteArray("text/plain;charset=UTF-8"));
    QCOMPARE(message.header("x-trace"), QByteArray("t-1"));
    QVERIFY(!message.hasHeader("receipt"));

    const QList<StompFrame> sends = server.receivedFrames("SEND");
    QCOMPARE(sends.size(), 1);
    QCOMPARE(sends.first().body, text);
}

void tst_DemoPushServer::receiptsAnswerEveryFrame()
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

void tst_DemoPushServer::disconnectWithReceiptThenClose()
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

void tst_DemoPushServer::clientIndividualAcks()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("s", "/queue/todo", "client-individual"));
    server.publish("/queue/todo", "one");
    server.publish("/queue/todo", "two");
    StompFrame one;
    StompFrame two;
    QVERIFY(client.next(&one));
    QVERIFY(client.next(&two));
    QCOMPARE(server.unackedCount(), 2);
    QVERIFY(!one.header("ack").isEmpty());
    QVERIFY(one.header("ack") != one.header("message-id")); // 1.2: the ack id is its own thing
    QVERIFY(one.header("ack") != two.header("ack"));

    client.send(StompFrame("ACK", {{"id", two.header("ack")}, {"receipt", "a2"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt));
    QCOMPARE(receipt.header("receipt-id"), QByteArray("a2"));
    QCOMPARE(server.unackedCount(), 1); // not cumulative: "one" is still unacked
    client.send(StompFrame("ACK", {{"id", one.header("ack")}, {"receipt", "a1"}}));
    QVERIFY(client.next(&receipt));
    QCOMPARE(server.unackedCount(), 0);
}

void tst_DemoPushServer::clientAcksAreCumulative()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("s", "/queue/todo", "client"));
    QList<StompFrame> messages;
    for (int i = 0; i < 3; ++i) {
        server.publish("/queue/todo", QByteArray::number(i));
        StompFrame message;
        QVERIFY(client.next(&message));
        messages.append(message);
    }
    QCOMPARE(server.unackedCount(), 3);
    client.send(StompFrame("ACK", {{"id", messages.at(1).header("ack")}, {"receipt", "a"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt));
    QCOMPARE(server.unackedCount(), 1); // the first two
    client.send(StompFrame("ACK", {{"id", messages.at(2).header("ack")}, {"receipt", "b"}}));
    QVERIFY(client.next(&receipt));
    QCOMPARE(server.unackedCount(), 0);
}

void tst_DemoPushServer::nackRedeliversMarkedRedelivered()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.subscribe("s", "/queue/todo", "client-individual"));
    server.publish("/queue/todo", "one", {{"x-keep", "yes"}});
    StompFrame message;
    QVERIFY(client.next(&message));
    QVERIFY(!message.hasHeader("redelivered"));

    client.send(StompFrame("NACK", {{"id", message.header("ack")}, {"receipt", "n"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt));
    QCOMPARE(receipt.command, QByteArray("RECEIPT"));
    StompFrame again;
    QVERIFY(client.next(&again));
    QCOMPARE(again.command, QByteArray("MESSAGE"));
    QCOMPARE(again.header("redelivered"), QByteArray("true"));
    QCOMPARE(again.header("message-id"), message.header("message-id"));
    QVERIFY(again.header("ack") != message.header("ack"));
    QCOMPARE(again.header("x-keep"), QByteArray("yes"));
    QCOMPARE(again.body, QByteArray("one"));
    QCOMPARE(server.unackedCount(), 1);

    client.send(StompFrame("ACK", {{"id", again.header("ack")}, {"receipt", "a"}}));
    QVERIFY(client.next(&receipt));
    QCOMPARE(server.unackedCount(), 0);
    QCOMPARE(server.requeuedCount(), 0);
}

void tst_DemoPushServer::nackPrefersAnotherSubscriber()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient a;
    TestClient b;
    QVERIFY(a.open(server.url()));
    QVERIFY(b.open(server.url()));
    QVERIFY(a.stompConnect());
    QVERIFY(b.stompConnect());
    QVERIFY(a.subscribe("a", "/queue/q", "client-individual"));
    QVERIFY(b.subscribe("b", "/queue/q", "auto"));
    server.publish("/queue/q", "m");
    StompFrame toA;
    StompFrame toB;
    QVERIFY(a.next(&toA));
    QVERIFY(b.next(&toB));
    a.send(StompFrame("NACK", {{"id", toA.header("ack")}}));
    StompFrame redelivered;
    QVERIFY(b.next(&redelivered));
    QCOMPARE(redelivered.header("redelivered"), QByteArray("true"));
    QCOMPARE(redelivered.header("subscription"), QByteArray("b"));
    QCOMPARE(redelivered.header("message-id"), toA.header("message-id"));
    QCOMPARE(server.unackedCount(), 0); // B's subscription is auto
}

void tst_DemoPushServer::unackedAtDisconnectGoesToTheNextSubscriber()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient first;
    QVERIFY(first.open(server.url()));
    QVERIFY(first.stompConnect());
    QVERIFY(first.subscribe("s", "/queue/todo", "client"));
    server.publish("/queue/todo", "pending");
    StompFrame message;
    QVERIFY(first.next(&message));
    QCOMPARE(server.unackedCount(), 1);

    first.socket.abort(); // gone without a word, the message unacked
    QTRY_COMPARE(server.requeuedCount(), 1);
    QCOMPARE(server.unackedCount(), 0);

    TestClient second;
    QVERIFY(second.open(server.url()));
    QVERIFY(second.stompConnect());
    QVERIFY(second.subscribe("s2", "/queue/todo", "client-individual"));
    StompFrame again;
    QVERIFY(second.next(&again));
    QCOMPARE(again.header("redelivered"), QByteArray("true"));
    QCOMPARE(again.header("message-id"), message.header("message-id"));
    QCOMPARE(again.header("subscription"), QByteArray("s2"));
    QCOMPARE(again.body, QByteArray("pending"));
    QCOMPARE(server.requeuedCount(), 0);
    QCOMPARE(server.unackedCount(), 1);
}

void tst_DemoPushServer::acks11UseMessageIdAndSubscription()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect({{"accept-version", "1.1"}, {"host", "/"}}));
    QCOMPARE(client.version, StompVersion::V1_1);
    QVERIFY(client.subscribe("s", "/queue/todo", "client"));
    server.publish("/queue/todo", "one");
    StompFrame message;
    QVERIFY(client.next(&message));
    QVERIFY(!message.hasHeader("ack")); // 1.1 has no ack header
    QCOMPARE(server.unackedCount(), 1);
    client.send(
        StompFrame("ACK", {{"message-id", message.header("message-id")}, {"subscription", "s"}, {"receipt", "a"}}));
    StompFrame receipt;
    QVERIFY(client.next(&receipt));
    QCOMPARE(receipt.command, QByteArray("RECEIPT"));
    QCOMPARE(server.unackedCount(), 0);
}

void tst_DemoPushServer::unknownAckIdIsError()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    client.send(StompFrame("ACK", {{"id", "ack-from-another-life"}, {"receipt", "a"}}));
    StompFrame error;
    QVERIFY(client.next(&error));
    QCOMPARE(error.command, QByteArray("ERROR"));
    QCOMPARE(error.header("message"), QByteArray("Unknown ack id"));
    QCOMPARE(error.header("receipt-id"), QByteArray("a"));
    QVERIFY(client.waitClosed());
}

void tst_DemoPushServer::transactionsApplyOnCommitOnly()
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

void tst_DemoPushServer::receivedFramesAreRecordedInOrder()
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

void tst_DemoPushServer::subprotocolIsChosen()
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

// ---- Fault injection ----------------------------------------------------------------------------------

void tst_DemoPushServer::dropConnectionsAborts()
{
    DemoPushServer server;
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

void tst_DemoPushServer::closeConnectionsIsClean()
{
    DemoPushServer server;
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

void tst_DemoPushServer::heartbeatsCanBeSwitchedOff()
{
    MockClock clock;
    DemoPushServer server;
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

void tst_DemoPushServer::stalledServerIsSilent()
{
    MockClock clock;
    DemoPushServer server;
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

void tst_DemoPushServer::sendErrorThenClose()
{
    DemoPushServer server;
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

void tst_DemoPushServer::sendMalformedFrame()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    server.sendMalformedFrame();
    QTRY_VERIFY(client.parser.hasError());
    QCOMPARE(client.rawMessages.last(), DemoPushServer::malformedFrameBytes());
    QCOMPARE(client.parser.error()->rule, StompParseRule::InvalidCommand);
    // The server leaves the connection to the client's judgement.
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_DemoPushServer::responseDelayHoldsConnectedAndReceipts()
{
    MockClock clock;
    DemoPushServer server;
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

void tst_DemoPushServer::receiptsCanBeSwallowed()
{
    DemoPushServer server;
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

void tst_DemoPushServer::rejectConnectionsRefusesHandshakes()
{
    DemoPushServer server;
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

void tst_DemoPushServer::otherPathsAreRefused()
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

void tst_DemoPushServer::extraNewlineAfterFrames()
{
    DemoPushServer server;
    server.setSendExtraNewlineAfterFrames(true);
    QVERIFY(server.listen());
    TestClient client;
    QVERIFY(client.open(server.url()));
    QVERIFY(client.stompConnect());
    QVERIFY(client.rawMessages.first().endsWith(QByteArrayLiteral("\0\n")));
    QCOMPARE(client.parser.heartbeatCount(), qint64(1));
}

void tst_DemoPushServer::closeEndsEveryConnection()
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

QTEST_GUILESS_MAIN(tst_DemoPushServer)
#include "tst_demopushserver.moc"
