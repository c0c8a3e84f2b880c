#pragma once

#include "config/Settings.h"
#include "source/ReconnectingSource.h"
#include "transport/Transport.h"

#include <QByteArray>
#include <QList>
#include <QPair>

// The settings every push protocol reads the same way: the URLs and the reconnect pacing, and the extra headers
// (a secret header's value comes from the keychain; one whose value is missing is left out and logged, by name
// only). A protocol's own keys are mapped in its own folder (stomp/StompSettings, jsonws/JsonWebSocketSettings).
namespace SourceSettings {

ReconnectOptions reconnectOptions(const SettingsView &settings);
ReconnectingSource::ConnectionOptions connectionOptions(const SettingsView &settings);
// The configured headers for `target` (the WebSocket/HTTP handshake, or the protocol's own greeting).
QList<QPair<QByteArray, QByteArray>> headers(const SettingsView &settings, const ConnectionSecrets &secrets,
                                             HeaderSetting::Target target);
// TLS verified, the system proxy, and the handshake headers.
TransportOptions transportOptions(const SettingsView &settings, const ConnectionSecrets &secrets);
// A client id that stays the same for this installation and login (the {clientId} placeholder, durable names).
QString stableClientId(const QString &login);

} // namespace SourceSettings
