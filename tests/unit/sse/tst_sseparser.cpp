// SseParser: the HTML standard's event-stream interpretation, by table (line ends, the byte order mark, fields,
// dispatch, ids, retry, comments, UTF-8), chunked at every byte position of a sample stream and byte by byte, and
// bounded (an oversized line or event is dropped and reported, the stream goes on).
#include "sse/SseParser.h"

#include <QTest>

namespace {

// A byte string from a literal, embedded NULs included.
template<std::size_t N>
QByteArray raw(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

SseEvent makeEvent(const QByteArray &data, const QByteArray &type = "message", const QByteArray &lastEventId = {})
{
    SseEvent e;
    e.type = type;
    e.data = data;
    e.lastEventId = lastEventId;
    return e;
}

// An event that carried its own id (the last event id is then the same).
SseEvent withId(SseEvent e, const QByteArray &id)
{
    e.id = id;
    e.hasId = true;
    e.lastEventId = id;
    return e;
}

SseParserLimits limits(qsizetype line, qsizetype event)
{
    SseParserLimits l;
    l.maxLineSize = line;
    l.maxEventSize = event;
    return l;
}

// What a parser made of a stream.
struct Outcome
{
    QList<SseEvent> events;
    QList<SseDroppedEvent> dropped;
    QByteArray lastEventId;
    qint64 retry = -1;
    qint64 comments = 0;
    qint64 discardedAtEnd = 0;

    bool operator==(const Outcome &o) const
    {
        return events == o.events && dropped == o.dropped && lastEventId == o.lastEventId && retry == o.retry
            && comments == o.comments && discardedAtEnd == o.discardedAtEnd;
    }
};

Outcome drain(SseParser &parser, Outcome outcome = {})
{
    while (parser.hasEvent())
        outcome.events.append(parser.takeEvent());
    outcome.dropped += parser.takeDropped();
    outcome.lastEventId = parser.lastEventId();
    outcome.retry = parser.reconnectionTimeMs();
    outcome.comments = parser.commentCount();
    outcome.discardedAtEnd = parser.discardedAtEndCount();
    return outcome;
}

Outcome parseChunks(const QList<QByteArray> &chunks, const SseParserLimits &l = {})
{
    SseParser parser(l);
    Outcome outcome;
    for (const QByteArray &chunk : chunks) {
        parser.feed(chunk);
        outcome = drain(parser, outcome);
    }
    parser.finishStream();
    return drain(parser, outcome);
}

Outcome parse(const QByteArray &stream, const SseParserLimits &l = {})
{
    return parseChunks({stream}, l);
}

// A stream with everything at once: a byte order mark, every line end (a CRLF among them to be cut between its two
// bytes), comments, multi-line data, types, ids (one carried over, one with NUL), retry, UTF-8, an unknown field.
const QByteArray kSample = raw("\xEF\xBB\xBF: welcome\r\n"
                               "retry: 2500\n"
                               "\n"
                               "id: 1\r\n"
                               "event: todo\r\n"
                               "data: {\"id\":\"1\",\r\n"
                               "data:  \"title\":\"\xE5\xBE\x85\xE5\x8A\x9E\"}\r\n"
                               "\r\n"
                               ":keep-alive\r"
                               "data: second\r"
                               "foo: bar\r"
                               "\r"
                               "id: 2\0bad\n"
                               "event\n"
                               "data\n"
                               "\n"
                               "id: 3\n"
                               "\n"
                               "data: after id 3\r\n"
                               "\r\n"
                               "data: cut off");

} // namespace

Q_DECLARE_METATYPE(SseEvent)

namespace QTest {

template<>
char *toString(const SseEvent &e)
{
    return qstrdup(QByteArray("{type=" + e.type + " data=" + e.data.toPercentEncoding(" {}:\",")
                              + " id=" + (e.hasId ? e.id : QByteArray("(none)")) + " last=" + e.lastEventId + "}")
                       .constData());
}

} // namespace QTest

class tst_SseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void events_data();
    void events();
    void retry_data();
    void retry();
    void chunkedAtEveryBytePosition();
    void crAtChunkEndThenLf();
    void lineTooLongDropsItsEvent_data();
    void lineTooLongDropsItsEvent();
    void eventTooLargeIsDropped();
    void boundedWhileALineNeverEnds();
    void resetStartsANewStreamFromTheLastId();
    void finishStreamDiscardsTheIncompleteEvent();
};

