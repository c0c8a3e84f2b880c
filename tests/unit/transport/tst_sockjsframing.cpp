// SockJsFraming by table: every frame type as Spring and sockjs-node send it (STOMP frames with their NUL as
// \u0000, Chinese text raw or escaped, surrogate pairs), everything that must be refused, the outgoing
// encoding (a JSON array of strings) and its splitting into bounded messages, the endpoint URLs, and the body of the
// HTTP transports' receive responses (the xhr_streaming prelude, frames cut anywhere across chunks, the limits).
#include "transport/SockJsFraming.h"

#include <QRegularExpression>
#include <QTest>

namespace {

// "o", "h", "a[m1|m2]", "c 3000 Go away!": a frame in one comparable string.
QString describe(const SockJsFrame &frame)
{
    switch (frame.type) {
    case SockJsFrame::Type::Open:
        return QStringLiteral("o");
    case SockJsFrame::Type::Heartbeat:
        return QStringLiteral("h");
    case SockJsFrame::Type::Messages: {
        QStringList messages;
        for (const QByteArray &message : frame.messages)
            messages << QString::fromUtf8(message);
        return QStringLiteral("a[") + messages.join(QLatin1Char('|')) + QLatin1Char(']');
    }
    case SockJsFrame::Type::Close:
        break;
    }
    return QStringLiteral("c %1 %2").arg(frame.closeCode).arg(frame.closeReason);
}

// Feeds `chunks` to a decoder (and finishes the response when asked); the frames, and the first error.
QStringList decodeStream(const QByteArrayList &chunks, qsizetype maxFrameSize, bool finish, bool *ok, QString *error,
                         bool *prelude = nullptr)
{
    SockJsFraming::HttpStreamDecoder decoder =
        maxFrameSize > 0 ? SockJsFraming::HttpStreamDecoder(maxFrameSize) : SockJsFraming::HttpStreamDecoder();
    QList<SockJsFrame> frames;
    *ok = true;
    for (const QByteArray &chunk : chunks) {
        QString reason;
        if (!decoder.feed(chunk, &frames, &reason) && *ok) {
            *ok = false;
            *error = reason;
        }
    }
    if (finish) {
        QString reason;
        if (!decoder.finish(&frames, &reason) && *ok) {
            *ok = false;
            *error = reason;
        }
    }
    if (prelude)
        *prelude = decoder.preludeSeen();
    QStringList out;
    for (const SockJsFrame &frame : std::as_const(frames))
        out << describe(frame);
    return out;
}

const QByteArray kPrelude = QByteArray(2048, 'h') + '\n';

} // namespace

class tst_SockJsFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void refuses_data();
    void refuses();
    void encodes_data();
    void encodes();
    void encodedMessagesDecodeBack_data();
    void encodedMessagesDecodeBack();
    void chunksRespectTheLimitAndReassemble_data();
    void chunksRespectTheLimitAndReassemble();
    void endpointUrls();
    void encodedFramesDecodeBack();
    void randomSessionParts();
    void httpStream_data();
    void httpStream();
    void httpStreamCutAnywhereGivesTheSameFrames();
};

