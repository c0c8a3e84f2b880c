#pragma once

#include "store/DurabilityBarrier.h"
#include "store/TodoDatabase.h"
#include "store/TodoTable.h"
#include "todo/PayloadParser.h"
#include "todo/Todo.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class Clock;
class ClockTimer;
class StoreWriter;

struct TodoStoreOptions
{
    int keepTodos = 5000; // N: read todos beyond the newest N are deleted (unread ones never are)
    int keepDays = 90; // D: read todos not seen for D days are deleted (unread ones never are)
    // true: TodoIngestor acknowledges a message only once its commit is durable (survives a power cut, not only
    // a crash of the application; see requestDurable()); false: right after the commit.
    bool durableBeforeAck = true;
    // The WAL is copied back into the database (checkpointed) on a worker thread once no commit has come for this
    // long (at the latest DurabilityBarrier::kCheckpointDeferral times this after the first one not copied), never
    // by the commit itself.
    qint64 checkpointDelayMs = 1000;
    // During a burst a WAL sync (requestDurable()) starts at most once per this long, covering every commit since
    // the one before; a request after a quiet moment is synced at once (see DurabilityBarrier). It delays the
    // acknowledgements of a burst by at most this much, never a todo's arrival in the list.
    qint64 syncSpacingMs = 25;
    // New todos are added to the search index in slices of searchIndexSlice on turns of the event loop once no
    // commit has come for this long (and before any search: TodoStore::catchUpSearchIndex()).
    qint64 searchIndexDelayMs = 1000;
    int searchIndexSlice = 100;
    // A file larger than this gets its integrity check on a worker thread after open() instead of in it (it reads
    // the whole file: seconds for a large store); see "Recovery".
    qint64 checkAtOpenBytes = 32 * 1024 * 1024;
    // commitInBackground() runs its commits on a writer thread with a connection of its own (StoreWriter), so that
    // parsing and SQLite take that thread's time, not the event loop's. Off, or for a store in memory, they run at
    // once on the caller's thread, as commit() does. TodoPipeline turns it on.
    bool writerThread = false;
};

// The persistent todo cache: SQLite through Qt SQL, in WAL mode, with a versioned schema. This class is what the
// rest of the application uses; behind it, by job (all in store/):
//   TodoDatabase       the connection, the schema versions and their migrations, the integrity checks, WAL mode,
//                      moving an unusable file aside, the state table
//   TodoTable          the todos table: a Todo's columns, the statements on its rows
//   DurabilityBarrier  commit generations and the WAL checkpoints that make them durable, on a worker thread
//   StoreWriter        the writer thread, with a connection of its own, where commitInBackground() commits
// and here: commits with de-duplication, the counts, read/done, retention, reading pages of a query (TodoQuery),
// and the signals.
//
// It holds the todos with their read/done/snooze state and the latest server pending count.
//
// Snooze: a snoozed todo (Todo::snoozedUntilMs, persisted) is unread, yet neither counted in unreadCount() nor
// listed by an unread-only query until its time; then endDueSnoozes() ends it and it counts again. Marking it read,
// unread or done ends a snooze; "mark all as read" leaves snoozed todos alone. SnoozeScheduler wakes them on time.
//
// De-duplication: a todo is identified by Todo::key (its id; the message-id for text bodies). Committing a
// key that is already stored updates the row in place and reports it as updated, never as inserted: a
// redelivered or re-pushed todo never notifies twice. Its read/done state and its place in the list are
// kept.
//
// Retention: read (and so done) todos beyond the newest keepTodos, or not seen for keepDays, are deleted at open,
// after a commit that grows the store past keepTodos, and at most hourly after commits. An unread todo is
// never deleted; when they alone exceed the limit that is logged.
//
// Recovery: open() never leaves the application without a store. A database that is corrupt, unreadable,
// not ours or written by a newer version is moved aside (to "<path>.unusable-<time>", with its -wal and -shm
// files) and a fresh one is created; recoveryMessage() says what happened, where the old file went, and is
// logged. If even that fails the store lives in memory (isPersistent() false) and says so. A file of an older
// schema is migrated in place (TodoDatabase lists the versions; version 3 dropped the unused outbox table). The
// integrity check of a file larger than checkAtOpenBytes runs on a worker thread after open(), so that a large
// store does not hold up the start: if it fails, the file is moved aside then and reopened() says so. The same
// happens when a commit finds the file corrupt while open.
//
// Durability: commits run with SQLite synchronous=NORMAL, so a commit never waits for the disk: a committed todo
// survives a crash of the application at once, and a power cut once it is durable. requestDurable() makes it
// so off the event loop: a worker thread syncs the WAL file to the disk, then durable() reports which commits are
// covered. Requests that arrive while one runs are served together by the next (group commit), which starts
// syncSpacingMs after the one before at the soonest. Copying the WAL
// back into the database (a checkpoint, on the worker thread with its own connection) waits until commits have
// stopped for checkpointDelayMs (see DurabilityBarrier), and happens at close.
//
// Threads: use it from the thread that opened it. commit() is synchronous and CPU-bound; commitInBackground() (what
// TodoIngestor uses) runs the same commit on the writer thread when TodoStoreOptions::writerThread is on, one at a
// time, and applies its result (counts, signals) back on this thread, in order. Every change made on this thread
// first applies the background commits asked for before it (finishBackgroundCommits()), so that the counts and
// signals always include them, and no two connections write at once. Readers do not wait: a page read while a
// commit is on the writer thread may already list its todos (TodoModel takes a todo it already lists as an update).
class TodoStore final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(int serverPendingCount READ serverPendingCount NOTIFY serverPendingCountChanged)

