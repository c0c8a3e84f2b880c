// libFuzzer target for SockJsFraming::HttpStreamDecoder (the body of the HTTP transports' receive responses:
// xhr_streaming with its prelude, xhr polling) and SockJsFraming::encodeFrame.
//
// Input: byte 0 chooses how the body is cut into chunks, byte 1 the frame size limit (0: the default, else
// 4 * the byte); the rest is the response body. These invariants must hold, or the fuzzer traps:
//  - the decoder never crashes, and cutting the body into chunks anywhere changes nothing: the same frames, the same
//    success, the same error;
//  - it agrees with a naive reference (split at every "\n", skip blank lines and a first line of only 'h', decode
//    each line with SockJsFraming::decode, stop at the first failure or at a line over the limit);
//  - a failure has a reason, and the decoder refuses everything after it;
//  - every decoded frame survives encodeFrame() + decode() (messages that are valid UTF-8), and a stream rebuilt
//    from the frames (prelude, then each frame and "\n") decodes to the same frames.

#include "transport/SockJsFraming.h"

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
    QList<SockJsFrame> frames;
    bool ok = true;
    QString error;
};

Outcome decodeChunked(const QByteArray &body, qsizetype limit, uint8_t cutSeed)
{
    SockJsFraming::HttpStreamDecoder decoder(limit);
    Outcome out;
    qsizetype pos = 0;
    uint32_t state = cutSeed | 1u;
    while (pos < body.size()) {
        qsizetype length = body.size() - pos;
        if (cutSeed != 0) {
            state = state * 1103515245u + 12345u;
            length = qMin<qsizetype>(length, 1 + qsizetype((state >> 16) % 97));
        }
        QString error;
        if (!decoder.feed(QByteArrayView(body).sliced(pos, length), &out.frames, &error)) {
            require(!error.isEmpty());
            if (out.ok) {
                out.ok = false;
                out.error = error;
            }
        }
        pos += length;
    }
    QString error;
    if (!decoder.finish(&out.frames, &error)) {
        require(!error.isEmpty());
        if (out.ok) {
            out.ok = false;
            out.error = error;
        }
    }
    if (!out.ok) {
        // Failed for good: nothing more is accepted, not even a valid frame.
        QList<SockJsFrame> more;
        QString again;
        require(!decoder.feed("o\n", &more, &again) && more.isEmpty() && !again.isEmpty());
    }
    return out;
}

bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

// The rules of the decoder written the plain way, over the whole body at once.
Outcome reference(const QByteArray &body, qsizetype limit)
{
    Outcome out;
    const QList<QByteArray> lines = body.split('\n');
    bool first = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.size() > limit) {
            out.ok = false;
            return out;
        }
        if (isBlank(line))
            continue;
        QByteArray trimmed = line;
        while (!trimmed.isEmpty() && isBlank(trimmed.right(1)))
            trimmed.chop(1);
        if (first && trimmed.size() > 1 && trimmed.count('h') == trimmed.size()) {
            first = false;
            continue;
        }
        first = false;
        SockJsFrame frame;
        QString error;
        if (!SockJsFraming::decode(line, &frame, &error)) {
            out.ok = false;
            return out;
        }
        out.frames.append(frame);
    }
    return out;
}

bool allUtf8(const SockJsFrame &frame)
{
    for (const QByteArray &message : frame.messages) {
        if (!QUtf8StringView(message).isValidUtf8())
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t cutSeed = data[0];
    const qsizetype limit = data[1] == 0 ? 64 * 1024 * 1024 : qsizetype(data[1]) * 4;
    const QByteArray body(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    const Outcome whole = decodeChunked(body, limit, 0);
    const Outcome chunked = decodeChunked(body, limit, cutSeed);
    require(whole.ok == chunked.ok);
    require(whole.error == chunked.error);
    require(whole.frames == chunked.frames);

    const Outcome expected = reference(body, limit);
    require(expected.ok == whole.ok);
    require(expected.frames == whole.frames);

    bool rebuildable = true;
    QByteArray rebuilt = QByteArray(2048, 'h') + '\n';
    for (const SockJsFrame &frame : whole.frames) {
        if (!allUtf8(frame)) {
            rebuildable = false;
            continue;
        }
        const QByteArray encoded = SockJsFraming::encodeFrame(frame);
        SockJsFrame decoded;
        QString error;
        require(SockJsFraming::decode(encoded, &decoded, &error));
        require(decoded == frame);
        rebuilt += encoded + '\n';
    }
    if (rebuildable) {
        const Outcome again = decodeChunked(rebuilt, 64 * 1024 * 1024, cutSeed);
        require(again.ok);
        require(again.frames == whole.frames);
    }
    return 0;
}
