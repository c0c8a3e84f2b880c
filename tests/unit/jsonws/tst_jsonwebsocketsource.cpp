// JsonWebSocketSource: a plain WebSocket that pushes JSON, against an in-process QWebSocketServer on 127.0.0.1, with
// the source's timers on a MockClock: no STOMP subprotocol is offered, the open message goes out after every connect
// with its placeholders filled in, every text and binary message is delivered as a payload with nothing to settle,
// the keep-alive goes out on time and silence past the limit reconnects (traffic keeps it alive), messages sent while
// offline go out in order after the next connect, a lost server is reconnected, and a path that is not there needs
// attention after a few identical failures instead of being retried at the usual pace.
#include "MockClock.h"
#include "jsonws/JsonWebSocketSource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

constexpr int kWaitMs = 5000;

} // namespace

class tst_JsonWebSocketSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void connectsWithoutStompAndGreets();
    void everyMessageIsAPayload();
    void keepAliveAndSilence();
    void sendsQueuedWhileOfflineInOrder();
    void unsentMessagesSurviveARestart();
    void reconnectsAfterTheServerWent();
    void missingPathNeedsAttention();

private:
    JsonWebSocketOptions options(const QUrl &url) const;
    bool connectSource(const JsonWebSocketOptions &options);

    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<QWebSocketServer> m_server;
    QList<QWebSocket *> m_peers;
    QStringList m_received; // by the server, in order
    std::unique_ptr<JsonWebSocketSource> m_source;
};

void tst_JsonWebSocketSource::init()
{
    m_clock = std::make_unique<MockClock>();
    m_server = std::make_unique<QWebSocketServer>(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
    m_peers.clear();
    m_received.clear();
    connect(m_server.get(), &QWebSocketServer::newConnection, this, [this] {
        QWebSocket *peer = m_server->nextPendingConnection();
        peer->setParent(m_server.get()); // QWebSocketServer does not own what it hands out
        m_peers.append(peer);
        connect(peer, &QWebSocket::textMessageReceived, this, [this](const QString &text) { m_received.append(text); });
    });
    m_source = std::make_unique<JsonWebSocketSource>();
    m_source->setClock(m_clock.get());
    m_source->setRandomSeed(3);
}

void tst_JsonWebSocketSource::cleanup()
{
    m_source.reset();
    m_server.reset();
    m_clock.reset();
}

JsonWebSocketOptions tst_JsonWebSocketSource::options(const QUrl &url) const
{
    JsonWebSocketOptions options;
    options.connection.urls = {url};
    options.connection.reconnect.initialDelayMs = 1000;
    options.connection.reconnect.jitter = 0;
    options.transport.subprotocols.clear();
    return options;
}

bool tst_JsonWebSocketSource::connectSource(const JsonWebSocketOptions &options)
{
    m_source->setOptions(options);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->start();
    return connected.wait(kWaitMs);
}

void tst_JsonWebSocketSource::connectsWithoutStompAndGreets()
{
    JsonWebSocketOptions opts = options(m_server->serverUrl());
    opts.openMessage = QStringLiteral(R"({"clientId":"{clientId}","user":"{login}"})");
    opts.login = QStringLiteral("张三");
    opts.clientId = QStringLiteral("desk-7");
    QVERIFY(connectSource(opts));
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    QCOMPARE(m_source->session().protocol, QStringLiteral("json-ws"));
    QVERIFY2(m_source->session().summary.startsWith(QStringLiteral("plain WebSocket")),
             qPrintable(m_source->session().summary));
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, kWaitMs);
    QCOMPARE(m_received.at(0), QStringLiteral(R"({"clientId":"desk-7","user":"张三"})"));
    QVERIFY(m_peers.at(0)->subprotocol().isEmpty()); // nothing offered, nothing chosen
}

