// StompClient against a real RabbitMQ over Web-STOMP: negotiation, 1,000 messages in order from an
// independent publisher (python3-stomp over STOMP/TCP), a broker killed and restarted mid-stream with a
// durable queue and client-individual acks, and a TCP path that goes silent. Real time here (a real broker),
// but every wait is on a signal or a condition.
#include "AutoDetectedSource.h"
#include "BrokerFixture.h"
#include "TcpForwarder.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/TodoPipeline.h"
#include "stomp/StompClient.h"
#include "store/TodoStore.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray uniqueName(const char *prefix)
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
    options.reconnect.initialDelayMs = 200;
    options.reconnect.maxDelayMs = 2000;
    options.reconnect.jitter = 0.2;
    return options;
}

} // namespace

class tst_RabbitMq : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectNegotiates12WithHeartbeats();
    void virtualHostAndLogin();
    void wrongPasscodeIsAnAuthFailure();
    void thousandMessagesArriveInOrder();
    void brokerKilledMidStreamLosesNothing_data();
    void brokerKilledMidStreamLosesNothing();
    void silentTcpPathIsDetectedAndRecovered();
    void autoFindsStompFromTheUrl_data();
    void autoFindsStompFromTheUrl();

private:
    bool connectAndWait(StompClient &client, const StompConnectOptions &options);
    QByteArray m_durableQueue; // declared at the start, long before the crash test kills the broker
};

void tst_RabbitMq::initTestCase()
{
    QVERIFY2(BrokerFixture::available(), "run through ctest: the rabbitmq fixture provides the broker");
    // RabbitMQ 3.10 has been seen (rarely) to lose a durable queue declared a moment before a SIGKILL; declare
    // the crash test's queue now so that it has long been on disk when the broker dies.
    m_durableQueue = uniqueName("durable");
    QCOMPARE(BrokerFixture::publish({QStringLiteral("--declare-queue"), QString::fromUtf8(m_durableQueue)}), 0);
}

bool tst_RabbitMq::connectAndWait(StompClient &client, const StompConnectOptions &options)
{
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    return connected.wait(20000);
}

void tst_RabbitMq::connectNegotiates12WithHeartbeats()
{
    StompClient client;
    StompConnectOptions options = rabbitOptions();
    options.heartbeatOutMs = 10000;
    options.heartbeatInMs = 10000;
    QVERIFY(connectAndWait(client, options));
    QCOMPARE(client.session().version, StompVersion::V1_2);
    QVERIFY2(client.session().server.startsWith("RabbitMQ/"), client.session().server.constData());
    QCOMPARE(client.session().heartbeatOutMs, 10000);
    QCOMPARE(client.session().heartbeatInMs, 10000);
    QVERIFY(client.session().transport.contains(QLatin1String("v12.stomp")));

    QSignalSpy states(&client, &StompClient::stateChanged);
    client.disconnectFromServer();
    QTRY_COMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_RabbitMq::virtualHostAndLogin()
{
    // A message sent on one vhost is seen by a subscriber on the same vhost.
    StompClient client;
    StompConnectOptions options = rabbitOptions();
    options.login = "todo";
    options.passcode = "todo-secret";
    options.host = "todo-vhost";
    QVERIFY(connectAndWait(client, options));
    const QByteArray queue = "/queue/" + uniqueName("vhost");
    client.subscribe({{}, queue, StompAckMode::Auto, {}});
    QSignalSpy messages(&client, &StompClient::messageReceived);
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    client.send(queue, "hello vhost", {{"content-type", "text/plain"}}, true);
    QVERIFY(receipts.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, 10000);
    QCOMPARE(messages.first().first().value<StompMessage>().frame.body, QByteArray("hello vhost"));
}

void tst_RabbitMq::wrongPasscodeIsAnAuthFailure()
{
    StompClient client;
    StompConnectOptions options = rabbitOptions();
    options.passcode = "not-the-passcode";
    options.reconnect.maxAuthFailures = 2;
    options.reconnect.initialDelayMs = 10;
    client.setOptions(options);
    client.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), StompClient::State::Failed, 20000);
    QCOMPARE(client.lastError().kind, PushError::Kind::AuthFailed);
}

