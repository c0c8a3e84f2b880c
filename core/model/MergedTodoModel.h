#pragma once

#include "model/TodoModel.h"
#include "store/TodoQuery.h"
#include "todo/LinkPolicy.h"
#include "todo/Todo.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

// The todos of several servers in one list: the rows of one TodoModel per server (each over its own store), merged
// in TodoModel's order (TodoQuery::listedBefore(); rows of different servers that tie there go by server id), with
// the server each came from (ServerIdRole, ServerNameRole). The list window, the tray and the opener use it; with
// one server it lists exactly what that server's model does.
//
// Keys: where the todos of every server meet, a todo is known by its qualified key (ServerKey::qualify(): its own
// key for the first server "", "@<server>/<key>" for another), so KeyRole, the key inside TodoRole's Todo, todoAt()
// and todo() give qualified keys, and the per-todo calls (setRead(), snooze(), resolveLink(), ...) take them and go
// to the todo's own server's model and store.
//
// Paging: each model reads its store a page at a time. A row is listed only when no row that a model has not read
// yet could go before it: rows older than the last row read by any model that can fetch more (the horizon) wait.
// canFetchMore() holds while any model can fetch more; fetchMore() fetches from the model whose last read row is the
// newest (the one holding the horizon up), so scrolling brings every row once, in order.
//
// It follows the models: after every change of theirs (rows inserted or removed, data changed, a reset) it merges
// the rows again and applies the difference to its own rows (both lists are in the same order) as
// beginRemoveRows()/beginInsertRows() runs and dataChanged(), so a view keeps its selection and scroll position; a
// change of the query or of the server filter is applied the same way. The merge walks the rows' places in the order
// and copies only the todos that come or change: a row's todo is compared only when its model said so (dataChanged)
// or was reset, as TodoModel does for every change of a row it holds.
//
// The query (searchText, unreadOnly, urgency) is set on every model; the server filter lists one server only. The
// counts are the sums over every server, whatever the filter.
class MergedTodoModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool unreadOnly READ unreadOnly WRITE setUnreadOnly NOTIFY unreadOnlyChanged)
    Q_PROPERTY(int urgency READ urgency WRITE setUrgency NOTIFY urgencyChanged)
    Q_PROPERTY(int serverCount READ serverCount NOTIFY serversChanged)

public:
    // Every TodoModel::Role is given too (KeyRole and TodoRole with the qualified key).
    enum Role {
        ServerIdRole = TodoModel::SnoozedUntilRole + 1, // QString: the server's id ("" for the first server)
        ServerNameRole, // QString: the server's display name (may be empty)
    };
    Q_ENUM(Role)

    static constexpr int kAnyUrgency = TodoModel::kAnyUrgency;

    explicit MergedTodoModel(QObject *parent = nullptr);
    ~MergedTodoModel() override;
    Q_DISABLE_COPY_MOVE(MergedTodoModel)

    // Lists the todos of `model` (which must outlive the server, or be removed when destroyed: it is then) as those
    // of the server `serverId`, named `name`; the model gets this model's query. False when the id is taken.
    bool addServer(const QString &serverId, const QString &name, TodoModel *model);
    // Its rows leave the list; a filter for it is cleared. False when there is no such server.
    bool removeServer(const QString &serverId);
    void setServerName(const QString &serverId, const QString &name);
    QStringList serverIds() const; // in the order they were added
    QString serverName(const QString &serverId) const;
    int serverCount() const { return int(m_servers.size()); }
    TodoModel *serverModel(const QString &serverId) const;

    // Lists only the todos of `serverId`; std::nullopt lists every server's.
    void setServerFilter(const std::optional<QString> &serverId);
    std::optional<QString> serverFilter() const { return m_serverFilter; }

    const TodoQuery &query() const { return m_query; }
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

    // Sums over every server, whatever the filter (see TodoModel).
    int count() const { return m_count; }
    int unreadCount() const { return m_unreadCount; }
    int pendingCount() const { return m_pendingCount; }

    // Keys are qualified (see above).
    Todo todoAt(int row) const;
    QString serverIdAt(int row) const;
    int rowOf(const QString &key) const; // -1 if not listed
    std::optional<Todo> todo(const QString &key) const;
    bool setRead(const QString &key, bool read = true);
    bool setDone(const QString &key, bool done = true);
    bool snooze(const QString &key, qint64 untilWallMs);
    bool unsnooze(const QString &key);
    // The todo's link through its own server's LinkPolicy; std::nullopt when the todo is not stored.
    std::optional<LinkPolicy::Resolution> resolveLink(const QString &key) const;

