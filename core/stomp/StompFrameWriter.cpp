#include "stomp/StompFrameWriter.h"

#include <cstring>

// What cannot be written so that it reads back equal (the parser accepts none of it, so everything it parses does
// round-trip): a NUL in a header; an empty or non-[A-Z] command; and where headers are not escaped (STOMP 1.0, CONNECT,
// CONNECTED) an LF anywhere in a header or a ':' in a header name.
//
// The parser strips one CR before the LF of every line, in every version. Where CR is not escaped (1.0, 1.1, CONNECT,
// CONNECTED) a value that ends in CR is therefore written with a CRLF line end, which gives that CR back. A strictly
// LF-only 1.1 peer reads one CR too many in that (contrived) case; STOMP 1.2 peers read it exactly.

namespace {

bool escapesHeaders(const QByteArray &command, StompVersion version)
{
    return version != StompVersion::V1_0 && command != "CONNECT" && command != "CONNECTED";
}

void appendEscaped(QByteArray &out, const QByteArray &text, bool escapeCr)
{
    const char *const begin = text.constData();
    const char *const end = begin + text.size();
    const char *run = begin; // start of the bytes not yet copied
    for (const char *p = begin; p != end; ++p) {
        const char *escape = nullptr;
        switch (*p) {
        case '\n':
            escape = "\\n";
            break;
        case ':':
            escape = "\\c";
            break;
        case '\\':
            escape = "\\\\";
            break;
        case '\r':
            if (escapeCr)
                escape = "\\r";
            break;
        default:
            break;
        }
        if (escape) {
            out.append(run, p - run);
            out.append(escape, 2);
            run = p + 1;
        }
    }
    out.append(run, end - run);
}

// True if `value` is a decimal content-length equal to `size` (kept as written, e.g. "007", so it round-trips).
bool isContentLengthOf(const QByteArray &value, qsizetype size)
{
    if (value.isEmpty() || value.size() > 19)
        return false;
    qsizetype parsed = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return false;
        parsed = parsed * 10 + (c - '0');
    }
    return parsed == size;
}

} // namespace

namespace StompFrameWriter {

QByteArray serialize(const StompFrame &frame, StompVersion version, ContentLength contentLength)
{
    const bool escaped = escapesHeaders(frame.command, version);
    const bool escapeCr = escaped && version == StompVersion::V1_2;
    const QByteArray bodySize = QByteArray::number(frame.body.size());

    qsizetype estimate = frame.command.size() + frame.body.size() + bodySize.size() + 24;
    for (const StompFrame::Header &header : frame.headers)
        estimate += header.first.size() + header.second.size() + 4;

    QByteArray out;
    out.reserve(estimate);
    out += frame.command;
    out += '\n';

    bool lengthWritten = false;
    for (const StompFrame::Header &header : frame.headers) {
        const QByteArray *value = &header.second;
        if (!lengthWritten && header.first == "content-length") {
            // Only the first content-length frames the body; later repeats are history and stay as they are.
            lengthWritten = true;
            if (!isContentLengthOf(header.second, frame.body.size()))
                value = &bodySize;
        }
        if (escaped) {
            appendEscaped(out, header.first, escapeCr);
            out += ':';
            appendEscaped(out, *value, escapeCr);
        } else {
            out += header.first;
            out += ':';
            out += *value;
        }
        if (!escapeCr && value->endsWith('\r'))
            out += '\r';
        out += '\n';
    }
    const bool needsLength = contentLength == ContentLength::Always
        || std::memchr(frame.body.constData(), '\0', size_t(frame.body.size())) != nullptr;
    if (!lengthWritten && needsLength) {
        out += "content-length:";
        out += bodySize;
        out += '\n';
    }

    out += '\n';
    out += frame.body;
    out += '\0';
    return out;
}

} // namespace StompFrameWriter
