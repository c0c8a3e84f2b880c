// TodoGenerator: the demo todo bodies have exactly the field's envelope (design.md, "The wire, from the
// field"), vary in language, business type and urgency, and are deterministic per seed.
#include "MockClock.h"
#include "TodoGenerator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

namespace {

QJsonObject parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

QJsonObject todoOf(const QJsonObject &envelope)
{
    return envelope.value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("sysMsgList"))
        .toArray()
        .first()
        .toObject();
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class tst_TodoGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envelopeHasExactlyTheFieldShape();
    void timeComesFromTheClock();
    void sysMsgNumsGrowsByOnePerBody();
    void idsAreUnique19DigitNumbers();
    void idsHave19DigitsEvenWithAnOldClock();
    void handlerUrlKeepsNonAsciiRaw();
    void mixesLanguagesTypesAndUrgencies();
    void isDeterministicPerSeed();
    void reseedRestartsTheSequence();
    void keepaliveBody();
};

void tst_TodoGenerator::envelopeHasExactlyTheFieldShape()
{
    MockClock clock;
    TodoGenerator generator(7, &clock);
    const QByteArray body = generator.nextBody();
    const QJsonObject envelope = parse(body);
    QVERIFY2(!envelope.isEmpty(), body.constData());

    QCOMPARE(sortedKeys(envelope),
             sorted({QStringLiteral("data"), QStringLiteral("fromUserId"), QStringLiteral("fromUserName")}));
    QVERIFY(envelope.value(QStringLiteral("fromUserId")).isNull());
    QVERIFY(envelope.value(QStringLiteral("fromUserName")).isNull());

    const QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
    QCOMPARE(sortedKeys(data),
             sorted({QStringLiteral("menuTipsMap"), QStringLiteral("sysMsgList"), QStringLiteral("sysMsgNums"),
                     QStringLiteral("onlineUserNums"), QStringLiteral("extraData")}));
    QVERIFY(data.value(QStringLiteral("menuTipsMap")).isNull());
    QVERIFY(data.value(QStringLiteral("onlineUserNums")).isNull());
    QVERIFY(data.value(QStringLiteral("extraData")).isNull());
    QVERIFY(data.value(QStringLiteral("sysMsgNums")).isDouble());
    QCOMPARE(data.value(QStringLiteral("sysMsgNums")).toInt(), generator.pendingCount());
    QVERIFY(data.value(QStringLiteral("sysMsgList")).isArray());
    QCOMPARE(data.value(QStringLiteral("sysMsgList")).toArray().size(), 1);

    const QJsonObject todo = todoOf(envelope);
    QCOMPARE(sortedKeys(todo),
             sorted({QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("time"),
                     QStringLiteral("handlerUrl"), QStringLiteral("userId"), QStringLiteral("metaData"),
                     QStringLiteral("pendingId"), QStringLiteral("ownerId"), QStringLiteral("ownerIdentityId")}));
    for (const QString &key :
         {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("time"), QStringLiteral("handlerUrl"),
          QStringLiteral("userId"), QStringLiteral("ownerId"), QStringLiteral("ownerIdentityId")}) {
        QVERIFY2(todo.value(key).isString() && !todo.value(key).toString().isEmpty(), qPrintable(key));
    }
    QVERIFY(todo.value(QStringLiteral("pendingId")).isNull());
    QVERIFY(todo.value(QStringLiteral("userId")).toString().startsWith(QLatin1String("uff08")));
    QCOMPARE(todo.value(QStringLiteral("ownerIdentityId")), todo.value(QStringLiteral("userId")));
    QVERIFY(QRegularExpression(QStringLiteral("^[1-9][0-9]{17}$"))
                .match(todo.value(QStringLiteral("ownerId")).toString())
                .hasMatch());
    QVERIFY(
        todo.value(QStringLiteral("handlerUrl")).toString().startsWith(QLatin1String("/service/assets/index.html#/")));
    const QString handlerUrl = todo.value(QStringLiteral("handlerUrl")).toString();
    const QString query = handlerUrl.mid(handlerUrl.indexOf(u'?') + 1);
    QVERIFY2(QRegularExpression(QStringLiteral("^id=[0-9]+&pendingId=[0-9]+&itemname=[^&]+&wfid=wf[0-9]+$"))
                 .match(query)
                 .hasMatch(),
             qPrintable(handlerUrl));

    const QJsonObject metaData = todo.value(QStringLiteral("metaData")).toObject();
    QCOMPARE(sortedKeys(metaData),
             sorted({QStringLiteral("urgency"), QStringLiteral("urgencyText"), QStringLiteral("bname"),
                     QStringLiteral("send_name"), QStringLiteral("send_dept"), QStringLiteral("node_name"),
                     QStringLiteral("pendingUrl")}));
    QVERIFY(metaData.value(QStringLiteral("urgency")).isDouble());
    const int urgency = metaData.value(QStringLiteral("urgency")).toInt();
    QVERIFY(urgency >= 0 && urgency <= 2);
    QVERIFY(metaData.value(QStringLiteral("pendingUrl")).toString().startsWith(QLatin1String("/service/")));
    QVERIFY(handlerUrl.contains(
        QStringLiteral("itemname=")
        + metaData.value(QStringLiteral("node_name")).toString().replace(u' ', QStringLiteral("%20"))));

    // Compact JSON, as a server sends it.
    QVERIFY(!body.contains('\n'));
}

