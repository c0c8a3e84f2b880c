#include "source/ConnectionSupervisor.h"

#include "base/Logging.h"

ConnectionSupervisor::ConnectionSupervisor(QObject *parent)
    : QObject(parent)
{ }

ConnectionSupervisor::~ConnectionSupervisor() = default;

bool ConnectionSupervisor::watchSystemNetwork()
{
    if (m_network)
        return true;
    return watch(SystemNetwork::create());
}

bool ConnectionSupervisor::watch(std::unique_ptr<SystemNetwork> network)
{
    if (!network) {
        qCInfo(lcSource) << "no network reachability backend on this system; relying on heart-beats";
        return false;
    }
    m_network = std::move(network);
    m_reachability = m_network->reachability();
    connect(m_network.get(), &SystemNetwork::reachabilityChanged, this, &ConnectionSupervisor::onReachabilityChanged);
    connect(m_network.get(), &SystemNetwork::routeChanged, this, &ConnectionSupervisor::onRouteChanged);
    qCInfo(lcSource) << "watching network reachability with backend" << m_network->backendName();
    return true;
}

void ConnectionSupervisor::onReachabilityChanged(QNetworkInformation::Reachability reachability)
{
    const QNetworkInformation::Reachability previous = m_reachability;
    m_reachability = reachability;
    if (reachability == previous)
        return;
    const bool usable = reachability == QNetworkInformation::Reachability::Online
        || reachability == QNetworkInformation::Reachability::Site
        || reachability == QNetworkInformation::Reachability::Local;
    if (usable) {
        qCInfo(lcSource) << "network reachability is now" << reachability << ": checking the connection";
        Q_EMIT connectionCheckRequested();
    }
}

void ConnectionSupervisor::onRouteChanged()
{
    // Moving from Wi-Fi to Ethernet (or a VPN) usually kills the TCP path without telling us.
    qCInfo(lcSource) << "the network's way out changed: checking the connection";
    Q_EMIT connectionCheckRequested();
}
