// TodoModel over a real TodoStore, watched by QAbstractItemModelTester: newest first, one beginInsertRows() per run
// of new rows (no reset per message), redeliveries as dataChanged(), retention as row removals, the unread and
// pending counters with their NOTIFY signals, the link roles, filtering by text, unread state and urgency (in
// SQLite, a second model over the same store), and reading the store a page at a time.
#include "MockClock.h"
#include "model/TodoModel.h"
#include "store/TodoStore.h"
#include "todo/PayloadParser.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

namespace {

struct Item
{
    Item(QString id, QString title, QString time = {}, int urgency = 0, QString sender = QStringLiteral("张伟"),
         QString department = QStringLiteral("研发中心"), QString businessName = QStringLiteral("变更申请"))
        : id(std::move(id))
        , title(std::move(title))
        , time(std::move(time))
        , urgency(urgency)
        , sender(std::move(sender))
        , department(std::move(department))
        , businessName(std::move(businessName))
    { }

    QString id;
    QString title;
    QString time; // "yyyy-MM-dd HH:mm:ss" UTC; empty: none (sorted by arrival)
    int urgency = 0;
    QString sender;
    QString department;
    QString businessName;
};

QByteArray envelope(const QList<Item> &items, int pending = -1)
{
    QJsonArray list;
    for (const Item &item : items) {
        QJsonObject todo {{QStringLiteral("id"), item.id},
                          {QStringLiteral("title"), item.title},
                          {QStringLiteral("handlerUrl"),
                           QStringLiteral("/service/assets/index.html#/todo?id=%1&itemname=项目主管").arg(item.id)},
                          {QStringLiteral("metaData"),
                           QJsonObject {{QStringLiteral("urgency"), item.urgency},
                                        {QStringLiteral("send_name"), item.sender},
                                        {QStringLiteral("send_dept"), item.department},
                                        {QStringLiteral("bname"), item.businessName}}}};
        if (!item.time.isEmpty())
            todo.insert(QStringLiteral("time"), item.time);
        list.append(todo);
    }
    QJsonObject data {{QStringLiteral("sysMsgList"), list}};
    if (pending >= 0)
        data.insert(QStringLiteral("sysMsgNums"), pending);
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
}

// `count` todos "todo 0" ... "todo N-1" (ids "0" ...), a minute apart, the last the newest.
QList<Item> minuteApart(int count)
{
    QList<Item> items;
    for (int i = 0; i < count; ++i)
        items.append({QString::number(i), QStringLiteral("todo %1").arg(i),
                      QDateTime::fromSecsSinceEpoch(1715800000 + 60 * i, Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))});
    return items;
}

QStringList titles(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(TodoModel::TitleRole).toString());
    return out;
}

} // namespace

class tst_TodoModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void loadsNewestFirstWithRoles();
    void newTodosAreInsertedInRunsWithoutReset();
    void todoReadBeforeItsCommitIsAppliedIsListedOnce();
    void redeliveryChangesDataOnly();
    void unreadAndPendingCounters();
    void markReadThroughTheModel();
    void retentionRemovesRows();
    void linkRoles();
    void randomBatchesKeepStoreOrder();
    void filterByText();
    void filterUnreadOnlyFollowsReadState();
    void filterByUrgency();
    void searchMatchesSubstringsInAnyScript();
    void shortWordsMatchShortFields();
    void searchWithManyMatchesKeepsTheListOrder_data();
    void searchWithManyMatchesKeepsTheListOrder();
    void readsTheStoreAPageAtATime();
    void pagedUnreadListFollowsReadState();
    void snoozedTodoLeavesTheUnreadListUntilItWakes();

private:
    bool commit(const QByteArray &body, const QByteArray &messageId = "m");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoModel> m_model;
};

void tst_TodoModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<MockClock>(1715848083000);
    m_store = std::make_unique<TodoStore>();
    m_store->setClock(m_clock.get());
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("todos.sqlite"))));
    m_model = std::make_unique<TodoModel>(m_store.get());
    new QAbstractItemModelTester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
}

void tst_TodoModel::cleanup()
{
    m_model.reset();
    m_store.reset();
    m_clock.reset();
    m_dir.reset();
}

