// StompSettings: what the settings' STOMP keys become: the connect options (URLs, credentials, extra CONNECT and
// handshake headers with their secrets from the keychain, heart-beats, reconnect pacing) and the subscriptions (stable
// ids, durable ones with the broker headers), from saved settings or from any other view of them.
#include "stomp/StompDestination.h"
#include "stomp/StompSettings.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_StompSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void connectOptionsFromSettingsAndSecrets();
    void missingSecretHeaderIsLeftOut();
    void subscriptions();
    void durableSubscriptionForActiveMq();
    void prefetchBoundsWhatTheBrokerSendsAhead();
    void transportModeAndAView();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void tst_StompSettings::init()
{
    QVERIFY(m_dir.isValid());
    QFile::remove(path(QStringLiteral("user.conf")));
}

void tst_StompSettings::connectOptionsFromSettingsAndSecrets()
{
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setUrls(Settings::Key::ServerUrls,
                     {QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")), QUrl(QStringLiteral("ws://[::1]:15674/ws"))});
    settings.setValue(Settings::Key::Host, QStringLiteral("/"));
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    const HeaderSetting token {QStringLiteral("token"), QStringLiteral("typed in"), true,
                               HeaderSetting::Target::Connect};
    const HeaderSetting cookie {QStringLiteral("Cookie"), {}, true, HeaderSetting::Target::Handshake};
    settings.setHeaders(
        {token,
         {QStringLiteral("client-id"), QStringLiteral("desk-42"), false, HeaderSetting::Target::Connect},
         cookie,
         {QStringLiteral("X-Tenant"), QStringLiteral("rd"), false, HeaderSetting::Target::Handshake}});
    settings.setValue(Settings::Key::HeartbeatOutMs, 4000);
    settings.setValue(Settings::Key::HeartbeatInMs, 0);
    settings.setValue(Settings::Key::ReconnectInitialMs, 250);
    settings.setValue(Settings::Key::ReconnectMaxMs, 8000);
    settings.setValue(Settings::Key::ReconnectMaxAttempts, 5);

    ConnectionSecrets secrets;
    secrets.passcode = "guest-pass";
    secrets.headerValues.insert(token.secretItem(), "t0k3n");
    secrets.headerValues.insert(cookie.secretItem(), "SESSION=1");
    const StompConnectOptions options = StompSettings::connectOptions(settings, secrets);
    QCOMPARE(options.urls, settings.urls(Settings::Key::ServerUrls));
    QCOMPARE(options.host, QByteArray("/"));
    QCOMPARE(options.login, QByteArray("guest"));
    QCOMPARE(options.passcode, QByteArray("guest-pass"));
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QCOMPARE(options.connectHeaders, (Headers {{"token", "t0k3n"}, {"client-id", "desk-42"}}));
    QCOMPARE(options.transport.handshakeHeaders, (Headers {{"Cookie", "SESSION=1"}, {"X-Tenant", "rd"}}));
    QCOMPARE(options.heartbeatOutMs, 4000);
    QCOMPARE(options.heartbeatInMs, 0);
    QCOMPARE(options.reconnect.initialDelayMs, 250);
    QCOMPARE(options.reconnect.maxDelayMs, 8000);
    QCOMPARE(options.reconnect.maxAttempts, 5);
}

void tst_StompSettings::missingSecretHeaderIsLeftOut()
{
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setHeaders({{QStringLiteral("Authorization"), {}, true, HeaderSetting::Target::Connect}});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("leaving out header.*Authorization")));
    const StompConnectOptions options = StompSettings::connectOptions(settings, {});
    QVERIFY(options.connectHeaders.isEmpty());
    QVERIFY(options.passcode.isEmpty());
}

void tst_StompSettings::subscriptions()
{
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    settings.setValue(Settings::Key::Destinations,
                      QStringList {QStringLiteral("/user/topic/all"), QStringLiteral("/topic/chat_demo")});
    QList<StompSubscription> subscriptions = StompSettings::subscriptions(settings);
    QCOMPARE(subscriptions.size(), 2);
    QCOMPARE(subscriptions.at(1).destination, QByteArray("/topic/chat_demo"));
    QCOMPARE(subscriptions.at(0).ackMode, StompAckMode::ClientIndividual);
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QCOMPARE(subscriptions.at(0).headers, (Headers {{"prefetch-count", "1000"}, {"activemq.prefetchSize", "1000"}}));
    QVERIFY(subscriptions.at(0).id != subscriptions.at(1).id);

    settings.setValue(Settings::Key::DurableSubscription, true);
    subscriptions = StompSettings::subscriptions(settings, StompAckMode::Client);
    QCOMPARE(subscriptions.at(0).ackMode, StompAckMode::Client);
    QVERIFY(subscriptions.at(0).headers.contains({"durable", "true"}));
    QVERIFY(subscriptions.at(0).headers.contains({"auto-delete", "false"}));
    QVERIFY(subscriptions.at(0).id.contains("guest"));
    QCOMPARE(StompSettings::subscriptions(settings).at(0).id, subscriptions.at(0).id); // stable across calls (and runs)
    QVERIFY(subscriptions.at(0).id != subscriptions.at(1).id);
}

