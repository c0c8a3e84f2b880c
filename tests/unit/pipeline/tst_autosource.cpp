// AutoSource and ProtocolProbe against servers on 127.0.0.1: a STOMP server (the demo server) is found as STOMP, a
// plain WebSocket that echoes or says nothing as json-ws, an HTTP server as Server-Sent Events, SockJS or Socket.IO by
// what it answers; what is found becomes the source (every signal passes through) and the session says why; an
// address that speaks nothing known needs attention after a few tries instead of being retried at the usual pace.
#include "DemoPushServer.h"
#include "MemoryPushSource.h"
#include "MockClock.h"
#include "pipeline/AutoSource.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

constexpr int kWaitMs = 5000;

// An HTTP server that answers one kind of probe: an event stream, SockJS's /info, or Engine.IO's handshake; 404 to
// everything else (and to WebSocket upgrades).
class FakeHttpServer final : public QObject
{
public:
    enum class Kind { EventStream, SockJs, SocketIo, Nothing };

    explicit FakeHttpServer(Kind kind)
        : m_kind(kind)
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
        });
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    QStringList requests;

private:
    void answer(QTcpSocket *socket)
    {
        const QByteArray request = socket->readAll();
        const QByteArray line = request.left(request.indexOf('\r'));
        requests.append(QString::fromLatin1(line));
        const bool wantsStream = request.contains("Accept: text/event-stream");
        QByteArray response;
        if (m_kind == Kind::EventStream && wantsStream && !request.contains("Upgrade")) {
            response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n: hi\n\n";
            socket->write(response);
            return; // a stream stays open
        }
        if (m_kind == Kind::SockJs && line.contains("/info ")) {
            const QByteArray body = R"({"websocket":true,"cookie_needed":false,"origins":["*:*"],"entropy":1})";
            response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        } else if (m_kind == Kind::SocketIo && line.contains("/socket.io/?EIO=4&transport=polling")) {
            const QByteArray body =
                R"(0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})";
            response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        } else {
            response = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found";
        }
        socket->write(response);
        socket->disconnectFromHost();
    }

    Kind m_kind;
    QTcpServer m_server;
};

} // namespace

class tst_AutoSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void stompServerIsStomp();
    void echoingWebSocketIsPlain();
    void silentWebSocketIsPlain();
    void httpServers_data();
    void httpServers();
    void nothingKnownNeedsAttention();
    void unreachableIsRetried();

private:
    AutoSource *makeSource(const QUrl &url);

    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<AutoSource> m_source;
    QStringList m_made; // the protocols the factory was asked for
    MemoryPushSource *m_inner = nullptr;
};

void tst_AutoSource::init()
{
    m_clock = std::make_unique<MockClock>();
    m_made.clear();
    m_inner = nullptr;
}

void tst_AutoSource::cleanup()
{
    m_source.reset();
    m_clock.reset();
}

AutoSource *tst_AutoSource::makeSource(const QUrl &url)
{
    ReconnectOptions reconnect;
    reconnect.initialDelayMs = 1000;
    reconnect.jitter = 0;
    reconnect.attentionRetryMs = 300000;
    m_source = std::make_unique<AutoSource>(QList<QUrl> {url}, reconnect, TransportOptions {},
                                            [this, url](const QString &protocol) -> std::unique_ptr<PushSource> {
                                                m_made.append(protocol);
                                                auto inner = std::make_unique<MemoryPushSource>(QList<QUrl> {url});
                                                m_inner = inner.get();
                                                return inner;
                                            });
    m_source->setClock(m_clock.get());
    return m_source.get();
}

void tst_AutoSource::stompServerIsStomp()
{
    DemoPushServer server;
    server.setPublishInterval(0);
    server.setCredentials(QStringLiteral("alice"), QStringLiteral("secret")); // it refuses the probe: still STOMP
    QVERIFY(server.listen());
    AutoSource *source = makeSource(server.url());
    source->start();
    QCOMPARE(source->state(), PushSource::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(m_made, QStringList {QStringLiteral("stomp")}, kWaitMs);
    QCOMPARE(source->protocol(), QStringLiteral("stomp"));
    QVERIFY2(source->explanation().contains(QStringLiteral("STOMP frame")), qPrintable(source->explanation()));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, kWaitMs); // the probe's connection is gone again
    // The probe carried no credentials: an unknown server learns none, and no failed login is spent on the account.
    const QList<StompFrame> probes = server.receivedFrames("CONNECT");
    QCOMPARE(probes.size(), 1);
    QVERIFY(probes.first().header("login").isEmpty());
    QVERIFY(probes.first().header("passcode").isEmpty());

    // From now on it is the source found: its state, its messages, its session (saying why).
    QCOMPARE(m_inner->startCount(), 1);
    QSignalSpy connected(source, &PushSource::connected);
    QSignalSpy received(source, &PushSource::messageReceived);
    m_inner->connectNow();
    QCOMPARE(source->state(), PushSource::State::Connected);
    QCOMPARE(connected.size(), 1);
    QVERIFY2(connected.first().first().value<SourceSession>().summary.contains(QStringLiteral("(auto: ")),
             qPrintable(connected.first().first().value<SourceSession>().summary));
    const quint64 tag = m_inner->push("{}", "m1");
    QCOMPARE(received.size(), 1);
    QVERIFY(source->settle(received.first().first().value<InboundMessage>(), PushSource::Settlement::Accept));
    QCOMPARE(m_inner->accepted(), QList<quint64> {tag});
    source->stop();
    QCOMPARE(source->state(), PushSource::State::Disconnected);
}

