#pragma once

#include "PayloadParser.h"
#include "StompClient.h"
#include "Todo.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <deque>
#include <memory>

class Clock;
class ClockTimer;
class TodoStore;

struct TodoIngestorOptions
{
    qint64 coalesceMs = 5; // a burst arriving within this window is committed in one transaction
    int maxBatchMessages = 256; // messages per transaction; more wait for the next turn of the event loop
    int maxBatchTodos = 1000; // todos per transaction (one body may hold many)
    // The time one transaction (parsing included) should take: the batch size adapts to what a message has cost
    // so far, so that a burst is cut into slices of about this length (and at most maxBatchMessages). The event
    // loop decides what is ready before it dispatches, so an input event may wait for two slices.
    qint64 batchBudgetMs = 4;
    qint64 retryDelayMs = 1000; // after a failed commit, before the next attempt (doubles up to the maximum)
    qint64 maxRetryDelayMs = 30000;
};

// From a pushed MESSAGE to a committed todo, acknowledged only after the commit:
//
//   StompClient::messageReceived -> queue -> (coalescing window) -> PayloadParser -> TodoStore::commit
//     -> committed: todoArrived() for the todos that are genuinely new; then, once the store reports the
//        commit durable (TodoStore::requestDurable(), off the event loop; at once with durableBeforeAck off),
//        ACK every message of the batch (client / client-individual), in arrival order
//     -> failed:    NACK them (the broker redelivers; the store de-duplicates) and retry later
//
// Bursts are cut into transactions of at most maxBatchMessages messages (maxBatchTodos todos), sized to take
// about batchBudgetMs each, one per turn of the event loop, so thousands of pushes per second do not stall it.
// Parsing happens at commit time, not on arrival, for the same reason. Messages with auto ack cannot be
// redelivered: after a failed commit they stay queued and are retried. Bodies that are not todos (keep-alives,
// malformed ones) are acknowledged in order with the rest: redelivering a poison message forever helps nobody.
// If the store has to replace a damaged file, the messages committed to it but not yet acknowledged are NACKed.
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

    // Takes every MESSAGE of `client` and acknowledges through it. One client at a time.
    void attach(StompClient *client);
    StompClient *client() const { return m_client; }

    int queuedCount() const { return int(m_queue.size()); }

public Q_SLOTS:
    void ingest(const StompMessage &message);
    // A body that did not come over STOMP (the catch-up list): same parsing, same store, nothing to ACK.
    // `origin` names it in logs; its text and id-less todos are keyed by their content.
    void ingestBody(const QByteArray &body, const QString &origin);
    // Commits everything queued now, in as many transactions as needed, makes it durable and acknowledges it
    // (e.g. before quitting). Blocks.
    void flush();

Q_SIGNALS:
    void todoArrived(const Todo &todo); // a new todo, committed; never twice for one key
    void todosUpdated(const QList<Todo> &todos); // known todos that came again (redelivery, re-push)
    void batchCommitted(int messages, int inserted, int updated);
    void messageIgnored(const QString &messageId, const QString &reason); // malformed or not understood
    void keepAliveReceived();
    void commitFailed(const QString &error, int messages); // those messages were NACKed (or kept for retry)
    void queuedCountChanged(int queuedCount);

private:
    struct Pending
    {
        StompMessage message;
        QByteArray body;
        QByteArray messageId; // keys text bodies and id-less todos; empty: keyed by content
        QString origin; // names it in logs: the message-id, or what ingestBody() was told
        bool fromClient = false;
    };

    void onFlushTimer();
    void onDurable(quint64 generation);
    void onStoreReopened();
    void ackMessage(const StompMessage &message);
    void processNext();
    bool processBatch(); // false when a commit failed (the rest waits for the retry)
    void scheduleContinuation();

    TodoStore *m_store = nullptr;
    QPointer<StompClient> m_client;
    QMetaObject::Connection m_clientConnection;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_flushTimer;
    TodoIngestorOptions m_options;
    PayloadParser m_parser;
    std::deque<Pending> m_queue;
    std::deque<std::pair<quint64, StompMessage>> m_awaitingDurable; // committed, ACKed once durable (in order)
    qint64 m_currentRetryDelayMs = 0; // >0 while waiting to retry after a failure
    double m_messageCostUs = 100; // moving average of what one message costs (parse + commit)
    bool m_continuationQueued = false;
};
