// TodoIngestor between a real StompClient, the in-process DemoPushServer (a broker-like peer that keeps
// client-individual MESSAGEs unacked until ACKed and redelivers NACKed or orphaned ones) and a TodoStore on a
// real SQLite file. Time (the coalescing window, the retry delay, reconnects) runs on MockClock.
//
// What must hold: the server sees the ACK only after the todo is committed (checked from the server's side,
// by reading the database file at the moment the ACK arrives); a failed commit NACKs, and the redelivery is
// stored once; a crash between commit and ACK (the connection dies) redelivers and stores once, with one
// todoArrived(); bursts are committed in bounded batches.
#include "FaultInjectingDemoServer.h"
#include "MockClock.h"
#include "ingest/TodoIngestor.h"
#include "stomp/StompClient.h"
#include "stomp/StompPushSource.h"
#include "store/TodoStore.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

constexpr int kWaitMs = 5000;
const QByteArray kQueue = "/queue/todos";

QByteArray todoBody(const QString &id, const QString &title, int pending = 1)
{
    return QStringLiteral(
               R"({"data":{"sysMsgList":[{"id":"%1","title":"%2","metaData":{"urgency":0}}],"sysMsgNums":%3},)"
               R"("fromUserId":null})")
        .arg(id, title)
        .arg(pending)
        .toUtf8();
}

// An envelope listing todos `ids` with the pending count `pending` (-1: none) and `extra` fields beside them.
QByteArray listBody(const QStringList &ids, int pending, const QByteArray &extra = {})
{
    QStringList todos;
    for (const QString &id : ids)
        todos.append(QStringLiteral(R"({"id":"%1","title":"todo %1"})").arg(id));
    QByteArray body = "{\"data\":{\"sysMsgList\":[" + todos.join(QLatin1Char(',')).toUtf8() + "]";
    if (pending >= 0)
        body += ",\"sysMsgNums\":" + QByteArray::number(pending);
    return body + extra + "}}";
}

// A push that needs no settling (as from a plain WebSocket).
InboundMessage push(const QByteArray &body, const QByteArray &id)
{
    InboundMessage message;
    message.body = body;
    message.messageId = id;
    return message;
}

