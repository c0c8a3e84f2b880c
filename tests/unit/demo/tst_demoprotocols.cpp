// `--demo <protocol>`: the demo push server speaks each protocol a person can choose, on one port, and the real
// client reaches it. For each one the client is made from settings by SourceFactory (as the tray application and
// the CLI make it) and fed into the todo pipeline: a generated todo arrives and is stored once. `auto` pointed at each
// demo URL finds the protocol. Then the endpoints' own promises: SSE's Last-Event-ID replay, Engine.IO's pings, the
// json-ws keep-alive answer, and --demo's optional value.
#include "DemoEventStreamEndpoint.h"
#include "DemoProtocol.h"
#include "DemoPushServer.h"
#include "DemoSocketIoEndpoint.h"
#include "MockClock.h"
#include "config/Settings.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/AutoSource.h"
#include "pipeline/SourceFactory.h"
#include "pipeline/TodoPipeline.h"
#include "store/TodoStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace {

constexpr int kWaitMs = 10000;

} // namespace

class tst_DemoProtocols : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void todoArrivesOnce_data();
    void todoArrivesOnce();
    void eventStreamReplaysAfterLastEventId();
    void socketIoPingsAndJoinsNamespaces();
    void jsonWebSocketAnswersWithKeepAlive();
    void demoValueIsOptional();
};

void tst_DemoProtocols::todoArrivesOnce_data()
{
    QTest::addColumn<DemoProtocol::Kind>("kind");
    QTest::addColumn<QString>("protocol"); // the client's setting
    QTest::addColumn<QString>("found"); // what auto must find; empty: not auto

    using Kind = DemoProtocol::Kind;
    const struct
    {
        Kind kind;
        const char *found;
    } rows[] = {{Kind::Stomp, "stomp"},
                {Kind::SockJs, "stomp"}, // SockJS's /info: STOMP over SockJS
                {Kind::JsonWebSocket, "json-ws"},
                {Kind::EventStream, "sse"},
                {Kind::SocketIo, "socketio"}};
    for (const auto &row : rows) {
        const QString name = DemoProtocol::name(row.kind);
        QTest::newRow(qPrintable(name)) << row.kind << name << QString();
        QTest::newRow(qPrintable(name + QStringLiteral(" via auto")))
            << row.kind << QStringLiteral("auto") << QString::fromLatin1(row.found);
    }
}

void tst_DemoProtocols::todoArrivesOnce()
{
    QFETCH(DemoProtocol::Kind, kind);
    QFETCH(QString, protocol);
    QFETCH(QString, found);

    DemoPushServer server;
    server.setPublishInterval(0); // only what the test publishes
    QVERIFY(server.listen());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(Settings::Key::ServerUrls, QStringList {server.url(kind).toString()});
    settings.setValue(Settings::Key::Protocol, protocol);
    settings.setValue(Settings::Key::Destinations, QStringList {QStringLiteral("/user/topic/all")});
    TodoPipeline pipeline;
    TodoOptions options;
    options.storePath = dir.filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(pipeline.open(options));
    std::unique_ptr<PushSource> made = SourceFactory::create(settings, {});
    QVERIFY(made);
    PushSource *source = made.get();
    pipeline.setSource(std::move(made));
    QSignalSpy arrived(pipeline.ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy updated(pipeline.ingestor(), &TodoIngestor::todosUpdated);
    QSignalSpy ignored(pipeline.ingestor(), &TodoIngestor::messageIgnored);
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), PushSource::State::Connected, kWaitMs);
    if (!found.isEmpty()) {
        auto *automatic = dynamic_cast<AutoSource *>(source);
        QVERIFY(automatic);
        QCOMPARE(automatic->protocol(), found);
    }

    // Nothing is generated until the client listens (subscribed, streaming, in its namespace).
    QTRY_VERIFY_WITH_TIMEOUT(server.listenerCount() > 0, kWaitMs);
    QCOMPARE(server.listenerCount(), 1);
    QVERIFY(!server.publishTodo().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, kWaitMs);
    QCOMPARE(pipeline.store()->count(), 1);
    QVERIFY(!server.publishTodo().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, kWaitMs);
    QCOMPARE(pipeline.store()->count(), 2);
    // Each todo once: no duplicate, nothing the client did not understand.
    QVERIFY(updated.isEmpty());
    QVERIFY2(ignored.isEmpty(), qPrintable(ignored.value(0).value(1).toString()));
    QCOMPARE(server.generator().generatedCount(), 2);
    source->stop();
}

