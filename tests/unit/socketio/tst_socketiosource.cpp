// SocketIoSource against an in-process Socket.IO double on 127.0.0.1 (an HTTP front that answers the long-polling
// handshake as told and hands WebSocket upgrades to a QWebSocketServer that speaks Engine.IO by hand), with the
// source's timers on a MockClock: the namespace CONNECT carries the auth payload and only its answer connects;
// configured events become messages (an object as JSON, a string as its text) with nothing to settle, others and
// other namespaces' are dropped, a binary event is skipped with its attachment, an ack is answered; pings are
// answered and silence past pingInterval + pingTimeout is a lost connection; the server's DISCONNECT and Engine.IO
// close are lost connections; CONNECT_ERROR is an authentication failure or a refused namespace, said clearly; a
// refused direct WebSocket falls back to the long-polling handshake and the upgrade (2probe, 3probe, 5), and that
// URL takes it first from then on; with a server that recovers connection state, the offsets of broadcast events are
// not payload and the session id and last offset go back with the next CONNECT, and the replay that comes before the
// answer is delivered after it; what answers HTTP but is not Engine.IO, a missing path, refused credentials and
// an overloaded server are told apart; a long-polling session whose upgrade nothing lets through, and a URL that is
// not http(s) or ws(s), need attention.
#include "MockClock.h"
#include "socketio/SocketIoSource.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

constexpr int kWaitMs = 5000;

QByteArray openPacket(int pingInterval = 25000, int pingTimeout = 20000, const char *upgrades = "[]")
{
    return QByteArrayLiteral("0{\"sid\":\"eio-1\",\"upgrades\":") + upgrades
        + ",\"pingInterval\":" + QByteArray::number(pingInterval)
        + ",\"pingTimeout\":" + QByteArray::number(pingTimeout) + ",\"maxPayload\":1000000}";
}

QByteArray httpAnswer(int status, const QByteArray &body, const QByteArray &type = "text/plain")
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// An HTTP front on 127.0.0.1: a WebSocket upgrade goes to the QWebSocketServer unless told to refuse it; a GET of the
// long-polling handshake gets the configured answer.
class FakeFront final : public QObject
{
    Q_OBJECT

public:
    FakeFront()
        : m_webSockets(QStringLiteral("fake-socket.io"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_tcp, &QTcpServer::newConnection, this, &FakeFront::onConnection);
        connect(&m_webSockets, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *peer = m_webSockets.nextPendingConnection();
            peer->setParent(this); // QWebSocketServer does not own what it hands out
            m_peers.append(peer);
            connect(peer, &QWebSocket::textMessageReceived, this, [this, peer](const QString &text) {
                m_received.append(text);
                onText(peer, text);
            });
            const bool upgrade = QUrlQuery(peer->requestUrl()).hasQueryItem(QStringLiteral("sid"));
            if (!upgrade && sendOpen)
                peer->sendTextMessage(QString::fromUtf8(open));
        });
    }

    bool listen() { return m_tcp.listen(QHostAddress::LocalHost); }
    QUrl url(const QString &path = QStringLiteral("/todos")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_tcp.serverPort()).arg(path));
    }
    QWebSocket *peer(qsizetype i) const { return m_peers.value(i); }
    qsizetype peerCount() const { return m_peers.size(); }
    const QStringList &received() const { return m_received; }
    void clearReceived() { m_received.clear(); }

    // How the front answers.
    QByteArray directAnswer; // empty: accept the direct WebSocket; else this raw HTTP answer
    QByteArray pollingAnswer = httpAnswer(404, "not found");
    QByteArray open = openPacket(); // sent on a direct WebSocket
    bool sendOpen = true;
    bool answerConnect = true; // answer 40 with the namespace's 40{"sid":...}
    QString connectAnswer = QStringLiteral(R"({"sid":"sock-1"})");
    bool refuseUpgrade = false; // answer the WebSocket of a polling session with 400 (a proxy without WebSocket)
    int directRequests = 0; // WebSocket upgrades without a sid
    int pollingRequests = 0;
    QStringList requestTargets; // every request line's target

