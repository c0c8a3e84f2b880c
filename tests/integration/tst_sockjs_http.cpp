// STOMP over SockJS's HTTP transports against real servers, each test twice (global data): (a) the npm `sockjs`
// STOMP server (tests/integration/node/sockjs-stomp-server.js) with SockJS's WebSocket switched off, and (b) the same
// server with WebSocket on, behind Debian's nginx proxying plain HTTP without forwarding `Upgrade` (so both WebSocket
// paths fail with 400); both started by CTest fixtures, both ending xhr_streaming responses after 16 KiB. `auto` finds
// xhr-streaming and says why (so does todo-notifier-cli check), STOMP connects, subscribes and receives, SUBSCRIBE,
// ACK and SENDs with receipts go over xhr_send in order with the /info cookie on every request, streams the server
// ends are re-opened unnoticed, todos published by an independent client (npm sockjs-client, over the same URL and
// proxy: tests/integration/node/sockjs-stomp-publish.js) arrive once each, and a server restart mid-stream costs no
// todo and shows none twice (through the TodoPipeline: the broker redelivers what it saw unacknowledged, the store
// takes a redelivery as an update).
#include "AutoDetectedSource.h"
#include "IntegrationHelpers.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/TodoPipeline.h"
#include "stomp/StompClient.h"
#include "stomp/StompPushSource.h"
#include "store/TodoStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 15000;

// A todo as the field's servers push it (the envelope with one item).
QByteArray todoJson(const QString &id, const QString &title)
{
    const QJsonObject todo {{QStringLiteral("id"), id},
                            {QStringLiteral("title"), title},
                            {QStringLiteral("time"), QStringLiteral("2024-05-16 16:28:03")},
                            {QStringLiteral("handlerUrl"), QStringLiteral("/todo#/x?id=%1").arg(id)}};
    const QJsonObject data {{QStringLiteral("sysMsgList"), QJsonArray {todo}}, {QStringLiteral("sysMsgNums"), 1}};
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_SockJsHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void autoFindsXhrStreamingAndSaysWhy();
    void sendsGoOverXhrSendInOrderWithTheCookie();
    void streamsTheServerEndsAreReopenedUnnoticed();
    void todosPublishedByAnIndependentClientArrive();
    void serverRestartMidStreamCostsNoTodoAndShowsNoneTwice();
    void cliCheckSaysWhichTransportAndWhy();
    void autoFindsItFromTheUrl();

private:
    bool viaNginx() const;
    QString tag() const { return viaNginx() ? QStringLiteral("nginx") : QStringLiteral("direct"); }
    int urlPort() const { return viaNginx() ? m_nginxPort : m_httpPort; }
    int serverPort() const { return viaNginx() ? m_proxiedPort : m_httpPort; } // the control API, never proxied
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/app/ws").arg(urlPort())); }
    QString explanation() const;
    StompConnectOptions options() const;
    QJsonDocument control(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QJsonObject serverSession(const QByteArray &id);
    QJsonObject queue(const QString &destination);
    QString publishIndependently(const QString &destination, const QByteArrayList &bodies);
    bool subscribeAndSync(StompClient &client, const StompSubscription &subscription);

    int m_httpPort = 0;
    int m_proxiedPort = 0;
    int m_nginxPort = 0;
    QNetworkAccessManager m_network;
};

void tst_SockJsHttp::initTestCase_data()
{
    QTest::addColumn<bool>("nginx");
    QTest::newRow("websocket:false") << false;
    QTest::newRow("nginx without Upgrade") << true;
}

void tst_SockJsHttp::initTestCase()
{
    m_httpPort = portFrom("TODO_SOCKJS_HTTP_PORT_FILE");
    m_proxiedPort = portFrom("TODO_SOCKJS_PROXIED_PORT_FILE");
    m_nginxPort = portFrom("TODO_NGINX_PORT_FILE");
    QVERIFY2(m_httpPort > 0 && m_proxiedPort > 0 && m_nginxPort > 0,
             "run through ctest: the sockjs_http_server, sockjs_proxied_server and nginx fixtures start the servers");
}

bool tst_SockJsHttp::viaNginx() const
{
    QFETCH_GLOBAL(bool, nginx);
    return nginx;
}

QString tst_SockJsHttp::explanation() const
{
    return viaNginx() ? QStringLiteral("auto: /info says websocket:true; raw /websocket refused with 400; SockJS "
                                       "WebSocket refused with 400")
                      : QStringLiteral("auto: /info says websocket:false");
}

StompConnectOptions tst_SockJsHttp::options() const
{
    StompConnectOptions options;
    options.urls = {baseUrl()};
    options.heartbeatOutMs = 1000;
    options.heartbeatInMs = 1000;
    options.reconnect.initialDelayMs = 100;
    options.reconnect.maxDelayMs = 1000;
    return options;
}

QJsonDocument tst_SockJsHttp::control(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs))
        return {};
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll());
}

