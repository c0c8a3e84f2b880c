// The crash test of "never lose a todo, never show one twice", against the real RabbitMQ:
//
//  1. python3-stomp publishes a burst of persistent todo pushes into a durable queue;
//  2. a child process, `todo-notifier-cli listen --store FILE --ack client-individual` (prefetch 100), consumes
//     it and is killed with SIGKILL mid-burst;
//  3. before anything else touches the queue: every message the broker considers acknowledged (published minus
//     what it still holds) must already be in the store file. This is what "ACK after commit" buys; ACKing
//     before the commit would lose the todos in flight;
//  4. the child is restarted on the same file and drains the queue: then every message is in the store exactly
//     once, and no todo was announced ("todo" event) twice across both runs, although the broker redelivered
//     what the first child had received but not acknowledged.
//
// The store file is read with Qt SQL from this test, as an outsider. No sleeps: every wait is on output, a
// process, or a condition polled with QTRY_*.
#include "BrokerFixture.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTotal = 5000; // todos in the burst
constexpr int kKillAfter = 250; // "todo" events from the first child before it is killed (mid-batch: prefetch is 100)

// The listening CLI as a child process; collects its "todo" events.
class Child
{
public:
    explicit Child(const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TODO_NOTIFIER_PASSCODE"), QStringLiteral("guest"));
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { readLines(); });
        m_process.start(qEnvironmentVariable("TODO_CLI"), arguments);
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    Q_DISABLE_COPY_MOVE(Child)

    bool started() { return m_process.waitForStarted(); }
    bool isConnected() const { return m_connected; }
    const QStringList &todoKeys() const { return m_todoKeys; }
    int updates() const { return m_updates; }
    QByteArray stderrText() { return m_process.readAllStandardError(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    // SIGKILL: no flush, no DISCONNECT, no goodbye.
    void crash()
    {
        m_process.kill();
        m_process.waitForFinished();
        readLines();
    }

private:
    void readLines()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QJsonObject event = QJsonDocument::fromJson(m_buffer.left(newline)).object();
            m_buffer.remove(0, newline + 1);
            const QString kind = event.value(QLatin1String("event")).toString();
            if (kind == QLatin1String("connected"))
                m_connected = true;
            else if (kind == QLatin1String("todo"))
                m_todoKeys.append(event.value(QLatin1String("todo")).toObject().value(QLatin1String("key")).toString());
            else if (kind == QLatin1String("todo-updated"))
                ++m_updates;
        }
    }

    QProcess m_process;
    QByteArray m_buffer;
    QStringList m_todoKeys;
    int m_updates = 0;
    bool m_connected = false;
};

struct QueueState
{
    int ready = -1;
    int unacked = -1;
};

QueueState queueState(const QString &name)
{
    QString listing;
    BrokerFixture::fixture({QStringLiteral("ctl"), QStringLiteral("-q"), QStringLiteral("list_queues"),
                            QStringLiteral("name"), QStringLiteral("messages_ready"),
                            QStringLiteral("messages_unacknowledged")},
                           &listing);
    for (const QString &line : listing.split(QLatin1Char('\n'))) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        if (fields.size() == 3 && fields.at(0) == name)
            return {fields.at(1).trimmed().toInt(), fields.at(2).trimmed().toInt()};
    }
    return {};
}

// The store file as an outsider sees it: key -> deliveries.
QHash<QString, int> storedTodos(const QString &path)
{
    QHash<QString, int> todos;
    const QString name = QStringLiteral("crash-check-%1").arg(QRandomGenerator::global()->generate());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT key, deliveries FROM todos"))) {
                while (query.next())
                    todos.insert(query.value(0).toString(), query.value(1).toInt());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return todos;
}

int storedRows(const QString &path)
{
    const QString name = QStringLiteral("crash-count-%1").arg(QRandomGenerator::global()->generate());
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT count(*), count(DISTINCT todo_id) FROM todos")) && query.next())
                rows = query.value(0).toInt() == query.value(1).toInt() ? query.value(0).toInt() : -2;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

class tst_StoreCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sigkillMidBurstLosesNothingAndShowsNothingTwice();
};

void tst_StoreCrash::initTestCase()
{
    QVERIFY2(BrokerFixture::available(), "run through ctest: the rabbitmq fixture provides the broker");
    QVERIFY2(QFile::exists(qEnvironmentVariable("TODO_CLI")), "TODO_CLI must name todo-notifier-cli");
}

