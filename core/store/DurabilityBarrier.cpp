#include "store/DurabilityBarrier.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "store/TodoDatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <atomic>

namespace {

// Copies the WAL back into the database with synchronous=FULL: SQLite syncs the WAL before and the database after.
// True when everything was copied.
bool checkpoint(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    const bool ok = query.exec(QStringLiteral("PRAGMA synchronous=FULL"))
        && query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next() && query.value(0).toInt() == 0;
    if (!ok)
        qCWarning(lcStore) << "WAL checkpoint failed:" << query.lastError().text();
    return ok;
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
    m_checkpointTimer = (clock ? clock : Clock::system())->createTimer();
    connect(m_checkpointTimer.get(), &ClockTimer::timeout, this, &DurabilityBarrier::request);
}

void DurabilityBarrier::scheduleCheckpoint()
{
    if (!m_checkpointTimer->isActive())
        m_checkpointTimer->start(m_checkpointDelayMs);
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
    if (m_barrierRunning)
        m_barrierWanted = true; // the next barrier covers it: requests while one runs are served together
    else
        startBarrier();
    return generation;
}

void DurabilityBarrier::report(quint64 generation)
{
    if (generation > m_durableGeneration)
        m_durableGeneration = generation;
    Q_EMIT durable(generation);
}

void DurabilityBarrier::startBarrier()
{
    m_barrierRunning = true;
    m_barrierWanted = false;
    m_checkpointTimer->stop();
    const quint64 generation = m_commitGeneration;
    const quint64 openSerial = m_openSerial;
    const QString path = m_database->path();
    // This object outlives the task: stop() waits for the pool.
    m_pool.start([this, path, generation, openSerial] {
        static std::atomic<int> counter {0};
        const QString name = QStringLiteral("todo-store-checkpoint-%1").arg(++counter);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open())
                ok = checkpoint(db);
            else
                qCWarning(lcStore) << "WAL checkpoint: cannot open the store:" << db.lastError().text();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(
            this, [this, openSerial, generation, ok] { onBarrierDone(openSerial, generation, ok); },
            Qt::QueuedConnection);
    });
}

void DurabilityBarrier::onBarrierDone(quint64 openSerial, quint64 generation, bool ok)
{
    if (openSerial != m_openSerial)
        return; // the file it synced is gone
    m_barrierRunning = false;
    if (ok)
        report(generation);
    else
        m_barrierWanted = true;
    if (m_barrierWanted && m_commitGeneration > m_durableGeneration) {
        if (ok)
            startBarrier();
        else
            m_checkpointTimer->start(m_checkpointDelayMs); // try again a little later
    }
}

bool DurabilityBarrier::makeDurableNow()
{
    if (!m_database->isOpen())
        return false;
    m_pool.waitForDone();
    if (m_database->isWalOnDisk()) {
        const bool ok = checkpoint(m_database->connection());
        m_database->exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        if (!ok)
            return false;
    }
    report(m_commitGeneration);
    return true;
}

void DurabilityBarrier::stop()
{
    if (m_checkpointTimer)
        m_checkpointTimer->stop();
    m_pool.waitForDone();
    ++m_openSerial;
    m_barrierRunning = false;
    m_barrierWanted = false;
}