void tst_AutoSource::echoingWebSocketIsPlain()
{
    QWebSocketServer server(QStringLiteral("echo"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        QWebSocket *peer = server.nextPendingConnection();
        peer->setParent(&server); // QWebSocketServer does not own what it hands out
        connect(peer, &QWebSocket::textMessageReceived, peer,
                [peer](const QString &text) { peer->sendTextMessage(text); });
    });
    AutoSource *source = makeSource(server.serverUrl());
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_made, QStringList {QStringLiteral("json-ws")}, kWaitMs);
    QVERIFY2(source->explanation().contains(QStringLiteral("something else")), qPrintable(source->explanation()));
}

void tst_AutoSource::silentWebSocketIsPlain()
{
    QWebSocketServer server(QStringLiteral("silent"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QList<QWebSocket *> peers;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        peers.append(server.nextPendingConnection());
        peers.constLast()->setParent(&server);
    });
    AutoSource *source = makeSource(server.serverUrl());
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(peers.size(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_clock->activeTimerCount() > 0 && m_clock->nextDeadlineIn() <= 2000, kWaitMs);
    QVERIFY(m_made.isEmpty());
    m_clock->advance(2000); // the answer window passes in silence
    QCOMPARE(m_made, QStringList {QStringLiteral("json-ws")});
    QVERIFY2(source->explanation().contains(QStringLiteral("did not answer")), qPrintable(source->explanation()));
}

void tst_AutoSource::httpServers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("why");
    QTest::newRow("Server-Sent Events") << int(FakeHttpServer::Kind::EventStream) << QStringLiteral("sse")
                                        << QStringLiteral("event stream");
    QTest::newRow("SockJS") << int(FakeHttpServer::Kind::SockJs) << QStringLiteral("stomp") << QStringLiteral("SockJS");
    QTest::newRow("Socket.IO") << int(FakeHttpServer::Kind::SocketIo) << QStringLiteral("socketio")
                               << QStringLiteral("Engine.IO");
}

void tst_AutoSource::httpServers()
{
    QFETCH(int, kind);
    QFETCH(QString, protocol);
    QFETCH(QString, why);
    FakeHttpServer server {FakeHttpServer::Kind(kind)};
    AutoSource *source = makeSource(server.url(QStringLiteral("/app/ws")));
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_made, QStringList {protocol}, kWaitMs);
    QVERIFY2(source->explanation().contains(why), qPrintable(source->explanation()));
}

void tst_AutoSource::nothingKnownNeedsAttention()
{
    FakeHttpServer server {FakeHttpServer::Kind::Nothing};
    AutoSource *source = makeSource(server.url(QStringLiteral("/nothing")));
    QSignalSpy errors(source, &PushSource::errorOccurred);
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), PushSource::State::Backoff, kWaitMs);
    QCOMPARE(source->lastError().kind, PushError::Kind::PathNotFound); // every way answered 404
    QVERIFY2(source->lastError().message.contains(QStringLiteral("no SockJS /info")),
             qPrintable(source->lastError().message));
    m_clock->advance(1000);
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), PushSource::State::Backoff, kWaitMs);
    m_clock->advance(2000);
    QTRY_COMPARE_WITH_TIMEOUT(source->state(), PushSource::State::NeedsAttention, kWaitMs);
    QVERIFY(m_made.isEmpty());
    QCOMPARE(m_clock->nextDeadlineIn(), 300000);
}

void tst_AutoSource::unreachableIsRetried()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    AutoSource *source = makeSource(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
    QSignalSpy reconnecting(source, &PushSource::reconnecting);
    source->start();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(source->state(), PushSource::State::Backoff);
    QCOMPARE(source->lastError().kind, PushError::Kind::Unreachable);
    // A server that is down is no reason for attention: the usual pace, again and again.
    for (int i = 0; i < 4; ++i) {
        m_clock->advance(m_clock->nextDeadlineIn());
        QVERIFY(reconnecting.wait(kWaitMs));
    }
    QCOMPARE(source->state(), PushSource::State::Backoff);
}

QTEST_GUILESS_MAIN(tst_AutoSource)
#include "tst_autosource.moc"
