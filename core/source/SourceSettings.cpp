#include "source/SourceSettings.h"

#include "base/Logging.h"

#include <QCryptographicHash>
#include <QSysInfo>

namespace SourceSettings {

ReconnectOptions reconnectOptions(const SettingsView &settings)
{
    using Key = Settings::Key;
    ReconnectOptions options;
    options.initialDelayMs = settings.get<int>(Key::ReconnectInitialMs);
    options.maxDelayMs = settings.get<int>(Key::ReconnectMaxMs);
    options.maxAttempts = settings.get<int>(Key::ReconnectMaxAttempts);
    return options;
}

ReconnectingSource::ConnectionOptions connectionOptions(const SettingsView &settings)
{
    ReconnectingSource::ConnectionOptions options;
    options.urls = settings.urls(Settings::Key::ServerUrls);
    options.reconnect = reconnectOptions(settings);
    return options;
}

QList<QPair<QByteArray, QByteArray>> headers(const SettingsView &settings, const ConnectionSecrets &secrets,
                                             HeaderSetting::Target target)
{
    QList<QPair<QByteArray, QByteArray>> list;
    for (const HeaderSetting &header : settings.headers()) {
        if (header.target != target)
            continue;
        QByteArray value = header.value.toUtf8();
        if (header.secret) {
            const auto found = secrets.headerValues.constFind(header.secretItem());
            if (found == secrets.headerValues.constEnd()) {
                qCWarning(lcSettings) << "leaving out header" << header.name << ": its secret value is not available";
                continue;
            }
            value = *found;
        }
        list.append({header.name.toUtf8(), value});
    }
    return list;
}

TransportOptions transportOptions(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    TransportOptions options;
    options.handshakeHeaders = headers(settings, secrets, HeaderSetting::Target::Handshake);
    return options;
}

QString stableClientId(const QString &login)
{
    const QByteArray seed =
        QSysInfo::machineUniqueId() + '\n' + QSysInfo::machineHostName().toUtf8() + '\n' + login.toUtf8();
    return QStringLiteral("todo-notifier-")
        + QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace SourceSettings
