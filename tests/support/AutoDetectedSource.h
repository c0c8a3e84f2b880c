#pragma once

#include "config/Settings.h"
#include "pipeline/AutoSource.h"
#include "pipeline/SourceFactory.h"

#include <QMap>
#include <QStringList>
#include <QUrl>
#include <QVariant>

#include <memory>

// The push source the applications make for `url` with the protocol left at `auto` (SourceFactory, from settings),
// for integration tests that show `auto` finding each real server. `settings` overrides defaults (destinations for
// STOMP, events, ...); the rest are the key table's defaults.
inline std::unique_ptr<PushSource> autoDetectedSource(const QUrl &url, QMap<Settings::Key, QVariant> settings = {},
                                                      const ConnectionSecrets &secrets = {})
{
    settings.insert(Settings::Key::Protocol, QStringLiteral("auto"));
    settings.insert(Settings::Key::ServerUrls, QStringList {url.toString()});
    settings.insert(Settings::Key::ReconnectInitialMs, 200);
    settings.insert(Settings::Key::ReconnectMaxMs, 1000);
    const SettingsView view([settings](Settings::Key key) {
        return settings.contains(key) ? settings.value(key) : Settings::definition(key).defaultValue;
    });
    return SourceFactory::create(view, secrets);
}

// What auto found ("json-ws", "sse", ...) and why, once the source is connected; empty for another source.
inline QString autoFound(const PushSource *source)
{
    const auto *detected = qobject_cast<const AutoSource *>(source);
    return detected ? detected->protocol() : QString();
}
