// StompPushSource: STOMP behind the PushSource seam, against the in-process demo server: a MESSAGE becomes an
// InboundMessage (body, id, destination, headers), accepting one sends its ACK and rejecting one its NACK (the server
// delivers it again), on a client (cumulative) subscription one ACK covers a run of accepted messages and never one not
// settled yet, auto-acknowledged messages need no settling, a message of an earlier connection cannot be settled any
// more, and the session, state and auth headers are the client's, in the seam's words.
#include "FaultInjectingDemoServer.h"
#include "stomp/StompPushSource.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int kWaitMs = 5000;

} // namespace

class tst_StompPushSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void messageBecomesAnInboundMessage();
    void acceptAcknowledges();
    void clientAcksOneFramePerRunInDeliveryOrder();
    void stopSendsTheClientAcksFirst();
    void rejectDeliversAgain();
    void autoAckNeedsNoSettling();
    void earlierConnectionCannotBeSettled();
    void sessionStateAndErrorsInTheSeamsWords();
    void authHeadersLeaveStompsOwnOut();

private:
    void connectAndSubscribe(StompAckMode mode = StompAckMode::ClientIndividual);
    InboundMessage publishOne(const QByteArray &body);

    std::unique_ptr<FaultInjectingDemoServer> m_server;
    std::unique_ptr<StompPushSource> m_source;
};

void tst_StompPushSource::init()
{
    m_server = std::make_unique<FaultInjectingDemoServer>();
    m_server->setPublishInterval(0);
    QVERIFY(m_server->listen());
    m_source = std::make_unique<StompPushSource>();
}

void tst_StompPushSource::cleanup()
{
    m_source.reset();
    m_server.reset();
}

void tst_StompPushSource::connectAndSubscribe(StompAckMode mode)
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    options.reconnect.initialDelayMs = 100;
    options.reconnect.jitter = 0;
    m_source->setTransportMode(TransportMode::WebSocket);
    m_source->setOptions(options);
    m_source->setSubscriptions({{"sub-0", "/topic/todos", mode, {}}});
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->start();
    QVERIFY(connected.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriptionCount(), 1, kWaitMs);
}

InboundMessage tst_StompPushSource::publishOne(const QByteArray &body)
{
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    m_server->publish("/topic/todos", body);
    if (!received.wait(kWaitMs))
        return {};
    return received.first().first().value<InboundMessage>();
}

void tst_StompPushSource::messageBecomesAnInboundMessage()
{
    connectAndSubscribe();
    const InboundMessage message = publishOne(R"({"id":"1","title":"审批"})");
    QCOMPARE(message.body, QByteArray(R"({"id":"1","title":"审批"})"));
    QCOMPARE(message.source, QStringLiteral("stomp"));
    QCOMPARE(message.channel, QByteArray("/topic/todos"));
    QVERIFY(!message.messageId.isEmpty());
    QVERIFY(message.contentType.startsWith("application/json"));
    QVERIFY(message.attributes.contains({"subscription", "sub-0"}));
    QVERIFY(message.needsSettle);
    QVERIFY(message.deliveryTag != 0);
    QCOMPARE(m_source->unsettledCount(), 1);
}

void tst_StompPushSource::acceptAcknowledges()
{
    connectAndSubscribe();
    const InboundMessage message = publishOne("one");
    QCOMPARE(m_server->unackedCount(), 1);
    QVERIFY(m_source->settle(message, PushSource::Settlement::Accept));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
    QCOMPARE(m_server->receivedFrames("ACK").size(), 1);
    QCOMPARE(m_source->unsettledCount(), 0);
    QVERIFY(!m_source->settle(message, PushSource::Settlement::Accept)); // once
}

void tst_StompPushSource::clientAcksOneFramePerRunInDeliveryOrder()
{
    connectAndSubscribe(StompAckMode::Client);
    QList<InboundMessage> messages;
    for (const char *body : {"one", "two", "three", "four", "five", "six"}) {
        messages.append(publishOne(body));
        QVERIFY(messages.last().needsSettle);
    }
    QCOMPARE(m_server->unackedCount(), 6);
    const auto ackId = [](const InboundMessage &message) {
        for (const auto &[name, value] : message.attributes) {
            if (name == "ack")
                return value;
        }
        return QByteArray();
    };

    // "two" is accepted before "one" is settled: its ACK would cover "one", so it waits.
    QVERIFY(m_source->settle(messages.at(1), PushSource::Settlement::Accept));
    QCoreApplication::processEvents();
    // Then a committed batch: one, three accepted, four rejected, five accepted (six stays unsettled).
    QVERIFY(m_source->settle(messages.at(0), PushSource::Settlement::Accept));
    QVERIFY(m_source->settle(messages.at(2), PushSource::Settlement::Accept));
    QVERIFY(m_source->settle(messages.at(3), PushSource::Settlement::Reject));
    QVERIFY(m_source->settle(messages.at(4), PushSource::Settlement::Accept));
    QVERIFY(!m_source->settle(messages.at(4), PushSource::Settlement::Accept)); // once

    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(received.wait(kWaitMs)); // "four" again, after its NACK
    QCOMPARE(received.first().first().value<InboundMessage>().body, QByteArray("four"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("ACK").size(), 2, kWaitMs);
    // On the wire, in this order: one ACK for one to three, the NACK of four, one ACK for five.
    QList<QByteArray> settlements;
    for (const DemoPushServer::ReceivedFrame &frame : m_server->receivedFrames()) {
        if (frame.frame.command == "ACK" || frame.frame.command == "NACK")
            settlements.append(frame.frame.command + ' ' + frame.frame.header("id"));
    }
    QCOMPARE(settlements,
             (QList<QByteArray> {"ACK " + ackId(messages.at(2)), "NACK " + ackId(messages.at(3)),
                                 "ACK " + ackId(messages.at(4))}));
    QCOMPARE(m_server->unackedCount(), 2); // six, and four delivered again
}

void tst_StompPushSource::stopSendsTheClientAcksFirst()
{
    // Quitting right after the last commit: its ACK goes out before the DISCONNECT, not after it (too late).
    connectAndSubscribe(StompAckMode::Client);
    const InboundMessage message = publishOne("last one");
    QVERIFY(m_source->settle(message, PushSource::Settlement::Accept));
    m_source->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->receivedFrames("DISCONNECT").isEmpty(), kWaitMs);
    QList<QByteArray> commands;
    for (const DemoPushServer::ReceivedFrame &frame : m_server->receivedFrames()) {
        if (frame.frame.command == "ACK" || frame.frame.command == "DISCONNECT")
            commands.append(frame.frame.command);
    }
    QCOMPARE(commands, (QList<QByteArray> {"ACK", "DISCONNECT"}));
}

