#include "stomp/StompFrameParser.h"

#include "base/Logging.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <limits>
#include <utility>

// How the parser works
//
// Positions are offsets into m_buffer. When nothing is pending (the usual case: a WebSocket message holds whole
// frames) feed() parses straight from the caller's bytes through a QByteArray::fromRawData() view and copies only an
// incomplete tail; otherwise it appends to the pending bytes. After every feed() the consumed prefix is dropped (in
// Qt 6 that only moves the start pointer), so m_pos is 0 between calls and m_frameStart may be negative: the frame
// began in bytes already dropped. Header lines are turned into headers as soon as they are complete, so only the
// current line, or the body, is ever kept.
//
// Every rule is checked at a byte position: a frame is rejected at the first byte that breaks a rule, and when two
// rules break at the same byte the one listed first in check order wins (frame size, then the specific limit, then
// malformed input). The outcome (frames, heart-beats, error and its detail) is therefore the same however the stream
// is split into feed() calls, and the parser never holds more than maxFrameSize + 1 bytes of an incomplete frame.
//
// The frame size is counted from the first byte of the command to the last byte of the body: every EOL of the
// command and header lines and of the blank line is included, the terminating NUL is not.
// A content-length is checked as soon as its header line ends, against the smallest frame it implies (one more byte
// for the blank line), and again against the real size once the blank line is read; its body is never buffered first.
// Searches for LF and NUL use memchr and resume where the previous search stopped (m_scanPos), so a frame arriving in
// many small chunks is scanned once.

namespace {

constexpr qsizetype kNotFound = -1;
constexpr qsizetype kNoPosition = std::numeric_limits<qsizetype>::max();

qsizetype saturatingAdd(qsizetype a, qsizetype b)
{
    if (b > 0 && a > kNoPosition - b)
        return kNoPosition;
    return a + b;
}

// The position of the first `byte` in buf[from, to), or kNotFound.
qsizetype findByte(const char *buf, qsizetype from, qsizetype to, char byte)
{
    if (to <= from)
        return kNotFound;
    const void *hit = std::memchr(buf + from, byte, size_t(to - from));
    return hit ? static_cast<const char *>(hit) - buf : kNotFound;
}

bool isCommandByte(char c)
{
    return c >= 'A' && c <= 'Z';
}

QString byteName(char c)
{
    return QStringLiteral("0x%1").arg(uint(uchar(c)), 2, 16, QLatin1Char('0'));
}

// The earliest rule broken in a scanned range. Ties go to the rule noted first.
struct Violation
{
    qsizetype pos = kNoPosition;
    StompParseRule rule = StompParseRule::InvalidCommand;

