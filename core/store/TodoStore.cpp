#include "store/TodoStore.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "store/StoreWriter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

#include <condition_variable>
#include <mutex>

namespace {

// The state key of the server's pending count (null: the latest payload carried none).
const QString kServerPendingKey = QStringLiteral("server_pending");

} // namespace

TodoStore::TodoStore(QObject *parent)
    : QObject(parent)
{
    setClock(nullptr);
    m_durability.setCheckpointDelayMs(m_options.checkpointDelayMs);
    m_durability.setSyncSpacingMs(m_options.syncSpacingMs);
    connect(&m_durability, &DurabilityBarrier::durable, this, &TodoStore::durable);
}

TodoStore::~TodoStore()
{
    m_checkPool.waitForDone(); // a check still running posts its result to this object
    close();
}

void TodoStore::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_database.setClock(m_clock);
    m_durability.setClock(m_clock);
    m_searchIndexTimer = m_clock->createTimer();
    connect(m_searchIndexTimer.get(), &ClockTimer::timeout, this, &TodoStore::onSearchIndexDue);
}

void TodoStore::catchUpSearchIndex() const
{
    if (!m_database.isOpen())
        return;
    QElapsedTimer timer;
    timer.start();
    const int added = m_table.catchUpSearchIndex();
    if (added > 0)
        qCDebug(lcStore) << "indexed" << added << "new todos for a search in" << timer.elapsed() << "ms";
}

void TodoStore::onSearchIndexDue()
{
    if (!m_database.isOpen())
        return;
    // A slice per turn of the event loop; a commit in between starts the wait for quiet again.
    if (m_table.catchUpSearchIndex(m_options.searchIndexSlice) >= m_options.searchIndexSlice)
        m_searchIndexTimer->start(0);
}

void TodoStore::setOptions(const TodoStoreOptions &options)
{
    m_options = options;
    m_options.keepTodos = qMax(1, m_options.keepTodos);
    m_options.keepDays = qMax(1, m_options.keepDays);
    m_options.searchIndexSlice = qMax(1, m_options.searchIndexSlice);
    m_durability.setCheckpointDelayMs(m_options.checkpointDelayMs);
    m_durability.setSyncSpacingMs(m_options.syncSpacingMs);
    m_database.setCheckAtOpenBytes(m_options.checkAtOpenBytes);
}

qint64 TodoStore::now() const
{
    return m_clock->wallMs();
}

quint64 TodoStore::requestDurable()
{
    return m_durability.request();
}

bool TodoStore::makeDurableNow()
{
    return m_durability.makeDurableNow();
}

bool TodoStore::open(const QString &path)
{
    close();
    if (!m_database.open(path, [this](QString *why) { return attach(why); }))
        return false;
    if (m_database.checkDeferred())
        startIntegrityCheck();
    return true;
}

void TodoStore::startIntegrityCheck()
{
    const QString path = m_database.path();
    const quint64 serial = ++m_openSerial;
    m_checkPending = true;
    m_checkPool.setMaxThreadCount(1);
    m_checkPool.start([this, path, serial] {
        QElapsedTimer timer;
        timer.start();
        const QString problem = TodoDatabase::quickCheck(path);
        const qint64 ms = timer.elapsed();
        QMetaObject::invokeMethod(
            this, [this, serial, problem, ms] { onIntegrityChecked(serial, problem, ms); }, Qt::QueuedConnection);
    });
}

void TodoStore::onIntegrityChecked(quint64 serial, const QString &problem, qint64 ms)
{
    if (serial != m_openSerial || !m_database.isOpen())
        return; // about a file this store no longer has open
    m_checkPending = false;
    if (problem.isEmpty()) {
        qCInfo(lcStore) << "integrity check passed in" << ms << "ms";
        return;
    }
    qCWarning(lcStore).noquote() << "the todo store failed its integrity check:" << problem;
    replaceDatabase(problem);
}

void TodoStore::replaceDatabase(const QString &why)
{
    ++m_openSerial; // a commit the writer is running went to the file that goes: applyBackground() commits it again
    m_writer.reset(); // lets it finish (its connection must go before the file moves)
    m_writerFailed = false;
    m_durability.stop();
    m_table.release();
    m_database.replaceUnusable(why, [this](QString *reason) { return attach(reason); });
    if (!m_database.isOpen()) {
        m_count = 0;
        m_unread = 0;
        m_serverPending = -1;
    }
    Q_EMIT reopened();
    Q_EMIT countChanged(m_count);
    Q_EMIT unreadCountChanged(m_unread);
    Q_EMIT serverPendingCountChanged(m_serverPending);
}

