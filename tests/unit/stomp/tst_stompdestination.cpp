// StompDestination: the destination forms people write for RabbitMQ (and Spring's user destinations), and the
// one-option durable subscription.
#include "stomp/StompDestination.h"

#include <QTest>

class tst_StompDestination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void durableSubscriptionIsOneOption();
    void durableOnAnExistingQueueDeclaresNothing();
};

void tst_StompDestination::parses_data()
{
    QTest::addColumn<QByteArray>("destination");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<bool>("valid");

    using K = StompDestination::Kind;
    QTest::newRow("fanout exchange from the field") << QByteArray("/exchange/FanoutDemandExchange") << int(K::Exchange)
                                                    << QByteArray("FanoutDemandExchange") << QByteArray() << true;
    QTest::newRow("exchange with pattern") << QByteArray("/exchange/amq.topic/todo.*.urgent") << int(K::Exchange)
                                           << QByteArray("amq.topic") << QByteArray("todo.*.urgent") << true;
    QTest::newRow("pattern with slashes")
        << QByteArray("/exchange/x/a/b") << int(K::Exchange) << QByteArray("x") << QByteArray("a/b") << true;
    QTest::newRow("queue") << QByteArray("/queue/todo") << int(K::Queue) << QByteArray("todo") << QByteArray() << true;
    QTest::newRow("existing queue") << QByteArray("/amq/queue/todo") << int(K::AmqQueue) << QByteArray("todo")
                                    << QByteArray() << true;
    QTest::newRow("topic") << QByteArray("/topic/chat_demo") << int(K::Topic) << QByteArray("chat_demo") << QByteArray()
                           << true;
    QTest::newRow("temp queue") << QByteArray("/temp-queue/replies") << int(K::TemporaryQueue) << QByteArray("replies")
                                << QByteArray() << true;
    QTest::newRow("spring user topic") << QByteArray("/user/topic/all") << int(K::User) << QByteArray("/topic/all")
                                       << QByteArray() << true;
    QTest::newRow("spring app destination")
        << QByteArray("/app/todo") << int(K::Other) << QByteArray("/app/todo") << QByteArray() << true;
    QTest::newRow("empty exchange") << QByteArray("/exchange/") << int(K::Exchange) << QByteArray() << QByteArray()
                                    << false;
    QTest::newRow("empty queue") << QByteArray("/queue/") << int(K::Queue) << QByteArray() << QByteArray() << false;
}

void tst_StompDestination::parses()
{
    QFETCH(QByteArray, destination);
    QFETCH(int, kind);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, pattern);
    QFETCH(bool, valid);
    const StompDestination parsed = StompDestination::parse(destination);
    QCOMPARE(int(parsed.kind), kind);
    QCOMPARE(parsed.name, name);
    QCOMPARE(parsed.pattern, pattern);
    QCOMPARE(parsed.isValid(), valid);
    QVERIFY(!parsed.describe().isEmpty());
}

void tst_StompDestination::durableSubscriptionIsOneOption()
{
    const StompSubscription subscription =
        StompDestination::durableSubscription("/topic/todo.alice", "desk-42-todos", "todo-alice");
    QCOMPARE(subscription.id, QByteArray("desk-42-todos"));
    QCOMPARE(subscription.destination, QByteArray("/topic/todo.alice"));
    QCOMPARE(subscription.ackMode, StompAckMode::ClientIndividual);
    const QList<QPair<QByteArray, QByteArray>> expected {
        {"durable", "true"}, {"auto-delete", "false"}, {"x-queue-name", "todo-alice"}};
    QCOMPARE(subscription.headers, expected);
}

void tst_StompDestination::durableOnAnExistingQueueDeclaresNothing()
{
    const StompSubscription subscription = StompDestination::durableSubscription("/amq/queue/todo", "s");
    QVERIFY(subscription.headers.isEmpty());
}

QTEST_GUILESS_MAIN(tst_StompDestination)
#include "tst_stompdestination.moc"
