// StompClient against a real SockJS server: the npm `sockjs` package serving a small STOMP broker written for
// the test (tests/integration/node/sockjs-stomp-server.js, started by a CTest fixture). Given only the http://
// base URL, `auto` connects through SockJS framing (the raw /websocket endpoint is refused), receives pushed
// todos, survives the server closing the session with c[3000,"Go away!"] and comes back with a new session id;
// Spring-style user destinations reach the principal named by the handshake's Cookie or Authorization header;
// and todo-notifier-cli check says which transport it used and why.
#include "stomp/StompClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

namespace {

constexpr int kWaitMs = 15000;

// The design document's todo push, as the server sends it.
const QByteArray kTodo =
    QStringLiteral(
        "{\"data\":{\"menuTipsMap\":null,\"sysMsgList\":[{\"id\":\"1791022789439037441\",\"title\":\"待办通知:"
        "《项目》变更申请"
        "--（研发中心）\",\"time\":\"2024-05-16 16:28:03\",\"handlerUrl\":\"/service/assets/index.html#/project/"
        "change-project-todo?id=1&pendingId=2&itemname=项目主管&wfid=3\"}],\"sysMsgNums\":11},\"fromUserId\":null}")
        .toUtf8();

int serverPort()
{
    QFile file(qEnvironmentVariable("TODO_SOCKJS_PORT_FILE"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toInt();
}

} // namespace

class tst_SockJs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void autoGivenTheHttpBaseConnectsViaSockJs();
    void receivesPushedTodos();
    void survivesServerCloseAndReconnectsWithANewSession();
    void userDestinationsFollowTheHandshakePrincipal();
    void rawWebSocketIsPreferredWhenTheServerOffersIt();
    void cliCheckSaysWhichTransportAndWhy();
    void cliCheckExplainsAUrlThatIsNeither();
    void cliTransportAndHandshakeHeaderOptions();

private:
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/app/ws").arg(m_port)); }
    StompConnectOptions options() const;
    QJsonDocument control(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QJsonObject serverSession(const QByteArray &id);
    bool subscribeAndSync(StompClient &client, const QByteArray &destination);

    int m_port = 0;
    QNetworkAccessManager m_network;
};

void tst_SockJs::initTestCase()
{
    m_port = serverPort();
    QVERIFY2(m_port > 0, "run through ctest: the sockjs_server fixture starts the server and writes its port");
}

StompConnectOptions tst_SockJs::options() const
{
    StompConnectOptions options;
    options.urls = {baseUrl()};
    options.heartbeatOutMs = 1000;
    options.heartbeatInMs = 1000;
    options.reconnect.initialDelayMs = 100;
    options.reconnect.maxDelayMs = 1000;
    return options;
}

QJsonDocument tst_SockJs::control(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs))
        return {};
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll());
}

QJsonObject tst_SockJs::serverSession(const QByteArray &id)
{
    const QJsonArray sessions = control("GET", QStringLiteral("/control/sessions")).array();
    for (const QJsonValue &session : sessions) {
        if (session.toObject().value(QLatin1String("id")).toString() == QString::fromUtf8(id))
            return session.toObject();
    }
    return {};
}

bool tst_SockJs::subscribeAndSync(StompClient &client, const QByteArray &destination)
{
    // The broker handles a connection's frames in order: once a receipted frame sent after SUBSCRIBE is
    // answered, the subscription exists and a push cannot miss it.
    client.subscribe({{}, destination, StompAckMode::Auto, {}});
    QSignalSpy receipts(&client, &StompClient::receiptReceived);
    const QByteArray receipt = client.sendWithReceipt(StompFrame("BEGIN", {{"transaction", "sync"}}));
    client.abort("sync");
    return !receipt.isEmpty() && receipts.wait(kWaitMs) && receipts.first().first().toByteArray() == receipt;
}

void tst_SockJs::autoGivenTheHttpBaseConnectsViaSockJs()
{
    StompClient client; // default transport selection: auto
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const StompSession session = client.session();
    QVERIFY2(session.transport.startsWith(QStringLiteral("sockjs ws://127.0.0.1:%1/app/ws/").arg(m_port)),
             qPrintable(session.transport));
    QVERIFY2(
        session.transport.contains(QLatin1String("(auto: /info says websocket:true; raw /websocket refused with 404)")),
        qPrintable(session.transport));
    QCOMPARE(session.server, QByteArray("todo-test-sockjs/1"));
    QCOMPARE(session.heartbeatInMs, 1000);

    // The server saw the session path the client made, and the cookie /info set came back with the upgrade.
    const QJsonObject seen = serverSession(session.sessionId);
    QVERIFY2(!seen.isEmpty(), session.sessionId.constData());
    QVERIFY(seen.value(QLatin1String("path"))
                .toString()
                .endsWith(QLatin1Char('/') + QString::fromUtf8(session.sessionId) + QStringLiteral("/websocket")));
    QVERIFY(seen.value(QLatin1String("cookieNames")).toArray().contains(QStringLiteral("JSESSIONID")));

    // Heart-beats both ways over SockJS keep the connection up well past the 2 s dead-peer limit.
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    QVERIFY(!disconnected.wait(3500));
    QCOMPARE(client.state(), StompClient::State::Connected);
}

