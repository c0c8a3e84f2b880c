#include "jsonws/JsonWebSocketSettings.h"

#include "source/SourceSettings.h"

namespace JsonWebSocketSettings {

JsonWebSocketOptions options(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    using Key = Settings::Key;
    JsonWebSocketOptions options;
    options.connection = SourceSettings::connectionOptions(settings);
    options.transport = SourceSettings::transportOptions(settings, secrets);
    options.transport.subprotocols.clear(); // a plain WebSocket: offering STOMP's would only mislead the server
    options.login = settings.get<QString>(Key::Login);
    options.clientId = SourceSettings::stableClientId(options.login);
    options.openMessage = settings.get<QString>(Key::OpenMessage);
    options.keepAliveMessage = settings.get<QString>(Key::KeepAliveMessage);
    options.keepAliveIntervalMs = settings.get<int>(Key::KeepAliveIntervalMs);
    return options;
}

} // namespace JsonWebSocketSettings