void tst_TodoModel::todoReadBeforeItsCommitIsAppliedIsListedOnce()
{
    // With the store's writer thread, a commit's rows are in the file before the store applies it here: a page read
    // in between (the list reloading, for a search say) lists the todo already, and the commit must not add it twice.
    TodoStoreOptions options = m_store->options();
    options.writerThread = true;
    m_store->setOptions(options);
    const PayloadParser parser(PayloadOptions {QTimeZone(QByteArrayLiteral("UTC")), {}});
    const QByteArray body = envelope({{QStringLiteral("1"), QStringLiteral("变更申请")}});
    bool done = false;
    m_store->commitInBackground(
        this,
        [parser, body] {
            return QList<TodoStore::Message> {{parser.parse(body, "m-1"), QStringLiteral("m-1"), QString()}};
        },
        [&done](const TodoStore::CommitResult &result) { done = result.ok; });
    // Until the writer has committed (this thread's event loop does not run, so the commit is not applied yet).
    QDeadlineTimer deadline(10000);
    while (m_store->page().isEmpty() && !deadline.hasExpired())
        QThread::yieldCurrentThread();
    m_model->reload();
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(!done);
    QTRY_VERIFY(done);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->data(m_model->index(0), TodoModel::TitleRole).toString(), QStringLiteral("变更申请"));
}

bool tst_TodoModel::commit(const QByteArray &body, const QByteArray &messageId)
{
    m_clock->advance(10);
    const PayloadParser parser(PayloadOptions {QTimeZone(QByteArrayLiteral("UTC")), {}});
    return m_store->commit({{parser.parse(body, messageId), QString::fromUtf8(messageId), QString()}}).ok;
}

void tst_TodoModel::loadsNewestFirstWithRoles()
{
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("2024-05-16 10:00:00")},
                             {QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("2024-05-16 12:00:00"), 2},
                             {QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("2024-05-16 11:00:00")}},
                            11)));
    // A fresh model over the same store loads what is there, newest first.
    TodoModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(titles(model), (QStringList {QStringLiteral("C"), QStringLiteral("B"), QStringLiteral("A")}));
    QCOMPARE(model.count(), 3);
    QCOMPARE(model.pendingCount(), 11);
    QCOMPARE(model.unreadCount(), 3);

    const QHash<int, QByteArray> names = model.roleNames();
    QCOMPARE(names.value(TodoModel::TitleRole), QByteArray("title"));
    QCOMPARE(names.value(TodoModel::LinkRole), QByteArray("link"));
    QCOMPARE(names.value(TodoModel::ReadRole), QByteArray("read"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    QCOMPARE(int(TodoModel::KeyRole), Qt::UserRole + 1);

    const QModelIndex first = model.index(0, 0);
    QCOMPARE(first.data(Qt::DisplayRole).toString(), QStringLiteral("C"));
    QCOMPARE(first.data(TodoModel::KeyRole).toString(), QStringLiteral("id:c"));
    QCOMPARE(first.data(TodoModel::IdRole).toString(), QStringLiteral("c"));
    QCOMPARE(first.data(TodoModel::UrgencyRole).toInt(), 2);
    QCOMPARE(first.data(TodoModel::SenderRole).toString(), QStringLiteral("张伟"));
    QCOMPARE(first.data(TodoModel::DepartmentRole).toString(), QStringLiteral("研发中心"));
    QCOMPARE(first.data(TodoModel::BusinessNameRole).toString(), QStringLiteral("变更申请"));
    QCOMPARE(first.data(TodoModel::TimeRole).toDateTime().toUTC(),
             QDateTime(QDate(2024, 5, 16), QTime(12, 0), Qt::UTC));
    QCOMPARE(first.data(TodoModel::TimeTextRole).toString(), QStringLiteral("2024-05-16 12:00:00"));
    QCOMPARE(first.data(TodoModel::ReadRole).toBool(), false);
    QCOMPARE(first.data(TodoModel::DeliveriesRole).toInt(), 1);
    QCOMPARE(first.data(TodoModel::KindRole).toString(), QStringLiteral("json"));
    QCOMPARE(first.data(TodoModel::TodoRole).value<Todo>().key, QStringLiteral("id:c"));
    QVERIFY2(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("研发中心")),
             qPrintable(first.data(Qt::ToolTipRole).toString()));
}