void tst_SockJsFraming::decodes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<QByteArray>>("messages");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QString>("closeReason");

    const int open = int(SockJsFrame::Type::Open);
    const int heartbeat = int(SockJsFrame::Type::Heartbeat);
    const int messages = int(SockJsFrame::Type::Messages);
    const int close = int(SockJsFrame::Type::Close);
    using Bytes = QList<QByteArray>;

    QTest::newRow("open") << QByteArray("o") << open << Bytes {} << 0 << QString();
    QTest::newRow("heartbeat") << QByteArray("h") << heartbeat << Bytes {} << 0 << QString();
    QTest::newRow("heartbeat with the LF of the HTTP transports")
        << QByteArray("h\n") << heartbeat << Bytes {} << 0 << QString();
    QTest::newRow("spring CONNECTED") << QByteArray("a[\"CONNECTED\\nversion:1.2\\nheart-beat:0,0\\n\\n\\u0000\"]")
                                      << messages
                                      << Bytes {QByteArray("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n") + '\0'} << 0
                                      << QString();
    QTest::newRow("two elements in order")
        << QByteArray("a[\"MESSAGE\\n\\nfirst\\u0000\",\"\\n\"]") << messages
        << Bytes {QByteArray("MESSAGE\n\nfirst\0", 15), QByteArray("\n")} << 0 << QString();
    QTest::newRow("empty array") << QByteArray("a[]") << messages << Bytes {} << 0 << QString();
    QTest::newRow("whitespace between tokens")
        << QByteArray("a[ \"x\" ,\n\"y\" ]\n") << messages << Bytes {"x", "y"} << 0 << QString();
    QTest::newRow("raw UTF-8 Chinese") << QStringLiteral("a[\"待办通知\"]").toUtf8() << messages
                                       << Bytes {QStringLiteral("待办通知").toUtf8()} << 0 << QString();
    QTest::newRow("escaped Chinese") << QByteArray("a[\"\\u5f85\\u529e\"]") << messages
                                     << Bytes {QStringLiteral("待办").toUtf8()} << 0 << QString();
    QTest::newRow("surrogate pair") << QByteArray("a[\"\\ud83d\\ude00\"]") << messages
                                    << Bytes {QByteArray("\xF0\x9F\x98\x80")} << 0 << QString();
    QTest::newRow("lone high surrogate becomes U+FFFD")
        << QByteArray("a[\"\\ud83dx\"]") << messages << Bytes {QByteArray("\xEF\xBF\xBDx")} << 0 << QString();
    QTest::newRow("lone low surrogate becomes U+FFFD")
        << QByteArray("a[\"\\ude00\"]") << messages << Bytes {QByteArray("\xEF\xBF\xBD")} << 0 << QString();
    QTest::newRow("high surrogate then an ordinary escape") << QByteArray("a[\"\\ud83d\\u0041\"]") << messages
                                                            << Bytes {QByteArray("\xEF\xBF\xBD"
                                                                                 "A")}
                                                            << 0 << QString();
    QTest::newRow("all short escapes") << QByteArray("a[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]") << messages
                                       << Bytes {QByteArray("\"\\/\b\f\n\r\t")} << 0 << QString();
    QTest::newRow("old single message form")
        << QByteArray("m\"hello\"") << messages << Bytes {"hello"} << 0 << QString();
    QTest::newRow("close go away") << QByteArray("c[3000,\"Go away!\"]") << close << Bytes {} << 3000
                                   << QStringLiteral("Go away!");
    QTest::newRow("close another connection open")
        << QByteArray("c[2010,\"Another connection still open\"]") << close << Bytes {} << 2010
        << QStringLiteral("Another connection still open");
    QTest::newRow("close with Chinese reason")
        << QStringLiteral("c[1000,\"再见\"]").toUtf8() << close << Bytes {} << 1000 << QStringLiteral("再见");
}

void tst_SockJsFraming::decodes()
{
    QFETCH(QByteArray, input);
    QFETCH(int, type);
    QFETCH(QList<QByteArray>, messages);
    QFETCH(int, closeCode);
    QFETCH(QString, closeReason);

    SockJsFrame frame;
    QString error;
    QVERIFY2(SockJsFraming::decode(input, &frame, &error), qPrintable(error));
    QCOMPARE(int(frame.type), type);
    QCOMPARE(frame.messages, messages);
    QCOMPARE(frame.closeCode, closeCode);
    QCOMPARE(frame.closeReason, closeReason);
}

