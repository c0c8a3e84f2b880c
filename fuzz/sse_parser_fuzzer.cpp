// libFuzzer target for SseParser (Server-Sent Events, the HTML standard's event-stream interpretation).
//
// Input: byte 0 picks the parser limits (small ones, so that every limit is reached), byte 1 seeds the chunking, the
// rest is the byte stream. The stream is parsed whole, in chunks and (when short) byte by byte, and these invariants
// must hold, or the fuzzer traps:
//  - the outcome (events, dropped events, last event id, reconnection time, comment and discard counts) does not
//    depend on chunking;
//  - every event is well formed: a non-empty type, valid UTF-8 everywhere, no CR or LF in the type and ids, no CR in
//    the data, no NUL in the ids, its own id equal to the last event id when it carried one, and within the limits;
//  - what the parser buffers stays within the limits (a partial line and the event, or an oversized event's type);
//  - the events, written back as an event stream, parse to the same events.

#include "sse/SseParser.h"

#include <QUtf8StringView>

#include <cstddef>
#include <cstdint>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

struct Outcome
{
    QList<SseEvent> events;
    QList<SseDroppedEvent> dropped;
    QByteArray lastEventId;
    qint64 retry = -1;
    qint64 comments = 0;
    qint64 discarded = 0;

    bool operator==(const Outcome &o) const
    {
        return events == o.events && dropped == o.dropped && lastEventId == o.lastEventId && retry == o.retry
            && comments == o.comments && discarded == o.discarded;
    }
};

SseParserLimits limitsFor(uint8_t config)
{
    static const qsizetype lineSizes[] = {0, 8, 40, 4 * 1024 * 1024};
    static const qsizetype eventSizes[] = {1, 16, 100, 4 * 1024 * 1024};
    SseParserLimits limits;
    limits.maxLineSize = lineSizes[config & 3];
    limits.maxEventSize = eventSizes[(config >> 2) & 3];
    return limits;
}

// Chunk sizes from a small LCG seeded by the input: the same input always splits the same way.
class Chunker
{
public:
    Chunker(uint8_t seed, QByteArrayView stream)
        : m_state(0x9e3779b9u ^ seed)
    {
        for (const char c : stream)
            m_state = (m_state ^ uchar(c)) * 16777619u; // FNV-1a
        m_maxChunk = 1 + (seed & 0x3f);
    }

    qsizetype next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return 1 + qsizetype((m_state >> 8) % m_maxChunk);
    }

private:
    uint32_t m_state;
    uint32_t m_maxChunk;
};

void take(SseParser &parser, Outcome *outcome)
{
    while (parser.hasEvent())
        outcome->events.append(parser.takeEvent());
    outcome->dropped += parser.takeDropped();
}

template<typename NextChunk>
Outcome parse(const SseParserLimits &limits, QByteArrayView stream, NextChunk nextChunk)
{
    SseParser parser(limits);
    Outcome outcome;
    // A partial line, plus the event being read (within the event limit) — or, for an event already dropped as
    // oversized, its type, kept for the drop report: one line's value, decoded (an invalid byte becomes U+FFFD, three
    // bytes), so at most three times the line limit.
    const qsizetype line = qMax<qsizetype>(limits.maxLineSize, 2);
    const qsizetype bound = line + qMax(limits.maxEventSize, 3 * line);
    for (qsizetype pos = 0; pos < stream.size();) {
        const qsizetype size = std::min(nextChunk(), stream.size() - pos);
        parser.feed(stream.sliced(pos, size));
        pos += size;
        require(parser.bufferedBytes() <= bound);
        take(parser, &outcome);
    }
    parser.finishStream();
    require(parser.bufferedBytes() == 0);
    take(parser, &outcome);
    outcome.lastEventId = parser.lastEventId();
    outcome.retry = parser.reconnectionTimeMs();
    outcome.comments = parser.commentCount();
    outcome.discarded = parser.discardedAtEndCount();
    require(parser.eventCount() == outcome.events.size());
    require(parser.droppedCount() == outcome.dropped.size());
    return outcome;
}

bool isUtf8(const QByteArray &bytes)
{
    return QUtf8StringView(bytes).isValidUtf8();
}

void checkEvent(const SseEvent &event, const SseParserLimits &limits)
{
    require(!event.type.isEmpty());
    for (const QByteArray *field : {&event.type, &event.data, &event.id, &event.lastEventId})
        require(isUtf8(*field) && !field->contains('\r'));
    for (const QByteArray *field : {&event.type, &event.id, &event.lastEventId})
        require(!field->contains('\n'));
    require(!event.id.contains('\0') && !event.lastEventId.contains('\0'));
    if (event.hasId)
        require(event.id == event.lastEventId);
    else
        require(event.id.isEmpty());
    // The data with the LF after each line, and the type unless it was the default (an explicit "message" counts
    // too, but cannot be told from the default here).
    const qsizetype typeSize = event.type == "message" ? 0 : event.type.size();
    require(event.data.size() + 1 + typeSize <= limits.maxEventSize);
}

// The events as a server would write them; id-only blocks carry the last event id where an event did not.
QByteArray write(const QList<SseEvent> &events)
{
    QByteArray out;
    QByteArray lastId;
    for (const SseEvent &event : events) {
        if (!event.hasId && event.lastEventId != lastId)
            out += "id: " + event.lastEventId + "\n\n";
        if (event.hasId)
            out += "id: " + event.id + "\n";
        lastId = event.lastEventId;
        out += "event: " + event.type + "\n";
        for (const QByteArray &line : event.data.split('\n'))
            out += "data: " + line + "\n";
        out += "\n";
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const SseParserLimits limits = limitsFor(data[0]);
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));

    const Outcome whole = parse(limits, stream, [&] { return stream.size(); });
    Chunker chunker(data[1], stream);
    require(parse(limits, stream, [&] { return chunker.next(); }) == whole);
    if (stream.size() <= 4096)
        require(parse(limits, stream, [] { return qsizetype(1); }) == whole);

    require(whole.retry >= -1);
    for (const SseEvent &event : whole.events)
        checkEvent(event, limits);
    for (const SseDroppedEvent &dropped : whole.dropped)
        require(dropped.eventNumber > 0 && !dropped.reason.isEmpty() && !dropped.type.isEmpty());

    const Outcome again = parse({}, write(whole.events), [] { return qsizetype(1 << 30); });
    require(again.events == whole.events);
    require(again.dropped.isEmpty());
    return 0;
}
