// PayloadParser over every body shape seen in the field (design.md), table-driven: the seed envelope verbatim,
// a single todo, an array, JSON encoded twice, plain text, keep-alives; mistyped and missing fields; and
// malformed and adversarial bodies (deep nesting, 10^6-element arrays, invalid UTF-8, huge strings), which
// must be refused or cut within the limits, never crash and never allocate without bound.
#include "todo/PayloadParser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

namespace {

// The todo push body from design.md ("The wire, from the field"), byte for byte.
const QByteArray kSeedEnvelope(R"json({"data":{"menuTipsMap":null,
         "sysMsgList":[{"id":"1791022789439037441","title":"待办通知:…《…》变更申请--（…）研发中心",
                        "time":"2024-05-16 16:28:03",
                        "handlerUrl":"/service/assets/index.html#/project/change-project-todo?id=…&pendingId=…&itemname=项目主管&wfid=…",
                        "userId":"uff08…","metaData":{"urgency":0,"urgencyText":"普通","bname":"变更申请",
                        "send_name":"…","send_dept":"研发中心","node_name":"项目主管","pendingUrl":"/service/…", "…":"…"},
                        "pendingId":null,"ownerId":"262392482820521984","ownerIdentityId":"uff08…"}],
         "sysMsgNums":11,"onlineUserNums":null,"extraData":null},
 "fromUserId":null,"fromUserName":null})json");

QByteArray jsonString(const QByteArray &json)
{
    // The same JSON as the content of a JSON string: what a server that encodes twice sends.
    return QJsonDocument(QJsonArray {QString::fromUtf8(json)}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

const QByteArray kTodo = QByteArrayLiteral(
    R"({"id":"1791022789439037442","title":"待办通知: 请假审批","time":"2024-05-16 16:30:00",)"
    R"("handlerUrl":"/service/assets/index.html#/hr/leave-todo?id=1&itemname=部门经理","userId":"u1",)"
    R"("metaData":{"urgency":1,"urgencyText":"紧急","bname":"请假审批","send_name":"李娜","send_dept":"人力资源部",)"
    R"("node_name":"部门经理","pendingUrl":"/service/pending/2","extra":{"nested":[1,2]}},)"
    R"("pendingId":"p2","ownerId":"262392482820521984","ownerIdentityId":"u1","futureField":"kept"})");

PayloadParser parserIn(const char *zone)
{
    PayloadOptions options;
    options.serverTimeZone = QTimeZone(QByteArray(zone));
    return PayloadParser(options);
}

} // namespace

class tst_PayloadParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapes_data();
    void shapes();
    void seedEnvelopeKeepsEveryField();
    void fieldsDegradeGracefully_data();
    void fieldsDegradeGracefully();
    void time_data();
    void time();
    void adversarial_data();
    void adversarial();
    void millionElementArrays();
    void cutsBetweenSurrogatePairs();
    void depthScanIgnoresStrings();
    void reasonsAreLogged();
    void completeListOnlyWhenProvablyNotPaged_data();
    void completeListOnlyWhenProvablyNotPaged();
    void removedIdsFromTheConfiguredField_data();
    void removedIdsFromTheConfiguredField();
};

