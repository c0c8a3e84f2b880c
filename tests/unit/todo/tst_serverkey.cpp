// ServerKey: the todos of several servers meet in one list and one notification area; two servers may send the same
// todo id, so each todo is known there by a key that names its server, and the first server's keys stay as they are.
#include "todo/ServerKey.h"

#include <QTest>

class tst_ServerKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstServerKeepsItsKeys();
    void otherServersAreQualified();
    void sameIdOnTwoServersStaysApart();
    void summariesOnePerServer();
};

void tst_ServerKey::firstServerKeepsItsKeys()
{
    QCOMPARE(ServerKey::qualify(QString(), QStringLiteral("id:42")), QStringLiteral("id:42"));
    QCOMPARE(ServerKey::serverOf(QStringLiteral("id:42")), QString());
    QCOMPARE(ServerKey::localKey(QStringLiteral("id:42")), QStringLiteral("id:42"));
    // An id with slashes is still the first server's.
    QCOMPARE(ServerKey::localKey(QStringLiteral("id:a/b")), QStringLiteral("id:a/b"));
}

void tst_ServerKey::otherServersAreQualified()
{
    const QString key = ServerKey::qualify(QStringLiteral("test-system"), QStringLiteral("id:a/b"));
    QCOMPARE(key, QStringLiteral("@test-system/id:a/b"));
    QCOMPARE(ServerKey::serverOf(key), QStringLiteral("test-system"));
    QCOMPARE(ServerKey::localKey(key), QStringLiteral("id:a/b"));
}

void tst_ServerKey::sameIdOnTwoServersStaysApart()
{
    const QString first = ServerKey::qualify(QString(), QStringLiteral("id:7"));
    const QString second = ServerKey::qualify(QStringLiteral("prod"), QStringLiteral("id:7"));
    QVERIFY(first != second);
    QCOMPARE(ServerKey::localKey(first), ServerKey::localKey(second));
}

void tst_ServerKey::summariesOnePerServer()
{
    QVERIFY(ServerKey::isSummaryId(ServerKey::summaryId(QString())));
    QVERIFY(ServerKey::isSummaryId(ServerKey::summaryId(QStringLiteral("prod"))));
    QVERIFY(ServerKey::summaryId(QString()) != ServerKey::summaryId(QStringLiteral("prod")));
    QCOMPARE(ServerKey::serverOf(ServerKey::summaryId(QStringLiteral("prod"))), QStringLiteral("prod"));
    QVERIFY(!ServerKey::isSummaryId(QStringLiteral("id:7")));
    QVERIFY(!ServerKey::isSummaryId(ServerKey::qualify(QStringLiteral("prod"), QStringLiteral("id:7"))));
}

QTEST_GUILESS_MAIN(tst_ServerKey)
#include "tst_serverkey.moc"
