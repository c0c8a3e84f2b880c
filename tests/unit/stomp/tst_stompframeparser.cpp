#include "stomp/StompFrameParser.h"

#include <QTest>

#include <optional>

namespace {

constexpr int kNoError = -1;

// A byte string from a literal, embedded NULs included.
template<std::size_t N>
QByteArray raw(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

StompFrame frame(const char *command, QList<StompFrame::Header> headers = {}, const QByteArray &body = {})
{
    return StompFrame(QByteArray(command), std::move(headers), body);
}

StompParserLimits frameLimit(qsizetype bytes)
{
    StompParserLimits limits;
    limits.maxFrameSize = bytes;
    return limits;
}

StompParserLimits headerCountLimit(int count)
{
    StompParserLimits limits;
    limits.maxHeaderCount = count;
    return limits;
}

StompParserLimits headerLengthLimit(qsizetype bytes)
{
    StompParserLimits limits;
    limits.maxHeaderLength = bytes;
    return limits;
}

StompParserLimits commandLimit(qsizetype bytes)
{
    StompParserLimits limits;
    limits.maxCommandLength = bytes;
    return limits;
}

// Printable and unambiguous: bytes outside 0x20..0x7e (and the backslash) as \xNN.
QByteArray printable(const QByteArray &bytes)
{
    QByteArray out;
    for (const char c : bytes) {
        if (c >= 0x20 && c < 0x7f && c != '\\')
            out += c;
        else
            out += "\\x" + QByteArray::number(uint(uchar(c)), 16).rightJustified(2, '0');
    }
    return out;
}

QByteArray describe(const StompFrame &f)
{
    QByteArray text = printable(f.command) + " {";
    for (const StompFrame::Header &h : f.headers)
        text += " [" + printable(h.first) + "]=[" + printable(h.second) + ']';
    return text + " } body[" + QByteArray::number(f.body.size()) + "]=" + printable(f.body.left(200));
}

// Everything observable after feeding a whole input.
struct Outcome
{
    QList<StompFrame> frames;
    qint64 heartbeats = 0;
    qint64 frameCount = 0;
    std::optional<StompParseError> error;
    qsizetype buffered = 0;
    bool feedResultsConsistent = true; // feed() returned false exactly when the parser was in error

    friend bool operator==(const Outcome &a, const Outcome &b)
    {
        const bool sameError = a.error.has_value() == b.error.has_value()
            && (!a.error
                || (a.error->frameNumber == b.error->frameNumber && a.error->command == b.error->command
                    && a.error->rule == b.error->rule && a.error->detail == b.error->detail));
        return a.frames == b.frames && a.heartbeats == b.heartbeats && a.frameCount == b.frameCount && sameError
            && a.buffered == b.buffered && a.feedResultsConsistent == b.feedResultsConsistent;
    }
};

QString describe(const Outcome &o)
{
    QByteArray text;
    for (const StompFrame &f : o.frames)
        text += describe(f) + '\n';
    text += "heartbeats=" + QByteArray::number(o.heartbeats) + " frameCount=" + QByteArray::number(o.frameCount)
        + " buffered=" + QByteArray::number(o.buffered) + (o.feedResultsConsistent ? "" : " INCONSISTENT");
    QString out = QString::fromUtf8(text);
    if (o.error)
        out += QStringLiteral(" error=") + o.error->toString();
    return out;
}

// Feeds `input` cut at the ascending positions `cuts`, taking frames as they complete.
Outcome parseWithCuts(StompVersion version, const StompParserLimits &limits, const QByteArray &input,
                      const QList<qsizetype> &cuts)
{
    StompFrameParser parser(limits);
    parser.setVersion(version);
    Outcome outcome;
    qsizetype from = 0;
    const auto feedUpTo = [&](qsizetype to) {
        const bool accepted = parser.feed(QByteArrayView(input).sliced(from, to - from));
        if (accepted == parser.hasError())
            outcome.feedResultsConsistent = false;
        from = to;
        while (parser.hasFrame())
            outcome.frames.append(parser.takeFrame());
    };
    for (const qsizetype cut : cuts)
        feedUpTo(cut);
    feedUpTo(input.size());
    outcome.heartbeats = parser.heartbeatCount();
    outcome.frameCount = parser.frameCount();
    outcome.error = parser.error();
    outcome.buffered = parser.bufferedBytes();
    return outcome;
}

Outcome parseWhole(StompVersion version, const StompParserLimits &limits, const QByteArray &input)
{
    return parseWithCuts(version, limits, input, {});
}

// Realistic frames, as brokers in the field send them.
QByteArray todoJson()
{
    return QByteArray(R"({"data":{"sysMsgList":[{"id":"1791022789439037441","title":"待办通知:《变更申请》"}],)"
                      R"("sysMsgNums":11}})");
}

QByteArray rabbitConnected()
{
    return raw("CONNECTED\nserver:RabbitMQ/3.10.8\nsession:session-yGcX1Mdyq3aFr0Ub4mTBLw\n"
               "heart-beat:10000,10000\nversion:1.2\n\n\0");
}

StompFrame rabbitConnectedFrame()
{
    return frame("CONNECTED",
                 {{"server", "RabbitMQ/3.10.8"},
                  {"session", "session-yGcX1Mdyq3aFr0Ub4mTBLw"},
                  {"heart-beat", "10000,10000"},
                  {"version", "1.2"}});
}

QByteArray rabbitMessage()
{
    const QByteArray body = todoJson();
    return "MESSAGE\nsubscription:sub-0\ndestination:/exchange/FanoutDemandExchange\n"
           "message-id:T_sub-0@@session-yGcX1Mdyq3aFr0Ub4mTBLw@@1\nredelivered:false\n"
           "content-type:application/json;charset=UTF-8\ncontent-length:"
        + QByteArray::number(body.size()) + "\n\n" + body + '\0';
}

StompFrame rabbitMessageFrame()
{
    const QByteArray body = todoJson();
    return frame("MESSAGE",
                 {{"subscription", "sub-0"},
                  {"destination", "/exchange/FanoutDemandExchange"},
                  {"message-id", "T_sub-0@@session-yGcX1Mdyq3aFr0Ub4mTBLw@@1"},
                  {"redelivered", "false"},
                  {"content-type", "application/json;charset=UTF-8"},
                  {"content-length", QByteArray::number(body.size())}},
                 body);
}

QByteArray springMessage()
{
    const QByteArray body = todoJson();
    return "MESSAGE\ndestination:/user/topic/all\ncontent-type:application/json\nsubscription:sub-0\n"
           "message-id:5f3e1c2a-7b1d-4a5e-9f0e-2c3d4e5f6a7b-12\ncontent-length:"
        + QByteArray::number(body.size()) + "\n\n" + body + '\0';
}

StompFrame springMessageFrame()
{
    return frame("MESSAGE",
                 {{"destination", "/user/topic/all"},
                  {"content-type", "application/json"},
                  {"subscription", "sub-0"},
                  {"message-id", "5f3e1c2a-7b1d-4a5e-9f0e-2c3d4e5f6a7b-12"},
                  {"content-length", QByteArray::number(todoJson().size())}},
                 todoJson());
}

QByteArray activeMqMessage()
{
    return raw("MESSAGE\nmessage-id:ID\\cdebian-40123-1715848083123-3\\c1\\c1\\c1\\c1\ndestination:/queue/todo\n"
               "timestamp:1715848083456\nexpires:0\nsubscription:sub-0\npriority:4\n\n"
               "Change request 17 is waiting for your approval\0");
}

StompFrame activeMqMessageFrame()
{
    return frame("MESSAGE",
                 {{"message-id", "ID:debian-40123-1715848083123-3:1:1:1:1"},
                  {"destination", "/queue/todo"},
                  {"timestamp", "1715848083456"},
                  {"expires", "0"},
                  {"subscription", "sub-0"},
                  {"priority", "4"}},
                 "Change request 17 is waiting for your approval");
}

QByteArray rabbitErrorBody()
{
    return QByteArray("Access refused for user 'guest'\n");
}

QByteArray rabbitError()
{
    return "ERROR\nmessage:Bad CONNECT\ncontent-type:text/plain\nversion:1.0,1.1,1.2\ncontent-length:"
        + QByteArray::number(rabbitErrorBody().size()) + "\n\n" + rabbitErrorBody() + '\0';
}

StompFrame rabbitErrorFrame()
{
    return frame("ERROR",
                 {{"message", "Bad CONNECT"},
                  {"content-type", "text/plain"},
                  {"version", "1.0,1.1,1.2"},
                  {"content-length", QByteArray::number(rabbitErrorBody().size())}},
                 rabbitErrorBody());
}

QByteArray allByteValues()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    return bytes;
}

} // namespace

