#pragma once

#include "store/TodoQuery.h"
#include "todo/Todo.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <optional>

class TodoDatabase;

// The todos table of a TodoDatabase: how a Todo maps to its columns, and every statement on its rows. It keeps no
// state beyond the prepared statements of the commit path; counts, signals and the decisions of when to do what
// are TodoStore's. Failures are logged and recorded in TodoDatabase::lastError().
//
// Lists and search: where SQLite has FTS5 with the trigram tokenizer (Debian's does; so does the copy Qt bundles),
// a search index is kept beside the table by triggers (created, and filled from the rows there, when a file has
// none): `todos_list`, a narrow copy of what lists filter on (order, read, urgency, title, sender, department,
// business name, snooze), and `todos_search`, a full-text index over its text. A word of three characters or more is
// found through the full-text index (any script: trigrams need no word boundaries, so Chinese substrings match): a few
// thousand matches at most are read and sorted; more are found by walking the list in order a chunk at a time and
// asking the index for the matches among each chunk's rows (walkPage()), so a page reads about a page's worth of
// the list and of the index, not every match. Shorter words are matched with LIKE on the narrow copy (a scan in
// list order, stopped by the page's LIMIT: a short word found nowhere reads the whole copy). Without the index
// every filter runs on `todos` itself, words with LIKE. LIKE ignores case for ASCII letters only, the index for
// every letter. A commit does not index the rows it adds (that would cost a burst more than storing them):
// catchUpSearchIndex() does, and TodoStore calls it before every search and when the store is quiet.
class TodoTable final
{
public:
    explicit TodoTable(TodoDatabase *database);
    ~TodoTable();
    Q_DISABLE_COPY_MOVE(TodoTable)

    // Prepares the statements of the commit path on the database just opened (TodoDatabase::Attach). On failure
    // nothing stays prepared.
    bool prepare(QString *why);
    // Only the statements of the commit path, on a second connection to a file that the first one prepared (the
    // writer thread's, see StoreWriter): the search index is left as the first found or made it.
    bool prepareCommitPath(QString *why);
    // Drops them; before the connection closes.
    void release();

    enum class Stored { Inserted, Updated, Failed };
    // Writes `todo` (inside the caller's transaction): a key not stored yet is inserted, unread; a stored one is
    // updated in place, keeping its row, place in the list, arrival time and read/done state, and counting the
    // delivery. `todo` comes back as it is stored now. Failed: *error says why.
    Stored store(Todo &todo, qint64 nowMs, QSqlError *error);

    // How many todos, and how many of them unread (snoozed ones are not); false (logged) if they cannot be counted.
    bool count(int *count, int *unread) const;
    // A row's place in the list order (newest first: sort_ms, then seq, descending).
    struct Cursor
    {
        qint64 sortMs = 0;
        qint64 seq = 0;
    };
    // Up to `limit` todos that match `query`, without `source`, newest first, starting after `after` (the next
    // older one) or at the top. An empty list when there are no more (or it failed: logged).
    QList<Todo> page(const TodoQuery &query, const std::optional<Cursor> &after, int limit) const;
    // How many todos match `query`; -1 (logged) if they cannot be counted.
    int countMatching(const TodoQuery &query) const;
    // Whether words of three or more characters are found through the full-text index (see above).
    bool hasSearchIndex() const { return m_hasSearchIndex; }
    // Adds the oldest `limit` (-1: all) rows not in the search index yet to it (todos_list and todos_search), in one
    // transaction of its own (not inside another); returns how many, -1 when it failed (logged; nothing changed).
    // Const: what the table holds does not change, only what the search index knows of it.
    int catchUpSearchIndex(int limit = -1) const;
    // One todo, complete.
    std::optional<Todo> find(const QString &key) const;

