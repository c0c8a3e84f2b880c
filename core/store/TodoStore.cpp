#include "store/TodoStore.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QVariant>

#include <atomic>
#include <iterator>

namespace {

const QString kMemoryPath = QStringLiteral(":memory:");

// The schema, as the steps that lead to each version. A fresh database runs them all; an older one runs
// those above its version. Never edit a released step: add one.
struct Migration
{
    int version;
    QList<const char *> statements;
};

const Migration kMigrations[] = {
    {1,
     {"CREATE TABLE todos ("
      " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
      " key TEXT NOT NULL UNIQUE,"
      " todo_id TEXT NOT NULL DEFAULT '',"
      " kind INTEGER NOT NULL DEFAULT 0,"
      " title TEXT NOT NULL DEFAULT '',"
      " time_text TEXT NOT NULL DEFAULT '',"
      " time_ms INTEGER,"
      " handler_url TEXT NOT NULL DEFAULT '',"
      " user_id TEXT NOT NULL DEFAULT '',"
      " pending_id TEXT NOT NULL DEFAULT '',"
      " owner_id TEXT NOT NULL DEFAULT '',"
      " owner_identity_id TEXT NOT NULL DEFAULT '',"
      " urgency INTEGER NOT NULL DEFAULT 0,"
      " urgency_text TEXT NOT NULL DEFAULT '',"
      " bname TEXT NOT NULL DEFAULT '',"
      " send_name TEXT NOT NULL DEFAULT '',"
      " send_dept TEXT NOT NULL DEFAULT '',"
      " node_name TEXT NOT NULL DEFAULT '',"
      " pending_url TEXT NOT NULL DEFAULT '',"
      " source_json TEXT NOT NULL DEFAULT '{}',"
      " sort_ms INTEGER NOT NULL,"
      " received_ms INTEGER NOT NULL,"
      " updated_ms INTEGER NOT NULL,"
      " read INTEGER NOT NULL DEFAULT 0)",
      "CREATE INDEX todos_order ON todos (sort_ms DESC, seq DESC)",
      "CREATE TABLE state (key TEXT PRIMARY KEY, value)"}},
    // 2: delivery bookkeeping (which message carried it, how often), the done state, the SEND outbox.
    {2,
     {"ALTER TABLE todos ADD COLUMN message_id TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE todos ADD COLUMN destination TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE todos ADD COLUMN deliveries INTEGER NOT NULL DEFAULT 1",
      "ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0", "CREATE INDEX todos_read ON todos (read)",
      "CREATE TABLE outbox ("
      " id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " destination BLOB NOT NULL,"
      " body BLOB NOT NULL,"
      " headers_json TEXT NOT NULL DEFAULT '[]',"
      " created_ms INTEGER NOT NULL)"}},
};
static_assert(std::size(kMigrations) == TodoStore::kSchemaVersion, "one migration per schema version");

// Columns of a summary (what lists show) and of a complete todo, in the order readTodo() expects.
const QString kSummaryColumns = QStringLiteral(
    "seq, key, todo_id, kind, title, time_text, time_ms, handler_url, urgency, urgency_text, bname, send_name, "
    "send_dept, node_name, pending_url, message_id, sort_ms, received_ms, updated_ms, deliveries, read, done");
const QString kFullColumns =
    kSummaryColumns + QStringLiteral(", user_id, pending_id, owner_id, owner_identity_id, source_json, destination");

Todo readTodo(const QSqlQuery &query, bool full)
{
    Todo todo;
    todo.seq = query.value(0).toLongLong();
    todo.key = query.value(1).toString();
    todo.id = query.value(2).toString();
    todo.kind = query.value(3).toInt() == 1 ? Todo::Kind::Text : Todo::Kind::Json;
    todo.title = query.value(4).toString();
    todo.timeText = query.value(5).toString();
    const QVariant timeMs = query.value(6);
    if (!timeMs.isNull())
        todo.time = QDateTime::fromMSecsSinceEpoch(timeMs.toLongLong(), Qt::UTC);
    todo.handlerUrl = query.value(7).toString();
    todo.urgency = query.value(8).toInt();
    todo.urgencyText = query.value(9).toString();
    todo.businessName = query.value(10).toString();
    todo.senderName = query.value(11).toString();
    todo.senderDepartment = query.value(12).toString();
    todo.nodeName = query.value(13).toString();
    todo.pendingUrl = query.value(14).toString();
    todo.messageId = query.value(15).toString();
    todo.sortMs = query.value(16).toLongLong();
    todo.receivedMs = query.value(17).toLongLong();
    todo.updatedMs = query.value(18).toLongLong();
    todo.deliveries = query.value(19).toInt();
    todo.read = query.value(20).toInt() != 0;
    todo.done = query.value(21).toInt() != 0;
    if (full) {
        todo.userId = query.value(22).toString();
        todo.pendingId = query.value(23).toString();
        todo.ownerId = query.value(24).toString();
        todo.ownerIdentityId = query.value(25).toString();
        todo.source = QJsonDocument::fromJson(query.value(26).toString().toUtf8()).object();
        todo.destination = query.value(27).toString();
    }
    return todo;
}

// Binds the source fields of `todo` (the ones both INSERT and UPDATE write).
void bindSourceFields(QSqlQuery &query, const Todo &todo)
{
    query.bindValue(QStringLiteral(":todo_id"), todo.id);
    query.bindValue(QStringLiteral(":kind"), todo.kind == Todo::Kind::Text ? 1 : 0);
    query.bindValue(QStringLiteral(":title"), todo.title);
    query.bindValue(QStringLiteral(":time_text"), todo.timeText);
    query.bindValue(QStringLiteral(":time_ms"),
                    todo.time.isValid() ? QVariant(todo.time.toMSecsSinceEpoch())
                                        : QVariant(QMetaType::fromType<qint64>()));
    query.bindValue(QStringLiteral(":handler_url"), todo.handlerUrl);
    query.bindValue(QStringLiteral(":user_id"), todo.userId);
    query.bindValue(QStringLiteral(":pending_id"), todo.pendingId);
    query.bindValue(QStringLiteral(":owner_id"), todo.ownerId);
    query.bindValue(QStringLiteral(":owner_identity_id"), todo.ownerIdentityId);
    query.bindValue(QStringLiteral(":urgency"), todo.urgency);
    query.bindValue(QStringLiteral(":urgency_text"), todo.urgencyText);
    query.bindValue(QStringLiteral(":bname"), todo.businessName);
    query.bindValue(QStringLiteral(":send_name"), todo.senderName);
    query.bindValue(QStringLiteral(":send_dept"), todo.senderDepartment);
    query.bindValue(QStringLiteral(":node_name"), todo.nodeName);
    query.bindValue(QStringLiteral(":pending_url"), todo.pendingUrl);
    query.bindValue(QStringLiteral(":source_json"),
                    QString::fromUtf8(QJsonDocument(todo.source).toJson(QJsonDocument::Compact)));
    query.bindValue(QStringLiteral(":message_id"), todo.messageId);
    query.bindValue(QStringLiteral(":destination"), todo.destination);
}

// SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file went bad under us.
bool isCorruption(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26")
        || error.databaseText().contains(QLatin1String("malformed"))
        || error.databaseText().contains(QLatin1String("not a database"));
}

} // namespace