void tst_StompPushSource::rejectDeliversAgain()
{
    connectAndSubscribe();
    const InboundMessage message = publishOne("again");
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_source->settle(message, PushSource::Settlement::Reject));
    QVERIFY(received.wait(kWaitMs));
    const InboundMessage redelivery = received.first().first().value<InboundMessage>();
    QCOMPARE(redelivery.messageId, message.messageId);
    QCOMPARE(redelivery.body, QByteArray("again"));
    QVERIFY(redelivery.attributes.contains({"redelivered", "true"}));
    QVERIFY(redelivery.deliveryTag != message.deliveryTag);
}

void tst_StompPushSource::autoAckNeedsNoSettling()
{
    connectAndSubscribe(StompAckMode::Auto);
    const InboundMessage message = publishOne("auto");
    QVERIFY(!message.needsSettle);
    QVERIFY(!m_source->settle(message, PushSource::Settlement::Accept));
    QCOMPARE(m_source->unsettledCount(), 0);
    QCOMPARE(m_server->unackedCount(), 0);
    QVERIFY(m_server->receivedFrames("ACK").isEmpty());
}

void tst_StompPushSource::earlierConnectionCannotBeSettled()
{
    connectAndSubscribe();
    const InboundMessage message = publishOne("before the drop");
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_server->dropConnections();
    QVERIFY(connected.wait(kWaitMs)); // reconnected (the server redelivers the message on the new one)
    QVERIFY(!m_source->settle(message, PushSource::Settlement::Accept));
    QVERIFY(m_server->receivedFrames("ACK").isEmpty());
}

void tst_StompPushSource::sessionStateAndErrorsInTheSeamsWords()
{
    QSignalSpy states(m_source.get(), &PushSource::stateChanged);
    connectAndSubscribe();
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    QCOMPARE(states.first().first().value<PushSource::State>(), PushSource::State::Connecting);
    const SourceSession session = m_source->session();
    QCOMPARE(session.protocol, QStringLiteral("stomp"));
    QCOMPARE(session.url, m_server->url());
    QVERIFY2(session.summary.startsWith(QStringLiteral("STOMP 1.2, heart-beat ")), qPrintable(session.summary));
    QVERIFY(session.server.startsWith(QStringLiteral("TodoNotifier-Demo/")));
    QCOMPARE(session.details.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QVERIFY(session.transport.startsWith(QStringLiteral("websocket ")));
    QCOMPARE(m_source->urls(), QList<QUrl> {m_server->url()});

    // The server goes: the seam reports it as a transient error and waits to reconnect.
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
    m_server->close();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(m_source->state(), PushSource::State::Backoff);
    QVERIFY(!errors.isEmpty());
    const PushError error = errors.first().first().value<PushError>();
    QVERIFY(error.isTransient());
    QCOMPARE(m_source->lastError().kind, error.kind);
    m_source->stop();
    QCOMPARE(m_source->state(), PushSource::State::Disconnected);
}

void tst_StompPushSource::authHeadersLeaveStompsOwnOut()
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    options.login = "alice";
    options.passcode = "secret";
    options.connectHeaders = {{"token", "t0k3n"}, {"heart-beat", "0,0"}, {"client-id", "desk-1"}};
    options.transport.handshakeHeaders = {{"Cookie", "SESSION=1"}};
    m_source->setOptions(options);
    const QList<QPair<QByteArray, QByteArray>> expected {
        {"token", "t0k3n"}, {"client-id", "desk-1"}, {"Cookie", "SESSION=1"}};
    QCOMPARE(m_source->authHeaders(), expected);
    QVERIFY(m_source->networkAccessManager());
}

QTEST_GUILESS_MAIN(tst_StompPushSource)
#include "tst_stomppushsource.moc"
