// The file under TodoStore (TodoDatabase), through the store as the application sees it: migration from older
// schemas written by this test, recovery from corrupt, foreign and too-new files (moved aside, kept byte for byte),
// damage found while open, and the in-memory fallback. Other connections (plain Qt SQL) look at the file as an
// outsider would.
#include "MockClock.h"
#include "StoreTestSupport.h"
#include "store/TodoStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class tst_TodoDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void migratesFromSchemaVersion1();
    void migratesFromSchemaVersion2();
    void unusableFileIsMovedAside_data();
    void unusableFileIsMovedAside();
    void corruptionWhileOpenRecovers();
    void corruptionFoundByTheWriterThreadRecovers();
    void damageInALargeFileIsFoundAfterOpen();
    void movedAsideTwiceKeepsBoth();
    void unusablePathFallsBackToMemory();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("cache/todos.sqlite")); }
    std::unique_ptr<TodoStore> openStore(const TodoStoreOptions &options = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
};

void tst_TodoDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>(1715848083000); // 2024-05-16 08:28:03 UTC
}

void tst_TodoDatabase::cleanup()
{
    m_clock.reset();
    m_dir.reset();
}

std::unique_ptr<TodoStore> tst_TodoDatabase::openStore(const TodoStoreOptions &options)
{
    auto store = std::make_unique<TodoStore>();
    store->setClock(m_clock.get());
    store->setOptions(options);
    if (!store->open(dbPath()))
        return nullptr;
    return store;
}

void tst_TodoDatabase::migratesFromSchemaVersion1()
{
    // The first schema, written here as that version of the application wrote it.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    {
        Outsider old(dbPath());
        QVERIFY(old.isOpen());
        QVERIFY(old.exec(QStringLiteral(
            "CREATE TABLE todos (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,"
            " todo_id TEXT NOT NULL DEFAULT '', kind INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '',"
            " time_text TEXT NOT NULL DEFAULT '', time_ms INTEGER, handler_url TEXT NOT NULL DEFAULT '',"
            " user_id TEXT NOT NULL DEFAULT '', pending_id TEXT NOT NULL DEFAULT '', owner_id TEXT NOT NULL DEFAULT '',"
            " owner_identity_id TEXT NOT NULL DEFAULT '', urgency INTEGER NOT NULL DEFAULT 0,"
            " urgency_text TEXT NOT NULL DEFAULT '', bname TEXT NOT NULL DEFAULT '', send_name TEXT NOT NULL DEFAULT "
            "'',"
            " send_dept TEXT NOT NULL DEFAULT '', node_name TEXT NOT NULL DEFAULT '',"
            " pending_url TEXT NOT NULL DEFAULT '', source_json TEXT NOT NULL DEFAULT '{}', sort_ms INTEGER NOT NULL,"
            " received_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, read INTEGER NOT NULL DEFAULT 0)")));
        QVERIFY(old.exec(QStringLiteral("CREATE INDEX todos_order ON todos (sort_ms DESC, seq DESC)")));
        QVERIFY(old.exec(QStringLiteral("CREATE TABLE state (key TEXT PRIMARY KEY, value)")));
        QVERIFY(old.exec(QStringLiteral(
            "INSERT INTO todos (key, todo_id, title, send_name, sort_ms, received_ms, updated_ms, read) VALUES"
            " ('id:old-1', 'old-1', '旧的待办', '王芳', 1715000000000, 1715000000000, 1715000000000, 1),"
            " ('id:old-2', 'old-2', 'Old todo', 'Bob', 1715000001000, 1715000001000, 1715000001000, 0)")));
        QVERIFY(old.exec(QStringLiteral("INSERT INTO state (key, value) VALUES ('server_pending', 6)")));
        QVERIFY(old.exec(QStringLiteral("PRAGMA user_version = 1")));
    }

    auto store = openStore();
    QVERIFY(store);
    QVERIFY2(store->recoveryMessage().isEmpty(), qPrintable(store->recoveryMessage()));
    QCOMPARE(store->schemaVersion(), TodoStore::kSchemaVersion);
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->unreadCount(), 1);
    QCOMPARE(store->serverPendingCount(), 6);
    const QList<Todo> todos = store->page();
    QCOMPARE(todos.size(), 2);
    QCOMPARE(todos.at(0).title, QStringLiteral("Old todo"));
    QCOMPARE(todos.at(1).title, QStringLiteral("旧的待办"));
    QCOMPARE(todos.at(1).senderName, QStringLiteral("王芳"));
    QCOMPARE(todos.at(1).deliveries, 1); // columns added by the migration, with their defaults
    QVERIFY(!todos.at(1).done);
    // Everything of the current version works on the migrated file: redelivery counting, done.
    const TodoStore::CommitResult again =
        store->commit({message(envelope({{QStringLiteral("old-2"), QStringLiteral("Old todo")}}), "m")});
    QCOMPARE(again.updated.size(), 1);
    QCOMPARE(again.updated.first().deliveries, 2);
    QVERIFY(store->setDone(QStringLiteral("id:old-1")));
    store.reset();

    Outsider check(dbPath());
    QCOMPARE(check.value(QStringLiteral("PRAGMA user_version")).toInt(), TodoStore::kSchemaVersion);
    // Version 2 created the outbox, version 3 dropped it again.
    QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'")).toInt(), 0);
}

