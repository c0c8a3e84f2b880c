#include "store/TodoStore.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

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
    ++m_openSerial;
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
    applyRetention();
    if (m_table.hasSearchIndex())
        m_searchIndexTimer->start(m_options.searchIndexDelayMs); // what the last run left to index
    return true;
}

void TodoStore::close()
{
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
    CommitResult result;
    if (!m_database.isOpen()) {
        result.error = tr("the todo store is not open");
        return result;
    }
    QSqlDatabase &db = m_database.connection();
    const qint64 timestamp = now();
    QHash<QString, qsizetype> insertedIndex; // key -> index in result.inserted (a key twice in one commit)
    QHash<QString, qsizetype> updatedIndex;
    bool hasPayload = false;
    int pending = -1;
    QSqlError failure;
    QSet<QString> doneKeys; // marked done elsewhere in this commit
    int doneWereUnread = 0;

    const auto failed = [&](const QSqlError &error) {
        failure = error;
        result.error = error.text();
        result.inserted.clear();
        result.updated.clear();
        result.doneElsewhere.clear();
        doneKeys.clear();
        doneWereUnread = 0;
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
            const std::optional<QList<Todo>> stillPending = m_table.pending(&error);
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
                    ++doneWereUnread;
                todo.read = true;
                todo.done = true;
                todo.snoozedUntilMs = 0; // done ends a snooze
                result.doneElsewhere.append(todo);
            }
            if (!keys.isEmpty() && !m_table.markDone(keys, &error))
                return failed(error);
            return true;
        };
        for (const Message &message : messages) {
            // A body that only names removed ids says nothing about the count.
            if (message.batch.isPayload() && !message.batch.isRemovalOnly()) {
                hasPayload = true;
                pending = message.batch.pendingCount;
            }
            for (Todo todo : message.batch.todos) {
                todo.messageId = message.messageId;
                todo.destination = message.destination;
                QSqlError error;
                const TodoTable::Stored stored = m_table.store(todo, timestamp, &error);
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
        if (hasPayload && pending != m_serverPending) {
            const QSqlError error = m_database.setState(
                kServerPendingKey, pending >= 0 ? QVariant(pending) : QVariant(QMetaType::fromType<int>()));
            if (error.isValid())
                return failed(error);
        }
        if (!db.commit())
            return failed(db.lastError());
        return true;
    };

    if (!run()) {
        m_database.setLastError(result.error);
        qCWarning(lcStore).noquote() << "commit of" << messages.size() << "messages failed:" << result.error;
        if (TodoDatabase::isCorruption(failure) && !m_recoveringFromCorruption) {
            // The file went bad while open: start over with a fresh store (moving the bad one aside) and retry
            // once.
            replaceDatabase(failure.text());
            if (m_database.isOpen() && !m_database.recoveryMessage().isEmpty()) {
                m_recoveringFromCorruption = true;
                result = commit(messages);
                m_recoveringFromCorruption = false;
            }
        }
        return result;
    }
    result.ok = true;
    m_durability.noteCommit();
    // Every counter first, then the signals: a listener sees a consistent store.
    m_count += int(result.inserted.size());
    m_unread += int(result.inserted.size()) - doneWereUnread;
    const bool pendingChanged = hasPayload && pending != m_serverPending;
    if (hasPayload)
        m_serverPending = pending;
    if (!result.doneElsewhere.isEmpty()) {
        // Before todosCommitted: a payload's count is the server's word, and a listener that counts reads here
        // (PendingCounter) starts again from it after these.
        qCInfo(lcStore) << result.doneElsewhere.size() << "todos were handled elsewhere: marked done";
        for (const Todo &todo : std::as_const(result.doneElsewhere))
            Q_EMIT todoChanged(todo);
        Q_EMIT todosDoneElsewhere(result.doneElsewhere);
        if (doneWereUnread > 0)
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

bool TodoStore::setRead(const QString &key, bool read)
{
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

bool TodoStore::setDone(const QString &key, bool done)
{
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

bool TodoStore::snooze(const QString &key, qint64 untilWallMs)
{
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

bool TodoStore::unsnooze(const QString &key)
{
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