    // True when the row changed (false too when there is none or it failed).
    bool setRead(const QString &key, bool read);
    // Done also marks read (and ends a snooze). True when the row changed; *wasRead says whether it was read (or
    // snoozed: not counted as unread either) before.
    bool setDone(const QString &key, bool done, bool *wasRead);
    // How many rows changed (snoozed todos keep their snooze and stay unread).
    int markAllRead();
    // The todos not done, as summaries (inside the caller's transaction); nothing when that failed (*error says why).
    std::optional<QList<Todo>> pending(QSqlError *error) const;
    // Marks the todos of `keys` done (and read), inside the caller's transaction; false when that failed.
    bool markDone(const QStringList &keys, QSqlError *error);

    // Snoozes (untilMs > 0: makes it unread, not counted until then; not for a done todo) or ends the snooze of
    // (untilMs 0) one todo. True when the row changed. Marking it read or unread, or done, ends a snooze too.
    bool setSnoozedUntil(const QString &key, qint64 untilMs);
    // When the next snooze ends (wall-clock ms), 0 when nothing is snoozed.
    qint64 nextSnoozeEnd() const;
    // Ends, in one transaction, every snooze due at `nowMs` and returns those todos (summaries) as they are now;
    // nothing when it failed (then nothing changed).
    std::optional<QList<Todo>> endDueSnoozes(qint64 nowMs);

    // Deletes, in one transaction, the read or done todos last updated before `cutoffMs` or beyond the newest
    // `keep`; returns them as summaries, or nothing when that failed (then nothing was deleted). `stored` is how many
    // todos the store holds (count()): with no more than `keep`, none is beyond them, and the newest `keep` are not
    // walked to find out.
    std::optional<QList<Todo>> removeRetained(qint64 cutoffMs, int keep, int stored);

private:
    bool ensureSearchIndex();
    // What a TodoQuery asks of the rows: conditions (with `?` for values, bound in order) on todos_list, or on
    // `todos` when !onList, and the full-text match of its longer words (empty: none).
    struct ListFilter
    {
        QStringList conditions;
        QVariantList values;
        QString match;
        bool hasWords = false;
        bool onList = false; // searched through the index: todos_list and todos_search
        bool nothing = false; // a word occurs in no todo at all (the index's term list says so): no row matches
    };
    ListFilter filterOf(const TodoQuery &query) const;
    // The trigrams of the index that begin with `word` (one or two characters, as the index folds them), at most
    // `limit` + 1 of them; std::nullopt when the term list cannot say (the word has letters the index may fold
    // otherwise than QString does).
    std::optional<QStringList> termsBeginningWith(const QString &word, int limit) const;
    // The SELECT of a page; its values in *values, bound in order. walkInOrder: todos_list in list order.
    QString listQuery(const ListFilter &filter, const std::optional<Cursor> &after, int limit, bool walkInOrder,
                      QVariantList *values) const;
    // The same for the seqs of a page from todos_list (onList only).
    QString keysQuery(const ListFilter &filter, const std::optional<Cursor> &after, int limit, bool walkInOrder,
                      QVariantList *values) const;
    // " WHERE ..." of `conditions` and the place after `after`; appends their values and `limit` to *values.
    static QString whereOf(QStringList conditions, const std::optional<Cursor> &after, qint64 limit,
                           QVariantList *values);
    // Whether the full-text index has at least `count` rows for `match` (true when it cannot tell).
    bool matchesAtLeast(const QString &match, int count) const;
    // A page of a search with many full-text matches: the list in order, a chunk at a time (see the .cpp).
    QList<Todo> walkPage(const ListFilter &filter, std::optional<Cursor> after, int limit) const;
    // Prepares and runs `text` with `values`; false (logged, TodoDatabase::lastError()) when that failed.
    bool run(QSqlQuery &sql, const QString &text, const QVariantList &values) const;

    TodoDatabase *m_database = nullptr;
    bool m_hasSearchIndex = false;
    std::unique_ptr<QSqlQuery> m_selectKey;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_update;
};
