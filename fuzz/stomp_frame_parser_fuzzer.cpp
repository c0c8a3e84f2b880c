// libFuzzer target for StompFrameParser, and through the round trip for StompFrameWriter.
//
// Input: byte 0 picks the parser limits (small ones, so that every limit is reached), byte 1 seeds the chunking, the
// rest is the byte stream. For each STOMP version the stream is parsed whole, in chunks and (when short) byte by byte,
// and these invariants must hold, or the fuzzer traps:
//  - the outcome (frames, heart-beats, frame count, error with its detail, buffered bytes) does not depend on chunking;
//  - frames respect the limits and the grammar, and the first content-length equals the body size;
//  - an incomplete frame never holds more than maxFrameSize + 1 bytes; after an error nothing stays buffered;
//  - every frame written by StompFrameWriter parses back equal, for both content-length modes.

#include "stomp/StompFrameParser.h"
#include "stomp/StompFrameWriter.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

struct Outcome
{
    QList<StompFrame> frames;
    qint64 heartbeats = 0;
    qint64 frameCount = 0;
    std::optional<StompParseError> error;
    qsizetype buffered = 0;

    bool operator==(const Outcome &other) const
    {
        const bool sameError = error.has_value() == other.error.has_value()
            && (!error
                || (error->frameNumber == other.error->frameNumber && error->command == other.error->command
                    && error->rule == other.error->rule && error->detail == other.error->detail));
        return frames == other.frames && heartbeats == other.heartbeats && frameCount == other.frameCount && sameError
            && buffered == other.buffered;
    }
};

StompParserLimits limitsFor(uint8_t config)
{
    static const qsizetype frameSizes[] = {40, 200, 1000, 16 * 1024 * 1024};
    static const int headerCounts[] = {0, 2, 5, 256};
    static const qsizetype headerLengths[] = {6, 24, 100, 64 * 1024};
    static const qsizetype commandLengths[] = {3, 7, 11, 64};
    StompParserLimits limits;
    limits.maxFrameSize = frameSizes[config & 3];
    limits.maxHeaderCount = headerCounts[(config >> 2) & 3];
    limits.maxHeaderLength = headerLengths[(config >> 4) & 3];
    limits.maxCommandLength = commandLengths[(config >> 6) & 3];
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

template<typename NextChunk>
Outcome parse(StompVersion version, const StompParserLimits &limits, QByteArrayView stream, NextChunk nextChunk)
{
    StompFrameParser parser(limits);
    parser.setVersion(version);
    Outcome outcome;
    for (qsizetype pos = 0; pos < stream.size();) {
        const qsizetype size = std::min(nextChunk(), stream.size() - pos);
        const bool accepted = parser.feed(stream.sliced(pos, size));
        require(accepted != parser.hasError());
        pos += size;
        while (parser.hasFrame())
            outcome.frames.append(parser.takeFrame());
        require(parser.hasError() ? parser.bufferedBytes() == 0 : parser.bufferedBytes() <= limits.maxFrameSize + 1);
    }
    outcome.heartbeats = parser.heartbeatCount();
    outcome.frameCount = parser.frameCount();
    outcome.error = parser.error();
    outcome.buffered = parser.bufferedBytes();
    return outcome;
}

bool isValidCommand(const QByteArray &command)
{
    if (command.isEmpty())
        return false;
    for (const char c : command) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

void checkFrame(const StompFrame &frame, const StompParserLimits &limits)
{
    require(isValidCommand(frame.command));
    require(frame.command.size() <= limits.maxCommandLength);
    require(frame.headers.size() <= limits.maxHeaderCount);
    for (const StompFrame::Header &header : frame.headers)
        require(!header.first.contains('\0') && !header.second.contains('\0'));
    if (frame.hasHeader("content-length"))
        require(frame.header("content-length").toLongLong() == frame.body.size());
    else
        require(!frame.body.contains('\0'));
}

void checkRoundTrip(const StompFrame &frame, StompVersion version, StompFrameWriter::ContentLength mode)
{
    const QByteArray bytes = StompFrameWriter::serialize(frame, version, mode);
    StompFrameParser parser;
    parser.setVersion(version);
    require(parser.feed(bytes));
    require(parser.pendingFrameCount() == 1 && parser.bufferedBytes() == 0 && parser.heartbeatCount() == 0);

    StompFrame expected = frame;
    if (mode == StompFrameWriter::ContentLength::Always && !expected.hasHeader("content-length"))
        expected.addHeader("content-length", QByteArray::number(expected.body.size()));
    require(parser.takeFrame() == expected);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const StompParserLimits limits = limitsFor(data[0]);
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));

    for (const StompVersion version : {StompVersion::V1_0, StompVersion::V1_1, StompVersion::V1_2}) {
        const Outcome whole = parse(version, limits, stream, [&] { return stream.size(); });
        require(whole.frameCount == whole.frames.size());
        if (whole.error)
            require(whole.error->frameNumber == whole.frameCount + 1 && !whole.error->detail.isEmpty());

        Chunker chunker(data[1], stream);
        require(parse(version, limits, stream, [&] { return chunker.next(); }) == whole);
        if (stream.size() <= 4096)
            require(parse(version, limits, stream, [] { return qsizetype(1); }) == whole);

        for (const StompFrame &frame : whole.frames) {
            checkFrame(frame, limits);
            checkRoundTrip(frame, version, StompFrameWriter::ContentLength::AsNeeded);
            checkRoundTrip(frame, version, StompFrameWriter::ContentLength::Always);
        }
    }
    return 0;
}
