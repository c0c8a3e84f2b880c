#include "sse/SseParser.h"

#include <QUtf8StringView>

#include <limits>
#include <utility>

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr qsizetype kBomSize = 3;

// The standard decodes the stream as UTF-8 with replacement: a value with a bad sequence gets U+FFFD for it. Every
// line end is ASCII, so decoding value by value gives what decoding the whole stream would.
QByteArray decoded(QByteArrayView value)
{
    if (QUtf8StringView(value).isValidUtf8())
        return value.toByteArray();
    return QString::fromUtf8(value).toUtf8();
}

// `retry:` with only ASCII digits, read in base ten; a number too large for qint64 saturates. -1: not a number.
qint64 retryValue(QByteArrayView value)
{
    if (value.isEmpty())
        return -1;
    qint64 number = 0;
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    for (const char c : value) {
        if (c < '0' || c > '9')
            return -1;
        const int digit = c - '0';
        number = number > (kMax - digit) / 10 ? kMax : number * 10 + digit;
    }
    return number;
}

} // namespace

SseParser::SseParser(SseParserLimits limits)
    : m_limits(limits)
{ }

void SseParser::feed(QByteArrayView data)
{
    // One leading byte order mark is not part of the stream; it may arrive a byte at a time. Until it is decided the
    // candidate bytes wait in m_line, where they stay as content if they turn out not to be one.
    while (!m_bomChecked && !data.isEmpty()) {
        if (data.front() != kBom[m_line.size()]) {
            m_bomChecked = true;
            break;
        }
        m_line.append(data.front());
        data = data.sliced(1);
        if (m_line.size() == kBomSize) {
            m_line.clear();
            m_bomChecked = true;
        }
    }

    qsizetype pos = 0;
    const qsizetype size = data.size();
    while (pos < size) {
        if (m_skipLf) {
            // The CR that ended the last line may have been the last byte of the previous chunk.
            m_skipLf = false;
            if (data.at(pos) == '\n') {
                ++pos;
                continue;
            }
        }
        qsizetype end = pos;
        while (end < size && data.at(end) != '\n' && data.at(end) != '\r')
            ++end;
        if (end == size) {
            appendToLine(data.sliced(pos));
            return;
        }
        const QByteArrayView piece = data.sliced(pos, end - pos);
        m_skipLf = data.at(end) == '\r';
        pos = end + 1;
        if (m_discardingLine) {
            appendToLine(piece); // only counts the rest of the line
            m_discardingLine = false;
            continue;
        }
        if (m_line.isEmpty() && piece.size() <= m_limits.maxLineSize) {
            processLine(piece); // the whole line is in this chunk: no copy
            continue;
        }
        if (!appendToLine(piece)) {
            m_discardingLine = false; // the line ended here
            continue;
        }
        const QByteArray line = std::exchange(m_line, {});
        processLine(line);
    }
}

bool SseParser::appendToLine(QByteArrayView bytes)
{
    if (m_discardingLine) {
        // The dropped event's size counts the oversized line whole, however the stream was chunked.
        if (m_discardCountsToEvent)
            m_oversizedSize += bytes.size();
        return false;
    }
    if (m_line.size() + bytes.size() <= m_limits.maxLineSize) {
        m_line.append(bytes);
        return true;
    }
    // Too long to hold. A comment is skipped as it is; any other line could be data, an id or the type, so the event
    // it belongs to cannot be trusted and is dropped.
    const char first = m_line.isEmpty() ? (bytes.isEmpty() ? '\0' : bytes.front()) : m_line.front();
    bool discardCounts = false;
    if (first == ':') {
        ++m_commentCount;
    } else {
        discardCounts = markOversized(QStringLiteral("a line of more than %1 bytes").arg(m_limits.maxLineSize),
                                      m_line.size() + bytes.size());
    }
    m_line.clear();
    m_discardingLine = true;
    m_discardCountsToEvent = discardCounts;
    return false;
}

void SseParser::processLine(QByteArrayView line)
{
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        ++m_commentCount;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        processField(line, {});
        return;
    }
    QByteArrayView value = line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    processField(line.first(colon), value);
}

