#include "source/ConnectionSupervisor.h"

#include "base/Logging.h"

ConnectionSupervisor::ConnectionSupervisor(QObject *parent)
    : QObject(parent)
{ }

bool ConnectionSupervisor::watchSystemNetwork()
{
    if (m_watching)
        return true;
    if (!QNetworkInformation::loadDefaultBackend() || !QNetworkInformation::instance()) {
        qCInfo(lcSource) << "no network reachability backend on this system; relying on heart-beats";
        return false;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    m_reachability = info->reachability();
    connect(info, &QNetworkInformation::reachabilityChanged, this, &ConnectionSupervisor::onReachabilityChanged);
    connect(info, &QNetworkInformation::transportMediumChanged, this, &ConnectionSupervisor::onTransportMediumChanged);
    m_watching = true;
    qCInfo(lcSource) << "watching network reachability with backend" << info->backendName();
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

void ConnectionSupervisor::onTransportMediumChanged(QNetworkInformation::TransportMedium medium)
{
    // Moving from Wi-Fi to Ethernet (or a VPN) usually kills the TCP path without telling us.
    qCInfo(lcSource) << "network medium changed to" << medium << ": checking the connection";
    Q_EMIT connectionCheckRequested();
}
