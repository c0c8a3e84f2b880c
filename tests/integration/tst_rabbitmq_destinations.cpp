// RabbitMQ destinations as people write them, over Web-STOMP against the real broker of the rabbitmq fixture,
// with an independent publisher (python3-stomp over STOMP/TCP): /exchange/<name>[/<pattern>], /queue/<name>,
// /amq/queue/<name>, /topic/<key>; and a durable subscription (StompDestination::durableSubscription, one
// option) that keeps what was published while the client was away.
#include "BrokerFixture.h"
#include "stomp/StompClient.h"
#include "stomp/StompDestination.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int kWaitMs = 15000;

QByteArray unique(const char *prefix)
{
    return QByteArray(prefix) + '-' + QByteArray::number(QRandomGenerator::global()->generate(), 36);
}

StompConnectOptions rabbitOptions()
{
    StompConnectOptions options;
    options.urls = {BrokerFixture::webStompUrl()};
    options.login = "guest";
    options.passcode = "guest";
    options.host = "/";
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.reconnect.initialDelayMs = 200;
    return options;
}

QStringList publishArgs(const QByteArray &destination, const QString &body, int count = 1)
{
    return {QStringLiteral("-d"),
            QString::fromUtf8(destination),
            QStringLiteral("-n"),
            QString::number(count),
            QStringLiteral("--receipt"),
            QStringLiteral("--body-template"),
            body};
}

} // namespace

class tst_RabbitMqDestinations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void destinationForms_data();
    void destinationForms();
    void durableSubscriptionKeepsWhatArrivedWhileAway_data();
    void durableSubscriptionKeepsWhatArrivedWhileAway();
    void durableSubscriptionWithAQueueName();

private:
    bool connectAndSubscribe(StompClient &client, const StompSubscription &subscription);
};

void tst_RabbitMqDestinations::initTestCase()
{
    QVERIFY2(BrokerFixture::available(), "run through ctest: the rabbitmq fixture provides the broker");
}

