#include "model/MergedTodoModel.h"

#include "todo/ServerKey.h"

#include <algorithm>
#include <utility>

class MergedTodoModel::Hold final
{
public:
    explicit Hold(MergedTodoModel *model)
        : m_model(model)
    {
        ++m_model->m_holds;
    }
    ~Hold()
    {
        if (--m_model->m_holds == 0 && m_model->m_dirty)
            m_model->sync();
    }
    Q_DISABLE_COPY_MOVE(Hold)

private:
    MergedTodoModel *m_model;
};

MergedTodoModel::MergedTodoModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

MergedTodoModel::~MergedTodoModel() = default;

bool MergedTodoModel::addServer(const QString &serverId, const QString &name, TodoModel *model)
{
    if (!model || findServer(serverId))
        return false;
    m_servers.push_back(std::make_unique<Server>(Server {serverId, name, model}));
    const Server *server = m_servers.back().get();
    {
        Hold hold(this);
        model->setQuery(m_query);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this, server](const QModelIndex &, int first, int last) { onModelRowsInserted(server, first, last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MergedTodoModel::requestSync);
        // After these its rows may hold other todos at the same places: they are compared.
        const auto onReset = [this, server] {
            m_reset.insert(server);
            requestSync();
        };
        connect(model, &QAbstractItemModel::rowsMoved, this, onReset);
        connect(model, &QAbstractItemModel::modelReset, this, onReset);
        connect(model, &QAbstractItemModel::layoutChanged, this, onReset);
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this, server](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                    onModelDataChanged(server, topLeft, bottomRight, roles);
                });
        for (const auto signal :
             {&TodoModel::countChanged, &TodoModel::unreadCountChanged, &TodoModel::pendingCountChanged})
            connect(model, signal, this, &MergedTodoModel::updateCounts);
        connect(model, &QObject::destroyed, this, [this, serverId] { removeServer(serverId); });
        m_reset.insert(server);
        m_dirty = true;
    }
    updateCounts();
    Q_EMIT serversChanged();
    return true;
}

bool MergedTodoModel::removeServer(const QString &serverId)
{
    Server *server = findServer(serverId);
    if (!server)
        return false;
    if (server->model)
        server->model->disconnect(this);
    server->leaving = true;
    const bool filtered = m_serverFilter == serverId;
    if (filtered)
        m_serverFilter.reset();
    sync(); // its rows go while it is still there to compare them by, then it goes
    updateCounts();
    if (filtered)
        Q_EMIT serverFilterChanged();
    Q_EMIT serversChanged();
    return true;
}

void MergedTodoModel::setServerName(const QString &serverId, const QString &name)
{
    Server *server = findServer(serverId);
    if (!server || server->name == name)
        return;
    server->name = name;
    QList<int> rows;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).server == server)
            rows.append(row);
    }
    emitDataChanged(rows, {ServerNameRole});
    Q_EMIT serversChanged();
}

QStringList MergedTodoModel::serverIds() const
{
    QStringList ids;
    for (const auto &server : m_servers)
        ids.append(server->id);
    return ids;
}

QString MergedTodoModel::serverName(const QString &serverId) const
{
    const Server *server = findServer(serverId);
    return server ? server->name : QString();
}

TodoModel *MergedTodoModel::serverModel(const QString &serverId) const
{
    const Server *server = findServer(serverId);
    return server ? server->model.data() : nullptr;
}

MergedTodoModel::Server *MergedTodoModel::findServer(const QString &serverId) const
{
    for (const auto &server : m_servers) {
        if (server->id == serverId && !server->leaving)
            return server.get();
    }
    return nullptr;
}

TodoModel *MergedTodoModel::modelOf(const QString &key) const
{
    return serverModel(ServerKey::serverOf(key));
}

void MergedTodoModel::setServerFilter(const std::optional<QString> &serverId)
{
    if (serverId == m_serverFilter)
        return;
    m_serverFilter = serverId;
    sync();
    Q_EMIT serverFilterChanged();
}

