// TodoListWindow and TodoDelegate, driven the way a person does: typing in the search field (searched when typing
// pauses, on the fixture's MockClock; Enter at once; the current todo kept), toggling "unread
// only", Enter and double click on a todo (the exact resolved link reaches the browser, caught through
// QDesktopServices::setUrlHandler, and the todo is marked read), the context menu, "Mark all as read", the empty
// state, the status line, the keyboard path, accessible names, and the geometry kept across windows.
#include "TodoPipelineFixture.h"
#include "common/ConnectionStatus.h"
#include "list/SnoozeDialog.h"
#include "list/TodoDelegate.h"
#include "list/TodoListWindow.h"
#include "list/TodoOpener.h"
#include "stomp/StompPushSource.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

class tst_TodoListWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void relativeTime_data();
    void relativeTime();
    void listsTodosNewestFirstWithTheirDetails();
    void emptyStateSaysWhatToExpect();
    void searchFilters();
    void searchKeepsTheCurrentTodo();
    void unreadOnlyFollowsReadState();
    void enterOpensTheCurrentTodo();
    void doubleClickOpensAndMarksRead();
    void refusedLinkIsExplainedInTheWindow();
    void tooltipShowsTheServersTextAsWritten();
    void contextMenuOpensMarksAndCopies();
    void markAllAsRead();
    void statusLineShowsConnectionAndLastError();
    void keyboardPath();
    void accessibleNames();
    void geometryIsRemembered();
    void snoozeFromTheContextMenuThenWakeNow();
    void chosenSnoozeTimeMustBeInTheFuture();
    void snoozedAndDoneTodosLookDifferent();
    void keyboardReadsSnoozesAndOpensTheMenu();
    void serverFilterListsEveryServer();
    void filterShowsOnlyThatServersTodos();
    void eachRowNamesItsServer();
    void openingATodoOfTheSecondServerUsesItsLinkBase();

private:
    void pushSample();
    // A second server ("test", named "Test system", its links on https://test.example.org/) with two todos; the
    // first server is named "Production".
    void addSecondServer();
    QModelIndex rowOf(const QString &title) const;

    TodoPipelineFixture m_fixture;
    std::unique_ptr<StompClient> m_client;
    std::unique_ptr<StompPushSource> m_source;
    std::unique_ptr<ConnectionStatus> m_status;
    std::unique_ptr<TodoOpener> m_opener;
    std::unique_ptr<TodoListWindow> m_window;
    std::unique_ptr<UrlCatcher> m_browser;
    std::unique_ptr<TodoPipelineFixture> m_second;
};

void tst_TodoListWindow::init()
{
    m_fixture.setUp(this);
    m_client = std::make_unique<StompClient>();
    m_source = std::make_unique<StompPushSource>(m_client.get());
    m_status = std::make_unique<ConnectionStatus>(m_source.get());
    m_opener = std::make_unique<TodoOpener>(m_fixture.merged.get());
    m_window = std::make_unique<TodoListWindow>(m_fixture.merged.get(), m_opener.get(), m_status.get(),
                                                m_fixture.settings.get());
    m_window->setClock(m_fixture.clock.get());
    new QAbstractItemModelTester(m_window->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 this);
    m_browser = std::make_unique<UrlCatcher>();
}

void tst_TodoListWindow::cleanup()
{
    m_browser.reset();
    m_window.reset();
    m_opener.reset();
    m_status.reset();
    m_source.reset();
    m_client.reset();
    if (m_second) {
        m_second->tearDown();
        m_second.reset();
    }
    m_fixture.tearDown();
}

void tst_TodoListWindow::addSecondServer()
{
    m_second = std::make_unique<TodoPipelineFixture>();
    m_second->setUp(this);
    m_second->model->setLinkPolicy(LinkPolicy(QUrl(QStringLiteral("https://test.example.org/"))));
    // Its todos half a minute later than the first server's sample (the same MockClock start).
    m_second->clock->advance(30 * 1000);
    m_second->push(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("Test deployment sign-off"), 0, {},
                                   QStringLiteral("Carol"), QStringLiteral("QA"), QStringLiteral("Release")),
         TodoPipelineFixture::todo(QStringLiteral("7"), QStringLiteral("Load test report review"), 1, {},
                                   QStringLiteral("Dan"), QStringLiteral("Ops"), QStringLiteral("Review"))}));
    m_fixture.merged->setServerName(QString(), QStringLiteral("Production"));
    QVERIFY(m_fixture.merged->addServer(QStringLiteral("test"), QStringLiteral("Test system"), m_second->model));
}

