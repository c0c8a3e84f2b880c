// SockJsHttpTransport (SockJS's xhr-streaming and xhr-polling) and the fallback to it in `auto` selection, against
// FakeSockJsServer (a real HTTP server in-process): the streaming prelude, frames cut anywhere across HTTP chunks, a
// response the server ends (re-opened for the same session, unnoticed above) or breaks off, a re-open that meets a new
// `o` (the server forgot the session), c[...] closes, polling one frame per response, sends in order and batched while
// one is in flight, cookies and handshake headers on every request (and never in the log), the open timeout for a
// proxy that holds the stream back (MockClock), and StompClient choosing streaming or polling and saying why.
#include "FakeSockJsServer.h"
#include "MockClock.h"
#include "stomp/StompClient.h"
#include "transport/SockJsFraming.h"
#include "transport/SockJsHttpTransport.h"
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

QByteArray header(const FakeSockJsServer::Headers &headers, const char *name)
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return entry.second;
    }
    return {};
}

} // namespace

class tst_SockJsHttpTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void streamingOpensAfterThePreludeWithAFreshSession();
    void framesCutAcrossChunksArriveWhole();
    void responseEndedByTheServerIsReopenedForTheSameSession();
    void reopenMeetingANewOpenFrameClosesTheTransport();
    void brokenStreamClosesTheTransport();
    void closeFrameSurfacesTheReason();
    void sendsAreOrderedAndBatchedWhileOneIsInFlight();
    void refusedSendClosesTheTransport();
    void cookiesAndHandshakeHeadersGoWithEveryRequestButNotToTheLog();
    void pollingTakesOneFramePerResponseAndPollsAgain();
    void heldBackStreamTimesOut();
    void infoFromAProxyWithItsServerDownIsUnreachable();
    void autoUsesStreamingWhenInfoSaysWebSocketIsOff();
    void autoUsesPollingWhenStreamingIsRefused();
    void autoFallsBackWhenAProxyRefusesTheUpgrades();
    void clientFollowsAForgottenSessionWithANewOne();
    void closeFrameIsATransientConnectionLoss();

private:
    struct Opened
    {
        std::unique_ptr<SockJsHttpTransport> transport;
        int index = -1;
    };
    // An open transport of `flavour` on the fake, and its session's index there.
    Opened openTransport(SockJsFlavour flavour, const TransportOptions &options = {});
    StompConnectOptions clientOptions() const;

    std::unique_ptr<FakeSockJsServer> m_server;
};

void tst_SockJsHttpTransport::init()
{
    m_server = std::make_unique<FakeSockJsServer>();
    QVERIFY(m_server->listen());
    m_server->setWebSocketEnabled(false);
}

tst_SockJsHttpTransport::Opened tst_SockJsHttpTransport::openTransport(SockJsFlavour flavour,
                                                                       const TransportOptions &options)
{
    Opened out;
    out.transport = std::make_unique<SockJsHttpTransport>(flavour);
    QSignalSpy opened(out.transport.get(), &Transport::opened);
    out.transport->open(m_server->baseUrl(), options);
    if (!opened.wait(kWaitMs))
        return {};
    for (qsizetype i = 0; i < m_server->httpSessions().size(); ++i) {
        if (m_server->httpSessions().at(i).sessionId == out.transport->sessionId())
            out.index = int(i);
    }
    return out;
}

StompConnectOptions tst_SockJsHttpTransport::clientOptions() const
{
    StompConnectOptions options;
    options.urls = {m_server->baseUrl()};
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.reconnect.initialDelayMs = 10;
    options.reconnect.jitter = 0;
    return options;
}

