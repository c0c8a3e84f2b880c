#include "store/TodoTable.h"

#include "base/Logging.h"
#include "store/TodoDatabase.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace {

// Columns of a summary (what lists show) and of a complete todo, in the order readTodo() expects.
const QString kSummaryColumns = QStringLiteral(
    "seq, key, todo_id, kind, title, time_text, time_ms, handler_url, urgency, urgency_text, bname, send_name, "
    "send_dept, node_name, pending_url, message_id, sort_ms, received_ms, updated_ms, deliveries, read, done, "
    "snoozed_until_ms");
const QString kFullColumns =
    kSummaryColumns + QStringLiteral(", user_id, pending_id, owner_id, owner_identity_id, source_json, destination");

// What retention deletes (see removeRetained()): read todos last updated before the cutoff, or at or below the
// boundary (the newest todo beyond the ones to keep, in list order). Both are ranges of an index (todos_read_updated,
// todos_unread_order): the work grows with what is deleted, not with the store. A todo marked done is read; one
// marked unread again afterwards counts as unread and stays, and so does a snoozed one (it is unread).
const QString kRetainedCondition = QStringLiteral("read = 1 AND (updated_ms < :cutoff OR (sort_ms, seq) <= "
                                                  "(:boundarySort, :boundarySeq))");

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
    todo.snoozedUntilMs = query.value(22).toLongLong();
    if (full) {
        todo.userId = query.value(23).toString();
        todo.pendingId = query.value(24).toString();
        todo.ownerId = query.value(25).toString();
        todo.ownerIdentityId = query.value(26).toString();
        todo.source = QJsonDocument::fromJson(query.value(27).toString().toUtf8()).object();
        todo.destination = query.value(28).toString();
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

// The search index, outside the versioned schema (see TodoTable.h); kSearchIndexVersion in the state table says which
// layout a file has, and a file with another one gets this one.
//   todos_list    a narrow copy of what lists filter on (list order, read, urgency, the searched text, and since
//                 version 3 the snooze, last): a scan of it
//                 reads a tenth of the bytes of `todos`, whose rows carry the whole source object
//   todos_search  an FTS5 trigram index over its text, with todos_list as its external content
// Both hold the rows up to the state key kSearchIndexedSeqKey (seq, which AUTOINCREMENT never gives twice); newer
// rows are added by catchUpSearchIndex(), not by the commit that stores them (indexing costs a burst more than
// storing). Triggers on `todos` keep the rows they hold in step; an update that leaves their columns as they were (a
// redelivery) does not touch them.
// Version 2 added the catch-up (version 1 indexed every row in its commit); version 3 the column snoozed_until_ms of
// todos_list (the unread list leaves snoozed todos out); version 4 indexes each field with two end marks after it
// (TODO_PAD), so that every occurrence of a word of one or two characters begins a trigram of the index, and the
// index's term list (todos_search_terms) answers whether such a word occurs anywhere without reading the rows. A file
// of version 1 to 3 keeps todos_list: the column is added (no todo was snoozed before schema 5, so 0 is right for
// every row there), the full-text index is made again from it, and the triggers are made anew.
constexpr int kSearchIndexVersion = 4;
const QString kSearchIndexStateKey = QStringLiteral("search_index");
const QString kSearchIndexedSeqKey = QStringLiteral("search_indexed_seq");
#define TODO_INDEXED_SEQ "(SELECT value FROM state WHERE key = 'search_indexed_seq')"
// What follows every indexed field: two characters no todo has (U+0001), which no search asks for.
#define TODO_PAD "char(1, 1)"
// The indexed fields of a row of todos_list (`prefix` "old." or "new." in a trigger), padded.
#define TODO_PADDED(prefix)                                                                                            \
    prefix "title || " TODO_PAD ", " prefix "send_name || " TODO_PAD ", " prefix "send_dept || " TODO_PAD ", " prefix  \
           "bname || " TODO_PAD
const char *const kSearchIndexTriggersDrop[] = {
    "DROP TRIGGER IF EXISTS todos_list_insert",   "DROP TRIGGER IF EXISTS todos_list_delete",
    "DROP TRIGGER IF EXISTS todos_list_text",     "DROP TRIGGER IF EXISTS todos_list_state",
    "DROP TRIGGER IF EXISTS todos_search_insert", "DROP TRIGGER IF EXISTS todos_search_delete",
    "DROP TRIGGER IF EXISTS todos_search_update",
};
const char *const kSearchIndexTablesDrop[] = {
    "DROP TABLE IF EXISTS todos_search_terms",
    "DROP TABLE IF EXISTS todos_search",
    "DROP TABLE IF EXISTS todos_list",
};
// The full-text index and its term list, made anew from todos_list when a file of an earlier version is upgraded.
const char *const kFullTextDrop[] = {
    "DROP TABLE IF EXISTS todos_search_terms",
    "DROP TABLE IF EXISTS todos_search",
};
const char *const kFullTextCreate[] = {
    ("CREATE VIRTUAL TABLE todos_search USING fts5(title, send_name, send_dept, bname, content='todos_list', "
     "content_rowid='seq', tokenize='trigram')"),
    "CREATE VIRTUAL TABLE todos_search_terms USING fts5vocab(todos_search, row)",
};
const char *const kSearchIndexTablesCreate[] = {
    "CREATE TABLE todos_list (seq INTEGER PRIMARY KEY, sort_ms INTEGER NOT NULL, read INTEGER NOT NULL, "
    "urgency INTEGER NOT NULL, title TEXT NOT NULL, send_name TEXT NOT NULL, send_dept TEXT NOT NULL, "
    "bname TEXT NOT NULL, snoozed_until_ms INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX todos_list_order ON todos_list (sort_ms DESC, seq DESC)",
};
const char *const kSearchIndexTriggersCreate[] = {
    "CREATE TRIGGER todos_list_delete AFTER DELETE ON todos WHEN old.seq <= " TODO_INDEXED_SEQ " BEGIN "
    "INSERT INTO todos_search (todos_search, rowid, title, send_name, send_dept, bname) "
    "VALUES ('delete', old.seq, " TODO_PADDED("old.") "); "
                                                      "DELETE FROM todos_list WHERE seq = old.seq; END",
    "CREATE TRIGGER todos_list_text AFTER UPDATE OF title, send_name, send_dept, bname ON todos "
    "WHEN (old.title IS NOT new.title OR old.send_name IS NOT new.send_name OR old.send_dept IS NOT new.send_dept "
    "OR old.bname IS NOT new.bname) AND old.seq <= " TODO_INDEXED_SEQ " BEGIN "
    "INSERT INTO todos_search (todos_search, rowid, title, send_name, send_dept, bname) "
    "VALUES ('delete', old.seq, " TODO_PADDED(
        "old.") "); "
                "UPDATE todos_list SET title = new.title, send_name = new.send_name, send_dept = new.send_dept, "
                "bname = new.bname WHERE seq = new.seq; "
                "INSERT INTO todos_search (rowid, title, send_name, send_dept, bname) "
                "VALUES (new.seq, " TODO_PADDED("new.") "); END",
    "CREATE TRIGGER todos_list_state AFTER UPDATE OF read, urgency, snoozed_until_ms ON todos "
    "WHEN (old.read IS NOT new.read OR old.urgency IS NOT new.urgency "
    "OR old.snoozed_until_ms IS NOT new.snoozed_until_ms) AND old.seq <= " TODO_INDEXED_SEQ " BEGIN "
    "UPDATE todos_list SET read = new.read, urgency = new.urgency, snoozed_until_ms = new.snoozed_until_ms "
    "WHERE seq = new.seq; END",
};
#undef TODO_INDEXED_SEQ

// A search word shorter than a trigram is looked up in the index's term list: the trigrams that begin with it. Up to
// this many, the rows that hold one of them are the rows that hold the word, read through the index when they are
// few; more terms (a common character) or many rows, and the word is matched with LIKE as the list is walked, which
// finds a page of such rows soon.
constexpr int kMostShortWordTerms = 64;

// A full-text search whose matches are fewer than this reads them and sorts them; with more, it walks the list in
// order and keeps the rows that match (it finds a page's worth soon).
constexpr int kFewMatches = 4000;
// How walkPage() sizes its chunks: the first reads this many list rows per row of the page (at least the minimum),
// each next one this many times more, up to the maximum.
constexpr qint64 kWalkChunkPerRow = 16;
constexpr qint64 kWalkChunkMinimum = 1000;
constexpr qint64 kWalkChunkGrowth = 4;
constexpr qint64 kWalkChunkMaximum = 65536;
// A chunk whose seqs spread over more than this many times its rows is not worth a rowid range (see walkPage()).
constexpr qint64 kWalkSparseRange = 64;

// The trigram tokenizer indexes runs of three characters: shorter words cannot be looked up in it.
constexpr qsizetype kShortestIndexedWord = 3;

QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

TodoTable::TodoTable(TodoDatabase *database)
    : m_database(database)
{ }

TodoTable::~TodoTable() = default;

bool TodoTable::ensureSearchIndex()
{
    QSqlDatabase &db = m_database->connection();
    QSqlQuery query(db);
    const QVariant version = m_database->state(kSearchIndexStateKey);
    const int found = version.isNull() ? 0 : version.toInt();
    bool upgrade = false; // versions 1 and 2: the same tables (with a column to add), the triggers to make
    if (found >= 1 && found <= kSearchIndexVersion) {
        // It still has to work with this SQLite (a file carried to a build without FTS5 would fail every commit
        // through the triggers: then it goes, and searches scan `todos`).
        if (query.exec(QStringLiteral("SELECT rowid FROM todos_search WHERE todos_search MATCH 'abc' LIMIT 0"))) {
            if (found == kSearchIndexVersion)
                return true;
            upgrade = true;
        } else {
            qCWarning(lcStore) << "the search index cannot be used here (" << query.lastError().text()
                               << "); searching without it";
        }
    }
    QElapsedTimer timer;
    timer.start();
    if (!db.transaction())
        return false;
    const auto give_up = [&](const QString &why) {
        qCInfo(lcStore).noquote() << "no full-text index for searches (" << why << "); searching by scanning";
        db.rollback();
        if (db.transaction()) { // leave no trigger behind that refers to what is not there
            for (const char *statement : kSearchIndexTriggersDrop)
                query.exec(QLatin1String(statement));
            for (const char *statement : kSearchIndexTablesDrop)
                query.exec(QLatin1String(statement));
            m_database->setState(kSearchIndexStateKey, QVariant(QMetaType::fromType<int>()));
            db.commit();
        }
        return false;
    };
    for (const char *statement : kSearchIndexTriggersDrop) {
        if (!query.exec(QLatin1String(statement)))
            return give_up(query.lastError().text());
    }
    if (upgrade) {
        // Versions 1 and 2 lack the snooze column (unless a file went back and forth between versions).
        const bool hasSnooze = query.exec(QStringLiteral("SELECT snoozed_until_ms FROM todos_list LIMIT 0"));
        if (!hasSnooze
            && !query.exec(
                QStringLiteral("ALTER TABLE todos_list ADD COLUMN snoozed_until_ms INTEGER NOT NULL DEFAULT 0")))
            return give_up(query.lastError().text());
        // The full-text index again, of the padded fields, from what todos_list holds.
        for (const char *statement : kFullTextDrop) {
            if (!query.exec(QLatin1String(statement)))
                return give_up(query.lastError().text());
        }
        for (const char *statement : kFullTextCreate) {
            if (!query.exec(QLatin1String(statement)))
                return give_up(query.lastError().text());
        }
        if (!query.exec(QStringLiteral("INSERT INTO todos_search (rowid, title, send_name, send_dept, bname) "
                                       "SELECT seq, " TODO_PADDED("") " FROM todos_list")))
            return give_up(query.lastError().text());
        // Version 1 indexed every row: all of them are in. Later ones say how far they got.
        const QString indexed = found == 1
            ? QStringLiteral("SELECT coalesce(max(seq), 0) FROM todos")
            : QStringLiteral("SELECT coalesce((SELECT value FROM state WHERE key = 'search_indexed_seq'), 0)");
        if (!query.exec(indexed) || !query.next())
            return give_up(query.lastError().text());
    } else {
        for (const char *statement : kSearchIndexTablesDrop) {
            if (!query.exec(QLatin1String(statement)))
                return give_up(query.lastError().text());
        }
        for (const char *statement : kSearchIndexTablesCreate) {
            if (!query.exec(QLatin1String(statement)))
                return give_up(query.lastError().text());
        }
        for (const char *statement : kFullTextCreate) {
            if (!query.exec(QLatin1String(statement)))
                return give_up(query.lastError().text());
        }
        // Empty: catchUpSearchIndex() adds the rows there are.
        if (!query.exec(QStringLiteral("SELECT 0")) || !query.next())
            return give_up(query.lastError().text());
    }
    const qint64 indexedSeq = query.value(0).toLongLong();
    query.finish();
    QSqlError error = m_database->setState(kSearchIndexedSeqKey, indexedSeq);
    if (error.isValid())
        return give_up(error.text());
    for (const char *statement : kSearchIndexTriggersCreate) {
        if (!query.exec(QLatin1String(statement)))
            return give_up(query.lastError().text());
    }
    error = m_database->setState(kSearchIndexStateKey, kSearchIndexVersion);
    if (error.isValid())
        return give_up(error.text());
    if (!db.commit())
        return give_up(db.lastError().text());
    qCInfo(lcStore) << (upgrade ? "upgraded" : "created") << "the search index in" << timer.elapsed() << "ms";
    return true;
}

int TodoTable::catchUpSearchIndex(int limit) const
{
    if (!m_hasSearchIndex)
        return 0;
    QSqlDatabase &db = m_database->connection();
    const qint64 indexedSeq = m_database->state(kSearchIndexedSeqKey).toLongLong();
    QSqlQuery query(db);
    // Nothing to do is the usual answer: one look at the rowid index.
    query.prepare(QStringLiteral("SELECT max(seq) FROM (SELECT seq FROM todos WHERE seq > ? ORDER BY seq LIMIT ?)"));
    query.addBindValue(indexedSeq);
    query.addBindValue(limit);
    if (!query.exec() || !query.next()) {
        qCWarning(lcStore) << "search index:" << query.lastError().text();
        return -1;
    }
    if (query.value(0).isNull())
        return 0;
    const qint64 upTo = query.value(0).toLongLong();
    query.finish();
    if (!db.transaction()) {
        qCWarning(lcStore) << "search index:" << db.lastError().text();
        return -1;
    }
    const auto failed = [&](const QSqlError &error) {
        qCWarning(lcStore) << "search index:" << error.text();
        db.rollback();
        return -1;
    };
    query.prepare(QStringLiteral("INSERT INTO todos_list SELECT seq, sort_ms, read, urgency, title, send_name, "
                                 "send_dept, bname, snoozed_until_ms FROM todos WHERE seq > ? AND seq <= ?"));
    query.addBindValue(indexedSeq);
    query.addBindValue(upTo);
    if (!query.exec())
        return failed(query.lastError());
    const int added = query.numRowsAffected();
    query.prepare(QStringLiteral("INSERT INTO todos_search (rowid, title, send_name, send_dept, bname) "
                                 "SELECT seq, " TODO_PADDED("") " FROM todos_list WHERE seq > ? AND seq <= ?"));
    query.addBindValue(indexedSeq);
    query.addBindValue(upTo);
    if (!query.exec())
        return failed(query.lastError());
    const QSqlError error = m_database->setState(kSearchIndexedSeqKey, upTo);
    if (error.isValid())
        return failed(error);
    if (!db.commit())
        return failed(db.lastError());
    return added;
}

bool TodoTable::prepare(QString *why)
{
    m_hasSearchIndex = ensureSearchIndex();
    return prepareCommitPath(why);
}

bool TodoTable::prepareCommitPath(QString *why)
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
    const QSqlDatabase &db = m_database->connection();
    m_selectKey = std::make_unique<QSqlQuery>(db);
    m_insert = std::make_unique<QSqlQuery>(db);
    m_update = std::make_unique<QSqlQuery>(db);
    const bool ok = m_selectKey->prepare(QStringLiteral(
                        "SELECT seq, sort_ms, received_ms, deliveries, read, done, snoozed_until_ms FROM todos "
                        "WHERE key = :key"))
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
        release();
    }
    return ok;
}

