// TodoStore on a real SQLite file, as the application uses it: de-duplication by todo id and by message-id, WAL
// and durability, persistence across a reopen, the server's pending count, read and done, retention that never
// deletes an unread todo, and a failing commit that writes nothing. Other connections (plain Qt SQL) look at the
// file as an outsider would. The file itself (schema migrations, recovery) is tst_tododatabase's.
#include "MockClock.h"
#include "StoreTestSupport.h"
#include "store/TodoStore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;

} // namespace

class tst_TodoStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void newTodosAreInsertedOnce();
    void redeliveryUpdatesInPlace();
    void sameKeyTwiceInOneCommit();
    void textBodiesAreKeyedByMessageId();
    void walModeAndDurability();
    void durabilityRequestsAreServedTogether();
    void syncsOfABurstAreSpaced();
    void checkpointDoesNotDelayTheNextSync();
    void durableBeforeCopiedBackWhichWaitsForQuiet();
    void searchFindsATodoRightAfterItsCommit();
    void searchIndexCatchesUpWhenQuiet();
    void searchIndexOfAnEarlierVersionIsKept();
    void inMemoryIsDurableAtOnce();
    void survivesReopen();
    void pendingCountFollowsTheLatestPayload();
    void readAndDone();
    void failedCommitWritesNothing();
    void backgroundCommitsRunOnTheWriterThreadInOrder();
    void backgroundCommitWithoutWriterThreadRunsAtOnce();
    void changesApplyTheBackgroundCommitsFirst();
    void closeAppliesTheBackgroundCommits();
    void failedBackgroundCommitWritesNothing();
    void retentionNeverDeletesUnread();
    void snoozeLeavesTheUnreadCountAndList();
    void snoozeSurvivesReopen();
    void snoozeOfAReadOrDoneTodo();
    void readingOrMarkingAllEndsOrKeepsSnoozes();
    void snoozedTodosAreNotRetained();
    void searchIndexOfVersion2GainsTheSnooze();
    void shortWordsAreFoundWhereverTheyOccur();
    void commonShortWordFindsEveryTodo();
    void searchIndexOfVersion3IsPaddedOnOpening();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("cache/todos.sqlite")); }
    std::unique_ptr<TodoStore> openStore(const TodoStoreOptions &options = {});
    // With TodoStoreOptions::writerThread on, as TodoPipeline opens it.
    std::unique_ptr<TodoStore> openStoreWithWriterThread()
    {
        TodoStoreOptions options;
        options.writerThread = true;
        return openStore(options);
    }
    // Commits todo `id` (title "t") on its own.
    static bool commitTodo(TodoStore &store, int id);
    // The todos in the database file alone, without its WAL: what a checkpoint has copied back (-1: no copy).
    int todosInDatabaseFile();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
    int m_copies = 0; // todosInDatabaseFile()
};

void tst_TodoStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>(1715848083000); // 2024-05-16 08:28:03 UTC
    m_copies = 0;
}

void tst_TodoStore::cleanup()
{
    m_clock.reset();
    m_dir.reset();
}

std::unique_ptr<TodoStore> tst_TodoStore::openStore(const TodoStoreOptions &options)
{
    auto store = std::make_unique<TodoStore>();
    store->setClock(m_clock.get());
    store->setOptions(options);
    if (!store->open(dbPath()))
        return nullptr;
    return store;
}

bool tst_TodoStore::commitTodo(TodoStore &store, int id)
{
    return store.commit({message(envelope({{QString::number(id), QStringLiteral("t")}}), "m")}).ok;
}

int tst_TodoStore::todosInDatabaseFile()
{
    const QString copy = m_dir->filePath(QStringLiteral("copy-%1.sqlite").arg(++m_copies));
    if (!QFile::copy(dbPath(), copy))
        return -1;
    return Outsider(copy).value(QStringLiteral("SELECT count(*) FROM todos")).toInt();
}

void tst_TodoStore::newTodosAreInsertedOnce()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->isPersistent());
    QVERIFY2(store->recoveryMessage().isEmpty(), qPrintable(store->recoveryMessage()));
    QCOMPARE(store->schemaVersion(), TodoStore::kSchemaVersion);
    QSignalSpy committed(store.get(), &TodoStore::todosCommitted);
    QSignalSpy counted(store.get(), &TodoStore::countChanged);

    const TodoStore::CommitResult result = store->commit({message(
        envelope({{QStringLiteral("1"), QStringLiteral("变更申请")}, {QStringLiteral("2"), QStringLiteral("请假审批")}},
                 11, QStringLiteral("2024-05-16 16:28:03")),
        "m-1")});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.inserted.size(), 2);
    QCOMPARE(result.updated.size(), 0);
    QCOMPARE(result.inserted.at(0).key, QStringLiteral("id:1"));
    QCOMPARE(result.inserted.at(0).deliveries, 1);
    QCOMPARE(result.inserted.at(0).receivedMs, m_clock->wallMs());
    QCOMPARE(result.inserted.at(0).sortMs,
             QDateTime(QDate(2024, 5, 16), QTime(16, 28, 3), Qt::UTC).toMSecsSinceEpoch());
    QVERIFY(result.inserted.at(0).seq > 0);
    QCOMPARE(result.inserted.at(0).messageId, QStringLiteral("m-1"));
    QCOMPARE(committed.count(), 1);
    QCOMPARE(counted.count(), 1);
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->unreadCount(), 2);
    QCOMPARE(store->serverPendingCount(), 11);

    const std::optional<Todo> stored = store->todo(QStringLiteral("id:2"));
    QVERIFY(stored);
    QCOMPARE(stored->title, QStringLiteral("请假审批"));
    QCOMPARE(stored->senderName, QStringLiteral("张伟"));
    QCOMPARE(stored->urgency, 1);
    QCOMPARE(stored->destination, QStringLiteral("/topic/todo"));
    QCOMPARE(stored->source.value(QLatin1String("metaData")).toObject().value(QLatin1String("send_name")).toString(),
             QStringLiteral("张伟"));

    Outsider outsider(dbPath());
    QVERIFY(outsider.isOpen());
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 2);
}