TodoStore::TodoStore(QObject *parent)
    : QObject(parent)
{
    static std::atomic<int> counter {0};
    m_connectionName = QStringLiteral("todo-store-%1").arg(++counter);
    m_checkpointPool.setMaxThreadCount(1);
    setClock(nullptr);
}

TodoStore::~TodoStore()
{
    close();
}

void TodoStore::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_checkpointTimer = m_clock->createTimer();
    connect(m_checkpointTimer.get(), &ClockTimer::timeout, this, &TodoStore::onCheckpointTimer);
}

void TodoStore::onCheckpointTimer()
{
    requestDurable();
}

quint64 TodoStore::requestDurable()
{
    const quint64 generation = m_commitGeneration;
    const bool onDisk = m_open && m_persistent && m_journalMode == QLatin1String("wal");
    if (!onDisk || generation <= m_durableGeneration) {
        // Nothing to wait for (in memory, or already durable); report it, but never from inside this call.
        QMetaObject::invokeMethod(
            this, [this, generation] { reportDurable(generation); }, Qt::QueuedConnection);
        return generation;
    }
    if (m_barrierRunning)
        m_barrierWanted = true; // the next barrier covers it: requests while one runs are served together
    else
        startBarrier();
    return generation;
}

void TodoStore::reportDurable(quint64 generation)
{
    if (generation > m_durableGeneration)
        m_durableGeneration = generation;
    Q_EMIT durable(generation);
}