void tst_TodoListWindow::pushSample()
{
    // Times in the server's zone (this computer's: the test runs in it), the newest last.
    m_fixture.push(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("Budget approval 2024"), 0, {},
                                   QStringLiteral("Alice"), QStringLiteral("Finance"), QStringLiteral("Approval")),
         TodoPipelineFixture::todo(QStringLiteral("2"), QStringLiteral("待办通知:《客户门户》变更申请"), 1),
         TodoPipelineFixture::todo(QStringLiteral("3"), QStringLiteral("Server room access request"), 2, {},
                                   QStringLiteral("Bob"), QStringLiteral("IT"), QStringLiteral("Access"))}));
}

QModelIndex tst_TodoListWindow::rowOf(const QString &title) const
{
    QAbstractItemModel *model = m_window->view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(TodoModel::TitleRole).toString() == title)
            return model->index(row, 0);
    }
    return {};
}

void tst_TodoListWindow::tooltipShowsTheServersTextAsWritten()
{
    m_fixture.push(TodoPipelineFixture::envelope({TodoPipelineFixture::todo(
        QStringLiteral("1"), QStringLiteral("<b>A&B</b> <img src=x>"), 0, {}, QStringLiteral("<i>Eve</i>"))}));
    const QString tip = m_window->view()->model()->index(0, 0).data(Qt::ToolTipRole).toString();
    // As a tooltip shows it: rich text when it looks like markup (it does), whose text is the server's, as sent.
    QVERIFY(Qt::mightBeRichText(tip));
    QTextDocument shown;
    shown.setHtml(tip);
    const QStringList lines = shown.toPlainText().split(QLatin1Char('\n'));
    QVERIFY2(lines.contains(QStringLiteral("<b>A&B</b> <img src=x>")), qPrintable(shown.toPlainText()));
    QVERIFY2(shown.toPlainText().contains(QStringLiteral("<i>Eve</i>")), qPrintable(shown.toPlainText()));
}

