// The StompClient state machine against the in-process demo server (a real QWebSocketServer), with every
// timer of the client driven through MockClock: heart-beat loss, backoff, attempt limits, auth failures,
// resubscribe-then-flush, receipts, failover, suspend/resume. Network events are awaited, never slept on.
#include "FaultInjectingDemoServer.h"
#include "MockClock.h"
#include "TcpForwarder.h"
#include "source/ConnectionSupervisor.h"
#include "stomp/StompClient.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr int kWaitMs = 5000;

QList<QByteArray> commandsOf(const QList<DemoPushServer::ReceivedFrame> &frames, const QByteArray &sessionId)
{
    QList<QByteArray> commands;
    for (const auto &received : frames) {
        if (received.sessionId == sessionId)
            commands << received.frame.command;
    }
    return commands;
}

// A port on which nothing listens: bind an ephemeral port, then free it.
QUrl deadUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
}

} // namespace

class tst_StompClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void connectNegotiatesVersionAndHeartbeats();
    void connectFallsBackTo11();
    void passcodeIsRedactedInFrameSent();
    void secretsNeverReachTheLog();
    void heartbeatsAreSentWhenIdle();
    void heartbeatLossIsDetectedAfterGrace();
    void heartbeatGoesWithTheServersOne();
    void inboundDataKeepsConnectionAlive();
    void backoffGrowsExponentiallyWithJitterBounds();
    void attemptLimitEndsInFailedUntilAsked();
    void authFailureStopsAfterAFewAttempts();
    void resubscribeBeforeFlushingOutbox();
    void outboxIsBounded();
    void unconfirmedSendIsResentAfterReconnect();
    void receiptArrivesAndReceiptTimeoutFires();
    void gracefulDisconnectWaitsForReceipt();
    void gracefulDisconnectGivesUpAfterTimeout();
    void errorFrameIsSurfacedAndReconnects();
    void malformedFrameIsAProtocolError();
    void ackAndNackCarryVersionHeaders();
    void ackAndNack11UsesMessageId();
    void transactionsAreSent();
    void failoverMovesToTheNextUrl();
    void stableConnectionResetsAttempts();
    void connectTimeoutWhenServerNeverAnswers();
    void clockJumpTriggersLivenessProbeThatFails();
    void clockJumpWithHealthyPeerStaysConnected();
    void networkBackReconnectsAtOnce();
    void webSocketPingDetectsDeadPath();
    void extraNewlineAfterFramesIsTolerated();

private:
    void startServer();
    void connectClient(StompConnectOptions options = {});
    StompConnectOptions baseOptions() const;

    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<MockClock> m_serverClock; // when the server must not share the client's time
    std::unique_ptr<FaultInjectingDemoServer> m_server;
    std::unique_ptr<StompClient> m_client;
};

void tst_StompClient::init()
{
    m_clock = std::make_unique<MockClock>();
    m_server = std::make_unique<FaultInjectingDemoServer>();
    m_server->setClock(m_clock.get());
    m_server->setPublishInterval(0);
    m_server->setHeartbeat(0, 0);
    QVERIFY(m_server->listen());
    m_client = std::make_unique<StompClient>();
    m_client->setClock(m_clock.get());
    m_client->setRandomSeed(42);
}

void tst_StompClient::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_serverClock.reset();
    m_clock.reset();
}

StompConnectOptions tst_StompClient::baseOptions() const
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.reconnect.initialDelayMs = 1000;
    options.reconnect.maxDelayMs = 8000;
    options.reconnect.factor = 2.0;
    options.reconnect.jitter = 0.0;
    return options;
}

void tst_StompClient::connectClient(StompConnectOptions options)
{
    if (options.urls.isEmpty())
        options = baseOptions();
    m_client->setOptions(options);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_client->connectToServer();
    QCOMPARE(m_client->state(), StompClient::State::Connecting);
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_client->state(), StompClient::State::Connected);
}

