#pragma once

#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <optional>

// Bounds on what the parser accepts from a peer. A frame over a limit is a parse error, so a hostile or
// broken server can neither exhaust memory nor stall the client.
struct StompParserLimits
{
    qsizetype maxFrameSize = 16 * 1024 * 1024; // from the command's first byte to the body's last, EOLs included
    int maxHeaderCount = 256; // header lines per frame
    qsizetype maxHeaderLength = 64 * 1024; // bytes in one header line (escaped, without EOL)
    qsizetype maxCommandLength = 64; // bytes in the command line
};

// Which rule a malformed or oversized frame broke.
enum class StompParseRule {
    InvalidCommand, // empty, too long or not [A-Z]+ (a stray byte where a frame should start)
    MalformedHeader, // a header line without ':'
    InvalidEscape, // an escape sequence the negotiated version does not define
    InvalidContentLength, // not a non-negative decimal integer
    MissingNulTerminator, // no NUL right after content-length bytes
    FrameTooLarge, // maxFrameSize
    TooManyHeaders, // maxHeaderCount
    HeaderTooLong, // maxHeaderLength
    CommandTooLong, // maxCommandLength
};

struct StompParseError
{
    qint64 frameNumber = 0; // 1-based number of the frame in the stream that failed
    QByteArray command; // the failing frame's command, when it was read
    StompParseRule rule = StompParseRule::InvalidCommand;
    QString detail; // human-readable, English, e.g. "header line is 70000 bytes, the limit is 65536"

    // "frame #3 (MESSAGE): header line is 70000 bytes, the limit is 65536 [HeaderTooLong]"
    QString toString() const;
};

QString stompParseRuleName(StompParseRule rule);

// Incremental byte-level STOMP 1.0/1.1/1.2 parser. Feed it bytes in any chunking (several frames in one
// chunk, one frame over many chunks); complete frames queue up until taken.
//  - EOLs (LF or CRLF) between frames are heart-beats and are counted, including the extra LF some
//    brokers append after each frame's NUL.
//  - Header lines end with LF or CRLF (a trailing CR is stripped in every version).
//  - Header escaping follows the version set with setVersion(): 1.2 decodes \r \n \c \\, 1.1 decodes
//    \n \c \\, 1.0 decodes nothing; CONNECT and CONNECTED frames are never unescaped. An undefined
//    escape is an error.
//  - Repeated headers are all kept in order (StompFrame::header() returns the first).
//  - With content-length the body is exactly that many bytes (NULs allowed) followed by a NUL;
//    without it, the body runs to the first NUL.
// After an error the parser stops consuming (feed() returns false) until reset(); it never throws.
class StompFrameParser final
{
public:
    explicit StompFrameParser(StompParserLimits limits = {});

    void setVersion(StompVersion version) { m_version = version; }
    StompVersion version() const { return m_version; }
    const StompParserLimits &limits() const { return m_limits; }
    void setLimits(const StompParserLimits &limits) { m_limits = limits; }

    // Consumes `data`. Returns false if the stream is (or already was) in error.
    bool feed(QByteArrayView data);

    bool hasFrame() const { return !m_frames.empty(); }
    qsizetype pendingFrameCount() const { return qsizetype(m_frames.size()); }
    StompFrame takeFrame(); // precondition: hasFrame()

    bool hasError() const { return m_error.has_value(); }
    const std::optional<StompParseError> &error() const { return m_error; }

    // Heart-beat EOLs seen since construction or reset().
    qint64 heartbeatCount() const { return m_heartbeats; }
    // Frames completed since construction or reset().
    qint64 frameCount() const { return m_frameNumber; }
    // Bytes buffered for an incomplete frame.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }

    // Forgets buffered bytes, queued frames, counters and any error; keeps version and limits.
    void reset();

private:
    enum class State { FrameStart, Command, Headers, Body };

    bool fail(StompParseRule rule, const QString &detail);
    bool parseHeaderLine(QByteArrayView line);
    bool unescape(QByteArrayView in, QByteArray *out);
    void finishFrame(qsizetype bodyEnd);
    void compact();

    StompParserLimits m_limits;
    StompVersion m_version = StompVersion::V1_2;
    State m_state = State::FrameStart;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // first unconsumed byte of m_buffer
    qsizetype m_frameStart = 0; // where the current frame began in m_buffer
    qsizetype m_scanPos = 0; // how far the current search for LF/NUL already looked
    qsizetype m_contentLength = -1;
    StompFrame m_current;
    std::deque<StompFrame> m_frames;
    std::optional<StompParseError> m_error;
    qint64 m_frameNumber = 0;
    qint64 m_heartbeats = 0;
};
