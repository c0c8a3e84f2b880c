#include "store/DurabilityBarrier.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "store/TodoDatabase.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <atomic>

#if defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace {

// What a job on the worker thread achieved.
struct JobResult
{
    bool durable = false; // every commit written before it started survives a power cut
    bool checkpointed = false; // and is copied back into the database file
};

// Writes what the OS holds of the file at `path` to the disk, as SQLite's own sync does (fdatasync; fsync on
// macOS, without F_FULLFSYNC, SQLite's default; FlushFileBuffers on Windows). False when it cannot.
bool syncFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::ExistingOnly))
        return false;
#if defined(Q_OS_WIN)
    return FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(file.handle()))) != 0;
#elif defined(Q_OS_DARWIN)
    return ::fsync(file.handle()) == 0;
#else
    return ::fdatasync(file.handle()) == 0;
#endif
}

// Copies the WAL back into the database with synchronous=FULL: SQLite syncs the WAL before and the database after.
// True when it ran; *complete says whether every frame was copied (a reader can hold some back).
bool checkpoint(const QSqlDatabase &db, bool *complete)
{
    QSqlQuery query(db);
    const bool ok = query.exec(QStringLiteral("PRAGMA synchronous=FULL"))
        && query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next() && query.value(0).toInt() == 0;
    *complete = ok && query.value(1).toInt() == query.value(2).toInt();
    if (!ok)
        qCWarning(lcStore) << "WAL checkpoint failed:" << query.lastError().text();
    return ok;
}

