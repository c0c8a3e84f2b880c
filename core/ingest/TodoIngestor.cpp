#include "ingest/TodoIngestor.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "store/TodoStore.h"

#include <QElapsedTimer>

TodoIngestor::TodoIngestor(TodoStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    setClock(nullptr);
    m_continuation.setSingleShot(true);
    m_continuation.setInterval(0);
    connect(&m_continuation, &QTimer::timeout, this, &TodoIngestor::processNext);
    connect(store, &TodoStore::durable, this, &TodoIngestor::onDurable);
    connect(store, &TodoStore::reopened, this, &TodoIngestor::onStoreReopened);
}

TodoIngestor::~TodoIngestor() = default;

void TodoIngestor::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_flushTimer = m_clock->createTimer();
    connect(m_flushTimer.get(), &ClockTimer::timeout, this, &TodoIngestor::onFlushTimer);
}

void TodoIngestor::setOptions(const TodoIngestorOptions &options)
{
    m_options = options;
    m_options.maxBatchMessages = qMax(1, m_options.maxBatchMessages);
    m_options.maxBatchTodos = qMax(1, m_options.maxBatchTodos);
    m_options.coalesceMs = qMax<qint64>(0, m_options.coalesceMs);
}

void TodoIngestor::settle(const InboundMessage &message, PushSource::Settlement settlement)
{
    if (m_source)
        m_source->settle(message, settlement);
}

void TodoIngestor::onDurable(quint64 generation)
{
    while (!m_awaitingDurable.empty() && m_awaitingDurable.front().first <= generation) {
        settle(m_awaitingDurable.front().second, PushSource::Settlement::Accept);
        m_awaitingDurable.pop_front();
    }
}

void TodoIngestor::onStoreReopened()
{
    // Committed to a file that is gone: the server must deliver them again.
    for (const auto &awaiting : std::as_const(m_awaitingDurable))
        settle(awaiting.second, PushSource::Settlement::Reject);
    m_awaitingDurable.clear();
}

void TodoIngestor::attach(PushSource *source)
{
    if (m_sourceConnection)
        disconnect(m_sourceConnection);
    m_source = source;
    if (source)
        m_sourceConnection = connect(source, &PushSource::messageReceived, this, &TodoIngestor::ingest);
}

void TodoIngestor::ingest(const InboundMessage &message)
{
    Pending pending;
    pending.message = message;
    pending.origin = QString::fromUtf8(message.messageId);
    m_queue.push_back(std::move(pending));
    Q_EMIT queuedCountChanged(queuedCount());
    if (m_currentRetryDelayMs > 0)
        return; // the retry timer runs
    if (int(m_queue.size()) >= m_options.maxBatchMessages)
        scheduleContinuation(); // a full batch waits for no window
    else if (!m_flushTimer->isActive())
        m_flushTimer->start(m_options.coalesceMs);
}

void TodoIngestor::ingestBody(const QByteArray &body, const QString &origin, bool isPendingList)
{
    Pending pending;
    pending.message.body = body;
    pending.origin = origin;
    pending.isPendingList = isPendingList;
    m_queue.push_back(std::move(pending));
    Q_EMIT queuedCountChanged(queuedCount());
    if (m_currentRetryDelayMs == 0 && !m_flushTimer->isActive())
        m_flushTimer->start(m_options.coalesceMs);
}

void TodoIngestor::flush()
{
    m_flushTimer->stop();
    m_currentRetryDelayMs = 0;
    m_store->finishBackgroundCommits(); // the batch on the writer thread, if any
    while (!m_queue.empty() && m_currentRetryDelayMs == 0) {
        processBatch();
        m_store->finishBackgroundCommits();
    }
    m_continuation.stop();
    if (!m_awaitingDurable.empty() && m_store->makeDurableNow())
        onDurable(m_store->durableGeneration());
}

void TodoIngestor::onFlushTimer()
{
    processNext();
}

void TodoIngestor::scheduleContinuation()
{
    // Yield to the event loop between transactions: sockets, timers and the UI get their turn.
    if (!m_continuation.isActive())
        m_continuation.start();
}

void TodoIngestor::processNext()
{
    m_flushTimer->stop();
    if (m_queue.empty() || m_inFlight > 0)
        return;
    processBatch();
}

