#include "transport/SockJsFraming.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <utility>

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendUtf8(char32_t cp, QByteArray *out)
{
    if (cp < 0x80) {
        out->append(char(cp));
    } else if (cp < 0x800) {
        out->append(char(0xC0 | (cp >> 6)));
        out->append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->append(char(0xE0 | (cp >> 12)));
        out->append(char(0x80 | ((cp >> 6) & 0x3F)));
        out->append(char(0x80 | (cp & 0x3F)));
    } else {
        out->append(char(0xF0 | (cp >> 18)));
        out->append(char(0x80 | ((cp >> 12) & 0x3F)));
        out->append(char(0x80 | ((cp >> 6) & 0x3F)));
        out->append(char(0x80 | (cp & 0x3F)));
    }
}

// Decodes the UTF-8 sequence at `pos`; an invalid one (overlong, surrogate, out of range, truncated) yields
// U+FFFD and consumes one byte. Returns the position after the sequence.
qsizetype decodeUtf8(QByteArrayView data, qsizetype pos, char32_t *cp)
{
    const uchar lead = uchar(data[pos]);
    if (lead < 0x80) {
        *cp = lead;
        return pos + 1;
    }
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        *cp = kReplacement;
        return pos + 1;
    }
    if (pos + length > data.size()) {
        *cp = kReplacement;
        return pos + 1;
    }
    for (int i = 1; i < length; ++i) {
        const uchar next = uchar(data[pos + i]);
        if ((next & 0xC0) != 0x80) {
            *cp = kReplacement;
            return pos + 1;
        }
        value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        *cp = kReplacement;
        return pos + 1;
    }
    *cp = value;
    return pos + length;
}

void appendEscapedCodePoint(char32_t cp, QByteArray *out)
{
    static const char hex[] = "0123456789abcdef";
    switch (cp) {
    case '"':
        out->append("\\\"");
        return;
    case '\\':
        out->append("\\\\");
        return;
    case '\n':
        out->append("\\n");
        return;
    case '\r':
        out->append("\\r");
        return;
    case '\t':
        out->append("\\t");
        return;
    case '\b':
        out->append("\\b");
        return;
    case '\f':
        out->append("\\f");
        return;
    default:
        break;
    }
    if (cp < 0x20 || cp == 0x2028 || cp == 0x2029 || (cp >= 0xFFF0 && cp <= 0xFFFF)) {
        out->append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4)
            out->append(hex[(cp >> shift) & 0xF]);
        return;
    }
    appendUtf8(cp, out);
}

// A strict reader for the JSON that SockJS frames carry: strings, integers and arrays of them.
class JsonReader
{
public:
    explicit JsonReader(QByteArrayView data, qsizetype pos)
        : m_data(data)
        , m_pos(pos)
    { }

    QString error() const { return m_error; }

    void skipSpace()
    {
        while (m_pos < m_data.size() && isJsonSpace(m_data[m_pos]))
            ++m_pos;
    }

    bool atEnd()
    {
        skipSpace();
        return m_pos == m_data.size();
    }

    char peek() const { return m_pos < m_data.size() ? m_data[m_pos] : '\0'; }

    bool expect(char c)
    {
        skipSpace();
        if (peek() != c)
            return fail(SockJsFraming::tr("expected '%1' at offset %2").arg(QLatin1Char(c)).arg(m_pos));
        ++m_pos;
        return true;
    }

    bool readString(QByteArray *out)
    {
        skipSpace();
        if (peek() != '"')
            return fail(SockJsFraming::tr("expected a JSON string at offset %1").arg(m_pos));
        ++m_pos;
        for (;;) {
            if (m_pos >= m_data.size())
                return fail(SockJsFraming::tr("unterminated JSON string"));
            const char c = m_data[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (uchar(c) < 0x20)
                return fail(SockJsFraming::tr("unescaped control character in a JSON string at offset %1").arg(m_pos));
            if (c != '\\') {
                out->append(c); // raw bytes pass through as they are
                ++m_pos;
                continue;
            }
            if (!readEscape(out))
                return false;
        }
    }

    bool readInteger(qint64 *value)
    {
        skipSpace();
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        const qsizetype digits = m_pos;
        while (m_pos < m_data.size() && m_data[m_pos] >= '0' && m_data[m_pos] <= '9')
            ++m_pos;
        const qsizetype count = m_pos - digits;
        if (count == 0 || count > 9 || (count > 1 && m_data[digits] == '0')
            || (m_pos < m_data.size() && (m_data[m_pos] == '.' || m_data[m_pos] == 'e' || m_data[m_pos] == 'E')))
            return fail(SockJsFraming::tr("expected an integer at offset %1").arg(start));
        *value = m_data.sliced(start, m_pos - start).toByteArray().toLongLong();
        return true;
    }

private:
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    bool readHex4(char32_t *unit)
    {
        if (m_pos + 4 > m_data.size())
            return fail(SockJsFraming::tr("truncated \\u escape"));
        char32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_data[m_pos + i];
            int digit = 0;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return fail(SockJsFraming::tr("invalid \\u escape at offset %1").arg(m_pos));
            value = (value << 4) | char32_t(digit);
        }
        m_pos += 4;
        *unit = value;
        return true;
    }