void tst_TodoStore::redeliveryUpdatesInPlace()
{
    const auto store = openStore();
    QVERIFY(store);
    const QByteArray body = envelope({{QStringLiteral("42"), QStringLiteral("Approve budget")}}, 3);
    QCOMPARE(store->commit({message(body, "m-1")}).inserted.size(), 1);
    const qint64 seq = store->todo(QStringLiteral("id:42"))->seq;
    QVERIFY(store->setRead(QStringLiteral("id:42")));

    // The same message redelivered (new message-id, as RabbitMQ does), then re-pushed with a new title.
    m_clock->advance(1000);
    TodoStore::CommitResult again = store->commit({message(body, "m-1-redelivered")});
    QVERIFY(again.ok);
    QCOMPARE(again.inserted.size(), 0);
    QCOMPARE(again.updated.size(), 1);
    QCOMPARE(again.updated.first().deliveries, 2);
    m_clock->advance(1000);
    again =
        store->commit({message(envelope({{QStringLiteral("42"), QStringLiteral("Approve budget (v2)")}}, 3), "m-2")});
    QCOMPARE(again.inserted.size(), 0);
    QCOMPARE(again.updated.size(), 1);

    QCOMPARE(store->count(), 1);
    const Todo todo = *store->todo(QStringLiteral("id:42"));
    QCOMPARE(todo.title, QStringLiteral("Approve budget (v2)"));
    QCOMPARE(todo.seq, seq); // same row
    QVERIFY(todo.read); // state kept
    QCOMPARE(todo.deliveries, 3);
    QCOMPARE(todo.updatedMs, m_clock->wallMs());
    QCOMPARE(todo.receivedMs, m_clock->wallMs() - 2000);
    QCOMPARE(store->unreadCount(), 0);
}

void tst_TodoStore::sameKeyTwiceInOneCommit()
{
    const auto store = openStore();
    QVERIFY(store);
    const TodoStore::CommitResult result =
        store->commit({message(envelope({{QStringLiteral("7"), QStringLiteral("first")}}), "m-1"),
                       message(envelope({{QStringLiteral("7"), QStringLiteral("second")}}), "m-2")});
    QVERIFY(result.ok);
    QCOMPARE(result.inserted.size(), 1);
    QCOMPARE(result.updated.size(), 0);
    QCOMPARE(result.inserted.first().title, QStringLiteral("second"));
    QCOMPARE(result.inserted.first().deliveries, 2);
    QCOMPARE(store->count(), 1);
}

void tst_TodoStore::textBodiesAreKeyedByMessageId()
{
    const auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->commit({message("Server maintenance tonight", "mid-1")}).inserted.size(), 1);
    const TodoStore::CommitResult redelivered = store->commit({message("Server maintenance tonight", "mid-1")});
    QCOMPARE(redelivered.inserted.size(), 0);
    QCOMPARE(redelivered.updated.size(), 1);
    // Another message with the same text is another notice.
    QCOMPARE(store->commit({message("Server maintenance tonight", "mid-2")}).inserted.size(), 1);
    QCOMPARE(store->count(), 2);
    const Todo text = *store->todo(QStringLiteral("msg:mid-1"));
    QCOMPARE(text.kind, Todo::Kind::Text);
    QCOMPARE(text.title, QStringLiteral("Server maintenance tonight"));
    QCOMPARE(text.source.value(QLatin1String("text")).toString(), QStringLiteral("Server maintenance tonight"));
}

void tst_TodoStore::walModeAndDurability()
{
    const auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->journalMode(), QStringLiteral("wal"));
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")}).ok);
    QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal")));
    Outsider outsider(dbPath());
    QCOMPARE(outsider.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    // Committed means visible to another connection at once (the WAL is shared).
    QCOMPARE(outsider.value(QStringLiteral("SELECT title FROM todos WHERE key = 'id:1'")).toString(),
             QStringLiteral("t"));
}

void tst_TodoStore::durabilityRequestsAreServedTogether()
{
    const auto store = openStore();
    QVERIFY(store);
    QSignalSpy durable(store.get(), &TodoStore::durable);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("a")}}), "m1")}).ok);
    const quint64 first = store->requestDurable();
    QVERIFY(store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("b")}}), "m2")}).ok);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("3"), QStringLiteral("c")}}), "m3")}).ok);
    const quint64 second = store->requestDurable(); // while the first runs
    QCOMPARE(first, quint64(1));
    QCOMPARE(second, quint64(3));
    QCOMPARE(durable.count(), 0); // never synchronously
    // The first request found the store quiet: synced at once. The second waits for the spacing after it.
    QTRY_VERIFY_WITH_TIMEOUT(store->durableGeneration() >= first, 5000);
    QCOMPARE(store->durableGeneration(), first);
    m_clock->advance(store->options().syncSpacingMs);
    QTRY_VERIFY_WITH_TIMEOUT(store->durableGeneration() >= second, 5000);
    QCOMPARE(durable.count(), 2);
    QCOMPARE(durable.last().first().value<quint64>(), second);
    Outsider outsider(dbPath());
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 3);
}

