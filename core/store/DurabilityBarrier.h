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
// Commits run with synchronous=NORMAL, so they do not wait for the disk. Each gets a generation number (noteCommit()).
// request() starts a barrier: a worker thread syncs the WAL file to the disk (fdatasync), which makes every commit
// written to it so far durable, then durable() reports the generation it covered. Requests that arrive while a barrier
// runs are served together by the next one (group commit), which starts no sooner than syncSpacingMs after the one
// before started: during a burst a sync covers the commits of that long, not of one sync's duration (each sync of a
// growing file also commits the file system's journal), while a lone request after a quiet moment is synced at once.
// Copying the WAL back into the database (a checkpoint: its own connection, synchronous=FULL, after syncing the WAL as
// a barrier does) is separate and rarer: scheduleCheckpoint(), after every commit, runs one once the store has been
// quiet for checkpointDelayMs, or at the latest kCheckpointDeferral times that after the first commit it has not
// copied, so a burst rewrites each database page once rather than once per barrier; a checkpoint is a barrier too. A
// failed barrier is tried again (as a checkpoint) checkpointDelayMs later. A database in memory, or not in WAL mode, is
// durable at once.
class DurabilityBarrier final : public QObject
{
    Q_OBJECT

public:
    // A checkpoint waits at most this many checkpoint delays for the store to be quiet.
    static constexpr int kCheckpointDeferral = 10;

    explicit DurabilityBarrier(TodoDatabase *database, QObject *parent = nullptr);
    ~DurabilityBarrier() override;
    Q_DISABLE_COPY_MOVE(DurabilityBarrier)

    void setClock(Clock *clock); // for the checkpoint delay; nullptr means Clock::system()
    void setCheckpointDelayMs(qint64 delayMs) { m_checkpointDelayMs = delayMs; }
    // The least time from the start of one WAL sync to the start of the next (see above); 0: back to back.
    void setSyncSpacingMs(qint64 spacingMs) { m_syncSpacingMs = qMax<qint64>(0, spacingMs); }

    // A commit succeeded: it gets the next generation.
    void noteCommit() { ++m_commitGeneration; }
    // A commit was made: checkpoints once the store is quiet (see above).
    void scheduleCheckpoint();

    quint64 commitGeneration() const { return m_commitGeneration; }
    quint64 durableGeneration() const { return m_durableGeneration; }
    // Commits up to this generation are copied back into the database file.
    quint64 checkpointedGeneration() const { return m_checkpointedGeneration; }
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
    enum class Job { SyncWal, Checkpoint };

    void onCheckpointDue();
    // Starts the wanted barrier now, or once syncSpacingMs has passed since the last WAL sync started (a checkpoint,
    // which comes after a quiet moment, does not count).
    void startBarrierWhenDue();
    void startJob(Job job);
    void onJobDone(quint64 openSerial, quint64 generation, Job job, bool durable, bool checkpointed);
    void report(quint64 generation);
    qint64 nowMs() const;

    TodoDatabase *m_database = nullptr;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_checkpointTimer;
    std::unique_ptr<ClockTimer> m_syncTimer; // startBarrierWhenDue()
    QThreadPool m_pool; // one thread
    qint64 m_checkpointDelayMs = 1000;
    qint64 m_syncSpacingMs = 0;
    qint64 m_lastSyncStartMs = -1; // the last WAL sync (not checkpoint) started, monotonic; -1: none yet
    qint64 m_uncheckpointedSinceMs = -1; // the first commit not copied back yet (monotonic), -1: none
    quint64 m_commitGeneration = 0;
    quint64 m_durableGeneration = 0;
    quint64 m_checkpointedGeneration = 0;
    quint64 m_openSerial = 0; // a barrier finishing after a reopen says nothing about the new file
    bool m_jobRunning = false;
    bool m_barrierWanted = false;
    bool m_checkpointWanted = false;
};