// A checkpoint on a connection of its own (the worker thread's).
JobResult checkpointAt(const QString &path)
{
    static std::atomic<int> counter {0};
    const QString name = QStringLiteral("todo-store-checkpoint-%1").arg(++counter);
    JobResult result;
    // The WAL first: a checkpoint that a reader holds back entirely would not sync it.
    result.durable = syncFile(path + QStringLiteral("-wal"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            if (checkpoint(db, &result.checkpointed))
                result.durable = true;
        } else {
            qCWarning(lcStore) << "WAL checkpoint: cannot open the store:" << db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

DurabilityBarrier::DurabilityBarrier(TodoDatabase *database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    m_pool.setMaxThreadCount(1);
    setClock(nullptr);
}

DurabilityBarrier::~DurabilityBarrier()
{
    stop();
}

void DurabilityBarrier::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_checkpointTimer = m_clock->createTimer();
    connect(m_checkpointTimer.get(), &ClockTimer::timeout, this, &DurabilityBarrier::onCheckpointDue);
    m_syncTimer = m_clock->createTimer();
    connect(m_syncTimer.get(), &ClockTimer::timeout, this, &DurabilityBarrier::startBarrierWhenDue);
}

qint64 DurabilityBarrier::nowMs() const
{
    return m_clock->monotonicMs();
}

void DurabilityBarrier::scheduleCheckpoint()
{
    const qint64 now = nowMs();
    if (m_uncheckpointedSinceMs < 0)
        m_uncheckpointedSinceMs = now;
    const qint64 latest = m_uncheckpointedSinceMs + kCheckpointDeferral * m_checkpointDelayMs;
    m_checkpointTimer->start(qMax<qint64>(0, qMin(now + m_checkpointDelayMs, latest) - now));
}

quint64 DurabilityBarrier::request()
{
    const quint64 generation = m_commitGeneration;
    if (!m_database->isWalOnDisk() || generation <= m_durableGeneration) {
        // Nothing to wait for (in memory, or already durable); report it, but never from inside this call.
        QMetaObject::invokeMethod(
            this, [this, generation] { report(generation); }, Qt::QueuedConnection);
        return generation;
    }
    m_barrierWanted = true; // the next barrier covers it: requests while one runs (or waits) are served together
    if (!m_jobRunning)
        startBarrierWhenDue();
    return generation;
}

void DurabilityBarrier::startBarrierWhenDue()
{
    if (m_jobRunning || !m_barrierWanted || m_commitGeneration <= m_durableGeneration)
        return;
    const qint64 wait = m_lastSyncStartMs < 0 ? 0 : m_lastSyncStartMs + m_syncSpacingMs - nowMs();
    if (wait > 0) {
        if (!m_syncTimer->isActive())
            m_syncTimer->start(wait);
        return;
    }
    startJob(Job::SyncWal);
}

void DurabilityBarrier::onCheckpointDue()
{
    if (!m_database->isWalOnDisk() || m_commitGeneration <= m_checkpointedGeneration)
        return;
    if (m_jobRunning)
        m_checkpointWanted = true;
    else
        startJob(Job::Checkpoint);
}

void DurabilityBarrier::report(quint64 generation)
{
    if (generation > m_durableGeneration)
        m_durableGeneration = generation;
    Q_EMIT durable(generation);
}

void DurabilityBarrier::startJob(Job job)
{
    m_jobRunning = true;
    if (job == Job::SyncWal)
        m_lastSyncStartMs = nowMs();
    m_syncTimer->stop();
    m_barrierWanted = false; // either job makes every commit so far durable
    if (job == Job::Checkpoint) {
        m_checkpointWanted = false;
        m_uncheckpointedSinceMs = -1; // commits from now on are the next checkpoint's
        m_checkpointTimer->stop();
    }
    const quint64 generation = m_commitGeneration;
    const quint64 openSerial = m_openSerial;
    const QString path = m_database->path();
    // This object outlives the task: stop() waits for the pool.
    m_pool.start([this, path, generation, openSerial, job] {
        JobResult result;
        if (job == Job::SyncWal)
            result.durable = syncFile(path + QStringLiteral("-wal"));
        if (!result.durable) {
            if (job == Job::SyncWal)
                qCWarning(lcStore) << "cannot sync the WAL; checkpointing instead";
            result = checkpointAt(path);
        }
        QMetaObject::invokeMethod(
            this,
            [this, openSerial, generation, job, result] {
                onJobDone(openSerial, generation, job, result.durable, result.checkpointed);
            },
            Qt::QueuedConnection);
    });
}

void DurabilityBarrier::onJobDone(quint64 openSerial, quint64 generation, Job job, bool durable, bool checkpointed)
{
    if (openSerial != m_openSerial)
        return; // the file it synced is gone
    m_jobRunning = false;
    if (durable)
        report(generation);
    else
        m_barrierWanted = true;
    if (checkpointed)
        m_checkpointedGeneration = qMax(m_checkpointedGeneration, generation);
    if (!durable || (job == Job::Checkpoint && !checkpointed)) {
        // Failed, or a checkpoint held back by a reader: try again a little later (a checkpoint serves both).
        if (m_uncheckpointedSinceMs < 0)
            m_uncheckpointedSinceMs = nowMs();
        if (!m_checkpointTimer->isActive())
            m_checkpointTimer->start(m_checkpointDelayMs);
    }
    if (m_checkpointWanted)
        startJob(Job::Checkpoint);
    else if (durable)
        startBarrierWhenDue();
}

bool DurabilityBarrier::makeDurableNow()
{
    if (!m_database->isOpen())
        return false;
    m_pool.waitForDone();
    if (m_database->isWalOnDisk()) {
        bool complete = false;
        const bool ok = checkpoint(m_database->connection(), &complete);
        m_database->exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        if (!ok)
            return false;
        if (complete)
            m_checkpointedGeneration = m_commitGeneration;
    }
    report(m_commitGeneration);
    return true;
}

void DurabilityBarrier::stop()
{
    if (m_checkpointTimer)
        m_checkpointTimer->stop();
    if (m_syncTimer)
        m_syncTimer->stop();
    m_pool.waitForDone();
    ++m_openSerial;
    m_jobRunning = false;
    m_barrierWanted = false;
    m_checkpointWanted = false;
    m_uncheckpointedSinceMs = -1;
    m_lastSyncStartMs = -1;
}
