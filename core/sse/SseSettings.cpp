#include "sse/SseSettings.h"

#include "source/SourceSettings.h"

namespace SseSettings {

SseOptions options(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    SseOptions options;
    options.connection = SourceSettings::connectionOptions(settings);
    options.transport = SourceSettings::transportOptions(settings, secrets);
    options.transport.subprotocols.clear(); // a plain GET: no WebSocket subprotocol
    for (const QString &name : settings.get<QStringList>(Settings::Key::Events)) {
        const QString trimmed = name.trimmed();
        if (!trimmed.isEmpty() && !options.events.contains(trimmed))
            options.events.append(trimmed);
    }
    return options;
}

} // namespace SseSettings