void tst_PayloadParser::shapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QString>("firstTitle");
    QTest::addColumn<int>("pendingCount");
    QTest::addColumn<int>("layers");

    const int todos = int(TodoBatch::Kind::Todos);
    const QString seedTitle = QStringLiteral("待办通知:…《…》变更申请--（…）研发中心");
    const QString leaveTitle = QStringLiteral("待办通知: 请假审批");
    const QByteArray id = "T_sub-0@@session-Xy@@1";

    QTest::newRow("seed envelope, verbatim")
        << kSeedEnvelope << id << todos << QStringList {QStringLiteral("id:1791022789439037441")} << seedTitle << 11
        << 0;
    QTest::newRow("seed envelope, encoded twice")
        << jsonString(kSeedEnvelope) << id << todos << QStringList {QStringLiteral("id:1791022789439037441")}
        << seedTitle << 11 << 1;
    QTest::newRow("seed envelope, encoded three times")
        << jsonString(jsonString(kSeedEnvelope)) << id << todos
        << QStringList {QStringLiteral("id:1791022789439037441")} << seedTitle << 11 << 2;
    QTest::newRow("envelope without the data wrapper")
        << QByteArray(R"({"sysMsgList":[)" + kTodo + R"(],"sysMsgNums":"7"})") << id << todos
        << QStringList {QStringLiteral("id:1791022789439037442")} << leaveTitle << 7 << 0;
    QTest::newRow("envelope whose data is a JSON string")
        << QByteArray(R"({"data":)" + jsonString(R"({"sysMsgList":[)" + kTodo + R"(],"sysMsgNums":3})") + "}") << id
        << todos << QStringList {QStringLiteral("id:1791022789439037442")} << leaveTitle << 3 << 1;
    QTest::newRow("envelope with only the counter")
        << QByteArray(R"({"data":{"sysMsgList":null,"sysMsgNums":0},"fromUserId":null})") << id << todos
        << QStringList {} << QString() << 0 << 0;
    QTest::newRow("envelope with two todos")
        << QByteArray(R"({"data":{"sysMsgList":[{"id":"a","title":"A"},{"id":"b","title":"B"}],"sysMsgNums":2}})") << id
        << todos << QStringList {QStringLiteral("id:a"), QStringLiteral("id:b")} << QStringLiteral("A") << 2 << 0;
    QTest::newRow("single todo object") << kTodo << id << todos
                                        << QStringList {QStringLiteral("id:1791022789439037442")} << leaveTitle << -1
                                        << 0;
    QTest::newRow("single todo, encoded twice")
        << jsonString(kTodo) << id << todos << QStringList {QStringLiteral("id:1791022789439037442")} << leaveTitle
        << -1 << 1;
    QTest::newRow("array of todos") << QByteArray("[" + kTodo + R"(,{"id":42,"title":"Numeric id"}])") << id << todos
                                    << QStringList {QStringLiteral("id:1791022789439037442"), QStringLiteral("id:42")}
                                    << leaveTitle << -1 << 0;
    QTest::newRow("empty array") << QByteArray("[]") << id << todos << QStringList {} << QString() << -1 << 0;
    QTest::newRow("plain text") << QByteArray("  系统将于今晚 22:00 维护\n") << id << todos
                                << QStringList {QStringLiteral("msg:T_sub-0@@session-Xy@@1")}
                                << QStringLiteral("系统将于今晚 22:00 维护") << -1 << 0;
    QTest::newRow("plain text, encoded as a JSON string")
        << QByteArray(R"("Server maintenance tonight")") << id << todos
        << QStringList {QStringLiteral("msg:T_sub-0@@session-Xy@@1")} << QStringLiteral("Server maintenance tonight")
        << -1 << 0;
    QTest::newRow("text that starts with a quote") << QByteArray(R"("Hello" she said)") << id << todos
                                                   << QStringList {QStringLiteral("msg:T_sub-0@@session-Xy@@1")}
                                                   << QStringLiteral("\"Hello\" she said") << -1 << 0;
    QTest::newRow("plain text without message-id")
        << QByteArray("hello") << QByteArray() << todos
        << QStringList {QStringLiteral("sha1:aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")} << QStringLiteral("hello")
        << -1 << 0;
    QTest::newRow("keep-alive") << QByteArray(R"({"keepalive":"live"})") << id << int(TodoBatch::Kind::KeepAlive)
                                << QStringList {} << QString() << -1 << 0;
    QTest::newRow("keep-alive with a timestamp")
        << QByteArray(R"({"heartbeat":true,"timestamp":1715848083000})") << id << int(TodoBatch::Kind::KeepAlive)
        << QStringList {} << QString() << -1 << 0;
    QTest::newRow("keep-alive, encoded twice")
        << jsonString(R"({"keepalive":"live"})") << id << int(TodoBatch::Kind::KeepAlive) << QStringList {} << QString()
        << -1 << 1;
    QTest::newRow("empty body") << QByteArray() << id << int(TodoBatch::Kind::Empty) << QStringList {} << QString()
                                << -1 << 0;
    QTest::newRow("whitespace body") << QByteArray(" \r\n\t ") << id << int(TodoBatch::Kind::Empty) << QStringList {}
                                     << QString() << -1 << 0;
    QTest::newRow("ideographic spaces only")
        << QByteArray("\u3000 \u3000") << id << int(TodoBatch::Kind::Empty) << QStringList {} << QString() << -1 << 0;
    QTest::newRow("JSON string of spaces")
        << QByteArray(R"("   ")") << id << int(TodoBatch::Kind::Empty) << QStringList {} << QString() << -1 << 0;
    QTest::newRow("an unrelated object") << QByteArray(R"({"event":"login","user":"x"})") << id
                                         << int(TodoBatch::Kind::Ignored) << QStringList {} << QString() << -1 << 0;
    QTest::newRow("envelope without todos or counter")
        << QByteArray(R"({"data":{"sysMsgList":null,"sysMsgNums":null},"fromUserId":null})") << id
        << int(TodoBatch::Kind::Ignored) << QStringList {} << QString() << -1 << 0;
    QTest::newRow("array of numbers") << QByteArray("[1,2,3]") << id << int(TodoBatch::Kind::Ignored) << QStringList {}
                                      << QString() << -1 << 0;
    QTest::newRow("truncated JSON") << QByteArray(R"({"data":{"sysMsgList":[{"id":"1")") << id
                                    << int(TodoBatch::Kind::Invalid) << QStringList {} << QString() << -1 << 0;
    QTest::newRow("JSON string holding broken JSON")
        << jsonString(R"({"id":)") << id << int(TodoBatch::Kind::Invalid) << QStringList {} << QString() << -1 << 1;
}

