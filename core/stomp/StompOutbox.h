#pragma once

#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

#include <deque>
#include <memory>
#include <optional>

class Clock;
class ClockTimer;

// What a StompClient has sent or will send and is not done with yet:
//  - the SENDs queued while offline, in order, bounded (the oldest is dropped, and reported, past the limit), sent on
//    the next CONNECTED;
//  - the frames waiting for their RECEIPT, each with a deadline: a plain receipt (sendWithReceipt()), a SEND's (which
//    goes back to the queue, ahead of later ones, if its connection ends before the receipt: at-least-once), and the
//    DISCONNECT's.
// The client writes; this only keeps the books and the receipt timer (on the Clock seam).
class StompOutbox final : public QObject
{
    Q_OBJECT

public:
    enum class ReceiptKind { Plain, Send, Disconnect };
    struct Send
    {
        StompFrame frame;
        QByteArray receiptId; // empty: no receipt asked for
    };

    explicit StompOutbox(QObject *parent = nullptr);
    ~StompOutbox() override;
    Q_DISABLE_COPY_MOVE(StompOutbox)

    void setClock(Clock *clock); // nullptr means Clock::system()
    void setLimit(int limit) { m_limit = qMax(1, limit); }

    // The offline queue.
    void queue(Send send); // at the back; drops the oldest past the limit (overflow())
    void queueFront(Send send); // a write that failed goes first again
    std::deque<Send> takeQueued(); // everything, to be written now
    void restore(std::deque<Send> rest); // what could not be written after all, in order, at the back
    qsizetype queuedCount() const { return qsizetype(m_queue.size()); }

    // Receipts.
    void expect(const QByteArray &receiptId, ReceiptKind kind, qint64 timeoutMs, const StompFrame &frame = {});
    // The RECEIPT for `receiptId` came: what it was for, or nothing if nobody waits on it.
    std::optional<ReceiptKind> receive(const QByteArray &receiptId);
    // The connection ended: SENDs still waiting for a receipt go back to the front of the queue.
    void requeueUnconfirmedSends();
    void clearReceipts();

Q_SIGNALS:
    void overflow(const QByteArray &destination);
    // Receipts whose deadline passed, oldest first; they are no longer waited on.
    void receiptsExpired(const QList<QPair<QByteArray, StompOutbox::ReceiptKind>> &expired);

private:
    struct Pending
    {
        QByteArray id;
        qint64 deadlineMs = 0;
        ReceiptKind kind = ReceiptKind::Plain;
        StompFrame frame; // a SEND to deliver again if its receipt never comes
    };

    void onTimer();
    void armTimer();

    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_timer;
    std::deque<Send> m_queue;
    QList<Pending> m_receipts;
    int m_limit = 1000;
};
