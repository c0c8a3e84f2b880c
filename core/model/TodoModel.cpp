#include "model/TodoModel.h"

#include "base/Logging.h"
#include "store/TodoStore.h"

#include <algorithm>

namespace {

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
        connect(store, &TodoStore::countChanged, this, &TodoModel::updateCounts);
        connect(store, &TodoStore::unreadCountChanged, this, &TodoModel::updateCounts);
        connect(store, &TodoStore::serverPendingCountChanged, this, &TodoModel::updateCounts);
    }
    reload();
}

TodoModel::~TodoModel() = default;

void TodoModel::setLinkPolicy(const LinkPolicy &policy)
{
    m_linkPolicy = policy;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                           {LinkRole, LinkEncodedRole, LinkAllowedRole, LinkRefusalRole});
}

void TodoModel::setQuery(const TodoQuery &query)
{
    if (query == m_query)
        return;
    const TodoQuery before = m_query;
    m_query = query;
    reload();
    if (query.text != before.text)
        Q_EMIT searchTextChanged(query.text);
    if (query.unreadOnly != before.unreadOnly)
        Q_EMIT unreadOnlyChanged(query.unreadOnly);
    if (query.urgency != before.urgency)
        Q_EMIT urgencyChanged(query.urgency);
}

void TodoModel::setSearchText(const QString &text)
{
    TodoQuery query = m_query;
    query.text = text;
    // Only the words count: typing a space does not read the store again.
    if (query.words() == m_query.words()) {
        if (text != m_query.text) {
            m_query.text = text;
            Q_EMIT searchTextChanged(text);
        }
        return;
    }
    setQuery(query);
}

void TodoModel::setUnreadOnly(bool unreadOnly)
{
    TodoQuery query = m_query;
    query.unreadOnly = unreadOnly;
    setQuery(query);
}

void TodoModel::setUrgency(int urgency)
{
    TodoQuery query = m_query;
    query.urgency = urgency < 0 ? kAnyUrgency : urgency;
    setQuery(query);
}

int TodoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool TodoModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void TodoModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete || !m_store)
        return;
    std::optional<TodoStore::Cursor> after;
    if (!m_rows.isEmpty())
        after = TodoStore::Cursor {m_rows.constLast().sortMs, m_rows.constLast().seq};
    QList<Todo> page = m_store->page(m_query, after, m_pageSize);
    m_complete = page.size() < m_pageSize;
    if (page.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.size()) - 1);
    m_rows.append(std::move(page));
    endInsertRows();
}

QHash<int, QByteArray> TodoModel::roleNames() const
{
    return todoRoleNames();
}

QHash<int, QByteArray> TodoModel::todoRoleNames()
{
    return {
        // QAbstractItemModel's
        {Qt::DisplayRole, "display"},
        {Qt::DecorationRole, "decoration"},
        {Qt::EditRole, "edit"},
        {Qt::ToolTipRole, "toolTip"},
        {Qt::StatusTipRole, "statusTip"},
        {Qt::WhatsThisRole, "whatsThis"},
        // TodoModel's
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
        {SnoozedUntilRole, "snoozedUntil"},
    };
}

QVariant TodoModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return dataOf(m_rows.at(index.row()), role, m_linkPolicy);
}

QVariant TodoModel::dataOf(const Todo &todo, int role, const LinkPolicy &linkPolicy)
{
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
        return linkPolicy.resolve(todo).url;
    case LinkEncodedRole:
        return linkPolicy.resolve(todo).encoded;
    case LinkAllowedRole:
        return linkPolicy.resolve(todo).allowed;
    case LinkRefusalRole:
        return linkPolicy.resolve(todo).reason;
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
    case SnoozedUntilRole:
        return todo.isSnoozed() ? QDateTime::fromMSecsSinceEpoch(todo.snoozedUntilMs) : QDateTime();
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
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Todo();
}

int TodoModel::rowOf(const QString &key) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == key)
            return int(row);
    }
    return -1;
}

std::optional<Todo> TodoModel::todo(const QString &key) const
{
    const int row = rowOf(key);
    if (row >= 0)
        return m_rows.at(row);
    return m_store ? m_store->todo(key) : std::nullopt;
}

bool TodoModel::setRead(const QString &key, bool read)
{
    return m_store && m_store->setRead(key, read);
}

bool TodoModel::setDone(const QString &key, bool done)
{
    return m_store && m_store->setDone(key, done);
}

bool TodoModel::snooze(const QString &key, qint64 untilWallMs)
{
    return m_store && m_store->snooze(key, untilWallMs);
}

bool TodoModel::unsnooze(const QString &key)
{
    return m_store && m_store->unsnooze(key);
}

int TodoModel::insertRow(const Todo &todo) const
{
    return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), todo, TodoQuery::listedBefore) - m_rows.cbegin());
}