void TodoStore::startBarrier()
{
    m_barrierRunning = true;
    m_barrierWanted = false;
    m_checkpointTimer->stop();
    const quint64 generation = m_commitGeneration;
    const quint64 openSerial = m_openSerial;
    const QString path = m_path;
    // The store outlives the task: closing it waits for the pool.
    m_checkpointPool.start([this, path, generation, openSerial] {
        static std::atomic<int> counter {0};
        const QString name = QStringLiteral("todo-store-checkpoint-%1").arg(++counter);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery query(db);
                // With synchronous=FULL the WAL is synced before it is copied back, the database after.
                ok = query.exec(QStringLiteral("PRAGMA synchronous=FULL"))
                    && query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next()
                    && query.value(0).toInt() == 0;
                if (!ok)
                    qCWarning(lcStore) << "WAL checkpoint failed:" << query.lastError().text();
            } else {
                qCWarning(lcStore) << "WAL checkpoint: cannot open the store:" << db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(
            this, [this, openSerial, generation, ok] { onBarrierDone(openSerial, generation, ok); },
            Qt::QueuedConnection);
    });
}

void TodoStore::onBarrierDone(quint64 openSerial, quint64 generation, bool ok)
{
    if (openSerial != m_openSerial)
        return; // the file it synced is gone
    m_barrierRunning = false;
    if (ok)
        reportDurable(generation);
    else
        m_barrierWanted = true;
    if (m_barrierWanted && m_commitGeneration > m_durableGeneration) {
        if (ok)
            startBarrier();
        else
            m_checkpointTimer->start(m_options.checkpointDelayMs); // try again a little later
    }
}

bool TodoStore::makeDurableNow()
{
    if (!m_open)
        return false;
    m_checkpointPool.waitForDone();
    if (m_persistent && m_journalMode == QLatin1String("wal")) {
        QSqlQuery query(m_db);
        const bool ok = query.exec(QStringLiteral("PRAGMA synchronous=FULL"))
            && query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next()
            && query.value(0).toInt() == 0;
        if (!ok)
            qCWarning(lcStore) << "WAL checkpoint failed:" << query.lastError().text();
        query.finish();
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        if (!ok)
            return false;
    }
    reportDurable(m_commitGeneration);
    return true;
}

void TodoStore::setOptions(const TodoStoreOptions &options)
{
    m_options = options;
    m_options.keepTodos = qMax(1, m_options.keepTodos);
    m_options.keepDays = qMax(1, m_options.keepDays);
}

qint64 TodoStore::now() const
{
    return m_clock->wallMs();
}

bool TodoStore::exec(const QString &sql, QString *why)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_lastError = query.lastError().text();
    if (why)
        *why = m_lastError;
    return false;
}

bool TodoStore::open(const QString &path)
{
    close();
    m_path = path;
    m_recoveryMessage.clear();
    m_movedAsidePath.clear();
    QString why;
    if (openAt(path, &why))
        return true;

    qCWarning(lcStore).noquote() << "cannot use the todo store" << path << "-" << why;
    const QString aside = moveAside(path);
    if (!aside.isEmpty()) {
        QString whyFresh;
        if (openAt(path, &whyFresh)) {
            m_movedAsidePath = aside;
            m_recoveryMessage = tr("The todo store %1 could not be used (%2). It was moved to %3 and a new, "
                                   "empty store was created.")
                                    .arg(QDir::toNativeSeparators(path), why, QDir::toNativeSeparators(aside));
            qCWarning(lcStore).noquote() << m_recoveryMessage;
            return true;
        }
        why = whyFresh;
    }
    QString whyMemory;
    if (openAt(kMemoryPath, &whyMemory)) {
        m_recoveryMessage = tr("The todo store %1 could not be used (%2), nor could a new one be created there. "
                               "Todos are kept in memory only until the application quits.")
                                .arg(QDir::toNativeSeparators(path), why);
        qCWarning(lcStore).noquote() << m_recoveryMessage;
        return true;
    }
    m_recoveryMessage = tr("No todo store could be opened: %1").arg(whyMemory);
    qCCritical(lcStore).noquote() << m_recoveryMessage;
    return false;
}