    bool readEscape(QByteArray *out)
    {
        ++m_pos; // the backslash
        if (m_pos >= m_data.size())
            return fail(SockJsFraming::tr("unterminated JSON string"));
        const char c = m_data[m_pos++];
        switch (c) {
        case '"':
        case '\\':
        case '/':
            out->append(c);
            return true;
        case 'b':
            out->append('\b');
            return true;
        case 'f':
            out->append('\f');
            return true;
        case 'n':
            out->append('\n');
            return true;
        case 'r':
            out->append('\r');
            return true;
        case 't':
            out->append('\t');
            return true;
        case 'u':
            break;
        default:
            return fail(SockJsFraming::tr("invalid escape '\\%1' in a JSON string").arg(QLatin1Char(c)));
        }
        char32_t unit = 0;
        if (!readHex4(&unit))
            return false;
        if (unit >= 0xD800 && unit <= 0xDBFF && m_pos + 1 < m_data.size() && m_data[m_pos] == '\\'
            && m_data[m_pos + 1] == 'u') {
            // A surrogate pair written as two escapes (how JSON spells characters beyond U+FFFF).
            const qsizetype save = m_pos;
            m_pos += 2;
            char32_t low = 0;
            if (!readHex4(&low))
                return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
                appendUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), out);
                return true;
            }
            m_pos = save; // not a pair: the high surrogate stands alone, the next escape is read on its own
        }
        appendUtf8((unit >= 0xD800 && unit <= 0xDFFF) ? kReplacement : unit, out);
        return true;
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

bool SockJsFraming::decode(QByteArrayView data, SockJsFrame *frame, QString *error)
{
    auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    *frame = {};
    if (data.isEmpty())
        return failWith(tr("empty SockJS frame"));
    JsonReader reader(data, 1);
    const char type = data[0];
    switch (type) {
    case 'o':
    case 'h':
        if (!reader.atEnd())
            return failWith(tr("unexpected data after the SockJS '%1' frame").arg(QLatin1Char(type)));
        frame->type = type == 'o' ? SockJsFrame::Type::Open : SockJsFrame::Type::Heartbeat;
        return true;
    case 'a': {
        frame->type = SockJsFrame::Type::Messages;
        if (!reader.expect('['))
            return failWith(tr("malformed SockJS 'a' frame: %1").arg(reader.error()));
        reader.skipSpace();
        if (reader.peek() == ']') {
            reader.expect(']');
        } else {
            for (;;) {
                QByteArray message;
                if (!reader.readString(&message))
                    return failWith(tr("malformed SockJS 'a' frame: %1").arg(reader.error()));
                frame->messages.append(std::move(message));
                reader.skipSpace();
                if (reader.peek() == ',') {
                    reader.expect(',');
                    continue;
                }
                if (!reader.expect(']'))
                    return failWith(tr("malformed SockJS 'a' frame: %1").arg(reader.error()));
                break;
            }
        }
        if (!reader.atEnd())
            return failWith(tr("unexpected data after the SockJS 'a' frame"));
        return true;
    }
    case 'm': {
        frame->type = SockJsFrame::Type::Messages;
        QByteArray message;
        if (!reader.readString(&message))
            return failWith(tr("malformed SockJS 'm' frame: %1").arg(reader.error()));
        if (!reader.atEnd())
            return failWith(tr("unexpected data after the SockJS 'm' frame"));
        frame->messages.append(std::move(message));
        return true;
    }
    case 'c': {
        frame->type = SockJsFrame::Type::Close;
        qint64 code = 0;
        QByteArray reason;
        if (!reader.expect('[') || !reader.readInteger(&code) || !reader.expect(',') || !reader.readString(&reason)
            || !reader.expect(']'))
            return failWith(tr("malformed SockJS 'c' frame (expected c[code,\"reason\"]): %1").arg(reader.error()));
        if (!reader.atEnd())
            return failWith(tr("unexpected data after the SockJS 'c' frame"));
        frame->closeCode = int(code);
        frame->closeReason = QString::fromUtf8(reason);
        return true;
    }
    default:
        break;
    }
    return failWith(tr("not a SockJS frame (starts with byte 0x%1)").arg(uchar(type), 2, 16, QLatin1Char('0')));
}