void tst_PayloadParser::shapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, messageId);
    QFETCH(int, kind);
    QFETCH(QStringList, keys);
    QFETCH(QString, firstTitle);
    QFETCH(int, pendingCount);
    QFETCH(int, layers);

    const TodoBatch batch = PayloadParser().parse(body, messageId);
    QCOMPARE(todoBatchKindName(batch.kind), todoBatchKindName(TodoBatch::Kind(kind)));
    QStringList actualKeys;
    for (const Todo &todo : batch.todos)
        actualKeys.append(todo.key);
    QCOMPARE(actualKeys, keys);
    if (!keys.isEmpty())
        QCOMPARE(batch.todos.first().title, firstTitle);
    QCOMPARE(batch.pendingCount, pendingCount);
    QCOMPARE(batch.layers, layers);
    QCOMPARE(batch.isPayload(), kind == int(TodoBatch::Kind::Todos));
    if (batch.kind == TodoBatch::Kind::Invalid || batch.kind == TodoBatch::Kind::Ignored)
        QVERIFY2(!batch.error.isEmpty(), "a refused body says why");
}

void tst_PayloadParser::seedEnvelopeKeepsEveryField()
{
    const TodoBatch batch = parserIn("Asia/Shanghai").parse(kSeedEnvelope, "m-1");
    QCOMPARE(batch.todos.size(), 1);
    QVERIFY2(batch.notes.isEmpty(), qPrintable(batch.notes.join(QLatin1Char('\n'))));
    const Todo &todo = batch.todos.first();
    QCOMPARE(todo.kind, Todo::Kind::Json);
    QCOMPARE(todo.id, QStringLiteral("1791022789439037441"));
    QCOMPARE(todo.timeText, QStringLiteral("2024-05-16 16:28:03"));
    QCOMPARE(todo.time, QDateTime(QDate(2024, 5, 16), QTime(8, 28, 3), Qt::UTC));
    QCOMPARE(todo.handlerUrl,
             QStringLiteral("/service/assets/index.html#/project/change-project-todo?id=…&pendingId=…"
                            "&itemname=项目主管&wfid=…"));
    QCOMPARE(todo.userId, QStringLiteral("uff08…"));
    QCOMPARE(todo.pendingId, QString());
    QCOMPARE(todo.ownerId, QStringLiteral("262392482820521984"));
    QCOMPARE(todo.ownerIdentityId, QStringLiteral("uff08…"));
    QCOMPARE(todo.urgency, 0);
    QCOMPARE(todo.urgencyText, QStringLiteral("普通"));
    QCOMPARE(todo.businessName, QStringLiteral("变更申请"));
    QCOMPARE(todo.senderName, QStringLiteral("…"));
    QCOMPARE(todo.senderDepartment, QStringLiteral("研发中心"));
    QCOMPARE(todo.nodeName, QStringLiteral("项目主管"));
    QCOMPARE(todo.pendingUrl, QStringLiteral("/service/…"));
    // Nothing is lost: the whole source object, the unknown metaData key "…" included.
    const QJsonObject source = QJsonDocument::fromJson(kSeedEnvelope)
                                   .object()
                                   .value(QLatin1String("data"))
                                   .toObject()
                                   .value(QLatin1String("sysMsgList"))
                                   .toArray()
                                   .at(0)
                                   .toObject();
    QCOMPARE(todo.source, source);
    QCOMPARE(todo.metaData().value(QStringLiteral("…")).toString(), QStringLiteral("…"));
    QVERIFY(todo.source.value(QLatin1String("pendingId")).isNull());

    const TodoBatch other = PayloadParser().parse(kTodo, "m-2");
    QCOMPARE(other.todos.first().source.value(QLatin1String("futureField")).toString(), QStringLiteral("kept"));
    QCOMPARE(other.todos.first().metaData().value(QLatin1String("extra")).toObject().value(QLatin1String("nested")),
             QJsonValue(QJsonArray {1, 2}));
}

