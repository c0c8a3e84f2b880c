#include "model/TodoModel.h"

#include "base/Logging.h"
#include "store/TodoStore.h"

#include <algorithm>

namespace {

// The list's order, oldest first: sortMs, then arrival (seq). Rows show it reversed (newest first), so that
// the common case, new todos at the top, is an append to m_todos.
bool olderThan(const Todo &a, const Todo &b)
{
    return a.sortMs != b.sortMs ? a.sortMs < b.sortMs : a.seq < b.seq;
}

Todo summaryOf(Todo todo)
{
    todo.source = {};
    return todo;
}

} // namespace

TodoModel::TodoModel(TodoStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    if (store) {
        connect(store, &TodoStore::todosCommitted, this, &TodoModel::onTodosCommitted);
        connect(store, &TodoStore::todoChanged, this, &TodoModel::onTodoChanged);
        connect(store, &TodoStore::allMarkedRead, this, &TodoModel::onAllMarkedRead);
        connect(store, &TodoStore::todosRemoved, this, &TodoModel::onTodosRemoved);
        connect(store, &TodoStore::reopened, this, &TodoModel::reload);
        connect(store, &TodoStore::unreadCountChanged, this, &TodoModel::updateCounts);
        connect(store, &TodoStore::serverPendingCountChanged, this, &TodoModel::updateCounts);
    }
    reload();
}

TodoModel::~TodoModel() = default;

void TodoModel::setLinkPolicy(const LinkPolicy &policy)
{
    m_linkPolicy = policy;
    if (!m_todos.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_todos.size()) - 1),
                           {LinkRole, LinkEncodedRole, LinkAllowedRole, LinkRefusalRole});
}

int TodoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_todos.size());
}

QHash<int, QByteArray> TodoModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {KeyRole, "key"},
        {IdRole, "todoId"},
        {TitleRole, "title"},
        {TimeRole, "time"},
        {TimeTextRole, "timeText"},
        {SenderRole, "sender"},
        {DepartmentRole, "department"},
        {BusinessNameRole, "businessName"},
        {NodeNameRole, "nodeName"},
        {UrgencyRole, "urgency"},
        {UrgencyTextRole, "urgencyText"},
        {HandlerUrlRole, "handlerUrl"},
        {PendingUrlRole, "pendingUrl"},
        {LinkRole, "link"},
        {LinkEncodedRole, "linkEncoded"},
        {LinkAllowedRole, "linkAllowed"},
        {LinkRefusalRole, "linkRefusal"},
        {ReadRole, "read"},
        {DoneRole, "done"},
        {ReceivedRole, "received"},
        {DeliveriesRole, "deliveries"},
        {KindRole, "kind"},
        {TodoRole, "todo"},
    });
    return names;
}

QVariant TodoModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Todo &todo = m_todos.at(indexOfRow(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return todo.title;
    case Qt::ToolTipRole: {
        QStringList parts;
        for (const QString &part : {todo.senderName, todo.senderDepartment, todo.businessName, todo.nodeName}) {
            if (!part.isEmpty())
                parts.append(part);
        }
        return parts.isEmpty() ? todo.title : todo.title + QLatin1Char('\n') + parts.join(QStringLiteral(" · "));
    }
    case KeyRole:
        return todo.key;
    case IdRole:
        return todo.id;
    case TimeRole:
        return todo.time.isValid() ? todo.time.toLocalTime() : QDateTime::fromMSecsSinceEpoch(todo.receivedMs);
    case TimeTextRole:
        return todo.timeText;
    case SenderRole:
        return todo.senderName;
    case DepartmentRole:
        return todo.senderDepartment;
    case BusinessNameRole:
        return todo.businessName;
    case NodeNameRole:
        return todo.nodeName;
    case UrgencyRole:
        return todo.urgency;
    case UrgencyTextRole:
        return todo.urgencyText;
    case HandlerUrlRole:
        return todo.handlerUrl;
    case PendingUrlRole:
        return todo.pendingUrl;
    case LinkRole:
        return m_linkPolicy.resolve(todo).url;
    case LinkEncodedRole:
        return m_linkPolicy.resolve(todo).encoded;
    case LinkAllowedRole:
        return m_linkPolicy.resolve(todo).allowed;
    case LinkRefusalRole:
        return m_linkPolicy.resolve(todo).reason;
    case ReadRole:
        return todo.read;
    case DoneRole:
        return todo.done;
    case ReceivedRole:
        return QDateTime::fromMSecsSinceEpoch(todo.receivedMs);
    case DeliveriesRole:
        return todo.deliveries;
    case KindRole:
        return todoKindName(todo.kind);
    case TodoRole:
        return QVariant::fromValue(todo);
    default:
        return {};
    }
}

bool TodoModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (role == ReadRole)
        return markRead(index.row(), value.toBool());
    if (role == DoneRole)
        return markDone(index.row(), value.toBool());
    return false;
}

Qt::ItemFlags TodoModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

Todo TodoModel::todoAt(int row) const
{
    return row >= 0 && row < m_todos.size() ? m_todos.at(indexOfRow(row)) : Todo();
}