// Reads the database file through its own connection, as an outside observer.
int rowsWithKey(const QString &path, const QString &key)
{
    const QString name = QStringLiteral("observer-%1").arg(QRandomGenerator::global()->generate());
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT count(*) FROM todos WHERE key = :key"));
            query.bindValue(QStringLiteral(":key"), key);
            if (query.exec() && query.next())
                rows = query.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

bool sabotage(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("saboteur-%1").arg(QRandomGenerator::global()->generate());
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning() << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

const QString kFailInserts = QStringLiteral(
    "CREATE TRIGGER fail_inserts BEFORE INSERT ON todos BEGIN SELECT RAISE(ABORT, 'disk is full (simulated)'); END");

} // namespace

class tst_TodoIngestor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void ackComesOnlyAfterCommit();
    void failedCommitNacksAndRedeliveryIsStoredOnce();
    void crashBetweenCommitAndAckStoresOnce();
    void rePushIsAnUpdateNotANewTodo();
    void burstIsCommittedInBoundedBatches_data();
    void burstIsCommittedInBoundedBatches();
    void writerThreadCommitsBeforeAcknowledging();
    void flushWaitsForTheWriterThread();
    void otherTimersRunBetweenTwoSlices();
    void keepAlivesAndPoisonAreAcknowledgedInOrder();
    void autoAckMessagesAreRetriedAfterFailure();
    void ackWaitsUntilTheCommitIsDurable();
    void withoutDurableBeforeAckTheAckFollowsTheCommit();
    void replacedStoreNacksWhatItHeld();
    void catchUpBodiesGoThroughTheSamePath();
    void completePendingListMarksTheRestDone();
    void pagedOrCountlessListMarksNothing_data();
    void pagedOrCountlessListMarksNothing();
    void pendingCountOfZeroMarksEveryTodoDone();
    void removedIdsMarkExactlyThoseDone();
    void snoozedTodoDoneElsewhereEndsItsSnooze();
    void droppedCountWithoutNamesAsksForThePendingList();

private:
    void connectAndSubscribe(StompAckMode mode = StompAckMode::ClientIndividual);
    // The store runs the ingestor's commits on its writer thread, as in the application (TodoPipeline).
    void useWriterThread()
    {
        TodoStoreOptions options = m_store->options();
        options.writerThread = true;
        m_store->setOptions(options);
    }
    QString dbPath() const { return m_dir->filePath(QStringLiteral("todos.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<FaultInjectingDemoServer> m_server;
    std::unique_ptr<StompClient> m_client;
    std::unique_ptr<StompPushSource> m_source; // the client behind the seam the ingestor takes
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoIngestor> m_ingestor;
};

void tst_TodoIngestor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>();
    m_server = std::make_unique<FaultInjectingDemoServer>();
    m_server->setClock(m_clock.get());
    m_server->setPublishInterval(0);
    m_server->setHeartbeat(0, 0);
    QVERIFY(m_server->listen());
    m_client = std::make_unique<StompClient>();
    m_source = std::make_unique<StompPushSource>(m_client.get());
    m_client->setClock(m_clock.get());
    m_client->setRandomSeed(42);
    m_store = std::make_unique<TodoStore>();
    m_store->setClock(m_clock.get());
    QVERIFY(m_store->open(dbPath()));
    m_ingestor = std::make_unique<TodoIngestor>(m_store.get());
    m_ingestor->setClock(m_clock.get());
    TodoIngestorOptions options;
    options.coalesceMs = 5;
    options.maxBatchMessages = 100;
    options.retryDelayMs = 1000;
    m_ingestor->setOptions(options);
    m_ingestor->attach(m_source.get());
}

void tst_TodoIngestor::cleanup()
{
    m_ingestor.reset();
    m_source.reset();
    m_client.reset();
    m_server.reset();
    m_store.reset();
    m_clock.reset();
    m_dir.reset();
}

void tst_TodoIngestor::connectAndSubscribe(StompAckMode mode)
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.reconnect.initialDelayMs = 1000;
    options.reconnect.jitter = 0.0;
    m_client->setOptions(options);
    m_client->subscribe({"sub-todos", kQueue, mode, {}});
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_client->connectToServer();
    QVERIFY(connected.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriptionCount(), 1, kWaitMs);
}

void tst_TodoIngestor::ackComesOnlyAfterCommit()
{
    connectAndSubscribe();
    // The server's view: when the ACK arrives, is the todo already in the database file?
    int acks = 0;
    int rowsWhenAcked = -1;
    connect(m_server.get(), &DemoPushServer::frameReceived, this, [&](const QByteArray &, const StompFrame &frame) {
        if (frame.command == "ACK") {
            ++acks;
            rowsWhenAcked = rowsWithKey(dbPath(), QStringLiteral("id:1791022789439037441"));
        }
    });
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy sent(m_client.get(), &StompClient::frameSent);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);

    m_server->publish(kQueue, todoBody(QStringLiteral("1791022789439037441"), QStringLiteral("变更申请"), 11));
    QVERIFY(received.wait(kWaitMs));
    // Received, queued, not committed, not acknowledged: the coalescing window has not passed.
    QCOMPARE(m_ingestor->queuedCount(), 1);
    QCOMPARE(m_store->count(), 0);
    QCOMPARE(rowsWithKey(dbPath(), QStringLiteral("id:1791022789439037441")), 0);
    for (const QList<QVariant> &args : std::as_const(sent))
        QVERIFY(args.first().value<StompFrame>().command != "ACK");
    QCOMPARE(m_server->unackedCount(), 1);

    m_clock->advance(5);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.first().first().value<Todo>().title, QStringLiteral("变更申请"));
    QCOMPARE(m_store->serverPendingCount(), 11);
    QTRY_COMPARE_WITH_TIMEOUT(acks, 1, kWaitMs);
    QCOMPARE(rowsWhenAcked, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
    QCOMPARE(m_ingestor->queuedCount(), 0);
}