private:
    void onConnection()
    {
        while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
        }
    }

    void onRequest(QTcpSocket *socket)
    {
        const QByteArray head = socket->peek(64 * 1024);
        if (!head.contains("\r\n\r\n"))
            return;
        const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
        requestTargets.append(QString::fromUtf8(target));
        const bool upgrade = head.toLower().contains("upgrade: websocket");
        const bool withSid = target.contains("sid=");
        if (upgrade) {
            if (!withSid)
                ++directRequests;
            if ((withSid && !refuseUpgrade) || (!withSid && directAnswer.isEmpty())) {
                socket->disconnect(this);
                m_webSockets.handleConnection(socket);
                return;
            }
            socket->readAll();
            socket->write(withSid ? httpAnswer(400, "Bad Request") : directAnswer);
            socket->disconnectFromHost();
            return;
        }
        ++pollingRequests;
        socket->readAll();
        socket->write(pollingAnswer);
        socket->disconnectFromHost();
    }

    void onText(QWebSocket *peer, const QString &text)
    {
        if (text == QLatin1String("2probe"))
            peer->sendTextMessage(QStringLiteral("3probe"));
        if (answerConnect && text.startsWith(QLatin1String("40"))) {
            const QString nsp =
                text.startsWith(QLatin1String("40/")) ? text.mid(2).section(QLatin1Char(','), 0, 0) : QString();
            peer->sendTextMessage(QStringLiteral("40") + (nsp.isEmpty() ? QString() : nsp + QLatin1Char(','))
                                  + connectAnswer);
        }
    }

    QTcpServer m_tcp;
    QWebSocketServer m_webSockets;
    QList<QWebSocket *> m_peers;
    QStringList m_received;
};

} // namespace

class tst_SocketIoSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void joinsTheNamespaceWithItsAuth();
    void namespaceOptionOverridesTheUrl();
    void eventsBecomeMessages();
    void pingsAreAnsweredAndSilenceIsLost();
    void serverDisconnectAndCloseAreLost();
    void recoveringServerReplaysWhatWasMissed();
    void connectErrorsSayWhy_data();
    void connectErrorsSayWhy();
    void notEngineIoOnTheWebSocket_data();
    void notEngineIoOnTheWebSocket();
    void refusedWebSocketFallsBackToLongPolling();
    void failuresAreToldApart_data();
    void failuresAreToldApart();
    void refusedUpgradeNeedsAttention();
    void notASocketIoUrl();

private:
    SocketIoOptions options(const QUrl &url) const;
    bool connectSource(const SocketIoOptions &options);
    PushError failure(const SocketIoOptions &options);

    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<FakeFront> m_front;
    std::unique_ptr<SocketIoSource> m_source;
};

void tst_SocketIoSource::init()
{
    m_clock = std::make_unique<MockClock>();
    m_front = std::make_unique<FakeFront>();
    QVERIFY(m_front->listen());
    m_source = std::make_unique<SocketIoSource>();
    m_source->setClock(m_clock.get());
    m_source->setRandomSeed(5);
}

void tst_SocketIoSource::cleanup()
{
    m_source.reset();
    m_front.reset();
    m_clock.reset();
}

SocketIoOptions tst_SocketIoSource::options(const QUrl &url) const
{
    SocketIoOptions options;
    options.connection.urls = {url};
    options.connection.reconnect.initialDelayMs = 1000;
    options.connection.reconnect.jitter = 0;
    return options;
}

bool tst_SocketIoSource::connectSource(const SocketIoOptions &options)
{
    m_source->setOptions(options);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->start();
    return connected.wait(kWaitMs);
}

PushError tst_SocketIoSource::failure(const SocketIoOptions &options)
{
    m_source->setOptions(options);
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    if (!errors.wait(kWaitMs))
        return {};
    return errors.first().first().value<PushError>();
}

