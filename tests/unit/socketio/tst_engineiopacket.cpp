// EngineIoPacket and EngineIoOpen by table: every packet type of Engine.IO 4 and its data, what is not a packet
// (empty, another type digit, binary), long-polling payloads split at the record separator (a binary record refused
// with its position), and the open packet's JSON as socket.io 4 sends it, with what makes it unusable.
#include "socketio/EngineIoPacket.h"

#include <QTest>

class tst_EngineIoPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryType_data();
    void parsesEveryType();
    void refusesWhatIsNotAPacket_data();
    void refusesWhatIsNotAPacket();
    void pollingPayload();
    void pollingPayloadRefusesBinary();
    void openPacket();
    void openPacketRefusals_data();
    void openPacketRefusals();
};

void tst_EngineIoPacket::parsesEveryType_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<EngineIoPacket::Type>("type");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("open") << QByteArray(R"(0{"sid":"a"})") << EngineIoPacket::Type::Open
                          << QByteArray(R"({"sid":"a"})");
    QTest::newRow("close") << QByteArray("1") << EngineIoPacket::Type::Close << QByteArray();
    QTest::newRow("ping") << QByteArray("2") << EngineIoPacket::Type::Ping << QByteArray();
    QTest::newRow("ping probe") << QByteArray("2probe") << EngineIoPacket::Type::Ping << QByteArray("probe");
    QTest::newRow("pong probe") << QByteArray("3probe") << EngineIoPacket::Type::Pong << QByteArray("probe");
    QTest::newRow("message") << QByteArray(R"(42["todo",{"id":"1"}])") << EngineIoPacket::Type::Message
                             << QByteArray(R"(2["todo",{"id":"1"}])");
    QTest::newRow("message utf-8") << QByteArray("42[\"待办\"]") << EngineIoPacket::Type::Message
                                   << QByteArray("2[\"待办\"]");
    QTest::newRow("upgrade") << QByteArray("5") << EngineIoPacket::Type::Upgrade << QByteArray();
    QTest::newRow("noop") << QByteArray("6") << EngineIoPacket::Type::Noop << QByteArray();
}

void tst_EngineIoPacket::parsesEveryType()
{
    QFETCH(QByteArray, text);
    QFETCH(EngineIoPacket::Type, type);
    QFETCH(QByteArray, data);
    EngineIoPacket packet;
    QString error;
    QVERIFY2(EngineIoPacket::parse(text, &packet, &error), qPrintable(error));
    QCOMPARE(packet.type, type);
    QCOMPARE(packet.data, data);
    QCOMPARE(packet.toBytes(), text);
}

void tst_EngineIoPacket::refusesWhatIsNotAPacket_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("type 7") << QByteArray("7") << QStringLiteral("0x37");
    QTest::newRow("html") << QByteArray("<html>") << QStringLiteral("0x3c");
    QTest::newRow("sockjs open") << QByteArray("o") << QStringLiteral("0x6f");
    QTest::newRow("binary") << QByteArray("bAQID") << QStringLiteral("binary");
}