void tst_TodoIngestor::failedCommitNacksAndRedeliveryIsStoredOnce()
{
    connectAndSubscribe();
    QVERIFY(sabotage(dbPath(), kFailInserts));
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy failed(m_ingestor.get(), &TodoIngestor::commitFailed);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);

    m_server->publish(kQueue, todoBody(QStringLiteral("42"), QStringLiteral("Approve budget")));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5); // commit fails
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(QLatin1String("disk is full")));
    QCOMPARE(m_store->count(), 0);
    // NACKed, never ACKed; the server redelivers it (same message-id, redelivered:true).
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("NACK").size(), 1, kWaitMs);
    QCOMPARE(m_server->receivedFrames("ACK").size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWaitMs);
    const StompMessage redelivery = received.last().first().value<StompMessage>();
    QCOMPARE(redelivery.frame.header("redelivered"), QByteArray("true"));
    QCOMPARE(redelivery.messageId, received.first().first().value<StompMessage>().messageId);
    QCOMPARE(m_ingestor->queuedCount(), 1); // waits for the retry delay

    QVERIFY(sabotage(dbPath(), QStringLiteral("DROP TRIGGER fail_inserts")));
    m_clock->advance(999);
    QCOMPARE(m_store->count(), 0);
    m_clock->advance(1);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(arrived.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("ACK").size(), 1, kWaitMs);
    QCOMPARE(m_server->receivedFrames("ACK").first().header("id"), redelivery.ackId);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
    QCOMPARE(m_server->requeuedCount(), 0);
    QCOMPARE(rowsWithKey(dbPath(), QStringLiteral("id:42")), 1);
}

void tst_TodoIngestor::crashBetweenCommitAndAckStoresOnce()
{
    connectAndSubscribe();
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    QSignalSpy updated(m_ingestor.get(), &TodoIngestor::todosUpdated);
    QSignalSpy disconnected(m_client.get(), &StompClient::disconnected);
    m_server->publish(kQueue, todoBody(QStringLiteral("7"), QStringLiteral("Sign contract")));
    QVERIFY(received.wait(kWaitMs));

    // The connection dies before the commit: the ACK that follows the commit cannot be delivered, so for the
    // broker the message was never acknowledged.
    m_server->dropConnections();
    QVERIFY(disconnected.wait(kWaitMs));
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(m_server->receivedFrames("ACK").size(), 0);

    // Reconnect: the broker redelivers; the store knows the todo: an update, no second todoArrived().
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWaitMs);
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(updated.count(), 1);
    QCOMPARE(m_store->todo(QStringLiteral("id:7"))->deliveries, 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("ACK").size(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
}

void tst_TodoIngestor::rePushIsAnUpdateNotANewTodo()
{
    connectAndSubscribe();
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    m_server->publish(kQueue, todoBody(QStringLiteral("9"), QStringLiteral("first"), 3));
    m_server->publish(kQueue, todoBody(QStringLiteral("9"), QStringLiteral("second"), 4));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWaitMs);
    m_clock->advance(5);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_store->todo(QStringLiteral("id:9"))->title, QStringLiteral("second"));
    QCOMPARE(m_store->serverPendingCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("ACK").size(), 2, kWaitMs);
}

void tst_TodoIngestor::burstIsCommittedInBoundedBatches_data()
{
    QTest::addColumn<bool>("writerThread");
    QTest::newRow("on the event loop") << false;
    QTest::newRow("on the store's writer thread") << true;
}