void tst_TodoStore::syncsOfABurstAreSpaced()
{
    TodoStoreOptions options;
    options.syncSpacingMs = 50;
    options.checkpointDelayMs = 60000; // no checkpoint (which makes commits durable too) in this test
    const auto store = openStore(options);
    QVERIFY(store);
    QSignalSpy durable(store.get(), &TodoStore::durable);
    QVERIFY(commitTodo(*store, 1));
    const quint64 first = store->requestDurable();
    QTRY_COMPARE_WITH_TIMEOUT(store->durableGeneration(), first, 5000);
    // Commits and requests within the spacing after that sync started: they wait for it, and one sync covers them.
    m_clock->advance(20);
    QVERIFY(commitTodo(*store, 2));
    store->requestDurable();
    m_clock->advance(20);
    QVERIFY(commitTodo(*store, 3));
    const quint64 third = store->requestDurable();
    QVERIFY(!durable.wait(100)); // 40 of the 50 ms have passed
    QCOMPARE(store->durableGeneration(), first);
    m_clock->advance(10);
    QTRY_COMPARE_WITH_TIMEOUT(store->durableGeneration(), third, 5000);
    QCOMPARE(durable.count(), 2);
    // After a quiet moment longer than the spacing, a request is synced at once.
    m_clock->advance(50);
    QVERIFY(commitTodo(*store, 4));
    const quint64 fourth = store->requestDurable();
    QTRY_COMPARE_WITH_TIMEOUT(store->durableGeneration(), fourth, 5000);
    QCOMPARE(durable.count(), 3);
}

void tst_TodoStore::checkpointDoesNotDelayTheNextSync()
{
    // The spacing is between the syncs of a burst. A checkpoint comes after a quiet moment: a commit right after one
    // is synced at once.
    TodoStoreOptions options;
    options.checkpointDelayMs = 1000;
    const auto store = openStore(options);
    QVERIFY(store);
    QVERIFY(commitTodo(*store, 1));
    const quint64 first = store->requestDurable();
    QTRY_COMPARE_WITH_TIMEOUT(store->durableGeneration(), first, 5000);
    m_clock->advance(1000); // quiet for the checkpoint delay: the checkpoint starts now
    QTRY_COMPARE_WITH_TIMEOUT(todosInDatabaseFile(), 1, 5000);
    QVERIFY(commitTodo(*store, 2));
    const quint64 second = store->requestDurable();
    QTRY_COMPARE_WITH_TIMEOUT(store->durableGeneration(), second, 5000);
}

void tst_TodoStore::durableBeforeCopiedBackWhichWaitsForQuiet()
{
    TodoStoreOptions options;
    options.checkpointDelayMs = 1000;
    const auto store = openStore(options);
    QVERIFY(store);

    QVERIFY(commitTodo(*store, 1));
    const quint64 generation = store->requestDurable();
    QTRY_VERIFY_WITH_TIMEOUT(store->durableGeneration() >= generation, 5000);
    QCOMPARE(todosInDatabaseFile(), 0); // durable in the WAL; not copied back while commits may follow

    // A commit every half checkpoint delay: no checkpoint while they come...
    for (int id = 2; id <= 4; ++id) {
        m_clock->advance(500);
        QVERIFY(commitTodo(*store, id));
    }
    // (The worker runs one job at a time, in order: a checkpoint started before this barrier is done before it.)
    const quint64 later = store->requestDurable();
    QTRY_VERIFY_WITH_TIMEOUT(store->durableGeneration() >= later, 5000);
    QCOMPARE(todosInDatabaseFile(), 0);
    // ...then one once they have stopped for the delay.
    m_clock->advance(1000);
    QTRY_COMPARE_WITH_TIMEOUT(todosInDatabaseFile(), 4, 5000);

    // A steady stream is checkpointed at the latest kCheckpointDeferral delays after its first commit.
    int id = 5;
    for (qint64 elapsed = 0; elapsed < DurabilityBarrier::kCheckpointDeferral * 1000; elapsed += 500) {
        QVERIFY(commitTodo(*store, id++));
        m_clock->advance(500);
    }
    QTRY_VERIFY_WITH_TIMEOUT(todosInDatabaseFile() >= 5, 5000);
}

void tst_TodoStore::inMemoryIsDurableAtOnce()
{
    QVERIFY(QDir().mkpath(dbPath())); // forces the in-memory fallback
    const auto store = openStore();
    QVERIFY(store && !store->isPersistent());
    QSignalSpy durable(store.get(), &TodoStore::durable);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("a")}}), "m")}).ok);
    QCOMPARE(store->requestDurable(), quint64(1));
    QCOMPARE(durable.count(), 0);
    QVERIFY(durable.wait(5000));
    QCOMPARE(store->durableGeneration(), quint64(1));
}

namespace {

TodoQuery search(const QString &text)
{
    TodoQuery query;
    query.text = text;
    return query;
}

QStringList keysOf(const QList<Todo> &todos)
{
    QStringList keys;
    for (const Todo &todo : todos)
        keys.append(todo.key);
    return keys;
}

} // namespace

void tst_TodoStore::searchFindsATodoRightAfterItsCommit()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasSearchIndex());
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("数据中台变更申请")}}), "m1")}).ok);
    QCOMPARE(keysOf(store->page(search(QStringLiteral("数据中台")))), QStringList {QStringLiteral("id:1")});
    QCOMPARE(store->countMatching(search(QStringLiteral("数据中台"))), 1);

    // A todo indexed by that search, whose text changes: found by its new words only.
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("请假审批 vacation")}}), "m2")}).ok);
    // One not indexed yet, stored and changed before a search: found as it is now.
    QVERIFY(store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("Quarterly budget")}}), "m3")}).ok);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("Annual budget")}}), "m4")}).ok);
    QCOMPARE(store->countMatching(search(QStringLiteral("数据中台"))), 0);
    QCOMPARE(keysOf(store->page(search(QStringLiteral("vacation")))), QStringList {QStringLiteral("id:1")});
    QCOMPARE(store->countMatching(search(QStringLiteral("Quarterly"))), 0);
    QCOMPARE(keysOf(store->page(search(QStringLiteral("Annual budget")))), QStringList {QStringLiteral("id:2")});

    // Read state and done, set on an indexed row, still filter a search.
    QVERIFY(store->setRead(QStringLiteral("id:2")));
    TodoQuery unread = search(QStringLiteral("budget"));
    unread.unreadOnly = true;
    QCOMPARE(store->countMatching(unread), 0);
    QCOMPARE(store->countMatching(search(QStringLiteral("budget"))), 1);
}

