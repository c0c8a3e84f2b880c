// The promise "no todo lost, none shown twice" on the broker organisations run: a three-node RabbitMQ cluster
// (scripts/rabbitmq-cluster-fixture.sh, started once for these tests) with the quorum queue todo-cluster, the three
// node URLs in connection/urls, and the pipeline the tray application runs (SourceFactory → TodoPipeline). A
// publisher with a receipt per message (stomp_cluster_publish.py, python3-stomp) follows the cluster and re-sends
// what has no receipt. Faults: SIGKILL of the node the client is on mid-burst, a rolling restart of every node,
// and a node partitioned away (the client's path to it stalled by a TcpForwarder, the node itself stopped with
// SIGSTOP so the two others carry on with the quorum). Each time every receipted todo arrives exactly once (one
// todoArrived, which is what notifies), redeliveries stay within the prefetch window, and the reconnects are the
// ones the failover needs.
#include "IntegrationHelpers.h"
#include "TcpForwarder.h"
#include "config/Settings.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/SourceFactory.h"
#include "pipeline/TodoPipeline.h"
#include "source/PushSource.h"
#include "source/ReconnectPolicy.h"
#include "store/TodoStore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int kNodes = 3;
const QString kQueue = QStringLiteral("/amq/queue/todo-cluster");

QString clusterDir()
{
    return qEnvironmentVariable("TODO_RMQC_DIR");
}

int nodePort(int node, const char *kind)
{
    QFile file(QStringLiteral("%1/node%2.%3.port").arg(clusterDir()).arg(node).arg(QLatin1String(kind)));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : 0;
}

// Runs the cluster fixture (kill-node, start-node, ...) and returns its exit code.
int cluster(const QStringList &arguments, QString *output = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("TODO_RMQC_FIXTURE"),
                  QStringList {arguments.first(), clusterDir()} + arguments.mid(1));
    if (!process.waitForFinished(180000))
        return -1;
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text;
    if (process.exitCode() != 0)
        qWarning().noquote() << "cluster" << arguments.join(QLatin1Char(' ')) << "failed:" << text;
    return process.exitCode();
}

// The publisher, started in the background: `count` todos "<prefix><i>" through the nodes' STOMP ports.
std::unique_ptr<QProcess> startPublisher(const QString &prefix, int count, double rate, QList<int> nodes = {2, 3, 1})
{
    QStringList ports;
    for (int node : nodes)
        ports.append(QString::number(nodePort(node, "stomp")));
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral("/usr/bin/python3"),
                   {qEnvironmentVariable("TODO_RMQ_CLUSTER_PUBLISH"), QStringLiteral("--ports"),
                    ports.join(QLatin1Char(',')), QStringLiteral("-d"), kQueue, QStringLiteral("-n"),
                    QString::number(count), QStringLiteral("--id-prefix"), prefix, QStringLiteral("--rate"),
                    QString::number(rate), QStringLiteral("--timeout"), QStringLiteral("150")});
    return process;
}

// Waits for the publisher; its JSON line ({"published", "resent", "reconnects"}), or an empty object on failure.
QJsonObject finish(QProcess *publisher)
{
    // It may have finished already, while the test's event loop ran (then waitForFinished() says false).
    if (publisher->state() != QProcess::NotRunning && !publisher->waitForFinished(180000))
        return {};
    if (publisher->exitStatus() != QProcess::NormalExit || publisher->exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(publisher->readAllStandardOutput().trimmed()).object();
}

} // namespace

class tst_RabbitMqCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void killingTheClientsNodeMidBurstLosesNothing();
    void rollingRestartOfEveryNodeLosesNothing();
    void partitionedNodeIsLeftBehind();

private:
    // The pipeline on `urls` (the nodes' Web-STOMP, or forwarders to them), connected.
    void connectPipeline(const QList<QUrl> &urls);
    // Which node (1..3) the client is connected to, by the port of its URL (a forwarder's is mapped back).
    int connectedNode() const;
    // How many distinct todos "<prefix>..." arrived (todos left in the shared queue by an earlier test may come too).
    int arrivedWithPrefix(const QString &prefix) const;
    // Every todo "<prefix><i>", i < count, arrived exactly once; deliveries of them beyond `count` returned.
    void verifyExactlyOnce(const QString &prefix, int count, int *redelivered);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TodoPipeline> m_pipeline;
    std::unique_ptr<QSignalSpy> m_arrived;
    std::unique_ptr<QSignalSpy> m_connected;
    std::unique_ptr<QSignalSpy> m_reconnecting;
    QHash<QString, int> m_deliveries; // todo id -> messages that carried it
    QHash<int, int> m_portToNode;
    std::vector<std::unique_ptr<TcpForwarder>> m_forwarders;
    int m_paused = 0;
};