void tst_TodoIngestor::burstIsCommittedInBoundedBatches()
{
    QFETCH(bool, writerThread);
    if (writerThread)
        useWriterThread();
    constexpr int kBurst = 1000;
    connectAndSubscribe();
    QSignalSpy batches(m_ingestor.get(), &TodoIngestor::batchCommitted);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    for (int i = 0; i < kBurst; ++i)
        m_server->publish(kQueue, todoBody(QStringLiteral("burst-%1").arg(i), QStringLiteral("todo %1").arg(i), i + 1));
    // Full batches go without waiting for the window; the tail waits for it.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_clock->advance(5);
            return m_store->count() == kBurst;
        }(),
        20000);
    QCOMPARE(arrived.count(), kBurst);
    QCOMPARE(arrived.first().first().value<Todo>().key, QStringLiteral("id:burst-0"));
    QCOMPARE(arrived.last().first().value<Todo>().key, QStringLiteral("id:burst-999"));
    int messages = 0;
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        QVERIFY(batch.at(0).toInt() <= 100);
        messages += batch.at(0).toInt();
    }
    QCOMPARE(messages, kBurst);
    QVERIFY(batches.count() >= 10);
    QCOMPARE(m_store->serverPendingCount(), kBurst);
    // Acknowledged once durable: the store syncs a burst's commits every syncSpacingMs.
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            m_clock->advance(m_store->options().syncSpacingMs);
            return m_server->receivedFrames("ACK").size();
        }(),
        kBurst, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
}

void tst_TodoIngestor::writerThreadCommitsBeforeAcknowledging()
{
    // The same promise as ackComesOnlyAfterCommit() when the commit runs on the store's writer thread: the todo is
    // in the file before its ACK leaves, and it arrives (todoArrived) once the store has applied the commit.
    useWriterThread();
    connectAndSubscribe();
    int rowsWhenAcked = -1;
    connect(m_server.get(), &DemoPushServer::frameReceived, this, [&](const QByteArray &, const StompFrame &frame) {
        if (frame.command == "ACK")
            rowsWhenAcked = rowsWithKey(dbPath(), QStringLiteral("id:77"));
    });
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    m_server->publish(kQueue, todoBody(QStringLiteral("77"), QStringLiteral("出差申请"), 1));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5);
    // Handed to the writer thread: still queued (not committed as far as this thread knows), nothing arrived yet.
    QCOMPARE(m_ingestor->queuedCount(), 1);
    QCOMPARE(arrived.count(), 0);
    QVERIFY(arrived.wait(kWaitMs));
    QCOMPARE(arrived.first().first().value<Todo>().title, QStringLiteral("出差申请"));
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_ingestor->queuedCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
    QCOMPARE(rowsWhenAcked, 1);
}

void tst_TodoIngestor::flushWaitsForTheWriterThread()
{
    // Quitting during a burst: flush() returns with everything received committed and acknowledged, the batch the
    // writer thread had included.
    useWriterThread();
    connectAndSubscribe();
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    constexpr int kCount = 30;
    for (int i = 0; i < kCount; ++i)
        m_server->publish(kQueue, todoBody(QStringLiteral("q%1").arg(i), QStringLiteral("todo %1").arg(i), i + 1));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), kCount, kWaitMs);
    m_clock->advance(5); // the first batch goes to the writer thread
    QVERIFY(m_ingestor->queuedCount() > 0);
    m_ingestor->flush();
    QCOMPARE(m_ingestor->queuedCount(), 0);
    QCOMPARE(m_store->count(), kCount);
    QCOMPARE(m_store->serverPendingCount(), kCount);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->receivedFrames("ACK").size(), kCount, kWaitMs);
}

