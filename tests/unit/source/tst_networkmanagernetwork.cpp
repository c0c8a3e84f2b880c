// NetworkManagerNetwork and ConnectionSupervisor on Linux: a small NetworkManager in this process (its State and
// PrimaryConnection properties and their PropertiesChanged signal, on a connection of its own to a private session
// bus, see CMakeLists.txt), whose network drops and comes back, changes its way out, sends nonsense, leaves the bus and
// returns. The real NetworkManager needs the system bus and a machine's devices, which a test cannot have.
#include "source/ConnectionSupervisor.h"
#include "source/NetworkManagerNetwork.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVirtualObject>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kPath = QStringLiteral("/org/freedesktop/NetworkManager");
const QString kInterface = QStringLiteral("org.freedesktop.NetworkManager");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");
constexpr uint kDisconnected = 20;
constexpr uint kConnecting = 40;
constexpr uint kConnectedGlobal = 70;
constexpr int kWaitMs = 5000;

QVariant objectPath(const QString &path)
{
    return QVariant::fromValue(QDBusObjectPath(path));
}

// NetworkManager's main object, as far as NetworkManagerNetwork reads it.
class StandInNetworkManager final : public QDBusVirtualObject
{
public:
    explicit StandInNetworkManager(const QDBusConnection &connection)
        : m_connection(connection)
    { }

    QVariantMap properties {{QStringLiteral("State"), kConnectedGlobal},
                            {QStringLiteral("PrimaryConnection"),
                             objectPath(QStringLiteral("/org/freedesktop/NetworkManager/ActiveConnection/1"))}};

    bool start()
    {
        return m_connection.registerVirtualObject(kPath, this)
            && m_connection.registerService(NetworkManagerNetwork::defaultService());
    }
    void stop()
    {
        m_connection.unregisterService(NetworkManagerNetwork::defaultService());
        m_connection.unregisterObject(kPath);
    }

    // Sets the properties and says so, as NetworkManager does.
    void change(const QVariantMap &changed)
    {
        for (auto it = changed.cbegin(); it != changed.cend(); ++it)
            properties.insert(it.key(), it.value());
        QDBusMessage signal = QDBusMessage::createSignal(kPath, kProperties, QStringLiteral("PropertiesChanged"));
        signal << kInterface << changed << QStringList();
        QVERIFY(m_connection.send(signal));
    }

    QString introspect(const QString &) const override { return {}; }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        if (message.interface() == kProperties && message.member() == QLatin1String("GetAll")
            && message.arguments().value(0).toString() == kInterface) {
            return connection.send(message.createReply(QVariant(properties)));
        }
        return connection.send(
            message.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.UnknownMethod"), message.member()));
    }

private:
    QDBusConnection m_connection;
};

} // namespace

class tst_NetworkManagerNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void statesMapLikeQtsBackend_data();
    void statesMapLikeQtsBackend();
    void stateAtStartIsNoReasonToCheck();
    void networkBackAfterAnOutageAsksForACheck();
    void anotherWayOutAsksForACheck();
    void nonsenseFromNetworkManagerChangesNothing();
    void networkManagerStartingLaterIsWatched();
    void networkManagerLeavingMakesTheNetworkUnknown();
    void noQtNetworkPluginIsLoaded();

private:
    // Watches the stand-in through a supervisor, as the application does; waits for the first answer if there is one.
    void watch(bool waitForAnswer = true);

    std::unique_ptr<QDBusConnection> m_standInConnection;
    std::unique_ptr<StandInNetworkManager> m_networkManager;
    std::unique_ptr<ConnectionSupervisor> m_supervisor;
    NetworkManagerNetwork *m_network = nullptr; // owned by m_supervisor
};

void tst_NetworkManagerNetwork::init()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "needs a session bus: run under dbus-run-session");
    m_standInConnection = std::make_unique<QDBusConnection>(
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("network-manager-stand-in")));
    QVERIFY(m_standInConnection->isConnected());
    m_networkManager = std::make_unique<StandInNetworkManager>(*m_standInConnection);
}