    explicit operator bool() const { return pos != kNoPosition; }
    void note(qsizetype at, StompParseRule brokenRule)
    {
        if (at < pos) {
            pos = at;
            rule = brokenRule;
        }
    }
};

struct LineScan
{
    qsizetype lf = kNotFound; // the LF that ends the line
    qsizetype resume = 0; // where the next search starts: nothing before it is LF or NUL
    Violation violation; // the first byte of the line (up to and including `lf`) that breaks a rule
};

QString frameTooLargeDetail(qsizetype limit)
{
    return QStringLiteral("frame is larger than the limit of %1 bytes").arg(limit);
}

// Scans the header line that starts at `lineStart` for its LF, resuming the search at `from`. `frameLimitPos` is the
// first position past maxFrameSize; `slotLeft` is false once maxHeaderCount headers were read (only the blank line
// may follow). Never looks past a limit, so neither buffering nor scanning is unbounded.
LineScan scanHeaderLine(const char *buf, qsizetype end, qsizetype lineStart, qsizetype from, qsizetype frameLimitPos,
                        qsizetype maxLineLength, bool slotLeft)
{
    // A line may hold maxLineLength bytes, then the CR of a CRLF, then must end.
    const qsizetype lineLimitPos = saturatingAdd(lineStart, maxLineLength);
    const qsizetype stop = std::min({end, saturatingAdd(lineLimitPos, 2), saturatingAdd(frameLimitPos, 1)});

    LineScan scan;
    scan.lf = findByte(buf, from, stop, '\n');
    const qsizetype lineEnd = scan.lf == kNotFound ? stop : scan.lf; // bytes before it are not LF
    const qsizetype last = scan.lf == kNotFound ? stop - 1 : scan.lf; // the last byte looked at
    scan.resume = std::max(from, lineEnd);

    Violation &v = scan.violation;
    if (frameLimitPos <= last)
        v.note(frameLimitPos, StompParseRule::FrameTooLarge);
    if (lineLimitPos <= last) {
        const char c = buf[lineLimitPos];
        if (c != '\r' && c != '\n')
            v.note(lineLimitPos, StompParseRule::HeaderTooLong);
        else if (c == '\r' && lineLimitPos + 1 <= last && buf[lineLimitPos + 1] != '\n')
            v.note(lineLimitPos + 1, StompParseRule::HeaderTooLong);
    }
    if (!slotLeft && lineStart <= last) {
        const char c = buf[lineStart];
        if (c != '\r' && c != '\n')
            v.note(lineStart, StompParseRule::TooManyHeaders);
        else if (c == '\r' && lineStart + 1 <= last && buf[lineStart + 1] != '\n')
            v.note(lineStart + 1, StompParseRule::TooManyHeaders);
    }
    const qsizetype nul = findByte(buf, from, lineEnd, '\0');
    if (nul != kNotFound)
        v.note(nul, StompParseRule::MalformedHeader);
    return scan;
}

// Well-known commands and header names as static data: a frame that uses them shares these bytes instead of
// allocating its own (copying a QByteArrayLiteral neither allocates nor touches a reference count).
const QByteArray *knownName(QByteArrayView text, const QByteArray *table, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        const QByteArray &name = table[i];
        if (name.size() == text.size() && name.front() == text.front()
            && std::memcmp(name.constData(), text.data(), size_t(text.size())) == 0)
            return &name;
    }
    return nullptr;
}

QByteArray commandFrom(QByteArrayView text)
{
    static const QByteArray commands[] = {
        QByteArrayLiteral("MESSAGE"),   QByteArrayLiteral("RECEIPT"),   QByteArrayLiteral("ERROR"),
        QByteArrayLiteral("CONNECTED"), QByteArrayLiteral("CONNECT"),   QByteArrayLiteral("STOMP"),
        QByteArrayLiteral("SEND"),      QByteArrayLiteral("SUBSCRIBE"), QByteArrayLiteral("UNSUBSCRIBE"),
        QByteArrayLiteral("ACK"),       QByteArrayLiteral("NACK"),      QByteArrayLiteral("BEGIN"),
        QByteArrayLiteral("COMMIT"),    QByteArrayLiteral("ABORT"),     QByteArrayLiteral("DISCONNECT"),
    };
    const QByteArray *known = knownName(text, commands, std::size(commands));
    return known ? *known : text.toByteArray();
}

// Only names without a backslash, which therefore read the same in every version.
const QByteArray *knownHeaderName(QByteArrayView text)
{
    static const QByteArray names[] = {
        QByteArrayLiteral("destination"),  QByteArrayLiteral("subscription"),   QByteArrayLiteral("message-id"),
        QByteArrayLiteral("content-type"), QByteArrayLiteral("content-length"), QByteArrayLiteral("ack"),
        QByteArrayLiteral("id"),           QByteArrayLiteral("receipt"),        QByteArrayLiteral("receipt-id"),
        QByteArrayLiteral("redelivered"),  QByteArrayLiteral("persistent"),     QByteArrayLiteral("priority"),
        QByteArrayLiteral("expires"),      QByteArrayLiteral("timestamp"),      QByteArrayLiteral("message"),
        QByteArrayLiteral("version"),      QByteArrayLiteral("heart-beat"),     QByteArrayLiteral("server"),
        QByteArrayLiteral("session"),      QByteArrayLiteral("host"),           QByteArrayLiteral("user-name"),
    };
    return knownName(text, names, std::size(names));
}