void TodoTable::release()
{
    m_selectKey.reset();
    m_insert.reset();
    m_update.reset();
}

TodoTable::Stored TodoTable::store(Todo &todo, qint64 nowMs, QSqlError *error)
{
    const auto failed = [error](const QSqlQuery &query) {
        *error = query.lastError();
        return Stored::Failed;
    };
    m_selectKey->bindValue(QStringLiteral(":key"), todo.key);
    if (!m_selectKey->exec())
        return failed(*m_selectKey);
    if (m_selectKey->next()) {
        todo.seq = m_selectKey->value(0).toLongLong();
        todo.sortMs = m_selectKey->value(1).toLongLong();
        todo.receivedMs = m_selectKey->value(2).toLongLong();
        todo.deliveries = m_selectKey->value(3).toInt() + 1;
        todo.read = m_selectKey->value(4).toInt() != 0;
        todo.done = m_selectKey->value(5).toInt() != 0;
        todo.snoozedUntilMs = m_selectKey->value(6).toLongLong();
        m_selectKey->finish();
        todo.updatedMs = nowMs;
        bindSourceFields(*m_update, todo);
        m_update->bindValue(QStringLiteral(":updated_ms"), nowMs);
        m_update->bindValue(QStringLiteral(":seq"), todo.seq);
        if (!m_update->exec())
            return failed(*m_update);
        return Stored::Updated;
    }
    m_selectKey->finish();
    todo.sortMs = todo.time.isValid() ? todo.time.toMSecsSinceEpoch() : nowMs;
    todo.receivedMs = nowMs;
    todo.updatedMs = nowMs;
    todo.deliveries = 1;
    todo.read = false;
    todo.done = false;
    todo.snoozedUntilMs = 0;
    m_insert->bindValue(QStringLiteral(":key"), todo.key);
    bindSourceFields(*m_insert, todo);
    m_insert->bindValue(QStringLiteral(":sort_ms"), todo.sortMs);
    m_insert->bindValue(QStringLiteral(":received_ms"), nowMs);
    m_insert->bindValue(QStringLiteral(":updated_ms"), nowMs);
    if (!m_insert->exec())
        return failed(*m_insert);
    todo.seq = m_insert->lastInsertId().toLongLong();
    return Stored::Inserted;
}