void tst_EngineIoPacket::refusesWhatIsNotAPacket()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    EngineIoPacket packet;
    QString error;
    QVERIFY(!EngineIoPacket::parse(text, &packet, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void tst_EngineIoPacket::pollingPayload()
{
    const QByteArray payload = QByteArray(R"(0{"sid":"x"})") + '\x1e' + "2" + '\x1e' + R"(40{"sid":"y"})";
    QList<EngineIoPacket> packets;
    QString error;
    QVERIFY2(EngineIoPacket::parsePayload(payload, &packets, &error), qPrintable(error));
    QCOMPARE(packets.size(), 3);
    QCOMPARE(packets.at(0).type, EngineIoPacket::Type::Open);
    QCOMPARE(packets.at(1).type, EngineIoPacket::Type::Ping);
    QCOMPARE(packets.at(2), (EngineIoPacket {EngineIoPacket::Type::Message, QByteArray(R"(0{"sid":"y"})")}));
    QCOMPARE(EngineIoPacket::toPayload(packets), payload);
    // One packet: no separator.
    QVERIFY(EngineIoPacket::parsePayload("6", &packets, &error));
    QCOMPARE(packets.size(), 1);
    QCOMPARE(EngineIoPacket::toPayload(packets), QByteArray("6"));
    // A separator at the end leaves an empty record: not a payload a server sends.
    QVERIFY(!EngineIoPacket::parsePayload(QByteArray("2\x1e"), &packets, &error));
    QVERIFY2(error.contains(QLatin1String("packet 2")), qPrintable(error));
    QVERIFY(packets.isEmpty());
}

void tst_EngineIoPacket::pollingPayloadRefusesBinary()
{
    QList<EngineIoPacket> packets;
    QString error;
    const QByteArray payload = QByteArray(R"(451-["a",{"_placeholder":true,"num":0}])") + '\x1e' + "bAQID";
    QVERIFY(!EngineIoPacket::parsePayload(payload, &packets, &error));
    QVERIFY2(error.contains(QLatin1String("packet 2")) && error.contains(QLatin1String("binary")), qPrintable(error));
}

void tst_EngineIoPacket::openPacket()
{
    // As socket.io 4.8 sends it.
    EngineIoOpen open;
    QString error;
    QVERIFY2(
        EngineIoOpen::parse(
            R"({"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})",
            &open, &error),
        qPrintable(error));
    QCOMPARE(open.sid, QStringLiteral("lv_VI97HAXpY6yYWAAAC"));
    QCOMPARE(open.upgrades, QStringList {QStringLiteral("websocket")});
    QVERIFY(open.offersWebSocket());
    QCOMPARE(open.pingIntervalMs, 25000);
    QCOMPARE(open.pingTimeoutMs, 20000);
    QCOMPARE(open.maxPayload, 1000000);
    QCOMPARE(open.silenceLimitMs(), 45000);
    // Over a WebSocket the list is empty (there is nothing to upgrade to), and maxPayload may be missing.
    QVERIFY(EngineIoOpen::parse(R"({"sid":"s","upgrades":[],"pingInterval":400,"pingTimeout":1000})", &open, &error));
    QVERIFY(!open.offersWebSocket());
    QCOMPARE(open.maxPayload, 0);
    QCOMPARE(open.silenceLimitMs(), 1400);
}

void tst_EngineIoPacket::openPacketRefusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("sid=1") << QStringLiteral("JSON object");
    QTest::newRow("array") << QByteArray(R"(["sid"])") << QStringLiteral("JSON object");
    QTest::newRow("no sid") << QByteArray(R"({"pingInterval":1,"pingTimeout":1})") << QStringLiteral("sid");
    QTest::newRow("empty sid") << QByteArray(R"({"sid":"","pingInterval":1,"pingTimeout":1})") << QStringLiteral("sid");
    QTest::newRow("numeric sid") << QByteArray(R"({"sid":7,"pingInterval":1,"pingTimeout":1})")
                                 << QStringLiteral("sid");
    QTest::newRow("no ping interval (Engine.IO 3 sends it too, but this one does not)")
        << QByteArray(R"({"sid":"s","pingTimeout":1})") << QStringLiteral("pingInterval");
    QTest::newRow("zero") << QByteArray(R"({"sid":"s","pingInterval":0,"pingTimeout":1})")
                          << QStringLiteral("pingInterval");
    QTest::newRow("negative") << QByteArray(R"({"sid":"s","pingInterval":1,"pingTimeout":-5})")
                              << QStringLiteral("pingInterval");
    QTest::newRow("fraction") << QByteArray(R"({"sid":"s","pingInterval":1.5,"pingTimeout":1})")
                              << QStringLiteral("pingInterval");
    QTest::newRow("a year") << QByteArray(R"({"sid":"s","pingInterval":31536000000,"pingTimeout":1})")
                            << QStringLiteral("pingInterval");
    QTest::newRow("string interval") << QByteArray(R"({"sid":"s","pingInterval":"25000","pingTimeout":1})")
                                     << QStringLiteral("pingInterval");
    QTest::newRow("upgrades not a list") << QByteArray(
        R"({"sid":"s","pingInterval":1,"pingTimeout":1,"upgrades":"ws"})")
                                         << QStringLiteral("upgrades");
}

void tst_EngineIoPacket::openPacketRefusals()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    EngineIoOpen open;
    QString error;
    QVERIFY(!EngineIoOpen::parse(json, &open, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_EngineIoPacket)
#include "tst_engineiopacket.moc"
