#pragma once

#include "config/Settings.h"
#include "socketio/SocketIoSource.h"

#include <QJsonObject>

// The settings as a SocketIoSource's options: the shared keys (URLs, reconnect pacing, handshake headers) and the
// Socket.IO ones: Events, Namespace, and the namespace's auth payload.
namespace SocketIoSettings {

SocketIoOptions options(const SettingsView &settings, const ConnectionSecrets &secrets);

// The auth payload of the namespace CONNECT (socket.handshake.auth on the server): every header meant for the
// protocol's greeting (HeaderSetting::Target::Connect, secret ones from the keychain) as a member of that name (the
// value trimmed, as HTTP would), and the login as "login" unless a header is called that. Empty when there is
// neither.
QJsonObject auth(const QList<QPair<QByteArray, QByteArray>> &connectHeaders, const QString &login);

} // namespace SocketIoSettings