void tst_PayloadParser::fieldsDegradeGracefully_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("urgency");
    QTest::addColumn<bool>("hasTime");
    QTest::addColumn<QString>("note"); // part of the note that explains the degradation; empty: no note

    QTest::newRow("19-digit numeric id, exact")
        << QByteArray(R"({"id":1791022789439037441,"title":"t"})") << QStringLiteral("id:1791022789439037441")
        << QStringLiteral("t") << 0 << false << QString();
    QTest::newRow("no id: keyed by message-id") << QByteArray(R"({"title":"t"})") << QStringLiteral("msg:mid")
                                                << QStringLiteral("t") << 0 << false << QStringLiteral("without an id");
    QTest::newRow("id is an object") << QByteArray(R"({"id":{"x":1},"title":"t"})") << QStringLiteral("msg:mid")
                                     << QStringLiteral("t") << 0 << false << QStringLiteral("id is an object");
    QTest::newRow("no title: the business name")
        << QByteArray(R"({"id":"1","metaData":{"bname":"变更申请"}})") << QStringLiteral("id:1")
        << QStringLiteral("变更申请") << 0 << false << QStringLiteral("has no title");
    QTest::newRow("no title at all") << QByteArray(R"({"id":"1"})") << QStringLiteral("id:1")
                                     << QStringLiteral("Untitled todo") << 0 << false << QStringLiteral("has no title");
    QTest::newRow("numeric title") << QByteArray(R"({"id":"1","title":12.5})") << QStringLiteral("id:1")
                                   << QStringLiteral("12.5") << 0 << false << QString();
    QTest::newRow("title is an array") << QByteArray(R"({"id":"1","title":["a"]})") << QStringLiteral("id:1")
                                       << QStringLiteral("Untitled todo") << 0 << false
                                       << QStringLiteral("title is an array");
    QTest::newRow("urgency as a string") << QByteArray(R"({"id":"1","title":"t","metaData":{"urgency":"2"}})")
                                         << QStringLiteral("id:1") << QStringLiteral("t") << 2 << false << QString();
    QTest::newRow("urgency not a number")
        << QByteArray(R"({"id":"1","title":"t","metaData":{"urgency":"high"}})") << QStringLiteral("id:1")
        << QStringLiteral("t") << 0 << false << QStringLiteral("urgency");
    QTest::newRow("urgency out of range") << QByteArray(R"({"id":"1","title":"t","metaData":{"urgency":1e300}})")
                                          << QStringLiteral("id:1") << QStringLiteral("t") << 9 << false << QString();
    QTest::newRow("metaData is a string")
        << QByteArray(R"({"id":"1","title":"t","metaData":"{}"})") << QStringLiteral("id:1") << QStringLiteral("t") << 0
        << false << QStringLiteral("metaData is a string");
    QTest::newRow("time not understood") << QByteArray(R"({"id":"1","title":"t","time":"yesterday"})")
                                         << QStringLiteral("id:1") << QStringLiteral("t") << 0 << false
                                         << QStringLiteral("not understood");
    QTest::newRow("time as epoch ms") << QByteArray(R"({"id":"1","title":"t","time":1715848083000})")
                                      << QStringLiteral("id:1") << QStringLiteral("t") << 0 << true << QString();
    QTest::newRow("handlerUrl is a number") << QByteArray(R"({"id":"1","title":"t","handlerUrl":5})")
                                            << QStringLiteral("id:1") << QStringLiteral("t") << 0 << false << QString();
}

void tst_PayloadParser::fieldsDegradeGracefully()
{
    QFETCH(QByteArray, object);
    QFETCH(QString, key);
    QFETCH(QString, title);
    QFETCH(int, urgency);
    QFETCH(bool, hasTime);
    QFETCH(QString, note);

    // Inside an envelope the n-th id-less todo is keyed "msg:<id>#n"; alone it is "msg:<id>".
    const TodoBatch batch = PayloadParser().parse(object, "mid");
    QCOMPARE(batch.kind, TodoBatch::Kind::Todos);
    QCOMPARE(batch.todos.size(), 1);
    const Todo &todo = batch.todos.first();
    QCOMPARE(todo.key, key);
    QCOMPARE(todo.title, title);
    QCOMPARE(todo.urgency, urgency);
    QCOMPARE(todo.time.isValid(), hasTime);
    if (note.isEmpty()) {
        QVERIFY2(batch.notes.isEmpty(), qPrintable(batch.notes.join(QLatin1Char('\n'))));
    } else {
        QVERIFY2(batch.notes.join(QLatin1Char('\n')).contains(note), qPrintable(batch.notes.join(QLatin1Char('\n'))));
    }

    const TodoBatch listed = PayloadParser().parse("[{\"id\":\"x\"}," + object + "]", "mid");
    QCOMPARE(listed.todos.size(), 2);
    QCOMPARE(listed.todos.at(1).key, key == QLatin1String("msg:mid") ? QStringLiteral("msg:mid#1") : key);
}