bool TodoTable::count(int *count, int *unread) const
{
    // Counts answered from indexes (a sum over the rows would read the whole table): all of them (SQLite counts the
    // entries of an index page by page), less the read ones (`read` is 0 or 1; retention keeps few read todos, so
    // this range of todos_read_updated is short, where the unread range would step over every unread row: tens of ms
    // for a million), less the snoozed unread ones (the partial index todos_snoozed: a few rows). SQLite would rather
    // take the index on `read` for that last count and look at the snooze of every unread row (a second for a
    // million unread todos), so it is told which index to take.
    QSqlQuery query(m_database->connection());
    if (query.exec(QStringLiteral("SELECT count(*) FROM todos")) && query.next()) {
        *count = query.value(0).toInt();
        if (query.exec(QStringLiteral("SELECT (SELECT count(*) FROM todos WHERE read = 1) + (SELECT count(*) FROM "
                                      "todos INDEXED BY todos_snoozed WHERE snoozed_until_ms > 0 AND read = 0)"))
            && query.next()) {
            *unread = *count - query.value(0).toInt();
            return true;
        }
    }
    qCWarning(lcStore) << "cannot count todos:" << query.lastError().text();
    return false;
}

TodoTable::ListFilter TodoTable::filterOf(const TodoQuery &query) const
{
    // Without words (or without the search index) every condition is on `todos`, in list order through todos_order
    // or todos_unread_order. A search runs on the narrow todos_list, and only the page's rows are read from `todos`.
    ListFilter filter;
    const QStringList words = query.words();
    filter.hasWords = !words.isEmpty();
    filter.onList = m_hasSearchIndex && filter.hasWords;
    if (query.unreadOnly)
        filter.conditions.append(QStringLiteral("read = 0 AND snoozed_until_ms = 0")); // a snoozed todo waits

    if (query.urgency != TodoQuery::kAnyUrgency) {
        filter.conditions.append(QStringLiteral("urgency = ?"));
        filter.values.append(query.urgency);
    }
    const auto quoted = [](const QString &text) -> QString {
        return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    };
    QStringList phrases;
    for (const QString &word : words) {
        if (filter.onList && word.toUcs4().size() >= kShortestIndexedWord) {
            phrases.append(quoted(word));
            continue;
        }
        if (filter.onList) {
            // Shorter than a trigram: every place it occurs begins one (the fields are padded), so the trigrams that
            // begin with it are where it occurs. None: it occurs nowhere, and nothing is read. In a few todos: those
            // are read through the index. In many: LIKE as the list is walked finds a page of them soon.
            if (const auto terms = termsBeginningWith(word, kMostShortWordTerms)) {
                if (terms->isEmpty()) {
                    filter.nothing = true;
                    continue;
                }
                if (terms->size() <= kMostShortWordTerms) {
                    // One term in many todos is enough to know (and costs less to count than all of them at once).
                    QStringList alternatives;
                    bool many = false;
                    for (const QString &term : *terms) {
                        alternatives.append(quoted(term));
                        if (matchesAtLeast(alternatives.constLast(), kFewMatches)) {
                            many = true;
                            break;
                        }
                    }
                    const QString anyOf =
                        QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')');
                    if (!many && !matchesAtLeast(anyOf, kFewMatches)) {
                        phrases.append(anyOf);
                        continue;
                    }
                }
            }
        }
        filter.conditions.append(QStringLiteral("(title LIKE ? ESCAPE '\\' OR send_name LIKE ? ESCAPE '\\' "
                                                "OR send_dept LIKE ? ESCAPE '\\' OR bname LIKE ? ESCAPE '\\')"));
        const QString pattern = likePattern(word);
        for (int column = 0; column < 4; ++column)
            filter.values.append(pattern);
    }
    filter.match = phrases.join(QStringLiteral(" AND "));
    return filter;
}