void tst_StompClient::connectNegotiatesVersionAndHeartbeats()
{
    m_server->setHeartbeat(5000, 3000); // sx, sy
    StompConnectOptions options = baseOptions();
    options.heartbeatOutMs = 4000; // cx
    options.heartbeatInMs = 6000; // cy
    options.login = "alice";
    options.host = "todo-vhost";
    options.connectHeaders = {{"client-id", "desk-42"}};
    connectClient(options);

    const StompSession session = m_client->session();
    QCOMPARE(session.version, StompVersion::V1_2);
    QCOMPARE(session.heartbeatOutMs, 4000); // max(cx, sy)
    QCOMPARE(session.heartbeatInMs, 6000); // max(cy, sx)
    QVERIFY(session.server.startsWith("TodoNotifier-Demo/"));
    QVERIFY(!session.sessionId.isEmpty());
    QVERIFY(session.transport.contains(QLatin1String("v12.stomp")));

    const QList<StompFrame> connects = m_server->receivedFrames("CONNECT");
    QCOMPARE(connects.size(), 1);
    QCOMPARE(connects.first().header("accept-version"), QByteArray("1.2,1.1,1.0"));
    QCOMPARE(connects.first().header("host"), QByteArray("todo-vhost"));
    QCOMPARE(connects.first().header("login"), QByteArray("alice"));
    QCOMPARE(connects.first().header("heart-beat"), QByteArray("4000,6000"));
    QCOMPARE(connects.first().header("client-id"), QByteArray("desk-42"));
}

void tst_StompClient::connectFallsBackTo11()
{
    m_server->setSupportedVersions({StompVersion::V1_1, StompVersion::V1_0});
    connectClient();
    QCOMPARE(m_client->session().version, StompVersion::V1_1);
}

void tst_StompClient::passcodeIsRedactedInFrameSent()
{
    m_server->setCredentials(QStringLiteral("bob"), QStringLiteral("s3cret"));
    StompConnectOptions options = baseOptions();
    options.login = "bob";
    options.passcode = "s3cret";
    options.connectHeaders = {{"Authorization", "Bearer tok-123"}};
    QSignalSpy sent(m_client.get(), &StompClient::frameSent);
    connectClient(options);
    QVERIFY(!sent.isEmpty());
    const auto frame = sent.first().first().value<StompFrame>();
    QCOMPARE(frame.command, QByteArray("CONNECT"));
    QCOMPARE(frame.header("passcode"), QByteArray("<redacted>"));
    QCOMPARE(frame.header("Authorization"), QByteArray("<redacted>"));
    // ...while the server did get the real credentials (it let us in).
    QCOMPARE(m_server->sessions().first().login, QByteArray("bob"));
}

namespace {
QStringList *s_logLines = nullptr;
void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (s_logLines)
        s_logLines->append(QString::fromUtf8(context.category) + QLatin1Char(' ') + message);
}
} // namespace

void tst_StompClient::secretsNeverReachTheLog()
{
    QStringList lines;
    s_logLines = &lines;
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);

    m_server->setCredentials(QStringLiteral("bob"), QStringLiteral("p4ss-XYZ"));
    StompConnectOptions options = baseOptions();
    options.login = "bob";
    options.passcode = "p4ss-XYZ";
    options.connectHeaders = {{"Authorization", "Bearer tok-XYZ"}, {"X-Auth-Token", "tok2-XYZ"}};
    options.transport.handshakeHeaders = {{"Cookie", "SESSION=cookie-XYZ"}};
    connectClient(options);
    m_client->subscribe({"s", "/queue/q", StompAckMode::Auto, {}});
    m_client->send("/queue/q", "body", {}, true);
    QSignalSpy receipts(m_client.get(), &StompClient::receiptReceived);
    QVERIFY(receipts.wait(kWaitMs));
    m_server->sendError("bye");
    QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    s_logLines = nullptr;
    const QString all = lines.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String(">>> \"CONNECT\"")), qPrintable(all)); // frames were logged...
    QVERIFY(all.contains(QLatin1String("passcode:<redacted>")));
    for (const char *secret : {"p4ss-XYZ", "tok-XYZ", "tok2-XYZ", "cookie-XYZ"})
        QVERIFY2(!all.contains(QLatin1String(secret)), secret); // ...but never a secret
}