void SseParser::processField(QByteArrayView name, QByteArrayView value)
{
    if (name == "data") {
        if (m_oversized)
            return;
        const QByteArray text = decoded(value);
        const qsizetype eventSize = m_data.size() + text.size() + 1 + m_type.size();
        if (eventSize > m_limits.maxEventSize) {
            markOversized(QStringLiteral("an event of more than %1 bytes").arg(m_limits.maxEventSize), eventSize);
            return;
        }
        m_data.append(text);
        m_data.append('\n');
    } else if (name == "event") {
        if (m_oversized)
            return;
        m_type = decoded(value);
        const qsizetype eventSize = m_data.size() + m_type.size();
        if (eventSize > m_limits.maxEventSize)
            markOversized(QStringLiteral("an event of more than %1 bytes").arg(m_limits.maxEventSize), eventSize);
    } else if (name == "id") {
        if (value.contains('\0'))
            return; // the standard ignores such an id: it could not be sent back as a header
        m_idBuffer = decoded(value);
        m_eventId = m_idBuffer;
        m_eventHasId = true;
    } else if (name == "retry") {
        const qint64 ms = retryValue(value);
        if (ms >= 0)
            m_reconnectionTimeMs = ms;
    }
    // Any other field is ignored, as the standard says.
}

bool SseParser::markOversized(const QString &reason, qsizetype size)
{
    if (m_oversized)
        return false;
    m_oversized = true;
    m_oversizedReason = reason;
    m_oversizedSize = size;
    m_data.clear(); // frees it: nothing of this event will be handed out
    return true;
}

void SseParser::dispatch()
{
    // The last event id is committed by every empty line, even one that dispatches nothing.
    m_lastEventId = m_idBuffer;
    if (m_oversized) {
        SseDroppedEvent dropped;
        dropped.eventNumber = m_eventCount + m_droppedCount + 1;
        dropped.type = m_type.isEmpty() ? QByteArrayLiteral("message") : m_type;
        dropped.size = m_oversizedSize;
        dropped.reason = m_oversizedReason;
        m_dropped.append(std::move(dropped));
        ++m_droppedCount;
        resetEvent();
        return;
    }
    if (m_data.isEmpty()) {
        resetEvent();
        return;
    }
    m_data.chop(1); // the LF after the last data line
    SseEvent event;
    if (!m_type.isEmpty())
        event.type = m_type;
    event.data = std::move(m_data);
    event.id = m_eventId;
    event.hasId = m_eventHasId;
    event.lastEventId = m_lastEventId;
    m_events.push_back(std::move(event));
    ++m_eventCount;
    resetEvent();
}

void SseParser::resetEvent()
{
    m_data.clear();
    m_type.clear();
    m_eventId.clear();
    m_eventHasId = false;
    m_oversized = false;
    m_oversizedReason.clear();
    m_oversizedSize = 0;
}

void SseParser::finishStream()
{
    const bool partialLine = !m_line.isEmpty() || m_discardingLine;
    if (!m_data.isEmpty() || m_oversized || partialLine)
        ++m_discardedAtEnd;
    resetStream(); // events already dispatched stay to be taken
}

void SseParser::reset()
{
    resetStream();
    m_events.clear();
    m_dropped.clear();
}

void SseParser::resetStream()
{
    m_line.clear();
    m_bomChecked = false;
    m_skipLf = false;
    m_discardingLine = false;
    m_discardCountsToEvent = false;
    resetEvent();
    // A new stream starts from the committed id, as browsers do: an event without an id keeps it.
    m_idBuffer = m_lastEventId;
}

void SseParser::setLastEventId(const QByteArray &id)
{
    m_lastEventId = id;
    m_idBuffer = id;
}

SseEvent SseParser::takeEvent()
{
    SseEvent event = std::move(m_events.front());
    m_events.pop_front();
    return event;
}

QList<SseDroppedEvent> SseParser::takeDropped()
{
    return std::exchange(m_dropped, {});
}
