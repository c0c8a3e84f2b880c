// SocketIoPacket by table: every packet type of Socket.IO 5 (the protocol of Socket.IO 3 and 4) with and without a
// namespace and an ack id, as socket.io-parser writes them; arguments handed on as their own JSON text (key order,
// big numbers, nesting and strings with brackets intact); what the reference parser refuses (reserved event names,
// a DISCONNECT with data, a CONNECT with an array, bad JSON, non-UTF-8); binary packets refused with their
// attachment count kept; what a client writes (CONNECT with auth, ACK, DISCONNECT); and the private session id of a
// server with connection state recovery.
#include "socketio/SocketIoPacket.h"

#include <QTest>

class tst_SocketIoPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void argumentsKeepTheirJson();
    void connectAnswerOfARecoveringServer();
    void refuses_data();
    void refuses();
    void binaryIsRefusedWithItsAttachments();
    void writesWhatAClientSends();
};

void tst_SocketIoPacket::parses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<SocketIoPacket::Type>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("eventName"); // Event; the sid for Connect; the message for ConnectError
    QTest::addColumn<int>("arguments");
    QTest::addColumn<QByteArray>("canonical"); // as toBytes() writes it back
    using T = SocketIoPacket::Type;
    QTest::newRow("connect") << QByteArray("0") << T::Connect << "/" << qint64(-1) << QString() << 0 << QByteArray("0");
    QTest::newRow("connect answer") << QByteArray(R"(0{"sid":"oSO0OpakMV_3jnilAAAA"})") << T::Connect << "/"
                                    << qint64(-1) << "oSO0OpakMV_3jnilAAAA" << 0
                                    << QByteArray(R"(0{"sid":"oSO0OpakMV_3jnilAAAA"})");
    QTest::newRow("connect ns answer") << QByteArray(R"(0/admin,{"sid":"x"})") << T::Connect << "/admin" << qint64(-1)
                                       << "x" << 0 << QByteArray(R"(0/admin,{"sid":"x"})");
    QTest::newRow("connect ns without comma")
        << QByteArray("0/admin") << T::Connect << "/admin" << qint64(-1) << QString() << 0 << QByteArray("0/admin,");
    QTest::newRow("root ns written out") << QByteArray("1/,") << T::Disconnect << "/" << qint64(-1) << QString() << 0
                                         << QByteArray("1");
    QTest::newRow("disconnect ns") << QByteArray("1/todos,") << T::Disconnect << "/todos" << qint64(-1) << QString()
                                   << 0 << QByteArray("1/todos,");
    QTest::newRow("event") << QByteArray(R"(2["todo",{"id":"1"}])") << T::Event << "/" << qint64(-1) << "todo" << 1
                           << QByteArray(R"(2["todo",{"id":"1"}])");
    QTest::newRow("event no args") << QByteArray(R"(2["ping-me"])") << T::Event << "/" << qint64(-1) << "ping-me" << 0
                                   << QByteArray(R"(2["ping-me"])");
    QTest::newRow("event ns ack") << QByteArray(R"(2/todos,12["todo","a",3,null])") << T::Event << "/todos"
                                  << qint64(12) << "todo" << 3 << QByteArray(R"(2/todos,12["todo","a",3,null])");
    QTest::newRow("event ack no ns") << QByteArray(R"(27["x"])") << T::Event << "/" << qint64(7) << "x" << 0
                                     << QByteArray(R"(27["x"])");
    QTest::newRow("event numeric name") << QByteArray(R"(2[42,{}])") << T::Event << "/" << qint64(-1) << "42" << 1
                                        << QByteArray(R"(2[42,{}])");
    QTest::newRow("event utf-8") << QByteArray("2/通知,[\"待办\",\"采购\"]") << T::Event << "/通知" << qint64(-1)
                                 << "待办" << 1 << QByteArray("2/通知,[\"待办\",\"采购\"]");
    QTest::newRow("ack") << QByteArray(R"(3/admin,13["bar"])") << T::Ack << "/admin" << qint64(13) << QString() << 1
                         << QByteArray(R"(3/admin,13["bar"])");
    QTest::newRow("ack empty") << QByteArray("31[]") << T::Ack << "/" << qint64(1) << QString() << 0
                               << QByteArray("31[]");
    QTest::newRow("connect error") << QByteArray(R"(4/todos,{"message":"not authorized"})") << T::ConnectError
                                   << "/todos" << qint64(-1) << "not authorized" << 0
                                   << QByteArray(R"(4/todos,{"message":"not authorized"})");
    QTest::newRow("connect error with data")
        << QByteArray(R"(4{"message":"Invalid namespace","data":{"x":1}})") << T::ConnectError << "/" << qint64(-1)
        << "Invalid namespace" << 0 << QByteArray(R"(4{"message":"Invalid namespace","data":{"x":1}})");
    QTest::newRow("connect error string (v4 protocol)")
        << QByteArray(R"(4"Not authorized")") << T::ConnectError << "/" << qint64(-1) << "Not authorized" << 0
        << QByteArray(R"(4"Not authorized")");
}