void tst_SocketIoSource::joinsTheNamespaceWithItsAuth()
{
    SocketIoOptions opts = options(m_front->url());
    opts.auth = {{QStringLiteral("token"), QStringLiteral("s3cret")},
                 {QStringLiteral("login"), QStringLiteral("张三")}};
    m_front->answerConnect = false;
    m_source->setOptions(opts);
    m_source->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_front->received().size(), 1, kWaitMs);
    QCOMPARE(m_front->received().at(0), QStringLiteral(R"(40/todos,{"login":"张三","token":"s3cret"})"));
    QCOMPARE(m_front->peer(0)->requestUrl().path(), QStringLiteral("/socket.io/"));
    QCOMPARE(m_front->peer(0)->requestUrl().query(), QStringLiteral("EIO=4&transport=websocket"));
    QVERIFY(m_front->peer(0)->subprotocol().isEmpty());
    // The Engine.IO session is open, but the namespace has not answered: not connected yet.
    QCOMPARE(m_source->state(), PushSource::State::Connecting);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_front->peer(0)->sendTextMessage(QStringLiteral(R"(40/todos,{"sid":"sock-1"})"));
    QVERIFY(connected.wait(kWaitMs));
    const SourceSession session = m_source->session();
    QCOMPARE(session.protocol, QStringLiteral("socketio"));
    QCOMPARE(session.details.value(QStringLiteral("namespace")).toString(), QStringLiteral("/todos"));
    QCOMPARE(session.details.value(QStringLiteral("pingIntervalMs")).toInt(), 25000);
    QCOMPARE(session.details.value(QStringLiteral("upgradedFromPolling")).toBool(), false);
    QVERIFY2(session.summary.startsWith(QStringLiteral("Socket.IO 4, namespace /todos")), qPrintable(session.summary));

    // Leaving on purpose says so: DISCONNECT for the namespace.
    m_source->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_front->received().size(), 2, kWaitMs);
    QCOMPARE(m_front->received().at(1), QStringLiteral("41/todos,"));
}

void tst_SocketIoSource::namespaceOptionOverridesTheUrl()
{
    SocketIoOptions opts = options(m_front->url(QStringLiteral("/todos")));
    opts.nsp = QStringLiteral("/审批");
    QVERIFY(connectSource(opts));
    QCOMPARE(m_front->received().at(0), QStringLiteral("40/审批,"));
    QCOMPARE(m_front->peer(0)->requestUrl().path(), QStringLiteral("/socket.io/"));
    QCOMPARE(m_source->session().details.value(QStringLiteral("namespace")).toString(), QStringLiteral("/审批"));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    m_front->peer(0)->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"elsewhere"}])"));
    m_front->peer(0)->sendTextMessage(QStringLiteral(R"(42/审批,["todo",{"id":"here"}])"));
    QVERIFY(received.wait(kWaitMs));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"here"})"));
}

void tst_SocketIoSource::eventsBecomeMessages()
{
    SocketIoOptions opts = options(m_front->url());
    opts.events = {QStringLiteral("todo"), QStringLiteral("alert")};
    QVERIFY(connectSource(opts));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QWebSocket *peer = m_front->peer(0);
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"1","title":"审批"},"extra"])"));
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["other",{"id":"2"}])")); // not configured
    peer->sendTextMessage(QStringLiteral(R"(42/todos,5["alert","{\"id\":\"3\"}"])")); // a string, asks for an ack
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",7])")); // no payload
    peer->sendTextMessage(QStringLiteral(R"(42/elsewhere,["todo",{"id":"x"}])")); // another namespace
    // A binary event and its attachment: skipped, even an attachment that looks like a packet.
    peer->sendTextMessage(QStringLiteral(R"(451-/todos,["todo",{"_placeholder":true,"num":0}])"));
    peer->sendBinaryMessage(QByteArray(R"(42/todos,["todo",{"id":"bin"}])"));
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"4"}])"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);

    const InboundMessage first = received.at(0).at(0).value<InboundMessage>();
    QCOMPARE(first.body, QByteArray(R"({"id":"1","title":"审批"})"));
    QCOMPARE(first.contentType, QByteArray("application/json"));
    QCOMPARE(first.channel, QByteArray("todo"));
    QCOMPARE(first.source, QStringLiteral("socketio"));
    QVERIFY(!first.needsSettle);
    QVERIFY(!m_source->settle(first, PushSource::Settlement::Accept));
    const InboundMessage second = received.at(1).at(0).value<InboundMessage>();
    QCOMPARE(second.body, QByteArray(R"({"id":"3"})"));
    QCOMPARE(second.channel, QByteArray("alert"));
    QVERIFY(second.attributes.contains({QByteArray("ack-id"), QByteArray("5")}));
    QCOMPARE(received.at(2).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"4"})"));
    // The event that asked for an acknowledgement got one.
    QTRY_VERIFY_WITH_TIMEOUT(m_front->received().contains(QStringLiteral("43/todos,5[]")), kWaitMs);
    QCOMPARE(m_source->state(), PushSource::State::Connected);

    // Every event counts when none are configured.
    m_source->stop();
    received.clear();
    opts.events.clear();
    QVERIFY(connectSource(opts));
    m_front->peer(1)->sendTextMessage(QStringLiteral(R"(42/todos,["whatever",["a","b"]])"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QCOMPARE(received.at(0).at(0).value<InboundMessage>().body, QByteArray(R"(["a","b"])"));
}

void tst_SocketIoSource::pingsAreAnsweredAndSilenceIsLost()
{
    m_front->open = openPacket(1000, 500);
    QVERIFY(connectSource(options(m_front->url())));
    QCOMPARE(m_source->session().details.value(QStringLiteral("pingTimeoutMs")).toInt(), 500);
    QWebSocket *peer = m_front->peer(0);
    // The server pings every second: each is answered, and the connection outlives many silence limits (1.5 s).
    for (int i = 1; i <= 4; ++i) {
        m_front->clearReceived();
        peer->sendTextMessage(QStringLiteral("2"));
        QTRY_COMPARE_WITH_TIMEOUT(m_front->received(), QStringList {QStringLiteral("3")}, kWaitMs);
        m_clock->advance(1000);
        QCOMPARE(m_source->state(), PushSource::State::Connected);
    }
    // A liveness check pings at the WebSocket level (an Engine.IO 4 client must not send "2").
    QSignalSpy alive(m_source.get(), &PushSource::livenessConfirmed);
    m_source->checkLiveness();
    QVERIFY(alive.wait(kWaitMs));
    QVERIFY(!m_front->received().contains(QStringLiteral("2")));
    // Then the pings stop: past pingInterval + pingTimeout the connection counts as lost.
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    m_clock->advance(1500);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).value<PushError>().kind, PushError::Kind::HeartbeatLost);
}