void tst_TodoStore::searchIndexCatchesUpWhenQuiet()
{
    TodoStoreOptions options;
    options.searchIndexDelayMs = 1000;
    options.searchIndexSlice = 2;
    const auto store = openStore(options);
    QVERIFY(store);
    QVERIFY(store->hasSearchIndex());
    for (int id = 1; id <= 5; ++id) {
        QVERIFY(store
                    ->commit({message(envelope({{QString::number(id), QStringLiteral("budget %1").arg(id)}}),
                                      QByteArray::number(id))})
                    .ok);
    }
    Outsider outsider(dbPath());
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos_list")).toInt(), 0); // not in the commits
    m_clock->advance(999);
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos_list")).toInt(), 0);
    m_clock->advance(1); // quiet: slice after slice (each on a timer of its own, which MockClock fires at once)
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos_list")).toInt(), 5);
    QCOMPARE(
        outsider.value(QStringLiteral("SELECT count(*) FROM todos_search WHERE todos_search MATCH 'budget'")).toInt(),
        5);
    QCOMPARE(store->countMatching(search(QStringLiteral("budget"))), 5);
}

void tst_TodoStore::searchIndexOfAnEarlierVersionIsKept()
{
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("Annual budget")}}), "m1")}).ok);
        QCOMPARE(store->countMatching(search(QStringLiteral("budget"))), 1);
    }
    {
        // Version 1 of the index held every row in it; its file is opened with what it holds.
        Outsider outsider(dbPath());
        QVERIFY(outsider.exec(QStringLiteral("UPDATE state SET value = 1 WHERE key = 'search_index'")));
        QVERIFY(outsider.exec(QStringLiteral("DELETE FROM state WHERE key = 'search_indexed_seq'")));
    }
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasSearchIndex());
    QVERIFY(store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("Budget review")}}), "m2")}).ok);
    QCOMPARE(keysOf(store->page(search(QStringLiteral("budget")))),
             (QStringList {QStringLiteral("id:2"), QStringLiteral("id:1")}));
    Outsider outsider(dbPath());
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos_list")).toInt(), 2);
}

void tst_TodoStore::survivesReopen()
{
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store
                    ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                                {QStringLiteral("2"), QStringLiteral("two")}},
                                               5),
                                      "m")})
                    .ok);
        QVERIFY(store->setRead(QStringLiteral("id:1")));
    }
    const auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->unreadCount(), 1);
    QCOMPARE(store->serverPendingCount(), 5);
    const QList<Todo> todos = store->page();
    QCOMPARE(todos.size(), 2);
    QCOMPARE(todos.at(0).key, QStringLiteral("id:2")); // same time: the later arrival first
    QVERIFY(todos.at(1).read);
    QVERIFY(todos.at(0).source.isEmpty()); // summaries carry no source
}

void tst_TodoStore::pendingCountFollowsTheLatestPayload()
{
    const auto store = openStore();
    QVERIFY(store);
    QSignalSpy pending(store.get(), &TodoStore::serverPendingCountChanged);
    QCOMPARE(store->serverPendingCount(), -1);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}, 11), "a")}).ok);
    QCOMPARE(store->serverPendingCount(), 11);
    // Keep-alives and refused bodies say nothing about todos.
    QVERIFY(store->commit({message(R"({"keepalive":"live"})", "b"), message("{broken", "c")}).ok);
    QCOMPARE(store->serverPendingCount(), 11);
    // A counter-only envelope.
    QVERIFY(store->commit({message(R"({"data":{"sysMsgList":[],"sysMsgNums":4}})", "d")}).ok);
    QCOMPARE(store->serverPendingCount(), 4);
    // A payload without a counter: the server said nothing, so the unread count applies (-1 here).
    QVERIFY(store->commit({message("plain text", "e")}).ok);
    QCOMPARE(store->serverPendingCount(), -1);
    QCOMPARE(pending.count(), 3);
    // In one batch the last payload wins.
    QVERIFY(store->commit({message(envelope({}, 9), "f"), message(envelope({}, 8), "g")}).ok);
    QCOMPARE(store->serverPendingCount(), 8);
}

void tst_TodoStore::readAndDone()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("a")},
                                            {QStringLiteral("2"), QStringLiteral("b")},
                                            {QStringLiteral("3"), QStringLiteral("c")}}),
                                  "m")})
                .ok);
    QSignalSpy changed(store.get(), &TodoStore::todoChanged);
    QSignalSpy unread(store.get(), &TodoStore::unreadCountChanged);
    QVERIFY(store->setRead(QStringLiteral("id:1")));
    QVERIFY(!store->setRead(QStringLiteral("id:1"))); // no change, no signal
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().value<Todo>().key, QStringLiteral("id:1"));
    QCOMPARE(store->unreadCount(), 2);
    QVERIFY(store->setDone(QStringLiteral("id:2"))); // done also means read
    QCOMPARE(store->unreadCount(), 1);
    QVERIFY(store->todo(QStringLiteral("id:2"))->read);
    QVERIFY(store->todo(QStringLiteral("id:2"))->done);
    QCOMPARE(unread.count(), 2);
    QSignalSpy all(store.get(), &TodoStore::allMarkedRead);
    QCOMPARE(store->markAllRead(), 1);
    QCOMPARE(all.count(), 1);
    QCOMPARE(store->unreadCount(), 0);
    QCOMPARE(store->markAllRead(), 0);
    QVERIFY(!store->setRead(QStringLiteral("id:none")));
}