void tst_SseParser::events_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<SseEvent>>("expected");
    QTest::addColumn<QByteArray>("lastEventId");
    QTest::addColumn<int>("comments");

    auto row = [](const char *name, const QByteArray &stream, const QList<SseEvent> &expected,
                  const QByteArray &lastEventId = {}, int comments = 0) {
        QTest::newRow(name) << stream << expected << lastEventId << comments;
    };
    row("one event", "data: hello\n\n", {makeEvent("hello")});
    row("no space after the colon", "data:hello\n\n", {makeEvent("hello")});
    row("only one space stripped", "data:  two\n\n", {makeEvent(" two")});
    row("a tab is kept", "data:\tx\n\n", {makeEvent("\tx")});
    row("multi-line data joined with LF", "data: a\ndata: b\ndata: c\n\n", {makeEvent("a\nb\nc")});
    row("a colon in the value", "data: a:b: c\n\n", {makeEvent("a:b: c")});
    row("event type", "event: todo\ndata: {}\n\n", {makeEvent("{}", "todo")});
    row("empty type is message", "event:\ndata: x\n\n", {makeEvent("x")});
    row("type resets after dispatch", "event: a\ndata: 1\n\ndata: 2\n\n", {makeEvent("1", "a"), makeEvent("2")});
    row("last event type wins", "event: a\nevent: b\ndata: x\n\n", {makeEvent("x", "b")});
    row("id", "id: 7\ndata: x\n\n", {withId(makeEvent("x"), "7")}, "7");
    row("id persists across events", "id: 7\ndata: x\n\ndata: y\n\n",
        {withId(makeEvent("x"), "7"), makeEvent("y", "message", "7")}, "7");
    row("id with NUL is ignored", raw("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"),
        {withId(makeEvent("a"), "1"), makeEvent("b", "message", "1")}, "1");
    row("empty id clears it", "id: 1\ndata: a\n\nid\ndata: b\n\n",
        {withId(makeEvent("a"), "1"), withId(makeEvent("b"), "")});
    row("id without data is committed", "id: 5\n\n", {}, "5");
    row("id only counts at dispatch", "id: 5\ndata: x", {}, {});
    row("no data: nothing dispatched, type reset", "event: x\n\ndata: y\n\n", {makeEvent("y")});
    row("data without colon is empty data", "data\n\n", {makeEvent("")});
    row("data with colon only is empty data", "data:\n\n", {makeEvent("")});
    row("two empty data lines are one LF", "data\ndata\n\n", {makeEvent("\n")});
    row("trailing empty data line keeps an LF", "data: a\ndata:\n\n", {makeEvent("a\n")});
    row("comment", ": ping\n\n", {}, {}, 1);
    row("comments between fields", "data: a\n: x\n:\ndata: b\n\n", {makeEvent("a\nb")}, {}, 2);
    row("CRLF", "data: a\r\n\r\n", {makeEvent("a")});
    row("CR", "data: a\r\rdata: b\r\r", {makeEvent("a"), makeEvent("b")});
    row("mixed line ends", "data: a\r\ndata: b\rdata: c\n\n", {makeEvent("a\nb\nc")});
    row("LF CR is two line ends", "data: a\n\rdata: b\n\n", {makeEvent("a"), makeEvent("b")});
    row("leading byte order mark",
        "\xEF\xBB\xBF"
        "data: a\n\n",
        {makeEvent("a")});
    row("second byte order mark is content",
        "\xEF\xBB\xBF\xEF\xBB\xBF"
        "data: a\n\n",
        {});
    row("byte order mark in data is kept",
        "data: \xEF\xBB\xBF"
        "a\n\n",
        {makeEvent("\xEF\xBB\xBF"
                   "a")});
    row("half a byte order mark is content",
        "\xEF\xBB"
        "data: a\n\ndata: b\n\n",
        {makeEvent("b")});
    row("unknown fields ignored", "foo: bar\ndata: a\nDATA: b\ndata : c\n\n", {makeEvent("a")});
    row("UTF-8", "event: \xE5\xBE\x85\xE5\x8A\x9E\ndata: \xE5\xAE\xA1\xE6\x89\xB9\n\n",
        {makeEvent("\xE5\xAE\xA1\xE6\x89\xB9", "\xE5\xBE\x85\xE5\x8A\x9E")});
    row("invalid UTF-8 becomes U+FFFD",
        "data: a\xFF"
        "b\n\n",
        {makeEvent("a\xEF\xBF\xBD"
                   "b")});
    row("NUL in data is kept", raw("data: a\0b\n\n"), {makeEvent(raw("a\0b"))});
    row("incomplete event at the end", "data: a\n\ndata: b\n", {makeEvent("a")});
    row("empty stream", "", {});
    row("only line ends", "\n\r\n\r\n\n", {});
}

