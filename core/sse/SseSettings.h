#pragma once

#include "config/Settings.h"
#include "sse/SseSource.h"

// The settings' Server-Sent Events key (Events: which event types carry todos) with the shared ones (URLs,
// reconnect, handshake headers, TLS, proxy) as an SseSource's options.
namespace SseSettings {

SseOptions options(const SettingsView &settings, const ConnectionSecrets &secrets);

} // namespace SseSettings