void tst_NetworkManagerNetwork::cleanup()
{
    m_supervisor.reset();
    m_network = nullptr;
    if (m_networkManager)
        m_networkManager->stop();
    m_networkManager.reset();
    m_standInConnection.reset();
    QDBusConnection::disconnectFromBus(QStringLiteral("network-manager-stand-in"));
}

void tst_NetworkManagerNetwork::watch(bool waitForAnswer)
{
    auto network = std::make_unique<NetworkManagerNetwork>(QDBusConnection::sessionBus());
    m_network = network.get();
    QSignalSpy answered(m_network, &NetworkManagerNetwork::answered);
    m_supervisor = std::make_unique<ConnectionSupervisor>();
    QVERIFY(m_supervisor->watch(std::move(network)));
    QVERIFY(m_supervisor->isWatching());
    if (waitForAnswer)
        QVERIFY(answered.wait(kWaitMs));
}

void tst_NetworkManagerNetwork::statesMapLikeQtsBackend_data()
{
    using Reachability = QNetworkInformation::Reachability;
    QTest::addColumn<uint>("state");
    QTest::addColumn<Reachability>("reachability");
    QTest::newRow("unknown") << 0u << Reachability::Unknown;
    QTest::newRow("asleep") << 10u << Reachability::Unknown;
    QTest::newRow("disconnected") << 20u << Reachability::Disconnected;
    QTest::newRow("disconnecting") << 30u << Reachability::Disconnected;
    QTest::newRow("connecting") << 40u << Reachability::Unknown;
    QTest::newRow("connected, local") << 50u << Reachability::Local;
    QTest::newRow("connected, site") << 60u << Reachability::Site;
    QTest::newRow("connected, global") << 70u << Reachability::Online;
    QTest::newRow("a state of a later NetworkManager") << 80u << Reachability::Unknown;
}

void tst_NetworkManagerNetwork::statesMapLikeQtsBackend()
{
    QFETCH(uint, state);
    QFETCH(QNetworkInformation::Reachability, reachability);
    QCOMPARE(NetworkManagerNetwork::reachabilityOf(state), reachability);
}

void tst_NetworkManagerNetwork::stateAtStartIsNoReasonToCheck()
{
    QVERIFY(m_networkManager->start());
    watch();
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Online);
    QCOMPARE(m_network->backendName(), QStringLiteral("networkmanager"));
    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    // Something else changes (no State, no PrimaryConnection): nothing to check either.
    QSignalSpy reachability(m_network, &SystemNetwork::reachabilityChanged);
    m_networkManager->change({{QStringLiteral("State"), kConnectedGlobal}, {QStringLiteral("Metered"), 4u}});
    m_networkManager->change({{QStringLiteral("State"), kConnecting}});
    QVERIFY(reachability.wait(kWaitMs));
    QCOMPARE(reachability.size(), 1); // only the second one changed anything
    QCOMPARE(checks.size(), 0);
}

void tst_NetworkManagerNetwork::networkBackAfterAnOutageAsksForACheck()
{
    QVERIFY(m_networkManager->start());
    watch();
    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    QSignalSpy reachability(m_network, &SystemNetwork::reachabilityChanged);

    m_networkManager->change({{QStringLiteral("State"), kDisconnected},
                              {QStringLiteral("PrimaryConnection"), objectPath(QStringLiteral("/"))}});
    QVERIFY(reachability.wait(kWaitMs));
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Disconnected);
    QCOMPARE(checks.size(), 0); // nothing to reconnect to

    m_networkManager->change({{QStringLiteral("State"), kConnectedGlobal},
                              {QStringLiteral("PrimaryConnection"),
                               objectPath(QStringLiteral("/org/freedesktop/NetworkManager/ActiveConnection/2"))}});
    QVERIFY(checks.wait(kWaitMs));
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Online);
    QCOMPARE(checks.size(), 1); // once, not once for the state and again for the connection
}

