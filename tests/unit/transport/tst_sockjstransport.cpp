// SockJsTransport, and `auto` selection through StompClient, against FakeSockJsServer (a real HTTP + WebSocket
// server in-process): /info first, a fresh {server}/{session} path per connection, o/h/a/c frames, protocol
// errors, clear /info failures, cookies and handshake headers reaching the upgrade (and never the log), outbound
// splitting, and a STOMP client that follows a server-side close with a new session.
#include "FakeSockJsServer.h"
#include "stomp/StompClient.h"
#include "transport/SockJsFraming.h"
#include "transport/SockJsTransport.h"
#include "transport/TransportSelector.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int kWaitMs = 5000;

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}

} // namespace

class tst_SockJsTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void opensAfterInfoWithAFreshSessionEachTime();
    void framesInOrderAndHeartbeatsAsActivity();
    void outgoingDataIsAJsonArrayOfStrings();
    void largeFramesAreSplitWhenConfigured();
    void closeFrameSurfacesTheReason();
    void secondOpenFrameIsAProtocolError();
    void garbageIsAProtocolError();
    void infoNotFoundIsExplained();
    void webSocketSwitchedOffIsExplained();
    void cookiesAndHandshakeHeadersReachTheUpgradeButNotTheLog();
    void autoGivenAnHttpBaseUsesSockJsAndSaysWhy();
    void autoPrefersRawWebSocketWhenOffered();
    void autoRemembersWhatWorked();
    void clientSurvivesServerCloseWithANewSession();
    void protocolErrorMakesTheClientReconnect();

private:
    std::unique_ptr<FakeSockJsServer> m_server;
};

void tst_SockJsTransport::init()
{
    m_server = std::make_unique<FakeSockJsServer>();
    QVERIFY(m_server->listen());
}

void tst_SockJsTransport::opensAfterInfoWithAFreshSessionEachTime()
{
    static const QRegularExpression sessionPath(QStringLiteral("^/app/ws/\\d{3}/[a-z0-9]{16}/websocket$"));
    QStringList paths;
    for (int i = 0; i < 2; ++i) {
        SockJsTransport transport;
        QSignalSpy opened(&transport, &Transport::opened);
        transport.open(m_server->baseUrl(), {});
        QCOMPARE(opened.count(), 0); // never synchronous
        QVERIFY(opened.wait(kWaitMs));
        QVERIFY(transport.isOpen());
        QCOMPARE(m_server->infoRequests().size(), i + 1);
        const FakeSockJsServer::Session &session = m_server->sessions().at(i);
        QVERIFY2(sessionPath.match(session.path).hasMatch(), qPrintable(session.path));
        QCOMPARE(transport.sessionUrl().path(), session.path);
        QVERIFY(transport.description().startsWith(QLatin1String("sockjs ws://127.0.0.1:")));
        paths << session.path;
    }
    QVERIFY(paths.at(0) != paths.at(1));
}

void tst_SockJsTransport::framesInOrderAndHeartbeatsAsActivity()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy data(&transport, &Transport::dataReceived);
    QSignalSpy activity(&transport, &Transport::activity);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(opened.wait(kWaitMs));

    m_server->sendFrame(0, "h");
    QVERIFY(activity.wait(kWaitMs));
    QCOMPARE(data.count(), 0);

    m_server->sendFrame(0, "a[\"MESSAGE\\ndestination:/user/topic/all\\n\\n\\u5f85\\u529e\\u0000\",\"\\n\"]");
    QTRY_COMPARE(data.count(), 2);
    QCOMPARE(data.at(0).first().toByteArray(),
             QByteArray("MESSAGE\ndestination:/user/topic/all\n\n") + QStringLiteral("待办").toUtf8() + '\0');
    QCOMPARE(data.at(1).first().toByteArray(), QByteArray("\n"));
    QVERIFY(transport.isOpen());
}