bool TodoStore::openAt(const QString &path, QString *why)
{
    releaseDatabase();
    m_persistent = path != kMemoryPath;
    if (m_persistent) {
        const QFileInfo info(path);
        if (info.isDir()) {
            *why = tr("%1 is a directory").arg(path);
            return false;
        }
        if (!QDir().mkpath(info.absolutePath())) {
            *why = tr("cannot create the directory %1").arg(info.absolutePath());
            return false;
        }
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        *why = tr("the Qt SQLite driver (QSQLITE) is not installed");
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    const auto fail = [&](const QString &reason) {
        *why = reason;
        releaseDatabase();
        return false;
    };
    if (!m_db.open())
        return fail(m_db.lastError().text());

    // Read-only checks first: a file that turns out not to be ours is moved aside untouched. A garbage file fails
    // right here ("file is not a database").
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(query.lastError().text());
    const int version = query.value(0).toInt();
    if (version > kSchemaVersion)
        return fail(tr("it was written by a newer version of the application (schema %1, this one knows %2)")
                        .arg(version)
                        .arg(kSchemaVersion));
    if (version == 0) {
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
            return fail(query.lastError().text());
        if (query.value(0).toInt() > 0)
            return fail(tr("it is not a todo store (it has other tables)"));
    }
    // Damage further in (a torn or overwritten page) is found by the quick check: O(size), a few ms per MB.
    if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next())
        return fail(query.lastError().text());
    if (query.value(0).toString() != QLatin1String("ok"))
        return fail(tr("integrity check failed: %1").arg(query.value(0).toString().simplified().left(200)));
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next())
        return fail(query.lastError().text());
    m_journalMode = query.value(0).toString().toLower();
    if (m_persistent && m_journalMode != QLatin1String("wal"))
        qCWarning(lcStore) << "SQLite refused WAL mode; journal mode is" << m_journalMode;
    QString error;
    // Checkpoints are ours to schedule (see onCheckpointTimer()); SQLite still checkpoints when it closes.
    if (m_journalMode == QLatin1String("wal") && !exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"), &error))
        return fail(error);
    // Commits do not wait for the disk; requestDurable() does, on a worker thread.
    if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL"), &error))
        return fail(error);
    query.finish();
    if (!migrate(version, &error) || !prepareStatements(&error))
        return fail(error);

    m_open = true;
    refreshCounts();
    if (query.exec(QStringLiteral("SELECT value FROM state WHERE key = 'server_pending'")) && query.next()
        && !query.value(0).isNull())
        m_serverPending = query.value(0).toInt();
    else
        m_serverPending = -1;
    query.finish();
    qCInfo(lcStore).noquote() << "opened" << path << "schema" << m_schemaVersion << "journal" << m_journalMode
                              << m_count << "todos," << m_unread << "unread";
    applyRetention();
    return true;
}

bool TodoStore::migrate(int fromVersion, QString *why)
{
    for (const Migration &migration : kMigrations) {
        if (migration.version <= fromVersion)
            continue;
        if (!m_db.transaction()) {
            *why = m_db.lastError().text();
            return false;
        }
        for (const char *statement : migration.statements) {
            if (!exec(QLatin1String(statement), why)) {
                m_db.rollback();
                *why = tr("schema migration to version %1 failed: %2").arg(migration.version).arg(*why);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version), why) || !m_db.commit()) {
            if (why->isEmpty())
                *why = m_db.lastError().text();
            m_db.rollback();
            return false;
        }
        if (fromVersion > 0)
            qCInfo(lcStore) << "migrated the todo store from schema" << fromVersion << "to" << migration.version;
    }
    m_schemaVersion = kSchemaVersion;
    return true;
}