void tst_TodoGenerator::timeComesFromTheClock()
{
    MockClock clock(1715848083000); // 2024-05-16 08:28:03 UTC
    TodoGenerator generator(1, &clock);
    const QString expected =
        QDateTime::fromMSecsSinceEpoch(clock.wallMs()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(todoOf(parse(generator.nextBody())).value(QStringLiteral("time")).toString(), expected);
    clock.advance(61000);
    const QString later =
        QDateTime::fromMSecsSinceEpoch(clock.wallMs()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(todoOf(parse(generator.nextBody())).value(QStringLiteral("time")).toString(), later);
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$")).match(later).hasMatch());
}

void tst_TodoGenerator::sysMsgNumsGrowsByOnePerBody()
{
    MockClock clock;
    TodoGenerator generator(3, &clock);
    const int start = generator.pendingCount();
    QVERIFY(start > 0);
    for (int i = 1; i <= 20; ++i) {
        const QJsonObject data = parse(generator.nextBody()).value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("sysMsgNums")).toInt(), start + i);
        QCOMPARE(generator.pendingCount(), start + i);
    }
    QCOMPARE(generator.generatedCount(), 20);
}

void tst_TodoGenerator::idsAreUnique19DigitNumbers()
{
    MockClock clock(1715848083000);
    TodoGenerator generator(11, &clock);
    const QRegularExpression snowflake(QStringLiteral("^[1-9][0-9]{18}$"));
    QSet<QString> ids;
    QString previous;
    for (int i = 0; i < 300; ++i) {
        if (i % 100 == 0)
            clock.advance(1); // most bodies share a millisecond; some do not
        const QString id = todoOf(parse(generator.nextBody())).value(QStringLiteral("id")).toString();
        QVERIFY2(snowflake.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(!ids.contains(id), qPrintable(id));
        ids.insert(id);
        QVERIFY(id.toLongLong() > previous.toLongLong());
        previous = id;
    }
    // The same shape as the field's ("1791022789439037441" on 2024-05-16).
    QVERIFY(previous.startsWith(QLatin1String("179")));
}

void tst_TodoGenerator::idsHave19DigitsEvenWithAnOldClock()
{
    MockClock clock(0);
    TodoGenerator generator(1, &clock);
    const QString id = todoOf(parse(generator.nextBody())).value(QStringLiteral("id")).toString();
    QCOMPARE(id.size(), 19);
}

void tst_TodoGenerator::handlerUrlKeepsNonAsciiRaw()
{
    MockClock clock;
    TodoGenerator generator(5, &clock);
    const QByteArray needle = QStringLiteral("itemname=项目主管").toUtf8();
    int found = 0;
    for (int i = 0; i < 100; ++i) {
        const QByteArray body = generator.nextBody();
        const QJsonObject todo = todoOf(parse(body));
        if (todo.value(QStringLiteral("metaData")).toObject().value(QStringLiteral("node_name")).toString()
            != QStringLiteral("项目主管"))
            continue;
        ++found;
        // Raw UTF-8 in the JSON text (not \u escapes, not percent-encoding), and intact after parsing.
        QVERIFY2(body.contains(needle), body.constData());
        const QString handlerUrl = todo.value(QStringLiteral("handlerUrl")).toString();
        QVERIFY(handlerUrl.contains(QStringLiteral("#/project/change-project-todo?")));
        QVERIFY(handlerUrl.contains(QStringLiteral("&itemname=项目主管&wfid=")));
        QVERIFY(!body.contains("\\u"));
    }
    QVERIFY(found > 0);
}

void tst_TodoGenerator::mixesLanguagesTypesAndUrgencies()
{
    MockClock clock;
    TodoGenerator generator(1, &clock);
    int chinese = 0;
    int english = 0;
    QSet<int> urgencies;
    QSet<QString> businessTypes;
    QSet<QString> departments;
    QSet<QString> senders;
    const QStringList urgencyZh {QStringLiteral("普通"), QStringLiteral("紧急"), QStringLiteral("特急")};
    const QStringList urgencyEn {QStringLiteral("Normal"), QStringLiteral("Urgent"), QStringLiteral("Critical")};
    for (int i = 0; i < 50; ++i) {
        const QJsonObject todo = todoOf(parse(generator.nextBody()));
        const QJsonObject metaData = todo.value(QStringLiteral("metaData")).toObject();
        const QString title = todo.value(QStringLiteral("title")).toString();
        const int urgency = metaData.value(QStringLiteral("urgency")).toInt();
        const QString urgencyText = metaData.value(QStringLiteral("urgencyText")).toString();
        if (title.startsWith(QStringLiteral("待办通知:"))) {
            ++chinese;
            QCOMPARE(urgencyText, urgencyZh.at(urgency));
            QVERIFY2(title.contains(u'《') && title.contains(QStringLiteral("》"))
                         && title.contains(QStringLiteral("--（")),
                     qPrintable(title));
            QVERIFY(title.endsWith(metaData.value(QStringLiteral("send_dept")).toString()));
        } else {
            QVERIFY2(title.startsWith(QLatin1String("Approval needed: ")), qPrintable(title));
            ++english;
            QCOMPARE(urgencyText, urgencyEn.at(urgency));
        }
        QVERIFY(title.contains(metaData.value(QStringLiteral("bname")).toString()));
        urgencies.insert(urgency);
        businessTypes.insert(metaData.value(QStringLiteral("bname")).toString());
        departments.insert(metaData.value(QStringLiteral("send_dept")).toString());
        senders.insert(metaData.value(QStringLiteral("send_name")).toString());
    }
    QVERIFY2(chinese >= 10 && english >= 10, qPrintable(QStringLiteral("%1 zh, %2 en").arg(chinese).arg(english)));
    QCOMPARE(urgencies.size(), 3);
    QVERIFY(businessTypes.size() >= 6);
    QVERIFY(departments.size() >= 5);
    QVERIFY(senders.size() >= 5);
    QVERIFY(businessTypes.contains(QStringLiteral("变更申请"))
            || businessTypes.contains(QStringLiteral("Change request")));
}

void tst_TodoGenerator::isDeterministicPerSeed()
{
    MockClock clockA;
    MockClock clockB;
    TodoGenerator a(42, &clockA);
    TodoGenerator b(42, &clockB);
    TodoGenerator other(43, &clockB);
    int differences = 0;
    for (int i = 0; i < 20; ++i) {
        const QByteArray bodyB = b.nextBody();
        QCOMPARE(a.nextBody(), bodyB);
        differences += other.nextBody() != bodyB ? 1 : 0;
        clockA.advance(1000);
        clockB.advance(1000);
    }
    QCOMPARE(differences, 20);
}

void tst_TodoGenerator::reseedRestartsTheSequence()
{
    MockClock clock;
    TodoGenerator generator(9, &clock);
    const QByteArray first = generator.nextBody();
    generator.nextBody();
    generator.reseed(9);
    QCOMPARE(generator.seed(), 9u);
    QCOMPARE(generator.generatedCount(), 0);
    QCOMPARE(generator.nextBody(), first);
}

void tst_TodoGenerator::keepaliveBody()
{
    QCOMPARE(TodoGenerator::keepaliveBody(), QByteArray(R"({"keepalive":"live"})"));
}

QTEST_GUILESS_MAIN(tst_TodoGenerator)
#include "tst_todogenerator.moc"