void MergedTodoModel::setQuery(const TodoQuery &query)
{
    if (query == m_query)
        return;
    const TodoQuery before = m_query;
    {
        Hold hold(this);
        m_query = query;
        for (const auto &server : m_servers) {
            if (server->model)
                server->model->setQuery(query);
        }
    }
    if (query.text != before.text)
        Q_EMIT searchTextChanged(query.text);
    if (query.unreadOnly != before.unreadOnly)
        Q_EMIT unreadOnlyChanged(query.unreadOnly);
    if (query.urgency != before.urgency)
        Q_EMIT urgencyChanged(query.urgency);
}

void MergedTodoModel::setSearchText(const QString &text)
{
    if (text == m_query.text)
        return;
    {
        // Each model reads its store again only when the words changed (TodoModel::setSearchText()).
        Hold hold(this);
        m_query.text = text;
        for (const auto &server : m_servers) {
            if (server->model)
                server->model->setSearchText(text);
        }
    }
    Q_EMIT searchTextChanged(text);
}

void MergedTodoModel::setUnreadOnly(bool unreadOnly)
{
    TodoQuery query = m_query;
    query.unreadOnly = unreadOnly;
    setQuery(query);
}

void MergedTodoModel::setUrgency(int urgency)
{
    TodoQuery query = m_query;
    query.urgency = urgency < 0 ? kAnyUrgency : urgency;
    setQuery(query);
}

bool MergedTodoModel::isListed(const Server &server) const
{
    return server.model && !server.leaving && (!m_serverFilter || *m_serverFilter == server.id);
}

bool MergedTodoModel::before(const Server *a, const Todo &aTodo, const Server *b, const Todo &bTodo)
{
    if (TodoQuery::listedBefore(aTodo, bTodo))
        return true;
    if (TodoQuery::listedBefore(bTodo, aTodo))
        return false;
    // The same place in the order: todos of two servers (by server id), or of one store that was replaced.
    if (a != b)
        return a->id < b->id;
    return aTodo.key < bTodo.key;
}

bool MergedTodoModel::findHorizon(std::optional<Entry> &horizon) const
{
    // Below the horizon, a row not read yet could go before a row read already.
    horizon.reset();
    for (const auto &server : m_servers) {
        if (!isListed(*server) || !server->model->canFetchMore({}))
            continue;
        const RowList<Todo> &rows = server->model->rows();
        if (rows.isEmpty())
            return false; // any of its rows, not read yet, could be the newest
        const Entry last {server.get(), &rows.constLast()};
        if (!horizon || before(last, *horizon))
            horizon = last;
    }
    return true;
}

QList<MergedTodoModel::Entry> MergedTodoModel::mergedEntries() const
{
    std::optional<Entry> horizon;
    if (!findHorizon(horizon))
        return {};
    qsizetype total = 0;
    for (const auto &server : m_servers) {
        if (isListed(*server))
            total += server->model->rows().size();
    }
    QList<Entry> merged;
    merged.reserve(total);
    for (const auto &server : m_servers) {
        if (!isListed(*server))
            continue;
        const qsizetype start = merged.size();
        for (const Todo &todo : server->model->rows()) {
            const Entry next {server.get(), &todo};
            if (horizon && before(*horizon, next))
                break; // in order: the rest are older still
            merged.append(next);
        }
        if (start > 0)
            std::inplace_merge(merged.begin(), merged.begin() + start, merged.end(),
                               [](const Entry &a, const Entry &b) { return before(a, b); });
    }
    return merged;
}

void MergedTodoModel::onModelRowsInserted(const Server *server, int first, int last)
{
    if (!insertInPlace(server, first, last))
        requestSync();
}

