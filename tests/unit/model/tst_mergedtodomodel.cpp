// MergedTodoModel over the TodoModels of two or three real TodoStores (one per server), watched by
// QAbstractItemModelTester: one list in TodoModel's order, paged with a horizon (never a row before a newer one not
// read yet; scrolling brings every row once, in order), arrivals at the right row, qualified keys and the calls on a
// todo routed to its own server's store, the server filter, search across servers, the summed counts, and removing a
// server.
#include "MockClock.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"
#include "store/TodoStore.h"
#include "todo/PayloadParser.h"
#include "todo/ServerKey.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QString minute(int minute)
{
    return QDateTime::fromSecsSinceEpoch(1715800000 + 60 * qint64(minute), Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QJsonObject todo(const QString &id, const QString &title, const QString &time)
{
    QJsonObject object {
        {QStringLiteral("id"), id},
        {QStringLiteral("title"), title},
        {QStringLiteral("handlerUrl"), QStringLiteral("/app/index.html#/todo?id=%1").arg(id)},
        {QStringLiteral("metaData"), QJsonObject {{QStringLiteral("send_name"), QStringLiteral("Ann")}}}};
    if (!time.isEmpty())
        object.insert(QStringLiteral("time"), time);
    return object;
}

QJsonObject todo(const char *id, const char *title, const QString &time)
{
    return todo(QString::fromUtf8(id), QString::fromUtf8(title), time);
}

// Titles, newest first.
QStringList list(std::initializer_list<const char *> titles)
{
    QStringList out;
    for (const char *title : titles)
        out.append(QString::fromUtf8(title));
    return out;
}

QByteArray envelope(const QList<QJsonObject> &todos, int pending = -1)
{
    QJsonArray list;
    for (const QJsonObject &item : todos)
        list.append(item);
    QJsonObject data {{QStringLiteral("sysMsgList"), list}};
    if (pending >= 0)
        data.insert(QStringLiteral("sysMsgNums"), pending);
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
}

QStringList titles(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(TodoModel::TitleRole).toString());
    return out;
}

// One server: its store (a file of its own) and its model.
struct Server
{
    QString id;
    std::unique_ptr<TodoStore> store;
    std::unique_ptr<TodoModel> model;
};

} // namespace

class tst_MergedTodoModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void mergesInTheListOrderWithServerRoles();
    void pagingNeverListsARowBeforeANewerOneNotReadYet_data();
    void pagingNeverListsARowBeforeANewerOneNotReadYet();
    void arrivalsLandAtTheirRow();
    void anArrivalBelowTheHorizonWaits();
    void randomArrivalsAndScrollingKeepTheOrder_data();
    void randomArrivalsAndScrollingKeepTheOrder();
    void readInAnUnreadOnlyListRemovesTheRow();
    void sameIdOnTwoServersIsTwoRows();
    void callsGoToTheTodosOwnServer();
    void filterByServer();
    void searchAcrossServers();
    void countsAreSummed();
    void removeServer();

private:
    // For the tests of paging (see init()).
    void withoutTester();
    Server &addServer(const QString &id, int pageSize = TodoModel::kDefaultPageSize);
    bool commit(Server &server, const QByteArray &body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
    std::vector<std::unique_ptr<Server>> m_servers;
    std::unique_ptr<MergedTodoModel> m_merged;
    QAbstractItemModelTester *m_tester = nullptr; // owned by m_merged
    int m_messages = 0;
};

void tst_MergedTodoModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>(1715848083000);
    m_merged = std::make_unique<MergedTodoModel>();
    m_tester = new QAbstractItemModelTester(m_merged.get(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                            m_merged.get());
}

void tst_MergedTodoModel::withoutTester()
{
    // QAbstractItemModelTester calls fetchMore() at every change of the model, so with it every page is read at once.
    delete m_tester;
    m_tester = nullptr;
}

void tst_MergedTodoModel::cleanup()
{
    m_merged.reset();
    m_servers.clear();
    m_clock.reset();
    m_dir.reset();
}

Server &tst_MergedTodoModel::addServer(const QString &id, int pageSize)
{
    auto server = std::make_unique<Server>();
    server->id = id;
    server->store = std::make_unique<TodoStore>();
    server->store->setClock(m_clock.get());
    const bool opened = server->store->open(m_dir->filePath(QStringLiteral("todos-%1.sqlite").arg(id)));
    Q_ASSERT(opened);
    server->model = std::make_unique<TodoModel>(server->store.get());
    server->model->setPageSize(pageSize);
    server->model->reload();
    m_servers.push_back(std::move(server));
    return *m_servers.back();
}