void tst_StompClient::heartbeatsAreSentWhenIdle()
{
    // The server keeps its own clock here, so that only the client's time moves.
    m_serverClock = std::make_unique<MockClock>();
    m_server = std::make_unique<FaultInjectingDemoServer>();
    m_server->setClock(m_serverClock.get());
    m_server->setPublishInterval(0);
    m_server->setHeartbeat(0, 1000); // the server wants a beat every second
    QVERIFY(m_server->listen());
    StompConnectOptions options = baseOptions();
    options.heartbeatOutMs = 1000;
    connectClient(options);
    QCOMPARE(m_client->session().heartbeatOutMs, 1000);

    m_clock->advance(999);
    m_clock->advance(1);
    QTRY_COMPARE(m_server->heartbeatsReceived(), 1);
    m_clock->advance(1000);
    QTRY_COMPARE(m_server->heartbeatsReceived(), 2);

    // Real traffic counts as a beat: a SEND at 2.5 s moves the next beat to 3.5 s.
    m_clock->advance(500);
    m_client->send("/queue/x", "data");
    m_clock->advance(500);
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 1);
    QCOMPARE(m_server->heartbeatsReceived(), 2);
    m_clock->advance(500);
    QTRY_COMPARE(m_server->heartbeatsReceived(), 3);

    // A beat that falls due within 1/20 of the period when the timer fires goes then (a real clock's coarse timer
    // may fire a little early) instead of waking the client again for the rest: a SEND 30 ms after the beat at
    // 3.5 s leaves 970 ms of quiet when the timer fires at 4.5 s.
    m_clock->advance(30);
    m_client->send("/queue/x", "more");
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 2);
    m_clock->advance(970);
    QTRY_COMPARE(m_server->heartbeatsReceived(), 4);
}

void tst_StompClient::heartbeatGoesWithTheServersOne()
{
    // Heart-beats both ways, each side on its own clock. The server's beat wakes the client anyway: the client's own,
    // due within half its period, goes with it, and its timer starts over (one wake-up per period, not two).
    m_serverClock = std::make_unique<MockClock>();
    m_server = std::make_unique<FaultInjectingDemoServer>();
    m_server->setClock(m_serverClock.get());
    m_server->setPublishInterval(0);
    m_server->setHeartbeat(1000, 1000);
    QVERIFY(m_server->listen());
    StompConnectOptions options = baseOptions();
    options.heartbeatOutMs = 1000;
    options.heartbeatInMs = 1000;
    connectClient(options);
    QCOMPARE(m_client->session().heartbeatOutMs, 1000);
    QCOMPARE(m_client->session().heartbeatInMs, 1000);

    m_clock->advance(300); // not yet half a period: the server's beat comes alone
    m_serverClock->advance(1000);
    m_client->send("/queue/x", "a"); // a round trip: whatever the client sent before this has arrived
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 1);
    QCOMPARE(m_server->heartbeatsReceived(), 0);

    m_clock->advance(600); // 600 ms after that SEND: more than half a period
    m_serverClock->advance(1000);
    QTRY_COMPARE(m_server->heartbeatsReceived(), 1); // with the server's, before the client's timer (at 1,000 ms)
    m_clock->advance(900); // the timer started over: nothing of the client's own yet
    m_client->send("/queue/x", "b");
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 2);
    QCOMPARE(m_server->heartbeatsReceived(), 1);
}

void tst_StompClient::heartbeatLossIsDetectedAfterGrace()
{
    m_server->setHeartbeat(1000, 0);
    m_server->setHeartbeatsEnabled(false); // promises beats, sends none
    StompConnectOptions options = baseOptions();
    options.heartbeatInMs = 1000;
    options.heartbeatGrace = 2.0;
    connectClient(options);
    QCOMPARE(m_client->session().heartbeatInMs, 1000);

    QSignalSpy disconnected(m_client.get(), &StompClient::disconnected);
    m_clock->advance(1999);
    QCOMPARE(m_client->state(), StompClient::State::Connected);
    m_clock->advance(1);
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::HeartbeatLost);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::HeartbeatLost);
}

void tst_StompClient::inboundDataKeepsConnectionAlive()
{
    m_server->setHeartbeat(1000, 0);
    m_server->setHeartbeatsEnabled(false);
    StompConnectOptions options = baseOptions();
    options.heartbeatInMs = 1000;
    connectClient(options);

    // Any inbound byte counts: a MESSAGE every 1.5 s keeps a 1 s heart-beat (grace 2) alive for 15 s.
    m_client->subscribe({"s1", "/topic/t", StompAckMode::Auto, {}});
    QTRY_COMPARE(m_server->subscriptionCount(), 1);
    QSignalSpy messages(m_client.get(), &StompClient::messageReceived);
    for (int i = 0; i < 10; ++i) {
        m_clock->advance(1500);
        m_server->publish("/topic/t", "tick");
        QVERIFY(messages.wait(kWaitMs));
    }
    QCOMPARE(m_client->state(), StompClient::State::Connected);
    m_clock->advance(2000);
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
}