void tst_TodoListWindow::relativeTime_data()
{
    QTest::addColumn<qint64>("agoSeconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("now") << qint64(5) << QStringLiteral("just now");
    QTest::newRow("ahead of our clock") << qint64(-30) << QStringLiteral("just now");
    QTest::newRow("one minute") << qint64(60) << QStringLiteral("1 min ago");
    QTest::newRow("59 minutes") << qint64(59 * 60 + 59) << QStringLiteral("59 min ago");
}

void tst_TodoListWindow::relativeTime()
{
    QFETCH(qint64, agoSeconds);
    QFETCH(QString, expected);
    const QDateTime now(QDate(2024, 5, 16), QTime(16, 28, 3));
    QCOMPARE(TodoDelegate::relativeTime(now.addSecs(-agoSeconds), now), expected);
    // Hours the same day, then yesterday with the time, then the date.
    QCOMPARE(TodoDelegate::relativeTime(now.addSecs(-3 * 3600), now), QStringLiteral("3 h ago"));
    QVERIFY(TodoDelegate::relativeTime(now.addDays(-1), now).startsWith(QStringLiteral("yesterday ")));
    QCOMPARE(TodoDelegate::relativeTime(now.addDays(-5), now),
             QLocale().toString(now.addDays(-5).date(), QLocale::ShortFormat));
    QCOMPARE(TodoDelegate::relativeTime(QDateTime(), now), QString());
}

void tst_TodoListWindow::listsTodosNewestFirstWithTheirDetails()
{
    pushSample();
    QAbstractItemModel *model = m_window->view()->model();
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(!m_window->isEmptyStateShown());
    const QModelIndex chinese = rowOf(QStringLiteral("待办通知:《客户门户》变更申请"));
    QVERIFY(chinese.isValid());
    QCOMPARE(TodoDelegate::titleText(chinese), QStringLiteral("待办通知:《客户门户》变更申请"));
    QCOMPARE(TodoDelegate::detailText(chinese, m_window->findChild<TodoDelegate *>()->now()),
             QStringLiteral("变更申请 · 张伟 (研发中心) · just now"));
    QCOMPARE(TodoDelegate::chipText(chinese), QStringLiteral("紧急"));
    QCOMPARE(TodoDelegate::chipText(rowOf(QStringLiteral("Budget approval 2024"))), QString()); // normal: no chip
    m_fixture.clock->advance(5 * 60 * 1000);
    QCOMPARE(TodoDelegate::detailText(rowOf(QStringLiteral("Server room access request")),
                                      m_window->findChild<TodoDelegate *>()->now()),
             QStringLiteral("Access · Bob (IT) · 5 min ago"));

    // Painting two lines, unread in bold: the row is taller than one line of text and the window renders.
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QSize hint = m_window->view()->sizeHintForIndex(chinese);
    QVERIFY(hint.height() > 2 * m_window->view()->fontMetrics().height());
    const QImage shot = m_window->grab().toImage();
    QVERIFY(!shot.isNull());
}

void tst_TodoListWindow::emptyStateSaysWhatToExpect()
{
    QVERIFY(m_window->isEmptyStateShown());
    QVERIFY(m_window->emptyStateLabel()->text().startsWith(QStringLiteral("No todos yet.")));
    QVERIFY(m_window->emptyStateLabel()->text().contains(QStringLiteral("Settings")));
    pushSample();
    QVERIFY(!m_window->isEmptyStateShown());
}

void tst_TodoListWindow::searchFilters()
{
    pushSample();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QAbstractItemModel *model = m_window->view()->model();
    // The list is searched when typing pauses, not at every key.
    QTest::keyClicks(m_window->searchField(), QStringLiteral("bob"));
    QCOMPARE(model->rowCount(), 3);
    m_fixture.clock->advance(TodoListWindow::kSearchDelayMs - 1);
    QCOMPARE(model->rowCount(), 3);
    m_fixture.clock->advance(1);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("Server room access request"));
    m_window->searchField()->clear(); // at once
    QCOMPARE(model->rowCount(), 3);
    m_window->searchField()->insert(QStringLiteral("研发中心")); // an input method's text, or pasted
    m_fixture.clock->advance(TodoListWindow::kSearchDelayMs);
    QCOMPARE(model->rowCount(), 1);
    QTest::keyClicks(m_window->searchField(), QStringLiteral(" nothing-like-this"));
    QCOMPARE(model->rowCount(), 1);
    QTest::keyClick(m_window->searchField(), Qt::Key_Return); // Enter searches at once
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(m_window->isEmptyStateShown());
    QCOMPARE(m_window->emptyStateLabel()->text(), QStringLiteral("No todos match “研发中心 nothing-like-this”."));
    m_fixture.clock->advance(TodoListWindow::kSearchDelayMs); // nothing left to do
    QCOMPARE(m_fixture.model->searchText(), QStringLiteral("研发中心 nothing-like-this"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Escape); // clears the search
    QCOMPARE(m_window->searchField()->text(), QString());
    QCOMPARE(model->rowCount(), 3);
}

void tst_TodoListWindow::searchKeepsTheCurrentTodo()
{
    pushSample();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->view()->setCurrentIndex(rowOf(QStringLiteral("Budget approval 2024")));
    QCOMPARE(m_window->view()->currentIndex().row(), 2);
    // Still listed (now at the top): still current and selected.
    QTest::keyClicks(m_window->searchField(), QStringLiteral("2024"));
    m_fixture.clock->advance(TodoListWindow::kSearchDelayMs);
    QCOMPARE(m_window->view()->model()->rowCount(), 1);
    QCOMPARE(m_window->currentKey(), QStringLiteral("id:1"));
    QCOMPARE(m_window->view()->currentIndex().row(), 0);
    QVERIFY(m_window->view()->selectionModel()->isSelected(m_window->view()->currentIndex()));
    // Down from the search field goes to the list for what was typed, even before the pause.
    m_window->searchField()->clear();
    QCOMPARE(m_window->currentKey(), QStringLiteral("id:1"));
    QCOMPARE(m_window->view()->currentIndex().row(), 2);
    QTest::keyClicks(m_window->searchField(), QStringLiteral("bob"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Down);
    QCOMPARE(m_window->view()->model()->rowCount(), 1);
    QCOMPARE(m_window->currentKey(), QStringLiteral("id:3"));
}

void tst_TodoListWindow::unreadOnlyFollowsReadState()
{
    pushSample();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_fixture.model->markRead(m_fixture.model->rowOf(QStringLiteral("id:1")));
    QTest::mouseClick(m_window->unreadOnlyBox(), Qt::LeftButton);
    QVERIFY(m_fixture.model->unreadOnly());
    QCOMPARE(m_window->view()->model()->rowCount(), 2);
    QVERIFY(!rowOf(QStringLiteral("Budget approval 2024")).isValid());
    m_fixture.model->markAllRead();
    QCOMPARE(m_window->view()->model()->rowCount(), 0);
    QVERIFY(m_window->isEmptyStateShown());
    QCOMPARE(m_window->emptyStateLabel()->text(), QStringLiteral("No unread todos: you have read them all."));
    QTest::mouseClick(m_window->unreadOnlyBox(), Qt::LeftButton);
    QCOMPARE(m_window->view()->model()->rowCount(), 3);
}

void tst_TodoListWindow::enterOpensTheCurrentTodo()
{
    pushSample();
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QModelIndex index = rowOf(QStringLiteral("待办通知:《客户门户》变更申请"));
    m_window->view()->setCurrentIndex(index);
    QTest::keyClick(m_window->view(), Qt::Key_Return);
    QCOMPARE(m_browser->opened, QList<QByteArray> {TodoPipelineFixture::expectedLink(QStringLiteral("2"))});
    QVERIFY(m_fixture.model->index(m_fixture.model->rowOf(QStringLiteral("id:2"))).data(TodoModel::ReadRole).toBool());
    QCOMPARE(m_fixture.model->unreadCount(), 2);
}

void tst_TodoListWindow::doubleClickOpensAndMarksRead()
{
    pushSample();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QModelIndex index = rowOf(QStringLiteral("Budget approval 2024"));
    const QPoint center = m_window->view()->visualRect(index).center();
    QTest::mouseClick(m_window->view()->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseDClick(m_window->view()->viewport(), Qt::LeftButton, {}, center);
    QCOMPARE(m_browser->opened, QList<QByteArray> {TodoPipelineFixture::expectedLink(QStringLiteral("1"))});
    QCOMPARE(m_fixture.model->unreadCount(), 2);
    // The row paints as read now (not bold): its data says so.
    QVERIFY(rowOf(QStringLiteral("Budget approval 2024")).data(TodoModel::ReadRole).toBool());
}

void tst_TodoListWindow::refusedLinkIsExplainedInTheWindow()
{
    m_fixture.push(TodoPipelineFixture::envelope({TodoPipelineFixture::todo(
        QStringLiteral("f"), QStringLiteral("ftp todo"), 0, QStringLiteral("ftp://files.example.com/x"))}));
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->view()->setCurrentIndex(rowOf(QStringLiteral("ftp todo")));
    QTest::keyClick(m_window->view(), Qt::Key_Enter);
    QVERIFY(m_browser->opened.isEmpty());
    QVERIFY2(m_window->message().startsWith(QStringLiteral("“ftp todo” was not opened: ")),
             qPrintable(m_window->message()));
    QCOMPARE(m_fixture.model->unreadCount(), 1);
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(QStringLiteral("ftp todo"))));
    QVERIFY(!menu->actions().at(0)->isEnabled()); // Open
    QVERIFY(!menu->actions().at(2)->isEnabled()); // Copy link
}

void tst_TodoListWindow::contextMenuOpensMarksAndCopies()
{
    pushSample();
    const QString title = QStringLiteral("Server room access request");
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(title)));
    QVERIFY(menu);
    QStringList texts;
    for (QAction *action : menu->actions())
        texts.append(action->text().remove(QLatin1Char('&')));
    QCOMPARE(texts,
             (QStringList {QStringLiteral("Open"), QStringLiteral("Mark as read"), QStringLiteral("Copy link"),
                           QString(), QStringLiteral("Snooze")}));

    menu->actions().at(2)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), TodoPipelineFixture::expectedLink(QStringLiteral("3")));

    menu->actions().at(1)->trigger();
    QVERIFY(rowOf(title).data(TodoModel::ReadRole).toBool());
    menu.reset(m_window->createContextMenu(rowOf(title)));
    QCOMPARE(menu->actions().at(1)->text().remove(QLatin1Char('&')), QStringLiteral("Mark as unread"));
    menu->actions().at(1)->trigger();
    QVERIFY(!rowOf(title).data(TodoModel::ReadRole).toBool());

    menu->actions().at(0)->trigger();
    QCOMPARE(m_browser->opened, QList<QByteArray> {TodoPipelineFixture::expectedLink(QStringLiteral("3"))});
}