void tst_SseParser::events()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<SseEvent>, expected);
    QFETCH(QByteArray, lastEventId);
    QFETCH(int, comments);
    const Outcome outcome = parse(stream);
    QCOMPARE(outcome.events, expected);
    QCOMPARE(outcome.lastEventId, lastEventId);
    QCOMPARE(outcome.comments, qint64(comments));
    QVERIFY(outcome.dropped.isEmpty());
    // Byte by byte: the same.
    QList<QByteArray> bytes;
    for (const char c : stream)
        bytes.append(QByteArray(1, c));
    QCOMPARE(parseChunks(bytes).events, expected);
}

void tst_SseParser::retry_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("none") << QByteArray("data: x\n\n") << qint64(-1);
    QTest::newRow("digits") << QByteArray("retry: 3000\n") << qint64(3000);
    QTest::newRow("no space") << QByteArray("retry:10\n") << qint64(10);
    QTest::newRow("zero") << QByteArray("retry: 0\n") << qint64(0);
    QTest::newRow("leading zeros") << QByteArray("retry: 007\n") << qint64(7);
    QTest::newRow("unit ignored") << QByteArray("retry: 3s\n") << qint64(-1);
    QTest::newRow("negative ignored") << QByteArray("retry: -1\n") << qint64(-1);
    QTest::newRow("space inside ignored") << QByteArray("retry: 1 0\n") << qint64(-1);
    QTest::newRow("two spaces ignored") << QByteArray("retry:  10\n") << qint64(-1);
    QTest::newRow("empty ignored") << QByteArray("retry:\n") << qint64(-1);
    QTest::newRow("field alone ignored") << QByteArray("retry\n") << qint64(-1);
    QTest::newRow("bad one keeps the good one") << QByteArray("retry: 500\nretry: x\n") << qint64(500);
    QTest::newRow("the last one wins") << QByteArray("retry: 500\nretry: 800\n") << qint64(800);
    QTest::newRow("huge saturates") << QByteArray("retry: 99999999999999999999999999\n")
                                    << std::numeric_limits<qint64>::max();
    QTest::newRow("needs no dispatch") << QByteArray("retry: 42\ndata: cut") << qint64(42);
}

void tst_SseParser::retry()
{
    QFETCH(QByteArray, stream);
    QFETCH(qint64, expected);
    QCOMPARE(parse(stream).retry, expected);
}

void tst_SseParser::chunkedAtEveryBytePosition()
{
    const Outcome whole = parse(kSample);
    const QList<SseEvent> expected {
        withId(makeEvent("{\"id\":\"1\",\n \"title\":\"\xE5\xBE\x85\xE5\x8A\x9E\"}", "todo"), "1"),
        makeEvent("second", "message", "1"),
        makeEvent("", "message", "1"), // the id with NUL was ignored; "event" alone is an empty type: "message"
        makeEvent("after id 3", "message", "3"),
    };
    QCOMPARE(whole.events, expected);
    QCOMPARE(whole.lastEventId, QByteArray("3"));
    QCOMPARE(whole.retry, qint64(2500));
    QCOMPARE(whole.comments, qint64(2));
    QCOMPARE(whole.discardedAtEnd, qint64(1)); // "data: cut off" never ended
    for (qsizetype cut = 0; cut <= kSample.size(); ++cut) {
        const Outcome two = parseChunks({kSample.left(cut), kSample.mid(cut)});
        QVERIFY2(two == whole, qPrintable(QStringLiteral("cut at byte %1").arg(cut)));
        for (qsizetype second = cut; second <= kSample.size(); second += 7) {
            const Outcome three = parseChunks({kSample.left(cut), kSample.mid(cut, second - cut), kSample.mid(second)});
            QVERIFY2(three == whole, qPrintable(QStringLiteral("cut at bytes %1 and %2").arg(cut).arg(second)));
        }
    }
    QList<QByteArray> bytes;
    for (const char c : kSample)
        bytes.append(QByteArray(1, c));
    QVERIFY(parseChunks(bytes) == whole);
    // The same under limits that the sample stays within (its longest line has 24 bytes, its largest event 34).
    QVERIFY(parseChunks(bytes, limits(24, 34)) == whole);
    QCOMPARE(parseChunks(bytes, limits(23, 34)).dropped.size(), 1);
    QCOMPARE(parseChunks(bytes, limits(24, 33)).dropped.size(), 1);
}