void tst_SocketIoSource::serverDisconnectAndCloseAreLost()
{
    QVERIFY(connectSource(options(m_front->url())));
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    m_front->peer(0)->sendTextMessage(QStringLiteral("41/todos,"));
    QVERIFY(disconnected.wait(kWaitMs));
    PushError error = disconnected.at(0).at(0).value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::ConnectionLost);
    QVERIFY2(error.message.contains(QLatin1String("/todos")), qPrintable(error.message));
    QCOMPARE(m_source->state(), PushSource::State::Backoff);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    m_front->peer(1)->sendTextMessage(QStringLiteral("1"));
    QVERIFY(disconnected.wait(kWaitMs));
    error = disconnected.at(1).at(0).value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::ConnectionLost);
    QVERIFY(error.isTransient());
}

void tst_SocketIoSource::recoveringServerReplaysWhatWasMissed()
{
    // socket.io with connectionStateRecovery: a private session id in the answer, an offset after every broadcast.
    m_front->connectAnswer = QStringLiteral(R"({"sid":"sock-1","pid":"pid-7"})");
    QVERIFY(connectSource(options(m_front->url())));
    QCOMPARE(m_front->received().at(0), QStringLiteral("40/todos,"));
    QCOMPARE(m_source->session().details.value(QStringLiteral("recovered")).toBool(), false);
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QWebSocket *peer = m_front->peer(0);
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"1"},"Nx1"])"));
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo","{\"id\":\"2\"}","Nx2"])")); // a string payload
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo","Nx3"])")); // a broadcast without arguments
    peer->sendTextMessage(QStringLiteral(R"(42/todos,9["todo",{"id":"4"},"not-an-offset"])")); // acks carry none
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    QCOMPARE(received.at(0).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"1"})"));
    QCOMPARE(received.at(1).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"2"})"));
    QCOMPARE(received.at(2).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"4"})"));

    // The connection drops; the next CONNECT asks for what was missed after the last offset.
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    peer->close();
    QVERIFY(disconnected.wait(kWaitMs));
    m_front->clearReceived();
    m_front->answerConnect = false;
    m_clock->advance(1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_front->received().size(), 1, kWaitMs);
    QCOMPARE(m_front->received().at(0), QStringLiteral(R"(40/todos,{"offset":"Nx3","pid":"pid-7"})"));
    // The server replays before it answers: delivered once the namespace has answered, in order.
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    peer = m_front->peer(1);
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"5"},"Nx5"])"));
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"6"},"Nx6"])"));
    peer->sendTextMessage(QStringLiteral(R"(40/todos,{"sid":"sock-1","pid":"pid-7"})"));
    QVERIFY(connected.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 5, kWaitMs);
    QCOMPARE(received.at(3).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"5"})"));
    QCOMPARE(received.at(4).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"6"})"));
    QCOMPARE(m_source->session().details.value(QStringLiteral("recovered")).toBool(), true);
    // A lone string that is no offset is a payload emitted to this socket alone.
    peer->sendTextMessage(QStringLiteral(R"(42/todos,["todo","{\"id\":\"7\"}"])"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 6, kWaitMs);
    QCOMPARE(received.at(5).at(0).value<InboundMessage>().body, QByteArray(R"({"id":"7"})"));

    // Another URL is another server: its CONNECT carries no session id.
    m_source->stop();
    m_front->clearReceived();
    m_front->answerConnect = true;
    QVERIFY(connectSource(options(m_front->url(QStringLiteral("/todos?other=1")))));
    QVERIFY2(m_front->received().contains(QStringLiteral("40/todos,")),
             qPrintable(m_front->received().join(QLatin1Char(' '))));
}