void tst_PayloadParser::time_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("expected"); // UTC; invalid: not understood

    const QDateTime utc(QDate(2024, 5, 16), QTime(8, 28, 3), Qt::UTC);
    QTest::newRow("field format, Shanghai")
        << QJsonValue(QStringLiteral("2024-05-16 16:28:03")) << QByteArray("Asia/Shanghai") << utc;
    QTest::newRow("field format, UTC") << QJsonValue(QStringLiteral("2024-05-16 08:28:03")) << QByteArray("UTC") << utc;
    QTest::newRow("field format, Berlin summer time")
        << QJsonValue(QStringLiteral("2024-05-16 10:28:03")) << QByteArray("Europe/Berlin") << utc;
    QTest::newRow("slashes") << QJsonValue(QStringLiteral("2024/05/16 16:28:03")) << QByteArray("Asia/Shanghai") << utc;
    QTest::newRow("no seconds") << QJsonValue(QStringLiteral("2024-05-16 16:28")) << QByteArray("Asia/Shanghai")
                                << utc.addSecs(-3);
    QTest::newRow("milliseconds") << QJsonValue(QStringLiteral("2024-05-16 16:28:03.250"))
                                  << QByteArray("Asia/Shanghai") << utc.addMSecs(250);
    QTest::newRow("date only") << QJsonValue(QStringLiteral("2024-05-16")) << QByteArray("Asia/Shanghai")
                               << QDateTime(QDate(2024, 5, 15), QTime(16, 0), Qt::UTC);
    QTest::newRow("ISO 8601 with offset")
        << QJsonValue(QStringLiteral("2024-05-16T16:28:03+08:00")) << QByteArray("Europe/Berlin") << utc;
    QTest::newRow("ISO 8601 with compact offset")
        << QJsonValue(QStringLiteral("2024-05-16T03:28:03-0500")) << QByteArray("Asia/Shanghai") << utc;
    QTest::newRow("ISO 8601 Z") << QJsonValue(QStringLiteral("2024-05-16T08:28:03Z")) << QByteArray("Asia/Shanghai")
                                << utc;
    QTest::newRow("ISO 8601 without offset: server zone")
        << QJsonValue(QStringLiteral("2024-05-16T16:28:03")) << QByteArray("Asia/Shanghai") << utc;
    QTest::newRow("epoch ms") << QJsonValue(1715848083000.0) << QByteArray("Asia/Shanghai") << utc;
    QTest::newRow("epoch ms as text") << QJsonValue(QStringLiteral("1715848083000")) << QByteArray("UTC") << utc;
    QTest::newRow("epoch seconds") << QJsonValue(1715848083.0) << QByteArray("UTC") << utc;
    QTest::newRow("words") << QJsonValue(QStringLiteral("yesterday")) << QByteArray("UTC") << QDateTime();
    QTest::newRow("month 13") << QJsonValue(QStringLiteral("2024-13-01 00:00:00")) << QByteArray("UTC") << QDateTime();
    QTest::newRow("hour 25") << QJsonValue(QStringLiteral("2024-05-16 25:00:00")) << QByteArray("UTC") << QDateTime();
    QTest::newRow("negative") << QJsonValue(-5.0) << QByteArray("UTC") << QDateTime();
    QTest::newRow("far future") << QJsonValue(1e20) << QByteArray("UTC") << QDateTime();
    QTest::newRow("empty") << QJsonValue(QString()) << QByteArray("UTC") << QDateTime();
    QTest::newRow("object") << QJsonValue(QJsonObject {}) << QByteArray("UTC") << QDateTime();
}

void tst_PayloadParser::time()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, expected);
    const QTimeZone timeZone(zone);
    QVERIFY(timeZone.isValid());
    const QDateTime parsed = PayloadParser::parseTime(value, timeZone);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
}