void tst_TodoStore::failedCommitWritesNothing()
{
    const auto store = openStore();
    QVERIFY(store);
    {
        Outsider saboteur(dbPath());
        QVERIFY(saboteur.exec(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON todos WHEN NEW.title = 'poison' "
                                             "BEGIN SELECT RAISE(ABORT, 'poisoned todo'); END")));
    }
    QSignalSpy committed(store.get(), &TodoStore::todosCommitted);
    const TodoStore::CommitResult result =
        store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("good")}}, 4), "a"),
                       message(envelope({{QStringLiteral("2"), QStringLiteral("poison")}}, 5), "b")});
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("poisoned todo")), qPrintable(result.error));
    QVERIFY(result.inserted.isEmpty());
    QCOMPARE(committed.count(), 0);
    QCOMPARE(store->count(), 0);
    QCOMPARE(store->serverPendingCount(), -1);
    QVERIFY(store->page().isEmpty());
    {
        Outsider saboteur(dbPath());
        QCOMPARE(saboteur.value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 0);
        QVERIFY(saboteur.exec(QStringLiteral("DROP TRIGGER poison")));
    }
    QVERIFY(store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("poison")}}, 5), "b")}).ok);
    QCOMPARE(store->count(), 1);
}

void tst_TodoStore::backgroundCommitsRunOnTheWriterThreadInOrder()
{
    const auto store = openStoreWithWriterThread();
    QVERIFY(store);
    QSignalSpy committed(store.get(), &TodoStore::todosCommitted);
    QList<QThread *> preparedOn; // appended to on the writer thread, one commit at a time; read once all are done
    QStringList done;
    for (int i = 1; i <= 3; ++i) {
        store->commitInBackground(
            this,
            [&preparedOn, i] {
                preparedOn.append(QThread::currentThread());
                return QList<TodoStore::Message> {
                    message(envelope({{QString::number(i), QStringLiteral("t%1").arg(i)}}, i), "m")};
            },
            [&done, &store](const TodoStore::CommitResult &result) {
                QVERIFY2(result.ok, qPrintable(result.error));
                QCOMPARE(result.inserted.size(), 1);
                // Applied before done(): the counts include it.
                QCOMPARE(store->count(), int(done.size()) + 1);
                done.append(result.inserted.first().key);
            });
    }
    // Nothing is applied before this thread's event loop runs again.
    QVERIFY(done.isEmpty());
    QCOMPARE(store->count(), 0);
    QTRY_COMPARE(done.size(), 3);
    QCOMPARE(done, (QStringList {QStringLiteral("id:1"), QStringLiteral("id:2"), QStringLiteral("id:3")}));
    QCOMPARE(preparedOn.size(), 3);
    for (QThread *thread : std::as_const(preparedOn))
        QVERIFY(thread != QThread::currentThread());
    QCOMPARE(committed.count(), 3);
    QCOMPARE(store->unreadCount(), 3);
    QCOMPARE(store->serverPendingCount(), 3);
    QCOMPARE(Outsider(dbPath()).value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 3);
    // The writer's commits are made durable like any other.
    QSignalSpy durable(store.get(), &TodoStore::durable);
    const quint64 generation = store->requestDurable();
    QCOMPARE(generation, quint64(3));
    QVERIFY(durable.wait());
}

void tst_TodoStore::backgroundCommitWithoutWriterThreadRunsAtOnce()
{
    const auto store = openStore(); // writerThread off
    QVERIFY(store);
    QThread *preparedOn = nullptr;
    bool ok = false;
    store->commitInBackground(
        this,
        [&preparedOn] {
            preparedOn = QThread::currentThread();
            return QList<TodoStore::Message> {message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")};
        },
        [&ok](const TodoStore::CommitResult &result) { ok = result.ok; });
    QVERIFY(ok);
    QCOMPARE(preparedOn, QThread::currentThread());
    QCOMPARE(store->count(), 1);
}

void tst_TodoStore::changesApplyTheBackgroundCommitsFirst()
{
    // A change made here while a commit runs on the writer thread sees that commit applied first: the counts and
    // the order of the signals are those of a commit made before it.
    const auto store = openStoreWithWriterThread();
    QVERIFY(store);
    QStringList events;
    connect(store.get(), &TodoStore::todosCommitted, this, [&events] { events.append(QStringLiteral("committed")); });
    connect(store.get(), &TodoStore::todoChanged, this,
            [&events](const Todo &todo) { events.append(QStringLiteral("changed ") + todo.key); });
    bool done = false;
    store->commitInBackground(
        this,
        [] {
            return QList<TodoStore::Message> {message(
                envelope({{QStringLiteral("1"), QStringLiteral("a")}, {QStringLiteral("2"), QStringLiteral("b")}}),
                "m")};
        },
        [&done](const TodoStore::CommitResult &) { done = true; });
    QVERIFY(store->setRead(QStringLiteral("id:1")));
    QVERIFY(done);
    QCOMPARE(events, (QStringList {QStringLiteral("committed"), QStringLiteral("changed id:1")}));
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->unreadCount(), 1);
    store->commitInBackground(
        this,
        [] {
            return QList<TodoStore::Message> {message(envelope({{QStringLiteral("3"), QStringLiteral("c")}}), "n")};
        },
        [](const TodoStore::CommitResult &) {});
    QCOMPARE(store->markAllRead(), 2);
    QCOMPARE(store->count(), 3);
    QCOMPARE(store->unreadCount(), 0);
    QCOMPARE(Outsider(dbPath()).value(QStringLiteral("SELECT count(*) FROM todos WHERE read = 0")).toInt(), 0);
}