void tst_TodoDatabase::migratesFromSchemaVersion2()
{
    // The second schema, as that version of the application left it (version 1 and the columns, index and outbox
    // of version 2), with todos in every state and a SEND in the outbox.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    {
        Outsider old(dbPath());
        QVERIFY(old.isOpen());
        QVERIFY(old.exec(QStringLiteral(
            "CREATE TABLE todos (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,"
            " todo_id TEXT NOT NULL DEFAULT '', kind INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '',"
            " time_text TEXT NOT NULL DEFAULT '', time_ms INTEGER, handler_url TEXT NOT NULL DEFAULT '',"
            " user_id TEXT NOT NULL DEFAULT '', pending_id TEXT NOT NULL DEFAULT '', owner_id TEXT NOT NULL DEFAULT '',"
            " owner_identity_id TEXT NOT NULL DEFAULT '', urgency INTEGER NOT NULL DEFAULT 0,"
            " urgency_text TEXT NOT NULL DEFAULT '', bname TEXT NOT NULL DEFAULT '', send_name TEXT NOT NULL DEFAULT "
            "'',"
            " send_dept TEXT NOT NULL DEFAULT '', node_name TEXT NOT NULL DEFAULT '',"
            " pending_url TEXT NOT NULL DEFAULT '', source_json TEXT NOT NULL DEFAULT '{}', sort_ms INTEGER NOT NULL,"
            " received_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, read INTEGER NOT NULL DEFAULT 0)")));
        QVERIFY(old.exec(QStringLiteral("CREATE INDEX todos_order ON todos (sort_ms DESC, seq DESC)")));
        QVERIFY(old.exec(QStringLiteral("CREATE TABLE state (key TEXT PRIMARY KEY, value)")));
        QVERIFY(old.exec(QStringLiteral("ALTER TABLE todos ADD COLUMN message_id TEXT NOT NULL DEFAULT ''")));
        QVERIFY(old.exec(QStringLiteral("ALTER TABLE todos ADD COLUMN destination TEXT NOT NULL DEFAULT ''")));
        QVERIFY(old.exec(QStringLiteral("ALTER TABLE todos ADD COLUMN deliveries INTEGER NOT NULL DEFAULT 1")));
        QVERIFY(old.exec(QStringLiteral("ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0")));
        QVERIFY(old.exec(QStringLiteral("CREATE INDEX todos_read ON todos (read)")));
        QVERIFY(old.exec(QStringLiteral(
            "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, destination BLOB NOT NULL, body BLOB NOT NULL,"
            " headers_json TEXT NOT NULL DEFAULT '[]', created_ms INTEGER NOT NULL)")));
        QVERIFY(old.exec(QStringLiteral(
            "INSERT INTO todos (key, todo_id, title, send_name, sort_ms, received_ms, updated_ms, read, message_id,"
            " destination, deliveries, done) VALUES"
            " ('id:v2-1', 'v2-1', '已办完的待办', '王芳', 1715000000000, 1715000000000, 1715000000000, 1, 'm-a',"
            " '/topic/todo', 3, 1),"
            " ('id:v2-2', 'v2-2', 'Open todo', 'Bob', 1715000001000, 1715000001000, 1715000001000, 0, 'm-b',"
            " '/topic/todo', 1, 0)")));
        QVERIFY(old.exec(QStringLiteral("INSERT INTO state (key, value) VALUES ('server_pending', 7)")));
        QVERIFY(old.exec(QStringLiteral("INSERT INTO outbox (destination, body, headers_json, created_ms) VALUES"
                                        " ('/app/todo/done', '{\"id\":\"v2-1\"}', '[]', 1715000002000)")));
        QVERIFY(old.exec(QStringLiteral("PRAGMA user_version = 2")));
    }

    auto store = openStore();
    QVERIFY(store);
    QVERIFY2(store->recoveryMessage().isEmpty(), qPrintable(store->recoveryMessage()));
    QVERIFY(store->movedAsidePath().isEmpty());
    QCOMPARE(store->schemaVersion(), TodoStore::kSchemaVersion);
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->unreadCount(), 1);
    QCOMPARE(store->serverPendingCount(), 7);
    // The todos kept everything: their fields, read/done state and delivery bookkeeping.
    const QList<Todo> todos = store->page();
    QCOMPARE(todos.size(), 2);
    QCOMPARE(todos.at(0).title, QStringLiteral("Open todo"));
    QCOMPARE(todos.at(1).title, QStringLiteral("已办完的待办"));
    const Todo done = *store->todo(QStringLiteral("id:v2-1"));
    QCOMPARE(done.senderName, QStringLiteral("王芳"));
    QVERIFY(done.read);
    QVERIFY(done.done);
    QCOMPARE(done.deliveries, 3);
    QCOMPARE(done.messageId, QStringLiteral("m-a"));
    QCOMPARE(done.destination, QStringLiteral("/topic/todo"));
    QCOMPARE(done.receivedMs, qint64(1715000000000));
    // The full-text index was built over the todos already there.
    QVERIFY(store->hasSearchIndex());
    TodoQuery search;
    search.text = QStringLiteral("办完的");
    QCOMPARE(store->page(search).size(), 1);
    search.text = QStringLiteral("open");
    QCOMPARE(store->page(search).size(), 1);
    // And the store works on it: a redelivery is counted, not announced again.
    const TodoStore::CommitResult again =
        store->commit({message(envelope({{QStringLiteral("v2-2"), QStringLiteral("Open todo")}}), "m-c")});
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.inserted.size(), 0);
    QCOMPARE(again.updated.size(), 1);
    QCOMPARE(again.updated.first().deliveries, 2);
    QVERIFY(store->setDone(QStringLiteral("id:v2-2")));
    QCOMPARE(store->unreadCount(), 0);
    store.reset();

    {
        Outsider check(dbPath());
        QCOMPARE(check.value(QStringLiteral("PRAGMA user_version")).toInt(), TodoStore::kSchemaVersion);
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'")).toInt(), 0);
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 2);
        QCOMPARE(check.value(QStringLiteral("PRAGMA quick_check")).toString(), QStringLiteral("ok"));
    }
    // The upgraded file opens as it is, without migrating again.
    store = openStore();
    QVERIFY(store);
    QVERIFY2(store->recoveryMessage().isEmpty(), qPrintable(store->recoveryMessage()));
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->todo(QStringLiteral("id:v2-2"))->deliveries, 2);
}
void tst_TodoDatabase::unusableFileIsMovedAside_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("garbage") << QStringLiteral("garbage") << QStringLiteral("not a database");
    QTest::newRow("pages overwritten") << QStringLiteral("pages") << QString();
    QTest::newRow("newer schema") << QStringLiteral("newer") << QStringLiteral("newer version");
    QTest::newRow("another application's database") << QStringLiteral("foreign") << QStringLiteral("not a todo store");
    QTest::newRow("empty file is fine") << QStringLiteral("empty") << QString();
}