// A database that TodoDatabase opened (checked, migrated): the statements, the counts, retention.
bool TodoStore::attach(QString *why)
{
    if (!m_table.prepare(why))
        return false;
    refreshCounts();
    const QVariant pending = m_database.state(kServerPendingKey);
    m_serverPending = pending.isNull() ? -1 : pending.toInt();
    qCInfo(lcStore).noquote() << "opened" << m_database.connection().databaseName() << "schema"
                              << m_database.schemaVersion() << "journal" << m_database.journalMode() << m_count
                              << "todos," << m_unread << "unread";
    retain();
    if (m_table.hasSearchIndex())
        m_searchIndexTimer->start(m_options.searchIndexDelayMs); // what the last run left to index
    return true;
}

void TodoStore::close()
{
    finishBackgroundCommits();
    m_writer.reset();
    m_writerFailed = false;
    ++m_openSerial;
    m_checkPending = false;
    if (m_database.isOpen())
        qCDebug(lcStore) << "closing" << m_database.path();
    m_durability.stop();
    if (m_searchIndexTimer)
        m_searchIndexTimer->stop();
    m_table.release();
    m_database.close();
    m_count = 0;
    m_unread = 0;
    m_serverPending = -1;
}

void TodoStore::refreshCounts()
{
    m_table.count(&m_count, &m_unread);
}

TodoStore::CommitResult TodoStore::commit(const QList<Message> &messages)
{
    finishBackgroundCommits();
    return commitHere(messages);
}

TodoStore::CommitResult TodoStore::commitHere(const QList<Message> &messages)
{
    if (!m_database.isOpen()) {
        CommitResult result;
        result.error = tr("the todo store is not open");
        return result;
    }
    Written written = write(m_database, m_table, messages, now(), m_serverPending);
    if (!written.result.ok) {
        CommitResult result = written.result;
        m_database.setLastError(result.error);
        qCWarning(lcStore).noquote() << "commit of" << messages.size() << "messages failed:" << result.error;
        if (TodoDatabase::isCorruption(written.failure) && !m_recoveringFromCorruption) {
            // The file went bad while open: start over with a fresh store (moving the bad one aside) and retry
            // once.
            replaceDatabase(written.failure.text());
            if (m_database.isOpen() && !m_database.recoveryMessage().isEmpty()) {
                m_recoveringFromCorruption = true;
                result = commitHere(messages);
                m_recoveringFromCorruption = false;
            }
        }
        return result;
    }
    return apply(written);
}

TodoStore::Written TodoStore::write(TodoDatabase &database, TodoTable &table, const QList<Message> &messages,
                                    qint64 timestamp, int serverPending)
{
    Written written;
    CommitResult &result = written.result;
    QSqlDatabase &db = database.connection();
    QHash<QString, qsizetype> insertedIndex; // key -> index in result.inserted (a key twice in one commit)
    QHash<QString, qsizetype> updatedIndex;
    QSet<QString> doneKeys; // marked done elsewhere in this commit

    const auto failed = [&](const QSqlError &error) {
        written.failure = error;
        result.error = error.text();
        result.inserted.clear();
        result.updated.clear();
        result.doneElsewhere.clear();
        written.doneWereUnread = 0;
        db.rollback();
        return false;
    };
    const auto run = [&]() -> bool {
        if (!db.transaction())
            return failed(db.lastError());
        // What the server says was handled elsewhere (see commit()), after the message's own todos.
        const auto markDoneElsewhere = [&](const Message &message) -> bool {
            const TodoBatch &batch = message.batch;
            const bool countIsZero = batch.pendingCount == 0 && batch.todos.isEmpty();
            if (!message.completeList && !countIsZero && batch.removedIds.isEmpty())
                return true;
            QSqlError error;
            const std::optional<QList<Todo>> stillPending = table.pending(&error);
            if (!stillPending)
                return failed(error);
            QSet<QString> listed;
            if (message.completeList) {
                for (const Todo &todo : batch.todos)
                    listed.insert(todo.key);
            }
            QSet<QString> removed;
            for (const QString &id : batch.removedIds)
                removed.insert(QStringLiteral("id:") + id);
            QStringList keys;
            for (Todo todo : *stillPending) {
                const bool isDone =
                    countIsZero || removed.contains(todo.key) || (message.completeList && !listed.contains(todo.key));
                if (!isDone || doneKeys.contains(todo.key))
                    continue;
                keys.append(todo.key);
                doneKeys.insert(todo.key);
                if (!todo.read && !todo.isSnoozed()) // a snoozed todo is not counted as unread
                    ++written.doneWereUnread;
                todo.read = true;
                todo.done = true;
                todo.snoozedUntilMs = 0; // done ends a snooze
                result.doneElsewhere.append(todo);
            }
            if (!keys.isEmpty() && !table.markDone(keys, &error))
                return failed(error);
            return true;
        };
        for (const Message &message : messages) {
            // A body that only names removed ids says nothing about the count.
            if (message.batch.isPayload() && !message.batch.isRemovalOnly()) {
                written.hasPayload = true;
                written.pending = message.batch.pendingCount;
            }
            for (Todo todo : message.batch.todos) {
                todo.messageId = message.messageId;
                todo.destination = message.destination;
                QSqlError error;
                const TodoTable::Stored stored = table.store(todo, timestamp, &error);
                if (stored == TodoTable::Stored::Failed)
                    return failed(error);
                if (stored == TodoTable::Stored::Inserted) {
                    insertedIndex.insert(todo.key, result.inserted.size());
                    result.inserted.append(todo);
                } else if (const auto it = insertedIndex.constFind(todo.key); it != insertedIndex.cend()) {
                    result.inserted[*it] = todo; // a key twice in one commit is reported once, as it is now
                } else if (const auto up = updatedIndex.constFind(todo.key); up != updatedIndex.cend()) {
                    result.updated[*up] = todo;
                } else {
                    updatedIndex.insert(todo.key, result.updated.size());
                    result.updated.append(todo);
                }
            }
            if (!markDoneElsewhere(message))
                return false;
        }
        if (written.hasPayload && written.pending != serverPending) {
            const QSqlError error = database.setState(kServerPendingKey,
                                                      written.pending >= 0 ? QVariant(written.pending)
                                                                           : QVariant(QMetaType::fromType<int>()));
            if (error.isValid())
                return failed(error);
        }
        if (!db.commit())
            return failed(db.lastError());
        return true;
    };
    result.ok = run();
    return written;
}

