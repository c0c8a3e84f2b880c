// ProtocolPlan: auto's decisions, by table: what each kind of URL is probed with first, what each answer leads to,
// what is found and why, and that unreachable hosts end the plan at once.
#include "pipeline/ProtocolPlan.h"

#include <QTest>

using Action = ProtocolPlan::Action;
using Ws = ProtocolPlan::WebSocketAnswer;
using Http = ProtocolPlan::HttpAnswer;

class tst_ProtocolPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stompPortNeedsNoProbe();
    void webSocketAnswers_data();
    void webSocketAnswers();
    void httpUrlsAreProbedInOrder_data();
    void httpUrlsAreProbedInOrder();
    void refusedWebSocketTriesTheHttpWays();
    void everyWayAnswering404IsAWrongPath();
    void nothingFoundSaysWhatWasTried();
    void unreachableEndsAtOnce();
    void urlsForTheProbes();
};

void tst_ProtocolPlan::stompPortNeedsNoProbe()
{
    for (const char *url : {"stomp://broker:61613", "stomp+ssl://broker:61614"}) {
        ProtocolPlan plan(QUrl(QString::fromLatin1(url)));
        QCOMPARE(plan.start().action, Action::Found);
        QCOMPARE(plan.protocol(), QStringLiteral("stomp"));
        QVERIFY2(plan.explanation().startsWith(QStringLiteral("auto: a broker's STOMP port")),
                 qPrintable(plan.explanation()));
    }
}

void tst_ProtocolPlan::webSocketAnswers_data()
{
    QTest::addColumn<int>("answer");
    QTest::addColumn<QString>("protocol");
    QTest::newRow("CONNECTED or ERROR") << int(Ws::StompFrame) << QStringLiteral("stomp");
    QTest::newRow("JSON, an echo, text") << int(Ws::OtherMessage) << QStringLiteral("json-ws");
    QTest::newRow("silence: waits for an open message") << int(Ws::Silence) << QStringLiteral("json-ws");
}

void tst_ProtocolPlan::webSocketAnswers()
{
    QFETCH(int, answer);
    QFETCH(QString, protocol);
    ProtocolPlan plan(QUrl(QStringLiteral("ws://host:8080/")));
    const ProtocolPlan::Step first = plan.start();
    QCOMPARE(first.action, Action::ProbeWebSocket);
    QCOMPARE(first.url, QUrl(QStringLiteral("ws://host:8080/")));
    QCOMPARE(plan.webSocketAnswered(Ws(answer)).action, Action::Found);
    QCOMPARE(plan.protocol(), protocol);
    QVERIFY(plan.explanation().startsWith(QStringLiteral("auto: the WebSocket")));
}

void tst_ProtocolPlan::httpUrlsAreProbedInOrder_data()
{
    QTest::addColumn<int>("yesAt"); // which probe answers yes (0 event stream, 1 /info, 2 socket.io, 3 WebSocket)
    QTest::addColumn<QString>("protocol");
    QTest::newRow("Server-Sent Events") << 0 << QStringLiteral("sse");
    QTest::newRow("SockJS (STOMP over SockJS)") << 1 << QStringLiteral("stomp");
    QTest::newRow("Socket.IO") << 2 << QStringLiteral("socketio");
    QTest::newRow("a WebSocket at the same address") << 3 << QStringLiteral("stomp");
}

void tst_ProtocolPlan::httpUrlsAreProbedInOrder()
{
    QFETCH(int, yesAt);
    QFETCH(QString, protocol);
    ProtocolPlan plan(QUrl(QStringLiteral("http://host:3000/main2/ws")));
    ProtocolPlan::Step step = plan.start();
    const QList<Action> order {Action::ProbeEventStream, Action::ProbeSockJsInfo, Action::ProbeSocketIo,
                               Action::ProbeWebSocket};
    for (int i = 0; i <= yesAt; ++i) {
        QCOMPARE(step.action, order.at(i));
        if (i < 3)
            step = plan.httpAnswered(i == yesAt ? Http::Yes : Http::No, QStringLiteral("HTTP 404"));
        else
            step = plan.webSocketAnswered(Ws::StompFrame);
    }
    QCOMPARE(step.action, Action::Found);
    QCOMPARE(plan.protocol(), protocol);
    if (yesAt > 0)
        QVERIFY2(plan.explanation().contains(QStringLiteral("before that: not an event stream (HTTP 404)")),
                 qPrintable(plan.explanation()));
}