void tst_TodoIngestor::otherTimersRunBetweenTwoSlices()
{
    // A burst is committed a slice at a time, and what else is due (a timer of the list window, the tray's, input)
    // runs between two slices, not after the burst.
    TodoIngestorOptions options = m_ingestor->options();
    options.maxBatchMessages = 1; // a slice per message
    m_ingestor->setOptions(options);
    int ticks = 0;
    QTimer other;
    other.setInterval(0);
    connect(&other, &QTimer::timeout, this, [&ticks] { ++ticks; });
    QList<int> ticksAtSlice;
    connect(m_ingestor.get(), &TodoIngestor::batchCommitted, this, [&] { ticksAtSlice.append(ticks); });
    constexpr int kSlices = 20;
    for (int i = 0; i < kSlices; ++i)
        m_ingestor->ingestBody(todoBody(QStringLiteral("t%1").arg(i), QStringLiteral("todo %1").arg(i)),
                               QStringLiteral("test"));
    other.start();
    m_clock->advance(5); // the coalescing window ends: the first slice
    QTRY_COMPARE_WITH_TIMEOUT(ticksAtSlice.size(), kSlices, kWaitMs);
    for (int i = 1; i < kSlices; ++i)
        QVERIFY2(ticksAtSlice.at(i) > ticksAtSlice.at(i - 1), qPrintable(QStringLiteral("slice %1").arg(i)));
    QCOMPARE(m_store->count(), kSlices);
}

void tst_TodoIngestor::keepAlivesAndPoisonAreAcknowledgedInOrder()
{
    connectAndSubscribe(StompAckMode::Client); // cumulative: order matters
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy keepAlives(m_ingestor.get(), &TodoIngestor::keepAliveReceived);
    QSignalSpy ignored(m_ingestor.get(), &TodoIngestor::messageIgnored);
    QSignalSpy sent(m_client.get(), &StompClient::frameSent);
    m_server->publish(kQueue, todoBody(QStringLiteral("a"), QStringLiteral("A")));
    m_server->publish(kQueue, R"({"keepalive":"live"})");
    m_server->publish(kQueue, "{\"data\":{\"sysMsgList\":[{\"id\":");
    m_server->publish(kQueue, todoBody(QStringLiteral("b"), QStringLiteral("B")));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 4, kWaitMs);
    m_clock->advance(5);
    QCOMPARE(keepAlives.count(), 1);
    QCOMPARE(ignored.count(), 1);
    QVERIFY(ignored.first().at(1).toString().contains(QLatin1String("malformed JSON")));
    QCOMPARE(m_store->count(), 2);
    // All four accepted in arrival order, committed in one batch: on a client (cumulative) subscription that is one
    // ACK, naming the last of them (StompPushSource), and it leaves nothing unacknowledged.
    QList<QByteArray> ackIds;
    const auto collectAcks = [&] {
        ackIds.clear();
        for (const QList<QVariant> &args : std::as_const(sent)) {
            const StompFrame frame = args.first().value<StompFrame>();
            if (frame.command == "ACK")
                ackIds.append(frame.header("id"));
        }
        return ackIds.size();
    };
    QTRY_COMPARE_WITH_TIMEOUT(collectAcks(), 1, kWaitMs);
    QCOMPARE(ackIds, QList<QByteArray> {received.last().first().value<StompMessage>().ackId});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
    QCOMPARE(m_server->receivedFrames("ACK").size(), 1);
}

void tst_TodoIngestor::autoAckMessagesAreRetriedAfterFailure()
{
    connectAndSubscribe(StompAckMode::Auto);
    QVERIFY(sabotage(dbPath(), kFailInserts));
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy failed(m_ingestor.get(), &TodoIngestor::commitFailed);
    m_server->publish(kQueue, todoBody(QStringLiteral("auto"), QStringLiteral("Auto-acked")));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(m_ingestor->queuedCount(), 1); // the broker will not redeliver it: kept
    m_clock->advance(1000);
    QCOMPARE(failed.count(), 2); // still failing: retried, delay doubled
    QVERIFY(sabotage(dbPath(), QStringLiteral("DROP TRIGGER fail_inserts")));
    m_clock->advance(1999);
    QCOMPARE(m_store->count(), 0);
    m_clock->advance(1);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_ingestor->queuedCount(), 0);
    QCOMPARE(m_server->receivedFrames("NACK").size(), 0);
    QCOMPARE(m_server->receivedFrames("ACK").size(), 0);
}