QByteArray SockJsFraming::encodeFrame(const SockJsFrame &frame)
{
    switch (frame.type) {
    case SockJsFrame::Type::Open:
        return QByteArrayLiteral("o");
    case SockJsFrame::Type::Heartbeat:
        return QByteArrayLiteral("h");
    case SockJsFrame::Type::Messages:
        return 'a' + encode(frame.messages);
    case SockJsFrame::Type::Close:
        break;
    }
    QByteArray out = "c[" + QByteArray::number(frame.closeCode) + ',';
    appendJsonString(frame.closeReason.toUtf8(), &out);
    out.append(']');
    return out;
}

SockJsFraming::HttpStreamDecoder::HttpStreamDecoder(qsizetype maxFrameSize)
    : m_maxFrameSize(qMax<qsizetype>(1, maxFrameSize))
{ }

void SockJsFraming::HttpStreamDecoder::reset()
{
    m_buffer.clear();
    m_firstLine = true;
    m_preludeSeen = false;
    m_failure.clear();
}

bool SockJsFraming::HttpStreamDecoder::fail(const QString &reason, QString *error)
{
    m_failure = reason;
    m_buffer.clear();
    if (error)
        *error = reason;
    return false;
}

bool SockJsFraming::HttpStreamDecoder::feed(QByteArrayView chunk, QList<SockJsFrame> *frames, QString *error)
{
    if (!m_failure.isEmpty())
        return fail(m_failure, error);
    // Only the new bytes can hold the newline that ends the buffered frame: nothing is scanned twice.
    qsizetype newline = chunk.indexOf('\n');
    if (newline < 0) {
        if (m_buffer.size() + chunk.size() > m_maxFrameSize)
            return fail(tr("a SockJS frame longer than %1 bytes").arg(m_maxFrameSize), error);
        m_buffer.append(chunk);
        return true;
    }
    qsizetype start = 0;
    while (newline >= 0) {
        QByteArrayView line = chunk.sliced(start, newline - start);
        if (!m_buffer.isEmpty()) {
            m_buffer.append(line);
            line = m_buffer;
        }
        if (line.size() > m_maxFrameSize)
            return fail(tr("a SockJS frame longer than %1 bytes").arg(m_maxFrameSize), error);
        const bool ok = takeLine(line, frames, error);
        m_buffer.clear();
        if (!ok)
            return false;
        start = newline + 1;
        newline = chunk.indexOf('\n', start);
    }
    const QByteArrayView rest = chunk.sliced(start);
    if (rest.size() > m_maxFrameSize)
        return fail(tr("a SockJS frame longer than %1 bytes").arg(m_maxFrameSize), error);
    m_buffer = rest.toByteArray();
    return true;
}

bool SockJsFraming::HttpStreamDecoder::finish(QList<SockJsFrame> *frames, QString *error)
{
    if (!m_failure.isEmpty())
        return fail(m_failure, error);
    const QByteArray rest = std::exchange(m_buffer, {});
    return takeLine(rest, frames, error);
}

bool SockJsFraming::HttpStreamDecoder::takeLine(QByteArrayView line, QList<SockJsFrame> *frames, QString *error)
{
    qsizetype end = line.size();
    while (end > 0 && isJsonSpace(line[end - 1]))
        --end;
    if (end == 0)
        return true; // a blank line: nothing
    const bool firstLine = std::exchange(m_firstLine, false);
    if (firstLine && end > 1) {
        qsizetype hs = 0;
        while (hs < end && line[hs] == 'h')
            ++hs;
        if (hs == end) { // the xhr_streaming prelude
            m_preludeSeen = true;
            return true;
        }
    }
    SockJsFrame frame;
    QString reason;
    if (!decode(line.first(end), &frame, &reason))
        return fail(reason, error);
    frames->append(std::move(frame));
    return true;
}