void tst_RabbitMqCluster::initTestCase()
{
    if (clusterDir().isEmpty() || qEnvironmentVariable("TODO_RMQC_FIXTURE").isEmpty())
        QSKIP("needs the cluster fixture: run through ctest");
    for (int node = 1; node <= kNodes; ++node) {
        QVERIFY2(nodePort(node, "ws") > 0, "the cluster fixture wrote no port files");
        m_portToNode.insert(nodePort(node, "ws"), node);
    }
    QString status;
    QCOMPARE(cluster({QStringLiteral("status")}, &status), 0);
}

void tst_RabbitMqCluster::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_deliveries.clear();
    m_forwarders.clear();
    m_paused = 0;
}

void tst_RabbitMqCluster::cleanup()
{
    // Whatever a test did, the next one starts from a whole cluster.
    if (m_paused > 0)
        QCOMPARE(cluster({QStringLiteral("resume-node"), QString::number(std::exchange(m_paused, 0))}), 0);
    for (int node = 1; node <= kNodes; ++node)
        QCOMPARE(cluster({QStringLiteral("start-node"), QString::number(node)}), 0);
    if (m_pipeline && m_pipeline->source())
        m_pipeline->source()->stop();
    m_arrived.reset();
    m_connected.reset();
    m_reconnecting.reset();
    m_pipeline.reset();
    m_forwarders.clear();
    m_dir.reset();
}

