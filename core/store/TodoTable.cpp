#include "store/TodoTable.h"

#include "base/Logging.h"
#include "store/TodoDatabase.h"

#include <QDateTime>
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

} // namespace

TodoTable::TodoTable(TodoDatabase *database)
    : m_database(database)
{ }

TodoTable::~TodoTable() = default;

bool TodoTable::prepare(QString *why)
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
    QSqlQuery query(m_database->connection());
    if (query.exec(QStringLiteral("SELECT count(*), coalesce(sum(read = 0), 0) FROM todos")) && query.next()) {
        *count = query.value(0).toInt();
        *unread = query.value(1).toInt();
        return true;
    }
    qCWarning(lcStore) << "cannot count todos:" << query.lastError().text();
    return false;
}

QList<Todo> TodoTable::summaries(bool newestFirst, qsizetype capacity) const
{
    QList<Todo> todos;
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    const QString direction = newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (!query.exec(
            QStringLiteral("SELECT %1 FROM todos ORDER BY sort_ms %2, seq %2").arg(kSummaryColumns, direction))) {
        m_database->setLastError(query.lastError().text());
        qCWarning(lcStore) << "cannot load todos:" << m_database->lastError();
        return todos;
    }
    todos.reserve(capacity);
    while (query.next())
        todos.append(readTodo(query, false));
    return todos;
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
