#pragma once

#include <QObject>
#include <QThreadPool>

#include <memory>

class Clock;
class ClockTimer;
class TodoDatabase;

// Makes the commits of a TodoDatabase durable (survive a power cut) without blocking the event loop: TodoStore's
// "Durability", see there.
//
// Commits run with synchronous=NORMAL, so they do not wait for the disk. Each gets a generation number
// (noteCommit()). request() starts a barrier: a worker thread with its own connection checkpoints the WAL (with
// synchronous=FULL SQLite syncs the WAL before copying it back, and the database after), then durable() reports
// the generation it covered. Requests that arrive while a barrier runs are served together by the next one (group
// commit); a failed barrier is tried again checkpointDelayMs later. scheduleCheckpoint() runs one that long after a
// commit nobody asked to make durable. A database in memory, or not in WAL mode, is durable at once.
class DurabilityBarrier final : public QObject
{
    Q_OBJECT

public:
    explicit DurabilityBarrier(TodoDatabase *database, QObject *parent = nullptr);
    ~DurabilityBarrier() override;
    Q_DISABLE_COPY_MOVE(DurabilityBarrier)

    void setClock(Clock *clock); // for the checkpoint delay; nullptr means Clock::system()
    void setCheckpointDelayMs(qint64 delayMs) { m_checkpointDelayMs = delayMs; }

    // A commit succeeded: it gets the next generation.
    void noteCommit() { ++m_commitGeneration; }
    // Checkpoints checkpointDelayMs from now, unless one is scheduled already (or a request comes first).
    void scheduleCheckpoint();

    quint64 commitGeneration() const { return m_commitGeneration; }
    quint64 durableGeneration() const { return m_durableGeneration; }
    // See TodoStore::requestDurable().
    quint64 request();
    // See TodoStore::makeDurableNow(): the checkpoint on the database's own connection, on this thread.
    bool makeDurableNow();
    // The database is about to close or be replaced: waits for a running barrier and forgets it (a barrier
    // finishing after this says nothing about the next file), cancels the scheduled checkpoint.
    void stop();

Q_SIGNALS:
    // Commits up to `generation` survive a power cut.
    void durable(quint64 generation);

private:
    void startBarrier();
    void onBarrierDone(quint64 openSerial, quint64 generation, bool ok);
    void report(quint64 generation);

    TodoDatabase *m_database = nullptr;
    std::unique_ptr<ClockTimer> m_checkpointTimer;
    QThreadPool m_pool; // one thread
    qint64 m_checkpointDelayMs = 1000;
    quint64 m_commitGeneration = 0;
    quint64 m_durableGeneration = 0;
    quint64 m_openSerial = 0; // a barrier finishing after a reopen says nothing about the new file
    bool m_barrierRunning = false;
    bool m_barrierWanted = false;
};