void tst_SocketIoPacket::parses()
{
    QFETCH(QByteArray, text);
    QFETCH(SocketIoPacket::Type, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, id);
    QFETCH(QString, eventName);
    QFETCH(int, arguments);
    QFETCH(QByteArray, canonical);
    SocketIoPacket packet;
    QString error;
    QVERIFY2(SocketIoPacket::parse(text, &packet, &error), qPrintable(error));
    QCOMPARE(packet.type, type);
    QCOMPARE(packet.nsp, nsp);
    QCOMPARE(packet.id, id);
    const QString said = type == SocketIoPacket::Type::Connect ? packet.sid
        : type == SocketIoPacket::Type::ConnectError           ? packet.message
                                                               : packet.eventName;
    QCOMPARE(said, eventName);
    QCOMPARE(packet.arguments.size(), arguments);
    QCOMPARE(packet.toBytes(), canonical);
    SocketIoPacket again;
    QVERIFY(SocketIoPacket::parse(canonical, &again, &error));
    QCOMPARE(again, packet);
}

void tst_SocketIoPacket::argumentsKeepTheirJson()
{
    const QByteArray text =
        R"(2["todo", {"z":1,"a":12345678901234567890,"s":"]},[\"{"} , "a \"quoted\" [x]" ,[[1,{"b":[]}]],true])";
    SocketIoPacket packet;
    QString error;
    QVERIFY2(SocketIoPacket::parse(text, &packet, &error), qPrintable(error));
    QCOMPARE(packet.eventName, QStringLiteral("todo"));
    const QList<QByteArray> expected {R"({"z":1,"a":12345678901234567890,"s":"]},[\"{"})", R"("a \"quoted\" [x]")",
                                      R"([[1,{"b":[]}]])", "true"};
    QCOMPARE(packet.arguments, expected);
    QCOMPARE(SocketIoPacket::splitArray(" [ ] "), QList<QByteArray>());
    QCOMPARE(SocketIoPacket::splitArray("[\"\\\\\",1]"), (QList<QByteArray> {"\"\\\\\"", "1"}));
}

void tst_SocketIoPacket::connectAnswerOfARecoveringServer()
{
    // socket.io 4.6+ with connectionStateRecovery: the answer carries the session's private id.
    SocketIoPacket packet;
    QString error;
    QVERIFY2(SocketIoPacket::parse(R"(0/todos,{"sid":"s-1","pid":"p-9"})", &packet, &error), qPrintable(error));
    QCOMPARE(packet.sid, QStringLiteral("s-1"));
    QCOMPARE(packet.pid, QStringLiteral("p-9"));
    QVERIFY(SocketIoPacket::parse(R"(0{"sid":"s-2"})", &packet, &error));
    QVERIFY(packet.pid.isEmpty());
}