bool tst_MergedTodoModel::commit(Server &server, const QByteArray &body)
{
    m_clock->advance(10);
    const PayloadParser parser(PayloadOptions {QTimeZone(QByteArrayLiteral("UTC")), {}});
    const QString messageId = QStringLiteral("m%1").arg(++m_messages);
    return server.store->commit({{parser.parse(body, messageId.toUtf8()), messageId, QString()}}).ok;
}

void tst_MergedTodoModel::mergesInTheListOrderWithServerRoles()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    Server &c = addServer(QStringLiteral("c"));
    QVERIFY(commit(a, envelope({todo("a1", "A1", minute(1)), todo("a5", "A5", minute(5))})));
    QVERIFY(commit(b, envelope({todo("b2", "B2", minute(2)), todo("b4", "B4", minute(4))})));
    QVERIFY(commit(c, envelope({todo("c3", "C3", minute(3)), todo("c6", "C6", minute(6))})));
    // Without a time, a todo goes by its arrival: now, after every minute above.
    QVERIFY(commit(b, envelope({todo("b0", "B-now", {})})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("Test system"), b.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("c"), QStringLiteral("Other org"), c.model.get()));
    QVERIFY(!m_merged->addServer(QStringLiteral("c"), QStringLiteral("again"), a.model.get()));
    QCOMPARE(m_merged->serverIds(), (QStringList {QString(), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(m_merged->serverCount(), 3);
    QCOMPARE(m_merged->serverName(QStringLiteral("b")), QStringLiteral("Test system"));

    QCOMPARE(titles(*m_merged), list({"B-now", "C6", "A5", "B4", "C3", "B2", "A1"}));
    const QModelIndex top = m_merged->index(0);
    QCOMPARE(top.data(TodoModel::KeyRole).toString(), QStringLiteral("@b/id:b0"));
    QCOMPARE(top.data(TodoModel::TodoRole).value<Todo>().key, QStringLiteral("@b/id:b0"));
    QCOMPARE(top.data(MergedTodoModel::ServerIdRole).toString(), QStringLiteral("b"));
    QCOMPARE(top.data(MergedTodoModel::ServerNameRole).toString(), QStringLiteral("Test system"));
    QCOMPARE(top.data(TodoModel::SenderRole).toString(), QStringLiteral("Ann"));
    const QModelIndex first = m_merged->index(2);
    QCOMPARE(first.data(TodoModel::KeyRole).toString(), QStringLiteral("id:a5")); // the first server's key as is
    QCOMPARE(first.data(MergedTodoModel::ServerIdRole).toString(), QString());
    QCOMPARE(m_merged->todoAt(1).key, QStringLiteral("@c/id:c6"));
    QCOMPARE(m_merged->rowOf(QStringLiteral("@c/id:c3")), 4);
    QCOMPARE(m_merged->roleNames().value(MergedTodoModel::ServerNameRole), QByteArray("serverName"));
    QCOMPARE(m_merged->roleNames().value(TodoModel::TitleRole), QByteArray("title"));

    QSignalSpy renamed(m_merged.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy servers(m_merged.get(), &MergedTodoModel::serversChanged);
    m_merged->setServerName(QStringLiteral("b"), QStringLiteral("Staging"));
    QCOMPARE(servers.size(), 1);
    QVERIFY(!renamed.isEmpty());
    QCOMPARE(top.data(MergedTodoModel::ServerNameRole).toString(), QStringLiteral("Staging"));
}

void tst_MergedTodoModel::pagingNeverListsARowBeforeANewerOneNotReadYet_data()
{
    QTest::addColumn<QString>("layout"); // which server each minute's todo goes to, oldest first
    QTest::newRow("alternating") << QStringLiteral("ababababababababababab");
    QTest::newRow("one server newer") << QStringLiteral("bbbbbbbbbbbaaaaaaaaaaa");
    QTest::newRow("clumps") << QStringLiteral("aaabbbbbbbaabbbbbaaaaabaa");
    QTest::newRow("three servers") << QStringLiteral("abcabcccccbbbaaacabbbcacb");
    QTest::newRow("one server") << QStringLiteral("aaaaaaaaaaaaa");
}

void tst_MergedTodoModel::pagingNeverListsARowBeforeANewerOneNotReadYet()
{
    QFETCH(QString, layout);
    withoutTester();
    constexpr int kPageSize = 3;
    QList<QList<QJsonObject>> todos(3);
    QStringList expected; // newest first
    for (int i = 0; i < layout.size(); ++i) {
        const int server = layout.at(i).toLatin1() - 'a';
        const QString title = QStringLiteral("%1%2").arg(layout.at(i)).arg(i);
        todos[server].append(todo(QString::number(i), title, minute(i)));
        expected.prepend(title);
    }
    for (int server = 0; server < 3; ++server) {
        if (todos.at(server).isEmpty())
            continue;
        const QString id = server == 0 ? QString() : QString(QLatin1Char('a' + server));
        Server &added = addServer(id, kPageSize);
        QVERIFY(commit(added, envelope(todos.at(server))));
        added.model->reload(); // the first page only, as when the application starts
        QVERIFY(m_merged->addServer(id, id.toUpper(), added.model.get()));
    }

    // Every list is the start of the whole list: no row before a newer one that is not read yet.
    QStringList listed = titles(*m_merged);
    QVERIFY2(expected.mid(0, listed.size()) == listed, qPrintable(listed.join(QLatin1Char(' '))));
    int fetches = 0;
    while (m_merged->canFetchMore({})) {
        QSignalSpy inserted(m_merged.get(), &QAbstractItemModel::rowsInserted);
        m_merged->fetchMore({});
        const QStringList now = titles(*m_merged);
        QVERIFY2(expected.mid(0, now.size()) == now, qPrintable(now.join(QLatin1Char(' '))));
        QVERIFY(now.size() > listed.size() || !m_merged->canFetchMore({}));
        // Scrolling appends: rows come below the ones listed, never among them.
        for (const QList<QVariant> &arguments : std::as_const(inserted))
            QCOMPARE(arguments.at(1).toInt(), int(listed.size()));
        listed = now;
        QVERIFY(++fetches < 100);
    }
    QCOMPARE(listed, expected); // every row once, in order
    QVERIFY(fetches >= (layout.size() - 1) / (kPageSize * 3)); // it did read page by page
}

void tst_MergedTodoModel::arrivalsLandAtTheirRow()
{
    Server &a = addServer(QString(), 4);
    Server &b = addServer(QStringLiteral("b"), 4);
    QVERIFY(commit(a, envelope({todo("a10", "A10", minute(10)), todo("a30", "A30", minute(30))})));
    QVERIFY(commit(b, envelope({todo("b20", "B20", minute(20)), todo("b40", "B40", minute(40))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QCOMPARE(titles(*m_merged), list({"B40", "A30", "B20", "A10"}));

    QSignalSpy reset(m_merged.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_merged.get(), &QAbstractItemModel::rowsInserted);
    // At the second server, between two rows of the first.
    QVERIFY(commit(b, envelope({todo("b25", "B25", minute(25))})));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    // At the first server, at the top.
    QVERIFY(commit(a, envelope({todo("a50", "A50", minute(50))})));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 0);
    // At the first server, at the bottom.
    QVERIFY(commit(a, envelope({todo("a5", "A5", minute(5))})));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 6);
    QCOMPARE(titles(*m_merged), list({"A50", "B40", "A30", "B25", "B20", "A10", "A5"}));
    QCOMPARE(reset.size(), 0);

    // A redelivery changes data in place.
    QSignalSpy changed(m_merged.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(commit(b, envelope({todo("b25", "B25 again", minute(25))})));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 3);
    QCOMPARE(m_merged->index(3).data(TodoModel::TitleRole).toString(), QStringLiteral("B25 again"));
    QCOMPARE(inserted.size(), 3);
}

void tst_MergedTodoModel::anArrivalBelowTheHorizonWaits()
{
    // Each model has read two rows of three; the second server's last row read (B70) is the horizon. A todo that
    // arrives at the first server below it (A60) waits: B65, not read yet, goes before it.
    withoutTester();
    Server &a = addServer(QString(), 2);
    Server &b = addServer(QStringLiteral("b"), 2);
    QVERIFY(commit(
        a, envelope({todo("a90", "A90", minute(90)), todo("a50", "A50", minute(50)), todo("a10", "A10", minute(10))})));
    QVERIFY(commit(
        b, envelope({todo("b80", "B80", minute(80)), todo("b70", "B70", minute(70)), todo("b65", "B65", minute(65))})));
    a.model->reload();
    b.model->reload();
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QCOMPARE(titles(*m_merged), list({"A90", "B80", "B70"}));

    QSignalSpy inserted(m_merged.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(commit(a, envelope({todo("a60", "A60", minute(60)), todo("a95", "A95", minute(95))})));
    QCOMPARE(a.model->rowCount(), 4); // its model has it
    QCOMPARE(titles(*m_merged), list({"A95", "A90", "B80", "B70"}));
    QCOMPARE(inserted.size(), 1);

    while (m_merged->canFetchMore({}))
        m_merged->fetchMore({});
    QCOMPARE(titles(*m_merged), list({"A95", "A90", "B80", "B70", "B65", "A60", "A50", "A10"}));
}

void tst_MergedTodoModel::randomArrivalsAndScrollingKeepTheOrder_data()
{
    QTest::addColumn<bool>("tester");
    QTest::newRow("paged") << false;
    QTest::newRow("QAbstractItemModelTester (reads every page)") << true;
}

void tst_MergedTodoModel::randomArrivalsAndScrollingKeepTheOrder()
{
    QFETCH(bool, tester);
    if (!tester)
        withoutTester();
    // Three servers, small pages, batches of todos with random times (or none) at random servers, scrolling and
    // reading between them: the list is always the start of every server's todos in order, and all of them once the
    // models have read everything.
    const QStringList ids {QString(), QStringLiteral("b"), QStringLiteral("c")};
    QRandomGenerator random(20240516);
    int next = 0;
    for (const QString &id : ids) {
        // Some todos stored before, of which the model reads the first page.
        Server &server = addServer(id, 4);
        QList<QJsonObject> stored;
        for (int i = 0; i < 10; ++i, ++next)
            stored.append(todo(QString::number(next), QStringLiteral("t%1").arg(next), minute(random.bounded(200))));
        QVERIFY(commit(server, envelope(stored)));
        server.model->reload();
        QVERIFY(m_merged->addServer(id, id, server.model.get()));
    }
    const auto truth = [this] {
        QList<std::pair<Todo, QString>> all;
        for (const auto &server : m_servers) {
            for (const Todo &each : server->store->page())
                all.append({each, server->id});
        }
        std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
            if (TodoQuery::listedBefore(a.first, b.first) || TodoQuery::listedBefore(b.first, a.first))
                return TodoQuery::listedBefore(a.first, b.first);
            return a.second < b.second;
        });
        QStringList keys;
        for (const auto &[each, id] : std::as_const(all))
            keys.append(ServerKey::qualify(id, each.key));
        return keys;
    };
    const auto listed = [this] {
        QStringList keys;
        for (int row = 0; row < m_merged->rowCount(); ++row)
            keys.append(m_merged->index(row).data(TodoModel::KeyRole).toString());
        return keys;
    };
    for (int round = 0; round < 120; ++round) {
        Server &server = *m_servers.at(random.bounded(3));
        QList<QJsonObject> batch;
        for (int i = random.bounded(1, 6); i > 0; --i, ++next)
            batch.append(todo(QString::number(next), QStringLiteral("t%1").arg(next),
                              random.bounded(5) == 0 ? QString() : minute(random.bounded(200))));
        QVERIFY(commit(server, envelope(batch)));
        if (random.bounded(3) == 0 && m_merged->canFetchMore({}))
            m_merged->fetchMore({});
        if (random.bounded(4) == 0 && m_merged->rowCount() > 0)
            m_merged->markRead(random.bounded(m_merged->rowCount()), random.bounded(2) == 0);
        const QStringList all = truth();
        const QStringList now = listed();
        QVERIFY2(all.mid(0, now.size()) == now, qPrintable(QStringLiteral("round %1").arg(round)));
        // What it lists after following the changes (new rows put in their places) is what merging the models now
        // lists.
        MergedTodoModel fresh;
        for (const auto &each : m_servers)
            QVERIFY(fresh.addServer(each->id, each->id, each->model.get()));
        QStringList merged;
        for (int row = 0; row < fresh.rowCount(); ++row)
            merged.append(fresh.index(row).data(TodoModel::KeyRole).toString());
        QVERIFY2(now == merged, qPrintable(QStringLiteral("round %1").arg(round)));
    }
    while (m_merged->canFetchMore({}))
        m_merged->fetchMore({});
    QCOMPARE(listed(), truth());
}

void tst_MergedTodoModel::readInAnUnreadOnlyListRemovesTheRow()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("a1", "A1", minute(1)), todo("a3", "A3", minute(3))})));
    QVERIFY(commit(b, envelope({todo("b2", "B2", minute(2))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QSignalSpy unreadOnly(m_merged.get(), &MergedTodoModel::unreadOnlyChanged);
    m_merged->setUnreadOnly(true);
    QCOMPARE(unreadOnly.size(), 1);
    QVERIFY(a.model->unreadOnly() && b.model->unreadOnly()); // the query is every model's
    QCOMPARE(titles(*m_merged), list({"A3", "B2", "A1"}));

    QSignalSpy removed(m_merged.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_merged.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_merged->setRead(QStringLiteral("@b/id:b2")));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(titles(*m_merged), list({"A3", "A1"}));
    QVERIFY(m_merged->markRead(0));
    QCOMPARE(titles(*m_merged), list({"A1"}));
    // Unread again: back at its row.
    QVERIFY(m_merged->setRead(QStringLiteral("@b/id:b2"), false));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(titles(*m_merged), list({"B2", "A1"}));
}

void tst_MergedTodoModel::sameIdOnTwoServersIsTwoRows()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("x", "X at A", minute(1))})));
    QVERIFY(commit(b, envelope({todo("x", "X at B", minute(1))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QCOMPARE(m_merged->rowCount(), 2);
    const int atB = m_merged->rowOf(QStringLiteral("@b/id:x"));
    const int atA = m_merged->rowOf(QStringLiteral("id:x"));
    QVERIFY(atA >= 0 && atB >= 0 && atA != atB);
    QCOMPARE(m_merged->index(atB).data(TodoModel::TitleRole).toString(), QStringLiteral("X at B"));
    QCOMPARE(m_merged->todo(QStringLiteral("@b/id:x"))->title, QStringLiteral("X at B"));
    QCOMPARE(m_merged->todo(QStringLiteral("@b/id:x"))->key, QStringLiteral("@b/id:x"));

    QSignalSpy changed(m_merged.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_merged->setRead(QStringLiteral("@b/id:x")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), m_merged->rowOf(QStringLiteral("@b/id:x")));
    QVERIFY(m_merged->index(m_merged->rowOf(QStringLiteral("@b/id:x"))).data(TodoModel::ReadRole).toBool());
    QVERIFY(!m_merged->index(m_merged->rowOf(QStringLiteral("id:x"))).data(TodoModel::ReadRole).toBool());
    QVERIFY(b.store->todo(QStringLiteral("id:x"))->read);
    QVERIFY(!a.store->todo(QStringLiteral("id:x"))->read);
}

void tst_MergedTodoModel::callsGoToTheTodosOwnServer()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    a.model->setLinkPolicy(LinkPolicy(QUrl(QStringLiteral("https://prod.example.com/"))));
    b.model->setLinkPolicy(LinkPolicy(QUrl(QStringLiteral("https://test.example.com/"))));
    QVERIFY(commit(a, envelope({todo("1", "One at A", minute(1))})));
    QVERIFY(commit(b, envelope({todo("1", "One at B", minute(2)), todo("2", "Two at B", minute(3))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));

    const qint64 until = m_clock->wallMs() + 3600 * 1000;
    QVERIFY(m_merged->snooze(QStringLiteral("@b/id:1"), until));
    QCOMPARE(b.store->todo(QStringLiteral("id:1"))->snoozedUntilMs, until);
    QCOMPARE(a.store->todo(QStringLiteral("id:1"))->snoozedUntilMs, 0);
    QVERIFY(m_merged->index(m_merged->rowOf(QStringLiteral("@b/id:1")))
                .data(TodoModel::SnoozedUntilRole)
                .toDateTime()
                .isValid());
    QVERIFY(m_merged->unsnooze(QStringLiteral("@b/id:1")));
    QCOMPARE(b.store->todo(QStringLiteral("id:1"))->snoozedUntilMs, 0);
    QVERIFY(!m_merged->snooze(QStringLiteral("@nowhere/id:1"), until)); // no such server

    QVERIFY(m_merged->setDone(QStringLiteral("id:1")));
    QVERIFY(a.store->todo(QStringLiteral("id:1"))->done);
    QVERIFY(!b.store->todo(QStringLiteral("id:1"))->done);
    QVERIFY(m_merged->markDone(m_merged->rowOf(QStringLiteral("@b/id:2"))));
    QVERIFY(b.store->todo(QStringLiteral("id:2"))->done);
    QVERIFY(m_merged->setData(m_merged->index(m_merged->rowOf(QStringLiteral("@b/id:1"))), true, TodoModel::ReadRole));
    QVERIFY(b.store->todo(QStringLiteral("id:1"))->read);

    // Links through the todo's own server's policy.
    const std::optional<LinkPolicy::Resolution> atB = m_merged->resolveLink(QStringLiteral("@b/id:1"));
    QVERIFY(atB && atB->allowed);
    QVERIFY2(atB->encoded.startsWith("https://test.example.com/app/"), atB->encoded.constData());
    const std::optional<LinkPolicy::Resolution> atA = m_merged->resolveLink(QStringLiteral("id:1"));
    QVERIFY(atA && atA->encoded.startsWith("https://prod.example.com/app/"));
    QVERIFY(m_merged->index(m_merged->rowOf(QStringLiteral("@b/id:2")))
                .data(TodoModel::LinkEncodedRole)
                .toByteArray()
                .startsWith("https://test.example.com/"));
    QVERIFY(!m_merged->resolveLink(QStringLiteral("@b/id:404")));

    // A link policy set on a model shows in the merged rows of its server.
    QSignalSpy changed(m_merged.get(), &QAbstractItemModel::dataChanged);
    b.model->setLinkPolicy(LinkPolicy(QUrl(QStringLiteral("https://staging.example.com/"))));
    QVERIFY(!changed.isEmpty());
    QVERIFY(m_merged->index(m_merged->rowOf(QStringLiteral("@b/id:2")))
                .data(TodoModel::LinkEncodedRole)
                .toByteArray()
                .startsWith("https://staging.example.com/"));
}

void tst_MergedTodoModel::filterByServer()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("a1", "A1", minute(1)), todo("a3", "A3", minute(3))})));
    QVERIFY(commit(b, envelope({todo("b2", "B2", minute(2))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QVERIFY(!m_merged->serverFilter());

    QSignalSpy filtered(m_merged.get(), &MergedTodoModel::serverFilterChanged);
    m_merged->setServerFilter(QStringLiteral("b"));
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(m_merged->serverFilter(), std::optional<QString>(QStringLiteral("b")));
    QCOMPARE(titles(*m_merged), list({"B2"}));
    // What arrives at another server is not listed; at this one it is.
    QVERIFY(commit(a, envelope({todo("a4", "A4", minute(4))})));
    QVERIFY(commit(b, envelope({todo("b5", "B5", minute(5))})));
    QCOMPARE(titles(*m_merged), list({"B5", "B2"}));
    // The first server is "", which is not "every server".
    m_merged->setServerFilter(QString());
    QCOMPARE(titles(*m_merged), list({"A4", "A3", "A1"}));
    m_merged->setServerFilter(std::nullopt);
    QCOMPARE(filtered.size(), 3);
    QCOMPARE(titles(*m_merged), list({"B5", "A4", "A3", "B2", "A1"}));
}

void tst_MergedTodoModel::searchAcrossServers()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("a1", "Budget approval", minute(1)), todo("a3", "Room booking", minute(3))})));
    QVERIFY(commit(b, envelope({todo("b2", "Budget review", minute(2)), todo("b4", "Leave request", minute(4))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));

    QSignalSpy searched(m_merged.get(), &MergedTodoModel::searchTextChanged);
    m_merged->setSearchText(QStringLiteral("budget"));
    QCOMPARE(searched.size(), 1);
    QCOMPARE(m_merged->searchText(), QStringLiteral("budget"));
    QCOMPARE(titles(*m_merged), list({"Budget review", "Budget approval"}));
    QCOMPARE(b.model->searchText(), QStringLiteral("budget"));
    // A todo that matches arrives at its row; one that does not is not listed.
    QVERIFY(commit(b, envelope({todo("b5", "Budget 2025", minute(5)), todo("b6", "Nothing", minute(6))})));
    QCOMPARE(titles(*m_merged), list({"Budget 2025", "Budget review", "Budget approval"}));
    m_merged->setSearchText(QString());
    QCOMPARE(m_merged->rowCount(), 6);

    // A server added later gets the query.
    m_merged->setUrgency(2);
    Server &c = addServer(QStringLiteral("c"));
    QVERIFY(m_merged->addServer(QStringLiteral("c"), QStringLiteral("C"), c.model.get()));
    QCOMPARE(c.model->urgency(), 2);
}

void tst_MergedTodoModel::countsAreSummed()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("a1", "A1", minute(1)), todo("a2", "A2", minute(2))})));
    QVERIFY(commit(b, envelope({todo("b1", "B1", minute(1))}, 7)));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QSignalSpy counted(m_merged.get(), &MergedTodoModel::countChanged);
    QSignalSpy unread(m_merged.get(), &MergedTodoModel::unreadCountChanged);
    QSignalSpy pending(m_merged.get(), &MergedTodoModel::pendingCountChanged);
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    QCOMPARE(m_merged->count(), 3);
    QCOMPARE(m_merged->unreadCount(), 3);
    QCOMPARE(m_merged->pendingCount(), 2 + 7); // the first server's unread todos, the second server's count
    QCOMPARE(counted.size(), 1);

    QVERIFY(m_merged->setRead(QStringLiteral("@b/id:b1")));
    QCOMPARE(m_merged->unreadCount(), 2);
    QCOMPARE(unread.last().at(0).toInt(), 2);
    QVERIFY(commit(a, envelope({todo("a3", "A3", minute(3))})));
    QCOMPARE(m_merged->count(), 4);
    QCOMPARE(counted.last().at(0).toInt(), 4);

    // Mark all as read: every server.
    m_merged->markAllRead();
    QCOMPARE(m_merged->unreadCount(), 0);
    QCOMPARE(a.store->unreadCount(), 0);
    QCOMPARE(b.store->unreadCount(), 0);
    for (int row = 0; row < m_merged->rowCount(); ++row)
        QVERIFY(m_merged->index(row).data(TodoModel::ReadRole).toBool());
    QVERIFY(!pending.isEmpty());
}

