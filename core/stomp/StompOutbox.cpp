#include "stomp/StompOutbox.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <algorithm>

StompOutbox::StompOutbox(QObject *parent)
    : QObject(parent)
{
    setClock(nullptr);
}

StompOutbox::~StompOutbox() = default;

void StompOutbox::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_timer = m_clock->createTimer();
    connect(m_timer.get(), &ClockTimer::timeout, this, &StompOutbox::onTimer);
}

void StompOutbox::queue(Send send)
{
    m_queue.push_back(std::move(send));
    while (qsizetype(m_queue.size()) > m_limit) {
        const QByteArray dropped = m_queue.front().frame.header("destination");
        m_queue.pop_front();
        qCWarning(lcStomp) << "offline outbox is full; dropped the oldest message to" << dropped;
        Q_EMIT overflow(dropped);
    }
}

void StompOutbox::queueFront(Send send)
{
    m_queue.push_front(std::move(send));
}

std::deque<StompOutbox::Send> StompOutbox::takeQueued()
{
    std::deque<Send> taken;
    taken.swap(m_queue);
    return taken;
}

void StompOutbox::restore(std::deque<Send> rest)
{
    for (Send &send : rest)
        m_queue.push_back(std::move(send));
}

void StompOutbox::expect(const QByteArray &receiptId, ReceiptKind kind, qint64 timeoutMs, const StompFrame &frame)
{
    m_receipts.append({receiptId, m_clock->monotonicMs() + timeoutMs, kind, frame});
    armTimer();
}

std::optional<StompOutbox::ReceiptKind> StompOutbox::receive(const QByteArray &receiptId)
{
    const auto it = std::find_if(m_receipts.begin(), m_receipts.end(),
                                 [&receiptId](const Pending &receipt) { return receipt.id == receiptId; });
    if (it == m_receipts.end())
        return std::nullopt;
    const ReceiptKind kind = it->kind;
    m_receipts.erase(it);
    armTimer();
    return kind;
}

void StompOutbox::requeueUnconfirmedSends()
{
    // A SEND whose receipt never came may not have reached the broker: send it again on the next connection
    // (at-least-once), ahead of what was queued later.
    for (auto it = m_receipts.rbegin(); it != m_receipts.rend(); ++it) {
        if (it->kind == ReceiptKind::Send)
            m_queue.push_front(Send {it->frame, it->id});
    }
    m_receipts.erase(std::remove_if(m_receipts.begin(), m_receipts.end(),
                                    [](const Pending &receipt) { return receipt.kind == ReceiptKind::Send; }),
                     m_receipts.end());
    armTimer();
}

void StompOutbox::clearReceipts()
{
    m_receipts.clear();
    m_timer->stop();
}

void StompOutbox::onTimer()
{
    const qint64 now = m_clock->monotonicMs();
    QList<QPair<QByteArray, ReceiptKind>> expired;
    for (auto it = m_receipts.begin(); it != m_receipts.end();) {
        if (it->deadlineMs <= now) {
            expired.append({it->id, it->kind});
            it = m_receipts.erase(it);
        } else {
            ++it;
        }
    }
    armTimer();
    if (!expired.isEmpty())
        Q_EMIT receiptsExpired(expired);
}

void StompOutbox::armTimer()
{
    if (m_receipts.isEmpty()) {
        m_timer->stop();
        return;
    }
    qint64 earliest = m_receipts.first().deadlineMs;
    for (const Pending &receipt : std::as_const(m_receipts))
        earliest = qMin(earliest, receipt.deadlineMs);
    m_timer->start(qMax<qint64>(0, earliest - m_clock->monotonicMs()));
}
