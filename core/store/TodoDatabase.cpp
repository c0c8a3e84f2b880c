#include "store/TodoDatabase.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QSqlQuery>

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
    // 3: the outbox goes; nothing ever read or wrote it (unconfirmed SENDs are StompClient's, in memory).
    {3, {"DROP TABLE IF EXISTS outbox"}},
    // 4: the unread list, the unread count and retention read ranges of indexes instead of scanning the table.
    {4,
     {"CREATE INDEX todos_unread_order ON todos (read, sort_ms DESC, seq DESC)",
      "CREATE INDEX todos_read_updated ON todos (read, updated_ms)", "DROP INDEX IF EXISTS todos_read"}},
    // 5: snoozed todos (the wall-clock time they wake; 0: not snoozed). The partial index holds the snoozed ones
    // only: the next to wake, the due ones and how many of the unread are snoozed are reads of a few entries.
    {5,
     {"ALTER TABLE todos ADD COLUMN snoozed_until_ms INTEGER NOT NULL DEFAULT 0",
      "CREATE INDEX todos_snoozed ON todos (snoozed_until_ms) WHERE snoozed_until_ms > 0"}},
};
static_assert(std::size(kMigrations) == TodoDatabase::kSchemaVersion, "one migration per schema version");

} // namespace

TodoDatabase::TodoDatabase()
{
    static std::atomic<int> counter {0};
    m_connectionName = QStringLiteral("todo-store-%1").arg(++counter);
    setClock(nullptr);
}

TodoDatabase::~TodoDatabase()
{
    close();
}

void TodoDatabase::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

bool TodoDatabase::exec(const QString &sql, QString *why)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_lastError = query.lastError().text();
    if (why)
        *why = m_lastError;
    return false;
}

bool TodoDatabase::open(const QString &path, const Attach &attach)
{
    m_path = path;
    m_recoveryMessage.clear();
    m_movedAsidePath.clear();
    QString why;
    if (openAt(path, attach, &why))
        return true;

    qCWarning(lcStore).noquote() << "cannot use the todo store" << path << "-" << why;
    return replaceUnusable(why, attach);
}

bool TodoDatabase::replaceUnusable(const QString &why, const Attach &attach)
{
    release();
    const QString path = m_path;
    m_recoveryMessage.clear();
    m_movedAsidePath.clear();
    QString reason = why;
    const QString aside = moveAside(path);
    if (!aside.isEmpty()) {
        QString whyFresh;
        if (openAt(path, attach, &whyFresh)) {
            m_movedAsidePath = aside;
            m_recoveryMessage = tr("The todo store %1 could not be used (%2). It was moved to %3 and a new, "
                                   "empty store was created.")
                                    .arg(QDir::toNativeSeparators(path), reason, QDir::toNativeSeparators(aside));
            qCWarning(lcStore).noquote() << m_recoveryMessage;
            return true;
        }
        reason = whyFresh;
    }
    QString whyMemory;
    if (openAt(kMemoryPath, attach, &whyMemory)) {
        m_recoveryMessage = tr("The todo store %1 could not be used (%2), nor could a new one be created there. "
                               "Todos are kept in memory only until the application quits.")
                                .arg(QDir::toNativeSeparators(path), reason);
        qCWarning(lcStore).noquote() << m_recoveryMessage;
        return true;
    }
    m_recoveryMessage = tr("No todo store could be opened: %1").arg(whyMemory);
    qCCritical(lcStore).noquote() << m_recoveryMessage;
    return false;
}