void SockJsFraming::appendJsonString(QByteArrayView text, QByteArray *out)
{
    out->reserve(out->size() + text.size() + 2);
    out->append('"');
    for (qsizetype pos = 0; pos < text.size();) {
        char32_t cp = 0;
        pos = decodeUtf8(text, pos, &cp);
        appendEscapedCodePoint(cp, out);
    }
    out->append('"');
}

QByteArray SockJsFraming::encode(const QList<QByteArray> &messages)
{
    QByteArray out("[");
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(messages.at(i), &out);
    }
    out.append(']');
    return out;
}

QList<QByteArray> SockJsFraming::encodeChunked(QByteArrayView data, qsizetype maxMessageSize)
{
    if (maxMessageSize <= 0)
        return {encode({data.toByteArray()})};
    QList<QByteArray> out;
    QByteArray current("[\"");
    bool hasCharacter = false;
    QByteArray encoded;
    for (qsizetype pos = 0; pos < data.size();) {
        char32_t cp = 0;
        pos = decodeUtf8(data, pos, &cp);
        encoded.clear();
        appendEscapedCodePoint(cp, &encoded);
        if (hasCharacter && current.size() + encoded.size() + 2 > maxMessageSize) {
            current.append("\"]");
            out.append(current);
            current = QByteArray("[\"");
            hasCharacter = false;
        }
        current.append(encoded);
        hasCharacter = true;
    }
    current.append("\"]");
    out.append(current);
    return out;
}

namespace {

QUrl withScheme(const QUrl &url, bool webSocket)
{
    QUrl out = url;
    const QString scheme = url.scheme().toLower();
    const bool secure = scheme == QLatin1String("https") || scheme == QLatin1String("wss");
    if (webSocket)
        out.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    else
        out.setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    out.setFragment(QString()); // a query (?access_token=...) stays, as sockjs-client keeps it
    QString path = out.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    out.setPath(path);
    return out;
}

QUrl appendPath(QUrl url, const QString &suffix)
{
    url.setPath(url.path() + suffix);
    return url;
}

} // namespace

QUrl SockJsFraming::httpBaseUrl(const QUrl &base)
{
    return withScheme(base, false);
}

QUrl SockJsFraming::webSocketBaseUrl(const QUrl &base)
{
    return withScheme(base, true);
}

QUrl SockJsFraming::infoUrl(const QUrl &base)
{
    return appendPath(httpBaseUrl(base), QStringLiteral("/info"));
}

QUrl SockJsFraming::rawWebSocketUrl(const QUrl &base)
{
    return appendPath(webSocketBaseUrl(base), QStringLiteral("/websocket"));
}

QUrl SockJsFraming::sessionUrl(const QUrl &base, QByteArrayView serverId, QByteArrayView sessionId)
{
    return appendPath(webSocketBaseUrl(base),
                      QLatin1Char('/') + QString::fromLatin1(serverId) + QLatin1Char('/')
                          + QString::fromLatin1(sessionId) + QStringLiteral("/websocket"));
}

QUrl SockJsFraming::httpSessionUrl(const QUrl &base, QByteArrayView serverId, QByteArrayView sessionId,
                                   QStringView endpoint)
{
    QString suffix =
        QLatin1Char('/') + QString::fromLatin1(serverId) + QLatin1Char('/') + QString::fromLatin1(sessionId);
    if (!endpoint.isEmpty())
        suffix += QLatin1Char('/') + endpoint.toString();
    return appendPath(httpBaseUrl(base), suffix);
}

QByteArray SockJsFraming::randomServerId()
{
    QByteArray out;
    for (int i = 0; i < 3; ++i)
        out.append(char('0' + QRandomGenerator::global()->bounded(10)));
    return out;
}

QByteArray SockJsFraming::randomSessionId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray out;
    for (int i = 0; i < 16; ++i)
        out.append(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    return out;
}

QString sockJsFlavourName(SockJsFlavour flavour)
{
    switch (flavour) {
    case SockJsFlavour::XhrStreaming:
        return QStringLiteral("xhr-streaming");
    case SockJsFlavour::XhrPolling:
        return QStringLiteral("xhr-polling");
    case SockJsFlavour::WebSocket:
        break;
    }
    return QStringLiteral("websocket");
}