std::optional<QStringList> TodoTable::termsBeginningWith(const QString &word, int limit) const
{
    // The trigram tokenizer folds letters to lower case by its own table; QString's agrees on ASCII, and characters
    // without case (Chinese, digits, punctuation) are as they are. Anything else is left to LIKE.
    for (const QChar c : word) {
        if (c.unicode() >= 0x80 && (c.toLower() != c || c.toUpper() != c))
            return std::nullopt;
    }
    const QString folded = word.toLower();
    QSqlQuery sql(m_database->connection());
    sql.setForwardOnly(true);
    sql.prepare(QStringLiteral("SELECT term FROM todos_search_terms WHERE term >= ? ORDER BY term LIMIT ?"));
    sql.addBindValue(folded);
    // The terms from `folded` on: those that begin with it come first; one more than wanted says "too many".
    sql.addBindValue(limit + 1);
    if (!sql.exec()) {
        qCWarning(lcStore) << "search index terms:" << sql.lastError().text();
        return std::nullopt;
    }
    QStringList terms;
    while (sql.next()) {
        const QString term = sql.value(0).toString();
        if (!term.startsWith(folded))
            break;
        terms.append(term);
    }
    return terms;
}

QString TodoTable::listQuery(const ListFilter &filter, const std::optional<Cursor> &after, int limit, bool walkInOrder,
                             QVariantList *values) const
{
    if (!filter.onList) {
        *values = filter.values;
        return QStringLiteral("SELECT %1 FROM todos%2 ORDER BY sort_ms DESC, seq DESC LIMIT ?")
            .arg(kSummaryColumns, whereOf(filter.conditions, after, limit, values));
    }
    // The page's keys from todos_list, then their rows.
    return QStringLiteral("SELECT %1 FROM todos WHERE seq IN (%2) ORDER BY sort_ms DESC, seq DESC")
        .arg(kSummaryColumns, keysQuery(filter, after, limit, walkInOrder, values));
}

