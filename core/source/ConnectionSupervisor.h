#pragma once

#include "source/SystemNetwork.h"

#include <QObject>

#include <memory>

// Tells push sources when the world around them changed: the network came back or took another way out, so a waiting
// reconnect should happen at once and a live connection be verified (connect connectionCheckRequested() to
// PushSource::checkLiveness()). Suspend/resume is caught by each source's LivenessMonitor from wall-clock jumps. Asks
// the platform's SystemNetwork (Linux: NetworkManager; Windows: NLM; macOS: SCNetworkReachability); without one it
// does nothing.
class ConnectionSupervisor final : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionSupervisor(QObject *parent = nullptr);
    ~ConnectionSupervisor() override;
    Q_DISABLE_COPY_MOVE(ConnectionSupervisor)

    // Watches the platform's network (SystemNetwork::create()); false (and a log line) if there is nothing to ask.
    bool watchSystemNetwork();
    // Watches network, which this supervisor then owns; false for nullptr. Tests pass one on a private bus.
    bool watch(std::unique_ptr<SystemNetwork> network);
    bool isWatching() const { return m_network != nullptr; }

public Q_SLOTS:
    void onReachabilityChanged(QNetworkInformation::Reachability reachability);
    void onRouteChanged();

Q_SIGNALS:
    // The network came back or changed: connections may be stale.
    void connectionCheckRequested();

private:
    std::unique_ptr<SystemNetwork> m_network;
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
};