void TodoIngestor::processBatch()
{
    // Take messages until a limit is reached; they are parsed with the commit, not on arrival (see the class).
    const int limit = qBound(1, int(double(m_options.batchBudgetMs) * 1000.0 / qMax(1.0, m_messageCostUs)),
                             m_options.maxBatchMessages);
    auto batch = std::make_shared<std::deque<Pending>>();
    const qsizetype taken = qMin<qsizetype>(limit, qsizetype(m_queue.size()));
    for (qsizetype i = 0; i < taken; ++i) {
        batch->push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    m_inFlight = int(taken);
    auto parsed = std::make_shared<Parsed>();
    // Runs on the store's writer thread (or here): it touches nothing but its copies.
    auto prepare = [batch, parsed, parser = m_parser, lastCount = m_store->serverPendingCount(),
                    maxTodos = m_options.maxBatchTodos]() mutable {
        QList<TodoStore::Message> messages;
        int todos = 0;
        qsizetype used = 0;
        for (const Pending &pending : std::as_const(*batch)) {
            TodoStore::Message message;
            message.messageId = pending.origin;
            message.destination = QString::fromUtf8(pending.message.channel);
            message.batch = parser.parse(pending.message.body, pending.message.messageId);
            const TodoBatch &body = message.batch;
            message.completeList = pending.isPendingList && body.completeList;
            if (body.isPayload() && !body.isRemovalOnly()) {
                if (!pending.isPendingList && body.todos.isEmpty() && body.removedIds.isEmpty() && body.pendingCount > 0
                    && lastCount > body.pendingCount)
                    parsed->unnamedDrops.append({lastCount, body.pendingCount});
                lastCount = body.pendingCount;
            }
            if (body.kind == TodoBatch::Kind::KeepAlive)
                ++parsed->keepAlives;
            else if (body.kind == TodoBatch::Kind::Invalid || body.kind == TodoBatch::Kind::Ignored)
                parsed->ignored.append({pending.origin, body.error});
            todos += int(body.todos.size());
            messages.append(std::move(message));
            ++used;
            if (todos >= maxTodos)
                break;
        }
        // Bodies of many todos: what did not fit goes back to the queue (onCommitted()).
        while (qsizetype(batch->size()) > used) {
            parsed->returned.push_front(std::move(batch->back()));
            batch->pop_back();
        }
        return messages;
    };
    QElapsedTimer elapsed;
    elapsed.start();
    m_committingHere = true; // onCommitted() from inside this call: the store committed at once, here
    m_store->commitInBackground(this, std::move(prepare),
                                [this, batch, parsed, elapsed](const TodoStore::CommitResult &result) {
                                    onCommitted(*batch, *parsed, result, elapsed.nsecsElapsed());
                                });
    m_committingHere = false;
}

void TodoIngestor::onCommitted(std::deque<Pending> &batch, Parsed &parsed, const TodoStore::CommitResult &result,
                               qint64 elapsedNs)
{
    m_inFlight = 0;
    m_queue.insert(m_queue.begin(), std::make_move_iterator(parsed.returned.begin()),
                   std::make_move_iterator(parsed.returned.end()));
    const qsizetype taken = qsizetype(batch.size());
    for (const auto &[origin, why] : std::as_const(parsed.ignored))
        Q_EMIT messageIgnored(origin, why);

    if (!result.ok) {
        // Messages that need settling go back to the server, which redelivers them (the store de-duplicates whatever
        // was committed after all); the others (auto ack, no acknowledgement, catch-up bodies) cannot be
        // redelivered: keep them.
        std::deque<Pending> keep;
        int nacked = 0;
        for (Pending &pending : batch) {
            if (pending.message.needsSettle) {
                if (m_source && m_source->settle(pending.message, PushSource::Settlement::Reject))
                    ++nacked;
            } else {
                keep.push_back(std::move(pending));
            }
        }
        m_queue.insert(m_queue.begin(), std::make_move_iterator(keep.begin()), std::make_move_iterator(keep.end()));
        m_currentRetryDelayMs = m_currentRetryDelayMs == 0 ? m_options.retryDelayMs
                                                           : qMin(m_currentRetryDelayMs * 2, m_options.maxRetryDelayMs);
        qCWarning(lcIngest).noquote() << "commit of" << taken << "messages failed (" << result.error << "):" << nacked
                                      << "NACKed," << keep.size() << "kept; retrying in" << m_currentRetryDelayMs
                                      << "ms";
        Q_EMIT queuedCountChanged(queuedCount());
        Q_EMIT commitFailed(result.error, int(taken));
        m_flushTimer->start(m_currentRetryDelayMs);
        return;
    }

    m_currentRetryDelayMs = 0;
    m_messageCostUs = 0.7 * m_messageCostUs + 0.3 * (double(elapsedNs) / 1000.0 / double(qMax<qsizetype>(1, taken)));
    // Committed: now, and only now (once durable, if the store wants that), the server may forget them.
    std::deque<InboundMessage> toAccept;
    for (Pending &pending : batch) {
        if (pending.message.needsSettle) {
            pending.message.body.clear(); // parsed and stored: only the settlement handle is still needed
            pending.message.attributes.clear();
            toAccept.push_back(std::move(pending.message));
        }
    }
    if (!toAccept.empty()) {
        if (m_store->options().durableBeforeAck) {
            const quint64 generation = m_store->requestDurable();
            for (InboundMessage &message : toAccept)
                m_awaitingDurable.push_back({generation, std::move(message)});
        } else {
            for (const InboundMessage &message : toAccept)
                settle(message, PushSource::Settlement::Accept);
        }
    }
    Q_EMIT queuedCountChanged(queuedCount());
    for (int i = 0; i < parsed.keepAlives; ++i)
        Q_EMIT keepAliveReceived();
    if (!result.updated.isEmpty()) {
        qCDebug(lcIngest) << result.updated.size() << "known todos came again";
        Q_EMIT todosUpdated(result.updated);
    }
    for (const Todo &todo : result.inserted)
        Q_EMIT todoArrived(todo);
    Q_EMIT batchCommitted(int(taken), int(result.inserted.size()), int(result.updated.size()));
    for (const auto &[before, after] : std::as_const(parsed.unnamedDrops)) {
        qCInfo(lcIngest) << "the pending count dropped from" << before << "to" << after
                         << "without naming todos: handled elsewhere";
        Q_EMIT doneElsewhereUnnamed(before, after);
    }
    if (m_queue.empty())
        return;
    // Committed here (no writer thread): yield to the event loop before the next slice. Committed on the writer
    // thread, this thread has only settled the batch, and the next goes at once: a pass of the event loop per batch
    // made the tail of a 10,000-todo burst (from the last arrival to the list) about 15 to 55 ms instead of 14 to 22.
    if (m_committingHere)
        scheduleContinuation();
    else
        processNext();
}
