#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>

#include <functional>

class Clock;

// The SQLite file under TodoStore: the connection, the versioned schema and its migrations, the checks a file has
// to pass, WAL mode, the recovery that moves an unusable file aside, and the `state` table (values of the store as
// a whole). The rows of todos are TodoTable's; making commits durable is DurabilityBarrier's.
//
// Schema: PRAGMA user_version is the schema version. A fresh file runs every migration, an older one those above
// its version, each in its own transaction; a file of a newer version is not ours to touch. Versions:
//   1  todos (with their read state), the list order index, state
//   2  delivery bookkeeping (message-id, destination, deliveries), done, an index on read, an outbox table
//   3  the outbox table dropped (nothing used it)
//   4  the index on read replaced by (read, list order) and (read, updated_ms): the unread list and count, and
//      retention, read ranges of an index
//   5  snoozed_until_ms (when a snoozed todo wakes; 0: not snoozed) and a partial index of the snoozed todos
// The full-text index of the todos is not part of the versioned schema: TodoTable creates it where SQLite can (see
// TodoTable::prepare()).
//
// Recovery (see TodoStore): open() never leaves the application without a database. One that is corrupt (the quick
// check at open, for files up to setCheckAtOpenBytes(); larger ones are checked off the event loop by TodoStore),
// unreadable, not ours or written by a newer version is moved aside (to "<path>.unusable-<time>", with its -wal
// and -shm files) and a fresh one is created in its place; if even that fails the database lives in memory.
// recoveryMessage() says which.
//
// Connection settings: WAL mode, synchronous=NORMAL (commits do not wait for the disk), no automatic checkpoints
// (DurabilityBarrier schedules them), a busy timeout of 5 s.
class TodoDatabase final
{
    Q_DECLARE_TR_FUNCTIONS(TodoDatabase)

public:
    static constexpr int kSchemaVersion = 5;

    // Called on every candidate file once it passed the checks, is in WAL mode and migrated, with isOpen() true:
    // the user prepares its statements and reads what it keeps in memory. false (with why) makes the file unusable;
    // it must then leave nothing behind (no statement on the connection).
    using Attach = std::function<bool(QString *why)>;

    TodoDatabase();
    ~TodoDatabase();
    Q_DISABLE_COPY_MOVE(TodoDatabase)

    void setClock(Clock *clock); // for the names of moved-aside files; nullptr means Clock::system()
    // Files larger than this are not given the quick check at open (it reads the whole file: seconds for a large
    // store); checkDeferred() says so, and the owner runs quickCheck() off the event loop.
    void setCheckAtOpenBytes(qint64 bytes) { m_checkAtOpenBytes = bytes; }

    // Opens (creating directories and the file as needed) the database at `path`, moving it aside or falling back
    // to memory as described above. False only when not even a database in memory could be had. Call close() (and
    // release every statement) first.
    bool open(const QString &path, const Attach &attach);
    // A second connection to the file at `path`, which a first TodoDatabase has opened (checked, migrated, in WAL
    // mode): it checks, creates, migrates and moves nothing, and fails (with why) unless the file is at this schema
    // version in WAL mode (why is for the log, not translated). For the writer thread (StoreWriter); `attach` as for
    // open().
    bool openSecond(const QString &path, const Attach &attach, QString *why);
    // Closes the connection. Every statement on it has to be released first.
    void close();
    // The open file turned out to be unusable (`why`): moves it aside and opens a fresh one in its place, or a
    // database in memory, as open() does. Every statement has to be released first.
    bool replaceUnusable(const QString &why, const Attach &attach);

    // The open file skipped the quick check (see setCheckAtOpenBytes()).
    bool checkDeferred() const { return m_checkDeferred; }
    // SQLite's quick check of the file at `path` on a connection of its own: empty when it passed, else what it
    // found. Safe on any thread.
    static QString quickCheck(const QString &path);

    bool isOpen() const { return m_open; }
    bool isPersistent() const { return m_open && m_persistent; }
    // Open on a file in WAL mode: what a checkpoint can make durable.
    bool isWalOnDisk() const { return m_open && m_persistent && m_journalMode == QLatin1String("wal"); }
    QString path() const { return m_path; } // as asked for, also when the database fell back to memory
    QString recoveryMessage() const { return m_recoveryMessage; }
    QString movedAsidePath() const { return m_movedAsidePath; }
    int schemaVersion() const { return m_schemaVersion; }
    QString journalMode() const { return m_journalMode; }

    // The last error of any statement of the store (TodoTable and DurabilityBarrier report theirs here too).
    QString lastError() const { return m_lastError; }
    void setLastError(const QString &error) const { m_lastError = error; }

    QSqlDatabase &connection() { return m_db; }
    const QSqlDatabase &connection() const { return m_db; }
    // Runs one statement; on failure records lastError() (and *why).
    bool exec(const QString &sql, QString *why = nullptr);

    // The state table: null when `key` is not set (or cannot be read).
    QVariant state(const QString &key) const;
    // Sets `key` (inside the caller's transaction, if any); the error, invalid on success.
    QSqlError setState(const QString &key, const QVariant &value);

    // SQLITE_CORRUPT and SQLITE_NOTADB: the file went bad under an open connection.
    static bool isCorruption(const QSqlError &error);

private:
    // The connection to `path` (not opened yet), with the settings of both openAt() and openSecond().
    void addConnection(const QString &path);
    bool openAt(const QString &path, const Attach &attach, QString *why);
    bool migrate(int fromVersion, QString *why);
    QString moveAside(const QString &path);
    void release();

    Clock *m_clock = nullptr;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_path;
    QString m_recoveryMessage;
    QString m_movedAsidePath;
    QString m_journalMode;
    mutable QString m_lastError;
    int m_schemaVersion = 0;
    qint64 m_checkAtOpenBytes = 32 * 1024 * 1024;
    bool m_open = false;
    bool m_persistent = false;
    bool m_checkDeferred = false;
};