void tst_StompClient::backoffGrowsExponentiallyWithJitterBounds()
{
    StompConnectOptions options = baseOptions();
    options.urls = {deadUrl()};
    options.reconnect.jitter = 0.5;
    m_client->setOptions(options);
    QSignalSpy reconnecting(m_client.get(), &StompClient::reconnecting);
    m_client->connectToServer();

    const qint64 bases[] = {1000, 2000, 4000, 8000, 8000, 8000};
    for (int i = 0; i < 6; ++i) {
        QVERIFY(reconnecting.wait(kWaitMs));
        const QList<QVariant> args = reconnecting.takeFirst();
        QCOMPARE(args.at(0).toInt(), i + 1);
        const qint64 delay = args.at(1).toLongLong();
        QVERIFY2(delay >= bases[i] / 2 && delay <= bases[i],
                 qPrintable(QStringLiteral("attempt %1 delay %2").arg(i + 1).arg(delay)));
        QCOMPARE(m_client->state(), StompClient::State::Backoff);
        m_clock->advance(delay - 1);
        QCOMPARE(m_client->state(), StompClient::State::Backoff);
        m_clock->advance(1);
        QCOMPARE(m_client->state(), StompClient::State::Connecting);
    }
}

void tst_StompClient::attemptLimitEndsInFailedUntilAsked()
{
    StompConnectOptions options = baseOptions();
    const QUrl good = options.urls.first();
    options.urls = {deadUrl()};
    options.reconnect.maxAttempts = 3;
    m_client->setOptions(options);
    QSignalSpy states(m_client.get(), &StompClient::stateChanged);
    m_client->connectToServer();
    for (int i = 0; i < 2; ++i) {
        QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
        m_clock->advance(m_clock->nextDeadlineIn());
    }
    QTRY_COMPARE(m_client->state(), StompClient::State::Failed);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::Unreachable);
    QVERIFY(m_client->lastError().message.contains(QLatin1String("3 attempt")));
    // Failed stays Failed: no timer would wake it.
    m_clock->advance(600000);
    QCOMPARE(m_client->state(), StompClient::State::Failed);

    // Asked to, it tries again (here with a server that is up).
    options.urls = {good};
    m_client->setOptions(options);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_client->reconnectNow();
    QVERIFY(connected.wait(kWaitMs));
}

void tst_StompClient::authFailureStopsAfterAFewAttempts()
{
    m_server->setCredentials(QStringLiteral("bob"), QStringLiteral("right"));
    StompConnectOptions options = baseOptions();
    options.login = "bob";
    options.passcode = "wrong";
    options.reconnect.maxAuthFailures = 3;
    m_client->setOptions(options);
    m_client->connectToServer();
    for (int i = 0; i < 2; ++i) {
        QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
        QCOMPARE(m_client->lastError().kind, PushError::Kind::AuthFailed);
        m_clock->advance(m_clock->nextDeadlineIn());
    }
    QTRY_COMPARE(m_client->state(), StompClient::State::Failed);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::AuthFailed);
    QVERIFY(m_client->lastError().message.contains(QLatin1String("authentication failed")));
    QCOMPARE(m_server->receivedFrames("CONNECT").size(), 3);
    m_clock->advance(600000);
    QCOMPARE(m_server->receivedFrames("CONNECT").size(), 3); // no hammering
}