void tst_SockJsFraming::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("a STOMP frame without SockJS framing")
        << QByteArray("CONNECTED\nversion:1.2\n\n") << QStringLiteral("not a SockJS frame");
    QTest::newRow("HTML error page") << QByteArray("<html>502 Bad Gateway</html>")
                                     << QStringLiteral("not a SockJS frame");
    QTest::newRow("open with trailing data") << QByteArray("ox") << QStringLiteral("after the SockJS 'o'");
    QTest::newRow("heartbeat with trailing data") << QByteArray("hh") << QStringLiteral("after the SockJS 'h'");
    QTest::newRow("array not closed") << QByteArray("a[\"x\"") << QStringLiteral("malformed SockJS 'a'");
    QTest::newRow("string not closed") << QByteArray("a[\"x]") << QStringLiteral("unterminated");
    QTest::newRow("no array") << QByteArray("a\"x\"") << QStringLiteral("expected '['");
    QTest::newRow("number element") << QByteArray("a[1]") << QStringLiteral("expected a JSON string");
    QTest::newRow("object element") << QByteArray("a[{}]") << QStringLiteral("expected a JSON string");
    QTest::newRow("trailing comma") << QByteArray("a[\"x\",]") << QStringLiteral("expected a JSON string");
    QTest::newRow("data after the array") << QByteArray("a[\"x\"]a[\"y\"]") << QStringLiteral("unexpected data");
    QTest::newRow("raw control character") << QByteArray("a[\"x\ny\"]") << QStringLiteral("control character");
    QTest::newRow("invalid escape") << QByteArray("a[\"\\x41\"]") << QStringLiteral("invalid escape");
    QTest::newRow("short unicode escape") << QByteArray("a[\"\\u12\"]") << QStringLiteral("escape");
    QTest::newRow("non-hex unicode escape") << QByteArray("a[\"\\u12g4\"]") << QStringLiteral("invalid \\u escape");
    QTest::newRow("close without reason") << QByteArray("c[3000]") << QStringLiteral("c[code,\"reason\"]");
    QTest::newRow("close with a string code") << QByteArray("c[\"3000\",\"x\"]") << QStringLiteral("integer");
    QTest::newRow("close with a fractional code") << QByteArray("c[3000.5,\"x\"]") << QStringLiteral("integer");
    QTest::newRow("close with a huge code") << QByteArray("c[30000000000,\"x\"]") << QStringLiteral("integer");
    QTest::newRow("m without a string") << QByteArray("m[\"x\"]") << QStringLiteral("malformed SockJS 'm'");
}

void tst_SockJsFraming::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errorContains);

    SockJsFrame frame;
    QString error;
    QVERIFY(!SockJsFraming::decode(input, &frame, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void tst_SockJsFraming::encodes_data()
{
    QTest::addColumn<QList<QByteArray>>("messages");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("one STOMP frame") << QList<QByteArray> {QByteArray("SEND\ndestination:/app/x\n\nhi") + '\0'}
                                     << QByteArray("[\"SEND\\ndestination:/app/x\\n\\nhi\\u0000\"]");
    QTest::newRow("heart-beat") << QList<QByteArray> {"\n"} << QByteArray("[\"\\n\"]");
    QTest::newRow("two messages") << QList<QByteArray> {"a", "b"} << QByteArray("[\"a\",\"b\"]");
    QTest::newRow("quote, backslash, CR, tab") << QList<QByteArray> {"\"\\\r\t"} << QByteArray("[\"\\\"\\\\\\r\\t\"]");
    QTest::newRow("Chinese stays raw UTF-8")
        << QList<QByteArray> {QStringLiteral("待办").toUtf8()} << QStringLiteral("[\"待办\"]").toUtf8();
    QTest::newRow("line separators escaped")
        << QList<QByteArray> {QStringLiteral("\u2028\u2029").toUtf8()} << QByteArray("[\"\\u2028\\u2029\"]");
    QTest::newRow("invalid UTF-8 becomes U+FFFD") << QList<QByteArray> {QByteArray("a\xff"
                                                                                   "b")}
                                                  << QByteArray("[\"a\\ufffdb\"]");
    QTest::newRow("emoji raw") << QList<QByteArray> {QByteArray("\xF0\x9F\x98\x80")}
                               << QByteArray("[\"\xF0\x9F\x98\x80\"]");
}

void tst_SockJsFraming::encodes()
{
    QFETCH(QList<QByteArray>, messages);
    QFETCH(QByteArray, expected);
    QCOMPARE(SockJsFraming::encode(messages), expected);
}

void tst_SockJsFraming::encodedMessagesDecodeBack_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("STOMP SEND with NUL") << QByteArray(QByteArray("SEND\ndestination:/q\ncontent-length:2\n\nhi")
                                                       + '\0');
    QTest::newRow("all control characters") << [] {
        QByteArray all;
        for (int c = 0; c < 0x20; ++c)
            all.append(char(c));
        return all;
    }();
    QTest::newRow("todo push JSON")
        << QStringLiteral("{\"title\":\"待办通知:《变更申请》\",\"url\":\"/a?b=c#d\"}").toUtf8();
    QTest::newRow("astral plane") << QByteArray("\xF0\x9F\x98\x80 \xF0\x90\x80\x80");
}

void tst_SockJsFraming::encodedMessagesDecodeBack()
{
    QFETCH(QByteArray, message);
    SockJsFrame frame;
    QString error;
    QVERIFY2(SockJsFraming::decode(QByteArray('a' + SockJsFraming::encode({message})), &frame, &error),
             qPrintable(error));
    QCOMPARE(frame.messages, QList<QByteArray> {message});
}

void tst_SockJsFraming::chunksRespectTheLimitAndReassemble_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("expectedMessages");

    const QByteArray frame =
        "SEND\ndestination:/app/todo\ncontent-type:application/json\n\n" + QByteArray(200, 'x') + QByteArray(1, '\0');
    QTest::newRow("off: one message") << frame << 0 << 1;
    QTest::newRow("limit larger than the frame") << frame << 10000 << 1;
    QTest::newRow("64-byte messages") << frame << 64 << 5; // 268 bytes encoded, at most 60 per message
    QTest::newRow("Chinese never cut") << QStringLiteral("待办通知待办通知待办通知").toUtf8() << 12 << 6;
    QTest::newRow("escapes never cut") << QByteArray(30, '\0') << 16 << 15; // each \u0000 is 6 bytes: 2 per message
    QTest::newRow("tiny limit still progresses") << QByteArray("abc") << 1 << 3;
}