bool TodoStore::prepareStatements(QString *why)
{
    // The source fields, as bindSourceFields() binds them. Text goes through coalesce(): Qt SQL binds a null
    // QString as NULL, and a missing field is an empty string here.
    static const char *const textColumns[] = {
        "todo_id",           "title",        "time_text",  "handler_url", "user_id",   "pending_id", "owner_id",
        "owner_identity_id", "urgency_text", "bname",      "send_name",   "send_dept", "node_name",  "pending_url",
        "source_json",       "message_id",   "destination"};
    static const char *const otherColumns[] = {"kind", "time_ms", "urgency"};
    QStringList columns;
    QStringList values;
    QStringList assignments;
    for (const char *column : textColumns) {
        const QString name = QLatin1String(column);
        columns.append(name);
        values.append(QStringLiteral("coalesce(:%1, '')").arg(name));
        assignments.append(QStringLiteral("%1 = coalesce(:%1, '')").arg(name));
    }
    for (const char *column : otherColumns) {
        const QString name = QLatin1String(column);
        columns.append(name);
        values.append(QLatin1Char(':') + name);
        assignments.append(QStringLiteral("%1 = :%1").arg(name));
    }
    m_selectKey = std::make_unique<QSqlQuery>(m_db);
    m_insert = std::make_unique<QSqlQuery>(m_db);
    m_update = std::make_unique<QSqlQuery>(m_db);
    const bool ok = m_selectKey->prepare(QStringLiteral(
                        "SELECT seq, sort_ms, received_ms, deliveries, read, done FROM todos WHERE key = :key"))
        && m_insert->prepare(
            QStringLiteral("INSERT INTO todos (key, %1, sort_ms, received_ms, updated_ms, deliveries, "
                           "read, done) VALUES (:key, %2, :sort_ms, :received_ms, :updated_ms, 1, 0, 0)")
                .arg(columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", "))))
        && m_update->prepare(
            QStringLiteral("UPDATE todos SET %1, updated_ms = :updated_ms, deliveries = deliveries + 1 "
                           "WHERE seq = :seq")
                .arg(assignments.join(QStringLiteral(", "))));
    if (!ok) {
        for (QSqlQuery *query : {m_selectKey.get(), m_insert.get(), m_update.get()}) {
            if (query->lastError().isValid()) {
                *why = query->lastError().text();
                break;
            }
        }
    }
    return ok;
}

QString TodoStore::moveAside(const QString &path)
{
    const QFileInfo info(path);
    if (path == kMemoryPath || !info.exists() || !info.isFile())
        return {};
    const QString stem = path + QStringLiteral(".unusable-")
        + QDateTime::fromMSecsSinceEpoch(now()).toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString aside = stem;
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = stem + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(path, aside)) {
        qCWarning(lcStore).noquote() << "cannot move" << path << "aside to" << aside;
        return {};
    }
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString companion = path + QLatin1String(suffix);
        if (QFile::exists(companion) && !QFile::rename(companion, aside + QLatin1String(suffix)))
            QFile::remove(companion); // a stale WAL must not be replayed into the fresh database
    }
    return aside;
}

void TodoStore::releaseDatabase()
{
    if (m_checkpointTimer)
        m_checkpointTimer->stop();
    m_checkpointPool.waitForDone();
    ++m_openSerial;
    m_barrierRunning = false;
    m_barrierWanted = false;
    m_selectKey.reset();
    m_insert.reset();
    m_update.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

void TodoStore::close()
{
    if (m_open)
        qCDebug(lcStore) << "closing" << m_path;
    releaseDatabase();
    m_count = 0;
    m_unread = 0;
    m_serverPending = -1;
    m_schemaVersion = 0;
}

void TodoStore::refreshCounts()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*), coalesce(sum(read = 0), 0) FROM todos")) && query.next()) {
        m_count = query.value(0).toInt();
        m_unread = query.value(1).toInt();
    } else {
        qCWarning(lcStore) << "cannot count todos:" << query.lastError().text();
    }
}