TodoStore::CommitResult TodoStore::apply(const Written &written)
{
    const CommitResult &result = written.result;
    m_durability.noteCommit();
    // Every counter first, then the signals: a listener sees a consistent store.
    m_count += int(result.inserted.size());
    m_unread += int(result.inserted.size()) - written.doneWereUnread;
    const bool pendingChanged = written.hasPayload && written.pending != m_serverPending;
    if (written.hasPayload)
        m_serverPending = written.pending;
    if (!result.doneElsewhere.isEmpty()) {
        // Before todosCommitted: a payload's count is the server's word, and a listener that counts reads here
        // (PendingCounter) starts again from it after these.
        qCInfo(lcStore) << result.doneElsewhere.size() << "todos were handled elsewhere: marked done";
        for (const Todo &todo : std::as_const(result.doneElsewhere))
            Q_EMIT todoChanged(todo);
        Q_EMIT todosDoneElsewhere(result.doneElsewhere);
        if (written.doneWereUnread > 0)
            Q_EMIT unreadCountChanged(m_unread);
    }
    if (!result.inserted.isEmpty() || !result.updated.isEmpty())
        Q_EMIT todosCommitted(result.inserted, result.updated);
    if (!result.inserted.isEmpty()) {
        Q_EMIT countChanged(m_count);
        Q_EMIT unreadCountChanged(m_unread);
    }
    if (pendingChanged)
        Q_EMIT serverPendingCountChanged(m_serverPending);
    maybeApplyRetention(!result.inserted.isEmpty());
    m_durability.scheduleCheckpoint();
    if (!result.inserted.isEmpty() && m_table.hasSearchIndex())
        m_searchIndexTimer->start(m_options.searchIndexDelayMs);
    return result;
}

struct TodoStore::BackgroundCommit
{
    QPointer<QObject> context;
    bool hasContext = false; // without one, done() is always called
    Prepare prepare;
    Done done;
    bool started = false;
    qint64 timestamp = 0;
    int serverPending = -1;
    quint64 serial = 0; // m_openSerial when it started: a later one means the file it went to is gone
    // Written on the writer thread, read on the store's once `finished`.
    QList<Message> messages;
    Written written;
    bool tried = false; // false: no writer could be had, commit it here
    std::mutex mutex;
    std::condition_variable finishedChanged;
    bool finished = false;
};

void TodoStore::commitInBackground(QObject *context, Prepare prepare, Done done)
{
    if (m_background.empty() && !ensureWriter()) {
        // No writer thread (not wanted, or a store in memory): at once, here.
        done(commitHere(prepare()));
        return;
    }
    auto job = std::make_shared<BackgroundCommit>();
    job->context = context;
    job->hasContext = context != nullptr;
    job->prepare = std::move(prepare);
    job->done = std::move(done);
    m_background.push_back(job);
    // Asked for from a done() (the ingestor's next batch): it starts once that returns (applyBackground()), so the
    // writer stays idle while a result is applied.
    if (m_background.size() == 1 && !m_applying)
        startBackground();
}