QJsonObject tst_SockJsHttp::serverSession(const QByteArray &id)
{
    const QJsonArray sessions = control("GET", QStringLiteral("/control/sessions")).array();
    for (const QJsonValue &session : sessions) {
        if (session.toObject().value(QLatin1String("id")).toString() == QString::fromUtf8(id))
            return session.toObject();
    }
    return {};
}

QJsonObject tst_SockJsHttp::queue(const QString &destination)
{
    return control("GET", QStringLiteral("/control/queues")).object().value(destination).toObject();
}

QString tst_SockJsHttp::publishIndependently(const QString &destination, const QByteArrayList &bodies)
{
    // npm sockjs-client (tests/integration/node/sockjs-stomp-publish.js) over the same URL, through the same proxy:
    // no code of ours on the publishing side.
    QJsonArray array;
    for (const QByteArray &body : bodies)
        array.append(QString::fromUtf8(body));
    QProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NODE_PATH"), qEnvironmentVariable("TODO_NODE_MODULES"));
    node.setProcessEnvironment(environment);
    node.start(QStringLiteral("node"),
               {qEnvironmentVariable("TODO_SOCKJS_PUBLISH"), QStringLiteral("--url"), baseUrl().toString(),
                QStringLiteral("--destination"), destination});
    if (!node.waitForStarted(kWaitMs))
        return QStringLiteral("node did not start: ") + node.errorString();
    node.write(QJsonDocument(array).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    if (!node.waitForFinished(30000))
        return QStringLiteral("the publisher did not finish");
    const QString out = QString::fromUtf8(node.readAllStandardOutput()).trimmed();
    if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0)
        return out + QString::fromUtf8(node.readAllStandardError());
    return out;
}

bool tst_SockJsHttp::subscribeAndSync(StompClient &client, const StompSubscription &subscription)
{
    // The broker handles a connection's frames in order: once a receipted frame sent after SUBSCRIBE is answered,
    // the subscription exists and a push cannot miss it.
    client.subscribe(subscription);
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    const QByteArray receipt = client.sendWithReceipt(StompFrame("BEGIN", {{"transaction", "sync"}}));
    client.abort("sync");
    return !receipt.isEmpty() && receipts.wait(kWaitMs) && receipts.first().first().toByteArray() == receipt;
}