TodoStore::CommitResult TodoStore::commit(const QList<Message> &messages)
{
    CommitResult result;
    if (!m_open) {
        result.error = tr("the todo store is not open");
        return result;
    }
    const qint64 timestamp = now();
    QHash<QString, qsizetype> insertedIndex; // key -> index in result.inserted (a key twice in one commit)
    QHash<QString, qsizetype> updatedIndex;
    bool hasPayload = false;
    int pending = -1;
    QSqlError failure;

    const auto failed = [&](const QSqlError &error) {
        failure = error;
        result.error = error.text();
        result.inserted.clear();
        result.updated.clear();
        m_db.rollback();
        return false;
    };
    const auto run = [&]() -> bool {
        if (!m_db.transaction())
            return failed(m_db.lastError());
        for (const Message &message : messages) {
            if (message.batch.isPayload()) {
                hasPayload = true;
                pending = message.batch.pendingCount;
            }
            for (Todo todo : message.batch.todos) {
                todo.messageId = message.messageId;
                todo.destination = message.destination;
                m_selectKey->bindValue(QStringLiteral(":key"), todo.key);
                if (!m_selectKey->exec())
                    return failed(m_selectKey->lastError());
                if (m_selectKey->next()) {
                    todo.seq = m_selectKey->value(0).toLongLong();
                    todo.sortMs = m_selectKey->value(1).toLongLong();
                    todo.receivedMs = m_selectKey->value(2).toLongLong();
                    todo.deliveries = m_selectKey->value(3).toInt() + 1;
                    todo.read = m_selectKey->value(4).toInt() != 0;
                    todo.done = m_selectKey->value(5).toInt() != 0;
                    m_selectKey->finish();
                    todo.updatedMs = timestamp;
                    bindSourceFields(*m_update, todo);
                    m_update->bindValue(QStringLiteral(":updated_ms"), timestamp);
                    m_update->bindValue(QStringLiteral(":seq"), todo.seq);
                    if (!m_update->exec())
                        return failed(m_update->lastError());
                    if (const auto it = insertedIndex.constFind(todo.key); it != insertedIndex.cend())
                        result.inserted[*it] = todo;
                    else if (const auto up = updatedIndex.constFind(todo.key); up != updatedIndex.cend())
                        result.updated[*up] = todo;
                    else {
                        updatedIndex.insert(todo.key, result.updated.size());
                        result.updated.append(todo);
                    }
                } else {
                    m_selectKey->finish();
                    todo.sortMs = todo.time.isValid() ? todo.time.toMSecsSinceEpoch() : timestamp;
                    todo.receivedMs = timestamp;
                    todo.updatedMs = timestamp;
                    todo.deliveries = 1;
                    todo.read = false;
                    todo.done = false;
                    m_insert->bindValue(QStringLiteral(":key"), todo.key);
                    bindSourceFields(*m_insert, todo);
                    m_insert->bindValue(QStringLiteral(":sort_ms"), todo.sortMs);
                    m_insert->bindValue(QStringLiteral(":received_ms"), timestamp);
                    m_insert->bindValue(QStringLiteral(":updated_ms"), timestamp);
                    if (!m_insert->exec())
                        return failed(m_insert->lastError());
                    todo.seq = m_insert->lastInsertId().toLongLong();
                    insertedIndex.insert(todo.key, result.inserted.size());
                    result.inserted.append(todo);
                }
            }
        }
        if (hasPayload && pending != m_serverPending) {
            QSqlQuery state(m_db);
            state.prepare(QStringLiteral("INSERT OR REPLACE INTO state (key, value) VALUES ('server_pending', :v)"));
            state.bindValue(QStringLiteral(":v"),
                            pending >= 0 ? QVariant(pending) : QVariant(QMetaType::fromType<int>()));
            if (!state.exec())
                return failed(state.lastError());
        }
        if (!m_db.commit())
            return failed(m_db.lastError());
        return true;
    };

    if (!run()) {
        m_lastError = result.error;
        qCWarning(lcStore).noquote() << "commit of" << messages.size() << "messages failed:" << result.error;
        if (isCorruption(failure) && !m_recoveringFromCorruption) {
            // The file went bad while open: start over with a fresh store (moving the bad one aside) and retry
            // once.
            const QString path = m_path;
            open(path);
            Q_EMIT reopened();
            Q_EMIT countChanged(m_count);
            Q_EMIT unreadCountChanged(m_unread);
            Q_EMIT serverPendingCountChanged(m_serverPending);
            if (m_open && !m_recoveryMessage.isEmpty()) {
                m_recoveringFromCorruption = true;
                result = commit(messages);
                m_recoveringFromCorruption = false;
            }
        }
        return result;
    }
    result.ok = true;
    ++m_commitGeneration;
    // Every counter first, then the signals: a listener sees a consistent store.
    m_count += int(result.inserted.size());
    m_unread += int(result.inserted.size());
    const bool pendingChanged = hasPayload && pending != m_serverPending;
    if (hasPayload)
        m_serverPending = pending;
    if (!result.inserted.isEmpty() || !result.updated.isEmpty())
        Q_EMIT todosCommitted(result.inserted, result.updated);
    if (!result.inserted.isEmpty()) {
        Q_EMIT countChanged(m_count);
        Q_EMIT unreadCountChanged(m_unread);
    }
    if (pendingChanged)
        Q_EMIT serverPendingCountChanged(m_serverPending);
    maybeApplyRetention(!result.inserted.isEmpty());
    if (!m_checkpointTimer->isActive())
        m_checkpointTimer->start(m_options.checkpointDelayMs);
    return result;
}