void tst_PayloadParser::adversarial_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("error"); // part of the reason; empty when not refused
    QTest::addColumn<int>("todos");

    const int invalid = int(TodoBatch::Kind::Invalid);
    QTest::newRow("nesting 33 deep") << QByteArray(33, '[') + QByteArray(33, ']') << invalid
                                     << QStringLiteral("nested deeper than 32") << 0;
    QTest::newRow("nesting 32 deep is fine") << QByteArray(31, '[') + "{\"id\":\"d\"}" + QByteArray(31, ']')
                                             << int(TodoBatch::Kind::Ignored) << QString() << 0;
    QTest::newRow("nesting 100000 deep, unbalanced")
        << QByteArray(100000, '[') << invalid << QStringLiteral("nested deeper") << 0;
    QTest::newRow("nesting 100000 deep in objects")
        << QByteArray("{\"a\":").repeated(100000) << invalid << QStringLiteral("nested deeper") << 0;
    QTest::newRow("nesting inside an encoded string")
        << jsonString(QByteArray(40, '[') + QByteArray(40, ']')) << invalid << QStringLiteral("nested deeper") << 0;
    QTest::newRow("encoded four times: three strings to unwrap")
        << jsonString(jsonString(jsonString(R"({"id":"1","title":"t"})"))) << int(TodoBatch::Kind::Todos) << QString()
        << 1;
    QTest::newRow("encoded five times: four strings to unwrap")
        << jsonString(jsonString(jsonString(jsonString(R"({"id":"1","title":"t"})")))) << invalid
        << QStringLiteral("more than 3 times") << 0;
    QTest::newRow("invalid UTF-8 in JSON")
        << QByteArray("{\"id\":\"1\",\"title\":\"\xff\xfe\xfd\"}") << invalid << QStringLiteral("malformed JSON") << 0;
    QTest::newRow("overlong UTF-8 in JSON")
        << QByteArray("{\"id\":\"1\",\"title\":\"\xc0\xaf\"}") << invalid << QStringLiteral("malformed JSON") << 0;
    QTest::newRow("invalid UTF-8 in text")
        << QByteArray("caf\xe9 \xff ok") << int(TodoBatch::Kind::Todos) << QString() << 1;
    QTest::newRow("NUL bytes in text") << QByteArray("a\0b", 3) << int(TodoBatch::Kind::Todos) << QString() << 1;
    QTest::newRow("body over the size limit")
        << QByteArray(4 * 1024 * 1024 + 1, ' ') << invalid << QStringLiteral("larger than the limit") << 0;
    QTest::newRow("lone surrogate escape")
        << QByteArray(R"({"id":"1","title":"\ud800"})") << int(TodoBatch::Kind::Todos) << QString() << 1;
    QTest::newRow("garbage after JSON") << QByteArray(R"({"id":"1"} trailing)") << invalid
                                        << QStringLiteral("malformed JSON") << 0;
    QTest::newRow("only brackets") << QByteArray("]]]]}}}") << int(TodoBatch::Kind::Todos) << QString() << 1;
}

void tst_PayloadParser::adversarial()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, error);
    QFETCH(int, todos);
    const TodoBatch batch = PayloadParser().parse(body, "adversary");
    QCOMPARE(todoBatchKindName(batch.kind), todoBatchKindName(TodoBatch::Kind(kind)));
    QVERIFY2(batch.error.contains(error), qPrintable(batch.error));
    QCOMPARE(batch.todos.size(), todos);
    for (const Todo &todo : batch.todos)
        QVERIFY(todo.title.size() <= PayloadLimits().maxFieldLength);
}