void tst_JsonWebSocketSource::everyMessageIsAPayload()
{
    QVERIFY(connectSource(options(m_server->serverUrl())));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    m_peers.at(0)->sendTextMessage(
        QStringLiteral(R"({"data":{"sysMsgList":[{"id":"1","title":"审批"}],"sysMsgNums":3}})"));
    m_peers.at(0)->sendBinaryMessage(QByteArray(R"("{\"id\":\"2\",\"title\":\"twice\"}")"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    const InboundMessage first = received.at(0).at(0).value<InboundMessage>();
    QCOMPARE(first.body, QByteArray(R"({"data":{"sysMsgList":[{"id":"1","title":"审批"}],"sysMsgNums":3}})"));
    QCOMPARE(first.source, QStringLiteral("json-ws"));
    QVERIFY(!first.needsSettle);
    QVERIFY(!m_source->settle(first, PushSource::Settlement::Accept));
    QCOMPARE(received.at(1).at(0).value<InboundMessage>().body, QByteArray(R"("{\"id\":\"2\",\"title\":\"twice\"}")"));
}

void tst_JsonWebSocketSource::keepAliveAndSilence()
{
    JsonWebSocketOptions opts = options(m_server->serverUrl());
    opts.keepAliveMessage = QStringLiteral(R"({"keepalive":"live"})");
    opts.keepAliveIntervalMs = 5000;
    QVERIFY(connectSource(opts));
    m_clock->advance(5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, kWaitMs);
    QCOMPARE(m_received.at(0), QStringLiteral(R"({"keepalive":"live"})"));
    // The server answers: the connection stays up past the silence limit (3 intervals).
    for (int i = 0; i < 4; ++i) {
        m_peers.at(0)->sendTextMessage(QStringLiteral(R"({"keepalive":"live"})"));
        QSignalSpy received(m_source.get(), &PushSource::messageReceived);
        QVERIFY(received.wait(kWaitMs));
        m_clock->advance(5000);
    }
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 5, kWaitMs);
    // Now it stays silent: past 15 s the connection counts as lost.
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
    m_clock->advance(15000);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).value<PushError>().kind, PushError::Kind::HeartbeatLost);
    QCOMPARE(reconnecting.size(), 1); // and it is on its way back (the retry came due within those 15 s)
    QVERIFY(m_source->state() != PushSource::State::Connected || m_peers.size() == 2);
}

void tst_JsonWebSocketSource::sendsQueuedWhileOfflineInOrder()
{
    QVERIFY(m_source->send(QStringLiteral("first")));
    QVERIFY(m_source->send(QStringLiteral("second")));
    QVERIFY(!m_source->send(QString()));
    QCOMPARE(m_source->queuedCount(), 2);
    QSignalSpy sent(m_source.get(), &JsonWebSocketSource::sent);
    QVERIFY(connectSource(options(m_server->serverUrl())));
    QTRY_COMPARE_WITH_TIMEOUT(m_received, (QStringList {QStringLiteral("first"), QStringLiteral("second")}), kWaitMs);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(m_source->queuedCount(), 0);
    QVERIFY(m_source->send(QStringLiteral("third"))); // connected: at once
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 3, kWaitMs);
}

void tst_JsonWebSocketSource::unsentMessagesSurviveARestart()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("outbox/server.json"));
    QVERIFY(m_source->setQueueFile(file));
    QVERIFY(m_source->send(QStringLiteral(R"({"approve":"42"})")));
    QVERIFY(m_source->send(QStringLiteral("second")));
    m_source.reset(); // the application ends before the server is back

    // The next run (send or listen) finds them and sends them first, in order; then the file is gone.
    m_source = std::make_unique<JsonWebSocketSource>();
    m_source->setClock(m_clock.get());
    QVERIFY(m_source->setQueueFile(file));
    QCOMPARE(m_source->queuedCount(), 2);
    QVERIFY(m_source->send(QStringLiteral("third")));
    QVERIFY(connectSource(options(m_server->serverUrl())));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_received,
        (QStringList {QStringLiteral(R"({"approve":"42"})"), QStringLiteral("second"), QStringLiteral("third")}),
        kWaitMs);
    QCOMPARE(m_source->queuedCount(), 0);
    QVERIFY(!QFile::exists(file));
}

void tst_JsonWebSocketSource::reconnectsAfterTheServerWent()
{
    QVERIFY(connectSource(options(m_server->serverUrl())));
    QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
    m_peers.at(0)->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("restarting"));
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(m_source->state(), PushSource::State::Backoff);
    QCOMPARE(m_source->lastError().kind, PushError::Kind::ConnectionLost);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_peers.size(), 2);
}

void tst_JsonWebSocketSource::missingPathNeedsAttention()
{
    // An HTTP server that has nothing at this path.
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    connect(&http, &QTcpServer::newConnection, this, [&http] {
        QTcpSocket *socket = http.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    JsonWebSocketOptions opts = options(QUrl(QStringLiteral("ws://127.0.0.1:%1/nothing").arg(http.serverPort())));
    opts.connection.reconnect.attentionRetryMs = 300000;
    m_source->setOptions(opts);
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_source->state(), PushSource::State::Backoff, kWaitMs);
    QCOMPARE(m_source->lastError().kind, PushError::Kind::PathNotFound);
    QVERIFY(!m_source->lastError().isTransient());
    m_clock->advance(1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_source->state(), PushSource::State::Backoff, kWaitMs);
    m_clock->advance(2000);
    // The third identical failure: attention, and a slow retry rather than the usual pace.
    QTRY_COMPARE_WITH_TIMEOUT(m_source->state(), PushSource::State::NeedsAttention, kWaitMs);
    QVERIFY2(m_source->lastError().message.contains(QStringLiteral("retrying cannot fix")),
             qPrintable(m_source->lastError().message));
    QCOMPARE(m_clock->nextDeadlineIn(), 300000);
}

QTEST_GUILESS_MAIN(tst_JsonWebSocketSource)
#include "tst_jsonwebsocketsource.moc"
