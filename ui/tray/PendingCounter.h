#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class TodoModel;
class TodoStore;

// The number the tray icon shows: TodoModel::pendingCount, less the todos the person opened or marked read here
// since the server last told its count.
//
// With a server count (sysMsgNums) the model's pendingCount is that count, which only the server's next payload
// changes; yet a todo the person just opened from a notification is being dealt with, and a badge that does not
// move after the click looks broken. So every todo marked read here takes one off the server's count until the
// next payload (or catch-up) brings a fresh count; marking one unread again puts it back. A snoozed todo is not
// counted as unread until it wakes (TodoStore), so snoozing one takes it off too, and waking puts it back. Without a
// server count the pending count is the unread count, which already follows reads, and is shown as it is.
//
// With several servers the icon shows the total: a counter made without a model adds up the counters of the servers
// (addServer()).
class PendingCounter final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    // Both must outlive the counter.
    PendingCounter(TodoModel *model, TodoStore *store, QObject *parent = nullptr);
    // The total of several servers' counters: addServer() each.
    explicit PendingCounter(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PendingCounter)

    // Counts `server`'s count in (it must outlive this, or be removed first).
    void addServer(PendingCounter *server);
    void clearServers();

    int count() const { return m_count; }
    // Todos read here since the server's count came (0 without a server count).
    int readSinceServerCount() const;

Q_SIGNALS:
    void countChanged(int count);

private:
    void onUnreadCountChanged(int unread);
    void onServerCountRefreshed();
    void update();

    QPointer<TodoModel> m_model;
    QPointer<TodoStore> m_store;
    int m_lastUnread = 0;
    int m_readHere = 0;
    int m_count = 0;
    QList<QPointer<PendingCounter>> m_servers;
};
