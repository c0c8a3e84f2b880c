#include "pipeline/SourceFactory.h"

#include "stomp/StompConnectionCheck.h"
#include "stomp/StompPushSource.h"
#include "stomp/StompSettings.h"

namespace SourceFactory {

std::unique_ptr<PushSource> create(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    auto source = std::make_unique<StompPushSource>();
    source->setTransportMode(StompSettings::transportMode(settings));
    source->setOptions(StompSettings::connectOptions(settings, secrets));
    source->setSubscriptions(StompSettings::subscriptions(settings, StompAckMode::ClientIndividual));
    return source;
}

std::unique_ptr<ConnectionCheck> createCheck(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    StompConnectOptions options = StompSettings::connectOptions(settings, secrets);
    QList<QByteArray> destinations;
    for (const QString &destination : settings.get<QStringList>(Settings::Key::Destinations))
        destinations.append(destination.toUtf8());
    return std::make_unique<StompConnectionCheck>(options, StompSettings::transportMode(settings), destinations);
}

} // namespace SourceFactory