QString TodoTable::keysQuery(const ListFilter &filter, const std::optional<Cursor> &after, int limit, bool walkInOrder,
                             QVariantList *values) const
{
    QStringList conditions = filter.conditions;
    *values = filter.values;
    if (!filter.match.isEmpty()) {
        conditions.append(QStringLiteral("seq IN (SELECT rowid FROM todos_search WHERE todos_search MATCH ?)"));
        values->append(filter.match);
    }
    return QStringLiteral("SELECT seq FROM todos_list%1%2 ORDER BY sort_ms DESC, seq DESC LIMIT ?")
        .arg(walkInOrder ? QStringLiteral(" INDEXED BY todos_list_order") : QString(),
             whereOf(conditions, after, limit, values));
}

QString TodoTable::whereOf(QStringList conditions, const std::optional<Cursor> &after, qint64 limit,
                           QVariantList *values)
{
    if (after) {
        conditions.append(QStringLiteral("(sort_ms, seq) < (?, ?)"));
        values->append(after->sortMs);
        values->append(after->seq);
    }
    values->append(limit);
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

bool TodoTable::matchesAtLeast(const QString &match, int count) const
{
    // Stops at `count`: the work grows with the matches up to it, not with all of them.
    QSqlQuery sql(m_database->connection());
    sql.setForwardOnly(true);
    sql.prepare(
        QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM todos_search WHERE todos_search MATCH ? LIMIT ?)"));
    sql.addBindValue(match);
    sql.addBindValue(count);
    if (!sql.exec() || !sql.next())
        return true; // the page's own statement says what is wrong
    return sql.value(0).toInt() >= count;
}

bool TodoTable::run(QSqlQuery &sql, const QString &text, const QVariantList &values) const
{
    sql.setForwardOnly(true);
    const bool prepared = sql.prepare(text);
    for (const QVariant &value : values)
        sql.addBindValue(value);
    if (prepared && sql.exec())
        return true;
    m_database->setLastError(sql.lastError().text());
    qCWarning(lcStore) << "cannot load todos:" << m_database->lastError();
    return false;
}

QList<Todo> TodoTable::page(const TodoQuery &query, const std::optional<Cursor> &after, int limit) const
{
    QList<Todo> todos;
    const ListFilter filter = filterOf(query);
    if (filter.nothing)
        return todos;
    // Few full-text matches: read and sort them. Many: walk the list in order (walkPage()). LIKE alone: a walk
    // in order too, stopped by the LIMIT.
    const bool manyMatches = !filter.match.isEmpty() && matchesAtLeast(filter.match, kFewMatches);
    if (manyMatches && limit > 0 && limit <= kFewMatches)
        return walkPage(filter, after, limit);
    QVariantList values;
    const QString text =
        listQuery(filter, after, limit, filter.hasWords && (filter.match.isEmpty() || manyMatches), &values);
    QSqlQuery sql(m_database->connection());
    if (!run(sql, text, values))
        return todos;
    if (limit > 0)
        todos.reserve(limit);
    while (sql.next())
        todos.append(readTodo(sql, false));
    return todos;
}

QList<Todo> TodoTable::walkPage(const ListFilter &filter, std::optional<Cursor> after, int limit) const
{
    // The list in order, a chunk of rows at a time (those that pass the other conditions: seq and sort_ms from
    // todos_list_order), and the full-text matches among the chunk's seq range: the index answers a rowid range by
    // seeking, so the work grows with the chunk, not with every match (which reading them all into an IN list
    // costs). A todo's place in the list follows its time, mostly its arrival too, so a chunk's seqs are close
    // together. When they are not (times far from arrival order, or a sparse filter such as a few unread), the
    // range would cover most of the index again: the rest of the page is then the IN list's walk, as for a search
    // without this.
    const QSqlDatabase &db = m_database->connection();
    QList<qint64> seqs;
    qint64 chunk = qMax<qint64>(qint64(limit) * kWalkChunkPerRow, kWalkChunkMinimum);
    QSqlQuery rows(db);
    QSqlQuery matches(db);
    while (seqs.size() < limit) {
        QVariantList values = filter.values;
        if (!run(rows,
                 QStringLiteral("SELECT seq, sort_ms FROM todos_list INDEXED BY todos_list_order%1 "
                                "ORDER BY sort_ms DESC, seq DESC LIMIT ?")
                     .arg(whereOf(filter.conditions, after, chunk, &values)),
                 values))
            return {};
        QList<Cursor> listed;
        qint64 lowest = std::numeric_limits<qint64>::max();
        qint64 highest = std::numeric_limits<qint64>::min();
        while (rows.next()) {
            const Cursor row {rows.value(1).toLongLong(), rows.value(0).toLongLong()};
            lowest = qMin(lowest, row.seq);
            highest = qMax(highest, row.seq);
            listed.append(row);
        }
        rows.finish();
        if (listed.isEmpty())
            break;
        if (highest - lowest >= listed.size() * kWalkSparseRange) {
            // The rest through the IN list, from where this chunk started.
            QVariantList rest;
            if (!run(rows, keysQuery(filter, after, limit - int(seqs.size()), true, &rest), rest))
                return {};
            while (rows.next())
                seqs.append(rows.value(0).toLongLong());
            rows.finish();
            break;
        }
        if (!run(matches,
                 QStringLiteral("SELECT rowid FROM todos_search WHERE todos_search MATCH ? AND rowid BETWEEN ? AND ?"),
                 {filter.match, lowest, highest}))
            return {};
        QList<qint64> found;
        while (matches.next())
            found.append(matches.value(0).toLongLong());
        matches.finish();
        std::sort(found.begin(), found.end());
        for (const Cursor &row : std::as_const(listed)) {
            if (std::binary_search(found.cbegin(), found.cend(), row.seq)) {
                seqs.append(row.seq);
                if (seqs.size() == limit)
                    break;
            }
        }
        if (listed.size() < chunk)
            break; // the end of the list
        after = listed.constLast();
        chunk = qMin(chunk * kWalkChunkGrowth, kWalkChunkMaximum);
    }
    QList<Todo> todos;
    if (seqs.isEmpty())
        return todos;
    QVariantList values;
    QStringList marks;
    for (const qint64 seq : std::as_const(seqs)) {
        values.append(seq);
        marks.append(QStringLiteral("?"));
    }
    if (!run(rows,
             QStringLiteral("SELECT %1 FROM todos WHERE seq IN (%2) ORDER BY sort_ms DESC, seq DESC")
                 .arg(kSummaryColumns, marks.join(QLatin1Char(','))),
             values))
        return todos;
    todos.reserve(seqs.size());
    while (rows.next())
        todos.append(readTodo(rows, false));
    return todos;
}

int TodoTable::countMatching(const TodoQuery &query) const
{
    const ListFilter filter = filterOf(query);
    if (filter.nothing)
        return 0;
    QVariantList values;
    const QString text =
        QStringLiteral("SELECT count(*) FROM (%1)").arg(listQuery(filter, std::nullopt, -1, false, &values));
    QSqlQuery sql(m_database->connection());
    if (!run(sql, text, values) || !sql.next()) {
        m_database->setLastError(sql.lastError().text());
        qCWarning(lcStore) << "cannot count todos:" << m_database->lastError();
        return -1;
    }
    return sql.value(0).toInt();
}

std::optional<Todo> TodoTable::find(const QString &key) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT ") + kFullColumns + QStringLiteral(" FROM todos WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readTodo(query, true);
}