void tst_SockJsHttpTransport::streamingOpensAfterThePreludeWithAFreshSession()
{
    static const QRegularExpression sessionPath(QStringLiteral("^/app/ws/\\d{3}/[a-z0-9]{16}$"));
    QByteArrayList sessions;
    for (int i = 0; i < 2; ++i) {
        SockJsHttpTransport transport(SockJsFlavour::XhrStreaming);
        QSignalSpy opened(&transport, &Transport::opened);
        transport.open(m_server->baseUrl(), {});
        QCOMPARE(opened.count(), 0); // never synchronous
        QVERIFY(opened.wait(kWaitMs));
        QVERIFY(transport.isOpen());
        QCOMPARE(m_server->infoRequests().size(), i + 1);
        QVERIFY2(sessionPath.match(transport.sessionUrl().path()).hasMatch(),
                 qPrintable(transport.sessionUrl().path()));
        QCOMPARE(transport.description(),
                 QStringLiteral("sockjs xhr-streaming http://127.0.0.1:%1%2")
                     .arg(m_server->baseUrl().port())
                     .arg(transport.sessionUrl().path()));
        const FakeSockJsServer::HttpSession &session = m_server->httpSessions().at(i);
        QCOMPARE(session.sessionId, transport.sessionId());
        QCOMPARE(session.endpoints, QByteArrayList {"xhr_streaming"});
        QCOMPARE(transport.receiveRequests(), 1);
        sessions << transport.sessionId();
    }
    QVERIFY(sessions.at(0) != sessions.at(1));
}

void tst_SockJsHttpTransport::framesCutAcrossChunksArriveWhole()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy data(open.transport.get(), &Transport::dataReceived);
    QSignalSpy activity(open.transport.get(), &Transport::activity);

    // Every byte is activity, a frame is delivered only once its "\n" has come.
    const QByteArray utf8 = QStringLiteral("待").toUtf8();
    m_server->writeHttpChunk(open.index, "a[\"MESSAGE\\ndestination:/queue/x\\n\\n" + utf8.left(1));
    QVERIFY(activity.wait(kWaitMs));
    QCOMPARE(data.count(), 0);
    activity.clear();
    m_server->writeHttpChunk(open.index, utf8.mid(1) + "\\u00");
    QVERIFY(activity.wait(kWaitMs));
    QCOMPARE(data.count(), 0);
    m_server->writeHttpChunk(open.index, "00\",\"\\n\"]");
    m_server->writeHttpChunk(open.index, "\nh\n");
    QTRY_COMPARE(data.count(), 2);
    QCOMPARE(data.at(0).first().toByteArray(), QByteArray("MESSAGE\ndestination:/queue/x\n\n" + utf8 + '\0'));
    QCOMPARE(data.at(1).first().toByteArray(), QByteArray("\n"));
    QVERIFY(open.transport->isOpen());
}

void tst_SockJsHttpTransport::responseEndedByTheServerIsReopenedForTheSameSession()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy data(open.transport.get(), &Transport::dataReceived);
    QSignalSpy closed(open.transport.get(), &Transport::closed);
    QSignalSpy receives(m_server.get(), &FakeSockJsServer::httpReceiveStarted);

    m_server->sendHttpFrame(open.index, "a[\"before\"]");
    QTRY_COMPARE(data.count(), 1);
    m_server->endHttpResponse(open.index); // its byte limit reached
    QVERIFY(receives.wait(kWaitMs));
    QCOMPARE(receives.first().first().toInt(), open.index);
    const FakeSockJsServer::HttpSession &session = m_server->httpSessions().at(open.index);
    QCOMPARE(session.receiveRequests, 2);
    QCOMPARE(session.endpoints, (QByteArrayList {"xhr_streaming", "xhr_streaming"}));
    QCOMPARE(open.transport->receiveRequests(), 2);

    // The new response goes on where the old one stopped: no `o`, the same session, both directions working.
    m_server->sendHttpFrame(open.index, "a[\"after\"]");
    QTRY_COMPARE(data.count(), 2);
    QCOMPARE(data.at(1).first().toByteArray(), QByteArray("after"));
    QVERIFY(open.transport->sendData("SEND\n\nx"));
    QTRY_COMPARE(m_server->httpSessions().at(open.index).received.size(), 1);
    QCOMPARE(closed.count(), 0);
    QVERIFY(open.transport->isOpen());
}