bool TodoStore::ensureWriter()
{
    if (m_writer)
        return true;
    if (!m_options.writerThread || !m_database.isWalOnDisk() || m_writerFailed)
        return false;
    auto writer = std::make_unique<StoreWriter>();
    QString why;
    if (!writer->open(m_database.path(), &why)) {
        qCWarning(lcStore).noquote() << "no writer thread (" << why << "): commits run on the event loop";
        m_writerFailed = true;
        return false;
    }
    m_writer = std::move(writer);
    return true;
}

void TodoStore::startBackground()
{
    const std::shared_ptr<BackgroundCommit> job = m_background.front();
    job->started = true;
    job->timestamp = now();
    job->serverPending = m_serverPending;
    job->serial = m_openSerial;
    if (!ensureWriter()) {
        // The writer went with a file replaced in the meantime and the new one cannot have one: here.
        job->messages = job->prepare();
        const std::lock_guard lock(job->mutex);
        job->finished = true;
        QMetaObject::invokeMethod(this, &TodoStore::onBackgroundFinished, Qt::QueuedConnection);
        return;
    }
    m_writer->post([this, job](TodoDatabase &database, TodoTable &table) {
        job->messages = job->prepare();
        Written written = write(database, table, job->messages, job->timestamp, job->serverPending);
        {
            const std::lock_guard lock(job->mutex);
            job->written = std::move(written);
            job->tried = true;
            job->finished = true;
        }
        job->finishedChanged.notify_all();
        // The store outlives its writer (see close()), so the posted call finds it.
        QMetaObject::invokeMethod(this, &TodoStore::onBackgroundFinished, Qt::QueuedConnection);
    });
}

void TodoStore::onBackgroundFinished()
{
    while (!m_background.empty()) {
        const std::shared_ptr<BackgroundCommit> &job = m_background.front();
        {
            const std::lock_guard lock(job->mutex);
            if (!job->finished)
                return;
        }
        applyBackground();
    }
}

void TodoStore::finishBackgroundCommits()
{
    // While one is applied (its signals, its done()), the writer is idle (commitInBackground() starts nothing then),
    // and the others must wait for it: they are after it.
    if (m_applying)
        return;
    while (!m_background.empty()) {
        const std::shared_ptr<BackgroundCommit> job = m_background.front();
        if (!job->started)
            startBackground();
        {
            std::unique_lock lock(job->mutex);
            job->finishedChanged.wait(lock, [&] { return job->finished; });
        }
        applyBackground();
    }
}

void TodoStore::applyBackground()
{
    const std::shared_ptr<BackgroundCommit> job = m_background.front();
    m_background.pop_front();
    m_applying = true;
    CommitResult result;
    if (job->tried && job->written.result.ok && job->serial == m_openSerial) {
        result = apply(job->written);
    } else {
        // Failed on the writer thread, never tried there, or written to a file that has been replaced since:
        // commit here (which recovers from a corrupt file). A failed commit wrote nothing.
        if (job->tried && !job->written.result.ok)
            qCWarning(lcStore).noquote() << "commit on the writer thread failed (" << job->written.result.error
                                         << "); trying once more on the event loop";
        result = commitHere(job->messages);
    }
    if (!job->hasContext || job->context)
        job->done(result);
    m_applying = false;
    if (!m_background.empty() && !m_background.front()->started)
        startBackground();
}

void TodoStore::maybeApplyRetention(bool grew)
{
    const qint64 hourMs = 3600 * 1000;
    const int slack = qMax(50, m_options.keepTodos / 20);
    const bool overCount = grew && m_count > m_options.keepTodos + slack && m_count > m_unread;
    if (overCount || now() - m_lastRetentionMs >= hourMs)
        retain();
}

int TodoStore::applyRetention()
{
    finishBackgroundCommits();
    return retain();
}

