#pragma once

#include "model/RowList.h"
#include "store/TodoQuery.h"
#include "todo/LinkPolicy.h"
#include "todo/Todo.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

#include <optional>

class TodoStore;

// The todos of a TodoStore that match a query (search words, unread only, one urgency: TodoQuery), as a list
// model, newest first (Todo::sortMs, then arrival: TodoQuery::listedBefore()). Paged: it holds the rows read so far,
// a page at a time (canFetchMore()/fetchMore(), which views call as they scroll), never the whole store; the query
// runs in SQLite.
//
// It follows the store: a committed batch becomes one beginInsertRows() per run of adjacent new rows that match
// (usually one, at the top), an updated todo a dataChanged() of its row (or its removal, when it no longer matches:
// marking a todo read takes it out of an unread-only list), retention a beginRemoveRows() per run. A todo that
// would go below the rows read so far is not inserted: the next page brings it. The model is reset by reload()
// (at start, and if the store had to be replaced) and by a change of the query.
//
// The counts are the store's, for every stored todo whatever the query: count and unreadCount; pendingCount is what
// a badge shows: the server's sysMsgNums when the latest payload carried one, else the number of unread todos.
class TodoModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool unreadOnly READ unreadOnly WRITE setUnreadOnly NOTIFY unreadOnlyChanged)
    Q_PROPERTY(int urgency READ urgency WRITE setUrgency NOTIFY urgencyChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString: Todo::key
        IdRole, // QString: the source id
        TitleRole, // QString (also Qt::DisplayRole)
        TimeRole, // QDateTime, local time: the todo's time, else its arrival
        TimeTextRole, // QString: `time` as sent
        SenderRole, // QString: metaData.send_name
        DepartmentRole, // QString: metaData.send_dept
        BusinessNameRole, // QString: metaData.bname
        NodeNameRole, // QString: metaData.node_name
        UrgencyRole, // int: metaData.urgency (0 normal, 1 urgent, 2 critical)
        UrgencyTextRole, // QString: metaData.urgencyText
        HandlerUrlRole, // QString: handlerUrl as sent
        PendingUrlRole, // QString: metaData.pendingUrl as sent
        LinkRole, // QUrl: the resolved link; invalid when refused (see LinkPolicy)
        LinkEncodedRole, // QByteArray: the resolved link byte for byte (LinkPolicy::Resolution::encoded)
        LinkAllowedRole, // bool
        LinkRefusalRole, // QString: why the link is not opened
        ReadRole, // bool, editable
        DoneRole, // bool, editable (done also marks read)
        ReceivedRole, // QDateTime, local time: first arrival
        DeliveriesRole, // int: how often it arrived
        KindRole, // QString: "json" or "text"
        TodoRole, // Todo (without `source`; TodoStore::todo() has it)
        SnoozedUntilRole, // QDateTime, local time: when a snoozed todo wakes; invalid when not snoozed
    };
    Q_ENUM(Role)

    static constexpr int kAnyUrgency = TodoQuery::kAnyUrgency;
    static constexpr int kDefaultPageSize = 200;

    explicit TodoModel(TodoStore *store, QObject *parent = nullptr);
    ~TodoModel() override;
    Q_DISABLE_COPY_MOVE(TodoModel)

    void setLinkPolicy(const LinkPolicy &policy);
    const LinkPolicy &linkPolicy() const { return m_linkPolicy; }

    // Rows read per page (at least 1); takes effect at the next page.
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }

    const TodoQuery &query() const { return m_query; }
    // Shows the todos that match `query` (a reset, when it changed).
    void setQuery(const TodoQuery &query);
    QString searchText() const { return m_query.text; }
    void setSearchText(const QString &text);
    bool unreadOnly() const { return m_query.unreadOnly; }
    void setUnreadOnly(bool unreadOnly);
    int urgency() const { return m_query.urgency; } // kAnyUrgency: every urgency
    void setUrgency(int urgency);

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    // roleNames(), for models that list the rows of several TodoModels.
    static QHash<int, QByteArray> todoRoleNames();
    // What data() gives for `role` of a row holding `todo`, its link resolved by `linkPolicy` (for models that list
    // the rows of several TodoModels: MergedTodoModel).
    static QVariant dataOf(const Todo &todo, int role, const LinkPolicy &linkPolicy);

    int count() const { return m_count; } // stored todos, whatever the query
    int unreadCount() const { return m_unreadCount; }
    int pendingCount() const { return m_pendingCount; }

    Todo todoAt(int row) const;
    // The rows read so far, in order (MergedTodoModel merges them without copying).
    const RowList<Todo> &rows() const { return m_rows; }
    int rowOf(const QString &key) const; // -1 if not among the rows read so far
    // A stored todo, listed or not (complete when it is not among the rows).
    std::optional<Todo> todo(const QString &key) const;
    // Marks a stored todo read (or unread), listed or not; false when nothing changed.
    bool setRead(const QString &key, bool read = true);
    // Marks a stored todo done (which also marks it read), or not done, listed or not; false when nothing changed.
    bool setDone(const QString &key, bool done = true);
    // Snoozes a stored todo until `untilWallMs` (TodoStore::snooze()), or ends its snooze now; false when nothing
    // changed.
    bool snooze(const QString &key, qint64 untilWallMs);
    bool unsnooze(const QString &key);

public Q_SLOTS:
    // Loads every todo from the store again (a model reset).
    void reload();
    bool markRead(int row, bool read = true);
    bool markDone(int row, bool done = true);
    void markAllRead();

Q_SIGNALS:
    void countChanged(int count);
    void unreadCountChanged(int unreadCount);
    void pendingCountChanged(int pendingCount);
    void searchTextChanged(const QString &searchText);
    void unreadOnlyChanged(bool unreadOnly);
    void urgencyChanged(int urgency);

private:
    void onTodosCommitted(const QList<Todo> &inserted, const QList<Todo> &updated);
    void onTodoChanged(const Todo &todo);
    void onAllMarkedRead();
    void onTodosRemoved(const QList<Todo> &removed);
    void updateCounts();
    int findRow(const Todo &todo) const; // by order, then key; -1 if not listed
    int insertRow(const Todo &todo) const; // where it goes by order
    // Whether a todo that goes at `row` belongs to the rows read so far (else the next page brings it).
    bool isWithinRead(int row) const { return row < m_rows.size() || m_complete; }
    void insertOne(int row, const Todo &todo);
    void removeRuns(QList<int> rows);

    QPointer<TodoStore> m_store;
    LinkPolicy m_linkPolicy;
    TodoQuery m_query;
    RowList<Todo> m_rows; // the rows read so far, newest first
    bool m_complete = true; // every row that matches is in m_rows
    int m_pageSize = kDefaultPageSize;
    int m_count = 0;
    int m_unreadCount = 0;
    int m_pendingCount = 0;
};
