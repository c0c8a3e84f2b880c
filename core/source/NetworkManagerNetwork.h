#pragma once

#include "source/SystemNetwork.h"

#include <QDBusConnection>
#include <QDBusServiceWatcher>
#include <QVariantMap>

class QDBusPendingCallWatcher;

// Linux's SystemNetwork: NetworkManager's State and PrimaryConnection properties, read once when it is on the bus
// (asynchronously, so start-up never waits for it) and then followed through its PropertiesChanged signal. Reachability
// maps NetworkManager's state as Qt's own networkmanager backend does; a new primary connection (another device, a
// VPN) is a routeChanged(). When NetworkManager is not running, reachability is Unknown, and watching starts when it
// registers on the bus.
class NetworkManagerNetwork final : public SystemNetwork
{
    Q_OBJECT
public:
    static QString defaultService() { return QStringLiteral("org.freedesktop.NetworkManager"); }

    // Watches the NetworkManager at service on bus: the system bus in the application, a private bus in tests.
    explicit NetworkManagerNetwork(const QDBusConnection &bus, const QString &service = defaultService());
    ~NetworkManagerNetwork() override;
    Q_DISABLE_COPY_MOVE(NetworkManagerNetwork)

    QString backendName() const override { return QStringLiteral("networkmanager"); }
    Reachability reachability() const override { return m_reachability; }
    // NetworkManager has answered since it last registered on the bus.
    bool hasAnswered() const { return m_answered; }

    // NetworkManager's NMState (NM_STATE_*) as a reachability.
    static Reachability reachabilityOf(uint state);

Q_SIGNALS:
    // NetworkManager answered the first read of its properties (after start-up, or after it registered again).
    void answered();

private Q_SLOTS:
    // QtDBus subscribes to a remote signal only by a slot's signature (QDBusConnection::connect has no functor form).
    void onPropertiesChanged(const QString &interface, const QVariantMap &changed, const QStringList &invalidated);

private:
    void readProperties();
    void onPropertiesRead(QDBusPendingCallWatcher *call);
    void onServiceGone();
    void apply(const QVariantMap &properties);
    void setReachability(Reachability reachability);

    QDBusConnection m_bus;
    QString m_service;
    QDBusServiceWatcher m_serviceWatcher;
    Reachability m_reachability = Reachability::Unknown;
    QString m_primaryConnection;
    bool m_answered = false;
};