int TodoStore::retain()
{
    if (!m_database.isOpen())
        return 0;
    m_lastRetentionMs = now();
    const qint64 cutoff = m_lastRetentionMs - qint64(m_options.keepDays) * 24 * 3600 * 1000;
    const std::optional<QList<Todo>> removed = m_table.removeRetained(cutoff, m_options.keepTodos, m_count);
    if (!removed)
        return 0;
    const int before = m_count;
    if (!removed->isEmpty()) {
        // Only read todos go, so the unread count stays: no need to count again (which reads an index from end to
        // end: tens of ms for a million todos).
        m_count -= int(removed->size());
        qCInfo(lcStore) << "retention deleted" << removed->size() << "read todos (keep" << m_options.keepTodos
                        << "todos," << m_options.keepDays << "days)";
        Q_EMIT todosRemoved(*removed);
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
    return int(removed->size());
}

QList<Todo> TodoStore::page(const TodoQuery &query, const std::optional<Cursor> &after, int limit) const
{
    if (!m_database.isOpen())
        return {};
    if (!query.words().isEmpty())
        catchUpSearchIndex();
    return m_table.page(query, after, limit);
}

int TodoStore::countMatching(const TodoQuery &query) const
{
    if (!m_database.isOpen())
        return 0;
    if (!query.words().isEmpty())
        catchUpSearchIndex();
    return query.isEmpty() ? m_count : m_table.countMatching(query);
}

std::optional<Todo> TodoStore::todo(const QString &key) const
{
    if (!m_database.isOpen())
        return std::nullopt;
    return m_table.find(key);
}

bool TodoStore::setRead(QString key, bool read)
{
    finishBackgroundCommits();
    if (!m_database.isOpen())
        return false;
    const std::optional<Todo> before = m_table.find(key);
    if (!before || !m_table.setRead(key, read))
        return false;
    // Counted as unread: unread and not snoozed (the snooze ends here either way).
    const int delta = (read ? 0 : 1) - (!before->read && !before->isSnoozed() ? 1 : 0);
    m_unread += delta;
    if (const std::optional<Todo> changed = todo(key)) {
        Todo summary = *changed;
        summary.source = {};
        Q_EMIT todoChanged(summary);
    }
    if (delta != 0)
        Q_EMIT unreadCountChanged(m_unread);
    if (before->isSnoozed())
        Q_EMIT snoozesChanged();
    return true;
}

bool TodoStore::setDone(QString key, bool done)
{
    finishBackgroundCommits();
    bool wasRead = false;
    if (!m_database.isOpen() || !m_table.setDone(key, done, &wasRead))
        return false;
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
    if (done && wasRead)
        Q_EMIT snoozesChanged(); // it may have been snoozed (done ends that): the next one to end may differ
    return true;
}

int TodoStore::markAllRead()
{
    finishBackgroundCommits();
    if (!m_database.isOpen())
        return 0;
    const int changed = m_table.markAllRead();
    if (changed > 0) {
        m_unread = 0;
        Q_EMIT allMarkedRead();
        Q_EMIT unreadCountChanged(m_unread);
    }
    return changed;
}

bool TodoStore::snooze(QString key, qint64 untilWallMs)
{
    finishBackgroundCommits();
    if (!m_database.isOpen() || untilWallMs <= 0)
        return false;
    const std::optional<Todo> before = m_table.find(key);
    if (!before || !m_table.setSnoozedUntil(key, untilWallMs))
        return false;
    const bool wasCounted = !before->read && !before->isSnoozed();
    if (wasCounted)
        --m_unread;
    if (const std::optional<Todo> changed = todo(key)) {
        Todo summary = *changed;
        summary.source = {};
        Q_EMIT todoChanged(summary);
    }
    if (wasCounted)
        Q_EMIT unreadCountChanged(m_unread);
    Q_EMIT snoozesChanged();
    return true;
}

bool TodoStore::unsnooze(QString key)
{
    finishBackgroundCommits();
    if (!m_database.isOpen() || !m_table.setSnoozedUntil(key, 0))
        return false;
    ++m_unread; // a snoozed todo is unread
    if (const std::optional<Todo> changed = todo(key)) {
        Todo summary = *changed;
        summary.source = {};
        Q_EMIT todoChanged(summary);
    }
    Q_EMIT unreadCountChanged(m_unread);
    Q_EMIT snoozesChanged();
    return true;
}

QList<Todo> TodoStore::endDueSnoozes(qint64 nowWallMs)
{
    finishBackgroundCommits();
    if (!m_database.isOpen())
        return {};
    const std::optional<QList<Todo>> woken = m_table.endDueSnoozes(nowWallMs);
    if (!woken || woken->isEmpty())
        return {};
    m_unread += int(woken->size());
    for (const Todo &todo : *woken)
        Q_EMIT todoChanged(todo);
    Q_EMIT unreadCountChanged(m_unread);
    Q_EMIT snoozesChanged();
    return *woken;
}

qint64 TodoStore::nextSnoozeEnd() const
{
    return m_database.isOpen() ? m_table.nextSnoozeEnd() : 0;
}