void tst_SockJsFraming::chunksRespectTheLimitAndReassemble()
{
    QFETCH(QByteArray, data);
    QFETCH(int, limit);
    QFETCH(int, expectedMessages);

    const QList<QByteArray> chunks = SockJsFraming::encodeChunked(data, limit);
    QCOMPARE(chunks.size(), expectedMessages);
    QByteArray reassembled;
    for (const QByteArray &chunk : chunks) {
        if (limit >= 10)
            QVERIFY2(chunk.size() <= limit, chunk.constData());
        SockJsFrame frame;
        QString error;
        QVERIFY2(SockJsFraming::decode(QByteArray('a' + chunk), &frame, &error), qPrintable(error));
        QCOMPARE(frame.messages.size(), 1);
        QVERIFY(QUtf8StringView(frame.messages.first()).isValidUtf8());
        reassembled += frame.messages.first();
    }
    QCOMPARE(reassembled, data);
}

void tst_SockJsFraming::endpointUrls()
{
    const QUrl base(QStringLiteral("https://example.org/main2/ws/"));
    QCOMPARE(SockJsFraming::infoUrl(base), QUrl(QStringLiteral("https://example.org/main2/ws/info")));
    QCOMPARE(SockJsFraming::rawWebSocketUrl(base), QUrl(QStringLiteral("wss://example.org/main2/ws/websocket")));
    QCOMPARE(SockJsFraming::sessionUrl(base, "123", "abc"),
             QUrl(QStringLiteral("wss://example.org/main2/ws/123/abc/websocket")));
    const QUrl ws(QStringLiteral("ws://127.0.0.1:8080/ws?access_token=t"));
    QCOMPARE(SockJsFraming::infoUrl(ws), QUrl(QStringLiteral("http://127.0.0.1:8080/ws/info?access_token=t")));
    QCOMPARE(SockJsFraming::sessionUrl(ws, "007", "s1"),
             QUrl(QStringLiteral("ws://127.0.0.1:8080/ws/007/s1/websocket?access_token=t")));
}

void tst_SockJsFraming::encodedFramesDecodeBack()
{
    SockJsFrame messages;
    messages.type = SockJsFrame::Type::Messages;
    messages.messages = {QByteArray("MESSAGE\ndestination:/q\n\n") + QStringLiteral("待办").toUtf8() + '\0', "\n"};
    SockJsFrame close;
    close.type = SockJsFrame::Type::Close;
    close.closeCode = 3000;
    close.closeReason = QStringLiteral("Go \"away\"! 再见");
    SockJsFrame open;
    open.type = SockJsFrame::Type::Open;
    SockJsFrame heartbeat;
    QCOMPARE(SockJsFraming::encodeFrame(open), QByteArray("o"));
    QCOMPARE(SockJsFraming::encodeFrame(heartbeat), QByteArray("h"));
    QCOMPARE(SockJsFraming::encodeFrame(close), QStringLiteral("c[3000,\"Go \\\"away\\\"! 再见\"]").toUtf8());
    for (const SockJsFrame &frame : {open, heartbeat, messages, close}) {
        SockJsFrame decoded;
        QString error;
        QVERIFY2(SockJsFraming::decode(SockJsFraming::encodeFrame(frame), &decoded, &error), qPrintable(error));
        QCOMPARE(decoded, frame);
    }
}