void tst_TodoDatabase::unusableFileIsMovedAside()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    if (kind == QLatin1String("garbage")) {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray garbage(64 * 1024, Qt::Uninitialized);
        for (char &c : garbage)
            c = char(QRandomGenerator::global()->bounded(256));
        file.write(garbage);
    } else if (kind == QLatin1String("pages")) {
        {
            const auto store = openStore();
            QVERIFY(store);
            QList<TodoStore::Message> messages;
            for (int i = 0; i < 200; ++i)
                messages.append(message(envelope({{QString::number(i), QString(200, QLatin1Char('x'))}}), "m"));
            QVERIFY(store->commit(messages).ok);
        }
        QVERIFY(!QFile::exists(dbPath() + QStringLiteral("-wal"))); // checkpointed on close
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 8192);
        file.seek(4096); // keep the header page, overwrite the rest
        file.write(QByteArray(int(file.size() - 4096), '\x5a'));
    } else if (kind == QLatin1String("newer")) {
        Outsider newer(dbPath());
        QVERIFY(newer.exec(QStringLiteral("CREATE TABLE todos (x)")));
        QVERIFY(newer.exec(QStringLiteral("PRAGMA user_version = 99")));
    } else if (kind == QLatin1String("foreign")) {
        Outsider foreign(dbPath());
        QVERIFY(foreign.exec(QStringLiteral("CREATE TABLE bookmarks (url TEXT)")));
    } else {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QFile original(dbPath());
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray originalBytes = original.readAll();
    original.close();

    const auto store = openStore();
    QVERIFY2(store, "the store always opens");
    QVERIFY(store->isPersistent());
    QCOMPARE(store->schemaVersion(), TodoStore::kSchemaVersion);
    if (kind == QLatin1String("empty")) {
        QVERIFY(store->recoveryMessage().isEmpty());
        return;
    }
    const QString message = store->recoveryMessage();
    QVERIFY2(message.contains(QDir::toNativeSeparators(dbPath())), qPrintable(message));
    QVERIFY2(message.contains(QDir::toNativeSeparators(store->movedAsidePath())), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    // The old file is kept, byte for byte, next to the new one.
    QVERIFY(store->movedAsidePath().startsWith(dbPath() + QStringLiteral(".unusable-")));
    QFile aside(store->movedAsidePath());
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), originalBytes);
    // The new store is empty and works.
    QCOMPARE(store->count(), 0);
    QCOMPARE(store->commit({::message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")}).inserted.size(),
             1);
    Outsider check(dbPath());
    QCOMPARE(check.value(QStringLiteral("PRAGMA user_version")).toInt(), TodoStore::kSchemaVersion);
}

void tst_TodoDatabase::corruptionWhileOpenRecovers()
{
    const auto store = openStore();
    QVERIFY(store);
    QSignalSpy reopened(store.get(), &TodoStore::reopened);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")}).ok);
    // Something damages the file under the open store (here: an index root page that points nowhere).
    {
        Outsider vandal(dbPath());
        QVERIFY(vandal.exec(QStringLiteral("PRAGMA writable_schema = ON")));
        QVERIFY(vandal.exec(QStringLiteral("UPDATE sqlite_master SET rootpage = 99999 WHERE name = 'todos_order'")));
        // Bump the schema cookie so that the store's connection reads the damaged schema.
        const int cookie = vandal.value(QStringLiteral("PRAGMA schema_version")).toInt();
        QVERIFY(vandal.exec(QStringLiteral("PRAGMA schema_version = %1").arg(cookie + 1)));
    }
    const TodoStore::CommitResult result =
        store->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("u")}}), "n")});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(reopened.count(), 1);
    QVERIFY(!store->movedAsidePath().isEmpty());
    QVERIFY(!store->recoveryMessage().isEmpty());
    QCOMPARE(store->count(), 1);
    QCOMPARE(store->page().first().key, QStringLiteral("id:2"));
}