void tst_SseParser::crAtChunkEndThenLf()
{
    // One line end, not two: an empty line in between would dispatch "a" on its own.
    SseParser parser;
    parser.feed("data: a\r");
    QVERIFY(!parser.hasEvent());
    parser.feed("\ndata: b\r");
    parser.feed("\n\r");
    QVERIFY(parser.hasEvent());
    QCOMPARE(parser.takeEvent().data, QByteArray("a\nb"));
    // The CR that ended the last line already dispatched: the LF of a later chunk is swallowed, nothing else.
    parser.feed("\n");
    QVERIFY(!parser.hasEvent());
    parser.feed("data: c\n\n");
    QCOMPARE(parser.takeEvent().data, QByteArray("c"));
}

void tst_SseParser::lineTooLongDropsItsEvent_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<SseEvent>>("expected");
    QTest::addColumn<QByteArray>("lastEventId");
    QTest::addColumn<int>("dropped");
    QTest::addColumn<int>("comments");
    // Lines of at most 16 bytes.
    QTest::newRow("long data line") << QByteArray("data: short\n\ndata: 0123456789abcdef\n\ndata: after\n\n")
                                    << QList<SseEvent> {makeEvent("short"), makeEvent("after")} << QByteArray() << 1
                                    << 0;
    QTest::newRow("the whole event goes") << QByteArray("data: first\ndata: 0123456789abcdef\ndata: last\n\n")
                                          << QList<SseEvent> {} << QByteArray() << 1 << 0;
    QTest::newRow("its id still counts") << QByteArray("id: 9\ndata: 0123456789abcdef\n\ndata: x\n\n")
                                         << QList<SseEvent> {makeEvent("x", "message", "9")} << QByteArray("9") << 1
                                         << 0;
    QTest::newRow("long id line") << QByteArray("id: 0123456789abcdef\ndata: x\n\n") << QList<SseEvent> {}
                                  << QByteArray() << 1 << 0;
    QTest::newRow("long comment skipped") << QByteArray(": a very long keep-alive comment\ndata: ok\n\n")
                                          << QList<SseEvent> {makeEvent("ok")} << QByteArray() << 0 << 1;
    QTest::newRow("exactly the limit") << QByteArray("data: 0123456789\n\n")
                                       << QList<SseEvent> {makeEvent("0123456789")} << QByteArray() << 0 << 0;
    QTest::newRow("one over the limit, CRLF") << QByteArray("data: 0123456789a\r\n\r\ndata: y\r\n\r\n")
                                              << QList<SseEvent> {makeEvent("y")} << QByteArray() << 1 << 0;
}

void tst_SseParser::lineTooLongDropsItsEvent()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<SseEvent>, expected);
    QFETCH(QByteArray, lastEventId);
    QFETCH(int, dropped);
    QFETCH(int, comments);
    for (const qsizetype chunk : {stream.size(), qsizetype(1), qsizetype(5)}) {
        QList<QByteArray> chunks;
        for (qsizetype pos = 0; pos < stream.size(); pos += chunk)
            chunks.append(stream.mid(pos, chunk));
        const Outcome outcome = parseChunks(chunks, limits(16, 1024));
        QCOMPARE(outcome.events, expected);
        QCOMPARE(outcome.lastEventId, lastEventId);
        QCOMPARE(outcome.dropped.size(), dropped);
        QCOMPARE(outcome.comments, qint64(comments));
        for (const SseDroppedEvent &d : outcome.dropped)
            QVERIFY2(d.reason.contains(QStringLiteral("line of more than 16 bytes")), qPrintable(d.reason));
        // The oversized line counts whole, however it was chunked (the fuzzer found it did not).
        if (chunk != stream.size() && dropped > 0)
            QCOMPARE(outcome.dropped.first().size, parseChunks({stream}, limits(16, 1024)).dropped.first().size);
    }
    if (QByteArray(QTest::currentDataTag()) == "long data line")
        QCOMPARE(parseChunks({stream}, limits(16, 1024)).dropped.first().size, qsizetype(22));
}