void tst_ProtocolPlan::refusedWebSocketTriesTheHttpWays()
{
    ProtocolPlan plan(QUrl(QStringLiteral("wss://host/app/ws")));
    plan.start();
    const ProtocolPlan::Step next = plan.webSocketAnswered(Ws::Refused, QStringLiteral("status code: 404"));
    QCOMPARE(next.action, Action::ProbeEventStream);
    QCOMPARE(next.url, QUrl(QStringLiteral("https://host/app/ws")));
    QCOMPARE(plan.httpAnswered(Http::No).action, Action::ProbeSockJsInfo);
    QCOMPARE(plan.httpAnswered(Http::Yes).action, Action::Found);
    QCOMPARE(plan.protocol(), QStringLiteral("stomp"));
}

void tst_ProtocolPlan::nothingFoundSaysWhatWasTried()
{
    ProtocolPlan plan(QUrl(QStringLiteral("http://host/nothing")));
    plan.start();
    plan.httpAnswered(Http::No, QStringLiteral("HTTP 200 text/html"), 200);
    plan.httpAnswered(Http::No, QStringLiteral("HTTP 404"), 404);
    QCOMPARE(plan.httpAnswered(Http::No, QStringLiteral("HTTP 404"), 404).action, Action::ProbeWebSocket);
    QCOMPARE(plan.webSocketAnswered(Ws::Refused, QStringLiteral("status code: 404"), 404).action, Action::Fail);
    QCOMPARE(plan.failure().kind, PushError::Kind::NotThisProtocol);
    QVERIFY(!plan.failure().isTransient());
    for (const char *tried :
         {"not an event stream", "no SockJS /info", "no Socket.IO", "WebSocket upgrade was refused"})
        QVERIFY2(plan.failure().message.contains(QString::fromLatin1(tried)), qPrintable(plan.failure().message));
}

void tst_ProtocolPlan::everyWayAnswering404IsAWrongPath()
{
    // The server is there but has nothing at this path: the person must correct the URL, as with any 404.
    ProtocolPlan plan(QUrl(QStringLiteral("ws://host/nothing")));
    plan.start();
    plan.webSocketAnswered(Ws::Refused, QStringLiteral("status code: 404"), 404);
    for (int i = 0; i < 3; ++i)
        plan.httpAnswered(Http::No, QStringLiteral("HTTP 404"), 404);
    QCOMPARE(plan.failure().kind, PushError::Kind::PathNotFound);
    QVERIFY(plan.failure().message.contains(QStringLiteral("no push protocol found at ws://host/nothing")));
}

void tst_ProtocolPlan::unreachableEndsAtOnce()
{
    ProtocolPlan plan(QUrl(QStringLiteral("http://host/app")));
    plan.start();
    const PushError down {PushError::Kind::Unreachable, QStringLiteral("Connection refused"), {}, {}};
    QCOMPARE(plan.unreachable(down).action, Action::Fail);
    QCOMPARE(plan.failure().kind, PushError::Kind::Unreachable);
    QVERIFY(plan.failure().isTransient());
    QCOMPARE(plan.failure().url, QUrl(QStringLiteral("http://host/app")));
}

void tst_ProtocolPlan::urlsForTheProbes()
{
    QCOMPARE(ProtocolPlan::sockJsInfoUrl(QUrl(QStringLiteral("http://h/main2/ws"))),
             QUrl(QStringLiteral("http://h/main2/ws/info")));
    QCOMPARE(ProtocolPlan::sockJsInfoUrl(QUrl(QStringLiteral("wss://h/app/"))),
             QUrl(QStringLiteral("https://h/app/info")));
    QCOMPARE(ProtocolPlan::socketIoHandshakeUrl(QUrl(QStringLiteral("http://h:3000/admin"))),
             QUrl(QStringLiteral("http://h:3000/socket.io/?EIO=4&transport=polling")));
    QCOMPARE(ProtocolPlan::webSocketUrlFor(QUrl(QStringLiteral("https://h/x"))), QUrl(QStringLiteral("wss://h/x")));
    QCOMPARE(ProtocolPlan::httpUrlFor(QUrl(QStringLiteral("ws://h:1/x"))), QUrl(QStringLiteral("http://h:1/x")));
}

QTEST_GUILESS_MAIN(tst_ProtocolPlan)
#include "tst_protocolplan.moc"