void tst_SockJsHttpTransport::reopenMeetingANewOpenFrameClosesTheTransport()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy closed(open.transport.get(), &Transport::closed);
    m_server->forgetHttpSession(open.index); // it restarted
    m_server->endHttpResponse(open.index);
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    const QString reason = closed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("no longer knows the SockJS session")), qPrintable(reason));
    QVERIFY(!open.transport->isOpen());
    QVERIFY(!open.transport->sendData("x"));
}

void tst_SockJsHttpTransport::brokenStreamClosesTheTransport()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy closed(open.transport.get(), &Transport::closed);
    m_server->writeHttpChunk(open.index, "a[\"cut in the mid");
    m_server->cutHttpResponse(open.index);
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    QVERIFY2(closed.first().at(1).toString().contains(QLatin1String("xhr-streaming receive broke")),
             qPrintable(closed.first().at(1).toString()));
    // Not re-opened: the session is gone. (Qt's HTTP layer itself may re-send the cut request once, unseen by the
    // transport, so the server's request count does not tell; the transport's state and its one close do.)
    QVERIFY(!open.transport->isOpen());
    QVERIFY(!open.transport->sendData("x"));
    QCOMPARE(closed.size(), 1);
}

void tst_SockJsHttpTransport::closeFrameSurfacesTheReason()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy closed(open.transport.get(), &Transport::closed);
    m_server->sendHttpFrame(
        open.index, SockJsFraming::encodeFrame({SockJsFrame::Type::Close, {}, 3000, QStringLiteral("Go away!")}));
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    const QString reason = closed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("Go away!")) && reason.contains(QLatin1String("3000")), qPrintable(reason));
}

void tst_SockJsHttpTransport::sendsAreOrderedAndBatchedWhileOneIsInFlight()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    const QByteArray chinese = QStringLiteral("已读").toUtf8();
    const QByteArrayList frames {"SUBSCRIBE\nid:0\ndestination:/queue/x\n\n" + QByteArray(1, '\0'),
                                 "ACK\nid:m-1\n\n" + QByteArray(1, '\0'),
                                 "SEND\ndestination:/app/x\nreceipt:r-1\n\n" + chinese + '\0', "\n"};
    for (const QByteArray &frame : frames)
        QVERIFY(open.transport->sendData(frame));
    QTRY_COMPARE(m_server->httpSessions().at(open.index).received.size(), frames.size());
    const FakeSockJsServer::HttpSession &session = m_server->httpSessions().at(open.index);
    QCOMPARE(session.received, frames); // in order
    // The first went alone; the rest waited for it and went together.
    QCOMPARE(session.sendBodies,
             (QByteArrayList {SockJsFraming::encode({frames.at(0)}), SockJsFraming::encode(frames.mid(1))}));
    for (qsizetype i = 0; i < session.endpoints.size(); ++i) {
        if (session.endpoints.at(i) == "xhr_send")
            QCOMPARE(header(session.requestHeaders.at(i), "Content-Type"), QByteArray("text/plain;charset=UTF-8"));
    }
}

void tst_SockJsHttpTransport::refusedSendClosesTheTransport()
{
    Opened open = openTransport(SockJsFlavour::XhrStreaming);
    QVERIFY(open.transport && open.index >= 0);
    QSignalSpy closed(open.transport.get(), &Transport::closed);
    m_server->setSendStatus(404);
    QVERIFY(open.transport->sendData("SEND\n\nx"));
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    QVERIFY2(closed.first().at(1).toString().contains(QLatin1String("xhr_send answered 404")),
             qPrintable(closed.first().at(1).toString()));
}