void tst_RabbitMqCluster::connectPipeline(const QList<QUrl> &urls)
{
    m_pipeline = std::make_unique<TodoPipeline>();
    TodoOptions todo;
    todo.storePath = m_dir->filePath(QStringLiteral("todos.sqlite"));
    QVERIFY(m_pipeline->open(todo));
    QStringList urlTexts;
    for (const QUrl &url : urls)
        urlTexts.append(url.toString());
    // What an administrator sets for a cluster: every node, the quorum queue, quick heart-beats. The prefetch and
    // the reconnect policy are the application's defaults.
    const QMap<Settings::Key, QVariant> values {
        {Settings::Key::ServerUrls, urlTexts},
        {Settings::Key::Protocol, QStringLiteral("stomp")},
        {Settings::Key::Transport, QStringLiteral("websocket")},
        {Settings::Key::Destinations, QStringList {kQueue}},
        {Settings::Key::Login, QStringLiteral("guest")},
        {Settings::Key::HeartbeatOutMs, 2000},
        {Settings::Key::HeartbeatInMs, 2000},
    };
    const SettingsView view([values](Settings::Key key) {
        return values.contains(key) ? values.value(key) : Settings::definition(key).defaultValue;
    });
    ConnectionSecrets secrets;
    secrets.passcode = "guest";
    m_pipeline->setSource(SourceFactory::create(view, secrets));
    PushSource *source = m_pipeline->source();
    m_arrived = std::make_unique<QSignalSpy>(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    m_connected = std::make_unique<QSignalSpy>(source, &PushSource::connected);
    m_reconnecting = std::make_unique<QSignalSpy>(source, &PushSource::reconnecting);
    connect(source, &PushSource::messageReceived, this, [this](const InboundMessage &message) {
        const QString id = QJsonDocument::fromJson(message.body).object().value(QLatin1String("id")).toString();
        ++m_deliveries[id];
    });
    source->start();
    QVERIFY(m_connected->wait(30000));
}

int tst_RabbitMqCluster::connectedNode() const
{
    int port = m_pipeline->source()->currentUrl().port();
    for (const auto &forwarder : m_forwarders) {
        if (forwarder->port() == port)
            port = int(forwarder->property("targetPort").toInt());
    }
    return m_portToNode.value(port);
}

int tst_RabbitMqCluster::arrivedWithPrefix(const QString &prefix) const
{
    QSet<QString> ids;
    for (const QList<QVariant> &args : std::as_const(*m_arrived)) {
        const QString key = args.first().value<Todo>().key;
        if (key.startsWith(QStringLiteral("id:") + prefix))
            ids.insert(key);
    }
    return int(ids.size());
}

void tst_RabbitMqCluster::verifyExactlyOnce(const QString &prefix, int count, int *redelivered)
{
    QHash<QString, int> arrivedById;
    for (const QList<QVariant> &args : std::as_const(*m_arrived))
        ++arrivedById[args.first().value<Todo>().key];
    int deliveries = 0;
    for (int i = 0; i < count; ++i) {
        const QString id = prefix + QString::number(i);
        QVERIFY2(m_pipeline->store()->todo(QStringLiteral("id:") + id).has_value(),
                 qPrintable(id + QStringLiteral(" is not stored")));
        QVERIFY2(arrivedById.value(QStringLiteral("id:") + id) == 1,
                 qPrintable(
                     QStringLiteral("%1 arrived %2 times").arg(id).arg(arrivedById.value(QStringLiteral("id:") + id))));
        deliveries += m_deliveries.value(id);
    }
    *redelivered = deliveries - count;
}

void tst_RabbitMqCluster::killingTheClientsNodeMidBurstLosesNothing()
{
    // A backlog waits in the quorum queue (led by node1); the client starts on node1 and node1 is killed while the
    // backlog streams in; more todos are published meanwhile through the other nodes.
    // More than the prefetch window is still waiting when the node dies, so the bound below says something.
    constexpr int backlog = 3 * Settings::kDefaultPrefetchCount, during = 500;
    const QString prefix = QStringLiteral("kill-");
    std::unique_ptr<QProcess> first = startPublisher(prefix, backlog, 0);
    QVERIFY(finish(first.get()).value(QLatin1String("published")).toInt() == backlog);

    QList<QUrl> urls;
    for (int node = 1; node <= kNodes; ++node)
        urls.append(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(nodePort(node, "ws"))));
    connectPipeline(urls);
    const int victim = connectedNode();
    QCOMPARE(victim, 1);
    QTRY_VERIFY_WITH_TIMEOUT(arrivedWithPrefix(prefix) >= 200, 30000);
    QVERIFY2(arrivedWithPrefix(prefix) < backlog, "the backlog was through before the crash: nothing was in flight");
    QElapsedTimer sinceLoss; // measured and reported, not asserted: tests do not time things
    connect(m_pipeline->source(), &PushSource::disconnected, this, [&sinceLoss] { sinceLoss.start(); });
    qint64 failoverMs = -1;
    connect(m_pipeline->source(), &PushSource::connected, this, [&] {
        if (sinceLoss.isValid() && failoverMs < 0)
            failoverMs = sinceLoss.elapsed();
    });
    QCOMPARE(cluster({QStringLiteral("kill-node"), QString::number(victim)}), 0);

    // Numbered after the backlog, through the surviving nodes.
    std::unique_ptr<QProcess> second = startPublisher(prefix + QStringLiteral("late-"), during, 0, {2, 3});
    QTRY_VERIFY_WITH_TIMEOUT(m_connected->size() >= 2, 15000);
    QVERIFY(connectedNode() != victim);
    // The failover went to another node at once, not after the backoff.
    QVERIFY(!m_reconnecting->isEmpty());
    const QList<QVariant> firstRetry = m_reconnecting->first();
    QVERIFY2(firstRetry.at(1).toLongLong() <= ReconnectOptions().failoverDelayMs,
             qPrintable(QString::number(firstRetry.at(1).toLongLong())));
    QVERIFY(m_portToNode.value(firstRetry.at(2).toUrl().port()) != victim);

    const QJsonObject published = finish(second.get());
    QCOMPARE(published.value(QLatin1String("published")).toInt(), during);
    QTRY_COMPARE_WITH_TIMEOUT(arrivedWithPrefix(prefix), backlog + during, 60000);
    int redelivered = 0;
    verifyExactlyOnce(prefix, backlog, &redelivered);
    int lateRedelivered = 0;
    verifyExactlyOnce(prefix + QStringLiteral("late-"), during, &lateRedelivered);
    // What was in flight on the dead connection comes again, bounded by the prefetch window (and a message the
    // publisher had to send twice arrives twice).
    qInfo() << "redelivered" << redelivered << "+" << lateRedelivered << "publisher" << published << "connections"
            << m_connected->size();
    QVERIFY2(redelivered + lateRedelivered
                 <= Settings::kDefaultPrefetchCount + published.value(QLatin1String("resent")).toInt(),
             qPrintable(QString::number(redelivered + lateRedelivered)));
    QCOMPARE(m_connected->size(), 2); // the first connection and the failover: nothing else
}

