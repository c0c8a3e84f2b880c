#include "pipeline/SourceFactory.h"

#include "jsonws/JsonWebSocketSettings.h"
#include "jsonws/JsonWebSocketSource.h"
#include "socketio/SocketIoSettings.h"
#include "socketio/SocketIoSource.h"
#include "source/SourceConnectionCheck.h"
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
TransportMode stompTransport(const SettingsView &settings)
{
    return protocolOf(settings) == QLatin1String("sockjs") ? TransportMode::SockJs
                                                           : StompSettings::transportMode(settings);
}

} // namespace

std::unique_ptr<PushSource> create(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    if (protocolOf(settings) == QLatin1String("json-ws")) {
        auto source = std::make_unique<JsonWebSocketSource>();
        source->setOptions(JsonWebSocketSettings::options(settings, secrets));
        return source;
    }
    if (protocolOf(settings) == QLatin1String("socketio")) {
        auto source = std::make_unique<SocketIoSource>();
        source->setOptions(SocketIoSettings::options(settings, secrets));
        return source;
    }
    auto source = std::make_unique<StompPushSource>();
    source->setTransportMode(stompTransport(settings));
    source->setOptions(StompSettings::connectOptions(settings, secrets));
    source->setSubscriptions(StompSettings::subscriptions(settings, StompAckMode::ClientIndividual));
    return source;
}

std::unique_ptr<ConnectionCheck> createCheck(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    if (protocolOf(settings) == QLatin1String("json-ws")) {
        const JsonWebSocketOptions options = JsonWebSocketSettings::options(settings, secrets);
        return std::make_unique<SourceConnectionCheck>(
            options.connection.urls, [options](const QUrl &url, qint64 timeoutMs) -> std::unique_ptr<PushSource> {
                JsonWebSocketOptions one = options;
                one.connection.urls = {url};
                one.connection.connectTimeoutMs = timeoutMs;
                one.connection.reconnect.maxAttempts = 1;
                auto source = std::make_unique<JsonWebSocketSource>();
                source->setOptions(one);
                return source;
            });
    }
    if (protocolOf(settings) == QLatin1String("socketio")) {
        const SocketIoOptions options = SocketIoSettings::options(settings, secrets);
        return std::make_unique<SourceConnectionCheck>(
            options.connection.urls, [options](const QUrl &url, qint64 timeoutMs) -> std::unique_ptr<PushSource> {
                SocketIoOptions one = options;
                one.connection.urls = {url};
                one.connection.connectTimeoutMs = timeoutMs;
                one.connection.reconnect.maxAttempts = 1;
                auto source = std::make_unique<SocketIoSource>();
                source->setOptions(one);
                return source;
            });
    }
    StompConnectOptions options = StompSettings::connectOptions(settings, secrets);
    QList<QByteArray> destinations;
    for (const QString &destination : settings.get<QStringList>(Settings::Key::Destinations))
        destinations.append(destination.toUtf8());
    return std::make_unique<StompConnectionCheck>(options, stompTransport(settings), destinations);
}

} // namespace SourceFactory
