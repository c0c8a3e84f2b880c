// StompClient against a real ActiveMQ Classic (Debian's `activemq`, started by a CTest fixture with a STOMP
// connector on 127.0.0.1) reached through a WebSocket-to-TCP bridge (npm `ws`, tests/integration/node), as
// deployments reach its WebSocket connector: STOMP 1.2, client-individual acknowledgement with the `ack` header,
// NACK redelivering the message, selectors in SUBSCRIBE passed through, heart-beats honoured both ways.
// Messages come from an independent publisher (python3-stomp over STOMP/TCP, straight to the broker). The client also
// speaks to the STOMP port itself (stomp://), as Stomp.overTCP does: no bridge, same client.
#include "AutoDetectedSource.h"
#include "IntegrationHelpers.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/TodoPipeline.h"
#include "stomp/StompClient.h"
#include "store/TodoStore.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 15000;

QByteArray uniqueQueue(const char *prefix)
{
    return QByteArray("/queue/") + prefix + '-' + QByteArray::number(QRandomGenerator::global()->generate(), 36);
}

} // namespace

class tst_ActiveMq : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectsThroughTheBridgeWithStomp12();
    void clientIndividualAckAndNackRedelivers();
    void selectorIsPassedThrough();
    void heartbeatsAreHonoured();
    void stompPortDirectlyOverTcp();
    void autoFindsTheStompPortFromTheUrl();

private:
    StompConnectOptions options() const;
    bool connectClient(StompClient &client, const StompConnectOptions &options);
    int publish(const QByteArray &destination, const QStringList &extra = {});

    int m_bridgePort = 0;
    int m_stompPort = 0;
};

void tst_ActiveMq::initTestCase()
{
    m_bridgePort = portFrom("TODO_AMQ_BRIDGE_PORT_FILE");
    m_stompPort = portFrom("TODO_AMQ_STOMP_PORT_FILE");
    QVERIFY2(m_bridgePort > 0 && m_stompPort > 0,
             "run through ctest: the activemq and activemq_bridge fixtures start the broker and the bridge");
}

StompConnectOptions tst_ActiveMq::options() const
{
    StompConnectOptions options;
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:%1/stomp").arg(m_bridgePort))};
    options.login = "todo";
    options.passcode = "todo-secret";
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.reconnect.initialDelayMs = 100;
    return options;
}

bool tst_ActiveMq::connectClient(StompClient &client, const StompConnectOptions &options)
{
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    return connected.wait(kWaitMs);
}

int tst_ActiveMq::publish(const QByteArray &destination, const QStringList &extra)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("/usr/bin/python3"),
                  QStringList {qEnvironmentVariable("TODO_RMQ_PUBLISH"), QStringLiteral("--port"),
                               QString::number(m_stompPort), QStringLiteral("--host"), QStringLiteral("localhost"),
                               QStringLiteral("-d"), QString::fromUtf8(destination), QStringLiteral("--receipt")}
                      + extra);
    if (!process.waitForFinished(60000))
        return -1;
    if (process.exitCode() != 0)
        qWarning().noquote() << process.readAll();
    return process.exitCode();
}