void tst_SockJsFraming::randomSessionParts()
{
    static const QRegularExpression server(QStringLiteral("^[0-9]{3}$"));
    static const QRegularExpression session(QStringLiteral("^[a-z0-9]{16}$"));
    const QByteArray first = SockJsFraming::randomSessionId();
    QVERIFY(server.match(QString::fromLatin1(SockJsFraming::randomServerId())).hasMatch());
    QVERIFY(session.match(QString::fromLatin1(first)).hasMatch());
    QVERIFY(SockJsFraming::randomSessionId() != first);
    const QUrl base(QStringLiteral("wss://example.org/main2/ws/?access_token=t"));
    QCOMPARE(SockJsFraming::httpSessionUrl(base, "123", "abc"),
             QUrl(QStringLiteral("https://example.org/main2/ws/123/abc?access_token=t")));
    QCOMPARE(SockJsFraming::httpSessionUrl(base, "123", "abc", u"xhr_streaming"),
             QUrl(QStringLiteral("https://example.org/main2/ws/123/abc/xhr_streaming?access_token=t")));
    QCOMPARE(sockJsFlavourName(SockJsFlavour::XhrStreaming), QStringLiteral("xhr-streaming"));
    QCOMPARE(sockJsFlavourName(SockJsFlavour::XhrPolling), QStringLiteral("xhr-polling"));
    QCOMPARE(sockJsFlavourName(SockJsFlavour::WebSocket), QStringLiteral("websocket"));
}