void tst_SocketIoSource::connectErrorsSayWhy_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<PushError::Kind>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("middleware: not authorized")
        << R"(44/todos,{"message":"not authorized"})" << PushError::Kind::AuthFailed << "not authorized";
    QTest::newRow("jwt expired") << R"(44/todos,{"message":"jwt expired","data":{"code":"E1"}})"
                                 << PushError::Kind::AuthFailed << "jwt expired";
    QTest::newRow("no such namespace") << R"(44/todos,{"message":"Invalid namespace"})"
                                       << PushError::Kind::SubscriptionRefused << "has no namespace /todos";
    QTest::newRow("something else") << R"(44/todos,{"message":"room is full"})" << PushError::Kind::SubscriptionRefused
                                    << "room is full";
}

void tst_SocketIoSource::connectErrorsSayWhy()
{
    QFETCH(QString, answer);
    QFETCH(PushError::Kind, kind);
    QFETCH(QString, says);
    m_front->answerConnect = false;
    SocketIoOptions opts = options(m_front->url());
    m_source->setOptions(opts);
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_front->received().size(), 1, kWaitMs);
    m_front->peer(0)->sendTextMessage(answer);
    QVERIFY(errors.wait(kWaitMs));
    const PushError error = errors.first().first().value<PushError>();
    QCOMPARE(error.kind, kind);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QVERIFY(!error.isTransient());
    QCOMPARE(m_source->lastError().kind, kind);
}

void tst_SocketIoSource::notEngineIoOnTheWebSocket_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QString>("says");
    QTest::newRow("a greeting") << QByteArray("hello") << "not as a Socket.IO";
    QTest::newRow("a message first") << QByteArray(R"(42["todo",{}])") << "not an open packet";
    QTest::newRow("Engine.IO 3 open") << QByteArray(R"(0{"sid":"s","upgrades":[]})") << "pingInterval";
}

void tst_SocketIoSource::notEngineIoOnTheWebSocket()
{
    QFETCH(QByteArray, first);
    QFETCH(QString, says);
    m_front->open = first;
    const PushError error = failure(options(m_front->url()));
    QCOMPARE(error.kind, PushError::Kind::NotThisProtocol);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QCOMPARE(m_front->pollingRequests, 0); // it answered on the WebSocket: nothing to find out over HTTP
}

void tst_SocketIoSource::refusedWebSocketFallsBackToLongPolling()
{
    // Direct WebSockets refused as engine.io refuses them (400), the long-polling handshake answered as socket.io
    // answers it; the upgrade of that session is accepted.
    m_front->directAnswer = httpAnswer(400, "Forbidden", "text/html");
    m_front->pollingAnswer =
        httpAnswer(200, openPacket(2000, 1000, R"(["websocket"])").replace("eio-1", "poll-7"), "text/plain");
    m_front->sendOpen = false;
    QVERIFY(connectSource(options(m_front->url(QStringLiteral("/todos?room=7")))));
    QCOMPARE(m_front->directRequests, 1);
    QCOMPARE(m_front->pollingRequests, 1);
    QCOMPARE(m_front->requestTargets.at(1), QStringLiteral("/socket.io/?room=7&EIO=4&transport=polling"));
    QCOMPARE(m_front->peer(0)->requestUrl().query(), QStringLiteral("room=7&EIO=4&transport=websocket&sid=poll-7"));
    QCOMPARE(m_front->received(),
             (QStringList {QStringLiteral("2probe"), QStringLiteral("5"), QStringLiteral("40/todos,")}));
    const SourceSession session = m_source->session();
    QCOMPARE(session.details.value(QStringLiteral("upgradedFromPolling")).toBool(), true);
    QCOMPARE(session.details.value(QStringLiteral("pingIntervalMs")).toInt(), 2000); // from the polling handshake
    QVERIFY2(session.transport.contains(QLatin1String("upgraded from long-polling")), qPrintable(session.transport));

    // Events flow over the upgraded WebSocket.
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    m_front->peer(0)->sendTextMessage(QStringLiteral(R"(42/todos,["todo",{"id":"p1"}])"));
    QVERIFY(received.wait(kWaitMs));

    // This URL needs the polling handshake: the next connection takes it first.
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->reconnectNow();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_front->directRequests, 1);
    QCOMPARE(m_front->pollingRequests, 2);
}