void tst_StompSettings::durableSubscriptionForActiveMq()
{
    // With a client-id (which ActiveMQ needs for durable topic subscriptions) the subscription is also named for
    // ActiveMQ; an existing RabbitMQ queue (/amq/queue/...) is not declared, so it gets no durable flags.
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    settings.setValue(Settings::Key::DurableSubscription, true);
    settings.setValue(Settings::Key::Destinations,
                      QStringList {QStringLiteral("/topic/todos"), QStringLiteral("/amq/queue/todo")});
    settings.setHeaders(
        {{QStringLiteral("client-id"), QStringLiteral("desk-42"), false, HeaderSetting::Target::Connect}});
    const QList<StompSubscription> subscriptions = StompSettings::subscriptions(settings);
    QVERIFY(subscriptions.at(0).headers.contains({"activemq.subscriptionName", subscriptions.at(0).id}));
    QVERIFY(subscriptions.at(0).headers.contains({"durable", "true"}));
    QVERIFY(!subscriptions.at(1).headers.contains({"durable", "true"}));
    QCOMPARE(subscriptions.at(1).ackMode, StompAckMode::ClientIndividual);
}

void tst_StompSettings::prefetchBoundsWhatTheBrokerSendsAhead()
{
    // Without a bound RabbitMQ pushes a whole backlog, and a failover redelivers all of it: the default bounds it
    // for both brokers, a setting changes it, 0 leaves it to the broker, and an auto-ack subscription (nothing in
    // flight to bound) or a header set by hand is left alone.
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setValue(Settings::Key::Destinations, QStringList {QStringLiteral("/amq/queue/todo-cluster")});
    QCOMPARE(settings.get<int>(Settings::Key::PrefetchCount), Settings::kDefaultPrefetchCount);
    QVERIFY(settings.setValue(Settings::Key::PrefetchCount, 50));
    StompSubscription subscription = StompSettings::subscriptions(settings).at(0);
    QVERIFY(subscription.headers.contains({"prefetch-count", "50"}));
    QVERIFY(subscription.headers.contains({"activemq.prefetchSize", "50"}));
    QVERIFY(StompSettings::subscriptions(settings, StompAckMode::Auto).at(0).headers.isEmpty());
    QVERIFY(settings.setValue(Settings::Key::PrefetchCount, 0));
    QVERIFY(StompSettings::subscriptions(settings).at(0).headers.isEmpty());
    QVERIFY(!settings.setValue(Settings::Key::PrefetchCount, -1));
    QVERIFY(!settings.setValue(Settings::Key::PrefetchCount, 70000));
    QVERIFY(!Settings::validatePrefetchCount(-1).isEmpty());

    StompSubscription byHand {{}, "/queue/x", StompAckMode::Client, {{"prefetch-count", "1"}}};
    StompDestination::limitPrefetch(&byHand, 300);
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QCOMPARE(byHand.headers, (Headers {{"prefetch-count", "1"}, {"activemq.prefetchSize", "300"}}));
}

void tst_StompSettings::transportModeAndAView()
{
    Settings settings(path(QStringLiteral("user.conf")));
    QCOMPARE(StompSettings::transportMode(settings), TransportMode::Auto);
    settings.setValue(Settings::Key::Transport, QStringLiteral("sockjs"));
    QCOMPARE(StompSettings::transportMode(settings), TransportMode::SockJs);
    // A view with other values (the settings dialog's screen) wins over what is saved.
    const SettingsView onScreen([&settings](Settings::Key key) -> QVariant {
        if (key == Settings::Key::ServerUrls)
            return QStringList {QStringLiteral("ws://on.screen:15674/ws")};
        if (key == Settings::Key::Transport)
            return QStringLiteral("websocket");
        return settings.value(key);
    });
    QCOMPARE(StompSettings::transportMode(onScreen), TransportMode::WebSocket);
    QCOMPARE(StompSettings::connectOptions(onScreen, {}).urls,
             QList<QUrl> {QUrl(QStringLiteral("ws://on.screen:15674/ws"))});
}

QTEST_GUILESS_MAIN(tst_StompSettings)
#include "tst_stompsettings.moc"