void tst_TodoListWindow::markAllAsRead()
{
    QVERIFY(!m_window->markAllReadButton()->isEnabled());
    pushSample();
    QVERIFY(m_window->markAllReadButton()->isEnabled());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Todos (3 unread)"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTest::mouseClick(m_window->markAllReadButton(), Qt::LeftButton);
    QCOMPARE(m_fixture.model->unreadCount(), 0);
    QVERIFY(!m_window->markAllReadButton()->isEnabled());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Todos"));
}

void tst_TodoListWindow::statusLineShowsConnectionAndLastError()
{
    QCOMPARE(m_window->statusLabel()->text(), QStringLiteral("No server configured"));
    StompConnectOptions options;
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:1/ws"))};
    options.reconnect.maxAttempts = 1;
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_status->state(), PushSource::State::Failed, 10000);
    const QString text = m_window->statusLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Failed to connect to 127.0.0.1:1 (")), qPrintable(text));
    QVERIFY(text.contains(m_client->lastError().message));
    // The empty list says it too.
    QVERIFY(m_window->emptyStateLabel()->text().contains(m_client->lastError().message));
}

void tst_TodoListWindow::keyboardPath()
{
    pushSample();
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    QVERIFY(m_window->searchField()->hasFocus());
    QTest::keyClick(m_window->searchField(), Qt::Key_Down);
    QVERIFY(m_window->view()->hasFocus());
    QVERIFY(m_window->view()->currentIndex().isValid());
    QTest::keyClick(m_window->view(), Qt::Key_Down);
    QCOMPARE(m_window->view()->currentIndex().row(), 1);
    const QString key = m_window->currentKey();
    QTest::keyClick(m_window->view(), Qt::Key_Return);
    QCOMPARE(m_browser->opened.size(), 1);
    QVERIFY(m_fixture.model->index(m_fixture.model->rowOf(key)).data(TodoModel::ReadRole).toBool());
}