void tst_SockJs::receivesPushedTodos()
{
    StompClient client;
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(subscribeAndSync(client, "/topic/todos"));

    QSignalSpy messages(&client, &StompClient::messageReceived);
    const QJsonDocument pushed = control("POST", QStringLiteral("/control/push?destination=/topic/todos"), kTodo);
    QVERIFY(pushed.object().value(QLatin1String("delivered")).toInt() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWaitMs); // may have come while control() waited
    const StompMessage message = messages.first().first().value<StompMessage>();
    QCOMPARE(message.destination, QByteArray("/topic/todos"));
    QCOMPARE(message.frame.body, kTodo); // Chinese text and the handlerUrl fragment unchanged through SockJS
}

void tst_SockJs::survivesServerCloseAndReconnectsWithANewSession()
{
    StompClient client;
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(subscribeAndSync(client, "/topic/after-close"));
    const QByteArray firstSession = client.session().sessionId;
    const QString firstPath = serverSession(firstSession).value(QLatin1String("path")).toString();

    control("POST", QStringLiteral("/control/close?code=3000&reason=Go%20away!"));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, kWaitMs); // may have come while control() waited
    const PushError reason = disconnected.first().first().value<PushError>();
    QVERIFY2(reason.message.contains(QLatin1String("Go away!")) && reason.message.contains(QLatin1String("3000")),
             qPrintable(reason.message));

    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, kWaitMs);
    const QByteArray secondSession = client.session().sessionId;
    QVERIFY(secondSession != firstSession);
    const QJsonObject second = serverSession(secondSession);
    QVERIFY(second.value(QLatin1String("open")).toBool());
    QVERIFY(second.value(QLatin1String("path")).toString() != firstPath);
    QVERIFY(!serverSession(firstSession).value(QLatin1String("open")).toBool());

    // Subscriptions were restored on the new session: a push arrives.
    QTRY_VERIFY_WITH_TIMEOUT(serverSession(secondSession).value(QLatin1String("subscriptions")).toArray().size() == 1,
                             kWaitMs);
    QSignalSpy messages(&client, &StompClient::messageReceived);
    control("POST", QStringLiteral("/control/push?destination=/topic/after-close"), kTodo);
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, kWaitMs);
}