public Q_SLOTS:
    bool markRead(int row, bool read = true);
    bool markDone(int row, bool done = true);
    // Every server's todos.
    void markAllRead();

Q_SIGNALS:
    void countChanged(int count);
    void unreadCountChanged(int unreadCount);
    void pendingCountChanged(int pendingCount);
    void searchTextChanged(const QString &searchText);
    void unreadOnlyChanged(bool unreadOnly);
    void urgencyChanged(int urgency);
    // A server was added or removed, or renamed.
    void serversChanged();
    void serverFilterChanged();

private:
    struct Server
    {
        QString id;
        QString name;
        QPointer<TodoModel> model;
        bool leaving = false; // removeServer(): its rows are on their way out
    };
    struct Row
    {
        const Server *server = nullptr;
        Todo todo; // its key as in its server's store
    };
    // A row as its model holds it, while the rows are merged (nothing is emitted meanwhile, so it holds still).
    struct Entry
    {
        const Server *server = nullptr;
        const Todo *todo = nullptr;
    };
    // Holds the merging back while several models change (a query set on each), then merges once.
    class Hold;

    Server *findServer(const QString &serverId) const;
    // The server of a qualified key, and the model to ask (nullptr when there is none).
    TodoModel *modelOf(const QString &key) const;
    bool isListed(const Server &server) const;
    static bool before(const Server *a, const Todo &aTodo, const Server *b, const Todo &bTodo);
    template<typename A, typename B>
    static bool before(const A &a, const B &b)
    {
        return before(a.server, todoOf(a), b.server, todoOf(b));
    }
    static const Todo &todoOf(const Row &row) { return row.todo; }
    static const Todo &todoOf(const Entry &entry) { return *entry.todo; }
    // The horizon (see "Paging"): the newest of the last rows read by the models that can read more, std::nullopt
    // when every model has read all. False when such a model has read no row yet: then no row may be listed.
    bool findHorizon(std::optional<Entry> &horizon) const;
    // Every row the models have read that may be listed now (see "Paging"), in order.
    QList<Entry> mergedEntries() const;
    void onModelRowsInserted(const Server *server, int first, int last);
    // Puts rows first..last of the server's model in their places, when nothing else changed since the last merge
    // and the horizon stays (they did not go at the end of a model that can read more); false when the rows must be
    // merged again instead.
    bool insertInPlace(const Server *server, int first, int last);
    void onModelDataChanged(const Server *server, const QModelIndex &topLeft, const QModelIndex &bottomRight,
                            const QList<int> &roles);
    void requestSync();
    // Brings the rows to mergedRows(), as a difference (see above), until nothing is left to do.
    void sync();
    void applyDifference();
    // Forgets the servers removeServer() took out, once no row points at them.
    void dropLeavingServers();
    void emitDataChanged(const QList<int> &rows, const QList<int> &roles);
    void updateCounts();

    std::vector<std::unique_ptr<Server>> m_servers;
    RowList<Row> m_rows;
    TodoQuery m_query;
    std::optional<QString> m_serverFilter;
    int m_holds = 0;
    bool m_dirty = false;
    bool m_syncing = false;
    // What the models said changed in place since the last sync (dataChanged): rows (server, key) and roles.
    QSet<QPair<const Server *, QString>> m_touched;
    QList<int> m_touchedRoles;
    bool m_touchedAllRoles = false;
    QSet<const Server *> m_reset; // servers whose model was reset (or moved rows) since the last sync
    int m_count = 0;
    int m_unreadCount = 0;
    int m_pendingCount = 0;
};