void tst_TodoStore::closeAppliesTheBackgroundCommits()
{
    const auto store = openStoreWithWriterThread();
    QVERIFY(store);
    bool ok = false;
    store->commitInBackground(
        this,
        [] {
            return QList<TodoStore::Message> {message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")};
        },
        [&ok](const TodoStore::CommitResult &result) { ok = result.ok; });
    store->close();
    QVERIFY(ok);
    QCOMPARE(Outsider(dbPath()).value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 1);
    // A context that is gone gets no call (the commit is made all the same).
    QVERIFY(store->open(dbPath()));
    auto context = std::make_unique<QObject>();
    bool called = false;
    store->commitInBackground(
        context.get(),
        [] {
            return QList<TodoStore::Message> {message(envelope({{QStringLiteral("2"), QStringLiteral("u")}}), "n")};
        },
        [&called](const TodoStore::CommitResult &) { called = true; });
    context.reset();
    store->finishBackgroundCommits();
    QVERIFY(!called);
    QCOMPARE(store->count(), 2);
}

void tst_TodoStore::failedBackgroundCommitWritesNothing()
{
    // The writer thread's commit fails; tried once more here, it fails again: nothing is written, done() says why.
    const auto store = openStoreWithWriterThread();
    QVERIFY(store);
    {
        Outsider saboteur(dbPath());
        QVERIFY(saboteur.exec(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON todos WHEN NEW.title = 'poison' "
                                             "BEGIN SELECT RAISE(ABORT, 'poisoned todo'); END")));
    }
    QSignalSpy committed(store.get(), &TodoStore::todosCommitted);
    std::optional<TodoStore::CommitResult> outcome;
    store->commitInBackground(
        this,
        [] {
            return QList<TodoStore::Message> {
                message(envelope({{QStringLiteral("1"), QStringLiteral("good")}}, 4), "a"),
                message(envelope({{QStringLiteral("2"), QStringLiteral("poison")}}, 5), "b")};
        },
        [&outcome](const TodoStore::CommitResult &result) { outcome = result; });
    QTRY_VERIFY(outcome);
    QVERIFY(!outcome->ok);
    QVERIFY2(outcome->error.contains(QLatin1String("poisoned todo")), qPrintable(outcome->error));
    QCOMPARE(committed.count(), 0);
    QCOMPARE(store->count(), 0);
    QCOMPARE(store->serverPendingCount(), -1);
    QCOMPARE(Outsider(dbPath()).value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 0);
}

void tst_TodoStore::retentionNeverDeletesUnread()
{
    TodoStoreOptions options;
    options.keepTodos = 3;
    options.keepDays = 7;
    const auto store = openStore(options);
    QVERIFY(store);
    // Five todos, t1 oldest ... t5 newest.
    for (int i = 1; i <= 5; ++i) {
        const QString time = QStringLiteral("2024-05-1%1 09:00:00").arg(i);
        QVERIFY(store
                    ->commit({message(
                        envelope({{QStringLiteral("t%1").arg(i), QStringLiteral("todo %1").arg(i)}}, -1, time), "m")})
                    .ok);
    }
    QSignalSpy removed(store.get(), &TodoStore::todosRemoved);
    QCOMPARE(store->applyRetention(), 0); // all unread: more than N, none deleted
    QCOMPARE(store->count(), 5);

    // Read ones beyond the newest three go.
    QVERIFY(store->setRead(QStringLiteral("id:t1")));
    QVERIFY(store->setRead(QStringLiteral("id:t2")));
    QVERIFY(store->setRead(QStringLiteral("id:t5"))); // read but among the newest three: kept
    QCOMPARE(store->applyRetention(), 2);
    QCOMPARE(removed.count(), 1);
    QStringList keys;
    for (const Todo &todo : removed.first().first().value<QList<Todo>>())
        keys.append(todo.key);
    keys.sort();
    QCOMPARE(keys, (QStringList {QStringLiteral("id:t1"), QStringLiteral("id:t2")}));
    QCOMPARE(store->count(), 3);

    // D days later the read one goes, the unread ones stay however old.
    m_clock->advance(8 * kDayMs);
    QCOMPARE(store->applyRetention(), 1);
    QVERIFY(!store->todo(QStringLiteral("id:t5")));
    QVERIFY(store->todo(QStringLiteral("id:t3")));
    QVERIFY(store->todo(QStringLiteral("id:t4")));
    QCOMPARE(store->unreadCount(), 2);

    // Retention also runs at open.
    QVERIFY(store->setRead(QStringLiteral("id:t3")));
    m_clock->advance(8 * kDayMs);
    const auto reopened = openStore(options);
    QVERIFY(reopened);
    QCOMPARE(reopened->count(), 1);
    QVERIFY(reopened->todo(QStringLiteral("id:t4")));
}

namespace {

TodoQuery unreadOnly(const QString &text = {})
{
    TodoQuery query;
    query.unreadOnly = true;
    query.text = text;
    return query;
}

} // namespace

void tst_TodoStore::snoozeLeavesTheUnreadCountAndList()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("Annual budget")},
                                            {QStringLiteral("2"), QStringLiteral("Budget review")}}),
                                  "m")})
                .ok);
    QCOMPARE(store->unreadCount(), 2);
    QSignalSpy unread(store.get(), &TodoStore::unreadCountChanged);
    QSignalSpy changed(store.get(), &TodoStore::todoChanged);
    QSignalSpy snoozes(store.get(), &TodoStore::snoozesChanged);
    const qint64 until = m_clock->wallMs() + 3600 * 1000;

    QVERIFY(store->snooze(QStringLiteral("id:1"), until));
    QCOMPARE(store->unreadCount(), 1);
    QCOMPARE(unread.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Todo>().snoozedUntilMs, until);
    QCOMPARE(snoozes.size(), 1);
    QVERIFY(!store->snooze(QStringLiteral("id:1"), until)); // nothing changes
    QVERIFY(!store->snooze(QStringLiteral("id:nope"), until));
    QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, until);
    QVERIFY(!store->todo(QStringLiteral("id:1"))->read); // unread, later
    QCOMPARE(store->nextSnoozeEnd(), until);
    // The unread list leaves it out, on `todos` and through the search index alike; the whole list keeps it.
    QCOMPARE(keysOf(store->page(unreadOnly())), QStringList {QStringLiteral("id:2")});
    QCOMPARE(store->countMatching(unreadOnly()), 1);
    QCOMPARE(keysOf(store->page(unreadOnly(QStringLiteral("budget")))), QStringList {QStringLiteral("id:2")});
    QCOMPARE(keysOf(store->page(unreadOnly(QStringLiteral("bu")))), QStringList {QStringLiteral("id:2")});
    QCOMPARE(keysOf(store->page({})), (QStringList {QStringLiteral("id:2"), QStringLiteral("id:1")}));
    QVERIFY(!unreadOnly().matches(*store->todo(QStringLiteral("id:1"))));

    // Not due yet: nothing wakes.
    QVERIFY(store->endDueSnoozes(until - 1).isEmpty());
    QCOMPARE(store->unreadCount(), 1);
    const QList<Todo> woken = store->endDueSnoozes(until);
    QCOMPARE(keysOf(woken), QStringList {QStringLiteral("id:1")});
    QCOMPARE(woken.at(0).snoozedUntilMs, 0);
    QCOMPARE(store->unreadCount(), 2);
    QCOMPARE(store->nextSnoozeEnd(), 0);
    QCOMPARE(store->countMatching(unreadOnly(QStringLiteral("budget"))), 2);
    QVERIFY(store->endDueSnoozes(until).isEmpty()); // once

    // "Wake now" ends a snooze before its time.
    QVERIFY(store->snooze(QStringLiteral("id:2"), until));
    QCOMPARE(store->unreadCount(), 1);
    QVERIFY(store->unsnooze(QStringLiteral("id:2")));
    QCOMPARE(store->unreadCount(), 2);
    QVERIFY(!store->unsnooze(QStringLiteral("id:2")));
    QCOMPARE(store->nextSnoozeEnd(), 0);
}

