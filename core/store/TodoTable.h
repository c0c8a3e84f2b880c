#pragma once

#include "todo/Todo.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

class TodoDatabase;

// The todos table of a TodoDatabase: how a Todo maps to its columns, and every statement on its rows. It keeps no
// state beyond the prepared statements of the commit path; counts, signals and the decisions of when to do what
// are TodoStore's. Failures are logged and recorded in TodoDatabase::lastError().
class TodoTable final
{
public:
    explicit TodoTable(TodoDatabase *database);
    ~TodoTable();
    Q_DISABLE_COPY_MOVE(TodoTable)

    // Prepares the statements of the commit path on the database just opened (TodoDatabase::Attach). On failure
    // nothing stays prepared.
    bool prepare(QString *why);
    // Drops them; before the connection closes.
    void release();

    enum class Stored { Inserted, Updated, Failed };
    // Writes `todo` (inside the caller's transaction): a key not stored yet is inserted, unread; a stored one is
    // updated in place, keeping its row, place in the list, arrival time and read/done state, and counting the
    // delivery. `todo` comes back as it is stored now. Failed: *error says why.
    Stored store(Todo &todo, qint64 nowMs, QSqlError *error);

    // How many todos, and how many of them unread; false (logged) if they cannot be counted.
    bool count(int *count, int *unread) const;
    // Every todo without `source`, newest first (sort_ms, then seq, descending) or the reverse, in a list reserved
    // for `capacity`.
    QList<Todo> summaries(bool newestFirst, qsizetype capacity) const;
    // One todo, complete.
    std::optional<Todo> find(const QString &key) const;

    // True when the row changed (false too when there is none or it failed).
    bool setRead(const QString &key, bool read);
    // Done also marks read. True when the row changed; *wasRead says whether it was read before.
    bool setDone(const QString &key, bool done, bool *wasRead);
    // How many rows changed.
    int markAllRead();

    // Deletes, in one transaction, the read or done todos last updated before `cutoffMs` or beyond the newest
    // `keep`; returns them as summaries, or nothing when that failed (then nothing was deleted).
    std::optional<QList<Todo>> removeRetained(qint64 cutoffMs, int keep);

private:
    TodoDatabase *m_database = nullptr;
    std::unique_ptr<QSqlQuery> m_selectKey;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_update;
};