void tst_TodoModel::newTodosAreInsertedInRunsWithoutReset()
{
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("2024-05-16 10:00:00")},
                             {QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("2024-05-16 11:00:00")}})));
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy counted(m_model.get(), &TodoModel::countChanged);

    // A burst of newer todos: one insertion at the top.
    QVERIFY(commit(envelope({{QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("2024-05-16 12:00:00")},
                             {QStringLiteral("d"), QStringLiteral("D"), QStringLiteral("2024-05-16 13:00:00")},
                             {QStringLiteral("e"), QStringLiteral("E"), QStringLiteral("2024-05-16 14:00:00")}})));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(titles(*m_model),
             (QStringList {QStringLiteral("E"), QStringLiteral("D"), QStringLiteral("C"), QStringLiteral("B"),
                           QStringLiteral("A")}));

    // Older todos (a catch-up) land where their time puts them: two runs, two insertions.
    inserted.clear();
    QVERIFY(commit(envelope({{QStringLiteral("x"), QStringLiteral("X"), QStringLiteral("2024-05-16 10:30:00")},
                             {QStringLiteral("y"), QStringLiteral("Y"), QStringLiteral("2024-05-16 12:30:00")},
                             {QStringLiteral("z"), QStringLiteral("Z"), QStringLiteral("2024-05-16 12:40:00")}})));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(titles(*m_model),
             (QStringList {QStringLiteral("E"), QStringLiteral("D"), QStringLiteral("Z"), QStringLiteral("Y"),
                           QStringLiteral("C"), QStringLiteral("B"), QStringLiteral("X"), QStringLiteral("A")}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(counted.count(), 2);
    QCOMPARE(m_model->count(), 8);
}

void tst_TodoModel::redeliveryChangesDataOnly()
{
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A")}, {QStringLiteral("b"), QStringLiteral("B")}})));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A, updated")}}), "m-again"));
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    const int row = m_model->rowOf(QStringLiteral("id:a"));
    QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
    QCOMPARE(m_model->index(row, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("A, updated"));
    QCOMPARE(m_model->index(row, 0).data(TodoModel::DeliveriesRole).toInt(), 2);
    QCOMPARE(m_model->count(), 2);
}

void tst_TodoModel::unreadAndPendingCounters()
{
    QSignalSpy unread(m_model.get(), &TodoModel::unreadCountChanged);
    QSignalSpy pending(m_model.get(), &TodoModel::pendingCountChanged);
    QCOMPARE(m_model->property("pendingCount").toInt(), 0);

    // The server's sysMsgNums wins while the latest payload carries one.
    QVERIFY(
        commit(envelope({{QStringLiteral("a"), QStringLiteral("A")}, {QStringLiteral("b"), QStringLiteral("B")}}, 11)));
    QCOMPARE(m_model->unreadCount(), 2);
    QCOMPARE(m_model->pendingCount(), 11);
    QCOMPARE(unread.count(), 1);
    QCOMPARE(pending.count(), 1);
    QCOMPARE(pending.last().first().toInt(), 11);

    // Reading a todo changes the unread count, not the server's pending count.
    QVERIFY(m_model->markRead(0));
    QCOMPARE(m_model->unreadCount(), 1);
    QCOMPARE(m_model->pendingCount(), 11);
    QCOMPARE(pending.count(), 1);

    // A payload without the counter (plain text): the pending count is the unread count.
    QVERIFY(commit("A plain notice", "text-1"));
    QCOMPARE(m_model->unreadCount(), 2);
    QCOMPARE(m_model->pendingCount(), 2);
    QCOMPARE(pending.last().first().toInt(), 2);
    QCOMPARE(m_model->property("unreadCount").toInt(), 2);

    // And it follows the unread count from then on.
    m_model->markAllRead();
    QCOMPARE(m_model->unreadCount(), 0);
    QCOMPARE(m_model->pendingCount(), 0);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->index(row, 0).data(TodoModel::ReadRole).toBool());
}

void tst_TodoModel::markReadThroughTheModel()
{
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A")}})));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const QModelIndex index = m_model->index(0, 0);
    QVERIFY(m_model->setData(index, true, TodoModel::ReadRole));
    QCOMPARE(changed.count(), 1);
    QVERIFY(index.data(TodoModel::ReadRole).toBool());
    QVERIFY(m_store->todo(QStringLiteral("id:a"))->read);
    QVERIFY(!m_model->setData(index, true, TodoModel::ReadRole)); // already read
    QVERIFY(m_model->setData(index, true, TodoModel::DoneRole));
    QVERIFY(index.data(TodoModel::DoneRole).toBool());
    QVERIFY(!m_model->setData(index, QStringLiteral("x"), TodoModel::TitleRole));
}

void tst_TodoModel::retentionRemovesRows()
{
    m_store->close();
    TodoStoreOptions options;
    options.keepTodos = 2;
    m_store->setOptions(options);
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("todos.sqlite"))));
    m_model->reload();
    QVERIFY(commit(envelope({{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("2024-05-16 10:00:00")},
                             {QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("2024-05-16 11:00:00")},
                             {QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("2024-05-16 12:00:00")},
                             {QStringLiteral("d"), QStringLiteral("D"), QStringLiteral("2024-05-16 13:00:00")}})));
    QCOMPARE(m_model->count(), 4); // unread: kept beyond the limit
    QVERIFY(m_store->setRead(QStringLiteral("id:a")));
    QVERIFY(m_store->setRead(QStringLiteral("id:b")));
    QVERIFY(m_store->setRead(QStringLiteral("id:d")));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QCOMPARE(m_store->applyRetention(), 2);
    QCOMPARE(removed.count(), 1); // A and B are adjacent: one removal
    QCOMPARE(titles(*m_model), (QStringList {QStringLiteral("D"), QStringLiteral("C")}));
}