void tst_StompClient::resubscribeBeforeFlushingOutbox()
{
    connectClient();
    m_client->subscribe({"a", "/queue/a", StompAckMode::Auto, {}});
    m_client->subscribe({"b", "/topic/b", StompAckMode::ClientIndividual, {{"x-queue-name", "todo-b"}}});
    QTRY_COMPARE(m_server->subscriptionCount(), 2);

    m_server->dropConnections();
    QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
    m_client->send("/queue/out", "first");
    m_client->send("/queue/out", "second");
    QCOMPARE(m_client->outboxSize(), 2);

    QSignalSpy sessions(m_server.get(), &DemoPushServer::sessionStarted);
    m_clock->advance(m_clock->nextDeadlineIn());
    QVERIFY(sessions.wait(kWaitMs));
    const QByteArray session = sessions.first().first().toByteArray();
    QTRY_COMPARE(commandsOf(m_server->receivedFrames(), session).size(), 5);
    QCOMPARE(commandsOf(m_server->receivedFrames(), session),
             (QList<QByteArray> {"CONNECT", "SUBSCRIBE", "SUBSCRIBE", "SEND", "SEND"}));
    const QList<StompFrame> sends = m_server->receivedFrames("SEND");
    QCOMPARE(sends.at(0).body, QByteArray("first"));
    QCOMPARE(sends.at(1).body, QByteArray("second"));
    const QList<StompFrame> subscribes = m_server->receivedFrames("SUBSCRIBE");
    QCOMPARE(subscribes.last().header("id"), QByteArray("b"));
    QCOMPARE(subscribes.last().header("ack"), QByteArray("client-individual"));
    QCOMPARE(subscribes.last().header("x-queue-name"), QByteArray("todo-b"));
    QCOMPARE(m_client->outboxSize(), 0);
}

void tst_StompClient::outboxIsBounded()
{
    StompConnectOptions options = baseOptions();
    options.outboxLimit = 2;
    m_client->setOptions(options);
    QSignalSpy overflow(m_client.get(), &StompClient::outboxOverflow);
    m_client->send("/queue/1", "1");
    m_client->send("/queue/2", "2");
    m_client->send("/queue/3", "3");
    QCOMPARE(m_client->outboxSize(), 2);
    QCOMPARE(overflow.count(), 1);
    QCOMPARE(overflow.first().first().toByteArray(), QByteArray("/queue/1")); // the oldest goes

    connectClient(options);
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 2);
    QCOMPARE(m_server->receivedFrames("SEND").at(0).body, QByteArray("2"));
    QCOMPARE(m_server->receivedFrames("SEND").at(1).body, QByteArray("3"));
}

void tst_StompClient::unconfirmedSendIsResentAfterReconnect()
{
    connectClient();
    m_server->setReceiptsEnabled(false);
    QSignalSpy receipts(m_client.get(), &StompClient::receiptReceived);
    const QByteArray id = m_client->send("/queue/x", "important", {}, true);
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 1);
    m_server->dropConnections(); // lost before the receipt came
    QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(m_client->outboxSize(), 1);

    m_server->setReceiptsEnabled(true);
    m_clock->advance(m_clock->nextDeadlineIn());
    QVERIFY(receipts.wait(kWaitMs));
    QCOMPARE(receipts.first().first().toByteArray(), id);
    QCOMPARE(m_server->receivedFrames("SEND").size(), 2);
    QCOMPARE(m_server->receivedFrames("SEND").last().body, QByteArray("important"));
}

void tst_StompClient::receiptArrivesAndReceiptTimeoutFires()
{
    StompConnectOptions options = baseOptions();
    options.receiptTimeoutMs = 3000;
    connectClient(options);
    QSignalSpy receipts(m_client.get(), &StompClient::receiptReceived);
    QSignalSpy timeouts(m_client.get(), &StompClient::receiptTimedOut);
    const QByteArray first = m_client->send("/queue/x", "a", {}, true);
    QVERIFY(receipts.wait(kWaitMs));
    QCOMPARE(receipts.first().first().toByteArray(), first);

    m_server->setReceiptsEnabled(false);
    const QByteArray second = m_client->send("/queue/x", "b", {}, true);
    QTRY_COMPARE(m_server->receivedFrames("SEND").size(), 2);
    m_clock->advance(2999);
    QCOMPARE(timeouts.count(), 0);
    m_clock->advance(1);
    QCOMPARE(timeouts.count(), 1);
    QCOMPARE(timeouts.first().first().toByteArray(), second);
}