void tst_SockJsFraming::httpStream_data()
{
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<int>("maxFrameSize"); // 0: the default
    QTest::addColumn<bool>("finish"); // the response ends after the chunks
    QTest::addColumn<QStringList>("frames");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<bool>("prelude");

    const QByteArray utf8 = QStringLiteral("待办").toUtf8(); // 6 bytes

    QTest::newRow("streaming: prelude, open, messages")
        << QByteArrayList {kPrelude + "o\na[\"x\",\"y\"]\n"} << 0 << false
        << QStringList {QStringLiteral("o"), QStringLiteral("a[x|y]")} << true << QString() << true;
    QTest::newRow("prelude cut in three") << QByteArrayList {QByteArray(1000, 'h'), QByteArray(1048, 'h'), "\no\n"} << 0
                                          << false << QStringList {QStringLiteral("o")} << true << QString() << true;
    QTest::newRow("frame cut inside a JSON string and an escape")
        << QByteArrayList {"o\na[\"MES", "SAGE\\n\\nhi\\u00", "00\"]", "\nh\n"} << 0 << false
        << QStringList {QStringLiteral("o"), QStringLiteral("a[MESSAGE\n\nhi") + QChar(0) + QLatin1Char(']'),
                        QStringLiteral("h")}
        << true << QString() << false;
    QTest::newRow("UTF-8 sequence cut between chunks")
        << QByteArrayList {"a[\"" + utf8.left(2), utf8.mid(2, 3), utf8.mid(5) + "\"]\n"} << 0 << false
        << QStringList {QStringLiteral("a[待办]")} << true << QString() << false;
    QTest::newRow("newline alone in its chunk")
        << QByteArrayList {"o", "\n", "h", "\n"} << 0 << false << QStringList {QStringLiteral("o"), QStringLiteral("h")}
        << true << QString() << false;
    QTest::newRow("close frame") << QByteArrayList {"o\nc[3000,\"Go away!\"]\n"} << 0 << false
                                 << QStringList {QStringLiteral("o"), QStringLiteral("c 3000 Go away!")} << true
                                 << QString() << false;
    QTest::newRow("CRLF line ends") << QByteArrayList {"o\r\nh\r\n"} << 0 << false
                                    << QStringList {QStringLiteral("o"), QStringLiteral("h")} << true << QString()
                                    << false;
    QTest::newRow("blank lines are skipped") << QByteArrayList {"\n\no\n\n \n"} << 0 << false
                                             << QStringList {QStringLiteral("o")} << true << QString() << false;
    QTest::newRow("a single h first is a heart-beat")
        << QByteArrayList {"h\n"} << 0 << false << QStringList {QStringLiteral("h")} << true << QString() << false;
    QTest::newRow("polling: one frame, no newline at the end")
        << QByteArrayList {"a[\"x\"]"} << 0 << true << QStringList {QStringLiteral("a[x]")} << true << QString()
        << false;
    QTest::newRow("incomplete frame waits for more")
        << QByteArrayList {"o\na[\"x"} << 0 << false << QStringList {QStringLiteral("o")} << true << QString() << false;
    QTest::newRow("response ends inside a frame")
        << QByteArrayList {"o\na[\"x"} << 0 << true << QStringList {QStringLiteral("o")} << false
        << QStringLiteral("unterminated") << false;
    QTest::newRow("a prelude that is not first is no prelude")
        << QByteArrayList {"o\nhhh\n"} << 0 << false << QStringList {QStringLiteral("o")} << false
        << QStringLiteral("after the SockJS 'h'") << false;
    QTest::newRow("an HTML error page") << QByteArrayList {"<html>502 Bad Gateway</html>\n"} << 0 << false
                                        << QStringList {} << false << QStringLiteral("not a SockJS frame") << false;
    QTest::newRow("frames before a bad one are kept, none after")
        << QByteArrayList {"o\nh\nx\na[\"y\"]\n", "h\n"} << 0 << false
        << QStringList {QStringLiteral("o"), QStringLiteral("h")} << false << QStringLiteral("0x78") << false;
    QTest::newRow("frame over the limit") << QByteArrayList {"a[\"0123456789abcdef\"]\n"} << 16 << false
                                          << QStringList {} << false << QStringLiteral("longer than 16 bytes") << false;
    QTest::newRow("no newline and over the limit")
        << QByteArrayList {"a[\"0123456789", "abcdef"} << 16 << false << QStringList {} << false
        << QStringLiteral("longer than 16 bytes") << false;
    QTest::newRow("a frame of exactly the limit")
        << QByteArrayList {"a[\"0123456789a\"]", "\n"} << 16 << false << QStringList {QStringLiteral("a[0123456789a]")}
        << true << QString() << false;
}

void tst_SockJsFraming::httpStream()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(int, maxFrameSize);
    QFETCH(bool, finish);
    QFETCH(QStringList, frames);
    QFETCH(bool, ok);
    QFETCH(QString, errorContains);
    QFETCH(bool, prelude);

    bool succeeded = false;
    bool preludeSeen = false;
    QString error;
    QCOMPARE(decodeStream(chunks, maxFrameSize, finish, &succeeded, &error, &preludeSeen), frames);
    QCOMPARE(succeeded, ok);
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QCOMPARE(preludeSeen, prelude);
}

void tst_SockJsFraming::httpStreamCutAnywhereGivesTheSameFrames()
{
    // An xhr_streaming response as sockjs-node sends it, cut into two chunks at every position and fed byte by byte.
    const QByteArray body = kPrelude + "o\n"
        + QStringLiteral("a[\"CONNECTED\\nversion:1.2\\n\\n\\u0000\",\"MESSAGE\\n\\n待办\\u0000\"]\n").toUtf8()
        + "h\na[\"\\n\"]\nc[3000,\"Go away!\"]\n";
    bool ok = false;
    QString error;
    const QStringList whole = decodeStream({body}, 0, true, &ok, &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(whole.size(), 5);
    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        const QStringList frames = decodeStream({body.left(cut), body.mid(cut)}, 0, true, &ok, &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(frames, whole);
    }
    QByteArrayList bytes;
    for (char c : body)
        bytes << QByteArray(1, c);
    QCOMPARE(decodeStream(bytes, 0, true, &ok, &error), whole);
    QVERIFY(ok);
}

QTEST_GUILESS_MAIN(tst_SockJsFraming)
#include "tst_sockjsframing.moc"