void tst_RabbitMqCluster::rollingRestartOfEveryNodeLosesNothing()
{
    // An upgrade: every node in turn stops gracefully and comes back, while todos keep coming.
    constexpr int total = 1200;
    const QString prefix = QStringLiteral("rolling-");
    QList<QUrl> urls;
    for (int node = 1; node <= kNodes; ++node)
        urls.append(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(nodePort(node, "ws"))));
    connectPipeline(urls);
    std::unique_ptr<QProcess> publisher = startPublisher(prefix, total, 25);
    int losses = 0;
    connect(m_pipeline->source(), &PushSource::disconnected, this, [&losses] { ++losses; });
    for (int node = 1; node <= kNodes; ++node) {
        const int before = arrivedWithPrefix(prefix);
        QTRY_VERIFY_WITH_TIMEOUT(arrivedWithPrefix(prefix) > before + 20, 30000); // todos flow before each restart
        QCOMPARE(cluster({QStringLiteral("stop-node"), QString::number(node)}), 0);
        QCOMPARE(cluster({QStringLiteral("start-node"), QString::number(node)}), 0);
    }
    const QJsonObject published = finish(publisher.get());
    QCOMPARE(published.value(QLatin1String("published")).toInt(), total);
    QTRY_COMPARE_WITH_TIMEOUT(arrivedWithPrefix(prefix), total, 60000);
    int redelivered = 0;
    verifyExactlyOnce(prefix, total, &redelivered);
    qInfo() << "redelivered" << redelivered << "publisher" << published << "connections" << m_connected->size()
            << "losses" << losses;
    // Each lost connection redelivers at most the prefetch window.
    QVERIFY2(redelivered <= losses * Settings::kDefaultPrefetchCount + published.value(QLatin1String("resent")).toInt(),
             qPrintable(QString::number(redelivered)));
    // Each lost connection took one new one: the failover found a live node first time.
    QCOMPARE(m_connected->size(), losses + 1);
    QVERIFY2(losses <= kNodes, qPrintable(QString::number(losses)));
}

void tst_RabbitMqCluster::partitionedNodeIsLeftBehind()
{
    // The client reaches every node through a forwarder. The node it is on is cut off: its forwarder stalls
    // (nothing in either direction, connections stay open) and the node's VM stops (SIGSTOP), so the two others
    // declare it down and go on with the quorum. Only the heart-beats can tell the client.
    constexpr int total = 800;
    const QString prefix = QStringLiteral("partition-");
    QList<QUrl> urls;
    for (int node = 1; node <= kNodes; ++node) {
        auto forwarder = std::make_unique<TcpForwarder>();
        QVERIFY(forwarder->listen(QHostAddress::LocalHost, quint16(nodePort(node, "ws"))));
        forwarder->setProperty("targetPort", nodePort(node, "ws"));
        urls.append(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(forwarder->port())));
        m_forwarders.push_back(std::move(forwarder));
    }
    connectPipeline(urls);
    const int victim = connectedNode();
    QVERIFY(victim >= 1);
    QList<int> others;
    for (int node = 1; node <= kNodes; ++node) {
        if (node != victim)
            others.append(node);
    }
    std::unique_ptr<QProcess> publisher = startPublisher(prefix, total, 40, others);
    QTRY_VERIFY_WITH_TIMEOUT(arrivedWithPrefix(prefix) >= 100, 30000);
    QSignalSpy lost(m_pipeline->source(), &PushSource::disconnected);
    m_forwarders.at(victim - 1)->setStalled(true);
    QCOMPARE(cluster({QStringLiteral("pause-node"), QString::number(victim)}), 0);
    m_paused = victim;

    QVERIFY(lost.wait(20000));
    QCOMPARE(lost.first().first().value<PushError>().kind, PushError::Kind::HeartbeatLost);
    QTRY_VERIFY_WITH_TIMEOUT(m_connected->size() >= 2, 20000);
    QVERIFY(connectedNode() != victim);
    const QJsonObject published = finish(publisher.get());
    QCOMPARE(published.value(QLatin1String("published")).toInt(), total);
    // What was delivered on the stalled connection and never acknowledged comes back once the majority has
    // declared the node down.
    QTRY_COMPARE_WITH_TIMEOUT(arrivedWithPrefix(prefix), total, 90000);
    int redelivered = 0;
    verifyExactlyOnce(prefix, total, &redelivered);
    qInfo() << "redelivered" << redelivered << "publisher" << published << "connections" << m_connected->size()
            << "losses" << lost.size();
    QVERIFY2(redelivered <= int(lost.size()) * Settings::kDefaultPrefetchCount
                     + published.value(QLatin1String("resent")).toInt(),
             qPrintable(QString::number(redelivered)));
    // Until the majority has declared the paused node down (net_ticktime), a node the client fails over to may
    // itself stall waiting for it and be left the same way: one new connection per loss, never a failed attempt.
    QCOMPARE(m_connected->size(), int(lost.size()) + 1);
    QVERIFY2(lost.size() <= 2, qPrintable(QString::number(lost.size())));
}

QTEST_GUILESS_MAIN(tst_RabbitMqCluster)
#include "tst_rabbitmq_cluster.moc"