void TodoStore::maybeApplyRetention(bool grew)
{
    const qint64 hourMs = 3600 * 1000;
    const int slack = qMax(50, m_options.keepTodos / 20);
    const bool overCount = grew && m_count > m_options.keepTodos + slack && m_count > m_unread;
    if (overCount || now() - m_lastRetentionMs >= hourMs)
        applyRetention();
}

int TodoStore::applyRetention()
{
    if (!m_open)
        return 0;
    m_lastRetentionMs = now();
    const qint64 cutoff = m_lastRetentionMs - qint64(m_options.keepDays) * 24 * 3600 * 1000;
    const QString condition = QStringLiteral("(read = 1 OR done = 1) AND (updated_ms < :cutoff OR seq NOT IN "
                                             "(SELECT seq FROM todos ORDER BY sort_ms DESC, seq DESC LIMIT :keep))");
    QList<Todo> removed;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const auto bind = [&] {
        query.bindValue(QStringLiteral(":cutoff"), cutoff);
        query.bindValue(QStringLiteral(":keep"), m_options.keepTodos);
    };
    if (!m_db.transaction()) {
        qCWarning(lcStore) << "retention:" << m_db.lastError().text();
        return 0;
    }
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM todos WHERE ") + condition);
    bind();
    if (!query.exec()) {
        qCWarning(lcStore) << "retention:" << query.lastError().text();
        m_db.rollback();
        return 0;
    }
    while (query.next())
        removed.append(readTodo(query, false));
    query.finish();
    if (!removed.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM todos WHERE ") + condition);
        bind();
        if (!query.exec()) {
            qCWarning(lcStore) << "retention:" << query.lastError().text();
            m_db.rollback();
            return 0;
        }
    }
    if (!m_db.commit()) {
        qCWarning(lcStore) << "retention:" << m_db.lastError().text();
        m_db.rollback();
        return 0;
    }
    const int before = m_count;
    refreshCounts();
    if (!removed.isEmpty()) {
        qCInfo(lcStore) << "retention deleted" << removed.size() << "read todos (keep" << m_options.keepTodos
                        << "todos," << m_options.keepDays << "days)";
        Q_EMIT todosRemoved(removed);
    }
    if (m_count != before)
        Q_EMIT countChanged(m_count);
    if (m_unread > m_options.keepTodos) {
        if (!m_warnedUnreadOverLimit)
            qCInfo(lcStore) << m_unread << "unread todos are more than the" << m_options.keepTodos
                            << "to keep; unread todos are never deleted";
        m_warnedUnreadOverLimit = true;
    } else {
        m_warnedUnreadOverLimit = false;
    }
    return int(removed.size());
}

QList<Todo> TodoStore::loadSummaries(Order order, qsizetype spareCapacity) const
{
    QList<Todo> todos;
    if (!m_open)
        return todos;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString direction = order == Order::NewestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (!query.exec(
            QStringLiteral("SELECT %1 FROM todos ORDER BY sort_ms %2, seq %2").arg(kSummaryColumns, direction))) {
        m_lastError = query.lastError().text();
        qCWarning(lcStore) << "cannot load todos:" << m_lastError;
        return todos;
    }
    todos.reserve(m_count + qMax<qsizetype>(0, spareCapacity));
    while (query.next())
        todos.append(readTodo(query, false));
    return todos;
}