enum class ContentLengthError { None, Empty, Negative, NotDecimal, Overflow };

ContentLengthError parseContentLength(QByteArrayView text, qsizetype *length)
{
    if (text.isEmpty())
        return ContentLengthError::Empty;
    if (text.front() == '-')
        return ContentLengthError::Negative;
    qsizetype value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return ContentLengthError::NotDecimal;
        const int digit = c - '0';
        if (value > (kNoPosition - digit) / 10)
            return ContentLengthError::Overflow;
        value = value * 10 + digit;
    }
    *length = value;
    return ContentLengthError::None;
}

enum class Step { Continue, NeedMore, Failed };

} // namespace

QString stompParseRuleName(StompParseRule rule)
{
    switch (rule) {
    case StompParseRule::InvalidCommand:
        return QStringLiteral("InvalidCommand");
    case StompParseRule::MalformedHeader:
        return QStringLiteral("MalformedHeader");
    case StompParseRule::InvalidEscape:
        return QStringLiteral("InvalidEscape");
    case StompParseRule::InvalidContentLength:
        return QStringLiteral("InvalidContentLength");
    case StompParseRule::MissingNulTerminator:
        return QStringLiteral("MissingNulTerminator");
    case StompParseRule::FrameTooLarge:
        return QStringLiteral("FrameTooLarge");
    case StompParseRule::TooManyHeaders:
        return QStringLiteral("TooManyHeaders");
    case StompParseRule::HeaderTooLong:
        return QStringLiteral("HeaderTooLong");
    case StompParseRule::CommandTooLong:
        return QStringLiteral("CommandTooLong");
    }
    return QStringLiteral("Unknown");
}

QString StompParseError::toString() const
{
    QString text = QStringLiteral("frame #%1").arg(frameNumber);
    if (!command.isEmpty())
        text += QStringLiteral(" (%1)").arg(QString::fromLatin1(command));
    text += QStringLiteral(": ") + detail + QStringLiteral(" [") + stompParseRuleName(rule) + QLatin1Char(']');
    return text;
}

StompFrameParser::StompFrameParser(StompParserLimits limits)
    : m_limits(limits)
{ }