void tst_SockJsTransport::outgoingDataIsAJsonArrayOfStrings()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(opened.wait(kWaitMs));
    const QByteArray frame = QByteArray("SEND\ndestination:/app/todo\n\n") + QStringLiteral("已读").toUtf8() + '\0';
    QVERIFY(transport.sendData(frame));
    QTRY_COMPARE(m_server->sessions().at(0).received.size(), 1);
    QCOMPARE(m_server->sessions().at(0).received.first(), frame);
    QCOMPARE(m_server->sessions().at(0).receivedFrames.first(), SockJsFraming::encode({frame}));
}

void tst_SockJsTransport::largeFramesAreSplitWhenConfigured()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.maxOutgoingChunk = 64;
    transport.open(m_server->baseUrl(), options);
    QVERIFY(opened.wait(kWaitMs));
    const QByteArray frame = "SEND\ndestination:/app/todo\n\n" + QByteArray(500, 'x') + '\0';
    QVERIFY(transport.sendData(frame));
    QTRY_VERIFY(m_server->sessions().at(0).received.join().size() == frame.size());
    const FakeSockJsServer::Session &session = m_server->sessions().at(0);
    QVERIFY(session.receivedFrames.size() >= 8);
    for (const QByteArray &message : session.receivedFrames)
        QVERIFY2(message.size() <= 64, message.constData());
    QCOMPARE(session.received.join(), frame); // reassembled, as Spring's STOMP decoder does
}

void tst_SockJsTransport::closeFrameSurfacesTheReason()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(opened.wait(kWaitMs));
    m_server->closeSession(0, 3000, "Go away!");
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    const QString reason = closed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("Go away!")) && reason.contains(QLatin1String("3000")), qPrintable(reason));
    QVERIFY(!transport.isOpen());
    QVERIFY(!transport.sendData("x"));
}

void tst_SockJsTransport::secondOpenFrameIsAProtocolError()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(opened.wait(kWaitMs));
    m_server->sendFrame(0, "o");
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Protocol);
    QVERIFY(closed.first().at(1).toString().contains(QLatin1String("second 'o'")));
}

void tst_SockJsTransport::garbageIsAProtocolError()
{
    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy data(&transport, &Transport::dataReceived);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(opened.wait(kWaitMs));
    m_server->sendFrame(0, "MESSAGE\ndestination:/x\n\nraw STOMP, no framing");
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Protocol);
    QVERIFY(closed.first().at(1).toString().contains(QLatin1String("SockJS protocol error")));
    QCOMPARE(data.count(), 0);
}

void tst_SockJsTransport::infoNotFoundIsExplained()
{
    m_server->setInfoStatus(404);
    SockJsTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::HandshakeRefused);
    const QString reason = failed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("SockJS info endpoint returned 404: this may be a raw WebSocket URL")),
             qPrintable(reason));
    QCOMPARE(m_server->sessions().size(), 0);
}

void tst_SockJsTransport::webSocketSwitchedOffIsExplained()
{
    m_server->setWebSocketEnabled(false);
    SockJsTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(failed.wait(kWaitMs));
    QVERIFY(failed.first().at(1).toString().contains(QLatin1String("websocket:false")));
}

void tst_SockJsTransport::cookiesAndHandshakeHeadersReachTheUpgradeButNotTheLog()
{
    m_server->setInfoCookie("JSESSIONID=node-7; Path=/");
    g_log.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);

    SockJsTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.handshakeHeaders = {{"Authorization", "Bearer s3cret-token"}, {"Cookie", "SESSION=s3cret-cookie"}};
    transport.open(m_server->baseUrl(), options);
    const bool ok = opened.wait(kWaitMs);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(ok);

    // /info got the configured headers; the upgrade got them too, plus the cookie /info set.
    const FakeSockJsServer::Headers info = m_server->infoRequests().first();
    QVERIFY(info.contains(qMakePair(QByteArray("Authorization"), QByteArray("Bearer s3cret-token"))));
    const QNetworkRequest &upgrade = m_server->sessions().first().request;
    QCOMPARE(upgrade.rawHeader("Authorization"), QByteArray("Bearer s3cret-token"));
    const QByteArray cookie = upgrade.rawHeader("Cookie");
    QVERIFY2(cookie.contains("SESSION=s3cret-cookie") && cookie.contains("JSESSIONID=node-7"), cookie.constData());
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(QLatin1String("s3cret")), qPrintable(line));
}

