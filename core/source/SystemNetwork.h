#pragma once

#include <QNetworkInformation>
#include <QObject>

#include <memory>

// What the operating system says about the network, for ConnectionSupervisor: whether it is reachable, and when the
// way out changed (another medium, a VPN came up). One implementation per platform, each in its own file, and
// create() made by the one that is built:
// - Linux: NetworkManagerNetwork (source/NetworkManagerNetwork.cpp), NetworkManager's own properties on the system
//   bus, as Qt's networkmanager backend reads them.
// - Windows, macOS: QtSystemNetwork (source/QtSystemNetwork.cpp), QNetworkInformation's native backend (NLM,
//   SCNetworkReachability).
// Linux does not go through QNetworkInformation: before it picks a backend, Qt 6 loads every networkinformation plugin
// installed, and the GLib one brings in GIO, GObject, libmount and libblkid, about 1.3 MB resident for the life of the
// process, for a backend Qt's Linux default never uses.
class SystemNetwork : public QObject
{
    Q_OBJECT
public:
    using Reachability = QNetworkInformation::Reachability;

    // The platform's watcher, already watching; nullptr when this system has none to ask (no system bus, no backend).
    static std::unique_ptr<SystemNetwork> create();

    ~SystemNetwork() override = default;
    Q_DISABLE_COPY_MOVE(SystemNetwork)

    virtual QString backendName() const = 0;
    virtual Reachability reachability() const = 0;

Q_SIGNALS:
    void reachabilityChanged(QNetworkInformation::Reachability reachability);
    // The way out changed (Wi-Fi to Ethernet, a VPN came up or went): connections on the old path may be dead.
    void routeChanged();

protected:
    SystemNetwork() = default;
};