public:
    static constexpr int kSchemaVersion = TodoDatabase::kSchemaVersion;

    // One MESSAGE's worth of parsed payload, committed together with the others of a batch.
    struct Message
    {
        TodoBatch batch;
        QString messageId;
        QString destination;
        // The batch is the server's whole pending list (a catch-up answer, TodoBatch::completeList): every stored todo
        // not in it has been handled elsewhere.
        bool completeList = false;
    };

    struct CommitResult
    {
        bool ok = false;
        QString error;
        QList<Todo> inserted; // genuinely new todos, in arrival order, with their store state
        QList<Todo> updated; // todos that were already stored (redelivered, re-pushed), as they are now
        QList<Todo> doneElsewhere; // todos the server says were handled elsewhere, marked done now (summaries)
    };

    explicit TodoStore(QObject *parent = nullptr);
    ~TodoStore() override;
    Q_DISABLE_COPY_MOVE(TodoStore)

    // The source of wall-clock time (arrival times, retention); nullptr means Clock::system().
    void setClock(Clock *clock);
    void setOptions(const TodoStoreOptions &options);
    const TodoStoreOptions &options() const { return m_options; }

    // Opens (creating directories and the file as needed) the database at `path`. See "Recovery" above.
    // Returns true when the store is usable, which is always unless SQLite itself is missing.
    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_database.isOpen(); }
    bool isPersistent() const { return m_database.isPersistent(); }
    QString path() const { return m_database.path(); }
    // Non-empty when open() had to move the old database aside or fall back to memory.
    QString recoveryMessage() const { return m_database.recoveryMessage(); }
    QString movedAsidePath() const { return m_database.movedAsidePath(); }
    int schemaVersion() const { return m_database.schemaVersion(); }
    QString journalMode() const { return m_database.journalMode(); }
    QString lastError() const { return m_database.lastError(); }
    // The integrity check of a large file (see "Recovery") has not reported yet.
    bool isIntegrityCheckRunning() const { return m_checkPending; }

    // Commits every todo of `messages` and the pending count of the last payload among them in one
    // transaction. On failure nothing is written (result.ok false, result.error says why).
    //
    // Done elsewhere: in the same transaction, a message marks done (and read) the todos the server says were
    // handled elsewhere (result.doneElsewhere; each also reported with todoChanged()):
    //  - a complete pending list (Message::completeList): every todo not done that is not in it;
    //  - removed ids (TodoBatch::removedIds): the todos with those ids;
    //  - a pending count of zero with an empty list: every todo not done.
    CommitResult commit(const QList<Message> &messages);

    using Prepare = std::function<QList<Message>()>;
    using Done = std::function<void(const CommitResult &result)>;
    // commit() of what `prepare` returns: both on the writer thread (see TodoStoreOptions::writerThread), so
    // `prepare` must be safe to run there (it is for parsing the bodies), or at once here without one. `done` is
    // called on this thread with the result once it is applied (counts, signals), unless `context` (if not null) is
    // gone by then.
    // Commits run one at a time, in the order asked, the next once the one before is done. One that fails on the
    // writer thread is tried once more here (commit() recovers from a corrupt file there).
    void commitInBackground(QObject *context, Prepare prepare, Done done);
    // Applies every commitInBackground() asked for so far, blocking while the writer thread finishes them.
    void finishBackgroundCommits();

    // Every successful commit() gets the next generation number.
    quint64 commitGeneration() const { return m_durability.commitGeneration(); }
    // Commits up to this generation are durable.
    quint64 durableGeneration() const { return m_durability.durableGeneration(); }
    // Asks for every commit so far to be made durable; returns the generation that durable() will report (at
    // once, but never synchronously, for a store in memory).
    quint64 requestDurable();
    // The same, synchronously on this thread (for shutdown); true when done.
    bool makeDurableNow();

    using Cursor = TodoTable::Cursor;
    // Todos that match `query`, without `source` (see Todo), newest first (sortMs, then seq, descending): up to
    // `limit` (-1: all) of them, starting after `after` or at the top. Lists read it a page at a time.
    QList<Todo> page(const TodoQuery &query = {}, const std::optional<Cursor> &after = std::nullopt,
                     int limit = -1) const;
    // How many todos match `query` (-1 when that fails).
    int countMatching(const TodoQuery &query) const;
    // Whether searches for words of three characters or more use the full-text index (see TodoTable).
    bool hasSearchIndex() const { return m_table.hasSearchIndex(); }
    // Brings the search index up to every commit so far; page() and countMatching() call it before a query with
    // words, since commits leave the indexing of their new rows to this and to the store's quiet moments
    // (searchIndexDelayMs). Const like the queries it serves: what the store holds does not change.
    void catchUpSearchIndex() const;
    // One todo, complete.
    std::optional<Todo> todo(const QString &key) const;

    int count() const { return m_count; }
    int unreadCount() const { return m_unread; }
    // The server's sysMsgNums from the latest payload, or -1 when that payload carried none.
    int serverPendingCount() const { return m_serverPending; }

    // The key is taken by value: a background commit applied first may change the list it came from.
    // Marking a todo read or unread ends its snooze.
    bool setRead(QString key, bool read = true);
    bool setDone(QString key, bool done = true); // done also marks read (and ends a snooze)
    int markAllRead(); // returns how many changed; snoozed todos keep their snooze

    // Snooze (see "Snooze" above): the todo is unread but leaves the unread count and the unread list until
    // `untilWallMs` (ms since the epoch). Snoozing a read todo makes it unread-later; a done one is not snoozed.
    // False when nothing changed (no such todo, done, already snoozed until then) or it failed.
    bool snooze(QString key, qint64 untilWallMs);
    // Ends a snooze now, without it being due (the list's "Wake now"); the todo counts as unread again.
    bool unsnooze(QString key);
    // Ends every snooze due at `nowWallMs` (persisted before this returns) and returns those todos as they are
    // now: the caller notifies them, once (a restart finds them awake, not due).
    QList<Todo> endDueSnoozes(qint64 nowWallMs);
    // When the next snooze ends (wall-clock ms since the epoch); 0 when no todo is snoozed.
    qint64 nextSnoozeEnd() const;
    // Applies the retention rules now; returns how many todos were deleted.
    int applyRetention();