void tst_SockJsHttp::autoFindsXhrStreamingAndSaysWhy()
{
    StompClient client; // default transport selection: auto
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const StompSession session = client.session();
    QVERIFY2(
        session.transport.startsWith(QStringLiteral("sockjs xhr-streaming http://127.0.0.1:%1/app/ws/").arg(urlPort())),
        qPrintable(session.transport));
    QVERIFY2(session.transport.endsWith(QStringLiteral(" (%1)").arg(explanation())), qPrintable(session.transport));
    QCOMPARE(session.server, QByteArray("todo-test-sockjs/1"));

    const QJsonObject seen = serverSession(session.sessionId);
    QCOMPARE(seen.value(QLatin1String("transport")).toString(), QStringLiteral("xhr-streaming"));
    QVERIFY(seen.value(QLatin1String("open")).toBool());

    // Heart-beats both ways over xhr_streaming and xhr_send keep it up well past the 2 s dead-peer limit.
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    QVERIFY(!disconnected.wait(3500));
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_SockJsHttp::sendsGoOverXhrSendInOrderWithTheCookie()
{
    StompClient client;
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString destination = QStringLiteral("/queue/order-") + tag();
    QVERIFY(subscribeAndSync(client, {"q", destination.toUtf8(), StompAckMode::ClientIndividual, {}}));

    QSignalSpy messages(&client, &StompClient::messageReceived);
    control("POST", QStringLiteral("/control/push?destination=") + destination, todoJson(QStringLiteral("o1"), tag()));
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWaitMs);
    const StompMessage message = messages.first().first().value<StompMessage>();
    QCOMPARE(message.frame.body, todoJson(QStringLiteral("o1"), tag()));
    QVERIFY(client.ack(message));

    // A burst: each SEND waits for the one in flight, and all arrive in the order sent.
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    QByteArrayList bodies;
    for (int i = 0; i < 20; ++i) {
        bodies << QStringLiteral("已读 %1").arg(i).toUtf8();
        QVERIFY(!client.send("/topic/sink", bodies.last(), {}, true).isEmpty());
    }
    QTRY_COMPARE_WITH_TIMEOUT(receipts.count(), 20, kWaitMs);

    const QJsonObject seen = serverSession(client.session().sessionId);
    QStringList commands;
    for (const QJsonValue &command : seen.value(QLatin1String("commands")).toArray())
        commands << command.toString();
    QStringList expected {QStringLiteral("CONNECT"), QStringLiteral("SUBSCRIBE"), QStringLiteral("BEGIN"),
                          QStringLiteral("ABORT"), QStringLiteral("ACK")};
    for (int i = 0; i < 20; ++i)
        expected << QStringLiteral("SEND");
    QCOMPARE(commands, expected);
    QByteArrayList sent;
    for (const QJsonValue &body : seen.value(QLatin1String("sendBodies")).toArray())
        sent << body.toString().toUtf8();
    QCOMPARE(sent, bodies);
    QTRY_COMPARE_WITH_TIMEOUT(queue(destination).value(QLatin1String("acked")).toInt(), 1, kWaitMs);
    QCOMPARE(queue(destination).value(QLatin1String("unacked")).toInt(), 0);

    // All of it went over xhr_send, and every request (streams and sends) carried the cookie /info set.
    const QJsonObject http = serverSession(client.session().sessionId).value(QLatin1String("http")).toObject();
    QVERIFY2(http.value(QLatin1String("xhr_send")).toInt() >= 2, QJsonDocument(http).toJson().constData());
    QVERIFY(http.value(QLatin1String("xhr_streaming")).toInt() >= 1);
    QCOMPARE(http.value(QLatin1String("xhr")).toInt(), 0);
    QCOMPARE(seen.value(QLatin1String("withoutCookie")).toInt(), 0);
    QVERIFY(seen.value(QLatin1String("cookieNames")).toArray().contains(QStringLiteral("JSESSIONID")));
}

void tst_SockJsHttp::streamsTheServerEndsAreReopenedUnnoticed()
{
    StompClient client;
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString destination = QStringLiteral("/topic/bulk-") + tag();
    QVERIFY(subscribeAndSync(client, {"bulk", destination.toUtf8(), StompAckMode::Auto, {}}));

    // 60 todos of about 600 bytes: the server ends each stream after 16 KiB, the client re-opens it for the session.
    QSignalSpy messages(&client, &StompClient::messageReceived);
    for (int i = 0; i < 60; ++i)
        control("POST", QStringLiteral("/control/push?destination=") + destination,
                todoJson(QStringLiteral("bulk-%1").arg(i), QString(400, QLatin1Char('x'))));
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 60, kWaitMs);
    for (int i = 0; i < 60; ++i)
        QCOMPARE(messages.at(i).first().value<StompMessage>().frame.body,
                 todoJson(QStringLiteral("bulk-%1").arg(i), QString(400, QLatin1Char('x'))));
    const QJsonObject seen = serverSession(client.session().sessionId);
    const int streams = seen.value(QLatin1String("http")).toObject().value(QLatin1String("xhr_streaming")).toInt();
    QVERIFY2(streams >= 3, qPrintable(QString::number(streams)));
    QVERIFY(seen.value(QLatin1String("open")).toBool());
    QCOMPARE(connected.count(), 1);
    QCOMPARE(disconnected.count(), 0);
}