void tst_TodoIngestor::ackWaitsUntilTheCommitIsDurable()
{
    connectAndSubscribe();
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy durable(m_store.get(), &TodoStore::durable);
    int acks = 0;
    bool durableWhenAcked = false;
    connect(m_client.get(), &StompClient::frameSent, this, [&](const StompFrame &frame) {
        if (frame.command == "ACK") {
            ++acks;
            durableWhenAcked = m_store->durableGeneration() >= m_store->commitGeneration();
        }
    });
    m_server->publish(kQueue, todoBody(QStringLiteral("d1"), QStringLiteral("Durable")));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 1); // committed (a crash now loses nothing: it is in the WAL)
    QCOMPARE(acks, 0); // but not acknowledged until the WAL is synced
    QVERIFY(m_store->durableGeneration() < m_store->commitGeneration());
    QVERIFY(durable.wait(kWaitMs));
    QCOMPARE(acks, 1);
    QVERIFY(durableWhenAcked);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->unackedCount(), 0, kWaitMs);
}

void tst_TodoIngestor::withoutDurableBeforeAckTheAckFollowsTheCommit()
{
    TodoStoreOptions options;
    options.durableBeforeAck = false;
    m_store->setOptions(options);
    connectAndSubscribe();
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy sent(m_client.get(), &StompClient::frameSent);
    m_server->publish(kQueue, todoBody(QStringLiteral("f1"), QStringLiteral("Fast")));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().first().value<StompFrame>().command, QByteArray("ACK"));
}

void tst_TodoIngestor::replacedStoreNacksWhatItHeld()
{
    connectAndSubscribe();
    QSignalSpy received(m_client.get(), &StompClient::messageReceived);
    QSignalSpy sent(m_client.get(), &StompClient::frameSent);
    m_server->publish(kQueue, todoBody(QStringLiteral("r1"), QStringLiteral("Replaced")));
    QVERIFY(received.wait(kWaitMs));
    m_clock->advance(5); // committed, waiting to become durable
    // The store had to replace its damaged file: what was committed to the old one is gone.
    Q_EMIT m_store->reopened();
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().first().value<StompFrame>().command, QByteArray("NACK"));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWaitMs); // redelivered
    QCOMPARE(m_server->receivedFrames("ACK").size(), 0);
}

void tst_TodoIngestor::catchUpBodiesGoThroughTheSamePath()
{
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    m_ingestor->ingestBody(todoBody(QStringLiteral("c1"), QStringLiteral("Caught up"), 5),
                           QStringLiteral("catch-up #1"));
    QCOMPARE(m_store->count(), 0);
    m_clock->advance(5);
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(m_store->serverPendingCount(), 5);
    // The same list again (the next reconnect): nothing new. Text in a list body is keyed by content.
    m_ingestor->ingestBody(todoBody(QStringLiteral("c1"), QStringLiteral("Caught up"), 5),
                           QStringLiteral("catch-up #2"));
    m_ingestor->ingestBody("a notice", QStringLiteral("catch-up #2"));
    m_ingestor->ingestBody("a notice", QStringLiteral("catch-up #3"));
    m_ingestor->flush();
    QCOMPARE(arrived.count(), 2);
    QCOMPARE(m_store->count(), 2);
}