bool TodoDatabase::openAt(const QString &path, const Attach &attach, QString *why)
{
    release();
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
    addConnection(path);
    const auto fail = [&](const QString &reason) {
        *why = reason;
        release();
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
    // Damage further in (a torn or overwritten page) is found by the quick check: O(size), a few ms per MB. A
    // large file gets it off the event loop, after open (TodoStore).
    m_checkDeferred = m_persistent && QFileInfo(path).size() > m_checkAtOpenBytes;
    if (!m_checkDeferred) {
        if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next())
            return fail(query.lastError().text());
        if (query.value(0).toString() != QLatin1String("ok"))
            return fail(tr("integrity check failed: %1").arg(query.value(0).toString().simplified().left(200)));
    }
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next())
        return fail(query.lastError().text());
    m_journalMode = query.value(0).toString().toLower();
    if (m_persistent && m_journalMode != QLatin1String("wal"))
        qCWarning(lcStore) << "SQLite refused WAL mode; journal mode is" << m_journalMode;
    QString error;
    // Checkpoints are DurabilityBarrier's to schedule; SQLite still checkpoints when it closes.
    if (m_journalMode == QLatin1String("wal") && !exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"), &error))
        return fail(error);
    // Commits do not wait for the disk; DurabilityBarrier does, on a worker thread.
    if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL"), &error))
        return fail(error);
    query.finish();
    if (!migrate(version, &error))
        return fail(error);

    m_open = true;
    if (!attach(&error))
        return fail(error);
    return true;
}

void TodoDatabase::addConnection(const QString &path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
}

bool TodoDatabase::openSecond(const QString &path, const Attach &attach, QString *why)
{
    release();
    m_path = path;
    m_persistent = true;
    addConnection(path);
    const auto fail = [&](const QString &reason) {
        *why = reason;
        release();
        return false;
    };
    if (!QFileInfo::exists(path)) // SQLite would create an empty one
        return fail(QStringLiteral("%1 does not exist").arg(path));
    if (!m_db.open())
        return fail(m_db.lastError().text());
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(query.lastError().text());
    if (query.value(0).toInt() != kSchemaVersion)
        return fail(QStringLiteral("schema %1, not %2").arg(query.value(0).toInt()).arg(kSchemaVersion));
    if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next())
        return fail(query.lastError().text());
    m_journalMode = query.value(0).toString().toLower();
    if (m_journalMode != QLatin1String("wal"))
        return fail(QStringLiteral("journal mode %1, not WAL").arg(m_journalMode));
    query.finish();
    QString error;
    if (!exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"), &error)
        || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"), &error))
        return fail(error);
    m_schemaVersion = kSchemaVersion;
    m_open = true;
    if (!attach(&error))
        return fail(error);
    return true;
}

bool TodoDatabase::migrate(int fromVersion, QString *why)
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

QString TodoDatabase::moveAside(const QString &path)
{
    const QFileInfo info(path);
    if (path == kMemoryPath || !info.exists() || !info.isFile())
        return {};
    const QString stem = path + QStringLiteral(".unusable-")
        + QDateTime::fromMSecsSinceEpoch(m_clock->wallMs()).toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
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

void TodoDatabase::release()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

void TodoDatabase::close()
{
    release();
    m_schemaVersion = 0;
}

QVariant TodoDatabase::state(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM state WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (query.exec() && query.next())
        return query.value(0);
    return {};
}

QSqlError TodoDatabase::setState(const QString &key, const QVariant &value)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO state (key, value) VALUES (:key, :value)"));
    query.bindValue(QStringLiteral(":key"), key);
    query.bindValue(QStringLiteral(":value"), value);
    if (!query.exec())
        return query.lastError();
    return {};
}

QString TodoDatabase::quickCheck(const QString &path)
{
    static std::atomic<int> counter {0};
    const QString name = QStringLiteral("todo-store-check-%1").arg(++counter);
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            problem = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next())
                problem = query.lastError().text();
            else if (query.value(0).toString() != QLatin1String("ok"))
                problem = tr("integrity check failed: %1").arg(query.value(0).toString().simplified().left(200));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return problem;
}

bool TodoDatabase::isCorruption(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("11") || code == QLatin1String("26")
        || error.databaseText().contains(QLatin1String("malformed"))
        || error.databaseText().contains(QLatin1String("not a database"));
}