void tst_StoreCrash::sigkillMidBurstLosesNothingAndShowsNothingTwice()
{
    const QString queue = QStringLiteral("crash-%1").arg(QRandomGenerator::global()->generate(), 0, 36);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("todos.sqlite"));

    // 1. The burst, persistent, in a durable queue, confirmed by the broker before anyone consumes.
    QString output;
    QCOMPARE(BrokerFixture::publish({QStringLiteral("--declare-queue"), queue}, &output), 0);
    QCOMPARE(
        BrokerFixture::publish({QStringLiteral("-d"), QStringLiteral("/queue/") + queue, QStringLiteral("-n"),
                                QString::number(kTotal), QStringLiteral("--receipt"), QStringLiteral("--body-template"),
                                QStringLiteral(R"({"data":{"sysMsgList":[{"id":"crash-{i}","title":"待办 {i}",)"
                                               R"("time":"2024-05-16 16:28:03","metaData":{"urgency":0,)"
                                               R"("send_name":"张伟"}}],"sysMsgNums":{i}}})")},
                               &output, 300000),
        0);
    QVERIFY2(output.contains(QStringLiteral("published %1").arg(kTotal)), qPrintable(output));
    QTRY_COMPARE_WITH_TIMEOUT(queueState(queue).ready, kTotal, 30000);

    const QStringList arguments {
        QStringLiteral("listen"), QStringLiteral("--url"), BrokerFixture::webStompUrl().toString(),
        QStringLiteral("--login"), QStringLiteral("guest"), QStringLiteral("--destination"),
        QStringLiteral("/queue/") + queue, QStringLiteral("--ack"), QStringLiteral("client-individual"),
        // At most 100 unacknowledged: past that, every todo event means ACKs went out.
        QStringLiteral("--subscribe-header"), QStringLiteral("prefetch-count:100"), QStringLiteral("--store"), store,
        QStringLiteral("--server-timezone"), QStringLiteral("Asia/Shanghai")};

    // 2. The first child, killed mid-burst.
    QStringList announced;
    int storedAtCrash = 0;
    {
        Child first(arguments);
        QVERIFY(first.started());
        QTRY_VERIFY2_WITH_TIMEOUT(first.todoKeys().size() >= kKillAfter || !first.isRunning(),
                                  first.stderrText().constData(), 60000);
        QVERIFY2(first.isRunning(), first.stderrText().constData());
        first.crash();
        announced = first.todoKeys();
        storedAtCrash = storedRows(store);
        qInfo("first child killed after %lld todo events; %d todos in the store", qlonglong(announced.size()),
              storedAtCrash);
    }
    QVERIFY2(storedAtCrash >= int(announced.size()), "every announced todo was committed before");
    QVERIFY2(storedAtCrash < kTotal, "the child must die mid-burst (it had stored everything already)");

    // 3. What the broker considers acknowledged is in the store. Wait until it has taken back what the dead
    //    consumer held unacknowledged.
    QTRY_COMPARE_WITH_TIMEOUT(queueState(queue).unacked, 0, 30000);
    const int remaining = queueState(queue).ready;
    const int acknowledged = kTotal - remaining;
    qInfo("broker: %d acknowledged, %d to redeliver", acknowledged, remaining);
    QVERIFY2(acknowledged > 0, "the first child acknowledged nothing");
    QVERIFY2(storedAtCrash >= acknowledged,
             qPrintable(QStringLiteral("%1 messages were acknowledged but only %2 todos were stored")
                            .arg(acknowledged)
                            .arg(storedAtCrash)));

    // 4. Restart on the same file; it drains the queue.
    Child second(arguments);
    QVERIFY(second.started());
    QTRY_VERIFY_WITH_TIMEOUT(storedRows(store) == kTotal, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QueueState state = queueState(queue);
            return state.ready == 0 && state.unacked == 0;
        }(),
        60000);
    const QHash<QString, int> stored = storedTodos(store);
    int redelivered = 0;
    for (const int deliveries : stored)
        redelivered += deliveries - 1;
    // Every redelivery the store counted was reported as an update, not as a new todo.
    QTRY_COMPARE_WITH_TIMEOUT(second.updates(), redelivered, 10000);
    second.crash();

    QCOMPARE(stored.size(), kTotal);
    for (int i = 0; i < kTotal; ++i)
        QVERIFY2(stored.contains(QStringLiteral("id:crash-%1").arg(i)),
                 qPrintable(QStringLiteral("todo %1 lost").arg(i)));
    announced += second.todoKeys();
    const QSet<QString> distinct(announced.cbegin(), announced.cend());
    QCOMPARE(distinct.size(), announced.size()); // nothing announced twice, across the crash
    for (const QString &key : announced)
        QVERIFY(stored.contains(key));
    qInfo("second child: %lld new todos, %d redelivered messages recognised as known",
          qlonglong(second.todoKeys().size()), second.updates());
}

QTEST_GUILESS_MAIN(tst_StoreCrash)
#include "tst_storecrash.moc"