bool StompFrameParser::feed(QByteArrayView data)
{
    if (m_error)
        return false;
    if (data.isEmpty())
        return true;

    const bool borrowed = m_buffer.isEmpty();
    if (borrowed)
        m_buffer = QByteArray::fromRawData(data.data(), data.size());
    else
        m_buffer.append(data.data(), data.size());

    const char *const buf = m_buffer.constData();
    const qsizetype end = m_buffer.size();
    const qsizetype maxFrameSize = std::max<qsizetype>(0, m_limits.maxFrameSize);
    const auto frameLimitPos = [&] {
        return saturatingAdd(m_frameStart, maxFrameSize);
    };

    // Heart-beat EOLs until the first byte of a frame.
    const auto readFrameStart = [&]() -> Step {
        while (m_pos < end) {
            const char c = buf[m_pos];
            if (c == '\n') {
                ++m_heartbeats;
                ++m_pos;
                continue;
            }
            if (c == '\r') {
                if (m_pos + 1 == end)
                    return Step::NeedMore; // CR LF heart-beat or a stray CR: the next byte tells
                if (buf[m_pos + 1] == '\n') {
                    ++m_heartbeats;
                    m_pos += 2;
                    continue;
                }
            }
            m_frameStart = m_pos;
            m_scanPos = m_pos;
            m_state = State::Command;
            return Step::Continue;
        }
        return Step::NeedMore;
    };

    // The command line: [A-Z]+ then LF or CRLF. Short, so checked byte by byte.
    const auto readCommand = [&]() -> Step {
        const qsizetype limitPos = frameLimitPos();
        const qsizetype maxCommandLength = std::max<qsizetype>(0, m_limits.maxCommandLength);
        for (qsizetype p = m_scanPos; p < end; ++p) {
            if (p >= limitPos) {
                fail(StompParseRule::FrameTooLarge, frameTooLargeDetail(maxFrameSize));
                return Step::Failed;
            }
            const char c = buf[p];
            const bool afterCr = p > m_frameStart && buf[p - 1] == '\r';
            if (c == '\n') {
                const qsizetype length = p - m_frameStart - (afterCr ? 1 : 0);
                m_current.command = commandFrom(QByteArrayView(buf + m_frameStart, length));
                m_current.headers.reserve(std::min(8, m_limits.maxHeaderCount)); // one allocation for most frames
                m_pos = p + 1;
                m_scanPos = m_pos;
                m_state = State::Headers;
                return Step::Continue;
            }
            if (afterCr) {
                fail(StompParseRule::InvalidCommand,
                     QStringLiteral("CR followed by byte %1 in the command line").arg(byteName(c)));
                return Step::Failed;
            }
            if (c == '\r')
                continue;
            if (!isCommandByte(c)) {
                fail(StompParseRule::InvalidCommand,
                     p == m_frameStart ? QStringLiteral("byte %1 where a frame should start").arg(byteName(c))
                                       : QStringLiteral("byte %1 in the command line, expected A-Z").arg(byteName(c)));
                return Step::Failed;
            }
            if (p - m_frameStart >= maxCommandLength) {
                fail(StompParseRule::CommandTooLong,
                     QStringLiteral("command is longer than the limit of %1 bytes").arg(maxCommandLength));
                return Step::Failed;
            }
        }
        m_scanPos = end;
        return Step::NeedMore;
    };

    // One header line, or the blank line that ends the headers.
    const auto readHeaderLine = [&]() -> Step {
        const qsizetype maxHeaderLength = std::max<qsizetype>(0, m_limits.maxHeaderLength);
        const bool slotLeft = m_current.headers.size() < m_limits.maxHeaderCount;
        const LineScan scan =
            scanHeaderLine(buf, end, m_pos, std::max(m_scanPos, m_pos), frameLimitPos(), maxHeaderLength, slotLeft);
        if (scan.violation) {
            switch (scan.violation.rule) {
            case StompParseRule::FrameTooLarge:
                fail(StompParseRule::FrameTooLarge, frameTooLargeDetail(maxFrameSize));
                break;
            case StompParseRule::HeaderTooLong:
                fail(StompParseRule::HeaderTooLong,
                     QStringLiteral("header line is longer than the limit of %1 bytes").arg(maxHeaderLength));
                break;
            case StompParseRule::TooManyHeaders:
                fail(StompParseRule::TooManyHeaders,
                     QStringLiteral("more header lines than the limit of %1").arg(m_limits.maxHeaderCount));
                break;
            default:
                fail(StompParseRule::MalformedHeader,
                     QStringLiteral("NUL in the headers (is the blank line before the body missing?)"));
                break;
            }
            return Step::Failed;
        }
        if (scan.lf == kNotFound) {
            m_scanPos = scan.resume;
            return Step::NeedMore;
        }

        const qsizetype lineStart = m_pos;
        qsizetype lineLength = scan.lf - lineStart;
        if (lineLength > 0 && buf[scan.lf - 1] == '\r')
            --lineLength;
        m_pos = scan.lf + 1;
        m_scanPos = m_pos;
        if (lineLength > 0)
            return parseHeaderLine(QByteArrayView(buf + lineStart, lineLength)) ? Step::Continue : Step::Failed;

        // Blank line: the body follows.
        if (m_contentLength >= 0) {
            const qsizetype size = saturatingAdd(m_pos - m_frameStart, m_contentLength);
            if (size > maxFrameSize) {
                fail(StompParseRule::FrameTooLarge,
                     QStringLiteral("content-length %1 makes the frame %2 bytes, the limit is %3")
                         .arg(m_contentLength)
                         .arg(size)
                         .arg(maxFrameSize));
                return Step::Failed;
            }
        }
        m_state = State::Body;
        return Step::Continue;
    };

    const auto readBody = [&]() -> Step {
        if (m_contentLength >= 0) {
            const qsizetype bodyEnd = saturatingAdd(m_pos, m_contentLength);
            if (bodyEnd >= end)
                return Step::NeedMore;
            if (buf[bodyEnd] != '\0') {
                fail(StompParseRule::MissingNulTerminator,
                     QStringLiteral("byte %1 instead of NUL after the %2 body bytes of content-length")
                         .arg(byteName(buf[bodyEnd]))
                         .arg(m_contentLength));
                return Step::Failed;
            }
            finishFrame(bodyEnd);
            return Step::Continue;
        }
        const qsizetype limitPos = frameLimitPos(); // a NUL may sit there, any other byte is one too many
        const qsizetype stop = std::min(end, saturatingAdd(limitPos, 1));
        const qsizetype nul = findByte(buf, std::max(m_scanPos, m_pos), stop, '\0');
        if (nul != kNotFound) {
            finishFrame(nul);
            return Step::Continue;
        }
        if (limitPos < end) {
            fail(StompParseRule::FrameTooLarge, frameTooLargeDetail(maxFrameSize));
            return Step::Failed;
        }
        m_scanPos = stop;
        return Step::NeedMore;
    };

    Step step = Step::Continue;
    while (step == Step::Continue) {
        switch (m_state) {
        case State::FrameStart:
            step = readFrameStart();
            break;
        case State::Command:
            step = readCommand();
            break;
        case State::Headers:
            step = readHeaderLine();
            break;
        case State::Body:
            step = readBody();
            break;
        }
    }
    if (step == Step::Failed)
        return false;

    if (borrowed) {
        // Keep the incomplete tail in memory we own; make room for a content-length body at once.
        const qsizetype tail = end - m_pos;
        QByteArray owned;
        if (tail > 0) {
            const qsizetype bodyNeed = m_state == State::Body && m_contentLength >= 0 ? m_contentLength + 1 : 0;
            owned.reserve(std::max(tail, bodyNeed));
            owned.append(buf + m_pos, tail);
        }
        m_buffer = std::move(owned);
        m_frameStart -= m_pos;
        m_scanPos -= m_pos;
        m_pos = 0;
    } else {
        compact();
    }
    return true;
}