std::optional<Todo> TodoStore::todo(const QString &key) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + kFullColumns + QStringLiteral(" FROM todos WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readTodo(query, true);
}

bool TodoStore::setRead(const QString &key, bool read)
{
    if (!m_open)
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE todos SET read = :read WHERE key = :key AND read != :unchanged"));
    query.bindValue(QStringLiteral(":read"), read ? 1 : 0);
    query.bindValue(QStringLiteral(":unchanged"), read ? 1 : 0);
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        qCWarning(lcStore) << "cannot mark a todo read:" << m_lastError;
        return false;
    }
    if (query.numRowsAffected() <= 0)
        return false;
    m_unread += read ? -1 : 1;
    if (const std::optional<Todo> changed = todo(key)) {
        Todo summary = *changed;
        summary.source = {};
        Q_EMIT todoChanged(summary);
    }
    Q_EMIT unreadCountChanged(m_unread);
    return true;
}

bool TodoStore::setDone(const QString &key, bool done)
{
    if (!m_open)
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT read, done FROM todos WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return false;
    const bool wasRead = query.value(0).toInt() != 0;
    if ((query.value(1).toInt() != 0) == done)
        return false;
    query.finish();
    query.prepare(QStringLiteral("UPDATE todos SET done = :done, read = CASE WHEN :markRead = 1 THEN 1 ELSE read END "
                                 "WHERE key = :key"));
    query.bindValue(QStringLiteral(":done"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":markRead"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        qCWarning(lcStore) << "cannot mark a todo done:" << m_lastError;
        return false;
    }
    const bool unreadChanged = done && !wasRead;
    if (unreadChanged)
        --m_unread;
    if (const std::optional<Todo> changed = todo(key)) {
        Todo summary = *changed;
        summary.source = {};
        Q_EMIT todoChanged(summary);
    }
    if (unreadChanged)
        Q_EMIT unreadCountChanged(m_unread);
    return true;
}

int TodoStore::markAllRead()
{
    if (!m_open)
        return 0;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("UPDATE todos SET read = 1 WHERE read = 0"))) {
        m_lastError = query.lastError().text();
        qCWarning(lcStore) << "cannot mark todos read:" << m_lastError;
        return 0;
    }
    const int changed = query.numRowsAffected();
    if (changed > 0) {
        m_unread = 0;
        Q_EMIT allMarkedRead();
        Q_EMIT unreadCountChanged(m_unread);
    }
    return changed;
}

qint64 TodoStore::enqueueOutbox(const QByteArray &destination, const QByteArray &body,
                                const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!m_open)
        return 0;
    QJsonArray headerList;
    for (const auto &header : headers)
        headerList.append(QJsonArray {QString::fromUtf8(header.first), QString::fromUtf8(header.second)});
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO outbox (destination, body, headers_json, created_ms) "
                                 "VALUES (:destination, :body, :headers, :created)"));
    query.bindValue(QStringLiteral(":destination"), destination);
    query.bindValue(QStringLiteral(":body"), body);
    query.bindValue(QStringLiteral(":headers"),
                    QString::fromUtf8(QJsonDocument(headerList).toJson(QJsonDocument::Compact)));
    query.bindValue(QStringLiteral(":created"), now());
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        qCWarning(lcStore) << "cannot queue a message in the outbox:" << m_lastError;
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

QList<TodoStore::OutboxEntry> TodoStore::outbox() const
{
    QList<OutboxEntry> entries;
    if (!m_open)
        return entries;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, destination, body, headers_json, created_ms FROM outbox ORDER BY id")))
        return entries;
    while (query.next()) {
        OutboxEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.destination = query.value(1).toByteArray();
        entry.body = query.value(2).toByteArray();
        const QJsonArray headers = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array();
        for (const QJsonValue &header : headers) {
            const QJsonArray pair = header.toArray();
            entry.headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
        }
        entry.createdMs = query.value(4).toLongLong();
        entries.append(entry);
    }
    return entries;
}

bool TodoStore::removeOutbox(qint64 id)
{
    if (!m_open)
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM outbox WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    return query.exec() && query.numRowsAffected() > 0;
}