void tst_SockJsHttpTransport::cookiesAndHandshakeHeadersGoWithEveryRequestButNotToTheLog()
{
    m_server->setInfoCookie("JSESSIONID=node-7; Path=/");
    g_log.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);

    TransportSelector selector; // its manager, so its cookie jar
    SockJsHttpTransport transport(SockJsFlavour::XhrStreaming);
    transport.setNetworkAccessManager(selector.networkAccessManager());
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.handshakeHeaders = {{"Authorization", "Bearer s3cret-token"}, {"Cookie", "SESSION=s3cret-cookie"}};
    transport.open(m_server->baseUrl(), options);
    bool ok = opened.wait(kWaitMs);
    int index = int(m_server->httpSessions().size()) - 1;
    ok = ok && transport.sendData("SEND\n\none") && transport.sendData("SEND\n\ntwo");
    QTRY_VERIFY(!ok || m_server->httpSessions().at(index).received.size() == 2);
    m_server->endHttpResponse(index);
    QSignalSpy receives(m_server.get(), &FakeSockJsServer::httpReceiveStarted);
    ok = ok && receives.wait(kWaitMs);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(ok);

    const FakeSockJsServer::HttpSession &session = m_server->httpSessions().at(index);
    QCOMPARE(session.endpoints, (QByteArrayList {"xhr_streaming", "xhr_send", "xhr_send", "xhr_streaming"}));
    for (const FakeSockJsServer::Headers &headers : session.requestHeaders) {
        QCOMPARE(header(headers, "Authorization"), QByteArray("Bearer s3cret-token"));
        const QByteArray cookie = header(headers, "Cookie");
        QVERIFY2(cookie.contains("SESSION=s3cret-cookie") && cookie.contains("JSESSIONID=node-7"), cookie.constData());
    }
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(QLatin1String("s3cret")), qPrintable(line));
}

void tst_SockJsHttpTransport::pollingTakesOneFramePerResponseAndPollsAgain()
{
    Opened open = openTransport(SockJsFlavour::XhrPolling);
    QVERIFY(open.transport && open.index >= 0);
    QVERIFY(open.transport->description().startsWith(QLatin1String("sockjs xhr-polling http://127.0.0.1:")));
    QSignalSpy data(open.transport.get(), &Transport::dataReceived);
    QSignalSpy activity(open.transport.get(), &Transport::activity);
    // `o` came in the first poll; the second is waiting.
    QTRY_COMPARE(m_server->httpSessions().at(open.index).receiveRequests, 2);

    m_server->sendHttpFrame(open.index, "a[\"one\",\"two\"]");
    QTRY_COMPARE(data.count(), 2);
    QCOMPARE(data.at(0).first().toByteArray(), QByteArray("one"));
    QCOMPARE(data.at(1).first().toByteArray(), QByteArray("two"));
    QTRY_COMPARE(m_server->httpSessions().at(open.index).receiveRequests, 3);
    activity.clear();
    m_server->sendHttpFrame(open.index, "h");
    QVERIFY(activity.wait(kWaitMs));
    QTRY_COMPARE(m_server->httpSessions().at(open.index).receiveRequests, 4);
    QVERIFY(open.transport->sendData("SEND\n\nx"));
    QTRY_COMPARE(m_server->httpSessions().at(open.index).received, QByteArrayList {"SEND\n\nx"});
    QCOMPARE(m_server->httpSessions().at(open.index).endpoints.count("xhr"), 4);
    QVERIFY(open.transport->isOpen());
}

void tst_SockJsHttpTransport::heldBackStreamTimesOut()
{
    m_server->setStreamingSilent(true);
    MockClock clock;
    SockJsHttpTransport transport(SockJsFlavour::XhrStreaming);
    transport.setClock(&clock);
    QSignalSpy failed(&transport, &Transport::failed);
    QSignalSpy receives(m_server.get(), &FakeSockJsServer::httpReceiveStarted);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(receives.wait(kWaitMs));
    clock.advance(SockJsHttpTransport::kOpenTimeoutMs - 1);
    QCOMPARE(failed.count(), 0);
    clock.advance(1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::HandshakeRefused);
    QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("no SockJS 'o' frame")),
             qPrintable(failed.first().at(1).toString()));
}

void tst_SockJsHttpTransport::infoFromAProxyWithItsServerDownIsUnreachable()
{
    m_server->setInfoStatus(503);
    SockJsHttpTransport transport(SockJsFlavour::XhrStreaming);
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(m_server->baseUrl(), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Unreachable);
    QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("returned 503")),
             qPrintable(failed.first().at(1).toString()));
    QCOMPARE(m_server->httpSessions().size(), 0);
}