void tst_TodoListWindow::accessibleNames()
{
    pushSample();
    const QList<QWidget *> widgets {m_window->searchField(), m_window->unreadOnlyBox(), m_window->markAllReadButton(),
                                    m_window->view(),        m_window->statusLabel(),   m_window->emptyStateLabel()};
    for (QWidget *widget : widgets)
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    const QString spoken =
        rowOf(QStringLiteral("待办通知:《客户门户》变更申请")).data(Qt::AccessibleTextRole).toString();
    QCOMPARE(spoken,
             QStringLiteral("Unread. 紧急. 待办通知:《客户门户》变更申请. 变更申请 · 张伟 (研发中心) · just now"));
}

void tst_TodoListWindow::geometryIsRemembered()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->resize(640, 480);
    m_window->hide();
    QVERIFY(!m_fixture.settings->get<QByteArray>(Settings::Key::ListWindowGeometry).isEmpty());

    TodoListWindow second(m_fixture.merged.get(), m_opener.get(), m_status.get(), m_fixture.settings.get());
    QCOMPARE(second.size(), QSize(640, 480));
}

namespace {

QAction *actionNamed(QMenu *menu, const QString &name)
{
    return menu ? menu->findChild<QAction *>(name) : nullptr;
}

QStringList snoozeTexts(QMenu *menu)
{
    QStringList texts;
    const auto *snooze = menu->findChild<QMenu *>(QStringLiteral("snoozeMenu"));
    for (QAction *action : snooze->actions())
        texts.append(action->text().remove(QLatin1Char('&')));
    return texts;
}

} // namespace

void tst_TodoListWindow::snoozeFromTheContextMenuThenWakeNow()
{
    pushSample();
    const QString title = QStringLiteral("Server room access request");
    m_window->unreadOnlyBox()->setChecked(true);
    QCOMPARE(m_window->view()->model()->rowCount(), 3);
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(title)));
    QCOMPARE(snoozeTexts(menu.get()),
             (QStringList {QStringLiteral("15 minutes"), QStringLiteral("1 hour"), QStringLiteral("Tomorrow morning"),
                           QStringLiteral("Choose a time…")}));
    QVERIFY(!actionNamed(menu.get(), QStringLiteral("wakeNow"))); // not snoozed
    actionNamed(menu.get(), QStringLiteral("snooze1Hour"))->trigger();

    // Out of the unread list and the count, said in the status area.
    QCOMPARE(m_window->view()->model()->rowCount(), 2);
    QVERIFY(!rowOf(title).isValid());
    QCOMPARE(m_fixture.model->unreadCount(), 2);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Todos (2 unread)"));
    QVERIFY2(m_window->message().contains(QStringLiteral("Snoozed until")), qPrintable(m_window->message()));

    // In the whole list it is there, snoozed until an hour from now.
    m_window->unreadOnlyBox()->setChecked(false);
    const QDateTime until = rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime();
    QCOMPARE(until.toMSecsSinceEpoch(), m_fixture.clock->wallMs() + 3600 * 1000);
    menu.reset(m_window->createContextMenu(rowOf(title)));
    QAction *wake = actionNamed(menu.get(), QStringLiteral("wakeNow"));
    QVERIFY(wake);
    QCOMPARE(wake->text().remove(QLatin1Char('&')), QStringLiteral("Wake now"));
    wake->trigger();
    QVERIFY(!rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().isValid());
    QCOMPARE(m_fixture.model->unreadCount(), 3);

    // The other presets.
    menu.reset(m_window->createContextMenu(rowOf(title)));
    actionNamed(menu.get(), QStringLiteral("snooze15Minutes"))->trigger();
    QCOMPARE(rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().toMSecsSinceEpoch(),
             m_fixture.clock->wallMs() + 15 * 60 * 1000);
    menu.reset(m_window->createContextMenu(rowOf(title)));
    actionNamed(menu.get(), QStringLiteral("snoozeTomorrowMorning"))->trigger();
    const QDateTime morning = rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().toLocalTime();
    QCOMPARE(morning.time(), QTime(9, 0));
    QCOMPARE(morning.date(), QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs()).toLocalTime().date().addDays(1));
    // Marking it read ends the snooze.
    menu.reset(m_window->createContextMenu(rowOf(title)));
    actionNamed(menu.get(), QStringLiteral("markRead"))->trigger();
    QVERIFY(rowOf(title).data(TodoModel::ReadRole).toBool());
    QVERIFY(!rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().isValid());
}

