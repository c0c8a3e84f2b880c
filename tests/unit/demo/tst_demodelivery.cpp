// DemoPushServer's subscriptions and deliveries, driven by a raw QWebSocket client (TestClient.h): the
// periodic todo push, publish(), the SEND echo, client and client-individual acks, NACK and the redelivery of
// orphaned messages, acks in STOMP 1.1. Timers run on MockClock where time matters; network events are awaited
// (QTest::qWaitFor / QTRY_*), never slept on.
#include "DemoPushServer.h"
#include "MockClock.h"
#include "TestClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

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

} // namespace

class tst_DemoDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscriberReceivesPushedTodos();
    void pushesRunOnTheSystemClock();
    void newcomerGetsAPushSoon();
    void publishToADestination();
    void sendIsEchoedToSubscribers();
    void clientIndividualAcks();
    void clientAcksAreCumulative();
    void nackRedeliversMarkedRedelivered();
    void nackPrefersAnotherSubscriber();
    void unackedAtDisconnectGoesToTheNextSubscriber();
    void acks11UseMessageIdAndSubscription();
    void unknownAckIdIsError();
};

void tst_DemoDelivery::subscriberReceivesPushedTodos()
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

void tst_DemoDelivery::pushesRunOnTheSystemClock()
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

void tst_DemoDelivery::newcomerGetsAPushSoon()
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

void tst_DemoDelivery::publishToADestination()
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

void tst_DemoDelivery::sendIsEchoedToSubscribers()
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

void tst_DemoDelivery::clientIndividualAcks()
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

void tst_DemoDelivery::clientAcksAreCumulative()
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

void tst_DemoDelivery::nackRedeliversMarkedRedelivered()
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

void tst_DemoDelivery::nackPrefersAnotherSubscriber()
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

void tst_DemoDelivery::unackedAtDisconnectGoesToTheNextSubscriber()
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

void tst_DemoDelivery::acks11UseMessageIdAndSubscription()
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

void tst_DemoDelivery::unknownAckIdIsError()
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

QTEST_GUILESS_MAIN(tst_DemoDelivery)
#include "tst_demodelivery.moc"