void tst_StompClient::gracefulDisconnectWaitsForReceipt()
{
    connectClient();
    m_server->setResponseDelay(1000);
    QSignalSpy disconnected(m_client.get(), &StompClient::disconnected);
    m_client->disconnectFromServer();
    QCOMPARE(m_client->state(), StompClient::State::Disconnecting);
    QTRY_COMPARE(m_server->receivedFrames("DISCONNECT").size(), 1);
    QVERIFY(!m_server->receivedFrames("DISCONNECT").first().header("receipt").isEmpty());
    QCOMPARE(m_client->state(), StompClient::State::Disconnecting);
    m_clock->advance(1000); // the server's delayed RECEIPT goes out
    QTRY_COMPARE(m_client->state(), StompClient::State::Disconnected);
    QCOMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::None);
    m_clock->advance(600000);
    QCOMPARE(m_client->state(), StompClient::State::Disconnected); // no reconnect after a wanted disconnect
}

void tst_StompClient::gracefulDisconnectGivesUpAfterTimeout()
{
    StompConnectOptions options = baseOptions();
    options.disconnectTimeoutMs = 2000;
    connectClient(options);
    m_server->setStalled(true);
    m_client->disconnectFromServer();
    m_clock->advance(1999);
    QCOMPARE(m_client->state(), StompClient::State::Disconnecting);
    m_clock->advance(1);
    QCOMPARE(m_client->state(), StompClient::State::Disconnected);
}

void tst_StompClient::errorFrameIsSurfacedAndReconnects()
{
    connectClient();
    QSignalSpy errorFrames(m_client.get(), &StompClient::errorFrameReceived);
    m_server->sendError("queue deleted", "the queue todo was deleted by an operator");
    QVERIFY(errorFrames.wait(kWaitMs));
    const auto frame = errorFrames.first().first().value<StompFrame>();
    QCOMPARE(frame.header("message"), QByteArray("queue deleted"));
    QCOMPARE(frame.body, QByteArray("the queue todo was deleted by an operator"));
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::ServerError);
    QCOMPARE(m_client->lastError().message, QStringLiteral("queue deleted"));
    QCOMPARE(m_client->lastError().body, QByteArray("the queue todo was deleted by an operator"));

    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_clock->advance(m_clock->nextDeadlineIn());
    QVERIFY(connected.wait(kWaitMs));
}

void tst_StompClient::malformedFrameIsAProtocolError()
{
    connectClient();
    QSignalSpy errors(m_client.get(), &StompClient::errorOccurred);
    m_server->sendMalformedFrame();
    QVERIFY(errors.wait(kWaitMs));
    const auto error = errors.first().first().value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::NotThisProtocol);
    QVERIFY2(error.message.contains(QLatin1String("frame #")), qPrintable(error.message));
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
}

void tst_StompClient::ackAndNackCarryVersionHeaders()
{
    connectClient();
    m_client->subscribe({"s", "/queue/todo", StompAckMode::ClientIndividual, {}});
    QTRY_COMPARE(m_server->subscriptionCount(), 1);
    QSignalSpy messages(m_client.get(), &StompClient::messageReceived);
    m_server->publish("/queue/todo", "one");
    QVERIFY(messages.wait(kWaitMs));
    const auto message = messages.takeFirst().first().value<StompMessage>();
    QCOMPARE(message.ackMode, StompAckMode::ClientIndividual);
    QVERIFY(!message.ackId.isEmpty());
    QVERIFY(message.ackId != message.messageId); // 1.2: the ack header, not the message id
    QCOMPARE(m_server->unackedCount(), 1);

    // NACK: the server redelivers it, marked redelivered.
    QVERIFY(m_client->nack(message));
    QVERIFY(messages.wait(kWaitMs));
    const auto again = messages.takeFirst().first().value<StompMessage>();
    QCOMPARE(again.messageId, message.messageId);
    QCOMPARE(again.frame.header("redelivered"), QByteArray("true"));

    QVERIFY(m_client->ack(again));
    QTRY_COMPARE(m_server->unackedCount(), 0);
    QCOMPARE(m_server->receivedFrames("ACK").first().header("id"), again.ackId);

    // An ACK for a message of an earlier connection is refused (the broker already requeued it).
    m_server->dropConnections();
    QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_clock->advance(m_clock->nextDeadlineIn());
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(!m_client->ack(again));
}