bool StompFrameParser::fail(StompParseRule rule, const QString &detail)
{
    StompParseError error;
    error.frameNumber = m_frameNumber + 1;
    error.command = m_current.command;
    error.rule = rule;
    error.detail = detail;
    qCDebug(lcParser, "STOMP parse error: %s", qUtf8Printable(error.toString()));
    m_error = std::move(error);

    m_buffer.clear();
    m_pos = 0;
    m_frameStart = 0;
    m_scanPos = 0;
    m_contentLength = -1;
    m_current = StompFrame();
    m_state = State::FrameStart;
    return false;
}

bool StompFrameParser::parseHeaderLine(QByteArrayView line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return fail(StompParseRule::MalformedHeader,
                    QStringLiteral("header line of %1 bytes has no ':'").arg(line.size()));

    StompFrame::Header header;
    if (const QByteArray *known = knownHeaderName(line.first(colon)))
        header.first = *known;
    else if (!unescape(line.first(colon), &header.first))
        return false;
    if (!unescape(line.sliced(colon + 1), &header.second))
        return false;

    if (m_contentLength < 0 && header.first == "content-length") {
        qsizetype length = 0;
        switch (parseContentLength(header.second, &length)) {
        case ContentLengthError::None:
            break;
        case ContentLengthError::Empty:
            return fail(StompParseRule::InvalidContentLength, QStringLiteral("content-length is empty"));
        case ContentLengthError::Negative:
            return fail(StompParseRule::InvalidContentLength, QStringLiteral("content-length is negative"));
        case ContentLengthError::NotDecimal:
            return fail(StompParseRule::InvalidContentLength,
                        QStringLiteral("content-length is not a decimal number of bytes"));
        case ContentLengthError::Overflow:
            return fail(StompParseRule::InvalidContentLength, QStringLiteral("content-length is too large a number"));
        }
        // The blank line is at least one more byte: fail now rather than after buffering the body.
        const qsizetype maxFrameSize = std::max<qsizetype>(0, m_limits.maxFrameSize);
        const qsizetype smallest = saturatingAdd(m_pos - m_frameStart + 1, length);
        if (smallest > maxFrameSize)
            return fail(StompParseRule::FrameTooLarge,
                        QStringLiteral("content-length %1 makes the frame at least %2 bytes, the limit is %3")
                            .arg(length)
                            .arg(smallest)
                            .arg(maxFrameSize));
        m_contentLength = length;
    }
    m_current.headers.append(std::move(header));
    return true;
}