void tst_SseParser::eventTooLargeIsDropped()
{
    // Data of at most 12 bytes per event, the joining LFs counted.
    const Outcome outcome =
        parse("data: 123456\ndata: 67890\n\nevent: tt\ndata: 12345\ndata: 6789\n\ndata: ok\n\n", limits(64, 12));
    QCOMPARE(outcome.events, (QList<SseEvent> {makeEvent("ok")}));
    QCOMPARE(outcome.dropped.size(), 2);
    QCOMPARE(outcome.dropped.at(0).eventNumber, 1);
    QCOMPARE(outcome.dropped.at(0).type, QByteArray("message"));
    QVERIFY2(outcome.dropped.at(0).reason.contains(QStringLiteral("event of more than 12 bytes")),
             qPrintable(outcome.dropped.at(0).reason));
    QCOMPARE(outcome.dropped.at(1).eventNumber, 2);
    QCOMPARE(outcome.dropped.at(1).type, QByteArray("tt"));
    // "12345\n678\n" plus the type "t" is 11 bytes: it fits.
    QCOMPARE(parse("event: t\ndata: 12345\ndata: 678\n\n", limits(64, 12)).events,
             (QList<SseEvent> {makeEvent("12345\n678", "t")}));
}

void tst_SseParser::boundedWhileALineNeverEnds()
{
    SseParser parser(limits(1024, 4096));
    const QByteArray chunk(1000, 'x');
    parser.feed("data: ");
    for (int i = 0; i < 1000; ++i) {
        parser.feed(chunk);
        QVERIFY(parser.bufferedBytes() <= 1024);
    }
    parser.feed("\n\ndata: fine\n\n");
    QCOMPARE(parser.droppedCount(), 1);
    QVERIFY(parser.hasEvent());
    QCOMPARE(parser.takeEvent().data, QByteArray("fine"));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_SseParser::resetStartsANewStreamFromTheLastId()
{
    SseParser parser;
    parser.feed("id: 41\ndata: a\n\nid: 42\ndata: half");
    QCOMPARE(parser.takeEvent().id, QByteArray("41"));
    // The connection broke: the id of the event it cut off never counted.
    parser.reset();
    QCOMPARE(parser.lastEventId(), QByteArray("41"));
    // A new stream may start with a byte order mark again; events without an id keep the last one.
    parser.feed("\xEF\xBB\xBF"
                "data: b\n\n");
    const SseEvent b = parser.takeEvent();
    QCOMPARE(b.data, QByteArray("b"));
    QVERIFY(!b.hasId);
    QCOMPARE(b.lastEventId, QByteArray("41"));
    // A resumed stream may start from an id kept elsewhere.
    parser.reset();
    parser.setLastEventId("100");
    parser.feed("data: c\n\n");
    QCOMPARE(parser.takeEvent().lastEventId, QByteArray("100"));
    // Events not taken before a reset are forgotten.
    parser.feed("data: d\n\n");
    parser.reset();
    QVERIFY(!parser.hasEvent());
}

void tst_SseParser::finishStreamDiscardsTheIncompleteEvent()
{
    SseParser parser;
    parser.feed("data: done\n\ndata: half\n");
    parser.finishStream();
    QCOMPARE(parser.discardedAtEndCount(), 1);
    QCOMPARE(parser.pendingEventCount(), 1); // what was dispatched stays to be taken
    QCOMPARE(parser.takeEvent().data, QByteArray("done"));
    parser.feed("\n");
    QVERIFY(!parser.hasEvent());
    parser.finishStream();
    QCOMPARE(parser.discardedAtEndCount(), 1); // nothing was pending
}

QTEST_GUILESS_MAIN(tst_SseParser)
#include "tst_sseparser.moc"