void tst_PayloadParser::millionElementArrays()
{
    constexpr int kElements = 1000000;
    // 10^6 numbers (2 MB, under the size limit): no todo in it, and only maxNotes notes are kept.
    QByteArray numbers;
    numbers.reserve(kElements * 2 + 2);
    numbers += '[';
    for (int i = 0; i < kElements; ++i)
        numbers += i == 0 ? "0" : ",0";
    numbers += ']';
    TodoBatch batch = PayloadParser().parse(numbers, "numbers");
    QCOMPARE(batch.kind, TodoBatch::Kind::Ignored);
    QVERIFY2(batch.error.contains(QLatin1String("1000000 elements")), qPrintable(batch.error));
    QCOMPARE(batch.notes.size(), PayloadLimits().maxNotes);
    QCOMPARE(batch.droppedNotes, kElements - PayloadLimits().maxNotes);

    // 10^6 todo objects (3 MB): only maxTodos are taken, and a note says so.
    QByteArray objects;
    objects.reserve(kElements * 3 + 2);
    objects += '[';
    for (int i = 0; i < kElements; ++i)
        objects += i == 0 ? "{}" : ",{}";
    objects += ']';
    batch = PayloadParser().parse(objects, "objects");
    QCOMPARE(batch.kind, TodoBatch::Kind::Todos);
    QCOMPARE(batch.todos.size(), PayloadLimits().maxTodos);
    QCOMPARE(batch.todos.last().key, QStringLiteral("msg:objects#%1").arg(PayloadLimits().maxTodos - 1));
    QVERIFY(batch.notes.size() <= PayloadLimits().maxNotes);
    bool cut = false;
    for (const QString &note : std::as_const(batch.notes))
        cut = cut || note.contains(QLatin1String("only the first 2000 todos of a list of 1000000 elements"));
    QVERIFY2(cut || batch.droppedNotes > 0, "the cut is reported");

    // 10^6 real todos are more bytes than a body may have: refused before parsing.
    QByteArray todos;
    todos += '[';
    for (int i = 0; i < kElements; ++i)
        todos += (i == 0 ? "{\"id\":\"" : ",{\"id\":\"") + QByteArray::number(i) + "\",\"title\":\"t\"}";
    todos += ']';
    batch = PayloadParser().parse(todos, "todos");
    QCOMPARE(batch.kind, TodoBatch::Kind::Invalid);
    QVERIFY(batch.error.contains(QLatin1String("larger than the limit")));

    // A huge string field is cut to maxFieldLength, the source keeps it whole (it was within the body limit).
    const QByteArray huge(3 * 1024 * 1024, 'x');
    batch = PayloadParser().parse("{\"id\":\"h\",\"title\":\"" + huge + "\"}", "huge");
    QCOMPARE(batch.todos.size(), 1);
    QCOMPARE(batch.todos.first().title.size(), PayloadLimits().maxFieldLength);
    QCOMPARE(batch.todos.first().source.value(QLatin1String("title")).toString().size(), huge.size());
    QVERIFY(batch.notes.join(QLatin1Char('\n')).contains(QLatin1String("cut to 16384")));
}

void tst_PayloadParser::cutsBetweenSurrogatePairs()
{
    // Found while seeding fuzz/regressions/payload_parser: a field cut to maxFieldLength right after the first half
    // of a surrogate pair kept a lone high surrogate.
    PayloadOptions options;
    options.limits.maxFieldLength = 64;
    const QString x63(63, QLatin1Char('x'));
    const QString emoji = QStringLiteral("\U0001F600");
    const TodoBatch batch = PayloadParser(options).parse("{\"id\":\"7\",\"title\":\"" + (x63 + emoji + emoji).toUtf8()
                                                             + "\",\"userId\":\"" + x63.toUtf8() + "x\"}",
                                                         "m");
    QCOMPARE(batch.todos.size(), 1);
    QCOMPARE(batch.todos.first().title, x63);
    QCOMPARE(batch.todos.first().userId.size(), 64); // no pair at the cut: the full limit

    const TodoBatch text = PayloadParser(options).parse((x63 + emoji).toUtf8(), "t");
    QCOMPARE(text.todos.size(), 1);
    QCOMPARE(text.todos.first().title, x63);
    const TodoBatch fits = PayloadParser(options).parse((QString(62, QLatin1Char('y')) + emoji).toUtf8(), "f");
    QCOMPARE(fits.todos.first().title.size(), 64);
}

void tst_PayloadParser::depthScanIgnoresStrings()
{
    QCOMPARE(PayloadParser::jsonDepth(R"({"a":[1,{"b":[]}]})", 100), 4);
    QCOMPARE(PayloadParser::jsonDepth("{\"a\":\"[[[[{{{{\\\"[[[[\"}", 100), 1);
    QCOMPARE(PayloadParser::jsonDepth(QByteArray(1000, '['), 10), 11); // stops early
    const QByteArray brackets = "{\"id\":\"b\",\"title\":\"" + QByteArray(5000, '[') + "\"}";
    const TodoBatch batch = PayloadParser().parse(brackets, "b");
    QCOMPARE(batch.kind, TodoBatch::Kind::Todos);
    QCOMPARE(batch.todos.first().title, QString(5000, QLatin1Char('[')));
}

void tst_PayloadParser::reasonsAreLogged()
{
    // A refused body is a warning, a degraded field a note; both name the message.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^message m-9 invalid - malformed JSON")));
    QCOMPARE(PayloadParser().parse("{oops", "m-9").kind, TodoBatch::Kind::Invalid);
    QTest::ignoreMessage(
        QtInfoMsg, QRegularExpression(QStringLiteral("^message m-10 - todo 1: time \"yesterday\" not understood")));
    QCOMPARE(PayloadParser().parse(R"({"id":"1","title":"t","time":"yesterday"})", "m-10").todos.size(), 1);
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    QCOMPARE(PayloadParser().parse(R"({"keepalive":"live"})", "m-11").kind, TodoBatch::Kind::KeepAlive);
}