bool TodoTable::setRead(const QString &key, bool read)
{
    QSqlQuery query(m_database->connection());
    // Either way a snooze ends: read, the todo is dealt with; unread, it is wanted now.
    query.prepare(QStringLiteral("UPDATE todos SET read = :read, snoozed_until_ms = 0 WHERE key = :key AND "
                                 "(read != :unchanged OR snoozed_until_ms != 0)"));
    query.bindValue(QStringLiteral(":read"), read ? 1 : 0);
    query.bindValue(QStringLiteral(":unchanged"), read ? 1 : 0);
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot mark a todo read:" << m_database->lastError();
        return false;
    }
    return query.numRowsAffected() > 0;
}

bool TodoTable::setDone(const QString &key, bool done, bool *wasRead)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT read OR snoozed_until_ms > 0, done FROM todos WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return false;
    *wasRead = query.value(0).toInt() != 0;
    if ((query.value(1).toInt() != 0) == done)
        return false;
    query.finish();
    query.prepare(QStringLiteral("UPDATE todos SET done = :done, read = CASE WHEN :markRead = 1 THEN 1 ELSE read END, "
                                 "snoozed_until_ms = CASE WHEN :endSnooze = 1 THEN 0 ELSE snoozed_until_ms END "
                                 "WHERE key = :key"));
    query.bindValue(QStringLiteral(":done"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":markRead"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":endSnooze"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot mark a todo done:" << m_database->lastError();
        return false;
    }
    return true;
}