// For QCOMPARE messages (found by argument-dependent lookup).
char *toString(const StompFrame &f)
{
    return qstrdup(describe(f).constData());
}

class tst_StompFrameParser : public QObject
{
    Q_OBJECT

private:
    void addRow(const char *name, const QByteArray &input, const QList<StompFrame> &frames, qint64 heartbeats = 0,
                StompVersion version = StompVersion::V1_2, const StompParserLimits &limits = {}, qsizetype buffered = 0)
    {
        QTest::newRow(name) << version << limits << input << frames << heartbeats << kNoError << qint64(0)
                            << QByteArray() << buffered;
    }
    void addErrorRow(const char *name, const QByteArray &input, StompParseRule rule, qint64 errorFrame,
                     const QByteArray &errorCommand, const QList<StompFrame> &framesBefore = {},
                     StompVersion version = StompVersion::V1_2, const StompParserLimits &limits = {},
                     qint64 heartbeats = 0)
    {
        QTest::newRow(name) << version << limits << input << framesBefore << heartbeats << int(rule) << errorFrame
                            << errorCommand << qsizetype(0);
    }

private Q_SLOTS:
    void parse_data();
    void parse();

    void firstHeaderWins();
    void framesQueueInOrder();
    void emptyFeedChangesNothing();
    void afterError();
    void reset_data();
    void reset();
    void versionSwitchMidStream();
    void defaultLimits();
    void contentLengthOverLimitFailsBeforeBuffering();
    void neverBuffersUnboundedly_data();
    void neverBuffersUnboundedly();
    void largeFrameInSmallChunks_data();
    void largeFrameInSmallChunks();
    void errorToString();
    void ruleNames_data();
    void ruleNames();
};

