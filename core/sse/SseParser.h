#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <deque>

// One event of a text/event-stream, as the HTML standard's EventSource dispatches it.
struct SseEvent
{
    QByteArray type = QByteArrayLiteral("message"); // the `event:` field, "message" when the event named none
    QByteArray data; // the `data:` lines joined with LF (no trailing LF)
    // The `id:` this event itself carried (empty when it carried none, or an empty one). Unlike lastEventId it never
    // comes from an earlier event, so it may identify this event's payload (InboundMessage::messageId).
    QByteArray id;
    bool hasId = false; // the event carried an `id:` line that counted (no NUL)
    // The stream's last event id when the event was dispatched (MessageEvent.lastEventId): persists across events.
    QByteArray lastEventId;

    friend bool operator==(const SseEvent &a, const SseEvent &b)
    {
        return a.type == b.type && a.data == b.data && a.id == b.id && a.hasId == b.hasId
            && a.lastEventId == b.lastEventId;
    }
    friend bool operator!=(const SseEvent &a, const SseEvent &b) { return !(a == b); }
};

// An event the parser dropped because it broke a limit; the stream goes on after it.
struct SseDroppedEvent
{
    qint64 eventNumber = 0; // 1-based, counting dispatched and dropped events alike
    QByteArray type; // as far as it was read
    qsizetype size = 0; // bytes of the event's fields seen, at least (the oversized line counted whole)
    QString reason; // for people and logs, English: "a line of 5000000 bytes, the limit is 4194304"

    friend bool operator==(const SseDroppedEvent &a, const SseDroppedEvent &b)
    {
        return a.eventNumber == b.eventNumber && a.type == b.type && a.size == b.size && a.reason == b.reason;
    }
};

// Bounds on what the parser holds for a server: a line or an event past them is dropped, never buffered.
struct SseParserLimits
{
    qsizetype maxLineSize = 4 * 1024 * 1024; // bytes of one line without its line end (PayloadParser's body limit)
    qsizetype maxEventSize = 4 * 1024 * 1024; // bytes of an event's data (with the LFs joining its lines) and type
};

// The event-stream interpretation of the HTML standard ("Server-sent events", 9.2.6), incremental and pure: bytes in
// any chunking, events out.
//  - Lines end in CRLF, LF or CR; a CR at the end of one chunk and an LF at the start of the next are one line end.
//  - One leading UTF-8 byte order mark is ignored. Field values that are not valid UTF-8 have their bad sequences
//    replaced by U+FFFD, as the standard's UTF-8 decode does, so every value handed out is valid UTF-8.
//  - `field:value` (one space after the colon stripped), `field` alone (an empty value), `:comment` (a keep-alive,
//    counted). data lines are joined with LF; event sets the type; id sets the last event id unless it contains NUL;
//    retry with only ASCII digits sets the reconnection time; other fields are ignored.
//  - An empty line dispatches the event: the last event id is committed first (even for an event without data);
//    an event without data is not dispatched, only its buffers reset.
//  - The last event id persists across events and, through reset(), across connections: a new stream starts from
//    it, as browsers do, so an event without an id does not clear it (only an empty `id:` does).
//  - A line longer than maxLineSize or an event larger than maxEventSize is dropped (reported through
//    takeDropped()), and parsing goes on at the next event; an oversized comment is skipped silently.
//  - What is buffered when the stream ends is discarded (finishStream()): an event is only dispatched by its empty
//    line.
class SseParser final
{
public:
    explicit SseParser(SseParserLimits limits = {});

    const SseParserLimits &limits() const { return m_limits; }

    void feed(QByteArrayView data);
    // The stream ended: an incomplete event and a partial line are discarded (and counted).
    void finishStream();
    // A new stream (a reconnect): buffers, the byte order mark state, the line end state and events not taken are
    // forgotten; the last event id, the reconnection time and the counters stay.
    void reset();
    // The last event id a new stream starts from (the one a reconnect sent as Last-Event-ID); call after reset().
    void setLastEventId(const QByteArray &id);

    bool hasEvent() const { return !m_events.empty(); }
    qsizetype pendingEventCount() const { return qsizetype(m_events.size()); }
    SseEvent takeEvent(); // precondition: hasEvent()
    bool hasDropped() const { return !m_dropped.isEmpty(); }
    QList<SseDroppedEvent> takeDropped();

    // The committed last event id (what a reconnect sends as Last-Event-ID); empty when none.
    const QByteArray &lastEventId() const { return m_lastEventId; }
    // The reconnection time the server asked for with `retry:`, or -1 when it did not.
    qint64 reconnectionTimeMs() const { return m_reconnectionTimeMs; }

    qint64 eventCount() const { return m_eventCount; } // dispatched
    qint64 droppedCount() const { return m_droppedCount; } // dropped for a limit
    qint64 commentCount() const { return m_commentCount; }
    qint64 discardedAtEndCount() const { return m_discardedAtEnd; } // incomplete events at finishStream()
    // Bytes held for a partial line and the event being read.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size() + m_type.size(); }

private:
    void processLine(QByteArrayView line);
    void processField(QByteArrayView name, QByteArrayView value);
    void dispatch();
    bool markOversized(const QString &reason, qsizetype size); // false: the event was oversized already
    void resetEvent();
    void resetStream();
    bool appendToLine(QByteArrayView bytes);

    SseParserLimits m_limits;
    QByteArray m_line; // a line not yet ended
    bool m_bomChecked = false; // past the first bytes of the stream
    bool m_skipLf = false; // the last line ended in CR: an LF right after belongs to it
    bool m_discardingLine = false; // the current line broke maxLineSize: skipping to its end
    bool m_discardCountsToEvent = false; // ... and made its event oversized: its bytes count to the dropped size
    // The event being read.
    QByteArray m_data;
    QByteArray m_type;
    QByteArray m_idBuffer; // the last event id buffer: committed at dispatch
    QByteArray m_eventId; // the id this event carried
    bool m_eventHasId = false;
    bool m_oversized = false;
    QString m_oversizedReason;
    qsizetype m_oversizedSize = 0;
    // The stream.
    QByteArray m_lastEventId;
    qint64 m_reconnectionTimeMs = -1;
    std::deque<SseEvent> m_events;
    QList<SseDroppedEvent> m_dropped;
    qint64 m_eventCount = 0;
    qint64 m_droppedCount = 0;
    qint64 m_commentCount = 0;
    qint64 m_discardedAtEnd = 0;
};