void tst_TodoDatabase::corruptionFoundByTheWriterThreadRecovers()
{
    // The same damage met by a commit on the writer thread: tried again here, where the store moves the file aside
    // and commits to a fresh one; the next background commit gets a writer on the new file.
    TodoStoreOptions options;
    options.writerThread = true;
    const auto store = openStore(options);
    QVERIFY(store);
    QSignalSpy reopened(store.get(), &TodoStore::reopened);
    const auto commitInBackground = [&store](const char *id, const char *messageId) {
        std::optional<TodoStore::CommitResult> outcome;
        store->commitInBackground(
            store.get(),
            [id, messageId] {
                return QList<TodoStore::Message> {
                    message(envelope({{QString::fromLatin1(id), QStringLiteral("t")}}), messageId)};
            },
            [&outcome](const TodoStore::CommitResult &result) { outcome = result; });
        store->finishBackgroundCommits();
        return outcome;
    };
    const std::optional<TodoStore::CommitResult> first = commitInBackground("1", "m");
    QVERIFY(first && first->ok);
    {
        Outsider vandal(dbPath());
        QVERIFY(vandal.exec(QStringLiteral("PRAGMA writable_schema = ON")));
        QVERIFY(vandal.exec(QStringLiteral("UPDATE sqlite_master SET rootpage = 99999 WHERE name = 'todos_order'")));
        const int cookie = vandal.value(QStringLiteral("PRAGMA schema_version")).toInt();
        QVERIFY(vandal.exec(QStringLiteral("PRAGMA schema_version = %1").arg(cookie + 1)));
    }
    const std::optional<TodoStore::CommitResult> second = commitInBackground("2", "n");
    QVERIFY(second);
    QVERIFY2(second->ok, qPrintable(second->error));
    QCOMPARE(reopened.count(), 1);
    QVERIFY(!store->movedAsidePath().isEmpty());
    QCOMPARE(store->count(), 1);
    const std::optional<TodoStore::CommitResult> third = commitInBackground("3", "o");
    QVERIFY(third && third->ok);
    QCOMPARE(store->count(), 2);
    QCOMPARE(Outsider(dbPath()).value(QStringLiteral("SELECT count(*) FROM todos")).toInt(), 2);
    QCOMPARE(reopened.count(), 1);
}

