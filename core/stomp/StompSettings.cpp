#include "stomp/StompSettings.h"

#include "base/Logging.h"
#include "source/SourceSettings.h"
#include "stomp/StompDestination.h"

#include <QSysInfo>

namespace StompSettings {

StompConnectOptions connectOptions(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    using Key = Settings::Key;
    StompConnectOptions options;
    options.urls = settings.urls(Key::ServerUrls);
    options.host = settings.get<QString>(Key::Host).toUtf8();
    options.login = settings.get<QString>(Key::Login).toUtf8();
    options.passcode = secrets.passcode;
    options.connectHeaders = SourceSettings::headers(settings, secrets, HeaderSetting::Target::Connect);
    options.transport.handshakeHeaders = SourceSettings::headers(settings, secrets, HeaderSetting::Target::Handshake);
    options.heartbeatOutMs = settings.get<int>(Key::HeartbeatOutMs);
    options.heartbeatInMs = settings.get<int>(Key::HeartbeatInMs);
    options.reconnect = SourceSettings::reconnectOptions(settings);
    return options;
}

QList<StompSubscription> subscriptions(const SettingsView &settings, StompAckMode ackMode)
{
    using Key = Settings::Key;
    const bool durable = settings.get<bool>(Key::DurableSubscription);
    const QByteArray login = settings.get<QString>(Key::Login).toUtf8();
    QByteArray clientId;
    for (const HeaderSetting &header : settings.headers()) {
        if (header.target == HeaderSetting::Target::Connect && !header.secret
            && header.name.compare(QLatin1String("client-id"), Qt::CaseInsensitive) == 0)
            clientId = header.value.toUtf8();
    }
    QList<StompSubscription> subscriptions;
    const QStringList list = settings.get<QStringList>(Key::Destinations);
    for (qsizetype i = 0; i < list.size(); ++i) {
        StompSubscription subscription;
        subscription.destination = list.at(i).toUtf8();
        subscription.ackMode = ackMode;
        if (durable) {
            // A durable subscription is named by its id (RabbitMQ) or subscription name (ActiveMQ, which also
            // needs a client-id): make it the same on every run, and distinct per person and computer.
            const QByteArray id =
                "todo-notifier:" + login + '@' + QSysInfo::machineHostName().toUtf8() + ':' + QByteArray::number(i);
            subscription =
                StompDestination::durableSubscription(subscription.destination, id, {}, ackMode, !clientId.isEmpty());
        } else {
            subscription.id = "sub-" + QByteArray::number(i);
        }
        StompDestination::limitPrefetch(&subscription, settings.get<int>(Key::PrefetchCount));
        subscriptions.append(subscription);
    }
    return subscriptions;
}

TransportMode transportMode(const SettingsView &settings)
{
    TransportMode mode = TransportMode::Auto;
    const QString text = settings.get<QString>(Settings::Key::Transport);
    if (!parseTransportMode(text, &mode))
        qCWarning(lcSettings) << "unknown transport" << text << "- using auto";
    return mode;
}

} // namespace StompSettings