void tst_SockJsHttp::todosPublishedByAnIndependentClientArrive()
{
    QTemporaryDir dir;
    TodoPipeline pipeline;
    TodoOptions todo;
    todo.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(todo));
    const QString destination = QStringLiteral("/queue/independent-") + tag();
    auto owned = std::make_unique<StompPushSource>();
    owned->setOptions(options());
    owned->setSubscriptions({{"independent", destination.toUtf8(), StompAckMode::ClientIndividual, {}}});
    StompPushSource *source = owned.get();
    pipeline.setSource(std::move(owned));
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy connected(source, &PushSource::connected);
    source->start();
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(source->session().transport.startsWith(QLatin1String("sockjs xhr-streaming ")));
    QTRY_VERIFY_WITH_TIMEOUT(
        serverSession(source->client()->session().sessionId).value(QLatin1String("subscriptions")).toArray().size()
            == 1,
        kWaitMs);

    QByteArrayList bodies;
    for (int i = 1; i <= 5; ++i)
        bodies << todoJson(QStringLiteral("ind%1").arg(i), QStringLiteral("审批 %1 (%2)").arg(i).arg(tag()));
    const QString published = publishIndependently(destination, bodies);
    QVERIFY2(published.startsWith(QLatin1String("published 5 via xhr-")), qPrintable(published));

    QTRY_COMPARE_WITH_TIMEOUT(queue(destination).value(QLatin1String("acked")).toInt(), 5, kWaitMs);
    QCOMPARE(queue(destination).value(QLatin1String("unacked")).toInt(), 0);
    for (int i = 1; i <= 5; ++i) {
        const QString id = QStringLiteral("ind%1").arg(i);
        QCOMPARE(arrivals(arrived, id), 1);
        const auto stored = pipeline.store()->todo(QStringLiteral("id:") + id);
        QVERIFY(stored);
        QCOMPARE(stored->title, QStringLiteral("审批 %1 (%2)").arg(i).arg(tag()));
    }
    QCOMPARE(arrived.count(), 5);
}

void tst_SockJsHttp::serverRestartMidStreamCostsNoTodoAndShowsNoneTwice()
{
    QTemporaryDir dir;
    TodoPipeline pipeline;
    TodoOptions todo;
    todo.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(todo));
    const QString destination = QStringLiteral("/queue/restart-") + tag();
    auto owned = std::make_unique<StompPushSource>();
    owned->setOptions(options());
    owned->setSubscriptions({{"restart", destination.toUtf8(), StompAckMode::ClientIndividual, {}}});
    StompPushSource *source = owned.get();
    pipeline.setSource(std::move(owned));
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy connected(source, &PushSource::connected);
    QSignalSpy disconnected(source, &PushSource::disconnected);
    source->start();
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(source->session().transport.startsWith(QLatin1String("sockjs xhr-streaming ")));
    QTRY_VERIFY_WITH_TIMEOUT(
        serverSession(source->client()->session().sessionId).value(QLatin1String("subscriptions")).toArray().size()
            == 1,
        kWaitMs);

    const auto push = [&](const QString &id) {
        control("POST", QStringLiteral("/control/push?destination=") + destination, todoJson(id, tag() + id));
    };
    for (const QString &id : {QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")})
        push(id);
    QTRY_COMPARE_WITH_TIMEOUT(queue(destination).value(QLatin1String("acked")).toInt(), 3, kWaitMs);

    // Delivered, stored, acknowledged by the client, but the server goes down before it takes the ACKs in.
    control("POST", QStringLiteral("/control/drop-acks?enabled=1"));
    for (const QString &id : {QStringLiteral("r4"), QStringLiteral("r5"), QStringLiteral("r6")})
        push(id);
    QTRY_COMPARE_WITH_TIMEOUT(queue(destination).value(QLatin1String("droppedAcks")).toInt(), 3, kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("r6")), 1);
    QCOMPARE(queue(destination).value(QLatin1String("unacked")).toInt(), 3);

    control("POST", QStringLiteral("/control/restart?ms=1500"));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    // Pushed as soon as the server is back, whether the client has come back yet or not.
    QTRY_VERIFY_WITH_TIMEOUT(!control("GET", QStringLiteral("/control/queues")).isNull(), kWaitMs);
    push(QStringLiteral("r7"));
    QTRY_VERIFY_WITH_TIMEOUT(connected.count() >= 2, kWaitMs);
    QVERIFY(source->session().transport.contains(QLatin1String("(auto, remembered: ")));

    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r7")), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(queue(destination).value(QLatin1String("acked")).toInt(), 7, kWaitMs);
    const QJsonObject state = queue(destination);
    QCOMPARE(state.value(QLatin1String("pending")).toInt(), 0);
    QCOMPARE(state.value(QLatin1String("unacked")).toInt(), 0);
    QCOMPARE(state.value(QLatin1String("redelivered")).toInt(), 3); // r4..r6 came again...
    for (int i = 1; i <= 7; ++i) // ...and none of them arrived twice, none is missing
        QCOMPARE(arrivals(arrived, QStringLiteral("r%1").arg(i)), 1);
    QCOMPARE(pipeline.store()->todo(QStringLiteral("id:r5"))->title, tag() + QStringLiteral("r5"));
}

