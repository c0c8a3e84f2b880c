// OutgoingQueue: messages a person sent while offline survive a restart in order, leave no file once sent, and a file
// that cannot be read is kept aside with a clear reason instead of being lost.
#include "source/OutgoingQueue.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_OutgoingQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void survivesARestartInOrder();
    void noFileOnceEverythingWentOut();
    void unreadableFileIsKeptAside();
    void unwritableFileRefusesTheMessage();
    void memoryOnlyWithoutAPath();
    void defaultPathIsPerServer();
};

void tst_OutgoingQueue::survivesARestartInOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/queue.json"));
    {
        OutgoingQueue queue(path);
        QVERIFY(queue.load());
        QVERIFY(queue.append(QStringLiteral("一")));
        QVERIFY(queue.append(QStringLiteral(R"({"approve":"42"})")));
    }
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    OutgoingQueue again(path);
    QVERIFY(again.load());
    QCOMPARE(again.messages(), (QStringList {QStringLiteral("一"), QStringLiteral(R"({"approve":"42"})")}));
    QVERIFY(again.removeFirst());
    OutgoingQueue third(path);
    QVERIFY(third.load());
    QCOMPARE(third.messages(), QStringList {QStringLiteral(R"({"approve":"42"})")});
}

void tst_OutgoingQueue::noFileOnceEverythingWentOut()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    OutgoingQueue queue(path);
    QVERIFY(queue.append(QStringLiteral("a")));
    QVERIFY(queue.removeFirst());
    QVERIFY(queue.isEmpty());
    QVERIFY(!QFile::exists(path));
}

void tst_OutgoingQueue::unreadableFileIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\":1,\"messages\":[\"half");
    file.close();
    OutgoingQueue queue(path);
    QString error;
    QVERIFY(!queue.load(&error));
    QVERIFY2(error.contains(QStringLiteral("could not be read")) && error.contains(QStringLiteral(".unreadable")),
             qPrintable(error));
    QVERIFY(queue.isEmpty());
    QVERIFY(QFile::exists(path + QStringLiteral(".unreadable"))); // nothing thrown away
    QVERIFY(queue.append(QStringLiteral("new"))); // and the queue works again
}

void tst_OutgoingQueue::unwritableFileRefusesTheMessage()
{
    QTemporaryDir dir;
    // A directory where the file should be: it cannot be written.
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QVERIFY(QDir().mkpath(path));
    OutgoingQueue queue(path);
    QString error;
    QVERIFY(!queue.append(QStringLiteral("a"), &error));
    QVERIFY2(error.contains(QStringLiteral("cannot write")), qPrintable(error));
    QVERIFY(queue.isEmpty()); // not taken: the caller says so
}

void tst_OutgoingQueue::memoryOnlyWithoutAPath()
{
    OutgoingQueue queue;
    QVERIFY(queue.load());
    QVERIFY(queue.append(QStringLiteral("a")));
    QCOMPARE(queue.first(), QStringLiteral("a"));
    QVERIFY(queue.removeFirst());
    QVERIFY(queue.isEmpty());
}

void tst_OutgoingQueue::defaultPathIsPerServer()
{
    const QString one = OutgoingQueue::defaultPathFor(QStringLiteral("ws://a/"));
    QCOMPARE(OutgoingQueue::defaultPathFor(QStringLiteral("ws://a/")), one);
    QVERIFY(OutgoingQueue::defaultPathFor(QStringLiteral("ws://b/")) != one);
    QVERIFY(one.contains(QStringLiteral("/outbox/")));
}

QTEST_GUILESS_MAIN(tst_OutgoingQueue)
#include "tst_outgoingqueue.moc"
