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

namespace {

// Columns of a summary (what lists show) and of a complete todo, in the order readTodo() expects.
const QString kSummaryColumns = QStringLiteral(
    "seq, key, todo_id, kind, title, time_text, time_ms, handler_url, urgency, urgency_text, bname, send_name, "
    "send_dept, node_name, pending_url, message_id, sort_ms, received_ms, updated_ms, deliveries, read, done");
const QString kFullColumns =
    kSummaryColumns + QStringLiteral(", user_id, pending_id, owner_id, owner_identity_id, source_json, destination");

// What retention deletes (see removeRetained()).
const QString kRetainedCondition =
    QStringLiteral("(read = 1 OR done = 1) AND (updated_ms < :cutoff OR seq NOT IN "
                   "(SELECT seq FROM todos ORDER BY sort_ms DESC, seq DESC LIMIT :keep))");

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

// The full-text index over what a search looks at, as an external-content FTS5 table (the text stays in `todos`
// only), and the triggers that keep it in step with the rows. An update that leaves those columns as they were (a
// redelivery) does not touch the index.
const char *const kSearchIndexStatements[] = {
    "CREATE VIRTUAL TABLE todos_search USING fts5(title, send_name, send_dept, bname, content='todos', "
    "content_rowid='seq', tokenize='trigram')",
    "CREATE TRIGGER todos_search_insert AFTER INSERT ON todos BEGIN "
    "INSERT INTO todos_search (rowid, title, send_name, send_dept, bname) "
    "VALUES (new.seq, new.title, new.send_name, new.send_dept, new.bname); END",
    "CREATE TRIGGER todos_search_delete AFTER DELETE ON todos BEGIN "
    "INSERT INTO todos_search (todos_search, rowid, title, send_name, send_dept, bname) "
    "VALUES ('delete', old.seq, old.title, old.send_name, old.send_dept, old.bname); END",
    "CREATE TRIGGER todos_search_update AFTER UPDATE OF title, send_name, send_dept, bname ON todos "
    "WHEN old.title IS NOT new.title OR old.send_name IS NOT new.send_name OR old.send_dept IS NOT new.send_dept "
    "OR old.bname IS NOT new.bname BEGIN "
    "INSERT INTO todos_search (todos_search, rowid, title, send_name, send_dept, bname) "
    "VALUES ('delete', old.seq, old.title, old.send_name, old.send_dept, old.bname); "
    "INSERT INTO todos_search (rowid, title, send_name, send_dept, bname) "
    "VALUES (new.seq, new.title, new.send_name, new.send_dept, new.bname); END",
    "INSERT INTO todos_search (todos_search) VALUES ('rebuild')",
};
const char *const kSearchTriggers[] = {"todos_search_insert", "todos_search_delete", "todos_search_update"};

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
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'todos_search'")) || !query.next())
        return false;
    if (query.value(0).toInt() > 0) {
        // Made here before; it still has to work with this SQLite (a file carried to a build without FTS5 would
        // fail every commit through the triggers: they go, and searches scan).
        if (query.exec(QStringLiteral("SELECT rowid FROM todos_search WHERE todos_search MATCH 'abc' LIMIT 0")))
            return true;
        qCWarning(lcStore) << "the search index cannot be used here (" << query.lastError().text()
                           << "); searching without it";
        for (const char *trigger : kSearchTriggers)
            query.exec(QStringLiteral("DROP TRIGGER IF EXISTS ") + QLatin1String(trigger));
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    if (!db.transaction())
        return false;
    for (const char *statement : kSearchIndexStatements) {
        if (!query.exec(QLatin1String(statement))) {
            qCInfo(lcStore) << "no full-text index for searches (" << query.lastError().text()
                            << "); searching by scanning";
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        qCWarning(lcStore) << "cannot create the search index:" << db.lastError().text();
        db.rollback();
        return false;
    }
    qCInfo(lcStore) << "created the search index in" << timer.elapsed() << "ms";
    return true;
}

bool TodoTable::prepare(QString *why)
{
    m_hasSearchIndex = ensureSearchIndex();
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
    // Two counts, each answered from an index (a sum over the rows would read the whole table).
    QSqlQuery query(m_database->connection());
    if (query.exec(QStringLiteral("SELECT count(*) FROM todos")) && query.next()) {
        *count = query.value(0).toInt();
        if (query.exec(QStringLiteral("SELECT count(*) FROM todos WHERE read = 0")) && query.next()) {
            *unread = query.value(0).toInt();
            return true;
        }
    }
    qCWarning(lcStore) << "cannot count todos:" << query.lastError().text();
    return false;
}

QString TodoTable::whereClause(const TodoQuery &query, QVariantList *values) const
{
    QStringList conditions;
    if (query.unreadOnly)
        conditions.append(QStringLiteral("read = 0"));
    if (query.urgency != TodoQuery::kAnyUrgency) {
        conditions.append(QStringLiteral("urgency = ?"));
        values->append(query.urgency);
    }
    QStringList phrases;
    const QStringList words = query.words();
    for (const QString &word : words) {
        if (m_hasSearchIndex && word.toUcs4().size() >= kShortestIndexedWord) {
            phrases.append(QLatin1Char('"') + QString(word).replace(QLatin1Char('"'), QLatin1String("\"\""))
                           + QLatin1Char('"'));
            continue;
        }
        conditions.append(QStringLiteral("(title LIKE ? ESCAPE '\\' OR send_name LIKE ? ESCAPE '\\' "
                                         "OR send_dept LIKE ? ESCAPE '\\' OR bname LIKE ? ESCAPE '\\')"));
        const QString pattern = likePattern(word);
        for (int column = 0; column < 4; ++column)
            values->append(pattern);
    }
    if (!phrases.isEmpty()) {
        conditions.append(QStringLiteral("seq IN (SELECT rowid FROM todos_search WHERE todos_search MATCH ?)"));
        values->append(phrases.join(QStringLiteral(" AND ")));
    }
    return conditions.join(QStringLiteral(" AND "));
}

QList<Todo> TodoTable::page(const TodoQuery &query, const std::optional<Cursor> &after, int limit) const
{
    QList<Todo> todos;
    QVariantList values;
    QStringList conditions;
    const QString where = whereClause(query, &values);
    if (!where.isEmpty())
        conditions.append(where);
    if (after) {
        conditions.append(QStringLiteral("(sort_ms, seq) < (?, ?)"));
        values << after->sortMs << after->seq;
    }
    values.append(limit);
    QSqlQuery sql(m_database->connection());
    sql.setForwardOnly(true);
    const QString text =
        QStringLiteral("SELECT %1 FROM todos %2 ORDER BY sort_ms DESC, seq DESC LIMIT ?")
            .arg(kSummaryColumns,
                 conditions.isEmpty() ? QString()
                                      : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND ")));
    bool ok = sql.prepare(text);
    for (const QVariant &value : std::as_const(values))
        sql.addBindValue(value);
    if (!ok || !sql.exec()) {
        m_database->setLastError(sql.lastError().text());
        qCWarning(lcStore) << "cannot load todos:" << m_database->lastError();
        return todos;
    }
    if (limit > 0)
        todos.reserve(limit);
    while (sql.next())
        todos.append(readTodo(sql, false));
    return todos;
}

int TodoTable::countMatching(const TodoQuery &query) const
{
    QVariantList values;
    const QString where = whereClause(query, &values);
    QSqlQuery sql(m_database->connection());
    sql.setForwardOnly(true);
    bool ok = sql.prepare(QStringLiteral("SELECT count(*) FROM todos")
                          + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    for (const QVariant &value : std::as_const(values))
        sql.addBindValue(value);
    if (!ok || !sql.exec() || !sql.next()) {
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
    query.prepare(QStringLiteral("UPDATE todos SET read = :read WHERE key = :key AND read != :unchanged"));
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
    query.prepare(QStringLiteral("SELECT read, done FROM todos WHERE key = :key"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return false;
    *wasRead = query.value(0).toInt() != 0;
    if ((query.value(1).toInt() != 0) == done)
        return false;
    query.finish();
    query.prepare(QStringLiteral("UPDATE todos SET done = :done, read = CASE WHEN :markRead = 1 THEN 1 ELSE read END "
                                 "WHERE key = :key"));
    query.bindValue(QStringLiteral(":done"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":markRead"), done ? 1 : 0);
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot mark a todo done:" << m_database->lastError();
        return false;
    }
    return true;
}

int TodoTable::markAllRead()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("UPDATE todos SET read = 1 WHERE read = 0"))) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot mark todos read:" << m_database->lastError();
        return 0;
    }
    return query.numRowsAffected();
}

std::optional<QList<Todo>> TodoTable::removeRetained(qint64 cutoffMs, int keep)
{
    QSqlDatabase &db = m_database->connection();
    QList<Todo> removed;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const auto bind = [&] {
        query.bindValue(QStringLiteral(":cutoff"), cutoffMs);
        query.bindValue(QStringLiteral(":keep"), keep);
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