void tst_TodoStore::snoozeSurvivesReopen()
{
    const qint64 until = m_clock->wallMs() + 15 * 60 * 1000;
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store
                    ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                                {QStringLiteral("2"), QStringLiteral("two")}}),
                                      "m")})
                    .ok);
        QVERIFY(store->snooze(QStringLiteral("id:1"), until));
        QCOMPARE(store->unreadCount(), 1);
    }
    {
        const auto store = openStore();
        QVERIFY(store);
        QCOMPARE(store->count(), 2);
        QCOMPARE(store->unreadCount(), 1); // still snoozed after the restart
        QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, until);
        QCOMPARE(store->nextSnoozeEnd(), until);
        // A redelivery keeps the snooze, as it keeps the read state.
        QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one, again")}}), "m2")}).ok);
        QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, until);
        QCOMPARE(store->unreadCount(), 1);
        QCOMPARE(keysOf(store->endDueSnoozes(until + 1)), QStringList {QStringLiteral("id:1")});
    }
    const auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->unreadCount(), 2); // woken, and that was kept too
    QCOMPARE(store->nextSnoozeEnd(), 0);
    QVERIFY(store->endDueSnoozes(until + 1).isEmpty());
}

void tst_TodoStore::snoozeOfAReadOrDoneTodo()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                            {QStringLiteral("2"), QStringLiteral("two")}}),
                                  "m")})
                .ok);
    QVERIFY(store->setRead(QStringLiteral("id:1")));
    QVERIFY(store->setDone(QStringLiteral("id:2")));
    QCOMPARE(store->unreadCount(), 0);
    const qint64 until = m_clock->wallMs() + 3600 * 1000;
    // A read todo snoozed is unread later: not counted now, unread when it wakes.
    QVERIFY(store->snooze(QStringLiteral("id:1"), until));
    QCOMPARE(store->unreadCount(), 0);
    QVERIFY(!store->todo(QStringLiteral("id:1"))->read);
    // A done one is not snoozed.
    QVERIFY(!store->snooze(QStringLiteral("id:2"), until));
    QCOMPARE(store->todo(QStringLiteral("id:2"))->snoozedUntilMs, 0);
    QCOMPARE(store->endDueSnoozes(until).size(), 1);
    QCOMPARE(store->unreadCount(), 1);
}

void tst_TodoStore::readingOrMarkingAllEndsOrKeepsSnoozes()
{
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                            {QStringLiteral("2"), QStringLiteral("two")},
                                            {QStringLiteral("3"), QStringLiteral("three")}}),
                                  "m")})
                .ok);
    const qint64 until = m_clock->wallMs() + 3600 * 1000;
    QVERIFY(store->snooze(QStringLiteral("id:1"), until));
    QVERIFY(store->snooze(QStringLiteral("id:2"), until));
    QVERIFY(store->snooze(QStringLiteral("id:3"), until));
    QCOMPARE(store->unreadCount(), 0);
    // Read: dealt with, the snooze ends and it stays uncounted. Unread: wanted now, counted.
    QVERIFY(store->setRead(QStringLiteral("id:1"), true));
    QCOMPARE(store->unreadCount(), 0);
    QCOMPARE(store->todo(QStringLiteral("id:1"))->snoozedUntilMs, 0);
    QVERIFY(store->setRead(QStringLiteral("id:2"), false));
    QCOMPARE(store->unreadCount(), 1);
    QCOMPARE(store->todo(QStringLiteral("id:2"))->snoozedUntilMs, 0);
    // Mark all as read takes the unread ones; the snoozed one keeps waiting.
    QCOMPARE(store->markAllRead(), 1);
    QCOMPARE(store->unreadCount(), 0);
    QCOMPARE(store->todo(QStringLiteral("id:3"))->snoozedUntilMs, until);
    // Done ends a snooze.
    QVERIFY(store->setDone(QStringLiteral("id:3")));
    QCOMPARE(store->unreadCount(), 0);
    QCOMPARE(store->nextSnoozeEnd(), 0);
    QVERIFY(store->endDueSnoozes(until).isEmpty());
}