void tst_TodoDatabase::damageInALargeFileIsFoundAfterOpen()
{
    // A file above checkAtOpenBytes (here: every file) opens without the quick check, which then runs on a worker
    // thread; damage it finds moves the file aside as damage found at open would, only later.
    TodoStoreOptions options;
    options.checkAtOpenBytes = 0;
    qint64 leafPage = 0;
    {
        const auto store = openStore(options);
        QVERIFY(store);
        QList<TodoStore::Message> messages;
        for (int i = 0; i < 200; ++i)
            messages.append(message(envelope({{QString::number(i), QString(200, QLatin1Char('x'))}}), "m"));
        QVERIFY(store->commit(messages).ok);
    }
    {
        // A leaf page of the todos table in the middle: what opening reads (the schema, the counts from indexes)
        // does not touch it; the quick check does.
        Outsider look(dbPath());
        leafPage = look.value(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'todos' AND pagetype = 'leaf' "
                                             "ORDER BY pageno LIMIT 1 OFFSET 10"))
                       .toLongLong();
        QVERIFY(leafPage > 1);
    }
    {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek((leafPage - 1) * 4096));
        file.write(QByteArray(4096, '\x5a'));
    }
    const auto store = openStore(options);
    QVERIFY(store);
    QVERIFY2(store->movedAsidePath().isEmpty(), "not checked at open");
    QCOMPARE(store->count(), 200);
    QSignalSpy reopened(store.get(), &TodoStore::reopened);
    QVERIFY(reopened.wait());
    QVERIFY(store->movedAsidePath().startsWith(dbPath() + QStringLiteral(".unusable-")));
    QVERIFY2(store->recoveryMessage().contains(QStringLiteral("integrity check failed")),
             qPrintable(store->recoveryMessage()));
    QCOMPARE(store->count(), 0);
    QVERIFY(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "n")}).ok);

    // A sound file passes the same check and stays.
    const auto sound = std::make_unique<TodoStore>();
    sound->setOptions(options);
    QVERIFY(sound->open(m_dir->filePath(QStringLiteral("sound.sqlite"))));
    QSignalSpy soundReopened(sound.get(), &TodoStore::reopened);
    QVERIFY(sound->commit({message(envelope({{QStringLiteral("2"), QStringLiteral("u")}}), "o")}).ok);
    sound->close();
    QVERIFY(sound->open(m_dir->filePath(QStringLiteral("sound.sqlite"))));
    QTRY_VERIFY(!sound->isIntegrityCheckRunning());
    QCOMPARE(soundReopened.count(), 0);
    QVERIFY(sound->movedAsidePath().isEmpty());
    QCOMPARE(sound->count(), 1);
}

void tst_TodoDatabase::movedAsideTwiceKeepsBoth()
{
    // Two bad files within the same millisecond (the clock does not move here): neither copy is overwritten.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QStringList asides;
    for (const QByteArray &garbage : {QByteArray(8192, 'a'), QByteArray(8192, 'b')}) {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(garbage);
        file.close();
        QFile::remove(dbPath() + QStringLiteral("-wal"));
        QFile::remove(dbPath() + QStringLiteral("-shm"));
        const auto store = openStore();
        QVERIFY(store && store->isPersistent());
        asides.append(store->movedAsidePath());
    }
    QCOMPARE(asides.size(), 2);
    QVERIFY(asides.at(0) != asides.at(1));
    QFile first(asides.at(0));
    QFile second(asides.at(1));
    QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
    QCOMPARE(first.readAll(), QByteArray(8192, 'a'));
    QCOMPARE(second.readAll(), QByteArray(8192, 'b'));
}

void tst_TodoDatabase::unusablePathFallsBackToMemory()
{
    QVERIFY(QDir().mkpath(dbPath())); // a directory where the file should be
    const auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->isOpen());
    QVERIFY(!store->isPersistent());
    QVERIFY2(store->recoveryMessage().contains(QLatin1String("in memory")), qPrintable(store->recoveryMessage()));
    QVERIFY(QFileInfo(dbPath()).isDir()); // not touched
    QCOMPARE(store->commit({message(envelope({{QStringLiteral("1"), QStringLiteral("t")}}), "m")}).inserted.size(), 1);
    QCOMPARE(store->page().size(), 1);
}

QTEST_GUILESS_MAIN(tst_TodoDatabase)
#include "tst_tododatabase.moc"