void tst_SocketIoSource::failuresAreToldApart_data()
{
    QTest::addColumn<QByteArray>("direct"); // empty: the direct WebSocket is accepted
    QTest::addColumn<QByteArray>("polling");
    QTest::addColumn<PushError::Kind>("kind");
    QTest::addColumn<int>("pollingRequests");
    QTest::addColumn<QString>("says");
    const QByteArray html = httpAnswer(200, "<html><body>Welcome</body></html>", "text/html");
    QTest::newRow("404: nothing there") << httpAnswer(404, "Not Found") << httpAnswer(404, "Not Found")
                                        << PushError::Kind::PathNotFound << 0 << "404";
    QTest::newRow("a web page") << html << html << PushError::Kind::NotThisProtocol << 1 << "not as a Socket.IO";
    QTest::newRow("refused credentials (engine.io allowRequest)")
        << httpAnswer(400, "Forbidden") << httpAnswer(403, R"({"code":4,"message":"Forbidden"})", "application/json")
        << PushError::Kind::AuthFailed << 1 << "Forbidden";
    QTest::newRow("an older Socket.IO") << httpAnswer(400, "Unsupported protocol version")
                                        << httpAnswer(400, R"({"code":5,"message":"Unsupported protocol version"})",
                                                      "application/json")
                                        << PushError::Kind::NotThisProtocol << 1 << "Engine.IO 4";
    QTest::newRow("long-polling only") << httpAnswer(400, "Transport unknown")
                                       << httpAnswer(200, openPacket(25000, 20000, "[]"), "text/plain; charset=UTF-8")
                                       << PushError::Kind::NotThisProtocol << 1 << "no upgrade to WebSocket";
    QTest::newRow("overloaded: retry as usual")
        << httpAnswer(503, "busy") << QByteArray() << PushError::Kind::HandshakeRefused << 0 << "503";
    QTest::newRow("401 on the WebSocket")
        << httpAnswer(401, "who?") << QByteArray() << PushError::Kind::AuthFailed << 0 << "401";
}

void tst_SocketIoSource::failuresAreToldApart()
{
    QFETCH(QByteArray, direct);
    QFETCH(QByteArray, polling);
    QFETCH(PushError::Kind, kind);
    QFETCH(int, pollingRequests);
    QFETCH(QString, says);
    m_front->directAnswer = direct;
    m_front->pollingAnswer = polling;
    const PushError error = failure(options(m_front->url()));
    QCOMPARE(error.kind, kind);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QCOMPARE(m_front->pollingRequests, pollingRequests);
    QCOMPARE(m_front->peerCount(), 0);
}

void tst_SocketIoSource::refusedUpgradeNeedsAttention()
{
    // Long-polling gets in, but nothing lets the WebSocket through: retrying will not change that.
    m_front->directAnswer = httpAnswer(400, "Bad Request");
    m_front->pollingAnswer = httpAnswer(200, openPacket(25000, 20000, R"(["websocket"])"), "text/plain");
    m_front->refuseUpgrade = true;
    const PushError error = failure(options(m_front->url()));
    QCOMPARE(error.kind, PushError::Kind::NotThisProtocol);
    QVERIFY2(error.message.contains(QLatin1String("refused its upgrade to WebSocket")), qPrintable(error.message));
    QCOMPARE(m_front->pollingRequests, 1);
}

void tst_SocketIoSource::notASocketIoUrl()
{
    const PushError error = failure(options(QUrl(QStringLiteral("stomp://127.0.0.1:61613"))));
    QCOMPARE(error.kind, PushError::Kind::NotThisProtocol);
    QVERIFY2(error.message.contains(QLatin1String("not a Socket.IO URL")), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(tst_SocketIoSource)
#include "tst_socketiosource.moc"