bool TodoTable::setSnoozedUntil(const QString &key, qint64 untilMs)
{
    // Snoozing makes a read todo unread-later (it notifies again when it wakes); a done todo is not snoozed.
    QSqlQuery query(m_database->connection());
    if (untilMs > 0) {
        query.prepare(QStringLiteral("UPDATE todos SET snoozed_until_ms = :until, read = 0 "
                                     "WHERE key = :key AND done = 0 AND (snoozed_until_ms != :same OR read != 0)"));
        query.bindValue(QStringLiteral(":until"), untilMs);
        query.bindValue(QStringLiteral(":same"), untilMs);
    } else {
        query.prepare(
            QStringLiteral("UPDATE todos SET snoozed_until_ms = 0 WHERE key = :key AND snoozed_until_ms > 0"));
    }
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot snooze a todo:" << m_database->lastError();
        return false;
    }
    return query.numRowsAffected() > 0;
}

qint64 TodoTable::nextSnoozeEnd() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT min(snoozed_until_ms) FROM todos WHERE snoozed_until_ms > 0"))
        || !query.next()) {
        qCWarning(lcStore) << "cannot read the snoozes:" << query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong(); // null (none) reads as 0
}

std::optional<QList<Todo>> TodoTable::endDueSnoozes(qint64 nowMs)
{
    QSqlDatabase &db = m_database->connection();
    QSqlQuery query(db);
    const auto failed = [&](const QSqlError &error) -> std::optional<QList<Todo>> {
        m_database->setLastError(error.text());
        qCWarning(lcStore) << "cannot wake snoozed todos:" << error.text();
        db.rollback();
        return std::nullopt;
    };
    if (!db.transaction())
        return failed(db.lastError());
    QList<Todo> due;
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns
                  + QStringLiteral(" FROM todos WHERE snoozed_until_ms > 0 AND snoozed_until_ms <= :now "
                                   "ORDER BY snoozed_until_ms, seq"));
    query.bindValue(QStringLiteral(":now"), nowMs);
    if (!query.exec())
        return failed(query.lastError());
    while (query.next()) {
        Todo todo = readTodo(query, false);
        todo.snoozedUntilMs = 0; // as it is once this commits
        due.append(todo);
    }
    query.finish();
    if (!due.isEmpty()) {
        query.prepare(QStringLiteral(
            "UPDATE todos SET snoozed_until_ms = 0 WHERE snoozed_until_ms > 0 AND snoozed_until_ms <= :now"));
        query.bindValue(QStringLiteral(":now"), nowMs);
        if (!query.exec())
            return failed(query.lastError());
    }
    if (!db.commit())
        return failed(db.lastError());
    return due;
}

