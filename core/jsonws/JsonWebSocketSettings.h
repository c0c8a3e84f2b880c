#pragma once

#include "config/Settings.h"
#include "jsonws/JsonWebSocketSource.h"

// The settings' plain-WebSocket keys (open message, keep-alive) with the shared ones (URLs, reconnect, handshake
// headers) as a JsonWebSocketSource's options.
namespace JsonWebSocketSettings {

JsonWebSocketOptions options(const SettingsView &settings, const ConnectionSecrets &secrets);

} // namespace JsonWebSocketSettings