void tst_PayloadParser::completeListOnlyWhenProvablyNotPaged_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("complete");
    const QByteArray two = R"([{"id":"1","title":"a"},{"id":"2","title":"b"}])";
    const auto envelope = [&two](const QByteArray &fields) -> QByteArray {
        return QByteArray(R"({"code":0,"data":{"sysMsgList":)") + two + fields + "}}";
    };
    QTest::newRow("count equals the list") << envelope(R"(,"sysMsgNums":2)") << true;
    QTest::newRow("count as a string") << envelope(R"(,"sysMsgNums":"2")") << true;
    QTest::newRow("no wrapper") << QByteArray(QByteArray(R"({"sysMsgList":)") + two + R"(,"sysMsgNums":2})") << true;
    QTest::newRow("empty list, count 0") << QByteArray(R"({"data":{"sysMsgList":[],"sysMsgNums":0}})") << true;
    QTest::newRow("a total equal to the list") << envelope(R"(,"sysMsgNums":2,"total":2)") << true;
    QTest::newRow("no count") << envelope("") << false;
    QTest::newRow("count larger than the list") << envelope(R"(,"sysMsgNums":3)") << false;
    QTest::newRow("a total larger than the list") << envelope(R"(,"sysMsgNums":2,"totalCount":40)") << false;
    QTest::newRow("pageNo") << envelope(R"(,"sysMsgNums":2,"pageNo":1)") << false;
    QTest::newRow("pageSize") << envelope(R"(,"sysMsgNums":2,"pageSize":2)") << false;
    QTest::newRow("hasMore") << envelope(R"(,"sysMsgNums":2,"hasMore":false)") << false;
    QTest::newRow("next") << envelope(R"(,"sysMsgNums":2,"next":"/pending?page=2")") << false;
    QTest::newRow("cursor") << envelope(R"(,"sysMsgNums":2,"cursor":"abc")") << false;
    QTest::newRow("paging beside the envelope")
        << QByteArray(QByteArray(R"({"page":1,"data":{"sysMsgList":)") + two + R"(,"sysMsgNums":2}})") << false;
    QTest::newRow("an element that is not a todo")
        << QByteArray(R"({"data":{"sysMsgList":[{"id":"1","title":"a"},7],"sysMsgNums":2}})") << false;
    QTest::newRow("a bare list") << two << false;
}

void tst_PayloadParser::completeListOnlyWhenProvablyNotPaged()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, complete);
    const TodoBatch batch = PayloadParser().parse(body, "m1");
    QCOMPARE(batch.kind, TodoBatch::Kind::Todos);
    QCOMPARE(batch.completeList, complete);
}

void tst_PayloadParser::removedIdsFromTheConfiguredField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("removalOnly");
    QTest::newRow("strings and numbers") << QStringLiteral("data.removedIds")
                                         << QByteArray(R"({"data":{"removedIds":["7",1791022789439037441]}})")
                                         << QStringList {QStringLiteral("7"), QStringLiteral("1791022789439037441")}
                                         << true;
    QTest::newRow("beside an envelope") << QStringLiteral("data.removedIds")
                                        << QByteArray(R"({"data":{"sysMsgList":[],"sysMsgNums":4,"removedIds":["a"]}})")
                                        << QStringList {QStringLiteral("a")} << false;
    QTest::newRow("a single id") << QStringLiteral("done") << QByteArray(R"({"done":"x1"})")
                                 << QStringList {QStringLiteral("x1")} << true;
    QTest::newRow("encoded twice") << QStringLiteral("removed") << QByteArray(R"("{\"removed\":[\"r1\"]}")")
                                   << QStringList {QStringLiteral("r1")} << true;
    QTest::newRow("off") << QString() << QByteArray(R"({"data":{"removedIds":["7"]}})") << QStringList() << false;
    QTest::newRow("not there") << QStringLiteral("data.removedIds")
                               << QByteArray(R"({"data":{"sysMsgList":[],"sysMsgNums":1}})") << QStringList() << false;
}

void tst_PayloadParser::removedIdsFromTheConfiguredField()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, ids);
    QFETCH(bool, removalOnly);
    PayloadOptions options;
    options.removedIdsField = field;
    const TodoBatch batch = PayloadParser(options).parse(body, "m1");
    QCOMPARE(batch.removedIds, ids);
    QCOMPARE(batch.isRemovalOnly(), removalOnly);
    if (!ids.isEmpty())
        QVERIFY(batch.isPayload()); // it goes to the store, which marks them done
}

QTEST_GUILESS_MAIN(tst_PayloadParser)
#include "tst_payloadparser.moc"