int TodoTable::markAllRead()
{
    QSqlQuery query(m_database->connection());
    // A snoozed todo is not among the unread: it keeps its snooze.
    if (!query.exec(QStringLiteral("UPDATE todos SET read = 1 WHERE read = 0 AND snoozed_until_ms = 0"))) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot mark todos read:" << m_database->lastError();
        return 0;
    }
    return query.numRowsAffected();
}

std::optional<QList<Todo>> TodoTable::pending(QSqlError *error) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM todos WHERE done = 0"))) {
        *error = query.lastError();
        return std::nullopt;
    }
    QList<Todo> todos;
    while (query.next())
        todos.append(readTodo(query, false));
    return todos;
}

bool TodoTable::markDone(const QStringList &keys, QSqlError *error)
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("UPDATE todos SET done = 1, read = 1, snoozed_until_ms = 0 WHERE key = :key AND done = 0"));
    for (const QString &key : keys) {
        query.bindValue(QStringLiteral(":key"), key);
        if (!query.exec()) {
            *error = query.lastError();
            return false;
        }
    }
    return true;
}

std::optional<QList<Todo>> TodoTable::removeRetained(qint64 cutoffMs, int keep, int stored)
{
    QSqlDatabase &db = m_database->connection();
    QList<Todo> removed;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The boundary: the newest todo beyond the `keep` newest; none (nothing beyond) sorts below every todo. Finding
    // it steps over `keep` rows of the index, and over all of them when there are fewer.
    qint64 boundarySort = std::numeric_limits<qint64>::min();
    qint64 boundarySeq = 0;
    if (stored > keep) {
        query.prepare(
            QStringLiteral("SELECT sort_ms, seq FROM todos ORDER BY sort_ms DESC, seq DESC LIMIT 1 OFFSET ?"));
        query.addBindValue(keep);
        if (!query.exec()) {
            qCWarning(lcStore) << "retention:" << query.lastError().text();
            return std::nullopt;
        }
        if (query.next()) {
            boundarySort = query.value(0).toLongLong();
            boundarySeq = query.value(1).toLongLong();
        }
        query.finish();
    }
    const auto bind = [&] {
        query.bindValue(QStringLiteral(":cutoff"), cutoffMs);
        query.bindValue(QStringLiteral(":boundarySort"), boundarySort);
        query.bindValue(QStringLiteral(":boundarySeq"), boundarySeq);
    };
    if (!db.transaction()) {
        qCWarning(lcStore) << "retention:" << db.lastError().text();
        return std::nullopt;
    }
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM todos WHERE ")
                  + kRetainedCondition);
    bind();
    if (!query.exec()) {
        qCWarning(lcStore) << "retention:" << query.lastError().text();
        db.rollback();
        return std::nullopt;
    }
    while (query.next())
        removed.append(readTodo(query, false));
    query.finish();
    if (!removed.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM todos WHERE ") + kRetainedCondition);
        bind();
        if (!query.exec()) {
            qCWarning(lcStore) << "retention:" << query.lastError().text();
            db.rollback();
            return std::nullopt;
        }
    }
    if (!db.commit()) {
        qCWarning(lcStore) << "retention:" << db.lastError().text();
        db.rollback();
        return std::nullopt;
    }
    return removed;
}

#undef TODO_PADDED
#undef TODO_PAD