int TodoModel::findRow(const Todo &todo) const
{
    const int row = insertRow(todo);
    if (row < m_rows.size() && m_rows.at(row).key == todo.key)
        return row;
    return rowOf(todo.key); // its order changed under us (should not happen): look for it
}

void TodoModel::reload()
{
    beginResetModel();
    m_rows = RowList<Todo>(m_store ? m_store->page(m_query, std::nullopt, m_pageSize) : QList<Todo>());
    m_complete = m_rows.size() < m_pageSize;
    endResetModel();
    updateCounts();
}

bool TodoModel::markRead(int row, bool read)
{
    if (!m_store || row < 0 || row >= m_rows.size())
        return false;
    return m_store->setRead(m_rows.at(row).key, read);
}

bool TodoModel::markDone(int row, bool done)
{
    if (!m_store || row < 0 || row >= m_rows.size())
        return false;
    return m_store->setDone(m_rows.at(row).key, done);
}

void TodoModel::markAllRead()
{
    if (m_store)
        m_store->markAllRead();
}

void TodoModel::insertOne(int row, const Todo &todo)
{
    beginInsertRows({}, row, row);
    m_rows.insert(row, summaryOf(todo));
    endInsertRows();
}

void TodoModel::onTodosCommitted(const QList<Todo> &inserted, const QList<Todo> &updated)
{
    QList<int> gone;
    for (const Todo &todo : updated) {
        const int row = findRow(todo);
        const bool matches = m_query.matches(todo);
        if (row >= 0 && matches) {
            m_rows[row] = summaryOf(todo);
            Q_EMIT dataChanged(index(row), index(row));
        } else if (row >= 0) {
            gone.append(row);
        } else if (matches && isWithinRead(insertRow(todo))) {
            insertOne(insertRow(todo), todo); // it matches now (its text changed)
        }
    }
    removeRuns(gone);

    QList<Todo> fresh;
    fresh.reserve(inserted.size());
    for (const Todo &todo : inserted) {
        if (!m_query.matches(todo))
            continue;
        // Listed already: a page read while its commit ran on the store's writer thread found it. Same place in
        // the order (the store gave it its seq), so the binary search finds it; listed once, as it is now.
        if (const int row = insertRow(todo); row < m_rows.size() && m_rows.at(row).key == todo.key) {
            m_rows[row] = summaryOf(todo);
            Q_EMIT dataChanged(index(row), index(row));
            continue;
        }
        fresh.append(summaryOf(todo));
    }
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end(), TodoQuery::listedBefore);

    // Runs of new todos that go into the same gap of the rows read so far: one beginInsertRows() each, applied
    // from the oldest gap up so that the rows of the newer ones stay valid. Usually a single run, at the top.
    // Those that go below the rows read so far come with the next page.
    struct Run
    {
        int row; // in m_rows
        qsizetype first; // in fresh
        qsizetype count;
    };
    QList<Run> runs;
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        const int row = insertRow(fresh.at(i));
        if (!isWithinRead(row))
            break; // sorted: the rest go further down
        if (!runs.isEmpty() && runs.last().row == row)
            ++runs.last().count;
        else
            runs.append({row, i, 1});
    }
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        beginInsertRows({}, run->row, run->row + int(run->count) - 1);
        m_rows.insert(run->row, fresh.begin() + run->first, run->count);
        endInsertRows();
    }
}

void TodoModel::onTodoChanged(const Todo &todo)
{
    const int row = findRow(todo);
    const bool matches = m_query.matches(todo);
    if (row >= 0 && matches) {
        m_rows[row] = summaryOf(todo);
        Q_EMIT dataChanged(index(row), index(row), {ReadRole, DoneRole, SnoozedUntilRole});
    } else if (row >= 0) {
        removeRuns({row});
    } else if (matches && isWithinRead(insertRow(todo))) {
        insertOne(insertRow(todo), todo); // e.g. marked unread again in an unread-only list
    }
}

void TodoModel::onAllMarkedRead()
{
    if (m_query.unreadOnly) {
        reload(); // every row goes
        return;
    }
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        Todo &todo = m_rows[row];
        if (!todo.read && !todo.isSnoozed()) { // a snoozed todo keeps its snooze (TodoStore::markAllRead())
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
    removeRuns(rows);
}

void TodoModel::removeRuns(QList<int> rows)
{
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
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        i = j;
    }
}

void TodoModel::updateCounts()
{
    const int count = m_store ? m_store->count() : 0;
    const int unread = m_store ? m_store->unreadCount() : 0;
    const int server = m_store ? m_store->serverPendingCount() : -1;
    const int pending = server >= 0 ? server : unread;
    if (count != m_count) {
        m_count = count;
        Q_EMIT countChanged(count);
    }
    if (unread != m_unreadCount) {
        m_unreadCount = unread;
        Q_EMIT unreadCountChanged(unread);
    }
    if (pending != m_pendingCount) {
        m_pendingCount = pending;
        Q_EMIT pendingCountChanged(pending);
    }
}
