#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

class TodoDatabase;
class TodoTable;

// A thread with a connection of its own to the store's file, on which TodoStore runs the commits of
// TodoStore::commitInBackground(): parsing and SQLite then take the writer's time, not the event loop's. What it
// runs, it runs in the order posted; the connection is opened, used and closed on the thread (Qt SQL connections
// belong to the thread that made them). It knows nothing of commits: TodoStore posts the work and applies what it
// returns on its own thread.
class StoreWriter final
{
public:
    using Work = std::function<void(TodoDatabase &database, TodoTable &table)>;

    StoreWriter();
    // Runs what was posted, closes the connection and ends the thread (blocks until then).
    ~StoreWriter();
    Q_DISABLE_COPY_MOVE(StoreWriter)

    // Starts the thread and opens the file at `path` there (TodoDatabase::openSecond()), blocking until done.
    // False (with why) when it cannot be used; then post() must not be called.
    bool open(const QString &path, QString *why);
    // Runs `work` on the writer thread, after everything posted before.
    void post(Work work);

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_context; // lives on m_thread: what post() queues to
    // Made, used and destroyed on m_thread.
    std::unique_ptr<TodoDatabase> m_database;
    std::unique_ptr<TodoTable> m_table;
};