void tst_SockJsTransport::autoGivenAnHttpBaseUsesSockJsAndSaysWhy()
{
    StompClient client; // the default factory is `auto`
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(QLatin1String("sockjs ws://")), qPrintable(transport));
    QVERIFY2(transport.contains(QLatin1String("(auto: /info says websocket:true; raw /websocket refused with 404)")),
             qPrintable(transport));
    QCOMPARE(client.session().sessionId, m_server->sessions().first().sessionId);
    QCOMPARE(m_server->refusedUpgrades(), 1);
}

void tst_SockJsTransport::autoPrefersRawWebSocketWhenOffered()
{
    m_server->setRawWebSocketEnabled(true);
    StompClient client;
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(
                 QStringLiteral("websocket ws://127.0.0.1:%1/app/ws/websocket").arg(m_server->baseUrl().port())),
             qPrintable(transport));
    QVERIFY(transport.contains(QLatin1String("auto: /info says websocket:true")));
    QVERIFY(m_server->sessions().first().raw);
}

void tst_SockJsTransport::autoRemembersWhatWorked()
{
    TransportSelector selector;
    QSignalSpy chosen(&selector, &TransportSelector::transportChosen);
    StompClient client;
    client.setTransportFactory(selector.factory());
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    options.reconnect.initialDelayMs = 10;
    options.reconnect.jitter = 0;
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(selector.remembered(m_server->baseUrl())->kind, TransportMode::SockJs);
    QCOMPARE(m_server->refusedUpgrades(), 1);

    // A reconnect goes straight to SockJS: no second probe of the raw endpoint.
    client.reconnectNow();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_server->refusedUpgrades(), 1);
    QCOMPARE(m_server->sessions().size(), 2);
    QVERIFY(client.session().transport.contains(QLatin1String("auto, remembered: /info says websocket:true")));
}

void tst_SockJsTransport::clientSurvivesServerCloseWithANewSession()
{
    StompClient client;
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    options.reconnect.initialDelayMs = 10;
    options.reconnect.jitter = 0;
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QByteArray firstSession = client.session().sessionId;

    m_server->closeSession(0, 3000, "Go away!");
    QVERIFY(disconnected.wait(kWaitMs));
    const PushError reason = disconnected.first().first().value<PushError>();
    QCOMPARE(reason.kind, PushError::Kind::ConnectionLost);
    QVERIFY2(reason.message.contains(QLatin1String("Go away!")), qPrintable(reason.message));

    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(client.state(), StompClient::State::Connected);
    QVERIFY(client.session().sessionId != firstSession);
    QCOMPARE(client.session().sessionId, m_server->sessions().last().sessionId);
    QVERIFY(m_server->sessions().last().path != m_server->sessions().at(m_server->sessions().size() - 2).path);
}

void tst_SockJsTransport::protocolErrorMakesTheClientReconnect()
{
    StompClient client;
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    options.reconnect.initialDelayMs = 10;
    options.reconnect.jitter = 0;
    client.setOptions(options);
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    m_server->sendFrame(int(m_server->sessions().size()) - 1, "o");
    QVERIFY(disconnected.wait(kWaitMs));
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::NotThisProtocol);
    QVERIFY(connected.wait(kWaitMs));
}

QTEST_GUILESS_MAIN(tst_SockJsTransport)
#include "tst_sockjstransport.moc"