void tst_DemoProtocols::eventStreamReplaysAfterLastEventId()
{
    MockClock clock;
    DemoPushServer server;
    server.setClock(&clock);
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    QNetworkAccessManager network;

    const auto open = [&](const QByteArray &lastEventId) {
        QNetworkRequest request(server.url(DemoProtocol::Kind::EventStream));
        request.setRawHeader("Accept", "text/event-stream");
        if (!lastEventId.isEmpty())
            request.setRawHeader("Last-Event-ID", lastEventId);
        return network.get(request);
    };
    QByteArray first;
    QNetworkReply *reply = open({});
    connect(reply, &QNetworkReply::readyRead, this, [&] { first += reply->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(first.contains("retry: "), kWaitMs);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("text/event-stream; charset=utf-8"));
    QCOMPARE(server.listenerCount(), 1);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!server.publishTodo().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(first.contains("id: 3\n"), kWaitMs);
    QVERIFY(first.contains("id: 1\ndata: {\"data\":"));

    // The keep-alive comment, every interval of the server's clock.
    QVERIFY(!first.contains(": keep-alive"));
    clock.advance(server.eventStream().keepAliveInterval());
    QTRY_VERIFY_WITH_TIMEOUT(first.contains(": keep-alive\n\n"), kWaitMs);
    reply->abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.listenerCount(), 0, kWaitMs);

    // Back after event 1: events 2 and 3 again, not 1.
    QByteArray second;
    QNetworkReply *again = open("1");
    connect(again, &QNetworkReply::readyRead, this, [&] { second += again->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(second.contains("id: 3\n"), kWaitMs);
    QVERIFY(second.contains("id: 2\n"));
    QVERIFY(!second.contains("id: 1\n"));
    QCOMPARE(server.eventStream().lastEventIds(), (QList<QByteArray> {QByteArray(), QByteArrayLiteral("1")}));
    again->abort();
}

void tst_DemoProtocols::socketIoPingsAndJoinsNamespaces()
{
    MockClock clock;
    DemoPushServer server;
    server.setClock(&clock);
    server.setPublishInterval(0);
    QVERIFY(server.listen());

    QWebSocket socket;
    QList<QString> received;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) { received.append(text); });
    QUrl url = server.url(DemoProtocol::Kind::SocketIo);
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/socket.io/"));
    url.setQuery(QStringLiteral("EIO=4&transport=websocket"));
    socket.open(url);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QVERIFY2(received.at(0).startsWith(QLatin1String("0{")), qPrintable(received.at(0)));
    const QJsonObject open = QJsonDocument::fromJson(received.at(0).mid(1).toUtf8()).object();
    QVERIFY(!open.value(QLatin1String("sid")).toString().isEmpty());
    QCOMPARE(open.value(QLatin1String("upgrades")).toArray(), QJsonArray());
    QCOMPARE(open.value(QLatin1String("pingInterval")).toInteger(), server.socketIo().pingInterval());
    QVERIFY(open.contains(QLatin1String("maxPayload")));
    QCOMPARE(server.listenerCount(), 0); // not before a namespace is joined

    socket.sendTextMessage(QStringLiteral("40/admin,{\"token\":\"x\"}"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    QVERIFY2(received.at(1).startsWith(QLatin1String("40/admin,{\"sid\":\"")), qPrintable(received.at(1)));
    QCOMPARE(server.listenerCount(), 1);
    QVERIFY(!server.publishTodo().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    QVERIFY2(received.at(2).startsWith(QLatin1String("42/admin,[\"todo\",{\"data\":")), qPrintable(received.at(2)));

    // A ping every pingInterval; the pong keeps the connection.
    clock.advance(server.socketIo().pingInterval());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 4, kWaitMs);
    QCOMPARE(received.at(3), QStringLiteral("2"));
    socket.sendTextMessage(QStringLiteral("3"));
    QTRY_COMPARE_WITH_TIMEOUT(server.socketIo().pongsReceived(), 1, kWaitMs);
    clock.advance(server.socketIo().pingTimeout());
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    // No pong for the next ping: closed after pingTimeout.
    clock.advance(server.socketIo().pingInterval() - server.socketIo().pingTimeout());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 5, kWaitMs);
    clock.advance(server.socketIo().pingTimeout());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(server.listenerCount(), 0, kWaitMs);
}

void tst_DemoProtocols::jsonWebSocketAnswersWithKeepAlive()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    QVERIFY(server.listen());
    QWebSocket socket;
    QList<QString> received;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) { received.append(text); });
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(server.url(DemoProtocol::Kind::JsonWebSocket));
    // The client's own handshake must be done too: a text sent before it is dropped.
    QVERIFY(connected.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(server.listenerCount(), 1, kWaitMs);
    socket.sendTextMessage(QStringLiteral("{\"clientId\":\"desk\"}"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QCOMPARE(received.at(0), QStringLiteral("{\"keepalive\":\"live\"}"));
    QVERIFY(!server.publishTodo().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    const QJsonObject data =
        QJsonDocument::fromJson(received.at(1).toUtf8()).object().value(QLatin1String("data")).toObject();
    QCOMPARE(data.value(QLatin1String("sysMsgList")).toArray().size(), 1);
    QCOMPARE(data.value(QLatin1String("sysMsgNums")).toInt(), server.generator().pendingCount());
}

void tst_DemoProtocols::demoValueIsOptional()
{
    const QString program = QStringLiteral("todo-notifier-cli");
    const QString demo = QStringLiteral("--demo");
    QCOMPARE(DemoProtocol::withDemoValue({program, demo}, false),
             (QStringList {program, QStringLiteral("--demo=stomp")}));
    QCOMPARE(DemoProtocol::withDemoValue({program, demo, QStringLiteral("sse"), QStringLiteral("--verbose")}, false),
             (QStringList {program, QStringLiteral("--demo=sse"), QStringLiteral("--verbose")}));
    // Taken as the value, so that a wrong one is reported as a wrong --demo.
    QCOMPARE(DemoProtocol::withDemoValue({program, demo, QStringLiteral("mqtt")}, false),
             (QStringList {program, QStringLiteral("--demo=mqtt")}));
    // Where positional arguments exist, only a protocol's name is taken.
    QCOMPARE(DemoProtocol::withDemoValue({program, demo, QStringLiteral("body")}, true),
             (QStringList {program, QStringLiteral("--demo=stomp"), QStringLiteral("body")}));
    QCOMPARE(DemoProtocol::withDemoValue({program, QStringLiteral("--demo=json-ws")}, true),
             (QStringList {program, QStringLiteral("--demo=json-ws")}));
    for (const QString &name : DemoProtocol::names())
        QCOMPARE(DemoProtocol::name(DemoProtocol::fromName(name).value()), name);
    QVERIFY(!DemoProtocol::fromName(QStringLiteral("auto")));
}

QTEST_GUILESS_MAIN(tst_DemoProtocols)
#include "tst_demoprotocols.moc"
