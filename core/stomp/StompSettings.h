#pragma once

#include "config/Settings.h"
#include "stomp/StompClient.h"
#include "transport/TransportPlan.h"

// The settings' STOMP keys as STOMP options: what a StompPushSource needs, from the saved settings or the values on
// the settings dialog's screen (SettingsView), plus the secrets read from the keychain.
namespace StompSettings {

// URLs, credentials, extra CONNECT and handshake headers, heart-beats, reconnect pacing. A secret header whose value
// is missing from `secrets` is left out (and logged, by name only).
StompConnectOptions connectOptions(const SettingsView &settings, const ConnectionSecrets &secrets);
// One subscription per destination, with stable ids; durable ones carry the broker headers for it.
QList<StompSubscription> subscriptions(const SettingsView &settings,
                                       StompAckMode ackMode = StompAckMode::ClientIndividual);
// How the URLs are spoken to (auto, raw WebSocket, SockJS); auto when the setting is not understood.
TransportMode transportMode(const SettingsView &settings);

} // namespace StompSettings
