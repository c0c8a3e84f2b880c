#include "ConnectionSupervisor.h"

#include "Logging.h"
#include "StompClient.h"

ConnectionSupervisor::ConnectionSupervisor(StompClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

bool ConnectionSupervisor::watchSystemNetwork()
{
    if (m_watching)
        return true;
    if (!QNetworkInformation::loadDefaultBackend() || !QNetworkInformation::instance()) {
        qCInfo(lcStomp) << "no network reachability backend on this system; relying on heart-beats";
        return false;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    m_reachability = info->reachability();
    connect(info, &QNetworkInformation::reachabilityChanged, this, &ConnectionSupervisor::onReachabilityChanged);
    connect(info, &QNetworkInformation::transportMediumChanged, this, &ConnectionSupervisor::onTransportMediumChanged);
    m_watching = true;
    qCInfo(lcStomp) << "watching network reachability with backend" << info->backendName();
    return true;
}

void ConnectionSupervisor::onReachabilityChanged(QNetworkInformation::Reachability reachability)
{
    const QNetworkInformation::Reachability previous = m_reachability;
    m_reachability = reachability;
    if (!m_client || reachability == previous)
        return;
    const bool usable = reachability == QNetworkInformation::Reachability::Online
        || reachability == QNetworkInformation::Reachability::Site
        || reachability == QNetworkInformation::Reachability::Local;
    if (usable) {
        qCInfo(lcStomp) << "network reachability is now" << reachability << ": checking the connection";
        m_client->checkLiveness();
    }
}

void ConnectionSupervisor::onTransportMediumChanged(QNetworkInformation::TransportMedium medium)
{
    // Moving from Wi-Fi to Ethernet (or a VPN) usually kills the TCP path without telling us.
    if (m_client) {
        qCInfo(lcStomp) << "network medium changed to" << medium << ": checking the connection";
        m_client->checkLiveness();
    }
}
