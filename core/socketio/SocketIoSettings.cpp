#include "socketio/SocketIoSettings.h"

#include "source/SourceSettings.h"

namespace SocketIoSettings {

SocketIoOptions options(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    using Key = Settings::Key;
    SocketIoOptions options;
    options.connection = SourceSettings::connectionOptions(settings);
    options.transport = SourceSettings::transportOptions(settings, secrets);
    options.transport.subprotocols.clear(); // Engine.IO negotiates nothing at the WebSocket level
    options.events = settings.get<QStringList>(Key::Events);
    options.nsp = settings.get<QString>(Key::Namespace);
    options.auth = auth(SourceSettings::headers(settings, secrets, HeaderSetting::Target::Connect),
                        settings.get<QString>(Key::Login));
    return options;
}

QJsonObject auth(const QList<QPair<QByteArray, QByteArray>> &connectHeaders, const QString &login)
{
    QJsonObject object;
    for (const auto &header : connectHeaders)
        object.insert(QString::fromUtf8(header.first.trimmed()), QString::fromUtf8(header.second.trimmed()));
    if (!login.isEmpty() && !object.contains(QLatin1String("login")))
        object.insert(QStringLiteral("login"), login);
    return object;
}

} // namespace SocketIoSettings