void tst_NetworkManagerNetwork::anotherWayOutAsksForACheck()
{
    QVERIFY(m_networkManager->start());
    watch();
    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    QSignalSpy routes(m_network, &SystemNetwork::routeChanged);

    // Wi-Fi to Ethernet, or a VPN: still online, but on another path.
    m_networkManager->change({{QStringLiteral("PrimaryConnection"),
                               objectPath(QStringLiteral("/org/freedesktop/NetworkManager/ActiveConnection/7"))}});
    QVERIFY(checks.wait(kWaitMs));
    QCOMPARE(routes.size(), 1);

    // The same connection again is no change.
    m_networkManager->change({{QStringLiteral("PrimaryConnection"),
                               objectPath(QStringLiteral("/org/freedesktop/NetworkManager/ActiveConnection/7"))}});
    m_networkManager->change({{QStringLiteral("State"), kDisconnected}});
    QSignalSpy reachability(m_network, &SystemNetwork::reachabilityChanged);
    QVERIFY(reachability.wait(kWaitMs));
    QCOMPARE(routes.size(), 1);
    QCOMPARE(checks.size(), 1);
}

void tst_NetworkManagerNetwork::nonsenseFromNetworkManagerChangesNothing()
{
    QVERIFY(m_networkManager->start());
    watch();
    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    QSignalSpy reachability(m_network, &SystemNetwork::reachabilityChanged);
    QSignalSpy routes(m_network, &SystemNetwork::routeChanged);

    m_networkManager->change(
        {{QStringLiteral("State"), QStringLiteral("online")}, {QStringLiteral("PrimaryConnection"), 42}});
    // A real change after it shows the nonsense was read and dropped, and the watcher still works.
    m_networkManager->change({{QStringLiteral("State"), kDisconnected}});
    QVERIFY(reachability.wait(kWaitMs));
    QCOMPARE(reachability.size(), 1);
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Disconnected);
    QCOMPARE(routes.size(), 0);
    QCOMPARE(checks.size(), 0);
}

void tst_NetworkManagerNetwork::networkManagerStartingLaterIsWatched()
{
    watch(false); // NetworkManager is not on the bus yet
    QSignalSpy answered(m_network, &NetworkManagerNetwork::answered);
    QVERIFY(!m_network->hasAnswered());
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Unknown);

    m_networkManager->properties.insert(QStringLiteral("State"), kDisconnected);
    QVERIFY(m_networkManager->start());
    QVERIFY(answered.wait(kWaitMs));
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Disconnected);

    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    m_networkManager->change({{QStringLiteral("State"), kConnectedGlobal}});
    QVERIFY(checks.wait(kWaitMs));
}

void tst_NetworkManagerNetwork::networkManagerLeavingMakesTheNetworkUnknown()
{
    QVERIFY(m_networkManager->start());
    watch();
    QSignalSpy checks(m_supervisor.get(), &ConnectionSupervisor::connectionCheckRequested);
    QSignalSpy reachability(m_network, &SystemNetwork::reachabilityChanged);
    QSignalSpy answered(m_network, &NetworkManagerNetwork::answered);

    m_networkManager->stop();
    QVERIFY(reachability.wait(kWaitMs));
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Unknown);
    QVERIFY(!m_network->hasAnswered());

    // Restarted, it is read again; being back online is its state, not a change to act on.
    QVERIFY(m_networkManager->start());
    QVERIFY(answered.wait(kWaitMs));
    QCOMPARE(m_network->reachability(), QNetworkInformation::Reachability::Online);
    QCOMPARE(checks.size(), 0);
}

void tst_NetworkManagerNetwork::noQtNetworkPluginIsLoaded()
{
    // Qt's QNetworkInformation would load every networkinformation plugin, GLib's with GIO among them (about 1.3 MB
    // resident). The application watches the system's network without them.
    ConnectionSupervisor supervisor;
    supervisor.watchSystemNetwork(); // there is no system bus here: false, and nothing loaded
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY2(!mapped.contains("/networkinformation/"), "a QNetworkInformation plugin was loaded");
    QVERIFY2(!mapped.contains("libgio-2.0"), "GIO was loaded");
}

QTEST_GUILESS_MAIN(tst_NetworkManagerNetwork)
#include "tst_networkmanagernetwork.moc"
