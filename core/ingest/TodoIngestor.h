#pragma once

#include "source/PushSource.h"
#include "store/TodoStore.h"
#include "todo/PayloadParser.h"
#include "todo/Todo.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <memory>

class Clock;
class ClockTimer;

struct TodoIngestorOptions
{
    qint64 coalesceMs = 5; // a burst arriving within this window is committed in one transaction
    int maxBatchMessages = 256; // messages per transaction; more wait for the next turn of the event loop
    int maxBatchTodos = 1000; // todos per transaction (one body may hold many)
    // The time one transaction (parsing included) should take: the batch size adapts to what a message has cost
    // so far, so that a burst is cut into slices of about this length (and at most maxBatchMessages). Between two
    // slices every other timer, socket and input event that is ready gets its turn (see scheduleContinuation()).
    qint64 batchBudgetMs = 2;
    qint64 retryDelayMs = 1000; // after a failed commit, before the next attempt (doubles up to the maximum)
    qint64 maxRetryDelayMs = 30000;
};

// From a pushed message to a committed todo, settled (acknowledged) only after the commit:
//
//   PushSource::messageReceived -> queue -> (coalescing window) -> PayloadParser -> TodoStore::commitInBackground
//     -> committed: todoArrived() for the todos that are genuinely new; then, once the store reports the
//        commit durable (TodoStore::requestDurable(), off the event loop; at once with durableBeforeAck off),
//        settle every message of the batch that needs it as accepted (an ACK), in arrival order
//        (in the same commit the store marks done what the server says was handled elsewhere: see
//        TodoStore::commit())
//     -> failed:    reject them (a NACK: the server redelivers; the store de-duplicates) and retry later
//
// Bursts are cut into transactions of at most maxBatchMessages messages (maxBatchTodos todos), sized to take
// about batchBudgetMs each, one at a time, through TodoStore::commitInBackground(): on the store's writer thread when
// it has one (then the next batch goes as soon as the one before is settled), else here, one per turn of the event
// loop, so thousands of pushes per second do not stall it. Parsing happens at commit time, not on arrival, for the
// same reason. Messages that need no settling (STOMP auto
// ack, protocols without acknowledgement) cannot be redelivered: after a failed commit they stay queued and are
// retried. Bodies that are not todos (keep-alives, malformed ones) are accepted in order with the rest: redelivering a
// poison message forever helps nobody. If the store has to replace a damaged file, the messages committed to it but
// not yet settled are rejected. The ingestor never knows which protocol delivered a message.
//
// The coalescing window and the retry delay run on the Clock, so tests drive them with MockClock.
class TodoIngestor final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int queuedCount READ queuedCount NOTIFY queuedCountChanged)

public:
    explicit TodoIngestor(TodoStore *store, QObject *parent = nullptr);
    ~TodoIngestor() override;
    Q_DISABLE_COPY_MOVE(TodoIngestor)

    void setClock(Clock *clock); // before the first message; nullptr means Clock::system()
    void setOptions(const TodoIngestorOptions &options);
    const TodoIngestorOptions &options() const { return m_options; }
    void setParser(const PayloadParser &parser) { m_parser = parser; }
    const PayloadParser &parser() const { return m_parser; }

    // Takes every message of `source` and settles through it. One source at a time.
    void attach(PushSource *source);
    PushSource *source() const { return m_source; }

    // Received, not committed yet (those of the commit under way included).
    int queuedCount() const { return int(m_queue.size()) + m_inFlight; }

public Q_SLOTS:
    void ingest(const InboundMessage &message);
    // A body that did not come from a push source (the catch-up list): same parsing, same store, nothing to settle.
    // `origin` names it in logs; its text and id-less todos are keyed by their content. `isPendingList`: the body
    // answers the catch-up GET, so when it is provably the whole pending list (TodoBatch::completeList) every stored
    // todo not in it is marked done (handled elsewhere). A push never is.
    void ingestBody(const QByteArray &body, const QString &origin, bool isPendingList = false);
    // Commits everything queued now, in as many transactions as needed, makes it durable and acknowledges it
    // (e.g. before quitting). Blocks.
    void flush();

Q_SIGNALS:
    void todoArrived(const Todo &todo); // a new todo, committed; never twice for one key
    void todosUpdated(const QList<Todo> &todos); // known todos that came again (redelivery, re-push)
    void batchCommitted(int messages, int inserted, int updated);
    void messageIgnored(const QString &messageId, const QString &reason); // malformed or not understood
    void keepAliveReceived();
    // A push with an empty list brought a lower pending count than the last one: todos were handled elsewhere, but
    // the push does not say which. Fetching the pending list again tells (TodoPipeline connects it to CatchUp).
    void doneElsewhereUnnamed(int previousCount, int pendingCount);
    void commitFailed(const QString &error, int messages); // those messages were rejected (or kept for retry)
    void queuedCountChanged(int queuedCount);

private:
    struct Pending
    {
        InboundMessage message; // its body is parsed; its messageId keys text bodies and id-less todos
        QString origin; // names it in logs: the message-id, or what ingestBody() was told
        bool isPendingList = false; // the catch-up answer (see ingestBody())
    };

    void onFlushTimer();
    void onDurable(quint64 generation);
    void onStoreReopened();
    void settle(const InboundMessage &message, PushSource::Settlement settlement);
    // What parsing a batch found besides its todos: filled on the writer thread with the commit, read after it.
    struct Parsed
    {
        int keepAlives = 0;
        QList<std::pair<QString, QString>> ignored; // (origin, why) of bodies that are not todos
        QList<std::pair<int, int>> unnamedDrops; // (before, after) of pushes whose count dropped with an empty list
        std::deque<Pending> returned; // taken, but beyond maxBatchTodos: back to the queue
    };

    void processNext();
    // Takes a batch off the queue and commits it (TodoStore::commitInBackground()); onCommitted() goes on from there.
    void processBatch();
    void onCommitted(std::deque<Pending> &batch, Parsed &parsed, const TodoStore::CommitResult &result,
                     qint64 elapsedNs);
    // The next slice runs from a zero-interval timer, not a posted event: posted events that keep coming ran two
    // slices back to back in one pass of the event loop (a 2 ms timer's gaps during a 10,000-todo burst: p99 11-12
    // ms; with the timer 7-9 ms), while a timer gets one turn per pass, after what else is ready.
    void scheduleContinuation();

    TodoStore *m_store = nullptr;
    QPointer<PushSource> m_source;
    QMetaObject::Connection m_sourceConnection;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_flushTimer;
    TodoIngestorOptions m_options;
    PayloadParser m_parser;
    std::deque<Pending> m_queue;
    std::deque<std::pair<quint64, InboundMessage>> m_awaitingDurable; // committed, accepted once durable (in order)
    qint64 m_currentRetryDelayMs = 0; // >0 while waiting to retry after a failure
    double m_messageCostUs = 100; // moving average of what one message costs (parse + commit)
    int m_inFlight = 0; // messages of the commit under way
    bool m_committingHere = false; // processBatch() is in TodoStore::commitInBackground()
    QTimer m_continuation; // scheduleContinuation()
};