void tst_TodoIngestor::completePendingListMarksTheRestDone()
{
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, 3), "m1"));
    m_ingestor->flush();
    QCOMPARE(m_store->unreadCount(), 3);
    QSignalSpy done(m_store.get(), &TodoStore::todosDoneElsewhere);
    QSignalSpy changed(m_store.get(), &TodoStore::todoChanged);

    // The web application handled a and c: the pending list after a reconnect holds b alone, and says so.
    m_ingestor->ingestBody(listBody({QStringLiteral("b")}, 1), QStringLiteral("catch-up #1"), true);
    m_ingestor->flush();
    QCOMPARE(done.size(), 1);
    QStringList keys;
    for (const Todo &todo : done.at(0).at(0).value<QList<Todo>>()) {
        QVERIFY(todo.done && todo.read);
        keys.append(todo.key);
    }
    keys.sort();
    QCOMPARE(keys, (QStringList {QStringLiteral("id:a"), QStringLiteral("id:c")}));
    QCOMPARE(changed.size(), 2); // the list follows
    QVERIFY(m_store->todo(QStringLiteral("id:a"))->done);
    QVERIFY(!m_store->todo(QStringLiteral("id:b"))->done);
    QVERIFY(m_store->todo(QStringLiteral("id:c"))->done);
    QCOMPARE(m_store->unreadCount(), 1); // so does the count
    QCOMPARE(m_store->serverPendingCount(), 1);

    // The same list pushed (not the answer to the catch-up GET) is never read as the whole list.
    m_ingestor->ingest(push(listBody({QStringLiteral("d")}, 1), "m2"));
    m_ingestor->flush();
    QVERIFY(!m_store->todo(QStringLiteral("id:b"))->done);
    QCOMPARE(done.size(), 1);
}

void tst_TodoIngestor::pagedOrCountlessListMarksNothing_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("no count") << listBody({QStringLiteral("b")}, -1);
    QTest::newRow("count above the list") << listBody({QStringLiteral("b")}, 3);
    QTest::newRow("pageNo") << listBody({QStringLiteral("b")}, 1, R"(,"pageNo":1,"pageSize":1)");
    QTest::newRow("hasMore") << listBody({QStringLiteral("b")}, 1, R"(,"hasMore":true)");
    QTest::newRow("total above the list") << listBody({QStringLiteral("b")}, 1, R"(,"total":3)");
    QTest::newRow("a bare list") << QByteArray(R"([{"id":"b","title":"todo b"}])");
}

void tst_TodoIngestor::pagedOrCountlessListMarksNothing()
{
    QFETCH(QByteArray, answer);
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, 3), "m1"));
    m_ingestor->flush();
    QSignalSpy done(m_store.get(), &TodoStore::todosDoneElsewhere);
    m_ingestor->ingestBody(answer, QStringLiteral("catch-up #1"), true);
    m_ingestor->flush();
    QCOMPARE(done.size(), 0);
    QCOMPARE(m_store->unreadCount(), 3);
    QVERIFY(!m_store->todo(QStringLiteral("id:a"))->done);
}

void tst_TodoIngestor::pendingCountOfZeroMarksEveryTodoDone()
{
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b")}, 2), "m1"));
    m_ingestor->flush();
    QVERIFY(m_store->setRead(QStringLiteral("id:b"))); // read here, but not done
    QSignalSpy done(m_store.get(), &TodoStore::todosDoneElsewhere);
    QSignalSpy unread(m_store.get(), &TodoStore::unreadCountChanged);

    m_ingestor->ingest(push(listBody({}, 0), "m2"));
    m_ingestor->flush();
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).value<QList<Todo>>().size(), 2);
    QVERIFY(m_store->todo(QStringLiteral("id:a"))->done);
    QVERIFY(m_store->todo(QStringLiteral("id:b"))->done);
    QCOMPARE(m_store->unreadCount(), 0);
    QCOMPARE(unread.size(), 1);
    QCOMPARE(unread.at(0).at(0).toInt(), 0);
    QCOMPARE(m_store->serverPendingCount(), 0);
}