void tst_TodoModel::linkRoles()
{
    QVERIFY(commit(QByteArrayLiteral("[{\"id\":\"in\",\"title\":\"In\",\"time\":\"2024-05-16 "
                                     "12:00:00\",\"handlerUrl\":\"/service/assets/index.html#/"
                                     "todo?id=1&itemname=项目主管\"},"
                                     "{\"id\":\"out\",\"title\":\"Out\",\"time\":\"2024-05-16 "
                                     "11:00:00\",\"handlerUrl\":\"https://elsewhere.example/x\"}]")));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setLinkPolicy(LinkPolicy(QUrl(QStringLiteral("https://oa.example.com/"))));
    QCOMPARE(changed.count(), 1);
    const QModelIndex in = m_model->index(0, 0);
    const QModelIndex out = m_model->index(1, 0);
    QCOMPARE(in.data(TodoModel::LinkEncodedRole).toByteArray(),
             QByteArray("https://oa.example.com/service/assets/index.html#/"
                        "todo?id=1&itemname=%E9%A1%B9%E7%9B%AE%E4%B8%BB%E7%AE%A1"));
    QCOMPARE(in.data(TodoModel::LinkRole).toUrl().toEncoded(), in.data(TodoModel::LinkEncodedRole).toByteArray());
    QVERIFY(in.data(TodoModel::LinkAllowedRole).toBool());
    QVERIFY(!out.data(TodoModel::LinkAllowedRole).toBool());
    QVERIFY(!out.data(TodoModel::LinkRole).toUrl().isValid());
    QVERIFY(out.data(TodoModel::LinkRefusalRole).toString().contains(QLatin1String("elsewhere.example")));
    QCOMPARE(out.data(TodoModel::HandlerUrlRole).toString(), QStringLiteral("https://elsewhere.example/x"));
}

void tst_TodoModel::randomBatchesKeepStoreOrder()
{
    // Whatever mix of times arrives, batch after batch, the model's rows are the store's order: the rows read so far
    // are the store's first rows, and once every page is read, all of them.
    m_model->setPageSize(25);
    m_model->reload();
    QRandomGenerator random(7);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
    const auto keys = [](const QList<Todo> &todos) {
        QList<QString> out;
        for (const Todo &todo : todos)
            out.append(todo.key);
        return out;
    };
    const auto rows = [this] {
        QList<QString> out;
        for (int row = 0; row < m_model->rowCount(); ++row)
            out.append(m_model->index(row, 0).data(TodoModel::KeyRole).toString());
        return out;
    };
    int next = 0;
    for (int batch = 0; batch < 20; ++batch) {
        QList<Item> items;
        const int size = int(random.bounded(1, 60));
        for (int i = 0; i < size; ++i) {
            // Some repeat an earlier id (an update), some have no time (sorted by arrival).
            const bool repeat = next > 0 && random.bounded(5) == 0;
            const int id = repeat ? int(random.bounded(next)) : next++;
            const QString time = random.bounded(4) == 0
                ? QString()
                : QDateTime::fromSecsSinceEpoch(1715800000 + random.bounded(100000), Qt::UTC)
                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            items.append({QString::number(id), QStringLiteral("todo %1").arg(id), time});
        }
        QVERIFY(commit(envelope(items), QByteArray::number(batch)));
        QCOMPARE(rows(), keys(m_store->page({}, std::nullopt, m_model->rowCount())));
        if (batch % 3 == 0 && m_model->canFetchMore({}))
            m_model->fetchMore({}); // the reader scrolls down now and then
    }
    while (m_model->canFetchMore({}))
        m_model->fetchMore({});
    QCOMPARE(rows(), keys(m_store->page()));
    QCOMPARE(m_model->count(), m_store->count());
    QCOMPARE(reset.count(), 0);
}