void tst_TodoStore::snoozedTodosAreNotRetained()
{
    TodoStoreOptions options;
    options.keepTodos = 1;
    options.keepDays = 1;
    const auto store = openStore(options);
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                                            {QStringLiteral("2"), QStringLiteral("two")}}),
                                  "m")})
                .ok);
    QVERIFY(store->setRead(QStringLiteral("id:1")));
    QVERIFY(store->snooze(QStringLiteral("id:1"), m_clock->wallMs() + 7LL * 24 * 3600 * 1000));
    QVERIFY(store->setRead(QStringLiteral("id:2")));
    m_clock->jumpWall(3LL * 24 * 3600 * 1000);
    QCOMPARE(store->applyRetention(), 1);
    QVERIFY(store->todo(QStringLiteral("id:1")));
    QVERIFY(!store->todo(QStringLiteral("id:2")));
}

void tst_TodoStore::searchIndexOfVersion2GainsTheSnooze()
{
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("Annual budget")}}), "m1")}).ok);
        QCOMPARE(store->countMatching(search(QStringLiteral("budget"))), 1);
    }
    {
        // Version 2 of the index: todos_list without the snooze column.
        Outsider outsider(dbPath());
        QVERIFY(outsider.exec(QStringLiteral("DROP TRIGGER todos_list_state")));
        QVERIFY(outsider.exec(QStringLiteral("ALTER TABLE todos_list DROP COLUMN snoozed_until_ms")));
        QVERIFY(outsider.exec(QStringLiteral("UPDATE state SET value = 2 WHERE key = 'search_index'")));
    }
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasSearchIndex());
    Outsider outsider(dbPath());
    QCOMPARE(outsider.value(QStringLiteral("SELECT count(*) FROM todos_list")).toInt(), 1); // kept, not rebuilt
    QCOMPARE(outsider.value(QStringLiteral("SELECT value FROM state WHERE key = 'search_index'")).toInt(),
             4); // the current version
    QVERIFY(store->snooze(QStringLiteral("id:1"), m_clock->wallMs() + 60000));
    QVERIFY(store->page(unreadOnly(QStringLiteral("budget"))).isEmpty());
    QCOMPARE(keysOf(store->page(search(QStringLiteral("budget")))), QStringList {QStringLiteral("id:1")});
}

void tst_TodoStore::shortWordsAreFoundWhereverTheyOccur()
{
    // Words of one or two characters are looked up in the index's terms: at the end of a field, as the whole field,
    // in any letter case, in Chinese; a word in no todo finds nothing.
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store
                ->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("Annual budget")},
                                            {QStringLiteral("2"), QStringLiteral("项目主管审批")},
                                            {QStringLiteral("3"), QStringLiteral("OK")},
                                            {QStringLiteral("4"), QStringLiteral("x")}}),
                                  "m1")})
                .ok);
    const auto found = [&store](const QString &text) {
        QStringList keys = keysOf(store->page(search(text)));
        keys.sort();
        return keys;
    };
    QCOMPARE(found(QStringLiteral("et")), QStringList {QStringLiteral("id:1")});
    QCOMPARE(found(QStringLiteral("BU")), QStringList {QStringLiteral("id:1")});
    QCOMPARE(found(QStringLiteral("主管")), QStringList {QStringLiteral("id:2")});
    QCOMPARE(found(QStringLiteral("批")), QStringList {QStringLiteral("id:2")});
    QCOMPARE(found(QStringLiteral("ok")), QStringList {QStringLiteral("id:3")});
    QCOMPARE(found(QStringLiteral("x")), QStringList {QStringLiteral("id:4")});
    QCOMPARE(found(QStringLiteral("n")), (QStringList {QStringLiteral("id:1")}));
    QCOMPARE(found(QStringLiteral("zq")), QStringList());
    QCOMPARE(store->countMatching(search(QStringLiteral("zq"))), 0);
    QCOMPARE(found(QStringLiteral("et 主管")), QStringList());
    QCOMPARE(found(QStringLiteral("et budget")), QStringList {QStringLiteral("id:1")});
    QCOMPARE(store->countMatching(search(QStringLiteral("主管"))), 1);

    // Changed text is found by its new short words only.
    QVERIFY(store->commit({message(envelope({{QStringLiteral("3"), QStringLiteral("No")}}), "m2")}).ok);
    QCOMPARE(found(QStringLiteral("ok")), QStringList());
    QCOMPARE(found(QStringLiteral("no")), QStringList {QStringLiteral("id:3")});
}

void tst_TodoStore::commonShortWordFindsEveryTodo()
{
    // "a" begins more trigrams than are looked up one by one: it is matched row by row, and still finds all.
    const auto store = openStore();
    QVERIFY(store);
    QList<QPair<QString, QString>> todos;
    const QString letters = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789");
    for (int i = 0; i < 70; ++i)
        todos.append({QString::number(i), QStringLiteral("a") + letters.at(i % 36) + letters.at(i / 36)});
    QVERIFY(store->commit({message(envelope(todos), "m1")}).ok);
    QCOMPARE(store->countMatching(search(QStringLiteral("a"))), 70);
    QCOMPARE(store->page(search(QStringLiteral("a"))).size(), 70);
}

void tst_TodoStore::searchIndexOfVersion3IsPaddedOnOpening()
{
    {
        const auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("Annual budget")}}), "m1")}).ok);
        QCOMPARE(store->countMatching(search(QStringLiteral("budget"))), 1);
    }
    {
        // Version 3 indexed the fields as they are: a short word at a field's end began no trigram.
        Outsider outsider(dbPath());
        QVERIFY(outsider.exec(QStringLiteral("INSERT INTO todos_search (todos_search) VALUES ('rebuild')")));
        QVERIFY(outsider.exec(QStringLiteral("UPDATE state SET value = 3 WHERE key = 'search_index'")));
    }
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->hasSearchIndex());
    QCOMPARE(keysOf(store->page(search(QStringLiteral("et")))), QStringList {QStringLiteral("id:1")});
    QCOMPARE(keysOf(store->page(search(QStringLiteral("budget")))), QStringList {QStringLiteral("id:1")});
}

QTEST_GUILESS_MAIN(tst_TodoStore)
#include "tst_todostore.moc"
