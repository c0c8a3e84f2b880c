#include "source/NetworkManagerNetwork.h"

#include "base/Logging.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSignalBlocker>

namespace {

const QString kPath = QStringLiteral("/org/freedesktop/NetworkManager");
const QString kInterface = QStringLiteral("org.freedesktop.NetworkManager");
const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kState = QStringLiteral("State");
const QString kPrimaryConnection = QStringLiteral("PrimaryConnection");
const QString kNoConnection = QStringLiteral("/");

// NMState, from NetworkManager's D-Bus API (nm-dbus-interface.h).
enum NMState : uint {
    NmStateUnknown = 0,
    NmStateAsleep = 10,
    NmStateDisconnected = 20,
    NmStateDisconnecting = 30,
    NmStateConnecting = 40,
    NmStateConnectedLocal = 50,
    NmStateConnectedSite = 60,
    NmStateConnectedGlobal = 70,
};

} // namespace

NetworkManagerNetwork::NetworkManagerNetwork(const QDBusConnection &bus, const QString &service)
    : m_bus(bus)
    , m_service(service)
    , m_serviceWatcher(service, bus, QDBusServiceWatcher::WatchForOwnerChange)
{
    connect(&m_serviceWatcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                if (newOwner.isEmpty()) {
                    onServiceGone();
                } else {
                    qCInfo(lcSource) << "NetworkManager is on the bus: reading its state";
                    readProperties();
                }
            });
    if (!m_bus.connect(m_service, kPath, kPropertiesInterface, QStringLiteral("PropertiesChanged"), this,
                       SLOT(onPropertiesChanged(QString, QVariantMap, QStringList))))
        qCWarning(lcSource) << "cannot follow NetworkManager's changes:" << m_bus.lastError().message();
    readProperties();
}

NetworkManagerNetwork::~NetworkManagerNetwork()
{
    m_bus.disconnect(m_service, kPath, kPropertiesInterface, QStringLiteral("PropertiesChanged"), this,
                     SLOT(onPropertiesChanged(QString, QVariantMap, QStringList)));
}

SystemNetwork::Reachability NetworkManagerNetwork::reachabilityOf(uint state)
{
    switch (state) {
    case NmStateDisconnecting: // no point in starting new connections
    case NmStateDisconnected:
        return Reachability::Disconnected;
    case NmStateConnectedLocal:
        return Reachability::Local;
    case NmStateConnectedSite:
        return Reachability::Site;
    case NmStateConnectedGlobal:
        return Reachability::Online;
    case NmStateUnknown:
    case NmStateAsleep:
    case NmStateConnecting:
    default:
        return Reachability::Unknown;
    }
}

void NetworkManagerNetwork::readProperties()
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(m_service, kPath, kPropertiesInterface, QStringLiteral("GetAll"));
    call << kInterface;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, &NetworkManagerNetwork::onPropertiesRead);
}

void NetworkManagerNetwork::onPropertiesRead(QDBusPendingCallWatcher *call)
{
    call->deleteLater();
    const QDBusPendingReply<QVariantMap> reply = *call;
    if (reply.isError()) {
        qCInfo(lcSource).noquote().nospace() << "NetworkManager did not answer (" << reply.error().message()
                                             << "): relying on heart-beats until it is on the bus";
        return;
    }
    if (m_answered) {
        apply(reply.value()); // read again because a property was invalidated
        return;
    }
    m_answered = true;
    {
        // The state at start (or at NetworkManager's return) is where changes are counted from, not a change itself.
        const QSignalBlocker baseline(this);
        apply(reply.value());
    }
    qCInfo(lcSource) << "NetworkManager says the network is" << m_reachability;
    Q_EMIT answered();
}

void NetworkManagerNetwork::onPropertiesChanged(const QString &interface, const QVariantMap &changed,
                                                const QStringList &invalidated)
{
    if (interface != kInterface || !m_answered)
        return; // before the first answer, that answer brings the state
    apply(changed);
    if (invalidated.contains(kState) || invalidated.contains(kPrimaryConnection))
        readProperties();
}

void NetworkManagerNetwork::onServiceGone()
{
    qCInfo(lcSource) << "NetworkManager left the bus: relying on heart-beats until it is back";
    m_answered = false;
    m_primaryConnection.clear();
    setReachability(Reachability::Unknown);
}

void NetworkManagerNetwork::apply(const QVariantMap &properties)
{
    if (const auto state = properties.constFind(kState); state != properties.cend()) {
        bool ok = false;
        const uint value = state->toUInt(&ok);
        if (ok)
            setReachability(reachabilityOf(value));
        else
            qCWarning(lcSource) << "NetworkManager sent a State that is not a number:" << state->typeName();
    }
    if (const auto primary = properties.constFind(kPrimaryConnection); primary != properties.cend()) {
        if (!primary->canConvert<QDBusObjectPath>()) {
            qCWarning(lcSource) << "NetworkManager sent a PrimaryConnection that is not an object path:"
                                << primary->typeName();
            return;
        }
        const QString path = primary->value<QDBusObjectPath>().path();
        const QString previous = std::exchange(m_primaryConnection, path);
        // From one connection to another: the old path's sockets may be dead. From none to one, the state's change
        // already says the network is back.
        if (path != previous && path != kNoConnection && !previous.isEmpty() && previous != kNoConnection) {
            qCInfo(lcSource) << "NetworkManager's primary connection changed";
            Q_EMIT routeChanged();
        }
    }
}

void NetworkManagerNetwork::setReachability(Reachability reachability)
{
    if (reachability == m_reachability)
        return;
    m_reachability = reachability;
    Q_EMIT reachabilityChanged(reachability);
}

std::unique_ptr<SystemNetwork> SystemNetwork::create()
{
    const QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected())
        return nullptr;
    return std::make_unique<NetworkManagerNetwork>(bus);
}