void tst_StompClient::ackAndNack11UsesMessageId()
{
    m_server->setSupportedVersions({StompVersion::V1_1});
    connectClient();
    m_client->subscribe({"s", "/queue/todo", StompAckMode::Client, {}});
    QTRY_COMPARE(m_server->subscriptionCount(), 1);
    QSignalSpy messages(m_client.get(), &StompClient::messageReceived);
    m_server->publish("/queue/todo", "one");
    QVERIFY(messages.wait(kWaitMs));
    const auto message = messages.first().first().value<StompMessage>();
    QVERIFY(m_client->ack(message));
    QTRY_COMPARE(m_server->unackedCount(), 0);
    const StompFrame ack = m_server->receivedFrames("ACK").first();
    QCOMPARE(ack.header("message-id"), message.messageId);
    QCOMPARE(ack.header("subscription"), QByteArray("s"));
}

void tst_StompClient::transactionsAreSent()
{
    connectClient();
    m_client->subscribe({"s", "/queue/tx", StompAckMode::Auto, {}});
    QTRY_COMPARE(m_server->subscriptionCount(), 1);
    QSignalSpy messages(m_client.get(), &StompClient::messageReceived);
    const QByteArray tx = m_client->begin();
    QVERIFY(!tx.isEmpty());
    m_client->send("/queue/tx", "in-tx", {{"transaction", tx}});
    QVERIFY(m_client->abort(tx)); // dropped
    const QByteArray tx2 = m_client->begin();
    m_client->send("/queue/tx", "committed", {{"transaction", tx2}});
    QVERIFY(m_client->commit(tx2));
    QVERIFY(messages.wait(kWaitMs));
    QCOMPARE(messages.count(), 1);
    QCOMPARE(messages.first().first().value<StompMessage>().frame.body, QByteArray("committed"));
    QCOMPARE(m_server->receivedFrames("BEGIN").size(), 2);
    QCOMPARE(m_server->receivedFrames("ABORT").size(), 1);
    QCOMPARE(m_server->receivedFrames("COMMIT").size(), 1);
}

void tst_StompClient::failoverMovesToTheNextUrl()
{
    StompConnectOptions options = baseOptions();
    options.urls = {deadUrl(), m_server->url()};
    m_client->setOptions(options);
    QSignalSpy reconnecting(m_client.get(), &StompClient::reconnecting);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_client->connectToServer();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(reconnecting.first().at(2).toUrl(), m_server->url());
    m_clock->advance(m_clock->nextDeadlineIn());
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_client->session().url, m_server->url());

    // A connection that was up and is lost goes on to the next URL too (another node of a cluster); this one had
    // not been up long enough to count as stable, so at the backoff's pace (ReconnectPolicy's tests show both).
    reconnecting.clear();
    m_server->dropConnections();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(reconnecting.first().at(2).toUrl(), options.urls.first());
    QCOMPARE(reconnecting.first().at(1).toLongLong(), options.reconnect.baseDelay(2));
}

void tst_StompClient::stableConnectionResetsAttempts()
{
    StompConnectOptions options = baseOptions();
    options.reconnect.stableAfterMs = 30000;
    connectClient(options);
    // Two quick drops: the attempt count (and so the delay) grows.
    for (int i = 1; i <= 2; ++i) {
        QSignalSpy reconnecting(m_client.get(), &StompClient::reconnecting);
        QSignalSpy connected(m_client.get(), &StompClient::connected);
        m_server->dropConnections();
        QVERIFY(reconnecting.wait(kWaitMs));
        QCOMPARE(reconnecting.first().at(0).toInt(), i);
        QCOMPARE(reconnecting.first().at(1).toLongLong(), 1000LL << (i - 1));
        m_clock->advance(m_clock->nextDeadlineIn());
        QVERIFY(connected.wait(kWaitMs));
    }
    QCOMPARE(m_client->attempt(), 2);
    m_clock->advance(30000);
    QCOMPARE(m_client->attempt(), 0);
    QSignalSpy reconnecting(m_client.get(), &StompClient::reconnecting);
    m_server->dropConnections();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(reconnecting.first().at(1).toLongLong(), 1000LL);
}

void tst_StompClient::connectTimeoutWhenServerNeverAnswers()
{
    StompConnectOptions options = baseOptions();
    options.connectTimeoutMs = 5000;
    m_server->setResponseDelay(60000); // CONNECTED would come far too late
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE(m_server->receivedFrames("CONNECT").size(), 1);
    m_clock->advance(4999);
    QCOMPARE(m_client->state(), StompClient::State::Connecting);
    m_clock->advance(1);
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::Timeout);
}