void tst_MergedTodoModel::removeServer()
{
    Server &a = addServer(QString());
    Server &b = addServer(QStringLiteral("b"));
    QVERIFY(commit(a, envelope({todo("a1", "A1", minute(1)), todo("a3", "A3", minute(3))})));
    QVERIFY(commit(b, envelope({todo("b2", "B2", minute(2)), todo("b4", "B4", minute(4))})));
    QVERIFY(m_merged->addServer(QString(), QString(), a.model.get()));
    QVERIFY(m_merged->addServer(QStringLiteral("b"), QStringLiteral("B"), b.model.get()));
    m_merged->setServerFilter(QStringLiteral("b"));

    QSignalSpy servers(m_merged.get(), &MergedTodoModel::serversChanged);
    QSignalSpy filtered(m_merged.get(), &MergedTodoModel::serverFilterChanged);
    QVERIFY(m_merged->removeServer(QStringLiteral("b")));
    QVERIFY(!m_merged->removeServer(QStringLiteral("b")));
    QCOMPARE(servers.size(), 1);
    QCOMPARE(filtered.size(), 1); // its filter went with it
    QVERIFY(!m_merged->serverFilter());
    QCOMPARE(titles(*m_merged), list({"A3", "A1"}));
    QCOMPARE(m_merged->count(), 2);
    QCOMPARE(m_merged->serverIds(), QStringList {QString()});
    // Its model no longer changes the list.
    QVERIFY(commit(b, envelope({todo("b9", "B9", minute(9))})));
    QCOMPARE(titles(*m_merged), list({"A3", "A1"}));

    // A model destroyed while listed takes its server with it.
    a.model.reset();
    QCOMPARE(m_merged->serverCount(), 0);
    QCOMPARE(m_merged->rowCount(), 0);
    QCOMPARE(m_merged->count(), 0);
}

QTEST_GUILESS_MAIN(tst_MergedTodoModel)
#include "tst_mergedtodomodel.moc"