void tst_TodoIngestor::removedIdsMarkExactlyThoseDone()
{
    PayloadOptions options;
    options.removedIdsField = QStringLiteral("data.removedIds");
    m_ingestor->setParser(PayloadParser(options));
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, 3), "m1"));
    m_ingestor->flush();
    QSignalSpy done(m_store.get(), &TodoStore::todosDoneElsewhere);

    // Only the removed ids: the server's count stays what the last payload said.
    m_ingestor->ingest(push(R"({"data":{"removedIds":["b","unknown"]}})", "m2"));
    m_ingestor->flush();
    QCOMPARE(done.size(), 1);
    const QList<Todo> todos = done.at(0).at(0).value<QList<Todo>>();
    QCOMPARE(todos.size(), 1);
    QCOMPARE(todos.at(0).key, QStringLiteral("id:b"));
    QVERIFY(!m_store->todo(QStringLiteral("id:a"))->done);
    QVERIFY(m_store->todo(QStringLiteral("id:b"))->done);
    QCOMPARE(m_store->unreadCount(), 2);
    QCOMPARE(m_store->serverPendingCount(), 3);

    // Beside a new todo and a count.
    m_ingestor->ingest(push(listBody({QStringLiteral("d")}, 3, R"(,"removedIds":["a"])"), "m3"));
    m_ingestor->flush();
    QVERIFY(m_store->todo(QStringLiteral("id:a"))->done);
    QVERIFY(!m_store->todo(QStringLiteral("id:d"))->done);
    QCOMPARE(m_store->unreadCount(), 2); // c and d
}

void tst_TodoIngestor::snoozedTodoDoneElsewhereEndsItsSnooze()
{
    PayloadOptions options;
    options.removedIdsField = QStringLiteral("data.removedIds");
    m_ingestor->setParser(PayloadParser(options));
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b")}, 2), "m1"));
    m_ingestor->flush();
    const qint64 tomorrow = QDateTime::currentMSecsSinceEpoch() + 24 * 3600 * 1000;
    QVERIFY(m_store->snooze(QStringLiteral("id:a"), tomorrow));
    QCOMPARE(m_store->unreadCount(), 1); // the snoozed one is not counted

    // Handled in the web application while snoozed: done, no longer snoozed (it must not wake tomorrow), and the
    // unread count, which did not count it, stays.
    m_ingestor->ingest(push(R"({"data":{"removedIds":["a"]}})", "m2"));
    m_ingestor->flush();
    const std::optional<Todo> a = m_store->todo(QStringLiteral("id:a"));
    QVERIFY(a->done);
    QVERIFY(!a->isSnoozed());
    QCOMPARE(m_store->unreadCount(), 1);
    QCOMPARE(m_store->nextSnoozeEnd(), qint64(0));
}

void tst_TodoIngestor::droppedCountWithoutNamesAsksForThePendingList()
{
    m_ingestor->ingest(push(listBody({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}, 3), "m1"));
    m_ingestor->flush();
    QSignalSpy unnamed(m_ingestor.get(), &TodoIngestor::doneElsewhereUnnamed);
    QSignalSpy done(m_store.get(), &TodoStore::todosDoneElsewhere);

    m_ingestor->ingest(push(listBody({}, 1), "m2"));
    m_ingestor->flush();
    QCOMPARE(unnamed.size(), 1);
    QCOMPARE(unnamed.at(0).at(0).toInt(), 3);
    QCOMPARE(unnamed.at(0).at(1).toInt(), 1);
    QCOMPARE(done.size(), 0); // which ones, the pending list will say
    QCOMPARE(m_store->unreadCount(), 3);

    // A count that rises, or one that drops with todos in the list, is no such sign.
    m_ingestor->ingest(push(listBody({}, 2), "m3"));
    m_ingestor->ingest(push(listBody({QStringLiteral("d")}, 1), "m4"));
    m_ingestor->flush();
    QCOMPARE(unnamed.size(), 1);
}

QTEST_GUILESS_MAIN(tst_TodoIngestor)
#include "tst_todoingestor.moc"