void tst_SockJsHttpTransport::autoUsesStreamingWhenInfoSaysWebSocketIsOff()
{
    TransportSelector selector;
    StompClient client;
    client.setTransportFactory(selector.factory());
    client.setOptions(clientOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(
                 QStringLiteral("sockjs xhr-streaming http://127.0.0.1:%1/app/ws/").arg(m_server->baseUrl().port())),
             qPrintable(transport));
    QVERIFY2(transport.endsWith(QLatin1String(" (auto: /info says websocket:false)")), qPrintable(transport));
    QCOMPARE(m_server->sessions().size(), 0); // no WebSocket was tried
    QCOMPARE(m_server->infoRequests().size(), 1);
    QCOMPARE(client.session().sessionId, m_server->httpSessions().first().sessionId);
    QVERIFY(m_server->httpSessions().first().received.first().startsWith("CONNECT\n"));
    const std::optional<TransportChoice> remembered = selector.remembered(m_server->baseUrl());
    QVERIFY(remembered);
    QCOMPARE(remembered->kind, TransportMode::SockJs);
    QCOMPARE(remembered->flavour, SockJsFlavour::XhrStreaming);
}

void tst_SockJsHttpTransport::autoUsesPollingWhenStreamingIsRefused()
{
    m_server->setStreamingEnabled(false);
    StompClient client;
    client.setOptions(clientOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(QLatin1String("sockjs xhr-polling http://")), qPrintable(transport));
    QVERIFY2(transport.endsWith(QLatin1String(" (auto: /info says websocket:false; xhr-streaming refused with 404)")),
             qPrintable(transport));
    QCOMPARE(client.session().sessionId, m_server->httpSessions().last().sessionId);
}

void tst_SockJsHttpTransport::autoFallsBackWhenAProxyRefusesTheUpgrades()
{
    m_server->setWebSocketEnabled(true);
    m_server->setRefuseUpgrades(true);
    StompClient client;
    client.setOptions(clientOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QString transport = client.session().transport;
    QVERIFY2(transport.startsWith(QLatin1String("sockjs xhr-streaming http://")), qPrintable(transport));
    QVERIFY2(transport.endsWith(QLatin1String(" (auto: /info says websocket:true; raw /websocket refused with 400; "
                                              "SockJS WebSocket refused with 400)")),
             qPrintable(transport));
    QCOMPARE(m_server->refusedUpgrades(), 2);
}

void tst_SockJsHttpTransport::clientFollowsAForgottenSessionWithANewOne()
{
    StompClient client;
    client.setOptions(clientOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QByteArray first = client.session().sessionId;
    m_server->forgetHttpSession(0);
    m_server->endHttpResponse(0);
    QVERIFY(disconnected.wait(kWaitMs));
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::ConnectionLost);
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(client.session().sessionId != first);
    QCOMPARE(client.session().sessionId, m_server->httpSessions().last().sessionId);
    QVERIFY(client.session().transport.contains(QLatin1String("auto, remembered: /info says websocket:false")));
}

void tst_SockJsHttpTransport::closeFrameIsATransientConnectionLoss()
{
    // The server closing the session (c[3000,"Go away!"] at shutdown, say) is a lost connection that a reconnect
    // fixes, not an error that needs attention; its reason reaches the person.
    StompClient client;
    client.setOptions(clientOptions());
    QSignalSpy connected(&client, &StompClient::connected);
    QSignalSpy disconnected(&client, &StompClient::disconnected);
    client.connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    const QByteArray first = client.session().sessionId;
    m_server->sendHttpFrame(
        0, SockJsFraming::encodeFrame({SockJsFrame::Type::Close, {}, 3000, QStringLiteral("Go away!")}));
    QVERIFY(disconnected.wait(kWaitMs));
    const PushError error = disconnected.first().first().value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::ConnectionLost);
    QVERIFY(PushError::isTransient(error.kind));
    QVERIFY2(error.message.contains(QLatin1String("Go away! (code 3000)")), qPrintable(error.message));
    QVERIFY(connected.wait(kWaitMs));
    QVERIFY(client.session().sessionId != first);
}

QTEST_GUILESS_MAIN(tst_SockJsHttpTransport)
#include "tst_sockjshttptransport.moc"