void tst_StompFrameParser::parse_data()
{
    QTest::addColumn<StompVersion>("version");
    QTest::addColumn<StompParserLimits>("limits");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<StompFrame>>("frames");
    QTest::addColumn<qint64>("heartbeats");
    QTest::addColumn<int>("errorRule"); // a StompParseRule, or kNoError
    QTest::addColumn<qint64>("errorFrame");
    QTest::addColumn<QByteArray>("errorCommand");
    QTest::addColumn<qsizetype>("buffered");

    using R = StompParseRule;
    const StompVersion v10 = StompVersion::V1_0;
    const StompVersion v11 = StompVersion::V1_1;
    const StompVersion v12 = StompVersion::V1_2;

    // Framing.
    addRow("minimal frame", raw("DISCONNECT\n\n\0"), {frame("DISCONNECT")});
    addRow("headers and body", raw("SEND\ndestination:/queue/a\ncontent-type:text/plain\n\nhello\0"),
           {frame("SEND", {{"destination", "/queue/a"}, {"content-type", "text/plain"}}, "hello")});
    addRow("several frames in one feed", raw("SEND\na:1\n\none\0SEND\na:2\n\ntwo\0RECEIPT\nreceipt-id:7\n\n\0"),
           {frame("SEND", {{"a", "1"}}, "one"), frame("SEND", {{"a", "2"}}, "two"),
            frame("RECEIPT", {{"receipt-id", "7"}})});
    addRow("CRLF line endings", raw("SEND\r\ndestination:/q\r\nreceipt:r1\r\n\r\nbody\0"),
           {frame("SEND", {{"destination", "/q"}, {"receipt", "r1"}}, "body")});
    addRow("LF and CRLF mixed", raw("SEND\r\na:1\nb:2\r\n\nx\0"), {frame("SEND", {{"a", "1"}, {"b", "2"}}, "x")});
    addRow("empty body", raw("ACK\nid:42\n\n\0"), {frame("ACK", {{"id", "42"}})});
    addRow("body without content-length runs to the NUL", raw("SEND\n\nline 1\r\nline 2\n\n\0"),
           {frame("SEND", {}, "line 1\r\nline 2\n\n")});
    addRow("body with UTF-8", "MESSAGE\n\n" + todoJson() + '\0', {frame("MESSAGE", {}, todoJson())});
    addRow("incomplete frame waits", raw("SEND\ndestinat"), {}, 0, v12, {}, 8);
    addRow("incomplete body waits", raw("SEND\ncontent-length:10\n\nabc"), {}, 0, v12, {}, 3);
    addRow("frame then incomplete command", raw("ACK\n\n\0NAC"), {frame("ACK")}, 0, v12, {}, 3);

    // Heart-beats.
    addRow("heart-beats only", raw("\n\n\r\n\n"), {}, 4);
    addRow("heart-beats between frames", raw("\nACK\n\n\0\r\n\nNACK\n\n\0\r\n"), {frame("ACK"), frame("NACK")}, 4);
    addRow("extra LF after each frame", raw("ACK\n\n\0\nACK\n\n\0\nACK\n\n\0\n"),
           {frame("ACK"), frame("ACK"), frame("ACK")}, 3);
    addRow("CR of a CRLF heart-beat waits", raw("\n\r"), {}, 1, v12, {}, 1);

    // Content-length.
    addRow("content-length body with NULs", raw("MESSAGE\ncontent-length:5\n\na\0b\0c\0"),
           {frame("MESSAGE", {{"content-length", "5"}}, raw("a\0b\0c"))});
    addRow("content-length body with every byte value", "MESSAGE\ncontent-length:256\n\n" + allByteValues() + '\0',
           {frame("MESSAGE", {{"content-length", "256"}}, allByteValues())});
    addRow("content-length body that looks like frames", raw("MESSAGE\ncontent-length:10\n\n\n\nACK\n\n\0\r\n\0"),
           {frame("MESSAGE", {{"content-length", "10"}}, raw("\n\nACK\n\n\0\r\n"))});
    addRow("content-length zero", raw("MESSAGE\ncontent-length:0\n\n\0"),
           {frame("MESSAGE", {{"content-length", "0"}})});
    addRow("content-length with leading zeros", raw("MESSAGE\ncontent-length:003\n\nabc\0"),
           {frame("MESSAGE", {{"content-length", "003"}}, "abc")});
    addRow("only the first content-length frames the body",
           raw("MESSAGE\ncontent-length:3\ncontent-length:99\ncontent-length:junk\n\nabc\0"),
           {frame("MESSAGE", {{"content-length", "3"}, {"content-length", "99"}, {"content-length", "junk"}}, "abc")});
    addRow("content-length followed by heart-beat", raw("MESSAGE\ncontent-length:2\n\n\0\0\0\n"),
           {frame("MESSAGE", {{"content-length", "2"}}, raw("\0\0"))}, 1);

    // Headers.
    addRow("repeated headers are kept in order", raw("MESSAGE\nfoo:1\nbar:x\nfoo:2\nfoo:3\n\n\0"),
           {frame("MESSAGE", {{"foo", "1"}, {"bar", "x"}, {"foo", "2"}, {"foo", "3"}})});
    addRow("colon in a value", raw("SEND\nurl:http://h:80/a\n\n\0"), {frame("SEND", {{"url", "http://h:80/a"}})});
    addRow("colon in a value (1.0)", raw("SEND\nurl:http://h:80/a\n\n\0"), {frame("SEND", {{"url", "http://h:80/a"}})},
           0, v10);
    addRow("empty value", raw("SEND\nempty:\n\n\0"), {frame("SEND", {{"empty", ""}})});
    addRow("empty name", raw("SEND\n:value\n:\n\n\0"), {frame("SEND", {{"", "value"}, {"", ""}})});
    addRow("CR inside a value is kept", raw("SEND\na:b\rc\n\n\0"), {frame("SEND", {{"a", "b\rc"}})});
    addRow("one trailing CR is stripped (1.1)", raw("SEND\na:b\r\r\n\n\0"), {frame("SEND", {{"a", "b\r"}})}, 0, v11);
    addRow("UTF-8 name and value", raw("SEND\n标题:待办通知:《变更申请》\n\n\0"),
           {frame("SEND", {{"标题", "待办通知:《变更申请》"}})}, 0, v10);
    addRow("whitespace is not trimmed", raw("SEND\n a : b \n\n\0"), {frame("SEND", {{" a ", " b "}})});

    // Escaping per version.
    addRow("1.2 escapes", raw("SEND\na\\cb\\\\:x\\r\\ny\\c\\\\\n\n\0"), {frame("SEND", {{"a:b\\", "x\r\ny:\\"}})}, 0,
           v12);
    addRow("1.2 escaped CR before a CRLF", raw("SEND\na:b\\r\r\n\r\n\0"), {frame("SEND", {{"a", "b\r"}})}, 0, v12);
    addRow("1.1 escapes", raw("SEND\na\\cb:x\\ny\\c\\\\\n\n\0"), {frame("SEND", {{"a:b", "x\ny:\\"}})}, 0, v11);
    addRow("1.0 has no escapes", raw("SEND\na\\cb:x\\ny\\t\\r\\\n\n\0"), {frame("SEND", {{"a\\cb", "x\\ny\\t\\r\\"}})},
           0, v10);
    addRow("CONNECT is not unescaped", raw("CONNECT\naccept-version:1.2\nhost:/\nlogin:a\\cb\npasscode:p\\t\\\\\n\n\0"),
           {frame("CONNECT", {{"accept-version", "1.2"}, {"host", "/"}, {"login", "a\\cb"}, {"passcode", "p\\t\\\\"}})},
           0, v12);
    addRow("CONNECTED is not unescaped (1.1)", raw("CONNECTED\nversion:1.1\nserver:x\\y\\\n\n\0"),
           {frame("CONNECTED", {{"version", "1.1"}, {"server", "x\\y\\"}})}, 0, v11);
    addRow("frames after CONNECTED are unescaped", raw("CONNECTED\nsession:a\\cb\n\n\0MESSAGE\nid:a\\cb\n\n\0"),
           {frame("CONNECTED", {{"session", "a\\cb"}}), frame("MESSAGE", {{"id", "a:b"}})});
    addErrorRow("1.1 \\r is undefined", raw("SEND\na:b\\rc\n\n\0"), R::InvalidEscape, 1, "SEND", {}, v11);
    addErrorRow("1.2 \\t is undefined", raw("SEND\na:b\\tc\n\n\0"), R::InvalidEscape, 1, "SEND", {}, v12);
    addErrorRow("1.1 \\t is undefined", raw("SEND\na:b\\tc\n\n\0"), R::InvalidEscape, 1, "SEND", {}, v11);
    addErrorRow("undefined escape in a name", raw("SEND\na\\x:b\n\n\0"), R::InvalidEscape, 1, "SEND");
    addErrorRow("unfinished escape in a value", raw("SEND\na:b\\\n\n\0"), R::InvalidEscape, 1, "SEND");
    addErrorRow("unfinished escape in a name", raw("SEND\na\\:b\n\n\0"), R::InvalidEscape, 1, "SEND");
    addErrorRow("escaped NUL is undefined", raw("SEND\na:b\\0\n\n\0"), R::InvalidEscape, 1, "SEND");

    // Real-world frames.
    addRow("RabbitMQ CONNECTED", rabbitConnected() + '\n', {rabbitConnectedFrame()}, 1);
    addRow("RabbitMQ MESSAGE with a JSON todo", rabbitMessage() + '\n', {rabbitMessageFrame()}, 1);
    addRow("Spring MESSAGE with a JSON todo", springMessage(), {springMessageFrame()});
    addRow("ActiveMQ MESSAGE with \\c in a value", activeMqMessage() + '\n', {activeMqMessageFrame()}, 1, v11);
    addRow("RabbitMQ ERROR with a body", rabbitError(), {rabbitErrorFrame()});
    addRow("a RabbitMQ session",
           rabbitConnected() + "\n\n\r\n" + rabbitMessage() + '\n' + rabbitMessage() + "\n\n"
               + raw("RECEIPT\nreceipt-id:disconnect-1\n\n\0\n"),
           {rabbitConnectedFrame(), rabbitMessageFrame(), rabbitMessageFrame(),
            frame("RECEIPT", {{"receipt-id", "disconnect-1"}})},
           7);

    // Malformed input.
    addErrorRow("stray byte where a frame starts", "x", R::InvalidCommand, 1, {});
    addErrorRow("NUL where a frame starts", raw("\0"), R::InvalidCommand, 1, {});
    addErrorRow("stray CR where a frame starts", raw("\rSEND\n\n\0"), R::InvalidCommand, 1, {});
    addErrorRow("lower-case command", raw("send\n\n\0"), R::InvalidCommand, 1, {});
    addErrorRow("digit in a command", raw("SEND2\n\n\0"), R::InvalidCommand, 1, {});
    addErrorRow("space after a command", raw("SEND \n\n\0"), R::InvalidCommand, 1, {});
    addErrorRow("CR inside a command", raw("SE\rND\n\n\0"), R::InvalidCommand, 1, {});
    addErrorRow("error in the third frame keeps the first two", raw("ACK\n\n\0\nNACK\n\n\0\n{\"json\":1}"),
                R::InvalidCommand, 3, {}, {frame("ACK"), frame("NACK")}, v12, {}, 2);
    addErrorRow("header line without a colon", raw("SEND\nnocolon\n\n\0"), R::MalformedHeader, 1, "SEND");
    addErrorRow("NUL in the headers (no blank line)", raw("SEND\ndestination:/a\n\0"), R::MalformedHeader, 1, "SEND");
    addErrorRow("NUL inside a header value", raw("SEND\na:b\0c\n\n\0"), R::MalformedHeader, 1, "SEND");
    addErrorRow("content-length not a number", raw("SEND\ncontent-length:abc\n\n\0"), R::InvalidContentLength, 1,
                "SEND");
    addErrorRow("content-length negative", raw("SEND\ncontent-length:-1\n\n\0"), R::InvalidContentLength, 1, "SEND");
    addErrorRow("content-length empty", raw("SEND\ncontent-length:\n\n\0"), R::InvalidContentLength, 1, "SEND");
    addErrorRow("content-length with a sign", raw("SEND\ncontent-length:+5\n\nhello\0"), R::InvalidContentLength, 1,
                "SEND");
    addErrorRow("content-length with a space", raw("SEND\ncontent-length: 5\n\nhello\0"), R::InvalidContentLength, 1,
                "SEND");
    addErrorRow("content-length with trailing bytes", raw("SEND\ncontent-length:5x\n\nhello\0"),
                R::InvalidContentLength, 1, "SEND");
    addErrorRow("content-length overflows", raw("SEND\ncontent-length:99999999999999999999999\n\n\0"),
                R::InvalidContentLength, 1, "SEND");
    addErrorRow("content-length just past qint64", raw("SEND\ncontent-length:9223372036854775808\n\n\0"),
                R::InvalidContentLength, 1, "SEND");
    addErrorRow("no NUL after the content-length body", raw("SEND\ncontent-length:2\n\nabc\0"), R::MissingNulTerminator,
                1, "SEND");

    // Limits: at the limit passes, one over fails with the rule of that limit.
    addRow("command at the limit", raw("SEND\n\n\0"), {frame("SEND")}, 0, v12, commandLimit(4));
    addRow("command at the limit, CRLF", raw("SEND\r\n\r\n\0"), {frame("SEND")}, 0, v12, commandLimit(4));
    addErrorRow("command over the limit", raw("SENDX\n\n\0"), R::CommandTooLong, 1, {}, {}, v12, commandLimit(4));
    addErrorRow("command over the limit, no LF yet", "ABCDEFGHIJ", R::CommandTooLong, 1, {}, {}, v12, commandLimit(4));

    addRow("header line at the limit", raw("SEND\nabcde:1234\n\n\0"), {frame("SEND", {{"abcde", "1234"}})}, 0, v12,
           headerLengthLimit(10));
    addRow("header line at the limit, CRLF", raw("SEND\r\nabcde:1234\r\n\r\n\0"), {frame("SEND", {{"abcde", "1234"}})},
           0, v12, headerLengthLimit(10));
    addRow("escaped header line at the limit", raw("SEND\na:\\c\\c\\c\\c\n\n\0"), {frame("SEND", {{"a", "::::"}})}, 0,
           v12, headerLengthLimit(10));
    addErrorRow("header line over the limit", raw("SEND\nabcde:12345\n\n\0"), R::HeaderTooLong, 1, "SEND", {}, v12,
                headerLengthLimit(10));
    addErrorRow("header line over the limit, CRLF", raw("SEND\r\nabcde:12345\r\n\r\n\0"), R::HeaderTooLong, 1, "SEND",
                {}, v12, headerLengthLimit(10));
    addErrorRow("header line over the limit, no LF yet", "SEND\n" + QByteArray(100, 'a'), R::HeaderTooLong, 1, "SEND",
                {}, v12, headerLengthLimit(10));
    addErrorRow("header line at the limit then CR and a byte", raw("SEND\nabcde:1234\rx"), R::HeaderTooLong, 1, "SEND",
                {}, v12, headerLengthLimit(10));

    addRow("header count at the limit", raw("SEND\na:1\nb:2\n\n\0"), {frame("SEND", {{"a", "1"}, {"b", "2"}})}, 0, v12,
           headerCountLimit(2));
    addRow("header count at the limit, CRLF", raw("SEND\r\na:1\r\nb:2\r\n\r\n\0"),
           {frame("SEND", {{"a", "1"}, {"b", "2"}})}, 0, v12, headerCountLimit(2));
    addRow("header count limit is per frame", raw("SEND\na:1\nb:2\n\n\0SEND\nc:3\nd:4\n\n\0"),
           {frame("SEND", {{"a", "1"}, {"b", "2"}}), frame("SEND", {{"c", "3"}, {"d", "4"}})}, 0, v12,
           headerCountLimit(2));
    addErrorRow("header count over the limit", raw("SEND\na:1\nb:2\nc:3\n\n\0"), R::TooManyHeaders, 1, "SEND", {}, v12,
                headerCountLimit(2));
    addErrorRow("header count over the limit, no LF yet", raw("SEND\na:1\nb:2\nc"), R::TooManyHeaders, 1, "SEND", {},
                v12, headerCountLimit(2));
    addErrorRow("header count over the limit, line starting with CR", raw("SEND\na:1\nb:2\n\rc:3\n\n\0"),
                R::TooManyHeaders, 1, "SEND", {}, v12, headerCountLimit(2));
    addRow("no headers allowed", raw("SEND\n\nbody\0"), {frame("SEND", {}, "body")}, 0, v12, headerCountLimit(0));
    addErrorRow("no headers allowed, one sent", raw("SEND\na:1\n\n\0"), R::TooManyHeaders, 1, "SEND", {}, v12,
                headerCountLimit(0));

    // "SEND\na:b\n\nhello" is 15 bytes; the NUL does not count.
    addRow("frame at the size limit", raw("SEND\na:b\n\nhello\0"), {frame("SEND", {{"a", "b"}}, "hello")}, 0, v12,
           frameLimit(15));
    addRow("frame size limit is per frame", raw("SEND\na:b\n\nhello\0\nSEND\na:b\n\nhello\0"),
           {frame("SEND", {{"a", "b"}}, "hello"), frame("SEND", {{"a", "b"}}, "hello")}, 1, v12, frameLimit(15));
    addErrorRow("frame over the size limit in the body", raw("SEND\na:b\n\nhello\0"), R::FrameTooLarge, 1, "SEND", {},
                v12, frameLimit(14));
    addErrorRow("frame over the size limit, no NUL yet", "SEND\n\n" + QByteArray(100, 'x'), R::FrameTooLarge, 1, "SEND",
                {}, v12, frameLimit(50));
    addErrorRow("frame over the size limit in the headers", "SEND\na:" + QByteArray(60, 'x'), R::FrameTooLarge, 1,
                "SEND", {}, v12, frameLimit(50));
    addErrorRow("frame over the size limit in the command", "SEND", R::FrameTooLarge, 1, {}, {}, v12, frameLimit(3));
    addErrorRow("frame size limit zero", raw("\nACK\n\n\0"), R::FrameTooLarge, 1, {}, {}, v12, frameLimit(0), 1);
    // "SEND\ncontent-length:5\n\nhello" is 28 bytes.
    addRow("content-length frame at the size limit", raw("SEND\ncontent-length:5\n\nhello\0"),
           {frame("SEND", {{"content-length", "5"}}, "hello")}, 0, v12, frameLimit(28));
    addErrorRow("content-length frame one over the size limit", raw("SEND\ncontent-length:5\n\nhello\0"),
                R::FrameTooLarge, 1, "SEND", {}, v12, frameLimit(27));
    addErrorRow("content-length over the size limit, before the body", "SEND\ncontent-length:1000\n", R::FrameTooLarge,
                1, "SEND", {}, v12, frameLimit(100));
    addErrorRow("content-length at the size limit but a CRLF blank line", raw("SEND\ncontent-length:5\n\r\nhello\0"),
                R::FrameTooLarge, 1, "SEND", {}, v12, frameLimit(28));
}

