// libFuzzer target for SockJsFraming (decode, encode, encodeChunked).
//
// Input: byte 0 is the message size limit for encodeChunked(); the rest is both a SockJS frame to decode and
// data to encode. These invariants must hold, or the fuzzer traps:
//  - decode() never crashes, and fails with a reason or yields a frame consistent with its type;
//  - decoded messages that are valid UTF-8 survive encode() + decode() unchanged;
//  - encode() output always decodes (as the body of an `a` frame) to the data, with invalid UTF-8 as U+FFFD;
//  - encodeChunked() pieces each decode to one valid UTF-8 message, respect the limit (from 10 bytes on) and
//    concatenate to what encode() carries.

#include "transport/SockJsFraming.h"

#include <cstddef>
#include <cstdint>

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

bool isUtf8(const QByteArray &bytes)
{
    return QUtf8StringView(bytes).isValidUtf8();
}

QList<QByteArray> decodeArray(const QByteArray &array)
{
    SockJsFrame frame;
    QString error;
    require(SockJsFraming::decode(QByteArray('a' + array), &frame, &error));
    require(frame.type == SockJsFrame::Type::Messages);
    return frame.messages;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype limit = data[0];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    SockJsFrame frame;
    QString error;
    if (SockJsFraming::decode(input, &frame, &error)) {
        require(error.isEmpty());
        switch (frame.type) {
        case SockJsFrame::Type::Open:
        case SockJsFrame::Type::Heartbeat:
            require(frame.messages.isEmpty());
            break;
        case SockJsFrame::Type::Messages: {
            bool allUtf8 = true;
            for (const QByteArray &message : std::as_const(frame.messages))
                allUtf8 = allUtf8 && isUtf8(message);
            if (allUtf8)
                require(decodeArray(SockJsFraming::encode(frame.messages)) == frame.messages);
            break;
        }
        case SockJsFrame::Type::Close:
            require(frame.messages.isEmpty());
            break;
        }
    } else {
        require(!error.isEmpty());
    }

    const QList<QByteArray> whole = decodeArray(SockJsFraming::encode({input}));
    require(whole.size() == 1);
    require(isUtf8(whole.first()));
    if (isUtf8(input))
        require(whole.first() == input);

    QByteArray reassembled;
    const QList<QByteArray> chunks = SockJsFraming::encodeChunked(input, limit);
    require(!chunks.isEmpty());
    for (const QByteArray &chunk : chunks) {
        if (limit >= 10)
            require(chunk.size() <= limit);
        const QList<QByteArray> messages = decodeArray(chunk);
        require(messages.size() == 1);
        require(isUtf8(messages.first()));
        reassembled += messages.first();
    }
    require(reassembled == whole.first());
    return 0;
}
