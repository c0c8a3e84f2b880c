#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

// Which of SockJS's transports carries a session: its WebSocket, or one of the HTTP transports that get through
// where a WebSocket cannot (a proxy that drops `Upgrade`, a server with WebSocket switched off).
//   XhrStreaming  POST {session}/xhr_streaming: one long response, a 2048-byte 'h' prelude, then frames and "\n"
//   XhrPolling    POST {session}/xhr: one frame per response, polled again at once
// Both send with POST {session}/xhr_send (a JSON array of strings, answered 204).
enum class SockJsFlavour { WebSocket, XhrStreaming, XhrPolling };
QString sockJsFlavourName(SockJsFlavour flavour); // "websocket", "xhr-streaming", "xhr-polling"

// One frame of the SockJS protocol as it arrives in a WebSocket message (sockjs-protocol 0.3, the framing
// Spring's `.withSockJS()` endpoints and the npm `sockjs` server speak):
//   o                  the session is open
//   h                  a heart-beat (the server sends one every 25 s by default)
//   a["m1","m2",...]   messages, delivered in order; for STOMP each one is a piece of the byte stream
//   m"m1"              one message (the protocol's older single-message form)
//   c[3000,"Go away!"] the server closes the session with this code and reason
struct SockJsFrame
{
    enum class Type { Open, Heartbeat, Messages, Close };

    Type type = Type::Heartbeat;
    QList<QByteArray> messages; // Messages: the decoded strings as UTF-8 (a lone surrogate becomes U+FFFD)
    int closeCode = 0; // Close
    QString closeReason; // Close

    friend bool operator==(const SockJsFrame &a, const SockJsFrame &b)
    {
        return a.type == b.type && a.messages == b.messages && a.closeCode == b.closeCode
            && a.closeReason == b.closeReason;
    }
};

// The SockJS framing as pure functions: no sockets, no state, so that it can be tested by table and fuzzed.
// Decoding is strict JSON (RFC 8259) for the payload of `a`, `m` and `c`; anything else is an error, because a
// peer that sends it is not a SockJS server (or is a broken one) and the session cannot be trusted.
class SockJsFraming final
{
    Q_DECLARE_TR_FUNCTIONS(SockJsFraming)

public:
    SockJsFraming() = delete;

    // Decodes one SockJS frame (one WebSocket message). Trailing JSON whitespace (the LF that the HTTP
    // transports append) is accepted. On failure returns false and explains why in *error.
    static bool decode(QByteArrayView data, SockJsFrame *frame, QString *error);
    // Encodes a frame as a server sends it (without the "\n" of the HTTP transports): o, h, a[...], c[code,"reason"].
    static QByteArray encodeFrame(const SockJsFrame &frame);

    // The body of an HTTP receive response (xhr_streaming, xhr polling) as SockJS frames. Every frame ends with
    // "\n" (a JSON string cannot hold a raw newline, so splitting there is safe); the response arrives in chunks
    // that may cut a frame, or a UTF-8 sequence, anywhere; an xhr_streaming response starts with a prelude of 2048
    // 'h' and "\n" (it gets the stream past the buffering of browsers and proxies) that is no frame; blank lines
    // are skipped. One decoder per response: reset() before the next one. A frame longer than `maxFrameSize` is an
    // error, so a peer that never sends a newline cannot make the buffer grow without bound.
    class HttpStreamDecoder
    {
    public:
        explicit HttpStreamDecoder(qsizetype maxFrameSize = 64 * 1024 * 1024);

        // Appends every frame that `chunk` completes to *frames, in order. False (the reason in *error) on a frame
        // that does not decode or is too long; the frames before it are still appended, and from then on the
        // decoder refuses everything until reset().
        bool feed(QByteArrayView chunk, QList<SockJsFrame> *frames, QString *error);
        // The response ended: a last frame without its "\n" is decoded too. False if it does not decode.
        bool finish(QList<SockJsFrame> *frames, QString *error);
        void reset();

        bool preludeSeen() const { return m_preludeSeen; }
        qsizetype buffered() const { return m_buffer.size(); }

    private:
        bool takeLine(QByteArrayView line, QList<SockJsFrame> *frames, QString *error);
        bool fail(const QString &reason, QString *error);

        QByteArray m_buffer; // the start of a frame whose "\n" has not come yet
        qsizetype m_maxFrameSize = 0;
        bool m_firstLine = true;
        bool m_preludeSeen = false;
        QString m_failure; // set once a frame failed: the decoder is done
    };

    // Encodes outgoing messages as the client must send them: a JSON array of strings, ["m1","m2"].
    // The bytes are taken as UTF-8; an invalid sequence is sent as U+FFFD (SockJS carries text only).
    static QByteArray encode(const QList<QByteArray> &messages);

    // Splits `data` into SockJS messages (each a one-element JSON array, one per WebSocket message) that are
    // at most `maxMessageSize` bytes once encoded, without cutting a UTF-8 sequence, so that a server with a
    // small WebSocket message limit can reassemble the STOMP frame (Spring's STOMP decoder buffers partial
    // frames across messages). maxMessageSize <= 0 gives one message. A piece always holds at least one
    // character, so a limit below 10 bytes (4 of framing, 6 of the longest escape) can be exceeded.
    static QList<QByteArray> encodeChunked(QByteArrayView data, qsizetype maxMessageSize);

    // Appends the JSON string literal for `text` (with quotes) to *out, escaping what SockJS clients escape:
    // quote, backslash, control characters, U+2028/U+2029 and U+FFF0..U+FFFF.
    static void appendJsonString(QByteArrayView text, QByteArray *out);

    // URLs of a SockJS endpoint. `base` is what people paste: http(s)://host/app/ws or ws(s)://host/app/ws.
    static QUrl httpBaseUrl(const QUrl &base); // http(s)://host/app/ws (ws -> http, wss -> https)
    static QUrl webSocketBaseUrl(const QUrl &base); // ws(s)://host/app/ws
    static QUrl infoUrl(const QUrl &base); // http(s)://host/app/ws/info
    static QUrl rawWebSocketUrl(const QUrl &base); // ws(s)://host/app/ws/websocket (Spring's raw endpoint)
    // ws(s)://host/app/ws/{server}/{session}/websocket
    static QUrl sessionUrl(const QUrl &base, QByteArrayView serverId, QByteArrayView sessionId);
    // http(s)://host/app/ws/{server}/{session}[/endpoint]: the HTTP transports' session and its endpoints
    // (xhr_streaming, xhr, xhr_send).
    static QUrl httpSessionUrl(const QUrl &base, QByteArrayView serverId, QByteArrayView sessionId,
                               QStringView endpoint = {});
    // The random parts of a session URL, new for every connection: three digits for the server (sticky routing
    // in a cluster) and 16 characters of [a-z0-9] for the session.
    static QByteArray randomServerId();
    static QByteArray randomSessionId();
};