bool tst_RabbitMqDestinations::connectAndSubscribe(StompClient &client, const StompSubscription &subscription)
{
    client.setOptions(rabbitOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    if (!connected.wait(kWaitMs))
        return false;
    client.subscribe(subscription);
    // RabbitMQ handles a connection's frames in order: once a receipted frame sent after SUBSCRIBE is answered,
    // the subscription's queue is bound and nothing published from now on can miss it.
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    const QByteArray receipt = client.sendWithReceipt(StompFrame("BEGIN", {{"transaction", "sync"}}));
    client.abort("sync");
    return !receipt.isEmpty() && receipts.wait(kWaitMs);
}

void tst_RabbitMqDestinations::destinationForms_data()
{
    QTest::addColumn<QByteArray>("subscribeTo");
    QTest::addColumn<QByteArray>("ignoredPublish"); // published first, must not arrive (empty: none)
    QTest::addColumn<QByteArray>("publishTo");
    QTest::addColumn<QByteArray>("queueToDeclare"); // for /amq/queue: must exist beforehand

    const QByteArray key = unique("todo");
    const QByteArray queue = unique("todo-queue");
    const QByteArray amqQueue = unique("todo-amq");
    QTest::newRow("/exchange/<name> (fanout, as in the field)")
        << QByteArray("/exchange/amq.fanout") << QByteArray() << QByteArray("/exchange/amq.fanout") << QByteArray();
    QTest::newRow("/exchange/<name>/<pattern>")
        << QByteArray("/exchange/amq.topic/" + key + ".*.urgent")
        << QByteArray("/exchange/amq.topic/" + key + ".x.normal")
        << QByteArray("/exchange/amq.topic/" + key + ".x.urgent") << QByteArray();
    QTest::newRow("/queue/<name>") << QByteArray("/queue/" + queue) << QByteArray() << QByteArray("/queue/" + queue)
                                   << QByteArray();
    QTest::newRow("/amq/queue/<name>") << QByteArray("/amq/queue/" + amqQueue) << QByteArray()
                                       << QByteArray("/queue/" + amqQueue) << amqQueue;
    QTest::newRow("/topic/<key>") << QByteArray("/topic/" + key + ".alice") << QByteArray("/topic/" + key + ".bob")
                                  << QByteArray("/topic/" + key + ".alice") << QByteArray();
}

void tst_RabbitMqDestinations::destinationForms()
{
    QFETCH(QByteArray, subscribeTo);
    QFETCH(QByteArray, ignoredPublish);
    QFETCH(QByteArray, publishTo);
    QFETCH(QByteArray, queueToDeclare);

    QVERIFY(StompDestination::parse(subscribeTo).isValid());
    if (!queueToDeclare.isEmpty())
        QCOMPARE(BrokerFixture::publish({QStringLiteral("--declare-queue"), QString::fromUtf8(queueToDeclare)}), 0);
    StompClient client;
    QList<StompMessage> received;
    connect(&client, &StompClient::messageReceived, this,
            [&received](const StompMessage &message) { received.append(message); });
    QVERIFY(connectAndSubscribe(client, {{}, subscribeTo, StompAckMode::Auto, {}}));

    if (!ignoredPublish.isEmpty())
        QCOMPARE(BrokerFixture::publish(publishArgs(ignoredPublish, QStringLiteral("not for us"))), 0);
    QCOMPARE(BrokerFixture::publish(publishArgs(publishTo, QStringLiteral("待办 for us"))), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    // Routing is in publish order per publisher: had the ignored one been routed to us, it would be first.
    QCOMPARE(received.first().frame.body, QStringLiteral("待办 for us").toUtf8());
    QCOMPARE(client.state(), StompClient::State::Connected); // RabbitMQ accepted the destination (no ERROR)
}

void tst_RabbitMqDestinations::durableSubscriptionKeepsWhatArrivedWhileAway_data()
{
    QTest::addColumn<QByteArray>("destination");
    QTest::newRow("/topic/<key>") << QByteArray("/topic/" + unique("durable"));
    QTest::newRow("/exchange/amq.topic/<pattern>") << QByteArray("/exchange/amq.topic/" + unique("durable") + ".#");
}

void tst_RabbitMqDestinations::durableSubscriptionKeepsWhatArrivedWhileAway()
{
    QFETCH(QByteArray, destination);
    const QByteArray publishTo = destination.endsWith(".#") ? destination.chopped(2) + ".todo" : destination;
    const QByteArray stableId = unique("desk");

    {
        // A durable subscriber and, for contrast, an ordinary one on another connection.
        StompClient durable;
        StompClient plain;
        QVERIFY(connectAndSubscribe(durable, StompDestination::durableSubscription(destination, stableId)));
        QVERIFY(connectAndSubscribe(plain, {{}, destination, StompAckMode::Auto, {}}));
        QSignalSpy durableMessages(&durable, &StompClient::messageReceived);
        QSignalSpy plainMessages(&plain, &StompClient::messageReceived);
        QCOMPARE(BrokerFixture::publish(publishArgs(publishTo, QStringLiteral("while connected"))), 0);
        QTRY_COMPARE_WITH_TIMEOUT(durableMessages.count(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(plainMessages.count(), 1, kWaitMs);
        QVERIFY(durable.ack(durableMessages.first().first().value<StompMessage>()));
        durable.disconnectFromServer();
        plain.disconnectFromServer();
        QTRY_COMPARE(durable.state(), StompClient::State::Disconnected);
        QTRY_COMPARE(plain.state(), StompClient::State::Disconnected);
    }

    // Away: three todos are published.
    QCOMPARE(BrokerFixture::publish(publishArgs(publishTo, QStringLiteral("while away {i}"), 3)), 0);

    StompClient durable;
    QList<StompMessage> received;
    connect(&durable, &StompClient::messageReceived, this, [&received, &durable](const StompMessage &message) {
        received.append(message);
        durable.ack(message);
    });
    QVERIFY(connectAndSubscribe(durable, StompDestination::durableSubscription(destination, stableId)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(received.at(i).subscriptionId, stableId);
        QCOMPARE(received.at(i).frame.body, QStringLiteral("while away %1").arg(i).toUtf8());
    }

    // The ordinary subscriber lost them: the first thing it gets after coming back is what is sent next.
    StompClient plain;
    QVERIFY(connectAndSubscribe(plain, {{}, destination, StompAckMode::Auto, {}}));
    QSignalSpy plainMessages(&plain, &StompClient::messageReceived);
    QCOMPARE(BrokerFixture::publish(publishArgs(publishTo, QStringLiteral("after"))), 0);
    QTRY_COMPARE_WITH_TIMEOUT(plainMessages.count(), 1, kWaitMs);
    QCOMPARE(plainMessages.first().first().value<StompMessage>().frame.body, QByteArray("after"));

    // Clean up the durable queue: RabbitMQ deletes it on UNSUBSCRIBE with durable:true.
    QSignalSpy receipts(&durable, &StompClient::receiptReceived);
    QVERIFY(!durable.sendWithReceipt(StompFrame("UNSUBSCRIBE", {{"id", stableId}, {"durable", "true"}})).isEmpty());
    QVERIFY(receipts.wait(kWaitMs));
}

void tst_RabbitMqDestinations::durableSubscriptionWithAQueueName()
{
    const QByteArray queueName = unique("todo-durable");
    const QByteArray destination = "/topic/" + unique("named");
    StompClient client;
    QVERIFY(connectAndSubscribe(client, StompDestination::durableSubscription(destination, "named-desk", queueName)));
    QString listing;
    QCOMPARE(BrokerFixture::fixture({QStringLiteral("ctl"), QStringLiteral("-q"), QStringLiteral("list_queues"),
                                     QStringLiteral("name"), QStringLiteral("durable"), QStringLiteral("auto_delete")},
                                    &listing),
             0);
    const QString expected = QString::fromUtf8(queueName) + QStringLiteral("\ttrue\tfalse");
    QVERIFY2(listing.contains(expected), qPrintable(listing));
}

QTEST_GUILESS_MAIN(tst_RabbitMqDestinations)
#include "tst_rabbitmq_destinations.moc"
