#pragma once

#include <QNetworkInformation>
#include <QObject>

// Tells push sources when the world around them changed: the network came back or switched medium, so a waiting
// reconnect should happen at once and a live connection be verified (connect connectionCheckRequested() to
// PushSource::checkLiveness()). Suspend/resume is caught by each source's LivenessMonitor from wall-clock jumps. Uses
// QNetworkInformation where the platform has a backend (Linux: NetworkManager or GLib; Windows: NLM; macOS:
// SCNetworkReachability); without one it does nothing.
class ConnectionSupervisor final : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionSupervisor(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionSupervisor)

    // Loads the platform's reachability backend; false (and a log line) if there is none.
    bool watchSystemNetwork();
    bool isWatching() const { return m_watching; }

public Q_SLOTS:
    void onReachabilityChanged(QNetworkInformation::Reachability reachability);
    void onTransportMediumChanged(QNetworkInformation::TransportMedium medium);

Q_SIGNALS:
    // The network came back or changed: connections may be stale.
    void connectionCheckRequested();

private:
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
    bool m_watching = false;
};
