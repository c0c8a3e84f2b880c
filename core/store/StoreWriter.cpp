#include "store/StoreWriter.h"

#include "store/TodoDatabase.h"
#include "store/TodoTable.h"

StoreWriter::StoreWriter()
    : m_context(std::make_unique<QObject>())
{
    m_thread.setObjectName(QStringLiteral("todo-store-writer"));
}

StoreWriter::~StoreWriter()
{
    if (!m_thread.isRunning())
        return;
    // Queued behind whatever was posted: that runs first.
    QMetaObject::invokeMethod(
        m_context.get(),
        [this] {
            if (m_table)
                m_table->release();
            m_table.reset();
            m_database.reset(); // closes the connection on the thread that made it
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool StoreWriter::open(const QString &path, QString *why)
{
    m_context->moveToThread(&m_thread);
    m_thread.start();
    bool opened = false;
    QMetaObject::invokeMethod(
        m_context.get(),
        [&] {
            m_database = std::make_unique<TodoDatabase>();
            m_table = std::make_unique<TodoTable>(m_database.get());
            opened = m_database->openSecond(
                path, [this](QString *whyNot) { return m_table->prepareCommitPath(whyNot); }, why);
            if (!opened) {
                m_table.reset();
                m_database.reset();
            }
        },
        Qt::BlockingQueuedConnection);
    return opened;
}

void StoreWriter::post(Work work)
{
    QMetaObject::invokeMethod(
        m_context.get(), [this, work = std::move(work)] { work(*m_database, *m_table); }, Qt::QueuedConnection);
}