bool StompFrameParser::unescape(QByteArrayView in, QByteArray *out)
{
    const QByteArray &command = m_current.command;
    const bool escaped = m_version != StompVersion::V1_0
        && !(command.startsWith('C') && (command == "CONNECT" || command == "CONNECTED"));
    const qsizetype firstBackslash = escaped ? in.indexOf('\\') : -1;
    if (firstBackslash < 0) {
        *out = in.toByteArray();
        return true;
    }

    out->resize(in.size());
    char *dst = out->data();
    std::memcpy(dst, in.data(), size_t(firstBackslash));
    dst += firstBackslash;
    for (qsizetype i = firstBackslash; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '\\') {
            *dst++ = c;
            continue;
        }
        if (++i == in.size())
            return fail(StompParseRule::InvalidEscape, QStringLiteral("header ends in an unfinished escape"));
        switch (in[i]) {
        case 'n':
            *dst++ = '\n';
            break;
        case 'c':
            *dst++ = ':';
            break;
        case '\\':
            *dst++ = '\\';
            break;
        case 'r':
            if (m_version == StompVersion::V1_2) {
                *dst++ = '\r';
                break;
            }
            [[fallthrough]];
        default:
            return fail(StompParseRule::InvalidEscape,
                        QStringLiteral("escape '\\' followed by byte %1 is not defined in STOMP %2")
                            .arg(byteName(in[i]), QString::fromLatin1(stompVersionName(m_version))));
        }
    }
    out->truncate(dst - out->constData());
    return true;
}

void StompFrameParser::finishFrame(qsizetype bodyEnd)
{
    m_current.body = QByteArray(m_buffer.constData() + m_pos, bodyEnd - m_pos);
    m_frames.push_back(std::move(m_current));
    m_current = StompFrame();
    ++m_frameNumber;
    m_contentLength = -1;
    m_pos = bodyEnd + 1;
    m_scanPos = m_pos;
    m_state = State::FrameStart;
}

void StompFrameParser::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos == m_buffer.size())
        m_buffer.clear(); // also gives back the memory of a large frame
    else
        m_buffer.remove(0, m_pos); // Qt 6: dropping a prefix moves the start pointer, it copies nothing
    m_frameStart -= m_pos;
    m_scanPos -= m_pos;
    m_pos = 0;
}

StompFrame StompFrameParser::takeFrame()
{
    Q_ASSERT(!m_frames.empty());
    StompFrame frame = std::move(m_frames.front());
    m_frames.pop_front();
    return frame;
}

void StompFrameParser::reset()
{
    m_state = State::FrameStart;
    m_buffer.clear();
    m_pos = 0;
    m_frameStart = 0;
    m_scanPos = 0;
    m_contentLength = -1;
    m_current = StompFrame();
    m_frames.clear();
    m_error.reset();
    m_frameNumber = 0;
    m_heartbeats = 0;
}