void tst_TodoListWindow::chosenSnoozeTimeMustBeInTheFuture()
{
    pushSample();
    const QString title = QStringLiteral("Budget approval 2024");
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(title)));
    actionNamed(menu.get(), QStringLiteral("snoozeChoose"))->trigger();
    auto *dialog = m_window->findChild<SnoozeDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs());
    QDateTime inAnHour = now.addSecs(3600);
    inAnHour.setTime(QTime(inAnHour.time().hour(), inAnHour.time().minute()));
    QCOMPARE(dialog->chosen(), inAnHour); // an hour from now to begin with, to the minute

    // A time in the past is refused where the person looks, and the dialog stays.
    dialog->setChosen(now.addSecs(-2 * 3600));
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->errorLabel()->isVisible());
    QCOMPARE(dialog->errorLabel()->text(), QStringLiteral("That time has passed. Choose a time in the future."));
    QVERIFY(!rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().isValid());

    // Changing the time takes the message away; a future time snoozes.
    const QDateTime later = QDateTime(now.date().addDays(2), QTime(14, 30));
    dialog->setChosen(later);
    QVERIFY(!dialog->errorLabel()->isVisible());
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<SnoozeDialog *>()); // closed and deleted
    QCOMPARE(rowOf(title).data(TodoModel::SnoozedUntilRole).toDateTime().toMSecsSinceEpoch(),
             later.toMSecsSinceEpoch());
}

void tst_TodoListWindow::snoozedAndDoneTodosLookDifferent()
{
    const QDateTime now(QDate(2024, 5, 16), QTime(14, 0));
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
    const QString clock = QLocale().toString(QTime(14, 30), format);
    QVERIFY(!clock.contains(QStringLiteral("30:00"))); // no seconds
    QCOMPARE(TodoDelegate::snoozedUntilText(QDateTime(now.date(), QTime(14, 30)), now),
             QStringLiteral("Snoozed until %1").arg(clock));
    QCOMPARE(TodoDelegate::snoozedUntilText(QDateTime(now.date().addDays(1), QTime(14, 30)), now),
             QStringLiteral("Snoozed until tomorrow %1").arg(clock));
    QVERIFY(TodoDelegate::snoozedUntilText(QDateTime(now.date().addDays(3), QTime(14, 30)), now)
                .startsWith(QStringLiteral("Snoozed until ")
                            + QLocale().toString(now.date().addDays(3), QLocale::ShortFormat)));

    pushSample();
    QVERIFY(m_fixture.model->snooze(QStringLiteral("id:3"), m_fixture.clock->wallMs() + 3600 * 1000));
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:1")));
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs());
    const QModelIndex snoozed = rowOf(QStringLiteral("Server room access request"));
    QVERIFY(TodoDelegate::stateText(snoozed, wall).startsWith(QStringLiteral("Snoozed until ")));
    QCOMPARE(TodoDelegate::stateText(rowOf(QStringLiteral("Budget approval 2024")), wall), QStringLiteral("Done"));
    QCOMPARE(TodoDelegate::stateText(rowOf(QStringLiteral("待办通知:《客户门户》变更申请")), wall), QString());
    // What a screen reader says: snoozed, not "Unread"; done.
    const QString spoken = snoozed.data(Qt::AccessibleTextRole).toString();
    QVERIFY2(spoken.startsWith(QStringLiteral("Snoozed until ")), qPrintable(spoken));
    QVERIFY(rowOf(QStringLiteral("Budget approval 2024"))
                .data(Qt::AccessibleTextRole)
                .toString()
                .startsWith(QStringLiteral("Done. ")));
    // A done todo is not snoozed: the submenu is there but disabled.
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(QStringLiteral("Budget approval 2024"))));
    QVERIFY(!menu->findChild<QMenu *>(QStringLiteral("snoozeMenu"))->isEnabled());

    // Painted without trouble (the screenshot's list).
    m_window->resize(520, 300);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QPixmap shot = m_window->grab();
    QVERIFY(!shot.isNull());
    // TODO_LIST_SHOT=<file.png> keeps the picture (a snoozed, an unread and a done todo) to look at.
    if (const QString path = qEnvironmentVariable("TODO_LIST_SHOT"); !path.isEmpty())
        shot.save(path);
}