bool MergedTodoModel::insertInPlace(const Server *server, int first, int last)
{
    // The usual change, new todos at the top of a list, costs a search for their places, not a merge of every row:
    // the rows are the merge of the models as they were just before (nothing waits to be merged), and the horizon
    // stays where it was (no model that can read more got a new last row).
    if (m_holds > 0 || m_syncing || m_dirty || !m_touched.isEmpty() || !m_reset.isEmpty() || !isListed(*server))
        return false;
    const RowList<Todo> &rows = server->model->rows();
    if (first < 0 || last < first || last >= rows.size()
        || (server->model->canFetchMore({}) && last == rows.size() - 1))
        return false;
    std::optional<Entry> horizon;
    if (!findHorizon(horizon))
        return false;

    // The runs of new rows that go to one place, found while nothing is emitted (a view's slot may change a model),
    // with their todos copied; then inserted from the bottom up, so the places of those above stay right.
    struct Run
    {
        qsizetype row; // in m_rows
        qsizetype first; // in `fresh`
        qsizetype count;
    };
    QList<Row> fresh;
    fresh.reserve(last - first + 1);
    QList<Run> runs;
    auto place = m_rows.cbegin();
    for (int k = first; k <= last; ++k) {
        const Entry entry {server, &rows.at(k)};
        if (horizon && before(*horizon, entry))
            break; // in order: the rest are below the horizon too
        place = std::lower_bound(place, m_rows.cend(), entry,
                                 [](const Row &row, const Entry &next) { return before(row, next); });
        const qsizetype row = place - m_rows.cbegin();
        if (runs.isEmpty() || runs.last().row != row)
            runs.append({row, fresh.size(), 0});
        ++runs.last().count;
        fresh.append(Row {server, *entry.todo});
    }
    m_syncing = true;
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        beginInsertRows({}, int(run->row), int(run->row + run->count - 1));
        m_rows.insert(run->row, fresh.begin() + run->first, run->count);
        endInsertRows();
    }
    m_syncing = false;
    if (m_dirty)
        sync(); // a view's slot changed a model meanwhile
    return true;
}

void MergedTodoModel::onModelDataChanged(const Server *server, const QModelIndex &topLeft,
                                         const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (!server->model || !topLeft.isValid() || !bottomRight.isValid())
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        m_touched.insert({server, server->model->rows().at(row).key});
    if (roles.isEmpty())
        m_touchedAllRoles = true;
    for (int role : roles) {
        if (!m_touchedRoles.contains(role))
            m_touchedRoles.append(role);
    }
    requestSync();
}

void MergedTodoModel::requestSync()
{
    m_dirty = true;
    if (m_holds == 0)
        sync();
}

void MergedTodoModel::sync()
{
    m_dirty = true;
    if (m_syncing)
        return; // a slot of a view changed a model while the rows were being brought up to date: once more
    m_syncing = true;
    while (m_dirty) {
        m_dirty = false;
        applyDifference();
    }
    m_syncing = false;
    dropLeavingServers();
}

void MergedTodoModel::dropLeavingServers()
{
    if (m_syncing)
        return; // the rows may still point at them
    m_servers.erase(std::remove_if(m_servers.begin(), m_servers.end(),
                                   [](const std::unique_ptr<Server> &server) { return server->leaving; }),
                    m_servers.end());
}