void tst_SocketIoPacket::refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("type 7") << QByteArray("7") << QStringLiteral("unknown");
    QTest::newRow("letter") << QByteArray("x[]") << QStringLiteral("unknown");
    QTest::newRow("not utf-8") << QByteArray("2[\"\xff\"]") << QStringLiteral("UTF-8");
    QTest::newRow("bad json") << QByteArray(R"(2["todo",])") << QStringLiteral("not JSON");
    QTest::newRow("two values") << QByteArray(R"(2["a"]["b"])") << QStringLiteral("not JSON");
    QTest::newRow("brackets trick") << QByteArray(R"(2"a"],["b")") << QStringLiteral("not JSON");
    QTest::newRow("event object") << QByteArray(R"(2{"a":1})") << QStringLiteral("event name");
    QTest::newRow("event empty") << QByteArray("2[]") << QStringLiteral("event name");
    QTest::newRow("event no data") << QByteArray("2") << QStringLiteral("event name");
    QTest::newRow("event object name") << QByteArray(R"(2[{"a":1}])") << QStringLiteral("event name");
    QTest::newRow("reserved name") << QByteArray(R"(2["disconnect"])") << QStringLiteral("reserved");
    QTest::newRow("reserved connect") << QByteArray(R"(2/x,["connect"])") << QStringLiteral("reserved");
    QTest::newRow("connect array") << QByteArray(R"(0["sid"])") << QStringLiteral("JSON object");
    QTest::newRow("disconnect data") << QByteArray(R"(1{})") << QStringLiteral("with data");
    QTest::newRow("connect error number") << QByteArray("4 42") << QStringLiteral("message");
    QTest::newRow("connect error nothing") << QByteArray("4") << QStringLiteral("message");
    QTest::newRow("ack object") << QByteArray(R"(31{"a":1})") << QStringLiteral("array");
    QTest::newRow("ack id too long") << QByteArray(R"(31234567890123456["x"])") << QStringLiteral("digits");
}

void tst_SocketIoPacket::refuses()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    SocketIoPacket packet;
    QString error;
    QVERIFY(!SocketIoPacket::parse(text, &packet, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!packet.isBinary());
}

void tst_SocketIoPacket::binaryIsRefusedWithItsAttachments()
{
    SocketIoPacket packet;
    QString error;
    QVERIFY(!SocketIoPacket::parse(
        R"(52-/todos,9["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])", &packet, &error));
    QVERIFY2(error.contains(QLatin1String("binary")), qPrintable(error));
    QCOMPARE(packet.type, SocketIoPacket::Type::BinaryEvent);
    QCOMPARE(packet.attachments, 2);
    QCOMPARE(packet.nsp, QStringLiteral("/todos"));
    QCOMPARE(packet.id, 9);
    QVERIFY(!SocketIoPacket::parse(R"(61-3[{"_placeholder":true,"num":0}])", &packet, &error));
    QCOMPARE(packet.type, SocketIoPacket::Type::BinaryAck);
    QCOMPARE(packet.attachments, 1);
    // Without a valid count there is nothing to skip.
    for (const QByteArray &text : {QByteArray("5[\"a\"]"), QByteArray("50-[\"a\"]"), QByteArray("5-[\"a\"]"),
                                   QByteArray("51"), QByteArray("5123456-[]")}) {
        QVERIFY(!SocketIoPacket::parse(text, &packet, &error));
        QVERIFY2(error.contains(QLatin1String("attachment count")), qPrintable(error));
        QCOMPARE(packet.attachments, 0);
    }
}

void tst_SocketIoPacket::writesWhatAClientSends()
{
    QCOMPARE(SocketIoPacket::connectTo(QStringLiteral("/")).toBytes(), QByteArray("0"));
    QCOMPARE(SocketIoPacket::connectTo(QStringLiteral("/todos"), R"({"token":"abc"})").toBytes(),
             QByteArray(R"(0/todos,{"token":"abc"})"));
    QCOMPARE(SocketIoPacket::connectTo(QStringLiteral("/"), R"({"token":"abc"})").toBytes(),
             QByteArray(R"(0{"token":"abc"})"));
    QCOMPARE(SocketIoPacket::disconnectFrom(QStringLiteral("/todos")).toBytes(), QByteArray("1/todos,"));
    QCOMPARE(SocketIoPacket::disconnectFrom(QStringLiteral("/")).toBytes(), QByteArray("1"));
    QCOMPARE(SocketIoPacket::ackFor(QStringLiteral("/"), 12).toBytes(), QByteArray("312[]"));
    QCOMPARE(SocketIoPacket::ackFor(QStringLiteral("/a"), 0).toBytes(), QByteArray("3/a,0[]"));
}

QTEST_GUILESS_MAIN(tst_SocketIoPacket)
#include "tst_socketiopacket.moc"