int TodoModel::rowOf(const QString &key) const
{
    for (qsizetype i = m_todos.size() - 1; i >= 0; --i) {
        if (m_todos.at(i).key == key)
            return rowOfIndex(i);
    }
    return -1;
}

qsizetype TodoModel::insertPosition(const Todo &todo) const
{
    return std::lower_bound(m_todos.cbegin(), m_todos.cend(), todo, olderThan) - m_todos.cbegin();
}

int TodoModel::findRow(const Todo &todo) const
{
    const qsizetype position = insertPosition(todo);
    if (position < m_todos.size() && m_todos.at(position).key == todo.key)
        return rowOfIndex(position);
    return rowOf(todo.key); // its order changed under us (should not happen): look for it
}

void TodoModel::reload()
{
    beginResetModel();
    // Room to grow by a quarter without reallocating: a burst then never copies the whole list.
    m_todos = m_store ? m_store->loadSummaries(TodoStore::Order::OldestFirst, qMax(1024, m_store->count() / 4))
                      : QList<Todo>();
    endResetModel();
    Q_EMIT countChanged(count());
    updateCounts();
}

bool TodoModel::markRead(int row, bool read)
{
    if (!m_store || row < 0 || row >= m_todos.size())
        return false;
    return m_store->setRead(m_todos.at(indexOfRow(row)).key, read);
}

bool TodoModel::markDone(int row, bool done)
{
    if (!m_store || row < 0 || row >= m_todos.size())
        return false;
    return m_store->setDone(m_todos.at(indexOfRow(row)).key, done);
}

void TodoModel::markAllRead()
{
    if (m_store)
        m_store->markAllRead();
}

void TodoModel::onTodosCommitted(const QList<Todo> &inserted, const QList<Todo> &updated)
{
    for (const Todo &todo : updated) {
        const int row = findRow(todo);
        if (row < 0) {
            qCWarning(lcModel) << "an updated todo is not in the list:" << todo.key;
            continue;
        }
        m_todos[indexOfRow(row)] = summaryOf(todo);
        Q_EMIT dataChanged(index(row), index(row));
    }
    if (inserted.isEmpty())
        return;

    QList<Todo> fresh;
    fresh.reserve(inserted.size());
    for (const Todo &todo : inserted)
        fresh.append(summaryOf(todo));
    std::sort(fresh.begin(), fresh.end(), olderThan);

    // Runs of new todos that go into the same gap of the current list: one beginInsertRows() each, applied from
    // the newest gap down so that the positions of the older ones stay valid. Usually a single run, appended.
    struct Run
    {
        qsizetype position; // in m_todos
        qsizetype first; // in fresh
        qsizetype count;
    };
    QList<Run> runs;
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        const qsizetype position = insertPosition(fresh.at(i));
        if (!runs.isEmpty() && runs.last().position == position)
            ++runs.last().count;
        else
            runs.append({position, i, 1});
    }
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        const int firstRow = int(m_todos.size() - run->position);
        beginInsertRows({}, firstRow, firstRow + int(run->count) - 1);
        m_todos.insert(run->position, run->count, Todo());
        for (qsizetype i = 0; i < run->count; ++i)
            m_todos[run->position + i] = std::move(fresh[run->first + i]);
        endInsertRows();
    }
    Q_EMIT countChanged(count());
    updateCounts();
}

void TodoModel::onTodoChanged(const Todo &todo)
{
    const int row = findRow(todo);
    if (row < 0)
        return;
    m_todos[indexOfRow(row)] = summaryOf(todo);
    Q_EMIT dataChanged(index(row), index(row), {ReadRole, DoneRole});
}

void TodoModel::onAllMarkedRead()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < count(); ++row) {
        Todo &todo = m_todos[indexOfRow(row)];
        if (!todo.read) {
            todo.read = true;
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last), {ReadRole});
}

void TodoModel::onTodosRemoved(const QList<Todo> &removed)
{
    QList<int> rows;
    for (const Todo &todo : removed) {
        const int row = findRow(todo);
        if (row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous ranges, bottom up.
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows.at(i);
        int first = last;
        qsizetype j = i + 1;
        while (j < rows.size() && rows.at(j) == first - 1) {
            first = rows.at(j);
            ++j;
        }
        beginRemoveRows({}, first, last);
        m_todos.remove(indexOfRow(last), last - first + 1);
        endRemoveRows();
        i = j;
    }
    if (!rows.isEmpty())
        Q_EMIT countChanged(count());
    updateCounts();
}

void TodoModel::updateCounts()
{
    const int unread = m_store ? m_store->unreadCount() : 0;
    const int server = m_store ? m_store->serverPendingCount() : -1;
    const int pending = server >= 0 ? server : unread;
    if (unread != m_unreadCount) {
        m_unreadCount = unread;
        Q_EMIT unreadCountChanged(unread);
    }
    if (pending != m_pendingCount) {
        m_pendingCount = pending;
        Q_EMIT pendingCountChanged(pending);
    }
}
