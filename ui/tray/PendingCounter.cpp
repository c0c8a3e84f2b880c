#include "tray/PendingCounter.h"

#include "model/TodoModel.h"
#include "store/TodoStore.h"

PendingCounter::PendingCounter(TodoModel *model, TodoStore *store, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_store(store)
{
    Q_ASSERT(model && store);
    m_lastUnread = model->unreadCount();
    connect(model, &TodoModel::unreadCountChanged, this, &PendingCounter::onUnreadCountChanged);
    connect(model, &TodoModel::pendingCountChanged, this, &PendingCounter::update);
    connect(store, &TodoStore::reopened, this, &PendingCounter::onServerCountRefreshed);
    // A payload (a push, a catch-up) carries the server's current count: what was read here is in it, or not.
    // The store announces the todos of a commit before the counters that follow from them.
    connect(store, &TodoStore::todosCommitted, this, &PendingCounter::onServerCountRefreshed);
    connect(store, &TodoStore::serverPendingCountChanged, this, &PendingCounter::onServerCountRefreshed);
    update();
}

PendingCounter::PendingCounter(QObject *parent)
    : QObject(parent)
{ }

void PendingCounter::addServer(PendingCounter *server)
{
    Q_ASSERT(server && server != this);
    m_servers.append(server);
    connect(server, &PendingCounter::countChanged, this, &PendingCounter::update);
    update();
}

void PendingCounter::clearServers()
{
    for (const QPointer<PendingCounter> &server : std::as_const(m_servers)) {
        if (server)
            server->disconnect(this);
    }
    m_servers.clear();
    update();
}

int PendingCounter::readSinceServerCount() const
{
    int read = m_readHere;
    for (const QPointer<PendingCounter> &server : m_servers)
        read += server ? server->readSinceServerCount() : 0;
    return read;
}

void PendingCounter::onUnreadCountChanged(int unread)
{
    const int delta = m_lastUnread - unread;
    m_lastUnread = unread;
    // Fewer unread: read here. More: marked unread again, or new todos (after onServerCountRefreshed()).
    m_readHere = qMax(0, m_readHere + delta);
    update();
}

void PendingCounter::onServerCountRefreshed()
{
    m_readHere = 0;
    if (m_model)
        m_lastUnread = m_model->unreadCount();
    update();
}

void PendingCounter::update()
{
    if (!m_model || !m_store) {
        int total = 0;
        for (const QPointer<PendingCounter> &server : std::as_const(m_servers))
            total += server ? server->count() : 0;
        if (total != m_count) {
            m_count = total;
            Q_EMIT countChanged(total);
        }
        return;
    }
    const bool serverCount = m_store->serverPendingCount() >= 0;
    if (!serverCount)
        m_readHere = 0;
    const int count = qMax(0, m_model->pendingCount() - m_readHere);
    if (count == m_count)
        return;
    m_count = count;
    Q_EMIT countChanged(count);
}