void tst_StompClient::clockJumpTriggersLivenessProbeThatFails()
{
    // Client -> silent-able TCP path -> server. Heart-beats 10 s out, none in: only the probe can tell.
    TcpForwarder path;
    QVERIFY(path.listen(QHostAddress::LocalHost, m_server->port()));
    StompConnectOptions options = baseOptions();
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(path.port()))};
    options.heartbeatOutMs = 10000;
    m_server->setHeartbeat(0, 10000); // the server wants our beats, sends none
    connectClient(options);
    QCOMPARE(m_client->session().heartbeatOutMs, 10000);

    path.setStalled(true); // the laptop slept; the path died with it
    m_clock->jumpWall(3600 * 1000);
    QSignalSpy lost(m_client.get(), &StompClient::disconnected);
    m_clock->advance(10000); // the next timer tick notices the jump and probes with a WebSocket ping
    QCOMPARE(m_client->state(), StompClient::State::Connected);
    m_clock->advance(5000); // no pong
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(lost.count(), 1);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::HeartbeatLost);
}

void tst_StompClient::clockJumpWithHealthyPeerStaysConnected()
{
    StompConnectOptions options = baseOptions();
    options.heartbeatOutMs = 10000;
    m_server->setHeartbeat(0, 10000);
    connectClient(options);
    QSignalSpy confirmed(m_client.get(), &StompClient::livenessConfirmed);
    QSignalSpy states(m_client.get(), &StompClient::stateChanged);
    m_clock->jumpWall(3600 * 1000);
    m_clock->advance(10000); // the jump is noticed: a ping goes out
    QVERIFY(confirmed.wait(kWaitMs)); // the real server's pong comes back
    m_clock->advance(60000);
    QCOMPARE(m_client->state(), StompClient::State::Connected);
    QCOMPARE(states.count(), 0);
}

void tst_StompClient::networkBackReconnectsAtOnce()
{
    StompConnectOptions options = baseOptions();
    options.reconnect.initialDelayMs = 60000;
    options.reconnect.maxDelayMs = 60000;
    connectClient(options);
    ConnectionSupervisor supervisor;
    connect(&supervisor, &ConnectionSupervisor::connectionCheckRequested, m_client.get(), &StompClient::checkLiveness);
    supervisor.onReachabilityChanged(QNetworkInformation::Reachability::Disconnected);
    m_server->dropConnections();
    QTRY_COMPARE(m_client->state(), StompClient::State::Backoff);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    supervisor.onReachabilityChanged(QNetworkInformation::Reachability::Online);
    QCOMPARE(m_client->state(), StompClient::State::Connecting); // no 60 s wait
    QVERIFY(connected.wait(kWaitMs));
}

void tst_StompClient::webSocketPingDetectsDeadPath()
{
    TcpForwarder path;
    QVERIFY(path.listen(QHostAddress::LocalHost, m_server->port()));
    StompConnectOptions options = baseOptions();
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(path.port()))};
    options.webSocketPingMs = 2000;
    connectClient(options);
    path.setStalled(true);
    m_clock->advance(2000); // ping 1, unanswered
    m_clock->advance(2000); // silence 4 s = 2000 x grace 2
    QCOMPARE(m_client->state(), StompClient::State::Backoff);
    QCOMPARE(m_client->lastError().kind, PushError::Kind::HeartbeatLost);
}

void tst_StompClient::extraNewlineAfterFramesIsTolerated()
{
    m_server->setSendExtraNewlineAfterFrames(true);
    connectClient();
    m_client->subscribe({"s", "/topic/t", StompAckMode::Auto, {}});
    QTRY_COMPARE(m_server->subscriptionCount(), 1);
    QSignalSpy messages(m_client.get(), &StompClient::messageReceived);
    for (int i = 0; i < 3; ++i)
        m_server->publish("/topic/t", QByteArray::number(i));
    QTRY_COMPARE(messages.count(), 3);
    QCOMPARE(messages.at(2).first().value<StompMessage>().frame.body, QByteArray("2"));
    QCOMPARE(m_client->state(), StompClient::State::Connected);
}

QTEST_GUILESS_MAIN(tst_StompClient)
#include "tst_stompclient.moc"