void tst_RabbitMq::thousandMessagesArriveInOrder()
{
    StompClient client;
    QVERIFY(connectAndWait(client, rabbitOptions()));
    const QByteArray name = uniqueName("order");
    const QByteArray queue = "/queue/" + name;
    QList<int> sequence;
    connect(&client, &StompClient::messageReceived, this,
            [&sequence](const StompMessage &message) { sequence.append(message.frame.header("seq").toInt()); });
    client.subscribe({{}, queue, StompAckMode::Auto, {}});

    QString output;
    QCOMPARE(
        BrokerFixture::publish({QStringLiteral("-d"), QString::fromUtf8(queue), QStringLiteral("-n"),
                                QStringLiteral("1000"), QStringLiteral("--receipt"), QStringLiteral("--body-template"),
                                QStringLiteral("{\"id\":\"{i}\",\"title\":\"待办 {i}\"}")},
                               &output),
        0);
    QVERIFY2(output.contains(QLatin1String("published 1000")), qPrintable(output));
    QTRY_COMPARE_WITH_TIMEOUT(sequence.size(), 1000, 30000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(sequence.at(i), i);
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_RabbitMq::brokerKilledMidStreamLosesNothing_data()
{
    // The same crash through Web-STOMP and through the broker's STOMP port (stomp://, as Stomp.overTCP): the same
    // client, heart-beats and reconnect. The queue is the one declared long before (initTestCase), empty again
    // after each row.
    QTest::addColumn<QUrl>("url");
    QTest::newRow("Web-STOMP") << BrokerFixture::webStompUrl();
    QTest::newRow("STOMP port") << QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(BrokerFixture::stompPort()));
}

void tst_RabbitMq::brokerKilledMidStreamLosesNothing()
{
    QFETCH(QUrl, url);
    constexpr int total = 300;
    const QByteArray name = m_durableQueue;
    const QByteArray queue = "/queue/" + name;
    QString output;
    // Persistent messages in a durable queue, all published (and confirmed) before anyone consumes.
    QCOMPARE(BrokerFixture::publish({QStringLiteral("-d"), QString::fromUtf8(queue), QStringLiteral("-n"),
                                     QString::number(total), QStringLiteral("--receipt")},
                                    &output),
             0);

    StompClient client;
    StompConnectOptions options = rabbitOptions();
    options.urls = {url};
    QVERIFY(connectAndWait(client, options));
    QCOMPARE(client.session().transport.startsWith(QLatin1String("tcp ")), url.scheme() == QLatin1String("stomp"));
    QMultiHash<int, int> seen; // seq -> how often
    int acked = 0;
    bool killed = false;
    int deliveredBeforeCrash = 0;
    connect(&client, &StompClient::messageReceived, this, [&](const StompMessage &message) {
        seen.insert(message.frame.header("seq").toInt(), 1);
        if (client.ack(message))
            ++acked;
        if (!killed && seen.size() >= total / 3) {
            killed = true;
            deliveredBeforeCrash = int(seen.size());
            // A crash, not a shutdown: SIGKILL, then a cold start on the same data directory.
            QCOMPARE(BrokerFixture::fixture({QStringLiteral("kill")}), 0);
        }
    });
    // At most 10 unacknowledged at a time, so the stream is still flowing when the broker dies.
    client.subscribe({"durable-sub", queue, StompAckMode::ClientIndividual, {{"prefetch-count", "10"}}});
    QTRY_VERIFY_WITH_TIMEOUT(killed, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() != StompClient::State::Connected, 30000);
    // Everything the dead connection carried has been read by now, including the frames (up to the prefetch) that
    // were already on their way when the broker was killed.
    deliveredBeforeCrash = int(seen.size());

    QSignalSpy connected(&client, &StompClient::connected);
    QCOMPARE(BrokerFixture::fixture({QStringLiteral("start")}, &output), 0);
    QString queues;
    BrokerFixture::fixture(
        {QStringLiteral("ctl"), QStringLiteral("-q"), QStringLiteral("list_queues"), QStringLiteral("name")}, &queues);
    QVERIFY2(queues.contains(QString::fromUtf8(name)),
             "the broker lost the durable queue in its crash recovery: a broker fault, not the client's");
    QVERIFY2(connected.wait(30000), "the client did not reconnect by itself");

    // Every message is received at least once: nothing the broker held is lost across the crash. Those
    // delivered but not yet acknowledged when it died come again (redelivered), which the store de-duplicates.
    QTRY_COMPARE_WITH_TIMEOUT(QSet<int>(seen.keyBegin(), seen.keyEnd()).size(), total, 60000);
    for (int i = 0; i < total; ++i)
        QVERIFY2(seen.contains(i), qPrintable(QStringLiteral("message %1 lost").arg(i)));
    // Only what was delivered before the crash can come again: the unacknowledged ones in flight, and acknowledged
    // ones whose ACK the broker had not yet written to disk when it was killed.
    const int duplicates = int(seen.size()) - total;
    QVERIFY2(duplicates <= deliveredBeforeCrash,
             qPrintable(QStringLiteral("%1 redeliveries, but only %2 were delivered before the crash")
                            .arg(duplicates)
                            .arg(deliveredBeforeCrash)));

    // And the broker considers everything acknowledged: the queue is empty.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QString listing;
            BrokerFixture::fixture({QStringLiteral("ctl"), QStringLiteral("-q"), QStringLiteral("list_queues"),
                                    QStringLiteral("name"), QStringLiteral("messages")},
                                   &listing);
            for (const QString &line : listing.split(QLatin1Char('\n'))) {
                if (line.startsWith(QString::fromUtf8(name)))
                    return line.section(QLatin1Char('\t'), 1).trimmed() == QLatin1String("0");
            }
            return false;
        }(),
        30000);
}