void tst_StompFrameParser::parse()
{
    QFETCH(StompVersion, version);
    QFETCH(StompParserLimits, limits);
    QFETCH(QByteArray, input);
    QFETCH(QList<StompFrame>, frames);
    QFETCH(qint64, heartbeats);
    QFETCH(int, errorRule);
    QFETCH(qint64, errorFrame);
    QFETCH(QByteArray, errorCommand);
    QFETCH(qsizetype, buffered);

    const Outcome whole = parseWhole(version, limits, input);
    QVERIFY2(whole.feedResultsConsistent, qPrintable(describe(whole)));
    QCOMPARE(whole.frames.size(), frames.size());
    for (qsizetype i = 0; i < frames.size(); ++i)
        QCOMPARE(describe(whole.frames.at(i)), describe(frames.at(i)));
    QCOMPARE(whole.frames, frames);
    QCOMPARE(whole.heartbeats, heartbeats);
    QCOMPARE(whole.frameCount, qint64(frames.size()));
    QCOMPARE(whole.buffered, buffered);
    if (errorRule == kNoError) {
        QVERIFY2(!whole.error, qPrintable(describe(whole)));
    } else {
        QVERIFY2(whole.error, qPrintable(describe(whole)));
        QCOMPARE(stompParseRuleName(whole.error->rule), stompParseRuleName(StompParseRule(errorRule)));
        QCOMPARE(whole.error->frameNumber, errorFrame);
        QCOMPARE(whole.error->command, errorCommand);
        QVERIFY(!whole.error->detail.isEmpty());
    }

    // However the stream is cut, the outcome (error detail included) is the same.
    for (qsizetype cut = 1; cut < input.size(); ++cut) {
        const Outcome split = parseWithCuts(version, limits, input, {cut});
        QVERIFY2(
            split == whole,
            qPrintable(QStringLiteral("cut at %1:\n%2\nwhole:\n%3").arg(cut).arg(describe(split), describe(whole))));
    }
    QList<qsizetype> everyByte;
    for (qsizetype cut = 1; cut < input.size(); ++cut)
        everyByte.append(cut);
    const Outcome byteByByte = parseWithCuts(version, limits, input, everyByte);
    QVERIFY2(byteByByte == whole, qPrintable(describe(byteByByte)));
}