Q_SIGNALS:
    void todosCommitted(const QList<Todo> &inserted, const QList<Todo> &updated);
    void todoChanged(const Todo &todo); // read/done state of one todo
    // Todos a commit marked done because the server says they were handled elsewhere (after their todoChanged()).
    void todosDoneElsewhere(const QList<Todo> &todos);
    void allMarkedRead(); // markAllRead() changed something
    // A snooze was set or ended (after todoChanged()): the time of the next one to end may have changed.
    void snoozesChanged();
    void todosRemoved(const QList<Todo> &removed); // retention (summaries)
    void countChanged(int count);
    void unreadCountChanged(int unreadCount);
    void serverPendingCountChanged(int serverPendingCount);
    // The database went bad while open and was replaced by a fresh one (see recoveryMessage()): reload. Commits
    // not yet durable went with the old file.
    void reopened();
    // Commits up to `generation` survive a power cut.
    void durable(quint64 generation);

private:
    // What one commit's transaction wrote, before the store applies it (counts, signals).
    struct Written
    {
        CommitResult result;
        QSqlError failure;
        bool hasPayload = false; // a message carried the server's pending count
        int pending = -1; // the last one
        int doneWereUnread = 0; // todos marked done elsewhere that counted as unread
    };
    struct BackgroundCommit;

    // The transaction of a commit on `database` (either connection); `serverPending` is the count stored so far.
    static Written write(TodoDatabase &database, TodoTable &table, const QList<Message> &messages, qint64 timestamp,
                         int serverPending);
    CommitResult commitHere(const QList<Message> &messages); // commit() without finishing the background ones
    CommitResult apply(const Written &written);
    bool ensureWriter(); // false: commits run here
    void startBackground(); // the front of m_background
    void onBackgroundFinished();
    void applyBackground(); // the front of m_background, finished
    int retain(); // applyRetention() without finishing the background commits
    bool attach(QString *why);
    void startIntegrityCheck();
    void onIntegrityChecked(quint64 serial, const QString &problem, qint64 ms);
    // Moves the open file aside and goes on with a fresh one (see "Recovery"); says so with reopened().
    void replaceDatabase(const QString &why);
    void refreshCounts();
    void maybeApplyRetention(bool grew);
    void onSearchIndexDue();
    qint64 now() const;

    Clock *m_clock = nullptr;
    TodoStoreOptions m_options;
    TodoDatabase m_database; // before the members that use it
    TodoTable m_table {&m_database};
    DurabilityBarrier m_durability {&m_database, this};
    std::unique_ptr<ClockTimer> m_searchIndexTimer;
    int m_count = 0;
    int m_unread = 0;
    int m_serverPending = -1;
    qint64 m_lastRetentionMs = 0;
    bool m_warnedUnreadOverLimit = false;
    bool m_recoveringFromCorruption = false;
    bool m_checkPending = false;
    quint64 m_openSerial = 0; // an integrity check that finishes after a close or reopen is about another file
    QThreadPool m_checkPool;
    std::unique_ptr<StoreWriter> m_writer; // made at the first background commit
    bool m_writerFailed = false; // it could not open the file: not tried again until the next file
    std::deque<std::shared_ptr<BackgroundCommit>> m_background; // asked for, not applied yet; the front may run
    bool m_applying = false; // applyBackground() runs
};