void MergedTodoModel::applyDifference()
{
    const QSet<QPair<const Server *, QString>> touched = std::exchange(m_touched, {});
    const QSet<const Server *> reset = std::exchange(m_reset, {});
    const QList<int> touchedRoles = std::exchange(m_touchedAllRoles, false) ? QList<int>() : m_touchedRoles;
    m_touchedRoles.clear();

    // First the steps, while nothing is emitted and so no model changes: both lists are in order, and one walk
    // finds the rows that went (removed in runs), the rows that came (inserted in runs, their todos copied now) and
    // the rows in both, changed in place when their model said so (dataChanged) or was reset and their todo differs.
    // A row's todo is copied only when it comes or changes: a burst at the top of a long list costs a walk over the
    // rows' places in the order, not a copy of every row.
    struct Step
    {
        enum class Kind { Remove, Insert, Change } kind;
        qsizetype row; // where, in the rows as the steps before left them
        qsizetype count;
        QList<Row> rows; // Insert: the new rows; Change: the row's new todo, or none when only its data changed
        bool named = false; // Change: its model said so (with touchedRoles)
    };
    QList<Step> steps;
    {
        const QList<Entry> next = mergedEntries();
        qsizetype i = 0;
        qsizetype j = 0;
        qsizetype shift = 0; // rows inserted less rows removed by the steps so far
        while (i < m_rows.size() || j < next.size()) {
            if (j == next.size() || (i < m_rows.size() && before(m_rows.at(i), next.at(j)))) {
                qsizetype end = i + 1;
                while (end < m_rows.size() && (j == next.size() || before(m_rows.at(end), next.at(j))))
                    ++end;
                steps.append({Step::Kind::Remove, i + shift, end - i, {}});
                shift -= end - i;
                i = end;
                continue;
            }
            if (i == m_rows.size() || before(next.at(j), m_rows.at(i))) {
                qsizetype end = j + 1;
                while (end < next.size() && (i == m_rows.size() || before(next.at(end), m_rows.at(i))))
                    ++end;
                Step step {Step::Kind::Insert, i + shift, end - j, {}};
                step.rows.reserve(end - j);
                for (qsizetype k = j; k < end; ++k)
                    step.rows.append({next.at(k).server, *next.at(k).todo});
                steps.append(std::move(step));
                shift += end - j;
                j = end;
                continue;
            }
            const Row &row = m_rows.at(i);
            const bool named = touched.contains({row.server, row.todo.key});
            if ((named || reset.contains(row.server)) && row.todo != *next.at(j).todo)
                steps.append({Step::Kind::Change, i + shift, 1, {{row.server, *next.at(j).todo}}, named});
            else if (named)
                steps.append({Step::Kind::Change, i + shift, 1, {}, true});
            ++i;
            ++j;
        }
    }

    // Then the steps, with the signals a view follows.
    QList<int> changed; // rows whose todo changed without their model naming the roles
    QList<int> named; // rows whose model named the roles that changed
    for (Step &step : steps) {
        switch (step.kind) {
        case Step::Kind::Remove:
            beginRemoveRows({}, int(step.row), int(step.row + step.count - 1));
            m_rows.remove(step.row, step.count);
            endRemoveRows();
            break;
        case Step::Kind::Insert:
            beginInsertRows({}, int(step.row), int(step.row + step.count - 1));
            m_rows.insert(step.row, step.rows.begin(), step.count);
            endInsertRows();
            break;
        case Step::Kind::Change:
            if (!step.rows.isEmpty())
                m_rows[step.row].todo = std::move(step.rows.first().todo);
            (step.named ? named : changed).append(int(step.row));
            break;
        }
    }
    // Later steps are further down: the rows of the changes are where the steps left them.
    emitDataChanged(changed, {});
    emitDataChanged(named, touchedRoles);
}

void MergedTodoModel::emitDataChanged(const QList<int> &rows, const QList<int> &roles)
{
    // Runs of adjacent rows (`rows` ascending).
    qsizetype k = 0;
    while (k < rows.size()) {
        qsizetype end = k + 1;
        while (end < rows.size() && rows.at(end) == rows.at(end - 1) + 1)
            ++end;
        Q_EMIT dataChanged(index(rows.at(k)), index(rows.at(end - 1)), roles);
        k = end;
    }
}

int MergedTodoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool MergedTodoModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid())
        return false;
    return std::any_of(m_servers.cbegin(), m_servers.cend(), [this](const std::unique_ptr<Server> &server) {
        return isListed(*server) && server->model->canFetchMore({});
    });
}

void MergedTodoModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    // The model that holds the horizon up: the one whose last row read is the newest (or that has none).
    TodoModel *holder = nullptr;
    std::optional<Entry> newest;
    for (const auto &server : m_servers) {
        if (!isListed(*server) || !server->model->canFetchMore({}))
            continue;
        const RowList<Todo> &rows = server->model->rows();
        if (rows.isEmpty()) {
            holder = server->model;
            break;
        }
        const Entry last {server.get(), &rows.constLast()};
        if (!newest || before(last, *newest)) {
            newest = last;
            holder = server->model;
        }
    }
    if (!holder)
        return;
    Hold hold(this);
    holder->fetchMore({});
    m_dirty = true; // a last, empty page inserts nothing, yet moves the horizon
}