void tst_StompFrameParser::firstHeaderWins()
{
    StompFrameParser parser;
    QVERIFY(parser.feed(raw("MESSAGE\nfoo:first\nfoo:second\ncontent-length:1\ncontent-length:7\n\nx\0")));
    QVERIFY(parser.hasFrame());
    const StompFrame f = parser.takeFrame();
    QCOMPARE(f.header("foo"), QByteArray("first"));
    QCOMPARE(f.header("content-length"), QByteArray("1"));
    QCOMPARE(f.headers.size(), 4);
    QCOMPARE(f.body, QByteArray("x"));
}

void tst_StompFrameParser::framesQueueInOrder()
{
    StompFrameParser parser;
    QVERIFY(parser.feed(raw("ACK\nid:1\n\n\0ACK\nid:2\n\n\0ACK\nid:")));
    QCOMPARE(parser.pendingFrameCount(), 2);
    QCOMPARE(parser.frameCount(), 2);
    QVERIFY(parser.feed(raw("3\n\n\0")));
    QCOMPARE(parser.pendingFrameCount(), 3);
    QCOMPARE(parser.frameCount(), 3);
    QCOMPARE(parser.takeFrame().header("id"), QByteArray("1"));
    QCOMPARE(parser.takeFrame().header("id"), QByteArray("2"));
    QCOMPARE(parser.pendingFrameCount(), 1);
    QCOMPARE(parser.takeFrame().header("id"), QByteArray("3"));
    QVERIFY(!parser.hasFrame());
    QCOMPARE(parser.frameCount(), 3);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_StompFrameParser::emptyFeedChangesNothing()
{
    StompFrameParser parser;
    QVERIFY(parser.feed(QByteArrayView()));
    QVERIFY(parser.feed(raw("SEND\na")));
    const qsizetype buffered = parser.bufferedBytes();
    QVERIFY(parser.feed(QByteArray()));
    QCOMPARE(parser.bufferedBytes(), buffered);
    QVERIFY(!parser.hasFrame());
    QVERIFY(!parser.hasError());
}

void tst_StompFrameParser::afterError()
{
    StompFrameParser parser;
    QVERIFY(!parser.feed(raw("ACK\n\n\0\nNACK\n\n\0\nbad\nACK\n\n\0")));
    QVERIFY(parser.hasError());
    const StompParseError error = *parser.error();
    QCOMPARE(error.frameNumber, 3);
    QCOMPARE(error.rule, StompParseRule::InvalidCommand);
    QCOMPARE(parser.pendingFrameCount(), 2);
    QCOMPARE(parser.heartbeatCount(), 2);
    QCOMPARE(parser.bufferedBytes(), 0);

    // Stops consuming: later bytes, even valid frames and heart-beats, change nothing.
    QVERIFY(!parser.feed(raw("\nACK\n\n\0")));
    QVERIFY(!parser.feed(QByteArrayView()));
    QCOMPARE(parser.pendingFrameCount(), 2);
    QCOMPARE(parser.frameCount(), 2);
    QCOMPARE(parser.heartbeatCount(), 2);
    QCOMPARE(parser.bufferedBytes(), 0);
    QCOMPARE(parser.error()->toString(), error.toString());

    // Frames completed before the error can still be taken.
    QCOMPARE(parser.takeFrame().command, QByteArray("ACK"));
    QCOMPARE(parser.takeFrame().command, QByteArray("NACK"));
    QVERIFY(!parser.hasFrame());
    QVERIFY(parser.hasError());
}

void tst_StompFrameParser::reset_data()
{
    QTest::addColumn<QByteArray>("before");

    QTest::newRow("after an error") << raw("ACK\n\n\0\n\nnot a frame");
    QTest::newRow("in the middle of a header") << raw("ACK\n\n\0\n\nSEND\ndestina");
    QTest::newRow("in the middle of a body") << raw("ACK\n\n\0\n\nSEND\ncontent-length:10\n\n12345");
    QTest::newRow("with frames queued") << raw("ACK\n\n\0\n\nACK\n\n\0");
    QTest::newRow("after a CR") << raw("ACK\n\n\0\n\n\r");
}

void tst_StompFrameParser::reset()
{
    QFETCH(QByteArray, before);

    StompParserLimits limits;
    limits.maxHeaderCount = 3;
    StompFrameParser parser(limits);
    parser.setVersion(StompVersion::V1_1);
    parser.feed(before);
    QVERIFY(parser.frameCount() > 0);
    QVERIFY(parser.heartbeatCount() > 0);

    parser.reset();
    QVERIFY(!parser.hasError());
    QVERIFY(!parser.hasFrame());
    QCOMPARE(parser.pendingFrameCount(), 0);
    QCOMPARE(parser.frameCount(), 0);
    QCOMPARE(parser.heartbeatCount(), 0);
    QCOMPARE(parser.bufferedBytes(), 0);
    QCOMPARE(parser.version(), StompVersion::V1_1);
    QCOMPARE(parser.limits().maxHeaderCount, 3);

    // A fresh stream parses from its first byte, with the kept version (1.1: \r is undefined) and limits.
    QVERIFY(parser.feed(raw("MESSAGE\nid:a\\cb\n\n\0\n")));
    QCOMPARE(parser.frameCount(), 1);
    QCOMPARE(parser.heartbeatCount(), 1);
    QCOMPARE(parser.takeFrame(), frame("MESSAGE", {{"id", "a:b"}}));
    QVERIFY(!parser.feed(raw("MESSAGE\nid:a\\rb\n\n\0")));
    QCOMPARE(parser.error()->rule, StompParseRule::InvalidEscape);
    QCOMPARE(parser.error()->frameNumber, 2);
    parser.reset();
    QVERIFY(!parser.feed(raw("SEND\na:1\nb:2\nc:3\nd:4\n\n\0")));
    QCOMPARE(parser.error()->rule, StompParseRule::TooManyHeaders);
    QCOMPARE(parser.error()->frameNumber, 1);
}

void tst_StompFrameParser::versionSwitchMidStream()
{
    // The client negotiates the version from CONNECTED, then switches the parser.
    StompFrameParser parser;
    parser.setVersion(StompVersion::V1_0);
    QVERIFY(parser.feed(raw("CONNECTED\nversion:1.1\n\n\0\nMESSAGE\nid:a\\")));
    QCOMPARE(parser.takeFrame(), frame("CONNECTED", {{"version", "1.1"}}));
    parser.setVersion(StompVersion::V1_1);
    QVERIFY(parser.feed(raw("cb\n\n\0")));
    QCOMPARE(parser.takeFrame(), frame("MESSAGE", {{"id", "a:b"}}));
    QCOMPARE(parser.heartbeatCount(), 1);
}

void tst_StompFrameParser::defaultLimits()
{
    const StompParserLimits limits;
    QCOMPARE(limits.maxFrameSize, 16 * 1024 * 1024);
    QCOMPARE(limits.maxHeaderCount, 256);
    QCOMPARE(limits.maxHeaderLength, 64 * 1024);
    QCOMPARE(limits.maxCommandLength, 64);

    const QByteArray longValue(64 * 1024 - 2, 'v'); // "a:" + value is exactly 64 KiB
    {
        StompFrameParser parser;
        QVERIFY(parser.feed(QByteArray("SEND\na:" + longValue + "\r\n\n" + raw("\0"))));
        QCOMPARE(parser.takeFrame().header("a"), longValue);
    }
    {
        StompFrameParser parser;
        QVERIFY(!parser.feed(QByteArray("SEND\na:" + longValue + "w\n\n" + raw("\0"))));
        QCOMPARE(parser.error()->rule, StompParseRule::HeaderTooLong);
    }
    {
        StompFrameParser parser;
        QByteArray headers;
        for (int i = 0; i < 256; ++i)
            headers += "h" + QByteArray::number(i) + ":v\n";
        QVERIFY(parser.feed(QByteArray("SEND\n" + headers + "\n" + raw("\0"))));
        QCOMPARE(parser.takeFrame().headers.size(), 256);
        QVERIFY(!parser.feed(QByteArray("SEND\n" + headers + "x:y\n\n" + raw("\0"))));
        QCOMPARE(parser.error()->rule, StompParseRule::TooManyHeaders);
    }
    {
        StompFrameParser parser;
        QVERIFY(parser.feed(QByteArray(QByteArray(64, 'A') + raw("\n\n\0"))));
        QVERIFY(!parser.feed(QByteArray(QByteArray(65, 'A') + raw("\n\n\0"))));
        QCOMPARE(parser.error()->rule, StompParseRule::CommandTooLong);
    }
    {
        // "SEND\ncontent-length:N\n\n" is 30 bytes with an 8-digit N.
        const qsizetype bodySize = 16 * 1024 * 1024 - 30;
        const QByteArray header = "SEND\ncontent-length:" + QByteArray::number(bodySize) + "\n\n";
        QCOMPARE(header.size(), 30);
        StompFrameParser parser;
        QVERIFY(parser.feed(QByteArray(header + QByteArray(bodySize, 'b') + raw("\0"))));
        QCOMPARE(parser.takeFrame().body.size(), bodySize);
        QVERIFY(!parser.feed(QByteArray("SEND\ncontent-length:" + QByteArray::number(bodySize + 1) + "\n\n")));
        QCOMPARE(parser.error()->rule, StompParseRule::FrameTooLarge);
    }
}

void tst_StompFrameParser::contentLengthOverLimitFailsBeforeBuffering()
{
    StompFrameParser parser;
    // Announced, not sent: the header line alone is enough to refuse the frame.
    QVERIFY(!parser.feed(
        QByteArray("MESSAGE\ndestination:/q\ncontent-length:" + QByteArray::number(qint64(1) << 40) + "\n")));
    QCOMPARE(parser.error()->rule, StompParseRule::FrameTooLarge);
    QCOMPARE(parser.error()->command, QByteArray("MESSAGE"));
    QVERIFY(parser.error()->detail.contains(QStringLiteral("1099511627776")));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_StompFrameParser::neverBuffersUnboundedly_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<char>("filler"); // repeated forever: never completes what `prefix` started
    QTest::addColumn<StompParserLimits>("limits");
    QTest::addColumn<qsizetype>("maxBuffered");
    QTest::addColumn<int>("rule");

    StompParserLimits small;
    small.maxFrameSize = 4096;
    small.maxHeaderLength = 512;
    small.maxCommandLength = 16;
    StompParserLimits defaults;

    QTest::newRow("endless command") << QByteArray() << 'A' << small << qsizetype(17)
                                     << int(StompParseRule::CommandTooLong);
    QTest::newRow("endless header line") << QByteArray("SEND\n") << 'h' << small << qsizetype(514)
                                         << int(StompParseRule::HeaderTooLong);
    QTest::newRow("endless header line, default limits")
        << QByteArray("SEND\n") << 'h' << defaults << qsizetype(64 * 1024 + 2) << int(StompParseRule::HeaderTooLong);
    QTest::newRow("endless headers") << QByteArray("SEND\n") << '\n'
                                     << small << qsizetype(4097) << int(StompParseRule::FrameTooLarge);
    QTest::newRow("endless body") << raw("SEND\n\n") << 'b' << small << qsizetype(4097)
                                  << int(StompParseRule::FrameTooLarge);
    QTest::newRow("endless CRs in a header")
        << QByteArray("SEND\na:") << '\r' << small << qsizetype(514) << int(StompParseRule::HeaderTooLong);
}

void tst_StompFrameParser::neverBuffersUnboundedly()
{
    QFETCH(QByteArray, prefix);
    QFETCH(char, filler);
    QFETCH(StompParserLimits, limits);
    QFETCH(qsizetype, maxBuffered);
    QFETCH(int, rule);

    // "endless headers" fills with LFs, which end the header section; the body then grows instead.
    StompFrameParser parser(limits);
    QVERIFY(parser.feed(prefix));
    const QByteArray chunk(7, filler);
    qsizetype fed = prefix.size();
    while (parser.feed(chunk)) {
        fed += chunk.size();
        QVERIFY2(parser.bufferedBytes() <= maxBuffered, qPrintable(QString::number(parser.bufferedBytes())));
        QVERIFY2(fed < 2 * limits.maxFrameSize, "the parser accepted more bytes than any limit allows");
    }
    QCOMPARE(stompParseRuleName(parser.error()->rule), stompParseRuleName(StompParseRule(rule)));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_StompFrameParser::largeFrameInSmallChunks_data()
{
    QTest::addColumn<bool>("withContentLength");
    QTest::addColumn<int>("chunkSize");

    QTest::newRow("content-length, 1000-byte chunks") << true << 1000;
    QTest::newRow("NUL-terminated, 1000-byte chunks") << false << 1000;
    QTest::newRow("content-length, 61-byte chunks") << true << 61;
    QTest::newRow("NUL-terminated, 61-byte chunks") << false << 61;
    // A parser that rescanned what it already looked at would take ~10^12 steps here instead of ~10^6.
    QTest::newRow("content-length, 1-byte chunks") << true << 1;
    QTest::newRow("NUL-terminated, 1-byte chunks") << false << 1;
}

void tst_StompFrameParser::largeFrameInSmallChunks()
{
    QFETCH(bool, withContentLength);
    QFETCH(int, chunkSize);

    QByteArray body(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('a' + i % 26);
    if (withContentLength)
        body[4711] = '\0';
    QByteArray header = "MESSAGE\ndestination:/topic/big\n";
    if (withContentLength)
        header += "content-length:" + QByteArray::number(body.size()) + '\n';
    const QByteArray stream = header + '\n' + body + raw("\0\n") + raw("ACK\n\n\0");

    StompFrameParser parser;
    for (qsizetype pos = 0; pos < stream.size(); pos += chunkSize) {
        QVERIFY(parser.feed(QByteArrayView(stream).sliced(pos, std::min<qsizetype>(chunkSize, stream.size() - pos))));
        QVERIFY(parser.bufferedBytes() <= body.size() + 1);
    }
    QCOMPARE(parser.pendingFrameCount(), 2);
    const StompFrame big = parser.takeFrame();
    QCOMPARE(big.command, QByteArray("MESSAGE"));
    QCOMPARE(big.header("destination"), QByteArray("/topic/big"));
    QCOMPARE(big.body.size(), body.size());
    QVERIFY(big.body == body);
    QCOMPARE(parser.takeFrame(), frame("ACK"));
    QCOMPARE(parser.heartbeatCount(), 1);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_StompFrameParser::errorToString()
{
    StompParseError error;
    error.frameNumber = 3;
    error.command = "MESSAGE";
    error.rule = StompParseRule::HeaderTooLong;
    error.detail = QStringLiteral("header line is 70000 bytes, the limit is 65536");
    QCOMPARE(error.toString(),
             QStringLiteral("frame #3 (MESSAGE): header line is 70000 bytes, the limit is 65536 [HeaderTooLong]"));

    StompFrameParser parser;
    QVERIFY(!parser.feed(raw("ACK\n\n\0\n<html>")));
    QCOMPARE(parser.error()->toString(),
             QStringLiteral("frame #2: byte 0x3c where a frame should start [InvalidCommand]"));

    parser.reset();
    QVERIFY(!parser.feed(raw("SEND\ncontent-length:12a\n")));
    QCOMPARE(parser.error()->toString(),
             QStringLiteral("frame #1 (SEND): content-length is not a decimal number of bytes [InvalidContentLength]"));
}

void tst_StompFrameParser::ruleNames_data()
{
    QTest::addColumn<StompParseRule>("rule");
    QTest::addColumn<QString>("name");

    QTest::newRow("InvalidCommand") << StompParseRule::InvalidCommand << QStringLiteral("InvalidCommand");
    QTest::newRow("MalformedHeader") << StompParseRule::MalformedHeader << QStringLiteral("MalformedHeader");
    QTest::newRow("InvalidEscape") << StompParseRule::InvalidEscape << QStringLiteral("InvalidEscape");
    QTest::newRow("InvalidContentLength")
        << StompParseRule::InvalidContentLength << QStringLiteral("InvalidContentLength");
    QTest::newRow("MissingNulTerminator")
        << StompParseRule::MissingNulTerminator << QStringLiteral("MissingNulTerminator");
    QTest::newRow("FrameTooLarge") << StompParseRule::FrameTooLarge << QStringLiteral("FrameTooLarge");
    QTest::newRow("TooManyHeaders") << StompParseRule::TooManyHeaders << QStringLiteral("TooManyHeaders");
    QTest::newRow("HeaderTooLong") << StompParseRule::HeaderTooLong << QStringLiteral("HeaderTooLong");
    QTest::newRow("CommandTooLong") << StompParseRule::CommandTooLong << QStringLiteral("CommandTooLong");
}

void tst_StompFrameParser::ruleNames()
{
    QFETCH(StompParseRule, rule);
    QFETCH(QString, name);
    QCOMPARE(stompParseRuleName(rule), name);
}

QTEST_GUILESS_MAIN(tst_StompFrameParser)
#include "tst_stompframeparser.moc"
