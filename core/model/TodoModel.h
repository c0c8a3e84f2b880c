#pragma once

#include "todo/LinkPolicy.h"
#include "todo/Todo.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

class TodoStore;

// The todos of a TodoStore as a list model, newest first (Todo::sortMs, then arrival).
//
// It follows the store: a committed batch becomes one beginInsertRows() per run of adjacent new rows (usually
// one, at the top), an updated todo a dataChanged() of its row, retention a beginRemoveRows() per run. It is
// reset only by reload() (at start, and if the store had to be replaced).
//
// pendingCount is what a badge shows: the server's sysMsgNums when the latest payload carried one, else the
// number of unread todos.
class TodoModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)

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
    };
    Q_ENUM(Role)

    explicit TodoModel(TodoStore *store, QObject *parent = nullptr);
    ~TodoModel() override;
    Q_DISABLE_COPY_MOVE(TodoModel)

    void setLinkPolicy(const LinkPolicy &policy);
    const LinkPolicy &linkPolicy() const { return m_linkPolicy; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_todos.size()); }
    int unreadCount() const { return m_unreadCount; }
    int pendingCount() const { return m_pendingCount; }

    Todo todoAt(int row) const;
    int rowOf(const QString &key) const; // -1 if not listed

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

private:
    void onTodosCommitted(const QList<Todo> &inserted, const QList<Todo> &updated);
    void onTodoChanged(const Todo &todo);
    void onAllMarkedRead();
    void onTodosRemoved(const QList<Todo> &removed);
    void updateCounts();
    int findRow(const Todo &todo) const; // by order, then key; -1 if not listed
    qsizetype insertPosition(const Todo &todo) const; // in m_todos
    int rowOfIndex(qsizetype index) const { return int(m_todos.size() - 1 - index); }
    qsizetype indexOfRow(int row) const { return m_todos.size() - 1 - row; }

    QPointer<TodoStore> m_store;
    LinkPolicy m_linkPolicy;
    QList<Todo> m_todos; // oldest first: row r is m_todos[size - 1 - r]
    int m_unreadCount = 0;
    int m_pendingCount = 0;
};
