#pragma once

#include <QNetworkInformation>
#include <QObject>
#include <QPointer>

class StompClient;

// Tells a StompClient when the world around it changed: the network came back or switched medium (a
// waiting reconnect happens at once, a live connection is verified). Suspend/resume is caught by the
// client itself from wall-clock jumps. Uses QNetworkInformation where the platform has a backend (Linux:
// NetworkManager or GLib; Windows: NLM; macOS: SCNetworkReachability); without one it does nothing.
class ConnectionSupervisor final : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionSupervisor(StompClient *client, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionSupervisor)

    // Loads the platform's reachability backend; false (and a log line) if there is none.
    bool watchSystemNetwork();
    bool isWatching() const { return m_watching; }

public Q_SLOTS:
    void onReachabilityChanged(QNetworkInformation::Reachability reachability);
    void onTransportMediumChanged(QNetworkInformation::TransportMedium medium);

private:
    QPointer<StompClient> m_client;
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
    bool m_watching = false;
};