void tst_TodoListWindow::keyboardReadsSnoozesAndOpensTheMenu()
{
    pushSample();
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QListView *view = m_window->view();
    QVERIFY(view->hasFocus());
    view->setCurrentIndex(rowOf(QStringLiteral("Server room access request")));
    const QString key = m_window->currentKey();
    const auto stateOf = [this, &key](int role) {
        return m_fixture.model->index(m_fixture.model->rowOf(key)).data(role);
    };

    QTest::keyClick(view, Qt::Key_R, Qt::ControlModifier); // read
    QVERIFY(stateOf(TodoModel::ReadRole).toBool());
    QTest::keyClick(view, Qt::Key_R, Qt::ControlModifier); // and unread again
    QVERIFY(!stateOf(TodoModel::ReadRole).toBool());

    QTest::keyClick(view, Qt::Key_S, Qt::ControlModifier); // snooze for an hour
    QCOMPARE(stateOf(TodoModel::SnoozedUntilRole).toDateTime().toMSecsSinceEpoch(),
             m_fixture.clock->wallMs() + 3600 * 1000);
    QCOMPARE(m_fixture.model->unreadCount(), 2);

    // Shift+F10 (as the Menu key) opens the current todo's menu, with Wake now for the snoozed todo.
    QTest::keyClick(view, Qt::Key_F10, Qt::ShiftModifier);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    QCOMPARE(menu->objectName(), QStringLiteral("todoContextMenu"));
    QVERIFY(actionNamed(menu, QStringLiteral("wakeNow")));
    QCOMPARE(actionNamed(menu, QStringLiteral("markRead"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    actionNamed(menu, QStringLiteral("wakeNow"))->trigger();
    menu->close();
    QVERIFY(!stateOf(TodoModel::SnoozedUntilRole).toDateTime().isValid());
    QCOMPARE(m_fixture.model->unreadCount(), 3);

    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier); // until when?
    QTRY_VERIFY(m_window->findChild<SnoozeDialog *>());
    m_window->findChild<SnoozeDialog *>()->reject();
    QTRY_VERIFY(!m_window->findChild<SnoozeDialog *>());
}

void tst_TodoListWindow::serverFilterListsEveryServer()
{
    // One server: no filter, no server names.
    QComboBox *filter = m_window->serverFilterBox();
    QCOMPARE(filter->objectName(), QStringLiteral("serverFilter"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(!filter->isVisible());
    QVERIFY(!m_window->findChild<TodoDelegate *>()->serverNamesShown());

    pushSample();
    addSecondServer();
    QVERIFY(filter->isVisible());
    QVERIFY(!filter->accessibleName().isEmpty());
    QStringList items;
    for (int item = 0; item < filter->count(); ++item)
        items.append(filter->itemText(item));
    QCOMPARE(
        items,
        (QStringList {QStringLiteral("All servers"), QStringLiteral("Production"), QStringLiteral("Test system")}));
    QCOMPARE(filter->currentIndex(), 0);
    QCOMPARE(m_window->view()->model()->rowCount(), 5);
    // Renamed: the filter follows.
    m_fixture.merged->setServerName(QStringLiteral("test"), QStringLiteral("Staging"));
    QCOMPARE(filter->itemText(2), QStringLiteral("Staging"));
    // A server without a name goes by its id; the first server, whose id is empty, by "Main server".
    m_fixture.merged->setServerName(QStringLiteral("test"), QString());
    QCOMPARE(filter->itemText(2), QStringLiteral("test"));
    m_fixture.merged->setServerName(QString(), QString());
    QCOMPARE(filter->itemText(1), QStringLiteral("Main server"));
    QCOMPARE(TodoDelegate::serverText(rowOf(QStringLiteral("Budget approval 2024"))), QStringLiteral("Main server"));
    // Back to one server: hidden again.
    QVERIFY(m_fixture.merged->removeServer(QStringLiteral("test")));
    QVERIFY(!filter->isVisible());
    QCOMPARE(m_window->view()->model()->rowCount(), 3);
}

void tst_TodoListWindow::filterShowsOnlyThatServersTodos()
{
    pushSample();
    addSecondServer();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QAbstractItemModel *model = m_window->view()->model();
    QComboBox *filter = m_window->serverFilterBox();

    filter->setCurrentIndex(2); // Test system
    QCOMPARE(m_fixture.merged->serverFilter(), std::optional<QString>(QStringLiteral("test")));
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, 0).data(MergedTodoModel::ServerNameRole).toString(), QStringLiteral("Test system"));
    filter->setCurrentIndex(1); // Production
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(rowOf(QStringLiteral("Budget approval 2024")).isValid());
    QVERIFY(!rowOf(QStringLiteral("Test deployment sign-off")).isValid());

    // A filter that hides everything says so, by the server's name.
    m_fixture.merged->markAllRead();
    m_window->unreadOnlyBox()->setChecked(true);
    QVERIFY(m_window->isEmptyStateShown());
    QCOMPARE(m_window->emptyStateLabel()->text(), QStringLiteral("No unread todos from Production."));
    m_window->unreadOnlyBox()->setChecked(false);
    QTest::keyClicks(m_window->searchField(), QStringLiteral("deployment"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QVERIFY(m_window->isEmptyStateShown());
    QCOMPARE(m_window->emptyStateLabel()->text(), QStringLiteral("No todos from Production match “deployment”."));
    // Every server: the other server's todo matches.
    filter->setCurrentIndex(0);
    QVERIFY(!m_fixture.merged->serverFilter());
    QVERIFY(!m_window->isEmptyStateShown());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data(TodoModel::TitleRole).toString(), QStringLiteral("Test deployment sign-off"));
}

void tst_TodoListWindow::eachRowNamesItsServer()
{
    pushSample();
    addSecondServer();
    auto *delegate = m_window->findChild<TodoDelegate *>();
    QVERIFY(delegate->serverNamesShown());
    const QModelIndex second = rowOf(QStringLiteral("Load test report review"));
    QCOMPARE(TodoDelegate::serverText(second), QStringLiteral("Test system"));
    QCOMPARE(TodoDelegate::serverText(rowOf(QStringLiteral("Budget approval 2024"))), QStringLiteral("Production"));
    // What a screen reader says and the tooltip name it too.
    QVERIFY(second.data(Qt::AccessibleTextRole).toString().endsWith(QStringLiteral(". Test system")));
    QVERIFY(second.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Test system")));

    // It is drawn: the row's picture changes with the name (and only the row of that server).
    m_window->resize(560, 420);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QListView *view = m_window->view();
    const auto rowPicture = [view](const QModelIndex &index) {
        return view->viewport()->grab(view->visualRect(index)).toImage();
    };
    const QModelIndex first = rowOf(QStringLiteral("Budget approval 2024"));
    const QImage before = rowPicture(second);
    const QImage firstBefore = rowPicture(first);
    m_fixture.merged->setServerName(QStringLiteral("test"), QStringLiteral("QA"));
    QCOMPARE(TodoDelegate::serverText(second), QStringLiteral("QA"));
    QVERIFY(rowPicture(second) != before);
    QCOMPARE(rowPicture(first), firstBefore);
    m_fixture.merged->setServerName(QStringLiteral("test"), QStringLiteral("Test system"));

    // TODO_SCREENSHOT_DIR=<dir> keeps the list with the todos of two servers as list-two-servers.png.
    if (const QString dir = qEnvironmentVariable("TODO_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/list-two-servers.png")));
    }
}

void tst_TodoListWindow::openingATodoOfTheSecondServerUsesItsLinkBase()
{
    pushSample();
    addSecondServer();
    const QModelIndex index = rowOf(QStringLiteral("Test deployment sign-off"));
    const QString key = index.data(TodoModel::KeyRole).toString();
    QCOMPARE(key, QStringLiteral("@test/id:1"));
    m_window->view()->doubleClicked(index);
    QCOMPARE(m_browser->opened.size(), 1);
    QVERIFY2(m_browser->opened.at(0).startsWith("https://test.example.org/service/assets/index.html#"),
             m_browser->opened.at(0).constData());
    // Marked read at its own server only: the first server's todo with the same id stays unread.
    QVERIFY(m_second->store->todo(QStringLiteral("id:1"))->read);
    QVERIFY(!m_fixture.store->todo(QStringLiteral("id:1"))->read);

    // The first server's todo with that id opens on the first server's base.
    m_window->view()->doubleClicked(rowOf(QStringLiteral("Budget approval 2024")));
    QCOMPARE(m_browser->opened.size(), 2);
    QCOMPARE(m_browser->opened.at(1), TodoPipelineFixture::expectedLink(QStringLiteral("1")));
    // Copying the link goes through the todo's server too.
    std::unique_ptr<QMenu> menu(m_window->createContextMenu(rowOf(QStringLiteral("Load test report review"))));
    menu->findChild<QAction *>(QStringLiteral("copyLink"))->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("https://test.example.org/")));
}

QTEST_MAIN(tst_TodoListWindow)
#include "tst_todolistwindow.moc"