void tst_SockJsHttp::cliCheckSaysWhichTransportAndWhy()
{
    for (const bool configured : {false, true}) {
        QStringList arguments {QStringLiteral("check"), QStringLiteral("--url"), baseUrl().toString(),
                               QStringLiteral("--timeout"), QStringLiteral("15")};
        if (configured)
            arguments << QStringLiteral("--transport") << QStringLiteral("sockjs");
        QProcess cli;
        cli.start(qEnvironmentVariable("TODO_CLI"), arguments);
        QVERIFY(cli.waitForFinished(30000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, qPrintable(out + QString::fromUtf8(cli.readAllStandardError())));
        QVERIFY2(out.startsWith(QStringLiteral("connected to %1 via sockjs xhr-streaming http://127.0.0.1:%2/app/ws/")
                                    .arg(baseUrl().toString())
                                    .arg(urlPort())),
                 qPrintable(out));
        const QString why = !configured ? explanation()
            : viaNginx()                ? QStringLiteral("sockjs, as configured: SockJS WebSocket refused with 400")
                                        : QStringLiteral("sockjs, as configured: /info says websocket:false");
        QVERIFY2(out.contains(QStringLiteral(" (%1): STOMP 1.2").arg(why)), qPrintable(out));
    }
}

void tst_SockJsHttp::autoFindsItFromTheUrl()
{
    // The URL a person has (http://host/app/ws) and a destination: auto finds SockJS's /info, STOMP over it takes the
    // HTTP streaming transport, and a todo published by an independent client arrives once.
    QTemporaryDir dir;
    TodoPipeline pipeline;
    TodoOptions todo;
    todo.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(todo));
    const QString destination = QStringLiteral("/queue/auto-") + tag();
    pipeline.setSource(autoDetectedSource(
        baseUrl(),
        {{Settings::Key::Destinations, QStringList {destination}}, {Settings::Key::DurableSubscription, false}}));
    PushSource *source = pipeline.source();
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy connected(source, &PushSource::connected);
    source->start();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(autoFound(source), QStringLiteral("stomp"));
    QVERIFY2(source->session().summary.contains(QLatin1String("SockJS endpoint")),
             qPrintable(source->session().summary));
    QVERIFY2(source->session().transport.startsWith(QLatin1String("sockjs xhr-streaming ")),
             qPrintable(source->session().transport));
    const auto subscribed = [&] {
        for (const QJsonValue &session : control("GET", QStringLiteral("/control/sessions")).array())
            if (QJsonDocument(session.toObject().value(QLatin1String("subscriptions")).toArray())
                    .toJson()
                    .contains(destination.toUtf8()))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(subscribed(), kWaitMs);
    const QString published =
        publishIndependently(destination, {todoJson(QStringLiteral("auto-") + tag(), QStringLiteral("自动"))});
    QVERIFY2(published.startsWith(QLatin1String("published 1 via xhr-")), qPrintable(published));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("auto-") + tag()), 1, kWaitMs);
    QCOMPARE(pipeline.store()->todo(QStringLiteral("id:auto-") + tag())->title, QStringLiteral("自动"));
}

QTEST_GUILESS_MAIN(tst_SockJsHttp)
#include "tst_sockjs_http.moc"