QHash<int, QByteArray> MergedTodoModel::roleNames() const
{
    QHash<int, QByteArray> names = TodoModel::todoRoleNames();
    names.insert(ServerIdRole, "serverId");
    names.insert(ServerNameRole, "serverName");
    return names;
}

QVariant MergedTodoModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case ServerIdRole:
        return row.server->id;
    case ServerNameRole:
        return row.server->name;
    case TodoModel::KeyRole:
        return ServerKey::qualify(row.server->id, row.todo.key);
    case TodoModel::TodoRole: {
        Todo todo = row.todo;
        todo.key = ServerKey::qualify(row.server->id, todo.key);
        return QVariant::fromValue(todo);
    }
    default:
        return TodoModel::dataOf(row.todo, role, row.server->model ? row.server->model->linkPolicy() : LinkPolicy());
    }
}

bool MergedTodoModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (role == TodoModel::ReadRole)
        return markRead(index.row(), value.toBool());
    if (role == TodoModel::DoneRole)
        return markDone(index.row(), value.toBool());
    return false;
}

Qt::ItemFlags MergedTodoModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

Todo MergedTodoModel::todoAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    Todo todo = m_rows.at(row).todo;
    todo.key = ServerKey::qualify(m_rows.at(row).server->id, todo.key);
    return todo;
}

QString MergedTodoModel::serverIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).server->id : QString();
}

int MergedTodoModel::rowOf(const QString &key) const
{
    const QString serverId = ServerKey::serverOf(key);
    const QString local = ServerKey::localKey(key);
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).todo.key == local && m_rows.at(row).server->id == serverId)
            return int(row);
    }
    return -1;
}

std::optional<Todo> MergedTodoModel::todo(const QString &key) const
{
    const TodoModel *model = modelOf(key);
    std::optional<Todo> todo = model ? model->todo(ServerKey::localKey(key)) : std::nullopt;
    if (todo)
        todo->key = key;
    return todo;
}

bool MergedTodoModel::setRead(const QString &key, bool read)
{
    TodoModel *model = modelOf(key);
    return model && model->setRead(ServerKey::localKey(key), read);
}

bool MergedTodoModel::setDone(const QString &key, bool done)
{
    TodoModel *model = modelOf(key);
    return model && model->setDone(ServerKey::localKey(key), done);
}

bool MergedTodoModel::snooze(const QString &key, qint64 untilWallMs)
{
    TodoModel *model = modelOf(key);
    return model && model->snooze(ServerKey::localKey(key), untilWallMs);
}

bool MergedTodoModel::unsnooze(const QString &key)
{
    TodoModel *model = modelOf(key);
    return model && model->unsnooze(ServerKey::localKey(key));
}

std::optional<LinkPolicy::Resolution> MergedTodoModel::resolveLink(const QString &key) const
{
    const TodoModel *model = modelOf(key);
    const std::optional<Todo> todo = model ? model->todo(ServerKey::localKey(key)) : std::nullopt;
    if (!todo)
        return std::nullopt;
    return model->linkPolicy().resolve(*todo);
}

bool MergedTodoModel::markRead(int row, bool read)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    const Row &at = m_rows.at(row);
    return at.server->model && at.server->model->setRead(at.todo.key, read);
}

bool MergedTodoModel::markDone(int row, bool done)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    const Row &at = m_rows.at(row);
    return at.server->model && at.server->model->setDone(at.todo.key, done);
}

void MergedTodoModel::markAllRead()
{
    Hold hold(this);
    for (const auto &server : m_servers) {
        if (server->model && !server->leaving)
            server->model->markAllRead();
    }
}

void MergedTodoModel::updateCounts()
{
    int count = 0;
    int unread = 0;
    int pending = 0;
    for (const auto &server : m_servers) {
        if (!server->model || server->leaving)
            continue;
        count += server->model->count();
        unread += server->model->unreadCount();
        pending += server->model->pendingCount();
    }
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