void tst_TodoModel::filterByText()
{
    QVERIFY(
        commit(envelope({{QStringLiteral("1"), QStringLiteral("待办通知: 数据中台升级 变更申请"), QString(), 0,
                          QStringLiteral("李娜"), QStringLiteral("财务部"), QStringLiteral("变更申请")},
                         {QStringLiteral("2"), QStringLiteral("Approval needed: CRM migration"), QString(), 1,
                          QStringLiteral("Alice Chen"), QStringLiteral("R&D Center"), QStringLiteral("Change request")},
                         {QStringLiteral("3"), QStringLiteral("Leave request"), QString(), 0,
                          QStringLiteral("Bob Martin"), QStringLiteral("Finance"), QStringLiteral("Leave request")}})));
    TodoModel filter(m_store.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy searched(&filter, &TodoModel::searchTextChanged);
    QCOMPARE(filter.rowCount(), 3);

    filter.setSearchText(QStringLiteral("数据中台")); // title
    QCOMPARE(titles(filter), QStringList {QStringLiteral("待办通知: 数据中台升级 变更申请")});
    filter.setSearchText(QStringLiteral("alice")); // sender, any case
    QCOMPARE(titles(filter), QStringList {QStringLiteral("Approval needed: CRM migration")});
    filter.setSearchText(QStringLiteral("财务部")); // department
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(QStringLiteral("change REQUEST")); // business name, every word
    QCOMPARE(titles(filter), QStringList {QStringLiteral("Approval needed: CRM migration")});
    filter.setSearchText(QStringLiteral("finance leave")); // words may match different fields
    QCOMPARE(titles(filter), QStringList {QStringLiteral("Leave request")});
    filter.setSearchText(QStringLiteral("nothing like this"));
    QCOMPARE(filter.rowCount(), 0);
    filter.setSearchText(QStringLiteral("  "));
    QCOMPARE(filter.rowCount(), 3);
    QCOMPARE(searched.count(), 7);
    QCOMPARE(filter.property("searchText").toString(), QStringLiteral("  "));

    // New todos that match appear in the filtered view as they arrive.
    filter.setSearchText(QStringLiteral("urgent"));
    QCOMPARE(filter.rowCount(), 0);
    QVERIFY(commit(envelope({{QStringLiteral("4"), QStringLiteral("Urgent: server room")}}), "m2"));
    QCOMPARE(filter.rowCount(), 1);
}

void tst_TodoModel::filterUnreadOnlyFollowsReadState()
{
    QVERIFY(
        commit(envelope({{QStringLiteral("1"), QStringLiteral("one")}, {QStringLiteral("2"), QStringLiteral("two")}})));
    TodoModel filter(m_store.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy toggled(&filter, &TodoModel::unreadOnlyChanged);
    filter.setUnreadOnly(true);
    QCOMPARE(toggled.count(), 1);
    QCOMPARE(filter.rowCount(), 2);
    QVERIFY(m_model->markRead(m_model->rowOf(QStringLiteral("id:1"))));
    QCOMPARE(titles(filter), QStringList {QStringLiteral("two")});
    m_model->markAllRead();
    QCOMPARE(filter.rowCount(), 0);
    filter.setUnreadOnly(false);
    QCOMPARE(filter.rowCount(), 2);
}

void tst_TodoModel::filterByUrgency()
{
    QVERIFY(commit(envelope({{QStringLiteral("1"), QStringLiteral("normal"), QString(), 0},
                             {QStringLiteral("2"), QStringLiteral("urgent"), QString(), 1},
                             {QStringLiteral("3"), QStringLiteral("critical"), QString(), 2},
                             {QStringLiteral("4"), QStringLiteral("urgent too"), QString(), 1}})));
    TodoModel filter(m_store.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.urgency(), TodoModel::kAnyUrgency);
    filter.setUrgency(1);
    QCOMPARE(titles(filter), (QStringList {QStringLiteral("urgent too"), QStringLiteral("urgent")}));
    filter.setUrgency(2);
    QCOMPARE(titles(filter), QStringList {QStringLiteral("critical")});
    filter.setUnreadOnly(true);
    QVERIFY(m_model->markRead(m_model->rowOf(QStringLiteral("id:3"))));
    QCOMPARE(filter.rowCount(), 0);
    filter.setUrgency(TodoModel::kAnyUrgency);
    filter.setUnreadOnly(false);
    QCOMPARE(filter.rowCount(), 4);
}

void tst_TodoModel::searchMatchesSubstringsInAnyScript()
{
    // Words of three characters or more go through the full-text index (trigrams: no word boundaries needed, so a
    // Chinese substring matches, and letters of any script match in any case); shorter ones are matched by LIKE.
    // Characters that mean something to FTS5 or LIKE are only text.
    QVERIFY(commit(envelope({{QStringLiteral("1"), QStringLiteral("待办通知: 数据中台升级 变更申请")},
                             {QStringLiteral("2"), QStringLiteral("Über-Prüfung der Ausgaben"), QString(), 0,
                              QStringLiteral("Jürgen"), QStringLiteral("Einkauf"), QStringLiteral("Freigabe")},
                             {QStringLiteral("3"), QStringLiteral("Rabatt 100% \"sofort\" genehmigen"), QString(), 0,
                              QStringLiteral("Ana_Lopez"), QStringLiteral("Vertrieb"), QStringLiteral("Freigabe")},
                             {QStringLiteral("4"), QStringLiteral("Reisekosten 2024"), QString(), 0,
                              QStringLiteral("Bob"), QStringLiteral("Einkauf"), QStringLiteral("Spesen")}})));
    QVERIFY2(m_store->hasSearchIndex(), "Debian's SQLite has FTS5 with the trigram tokenizer");
    TodoModel search(m_store.get());
    QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto find = [&](const QString &text) {
        search.setSearchText(text);
        return titles(search);
    };
    const QStringList first {QStringLiteral("待办通知: 数据中台升级 变更申请")};
    QCOMPARE(find(QStringLiteral("中台升")), first); // three characters: the index
    QCOMPARE(find(QStringLiteral("中台")), first); // two: LIKE
    QCOMPARE(find(QStringLiteral("台")), first);
    QCOMPARE(find(QStringLiteral("变更申请 数据")), first); // both words, one through each path
    QCOMPARE(find(QStringLiteral("über-prüfung")), QStringList {QStringLiteral("Über-Prüfung der Ausgaben")});
    QCOMPARE(find(QStringLiteral("JÜRGEN")), QStringList {QStringLiteral("Über-Prüfung der Ausgaben")});
    QCOMPARE(find(QStringLiteral("einkauf")).size(), 2); // department
    QCOMPARE(find(QStringLiteral("einkauf spesen")), QStringList {QStringLiteral("Reisekosten 2024")});
    const QStringList third {QStringLiteral("Rabatt 100% \"sofort\" genehmigen")};
    QCOMPARE(find(QStringLiteral("100%")), third);
    QCOMPARE(find(QStringLiteral("0%")), third);
    QCOMPARE(find(QStringLiteral("%")), third);
    QCOMPARE(find(QStringLiteral("_")), third); // the sender, not "any character"
    QCOMPARE(find(QStringLiteral("\"sofort\"")), third);
    QCOMPARE(find(QStringLiteral("\"sof")), third);
    QCOMPARE(find(QStringLiteral("AND")), QStringList()); // not an FTS5 operator here
    QCOMPARE(find(QStringLiteral("OR NOT")), QStringList());
    QCOMPARE(find(QStringLiteral("*")), QStringList());
    QCOMPARE(find(QStringLiteral("2024*")), QStringList());
    QVERIFY(m_store->lastError().isEmpty());

    // What arrives or changes while a search is shown is tested in memory the same way.
    search.setSearchText(QStringLiteral("kosten"));
    QVERIFY(commit(envelope({{QStringLiteral("5"), QStringLiteral("Fahrtkosten März")}}), "m2"));
    QCOMPARE(titles(search), (QStringList {QStringLiteral("Fahrtkosten März"), QStringLiteral("Reisekosten 2024")}));
    QVERIFY(commit(envelope({{QStringLiteral("4"), QStringLiteral("Reiseantrag 2024")}}), "m3")); // renamed
    QCOMPARE(titles(search), QStringList {QStringLiteral("Fahrtkosten März")});
    QCOMPARE(m_store->countMatching(search.query()), 1);
}

void tst_TodoModel::shortWordsMatchShortFields()
{
    // A word of one or two characters may be all of a field (a two-character Chinese name): the index has no
    // trigram of it, and it matches all the same.
    QVERIFY(commit(envelope({{QStringLiteral("1"), QStringLiteral("Leave request"), QString(), 0,
                              QStringLiteral("王芳"), QStringLiteral("IT"), QStringLiteral("假")},
                             {QStringLiteral("2"), QStringLiteral("Expense report"), QString(), 0,
                              QStringLiteral("Bob"), QStringLiteral("Finance"), QStringLiteral("Expense")}})));
    TodoModel search(m_store.get());
    QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto find = [&](const QString &text) {
        search.setSearchText(text);
        return titles(search);
    };
    const QStringList leave {QStringLiteral("Leave request")};
    QCOMPARE(find(QStringLiteral("王芳")), leave); // the sender, exactly
    QCOMPARE(find(QStringLiteral("芳")), leave);
    QCOMPARE(find(QStringLiteral("假")), leave); // the business name, one character
    QCOMPARE(find(QStringLiteral("it")), leave); // the department, any case
    QCOMPARE(find(QStringLiteral("王")), leave);
    QCOMPARE(find(QStringLiteral("无此")), QStringList()); // found nowhere
    QCOMPARE(find(QStringLiteral("芳王")), QStringList());
    QCOMPARE(m_store->countMatching(search.query()), 0);
}

void tst_TodoModel::searchWithManyMatchesKeepsTheListOrder_data()
{
    QTest::addColumn<bool>("shuffled");
    QTest::newRow("times in arrival order") << false; // the list is walked a chunk at a time
    QTest::newRow("times far from arrival order") << true; // a chunk's seqs spread over the index
}

void tst_TodoModel::searchWithManyMatchesKeepsTheListOrder()
{
    // More matches than a search reads and sorts (thousands): the list is walked in order instead, and what each
    // page shows is the same as the whole list filtered in memory. The newest todos do not match, so the first
    // page has to look further down.
    QFETCH(bool, shuffled);
    m_model.reset(); // its QAbstractItemModelTester would check every row at every commit: too slow for thousands
    constexpr int kTodos = 8000;
    constexpr int kNewestNotMatching = 3500; // more than a first chunk: the next one is larger
    QList<int> minutes;
    for (int i = 0; i < kTodos; ++i)
        minutes.append(i % 7 == 3 ? i - 90 : i); // a few out of order
    if (shuffled) {
        QRandomGenerator random(42);
        std::shuffle(minutes.begin(), minutes.end(), random);
    }
    QList<Item> items;
    for (int i = 0; i < kTodos; ++i) {
        const bool matching = i < kTodos - kNewestNotMatching;
        const QString title = matching
            ? QStringLiteral("待办通知: 数据中台升级 %1%2").arg(i).arg(i % 2 ? QString() : QStringLiteral(" 审批"))
            : QStringLiteral("Office network refresh %1").arg(i);
        items.append({QString::number(i), title,
                      QDateTime::fromSecsSinceEpoch(1715800000 + 60 * qint64(minutes.at(i)), Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      i % 3});
    }
    for (int first = 0; first < kTodos; first += 1000)
        QVERIFY(commit(envelope(items.mid(first, 1000)), QByteArray::number(first)));
    QList<Todo> all = m_store->page(); // the whole list, in order
    QCOMPARE(all.size(), kTodos);

    TodoModel model(m_store.get());
    const auto check = [&](const TodoQuery &query, int atLeast) {
        QStringList expected;
        for (const Todo &todo : all) {
            if (query.matches(todo))
                expected.append(todo.key);
        }
        QVERIFY(expected.size() >= atLeast);
        model.setQuery(query);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QStringList listed;
        for (int row = 0; row < model.rowCount(); ++row)
            listed.append(model.todoAt(row).key);
        QCOMPARE(listed, expected);
        QCOMPARE(m_store->countMatching(query), int(expected.size()));
    };
    for (const QString &text :
         {QStringLiteral("数据中台"), QStringLiteral("数据中台 审批"), QStringLiteral("升级 数据中台 待办通知")}) {
        for (const int urgency : {TodoQuery::kAnyUrgency, 2}) {
            TodoQuery query;
            query.text = text;
            query.urgency = urgency;
            check(query, 500);
            if (QTest::currentTestFailed())
                return;
        }
    }
    // A few unread todos, spread over the whole store: a chunk's seqs are far apart (the IN list's walk).
    m_store->markAllRead();
    for (int i = 0; i < kTodos; i += 97)
        QVERIFY(m_store->setRead(QStringLiteral("id:%1").arg(i), false));
    all = m_store->page();
    TodoQuery unread;
    unread.text = QStringLiteral("数据中台");
    unread.unreadOnly = true;
    check(unread, 40);
    QVERIFY(m_store->lastError().isEmpty());
}

void tst_TodoModel::readsTheStoreAPageAtATime()
{
    // 30 todos, a minute apart; a model that reads 8 at a time.
    QVERIFY(commit(envelope(minuteApart(30))));
    TodoModel model(m_store.get());
    model.setPageSize(8);
    model.reload();
    // (No QAbstractItemModelTester here: it reads pages itself. The fixture's model has one, and reads pages too.)
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.count(), 30); // the counts are the store's
    QCOMPARE(model.unreadCount(), 30);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.index(0, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("todo 29"));
    QCOMPARE(model.index(7, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("todo 22"));

    // A new todo goes on top; one older than every row read so far waits for its page.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(commit(envelope({{QStringLiteral("new"), QStringLiteral("newest"), QStringLiteral("2024-05-17 00:00:00")},
                             {QStringLiteral("old"), QStringLiteral("oldest"), QStringLiteral("2024-01-01 00:00:00")}}),
                   "m2"));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 9);
    QCOMPARE(model.count(), 32);
    QCOMPARE(model.index(0, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("newest"));
    QCOMPARE(model.rowOf(QStringLiteral("id:old")), -1);
    QCOMPARE(model.todo(QStringLiteral("id:old"))->title, QStringLiteral("oldest")); // known all the same
    QVERIFY(model.setRead(QStringLiteral("id:old")));
    QCOMPARE(model.unreadCount(), 31);

    // Scrolling down reads the rest, each row once, in order.
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 17);
    QCOMPARE(model.index(16, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("todo 14"));
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 32);
    QCOMPARE(model.index(31, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("oldest"));
    QVERIFY(model.index(31, 0).data(TodoModel::ReadRole).toBool());
    // Once everything is read, a todo that sorts last is inserted at the bottom.
    QVERIFY(commit(
        envelope({{QStringLiteral("older"), QStringLiteral("even older"), QStringLiteral("2023-01-01 00:00:00")}}),
        "m3"));
    QCOMPARE(model.rowCount(), 33);
    QCOMPARE(model.index(32, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("even older"));
}

void tst_TodoModel::pagedUnreadListFollowsReadState()
{
    QVERIFY(commit(envelope(minuteApart(12))));
    for (int i = 0; i < 12; i += 2)
        QVERIFY(m_store->setRead(QStringLiteral("id:%1").arg(i)));
    TodoModel model(m_store.get());
    model.setPageSize(4);
    model.setUnreadOnly(true);
    QCOMPARE(titles(model),
             (QStringList {QStringLiteral("todo 11"), QStringLiteral("todo 9"), QStringLiteral("todo 7"),
                           QStringLiteral("todo 5")}));
    QVERIFY(model.markRead(1)); // todo 9 leaves the unread list
    QCOMPARE(titles(model),
             (QStringList {QStringLiteral("todo 11"), QStringLiteral("todo 7"), QStringLiteral("todo 5")}));
    QVERIFY(m_store->setRead(QStringLiteral("id:10"), false)); // marked unread again: back in its place
    QCOMPARE(titles(model),
             (QStringList {QStringLiteral("todo 11"), QStringLiteral("todo 10"), QStringLiteral("todo 7"),
                           QStringLiteral("todo 5")}));
    QVERIFY(m_store->setRead(QStringLiteral("id:0"), false)); // below the rows read: its page brings it
    QCOMPARE(model.rowCount(), 4);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(titles(model),
             (QStringList {QStringLiteral("todo 11"), QStringLiteral("todo 10"), QStringLiteral("todo 7"),
                           QStringLiteral("todo 5"), QStringLiteral("todo 3"), QStringLiteral("todo 1"),
                           QStringLiteral("todo 0")}));
    model.markAllRead();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setUnreadOnly(false);
    QCOMPARE(model.rowCount(), 4);
}

void tst_TodoModel::snoozedTodoLeavesTheUnreadListUntilItWakes()
{
    QVERIFY(commit(envelope({{QStringLiteral("1"), QStringLiteral("one")},
                             {QStringLiteral("2"), QStringLiteral("two")},
                             {QStringLiteral("3"), QStringLiteral("three")}})));
    TodoModel filter(m_store.get());
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setUnreadOnly(true);
    QSignalSpy pending(m_model.get(), &TodoModel::pendingCountChanged);
    const qint64 until = m_clock->wallMs() + 3600 * 1000;
    QVERIFY(m_model->snooze(QStringLiteral("id:2"), until));
    QCOMPARE(titles(filter), (QStringList {QStringLiteral("three"), QStringLiteral("one")}));
    QCOMPARE(m_model->unreadCount(), 2);
    QCOMPARE(m_model->pendingCount(), 2); // no server count: the badge is the unread count
    QCOMPARE(pending.size(), 1);
    // The whole list keeps it, with its time; "mark all as read" leaves it snoozed.
    const QModelIndex row = m_model->index(m_model->rowOf(QStringLiteral("id:2")));
    QCOMPARE(row.data(TodoModel::SnoozedUntilRole).toDateTime().toMSecsSinceEpoch(), until);
    QCOMPARE(m_model->roleNames().value(TodoModel::SnoozedUntilRole), QByteArray("snoozedUntil"));
    m_model->markAllRead();
    QCOMPARE(filter.rowCount(), 0);
    QVERIFY(!row.data(TodoModel::ReadRole).toBool());
    QCOMPARE(m_model->unreadCount(), 0);

    // It wakes: back in the unread list, in its place, and in the count.
    QCOMPARE(m_store->endDueSnoozes(until).size(), 1);
    QCOMPARE(titles(filter), QStringList {QStringLiteral("two")});
    QVERIFY(!row.data(TodoModel::SnoozedUntilRole).toDateTime().isValid());
    QCOMPARE(m_model->unreadCount(), 1);
    QCOMPARE(m_model->pendingCount(), 1);
}

QTEST_GUILESS_MAIN(tst_TodoModel)
#include "tst_todomodel.moc"