void tst_ActiveMq::connectsThroughTheBridgeWithStomp12()
{
    StompClient client;
    QVERIFY(connectClient(client, options()));
    QCOMPARE(client.session().version, StompVersion::V1_2);
    QVERIFY2(client.session().server.startsWith("ActiveMQ/"), client.session().server.constData());
    QVERIFY(client.session().transport.startsWith(QLatin1String("websocket ws://127.0.0.1:")));
    QSignalSpy states(&client, &StompClient::stateChanged);
    client.disconnectFromServer();
    QTRY_COMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_ActiveMq::clientIndividualAckAndNackRedelivers()
{
    const QByteArray queue = uniqueQueue("ack");
    StompClient client;
    QVERIFY(connectClient(client, options()));
    QList<StompMessage> received;
    QObject::connect(&client, &StompClient::messageReceived, this,
                     [&received](const StompMessage &message) { received.append(message); });
    client.subscribe({"acks", queue, StompAckMode::ClientIndividual, {}});
    QCOMPARE(publish(queue, {QStringLiteral("-n"), QStringLiteral("3")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(received.at(i).frame.header("seq").toInt(), i);
        QVERIFY(!received.at(i).ackId.isEmpty()); // STOMP 1.2: the `ack` header, not the message id
        QCOMPARE(received.at(i).ackId, received.at(i).frame.header("ack"));
    }
    QVERIFY(client.ack(received.at(0)));
    QVERIFY(client.nack(received.at(1)));
    QVERIFY(client.ack(received.at(2)));

    // The NACKed message, and only it, comes again: same message id, marked redelivered.
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 4, kWaitMs);
    const StompMessage again = received.at(3);
    QCOMPARE(again.messageId, received.at(1).messageId);
    QCOMPARE(again.frame.header("seq").toInt(), 1);
    QCOMPARE(again.frame.header("redelivered"), QByteArray("true"));
    QVERIFY(client.ack(again));

    // Everything is acknowledged now: after a reconnect the first thing that arrives is a new message.
    client.disconnectFromServer();
    QTRY_COMPARE(client.state(), StompClient::State::Disconnected);
    received.clear();
    QVERIFY(connectClient(client, options()));
    QCOMPARE(publish(queue, {QStringLiteral("--body-template"), QStringLiteral("sentinel")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QCOMPARE(received.first().frame.body, QByteArray("sentinel"));
}

void tst_ActiveMq::selectorIsPassedThrough()
{
    const QByteArray queue = uniqueQueue("selector");
    StompClient client;
    QVERIFY(connectClient(client, options()));
    QList<QByteArray> kinds;
    QObject::connect(&client, &StompClient::messageReceived, this,
                     [&kinds](const StompMessage &message) { kinds.append(message.frame.header("kind")); });
    client.subscribe({{}, queue, StompAckMode::Auto, {{"selector", "kind = 'todo'"}}});
    QCOMPARE(publish(queue, {QStringLiteral("--header"), QStringLiteral("kind:note")}), 0);
    QCOMPARE(publish(queue, {QStringLiteral("--header"), QStringLiteral("kind:todo")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(kinds.size(), 1, kWaitMs);
    QCOMPARE(kinds.first(), QByteArray("todo")); // the note, published first, was filtered by the broker
}

void tst_ActiveMq::heartbeatsAreHonoured()
{
    StompClient client;
    StompConnectOptions options = this->options();
    options.heartbeatOutMs = 1000;
    options.heartbeatInMs = 1000;
    // ActiveMQ's inactivity monitor writes a keep-alive only when its write check finds the line idle, so its beats
    // can come up to twice the period apart; the default grace (2) is then right at the edge on a busy machine.
    options.heartbeatGrace = 3.0;
    QVERIFY(connectClient(client, options));
    QVERIFY2(client.session().heartbeatOutMs > 0 && client.session().heartbeatInMs > 0,
             qPrintable(QStringLiteral("negotiated %1,%2")
                            .arg(client.session().heartbeatOutMs)
                            .arg(client.session().heartbeatInMs)));
    QVERIFY(client.session().heartbeatInMs <= 2000);
    // Idle for several periods: ActiveMQ drops a client whose heart-beats stop, and the client drops a broker
    // silent for three periods. Neither happens.
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    QVERIFY(!disconnected.wait(qMax(5000, 3 * client.session().heartbeatInMs)));
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_ActiveMq::stompPortDirectlyOverTcp()
{
    StompConnectOptions tcp = options();
    tcp.urls = {QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(m_stompPort))};
    tcp.heartbeatOutMs = 1000;
    tcp.heartbeatInMs = 1000;
    StompClient client;
    QVERIFY(connectClient(client, tcp));
    QCOMPARE(client.session().version, StompVersion::V1_2);
    QVERIFY2(client.session().transport.startsWith(QLatin1String("tcp stomp://127.0.0.1:")),
             qPrintable(client.session().transport));
    const QByteArray queue = uniqueQueue("tcp");
    QList<StompMessage> received;
    QObject::connect(&client, &StompClient::messageReceived, this,
                     [&received](const StompMessage &message) { received.append(message); });
    client.subscribe({"tcp", queue, StompAckMode::ClientIndividual, {}});
    QCOMPARE(publish(queue, {QStringLiteral("-n"), QStringLiteral("2")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    for (const StompMessage &message : std::as_const(received))
        QVERIFY(client.ack(message));
    // Heart-beats keep the TCP connection up past several periods.
    QSignalSpy lost(&client, &StompClient::disconnected);
    QVERIFY(!lost.wait(3500));
    QCOMPARE(client.state(), StompClient::State::Connected);
    client.disconnectFromServer();
    QTRY_COMPARE(client.state(), StompClient::State::Disconnected);
}

void tst_ActiveMq::autoFindsTheStompPortFromTheUrl()
{
    // stomp://host:port, as Stomp.overTCP is given it: auto takes STOMP without probing, and a todo published by the
    // independent client arrives once, through the same pipeline the applications run.
    QTemporaryDir dir;
    TodoPipeline pipeline;
    TodoOptions todo;
    todo.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(todo));
    const QByteArray queue = uniqueQueue("auto");
    ConnectionSecrets secrets;
    secrets.passcode = "todo-secret";
    pipeline.setSource(autoDetectedSource(QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(m_stompPort)),
                                          {{Settings::Key::Destinations, QStringList {QString::fromUtf8(queue)}},
                                           {Settings::Key::Login, QStringLiteral("todo")},
                                           {Settings::Key::DurableSubscription, false}},
                                          secrets));
    QSignalSpy connected(pipeline.source(), &PushSource::connected);
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    pipeline.source()->start();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(autoFound(pipeline.source()), QStringLiteral("stomp"));
    QVERIFY2(pipeline.source()->session().summary.contains(QLatin1String("STOMP port")),
             qPrintable(pipeline.source()->session().summary));
    QCOMPARE(publish(queue,
                     {QStringLiteral("--body-template"),
                      QStringLiteral(R"({"id":"amq-auto","title":"ActiveMQ auto","handlerUrl":"/todo#/x"})")}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, kWaitMs);
    QCOMPARE(pipeline.store()->todo(QStringLiteral("id:amq-auto"))->title, QStringLiteral("ActiveMQ auto"));
    QCOMPARE(pipeline.store()->count(), 1);
}

QTEST_GUILESS_MAIN(tst_ActiveMq)
#include "tst_activemq.moc"