void tst_SockJs::userDestinationsFollowTheHandshakePrincipal()
{
    StompClient alice;
    StompClient bob;
    StompConnectOptions aliceOptions = options();
    aliceOptions.transport.handshakeHeaders = {{"Cookie", "TODO_USER=alice"}};
    StompConnectOptions bobOptions = options();
    bobOptions.transport.handshakeHeaders = {{"Authorization", "Bearer bob"}};
    alice.setOptions(aliceOptions);
    bob.setOptions(bobOptions);
    QSignalSpy aliceConnected(&alice, &StompClient::connected);
    QSignalSpy bobConnected(&bob, &StompClient::connected);
    alice.connectToServer();
    bob.connectToServer();
    QVERIFY(aliceConnected.wait(kWaitMs));
    QVERIFY(bobConnected.count() == 1 || bobConnected.wait(kWaitMs));
    QCOMPARE(serverSession(alice.session().sessionId).value(QLatin1String("principal")).toString(),
             QStringLiteral("alice"));
    QCOMPARE(serverSession(bob.session().sessionId).value(QLatin1String("principal")).toString(),
             QStringLiteral("bob"));
    // The Cookie header sent with the upgrade carries both the configured cookie and the one /info set.
    const QJsonArray cookies = serverSession(alice.session().sessionId).value(QLatin1String("cookieNames")).toArray();
    QVERIFY(cookies.contains(QStringLiteral("TODO_USER")) && cookies.contains(QStringLiteral("JSESSIONID")));

    // Both subscribe to the same user destination, unchanged, as the browser clients do.
    QVERIFY(subscribeAndSync(alice, "/user/queue/todos"));
    QVERIFY(subscribeAndSync(bob, "/user/queue/todos"));
    QSignalSpy aliceMessages(&alice, &StompClient::messageReceived);
    QSignalSpy bobMessages(&bob, &StompClient::messageReceived);
    control("POST", QStringLiteral("/control/push?user=alice&destination=/queue/todos"), "for alice");
    control("POST", QStringLiteral("/control/push?user=bob&destination=/queue/todos"), "for bob");
    QTRY_COMPARE_WITH_TIMEOUT(aliceMessages.count(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(bobMessages.count(), 1, kWaitMs);
    QCOMPARE(aliceMessages.first().first().value<StompMessage>().frame.body, QByteArray("for alice"));
    QCOMPARE(aliceMessages.first().first().value<StompMessage>().destination, QByteArray("/user/queue/todos"));
    QCOMPARE(bobMessages.first().first().value<StompMessage>().frame.body, QByteArray("for bob"));
}

void tst_SockJs::rawWebSocketIsPreferredWhenTheServerOffersIt()
{
    control("POST", QStringLiteral("/control/raw-websocket?enabled=1"));
    StompClient client;
    client.setOptions(options());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    const bool ok = connected.wait(kWaitMs);
    control("POST", QStringLiteral("/control/raw-websocket?enabled=0"));
    QVERIFY(ok);
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(QStringLiteral("websocket ws://127.0.0.1:%1/app/ws/websocket").arg(m_port)),
             qPrintable(transport));
    QVERIFY(transport.contains(QLatin1String("(auto: /info says websocket:true)")));
}

void tst_SockJs::cliCheckSaysWhichTransportAndWhy()
{
    QProcess cli;
    cli.start(qEnvironmentVariable("TODO_CLI"),
              {QStringLiteral("check"), QStringLiteral("--url"), baseUrl().toString(), QStringLiteral("--timeout"),
               QStringLiteral("15")});
    QVERIFY(cli.waitForFinished(30000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(cli.exitCode() == 0, qPrintable(out + QString::fromUtf8(cli.readAllStandardError())));
    QVERIFY2(out.startsWith(QStringLiteral("connected to %1 via sockjs ").arg(baseUrl().toString())), qPrintable(out));
    QVERIFY2(
        out.contains(QLatin1String("(auto: /info says websocket:true; raw /websocket refused with 404): STOMP 1.2")),
        qPrintable(out));
}

void tst_SockJs::cliCheckExplainsAUrlThatIsNeither()
{
    QProcess cli;
    cli.start(qEnvironmentVariable("TODO_CLI"),
              {QStringLiteral("check"), QStringLiteral("--protocol"), QStringLiteral("stomp"), QStringLiteral("--url"),
               QStringLiteral("http://127.0.0.1:%1/nothing").arg(m_port), QStringLiteral("--timeout"),
               QStringLiteral("15")});
    QVERIFY(cli.waitForFinished(30000));
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 4); // path not found
    QVERIFY2(err.contains(QLatin1String("SockJS info endpoint returned 404: this may be a raw WebSocket URL")),
             qPrintable(err));

    // auto (the default) says every way it tried, and a path where every way answered 404 is still a wrong path.
    QProcess detect;
    detect.start(qEnvironmentVariable("TODO_CLI"),
                 {QStringLiteral("check"), QStringLiteral("--url"),
                  QStringLiteral("http://127.0.0.1:%1/nothing").arg(m_port), QStringLiteral("--timeout"),
                  QStringLiteral("15")});
    QVERIFY(detect.waitForFinished(30000));
    const QString detectErr = QString::fromUtf8(detect.readAllStandardError());
    QCOMPARE(detect.exitCode(), 4);
    for (const char *tried : {"no push protocol found at http://127.0.0.1", "not an event stream (HTTP 404",
                              "no SockJS /info (HTTP 404", "the WebSocket upgrade was refused"})
        QVERIFY2(detectErr.contains(QLatin1String(tried)), qPrintable(detectErr));
}

void tst_SockJs::cliTransportAndHandshakeHeaderOptions()
{
    QProcess cli;
    cli.start(qEnvironmentVariable("TODO_CLI"),
              {QStringLiteral("check"), QStringLiteral("--url"), baseUrl().toString(), QStringLiteral("--transport"),
               QStringLiteral("sockjs"), QStringLiteral("--handshake-header"),
               QStringLiteral("Authorization:Bearer carol"), QStringLiteral("--verbose"), QStringLiteral("--timeout"),
               QStringLiteral("15")});
    QVERIFY(cli.waitForFinished(30000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(cli.exitCode() == 0, qPrintable(out + err));
    QVERIFY2(out.contains(QLatin1String(" via sockjs ")) && out.contains(QLatin1String("(sockjs, as configured)")),
             qPrintable(out));
    QVERIFY2(!err.contains(QLatin1String("carol")) && !out.contains(QLatin1String("carol")), qPrintable(err));
    // The header reached the handshake: the server's session for it has the principal.
    bool found = false;
    for (const QJsonValue &session : control("GET", QStringLiteral("/control/sessions")).array())
        found = found || session.toObject().value(QLatin1String("principal")).toString() == QLatin1String("carol");
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(tst_SockJs)
#include "tst_sockjs.moc"