void tst_RabbitMq::silentTcpPathIsDetectedAndRecovered()
{
    TcpForwarder path;
    QVERIFY(path.listen(QHostAddress::LocalHost, quint16(BrokerFixture::wsPort())));
    StompClient client;
    StompConnectOptions options = rabbitOptions();
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(path.port()))};
    options.heartbeatOutMs = 1000;
    options.heartbeatInMs = 1000;
    options.heartbeatGrace = 2.0;
    QVERIFY(connectAndWait(client, options));
    QCOMPARE(client.session().heartbeatInMs, 1000);
    const QByteArray queue = "/queue/" + uniqueName("silent");
    client.subscribe({{}, queue, StompAckMode::Auto, {}});

    QSignalSpy disconnected(&client, &StompClient::disconnected);
    path.setStalled(true); // no FIN, no RST: the path just stops carrying bytes
    // Detected after heart-beat x grace (2 s) of silence; the wait bound leaves room for a loaded machine.
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::HeartbeatLost);

    path.dropAll();
    path.setStalled(false);
    QSignalSpy connected(&client, &StompClient::connected);
    QVERIFY2(connected.wait(20000), "no reconnect after the path came back");
    QSignalSpy messages(&client, &StompClient::messageReceived);
    QCOMPARE(BrokerFixture::publish({QStringLiteral("-d"), QString::fromUtf8(queue), QStringLiteral("-n"),
                                     QStringLiteral("1"), QStringLiteral("--receipt")}),
             0);
    QVERIFY(messages.wait(10000)); // resubscribed
}

void tst_RabbitMq::autoFindsStompFromTheUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("why");
    QTest::newRow("Web-STOMP") << BrokerFixture::webStompUrl() << QStringLiteral("with a STOMP frame");
    QTest::newRow("STOMP port") << QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(BrokerFixture::stompPort()))
                                << QStringLiteral("STOMP port");
}

void tst_RabbitMq::autoFindsStompFromTheUrl()
{
    // The URL a person has and the destination, through the same pipeline the applications run: auto finds STOMP
    // (a WebSocket answering the credential-free CONNECT probe with a STOMP frame, or a broker's STOMP port), then
    // logs in, and a todo from the independent publisher arrives once.
    QFETCH(QUrl, url);
    QFETCH(QString, why);
    const QByteArray name = uniqueName("auto");
    QCOMPARE(BrokerFixture::publish({QStringLiteral("--declare-queue"), QString::fromUtf8(name)}), 0);
    QTemporaryDir dir;
    TodoPipeline pipeline;
    TodoOptions todo;
    todo.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(todo));
    ConnectionSecrets secrets;
    secrets.passcode = "guest";
    pipeline.setSource(autoDetectedSource(
        url,
        {{Settings::Key::Destinations, QStringList {QStringLiteral("/queue/") + QString::fromUtf8(name)}},
         {Settings::Key::Login, QStringLiteral("guest")},
         {Settings::Key::DurableSubscription, false}},
        secrets));
    QSignalSpy connected(pipeline.source(), &PushSource::connected);
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    pipeline.source()->start();
    QVERIFY(connected.wait(15000));
    QCOMPARE(autoFound(pipeline.source()), QStringLiteral("stomp"));
    QVERIFY2(pipeline.source()->session().summary.contains(why), qPrintable(pipeline.source()->session().summary));
    QCOMPARE(BrokerFixture::publish({QStringLiteral("-d"), QStringLiteral("/queue/") + QString::fromUtf8(name),
                                     QStringLiteral("--receipt"), QStringLiteral("--body-template"),
                                     QStringLiteral(R"({"id":"rmq-auto","title":"自动"})")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, 15000);
    QCOMPARE(pipeline.store()->todo(QStringLiteral("id:rmq-auto"))->title, QStringLiteral("自动"));
    QCOMPARE(pipeline.store()->count(), 1);
}

QTEST_GUILESS_MAIN(tst_RabbitMq)
#include "tst_rabbitmq.moc"
