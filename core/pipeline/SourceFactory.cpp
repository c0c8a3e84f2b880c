#include "pipeline/SourceFactory.h"

#include "jsonws/JsonWebSocketSettings.h"
#include "jsonws/JsonWebSocketSource.h"
#include "pipeline/AutoConnectionCheck.h"
#include "pipeline/AutoSource.h"
#include "socketio/SocketIoSettings.h"
#include "socketio/SocketIoSource.h"
#include "source/SourceConnectionCheck.h"
#include "source/SourceSettings.h"
#include "sse/SseSettings.h"
#include "sse/SseSource.h"
#include "stomp/StompConnectionCheck.h"
#include "stomp/StompPushSource.h"
#include "stomp/StompSettings.h"

namespace SourceFactory {

namespace {

QString protocolOf(const SettingsView &settings)
{
    return settings.get<QString>(Settings::Key::Protocol);
}

// STOMP's transport: as configured, or SockJS when that is the protocol chosen.
TransportMode stompTransport(const QString &protocol, const SettingsView &settings)
{
    return protocol == QLatin1String("sockjs") ? TransportMode::SockJs : StompSettings::transportMode(settings);
}

// The source of one protocol (not auto); nullptr for a protocol this version does not speak.
std::unique_ptr<PushSource> createFor(const QString &protocol, const SettingsView &settings,
                                      const ConnectionSecrets &secrets)
{
    if (protocol == QLatin1String("json-ws")) {
        auto source = std::make_unique<JsonWebSocketSource>();
        source->setOptions(JsonWebSocketSettings::options(settings, secrets));
        return source;
    }
    if (protocol == QLatin1String("socketio")) {
        auto source = std::make_unique<SocketIoSource>();
        source->setOptions(SocketIoSettings::options(settings, secrets));
        return source;
    }
    if (protocol == QLatin1String("sse")) {
        auto source = std::make_unique<SseSource>();
        source->setOptions(SseSettings::options(settings, secrets));
        return source;
    }
    if (protocol == QLatin1String("stomp") || protocol == QLatin1String("sockjs")) {
        auto source = std::make_unique<StompPushSource>();
        source->setTransportMode(stompTransport(protocol, settings));
        source->setOptions(StompSettings::connectOptions(settings, secrets));
        source->setSubscriptions(StompSettings::subscriptions(settings, StompAckMode::Client));
        return source;
    }
    return nullptr;
}

std::unique_ptr<AutoSource> createAuto(const SettingsView &settings, const ConnectionSecrets &secrets,
                                       const ReconnectOptions &reconnect)
{
    return std::make_unique<AutoSource>(
        settings.urls(Settings::Key::ServerUrls), reconnect, SourceSettings::transportOptions(settings, secrets),
        [settings, secrets](const QString &found) { return createFor(found, settings, secrets); });
}

} // namespace

std::unique_ptr<PushSource> create(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    const QString protocol = protocolOf(settings);
    if (protocol == QLatin1String("auto"))
        return createAuto(settings, secrets, SourceSettings::reconnectOptions(settings));
    return createFor(protocol, settings, secrets);
}

std::unique_ptr<ConnectionCheck> createCheck(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    const QString protocol = protocolOf(settings);
    if (protocol == QLatin1String("auto")) {
        // Find out first, then run the test of what was found, on that URL alone.
        return std::make_unique<AutoConnectionCheck>(
            settings.urls(Settings::Key::ServerUrls), SourceSettings::transportOptions(settings, secrets),
            [settings, secrets](const QString &found, const QUrl &url) -> std::unique_ptr<ConnectionCheck> {
                const SettingsView one([settings, found, url](Settings::Key key) -> QVariant {
                    if (key == Settings::Key::Protocol)
                        return found;
                    if (key == Settings::Key::ServerUrls)
                        return QStringList {url.toString()};
                    return settings.value(key);
                });
                if (!Settings::protocols().contains(found))
                    return nullptr;
                return createCheck(one, secrets);
            });
    }
    if (protocol == QLatin1String("stomp") || protocol == QLatin1String("sockjs")) {
        // STOMP can show more than a connection: that every destination's subscription is confirmed.
        QList<QByteArray> destinations;
        for (const QString &destination : settings.get<QStringList>(Settings::Key::Destinations))
            destinations.append(destination.toUtf8());
        return std::make_unique<StompConnectionCheck>(StompSettings::connectOptions(settings, secrets),
                                                      stompTransport(protocol, settings), destinations);
    }
    // Every other protocol: one attempt per URL by the source the settings make for it.
    return std::make_unique<SourceConnectionCheck>(
        settings.urls(Settings::Key::ServerUrls),
        [settings, secrets, protocol](const QUrl &url, qint64 timeoutMs) -> std::unique_ptr<PushSource> {
            const SettingsView one([settings, url](Settings::Key key) -> QVariant {
                if (key == Settings::Key::ServerUrls)
                    return QStringList {url.toString()};
                if (key == Settings::Key::ReconnectMaxAttempts)
                    return 1;
                return settings.value(key);
            });
            std::unique_ptr<PushSource> source = createFor(protocol, one, secrets);
            if (auto *reconnecting = qobject_cast<ReconnectingSource *>(source.get())) {
                ReconnectingSource::ConnectionOptions options = reconnecting->connectionOptions();
                options.connectTimeoutMs = timeoutMs;
                options.reconnect.giveUpWhenAttentionNeeded = true;
                reconnecting->setConnectionOptions(options);
            }
            return source;
        });
}

} // namespace SourceFactory
