// NotificationCoordinator between the todo pipeline and a Notifier: one notification per todo with its text and
// urgency; a click opens the exact resolved link (caught through QDesktopServices::setUrlHandler) and marks the
// todo read; refused links are not opened; bursts become one summary; what arrives right after a (re)connect is
// summarised once; do not disturb suppresses popups but not the count, and urgent todos can bypass it; a long
// outage is said once, and being back once with what arrived meanwhile; rules mute or lower todos; an urgent todo
// left unread is shown once more after the configured minutes. Time runs on a MockClock.
#include "FakeNotifier.h"
#include "MemoryPushSource.h"
#include "TodoPipelineFixture.h"
#include "config/NotificationRules.h"
#include "list/TodoOpener.h"
#include "notifications/NotificationCoordinator.h"
#include "notifications/Notifier.h"
#include "store/SnoozeScheduler.h"
#include "todo/ServerKey.h"
#include "tray/PendingCounter.h"

#include <QSignalSpy>
#include <QTest>

class tst_NotificationCoordinator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void eachTodoGetsANotificationWithItsText();
    void urgencyFollowsTheTodo();
    void clickOpensTheExactResolvedLinkAndMarksRead();
    void refusedLinkIsNotOpenedAndSaysWhy();
    void todosFarApartAreNotCoalesced();
    void burstBecomesOneSummaryThatOpensTheList();
    void arrivalsAfterReconnectAreSummarisedOnce();
    void singleArrivalAfterReconnectIsShownAsItself();
    void needingAttentionIsSaidOnce();
    void doNotDisturbSuppressesPopupsButKeepsCounting();
    void doNotDisturbSetElsewhereCountsWithinASecond();
    void urgentTodosBypassDoNotDisturbWhenSet();
    void popupsOffShowsNothing();
    void readingEverythingWithdrawsTheNotifications();
    void offlineIsSaidOnceThenBackWithWhatArrived();
    void shortOutageSaysNothing();
    void offlineNoticeFromStartAndNotForAStopOrWhenOff();
    void quietHoursHoldUntilMondayMorningThenOneSummary();
    void quietHoursEndNoticedAfterSleepOrClockChange();
    void singleTodoOfTheQuietHoursIsShownAsItself();
    void connectionNoticesKeepQuietDuringQuietHours();
    void rulesMuteOrLowerTodos();
    void lowerNeverBypassesDoNotDisturb();
    void mutedTodosAreLeftOutOfSummaries();
    void realertOnceAfterTheMinutesWhenStillUnread();
    void readingCancelsTheRealert();
    void snoozingWithdrawsAndCancelsTheRealert();
    void realertIsOffByDefault();
    void realertRespectsDoNotDisturb();
    void snoozedTodoNotifiesAgainOnceAndTheCountFollows();
    void wokenTodoRespectsDoNotDisturb();
    void todoDoneElsewhereIsWithdrawnAndMarkedDone();
    void pendingCountOfZeroWithdrawsEveryNotification();
    void todoReadHereIsWithdrawn();
    void summaryIsWithdrawnWhenEveryTodoItStoodForIsDone();
    void todoDoneDuringTheCatchUpWindowIsNotSummarised();
    void notificationActionsBecomeRequests();
    void twoServersShareTheNotifierWithoutMixingUp();

private:
    void setWallClock(const QDateTime &localTime);
    void pushOne(const QString &id, const QString &title, int urgency = 0, int pending = -1);
    void pushFrom(const QString &id, const QString &title, int urgency, const QString &sender,
                  const QString &business = QStringLiteral("变更申请"));

    TodoPipelineFixture m_fixture;
    std::unique_ptr<FakeNotifier> m_notifier;
    std::unique_ptr<TodoOpener> m_opener;
    std::unique_ptr<NotificationCoordinator> m_coordinator;
    std::unique_ptr<UrlCatcher> m_browser;
};

void tst_NotificationCoordinator::init()
{
    m_fixture.setUp(this);
    m_notifier = std::make_unique<FakeNotifier>();
    m_opener = std::make_unique<TodoOpener>(m_fixture.merged.get());
    m_coordinator =
        std::make_unique<NotificationCoordinator>(m_notifier.get(), m_opener.get(), m_fixture.settings.get());
    m_coordinator->setClock(m_fixture.clock.get());
    m_coordinator->setTodoStore(m_fixture.store);
    connect(m_fixture.ingestor, &TodoIngestor::todoArrived, m_coordinator.get(),
            &NotificationCoordinator::onTodoArrived);
    connect(m_fixture.model, &TodoModel::unreadCountChanged, m_coordinator.get(),
            &NotificationCoordinator::onUnreadCountChanged);
    connect(m_fixture.store, &TodoStore::todoChanged, m_coordinator.get(), &NotificationCoordinator::onTodoChanged);
    m_browser = std::make_unique<UrlCatcher>();
}

void tst_NotificationCoordinator::cleanup()
{
    m_browser.reset();
    m_coordinator.reset();
    m_opener.reset();
    m_notifier.reset();
    m_fixture.tearDown();
}

void tst_NotificationCoordinator::pushOne(const QString &id, const QString &title, int urgency, int pending)
{
    m_fixture.push(TodoPipelineFixture::envelope({TodoPipelineFixture::todo(id, title, urgency)}, pending));
}

void tst_NotificationCoordinator::pushFrom(const QString &id, const QString &title, int urgency, const QString &sender,
                                           const QString &business)
{
    m_fixture.push(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(id, title, urgency, QString(), sender, QStringLiteral("研发中心"), business)}));
}

void tst_NotificationCoordinator::eachTodoGetsANotificationWithItsText()
{
    pushOne(QStringLiteral("1"), QStringLiteral("待办通知: 《A&B <b>》变更申请"));
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("Second"));
    QCOMPARE(m_notifier->shown.size(), 2);
    const FakeNotifier::Shown &first = m_notifier->shown.at(0);
    QCOMPARE(first.key, QStringLiteral("id:1"));
    QCOMPARE(first.title, QStringLiteral("待办通知: 《A&B <b>》变更申请")); // as sent: the notifier escapes, not us
    QCOMPARE(first.body, QStringLiteral("变更申请 · 张伟 (研发中心)"));
    QCOMPARE(m_notifier->shown.at(1).title, QStringLiteral("Second"));

    // The same todo pushed again (a redelivery) does not notify twice.
    pushOne(QStringLiteral("2"), QStringLiteral("Second"));
    QCOMPARE(m_notifier->shown.size(), 2);
}

void tst_NotificationCoordinator::urgencyFollowsTheTodo()
{
    pushOne(QStringLiteral("n"), QStringLiteral("normal"), 0);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("u"), QStringLiteral("urgent"), 1);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("c"), QStringLiteral("critical"), 2);
    QCOMPARE(m_notifier->shown.size(), 3);
    QCOMPARE(m_notifier->shown.at(0).urgency, Notifier::Urgency::Normal);
    QCOMPARE(m_notifier->shown.at(1).urgency, Notifier::Urgency::Critical);
    QCOMPARE(m_notifier->shown.at(2).urgency, Notifier::Urgency::Critical);
}

void tst_NotificationCoordinator::clickOpensTheExactResolvedLinkAndMarksRead()
{
    const QString id = QStringLiteral("1791022789439037441");
    pushOne(id, QStringLiteral("待办通知"), 0, 11);
    PendingCounter counter(m_fixture.model, m_fixture.store);
    QCOMPARE(counter.count(), 11);
    QCOMPARE(m_fixture.model->unreadCount(), 1);
    QSignalSpy opened(m_opener.get(), &TodoOpener::opened);

    m_notifier->clickTodo(m_notifier->shown.at(0).key);

    QCOMPARE(m_browser->opened, QList<QByteArray> {TodoPipelineFixture::expectedLink(id)});
    QCOMPARE(opened.size(), 1);
    QCOMPARE(m_fixture.model->unreadCount(), 0);
    QVERIFY(m_fixture.model->index(0).data(TodoModel::ReadRole).toBool());
    QCOMPARE(counter.count(), 10); // the badge drops with the click
}

void tst_NotificationCoordinator::refusedLinkIsNotOpenedAndSaysWhy()
{
    m_fixture.push(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(QStringLiteral("x"), QStringLiteral("evil"), 0,
                                   QStringLiteral("javascript:alert(1)")),
         TodoPipelineFixture::todo(QStringLiteral("y"), QStringLiteral("elsewhere"), 0,
                                   QStringLiteral("https://phishing.example.com/login"))}));
    QSignalSpy refused(m_opener.get(), &TodoOpener::refused);
    m_notifier->clickTodo(QStringLiteral("id:x"));
    m_notifier->clickTodo(QStringLiteral("id:y"));
    QVERIFY(m_browser->opened.isEmpty());
    QCOMPARE(refused.size(), 2);
    for (const auto &arguments : refused)
        QVERIFY2(!arguments.at(2).toString().isEmpty(), "a refusal says why");
    QCOMPARE(refused.at(0).at(1).toString(), QStringLiteral("evil"));
    QCOMPARE(m_fixture.model->unreadCount(), 2); // still to be dealt with
}

void tst_NotificationCoordinator::todosFarApartAreNotCoalesced()
{
    for (int i = 0; i < 5; ++i) {
        pushOne(QString::number(i), QStringLiteral("todo %1").arg(i));
        m_fixture.clock->advance(3000);
    }
    QCOMPARE(m_notifier->shown.size(), 5);
    for (const FakeNotifier::Shown &shown : std::as_const(m_notifier->shown))
        QVERIFY(!shown.key.isEmpty());
    QCOMPARE(m_notifier->closeAllCount, 0);
}

void tst_NotificationCoordinator::burstBecomesOneSummaryThatOpensTheList()
{
    QSignalSpy listRequested(m_coordinator.get(), &NotificationCoordinator::listRequested);
    for (int i = 1; i <= 5; ++i) {
        pushOne(QString::number(i), QStringLiteral("todo %1").arg(i));
        m_fixture.clock->advance(200);
    }
    // The first three as they came, then one summary for the whole burst in their place.
    QCOMPARE(m_notifier->titles().mid(0, 4),
             (QStringList {QStringLiteral("todo 1"), QStringLiteral("todo 2"), QStringLiteral("todo 3"),
                           QStringLiteral("4 new todos")}));
    QCOMPARE(m_notifier->closeAllCount, 1);
    m_fixture.clock->advance(m_coordinator->options().summaryRefreshMs);
    QCOMPARE(m_notifier->shown.constLast().title, QStringLiteral("5 new todos"));
    QVERIFY(m_notifier->shown.constLast().key.isEmpty());
    QVERIFY(m_notifier->shown.constLast().body.contains(QStringLiteral("todo 5")));
    const qsizetype shownAfterBurst = m_notifier->shown.size();

    // Nothing more once the burst is over; a later todo is a notification of its own again.
    m_fixture.clock->advance(10000);
    QCOMPARE(m_notifier->shown.size(), shownAfterBurst);
    pushOne(QStringLiteral("later"), QStringLiteral("later"));
    QCOMPARE(m_notifier->shown.constLast().key, QStringLiteral("id:later"));

    m_notifier->clickSummary();
    QCOMPARE(listRequested.size(), 1);
    QVERIFY(m_browser->opened.isEmpty());
}

void tst_NotificationCoordinator::arrivalsAfterReconnectAreSummarisedOnce()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    source.connectNow();
    QVERIFY(m_coordinator->isCatchingUp());
    for (int i = 1; i <= 4; ++i)
        pushOne(QString::number(i), QStringLiteral("missed %1").arg(i));
    QVERIFY(m_notifier->shown.isEmpty()); // held until the backlog is in
    QCOMPARE(m_fixture.model->count(), 4);

    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).title, QStringLiteral("4 todos arrived while you were offline"));
    QVERIFY(m_notifier->shown.at(0).key.isEmpty());
    QVERIFY(m_notifier->shown.at(0).body.startsWith(QStringLiteral("missed 4")));

    // Afterwards todos notify one by one again.
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("live"), QStringLiteral("live"));
    QCOMPARE(m_notifier->shown.size(), 2);
    QCOMPARE(m_notifier->shown.at(1).key, QStringLiteral("id:live"));
}

void tst_NotificationCoordinator::singleArrivalAfterReconnectIsShownAsItself()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    source.connectNow();
    pushOne(QStringLiteral("only"), QStringLiteral("only one"));
    QVERIFY(m_notifier->shown.isEmpty());
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).key, QStringLiteral("id:only"));
}

void tst_NotificationCoordinator::doNotDisturbSuppressesPopupsButKeepsCounting()
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, false);
    PendingCounter counter(m_fixture.model, m_fixture.store);
    QSignalSpy suppressed(m_coordinator.get(), &NotificationCoordinator::todoSuppressed);
    pushOne(QStringLiteral("1"), QStringLiteral("quiet"), 0);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("quiet urgent"), 2);
    QVERIFY(m_notifier->shown.isEmpty());
    QCOMPARE(suppressed.size(), 2);
    QCOMPARE(m_fixture.model->unreadCount(), 2);
    QCOMPARE(counter.count(), 2);

    // When do not disturb is over, popups come back.
    m_fixture.clock->advance(3600 * 1000);
    pushOne(QStringLiteral("3"), QStringLiteral("loud"));
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("loud")});
}

void tst_NotificationCoordinator::doNotDisturbSetElsewhereCountsWithinASecond()
{
    // The coordinator reads the settings once for a run of todos; set through another Settings object on the same
    // file (the settings dialog's, another process), do not disturb counts at the latest a second later.
    pushOne(QStringLiteral("1"), QStringLiteral("before"));
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("before")});
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    {
        Settings elsewhere(m_fixture.path(QStringLiteral("settings.ini")));
        elsewhere.setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
        elsewhere.sync();
    }
    m_fixture.clock->advance(1000);
    QSignalSpy suppressed(m_coordinator.get(), &NotificationCoordinator::todoSuppressed);
    pushOne(QStringLiteral("2"), QStringLiteral("during"));
    QCOMPARE(suppressed.size(), 1);
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("before")});
}

void tst_NotificationCoordinator::urgentTodosBypassDoNotDisturbWhenSet()
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, true);
    pushOne(QStringLiteral("1"), QStringLiteral("normal"), 0);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("urgent"), 1);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("3"), QStringLiteral("critical"), 2);
    QCOMPARE(m_notifier->titles(), (QStringList {QStringLiteral("urgent"), QStringLiteral("critical")}));
}

void tst_NotificationCoordinator::popupsOffShowsNothing()
{
    m_fixture.settings->setValue(Settings::Key::NotificationPopups, false);
    pushOne(QStringLiteral("1"), QStringLiteral("a"), 2);
    QVERIFY(m_notifier->shown.isEmpty());
    QCOMPARE(m_fixture.model->unreadCount(), 1);
}

void tst_NotificationCoordinator::readingEverythingWithdrawsTheNotifications()
{
    pushOne(QStringLiteral("1"), QStringLiteral("a"));
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("b"));
    QCOMPARE(m_notifier->closeAllCount, 0);
    m_fixture.model->markRead(0);
    QCOMPARE(m_notifier->closeAllCount, 0); // one is still unread
    m_fixture.model->markAllRead();
    QCOMPARE(m_notifier->closeAllCount, 1);
}

void tst_NotificationCoordinator::needingAttentionIsSaidOnce()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    source.start();
    source.needAttention(PushError::Kind::PathNotFound, QStringLiteral("nothing at /ws (404)"));
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).title, QStringLiteral("Todo Notifier cannot connect"));
    QVERIFY(m_notifier->shown.at(0).body.startsWith(QStringLiteral("nothing at /ws (404)")));
    // The slow retries that follow fail the same way: nothing more.
    source.needAttention(PushError::Kind::PathNotFound, QStringLiteral("nothing at /ws (404)"));
    source.needAttention(PushError::Kind::PathNotFound, QStringLiteral("nothing at /ws (404)"));
    QCOMPARE(m_notifier->shown.size(), 1);
    // Once it has been connected again, a new episode is said again.
    source.connectNow();
    source.needAttention(PushError::Kind::Tls, QStringLiteral("TLS certificate rejected"));
    QCOMPARE(m_notifier->shown.size(), 2);
    QVERIFY(m_notifier->shown.at(1).body.startsWith(QStringLiteral("TLS certificate rejected")));
}

void tst_NotificationCoordinator::offlineIsSaidOnceThenBackWithWhatArrived()
{
    QCOMPARE(m_fixture.settings->get<int>(Settings::Key::OfflineNoticeMinutes), 10); // the default
    MemoryPushSource source;
    m_coordinator->attach(&source);
    QSignalSpy offline(m_coordinator.get(), &NotificationCoordinator::offlineShown);
    QSignalSpy back(m_coordinator.get(), &NotificationCoordinator::backOnlineShown);
    source.start();
    source.connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QVERIFY(m_notifier->shown.isEmpty());

    const qint64 droppedAtMs = m_fixture.clock->wallMs();
    source.drop();
    // Retry after retry for nine minutes: nothing.
    for (int minute = 1; minute <= 9; ++minute) {
        m_fixture.clock->advance(60 * 1000);
        source.start();
        source.drop();
    }
    QVERIFY(m_notifier->shown.isEmpty());
    // Ten minutes after the drop (not after the last retry): one notification.
    m_fixture.clock->advance(60 * 1000);
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("Todo Notifier is offline")});
    QCOMPARE(offline.size(), 1);
    QCOMPARE(offline.at(0).at(0).toLongLong(), droppedAtMs);
    const QString since =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(droppedAtMs).toLocalTime().time(), QLocale::ShortFormat);
    QVERIFY2(m_notifier->shown.at(0).body.contains(since), qPrintable(m_notifier->shown.at(0).body));
    // An hour more of retries: still one.
    for (int i = 0; i < 6; ++i) {
        m_fixture.clock->advance(10 * 60 * 1000);
        source.start();
        source.drop();
    }
    QCOMPARE(m_notifier->shown.size(), 1);

    // Back: what the broker kept is held through the catch-up window, then one notification says both.
    source.start();
    source.connectNow();
    pushOne(QStringLiteral("a"), QStringLiteral("kept 1"));
    pushOne(QStringLiteral("b"), QStringLiteral("kept 2"));
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(
        m_notifier->titles(),
        (QStringList {QStringLiteral("Todo Notifier is offline"), QStringLiteral("Todo Notifier is connected again")}));
    QCOMPARE(m_notifier->shown.at(1).body, QStringLiteral("2 todos arrived while you were offline.\nkept 2\nkept 1"));
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.at(0).at(0).toInt(), 2);

    // The next outage is a new one: said again after its own ten minutes.
    source.drop();
    m_fixture.clock->advance(10 * 60 * 1000);
    QCOMPARE(offline.size(), 2);
    source.start();
    source.connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(m_notifier->shown.last().body, QStringLiteral("Nothing arrived while you were offline."));
    QCOMPARE(back.size(), 2);
}

void tst_NotificationCoordinator::shortOutageSaysNothing()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    QSignalSpy offline(m_coordinator.get(), &NotificationCoordinator::offlineShown);
    source.start();
    source.connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    source.drop();
    m_fixture.clock->advance(9 * 60 * 1000);
    source.start();
    source.connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QVERIFY(m_notifier->shown.isEmpty());
    // The outage timer went with the connection: nothing later either.
    m_fixture.clock->advance(60 * 60 * 1000);
    QVERIFY(m_notifier->shown.isEmpty());
    QCOMPARE(offline.size(), 0);
}

void tst_NotificationCoordinator::offlineNoticeFromStartAndNotForAStopOrWhenOff()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    QSignalSpy offline(m_coordinator.get(), &NotificationCoordinator::offlineShown);
    // Never connected since start: said after ten minutes too.
    source.start();
    m_fixture.clock->advance(10 * 60 * 1000);
    QCOMPARE(offline.size(), 1);

    // Stopped on purpose (quitting, new settings) while connecting: not an outage.
    MemoryPushSource second;
    m_coordinator->attach(&second);
    second.start();
    m_fixture.clock->advance(5 * 60 * 1000);
    second.stop();
    m_fixture.clock->advance(60 * 60 * 1000);
    QCOMPARE(offline.size(), 1);

    // Switched off: never.
    m_fixture.settings->setValue(Settings::Key::OfflineNoticeMinutes, 0);
    second.start();
    m_fixture.clock->advance(24 * 60 * 60 * 1000);
    QCOMPARE(offline.size(), 1);
    QCOMPARE(m_notifier->shown.size(), 1);
}

void tst_NotificationCoordinator::setWallClock(const QDateTime &localTime)
{
    m_fixture.clock->jumpWall(localTime.toMSecsSinceEpoch() - m_fixture.clock->wallMs());
}

void tst_NotificationCoordinator::quietHoursHoldUntilMondayMorningThenOneSummary()
{
    // The defaults once switched on: 19:00-08:00 on weekdays, all of Saturday and Sunday.
    m_fixture.settings->setValue(Settings::Key::QuietHoursEnabled, true);
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, true);
    PendingCounter counter(m_fixture.model, m_fixture.store);
    QSignalSpy summaries(m_coordinator.get(), &NotificationCoordinator::summaryShown);
    setWallClock(QDateTime(QDate(2026, 12, 4), QTime(18, 58))); // a Friday
    pushOne(QStringLiteral("1"), QStringLiteral("before"));
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("before")});

    m_fixture.clock->advance(3 * 60 * 1000); // 19:01: quiet
    pushOne(QStringLiteral("2"), QStringLiteral("friday night"));
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("3"), QStringLiteral("urgent friday night"), 1); // urgent: through
    QCOMPARE(m_notifier->titles(), (QStringList {QStringLiteral("before"), QStringLiteral("urgent friday night")}));
    QCOMPARE(m_coordinator->quietHeldCount(), 1);

    m_fixture.clock->advance(qint64(5) * 3600 * 1000); // past midnight, into Saturday
    pushOne(QStringLiteral("4"), QStringLiteral("saturday"));
    m_fixture.clock->advance(qint64(36) * 3600 * 1000); // Sunday, late
    pushOne(QStringLiteral("5"), QStringLiteral("sunday"));
    QCOMPARE(m_notifier->shown.size(), 2);
    QCOMPARE(counter.count(), 5); // counted all along

    // Monday 08:00 (the window's end, not Sunday's midnight): one summary for the three.
    const qint64 toMonday =
        QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs()).msecsTo(QDateTime(QDate(2026, 12, 7), QTime(8, 0)));
    m_fixture.clock->advance(toMonday - 1000);
    QCOMPARE(m_notifier->shown.size(), 2);
    m_fixture.clock->advance(1000);
    QCOMPARE(m_notifier->shown.size(), 3);
    QCOMPARE(m_notifier->shown.at(2).title, QStringLiteral("3 todos arrived during quiet hours"));
    QCOMPARE(m_notifier->shown.at(2).body, QStringLiteral("sunday\nsaturday\nfriday night"));
    QCOMPARE(summaries.size(), 1);
    QCOMPARE(m_coordinator->quietHeldCount(), 0);
    // Once.
    m_fixture.clock->advance(qint64(24) * 3600 * 1000);
    QCOMPARE(m_notifier->shown.size(), 3);
    // And on Monday daytime todos pop up as they come.
    pushOne(QStringLiteral("6"), QStringLiteral("tuesday"));
    QCOMPARE(m_notifier->shown.size(), 4);
}

void tst_NotificationCoordinator::quietHoursEndNoticedAfterSleepOrClockChange()
{
    m_fixture.settings->setValue(Settings::Key::QuietHoursEnabled, true);
    setWallClock(QDateTime(QDate(2026, 12, 8), QTime(23, 0))); // a Tuesday night
    pushOne(QStringLiteral("1"), QStringLiteral("night 1"));
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("night 2"));
    QVERIFY(m_notifier->shown.isEmpty());
    // The computer sleeps until 09:30: the wall clock jumps, the monotonic one (and its timers) did not move.
    setWallClock(QDateTime(QDate(2026, 12, 9), QTime(9, 30)));
    m_fixture.clock->advance(m_coordinator->options().quietRecheckMs);
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("2 todos arrived during quiet hours")});

    // Switching quiet hours off while todos are held lets them out at once.
    setWallClock(QDateTime(QDate(2026, 12, 9), QTime(22, 0)));
    pushOne(QStringLiteral("3"), QStringLiteral("night 3"));
    QCOMPARE(m_notifier->shown.size(), 1);
    m_fixture.settings->setValue(Settings::Key::QuietHoursEnabled, false);
    QCOMPARE(m_notifier->titles().last(), QStringLiteral("night 3"));
}

void tst_NotificationCoordinator::singleTodoOfTheQuietHoursIsShownAsItself()
{
    m_fixture.settings->setValue(Settings::Key::QuietHoursEnabled, true);
    m_fixture.settings->setValue(Settings::Key::QuietHoursFrom, QStringLiteral("12:00"));
    m_fixture.settings->setValue(Settings::Key::QuietHoursTo, QStringLiteral("13:00"));
    m_fixture.settings->setValue(Settings::Key::QuietHoursWholeDays, QStringList());
    setWallClock(QDateTime(QDate(2026, 12, 9), QTime(12, 15)));
    pushOne(QStringLiteral("lunch"), QStringLiteral("over lunch"));
    QVERIFY(m_notifier->shown.isEmpty());
    m_fixture.clock->advance(45 * 60 * 1000);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).key, QStringLiteral("id:lunch"));
}

void tst_NotificationCoordinator::connectionNoticesKeepQuietDuringQuietHours()
{
    m_fixture.settings->setValue(Settings::Key::QuietHoursEnabled, true); // 19:00-08:00 on weekdays
    MemoryPushSource source;
    m_coordinator->attach(&source);
    QSignalSpy offline(m_coordinator.get(), &NotificationCoordinator::offlineShown);
    QSignalSpy back(m_coordinator.get(), &NotificationCoordinator::backOnlineShown);
    setWallClock(QDateTime(QDate(2026, 12, 8), QTime(22, 0))); // a Tuesday night
    source.start();
    source.connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);

    // Down at 22:00 for the whole night: not said at 22:10, nor at any time of the night.
    const qint64 droppedAtMs = m_fixture.clock->wallMs();
    source.drop();
    const qint64 toMorning =
        QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs()).msecsTo(QDateTime(QDate(2026, 12, 9), QTime(8, 0)));
    m_fixture.clock->advance(toMorning - 1000);
    QVERIFY(m_notifier->shown.isEmpty());
    QCOMPARE(offline.size(), 0);
    // Still down when they end at 08:00: said then, once, with the date of the drop (it was yesterday).
    m_fixture.clock->advance(1000);
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("Todo Notifier is offline")});
    QCOMPARE(offline.size(), 1);
    QCOMPARE(offline.at(0).at(0).toLongLong(), droppedAtMs);
    const QString since =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(droppedAtMs).toLocalTime(), QLocale::ShortFormat);
    QVERIFY2(m_notifier->shown.at(0).body.contains(since), qPrintable(m_notifier->shown.at(0).body));
    m_fixture.clock->advance(60 * 60 * 1000);
    QCOMPARE(offline.size(), 1);

    // Back during the next night's quiet hours: no "connected again"; what arrived is held with the quiet hours'
    // todos and counted once, in their summary.
    setWallClock(QDateTime(QDate(2026, 12, 9), QTime(23, 0)));
    source.start();
    source.connectNow();
    pushOne(QStringLiteral("a"), QStringLiteral("kept 1"));
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(back.size(), 0);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_coordinator->quietHeldCount(), 1);
    pushOne(QStringLiteral("b"), QStringLiteral("night"));
    setWallClock(QDateTime(QDate(2026, 12, 10), QTime(8, 0)));
    m_fixture.clock->advance(m_coordinator->options().quietRecheckMs);
    QCOMPARE(m_notifier->titles().last(), QStringLiteral("2 todos arrived during quiet hours"));
    QCOMPARE(m_notifier->shown.size(), 2);
}

void tst_NotificationCoordinator::rulesMuteOrLowerTodos()
{
    const QList<NotificationRule> rules {
        {NotificationRule::Field::Sender, NotificationRule::Match::Equals, QStringLiteral("李四"),
         NotificationRule::Action::Mute},
        {NotificationRule::Field::Type, NotificationRule::Match::Contains, QStringLiteral("请假"),
         NotificationRule::Action::Lower},
    };
    QVERIFY(m_fixture.settings->setValue(Settings::Key::NotificationRules, NotificationRules::toJson(rules)));
    PendingCounter counter(m_fixture.model, m_fixture.store);
    QSignalSpy suppressed(m_coordinator.get(), &NotificationCoordinator::todoSuppressed);

    pushFrom(QStringLiteral("1"), QStringLiteral("muted"), 2, QStringLiteral("李四"), QStringLiteral("请假申请"));
    QVERIFY(m_notifier->shown.isEmpty()); // mute wins over lower, and over critical
    QCOMPARE(suppressed.size(), 1);
    QCOMPARE(counter.count(), 1); // stored and counted

    m_fixture.clock->advance(5000);
    pushFrom(QStringLiteral("2"), QStringLiteral("lowered"), 1, QStringLiteral("张伟"), QStringLiteral("请假申请"));
    m_fixture.clock->advance(5000);
    pushFrom(QStringLiteral("3"), QStringLiteral("as ever"), 1, QStringLiteral("张伟"));
    QCOMPARE(m_notifier->titles(), (QStringList {QStringLiteral("lowered"), QStringLiteral("as ever")}));
    QCOMPARE(m_notifier->shown.at(0).urgency, Notifier::Urgency::Low); // a silent one (see Notifier::Urgency)
    QCOMPARE(m_notifier->shown.at(1).urgency, Notifier::Urgency::Critical);

    // The threshold: normal todos lowered.
    QVERIFY(m_fixture.settings->setValue(Settings::Key::NotificationRules, QStringLiteral("[]")));
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RulesBelowUrgency, 1));
    m_fixture.clock->advance(5000);
    pushFrom(QStringLiteral("4"), QStringLiteral("normal"), 0, QStringLiteral("李四"));
    QCOMPARE(m_notifier->shown.constLast().title, QStringLiteral("normal"));
    QCOMPARE(m_notifier->shown.constLast().urgency, Notifier::Urgency::Low);
    // ... or muted.
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RulesBelowAction, QStringLiteral("mute")));
    m_fixture.clock->advance(5000);
    pushFrom(QStringLiteral("5"), QStringLiteral("normal, muted"), 0, QStringLiteral("王五"));
    QCOMPARE(m_notifier->shown.size(), 3);
    QCOMPARE(counter.count(), 5);
}

void tst_NotificationCoordinator::lowerNeverBypassesDoNotDisturb()
{
    const QList<NotificationRule> rules {{NotificationRule::Field::Sender, NotificationRule::Match::Equals,
                                          QStringLiteral("李四"), NotificationRule::Action::Lower}};
    QVERIFY(m_fixture.settings->setValue(Settings::Key::NotificationRules, NotificationRules::toJson(rules)));
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, true);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
    pushFrom(QStringLiteral("1"), QStringLiteral("urgent but lowered"), 2, QStringLiteral("李四"));
    m_fixture.clock->advance(5000);
    pushFrom(QStringLiteral("2"), QStringLiteral("urgent"), 2, QStringLiteral("张伟"));
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("urgent")});
}

void tst_NotificationCoordinator::mutedTodosAreLeftOutOfSummaries()
{
    const QList<NotificationRule> rules {{NotificationRule::Field::Sender, NotificationRule::Match::Equals,
                                          QStringLiteral("李四"), NotificationRule::Action::Mute}};
    QVERIFY(m_fixture.settings->setValue(Settings::Key::NotificationRules, NotificationRules::toJson(rules)));
    // A burst of six, two of them muted: the summary stands for the four others.
    for (int i = 1; i <= 6; ++i) {
        pushFrom(QString::number(i), QStringLiteral("todo %1").arg(i), 0,
                 i % 3 == 0 ? QStringLiteral("李四") : QStringLiteral("张伟"));
        m_fixture.clock->advance(200);
    }
    m_fixture.clock->advance(m_coordinator->options().summaryRefreshMs);
    QCOMPARE(m_notifier->titles(),
             (QStringList {QStringLiteral("todo 1"), QStringLiteral("todo 2"), QStringLiteral("todo 4"),
                           QStringLiteral("4 new todos")}));
    QVERIFY(!m_notifier->shown.constLast().body.contains(QStringLiteral("todo 6")));

    // After a reconnect: neither in the catch-up summary.
    MemoryPushSource source;
    m_coordinator->attach(&source);
    m_fixture.clock->advance(10000);
    source.connectNow();
    pushFrom(QStringLiteral("7"), QStringLiteral("todo 7"), 0, QStringLiteral("李四"));
    pushFrom(QStringLiteral("8"), QStringLiteral("todo 8"), 0, QStringLiteral("张伟"));
    pushFrom(QStringLiteral("9"), QStringLiteral("todo 9"), 0, QStringLiteral("王五"));
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(m_notifier->shown.constLast().title, QStringLiteral("2 todos arrived while you were offline"));
}

void tst_NotificationCoordinator::realertOnceAfterTheMinutesWhenStillUnread()
{
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 10));
    QSignalSpy realerts(m_coordinator.get(), &NotificationCoordinator::realertShown);
    pushOne(QStringLiteral("u"), QStringLiteral("urgent"), 1);
    const int timers = m_fixture.clock->activeTimerCount();
    m_fixture.clock->advance(60 * 1000);
    pushOne(QStringLiteral("n"), QStringLiteral("normal"), 0); // not urgent: never again
    pushOne(QStringLiteral("c"), QStringLiteral("critical"), 2);
    QCOMPARE(m_coordinator->pendingRealertCount(), 2);
    QVERIFY(m_fixture.clock->activeTimerCount() <= timers); // one timer for both
    QCOMPARE(m_notifier->shown.size(), 3);

    m_fixture.clock->advance(9 * 60 * 1000 - 1);
    QCOMPARE(m_notifier->shown.size(), 3);
    m_fixture.clock->advance(1);
    QCOMPARE(realerts.size(), 1);
    const FakeNotifier::Shown again = m_notifier->shown.constLast();
    QCOMPARE(again.key, QStringLiteral("id:u"));
    QCOMPARE(again.title, QStringLiteral("Still unread: urgent"));
    QCOMPARE(again.urgency, Notifier::Urgency::Critical);
    m_fixture.clock->advance(60 * 1000);
    QCOMPARE(realerts.size(), 2);
    QCOMPARE(m_notifier->shown.constLast().title, QStringLiteral("Still unread: critical"));
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);

    // Once: neither time nor a redelivery of the same todo brings it back.
    m_fixture.clock->advance(3600 * 1000);
    pushOne(QStringLiteral("u"), QStringLiteral("urgent"), 1);
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);
    m_fixture.clock->advance(3600 * 1000);
    QCOMPARE(realerts.size(), 2);
    QCOMPARE(m_notifier->shown.size(), 5);
}

void tst_NotificationCoordinator::readingCancelsTheRealert()
{
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 5));
    QSignalSpy realerts(m_coordinator.get(), &NotificationCoordinator::realertShown);
    pushOne(QStringLiteral("a"), QStringLiteral("read soon"), 1);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("b"), QStringLiteral("done soon"), 2);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("c"), QStringLiteral("left"), 2);
    QCOMPARE(m_coordinator->pendingRealertCount(), 3);
    m_fixture.clock->advance(60 * 1000);
    QVERIFY(m_fixture.store->setRead(QStringLiteral("id:a")));
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:b")));
    QCOMPARE(m_coordinator->pendingRealertCount(), 1);
    m_fixture.clock->advance(3600 * 1000);
    QCOMPARE(realerts.size(), 1);
    QCOMPARE(realerts.at(0).at(0).toString(), QStringLiteral("id:c"));

    // Read everything at once: nothing left to say.
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("d"), QStringLiteral("read with the rest"), 1);
    QCOMPARE(m_coordinator->pendingRealertCount(), 1);
    m_fixture.model->markAllRead();
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);
    m_fixture.clock->advance(3600 * 1000);
    QCOMPARE(realerts.size(), 1);
}

void tst_NotificationCoordinator::snoozingWithdrawsAndCancelsTheRealert()
{
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 5));
    QSignalSpy realerts(m_coordinator.get(), &NotificationCoordinator::realertShown);
    QSignalSpy withdrawn(m_coordinator.get(), &NotificationCoordinator::withdrawn);
    pushOne(QStringLiteral("s"), QStringLiteral("snoozed soon"), 1);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_coordinator->pendingRealertCount(), 1);

    // Snoozed for an hour from the list: its notification goes, and no "still unread" comes in between; the snooze's
    // own end is its reminder.
    QVERIFY(m_fixture.store->snooze(QStringLiteral("id:s"), m_fixture.clock->wallMs() + 3600 * 1000));
    QCOMPARE(withdrawn.size(), 1);
    QCOMPARE(withdrawn.at(0).at(0).toString(), QStringLiteral("id:s"));
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);
    m_fixture.clock->advance(30 * 60 * 1000);
    QCOMPARE(realerts.size(), 0);
    QCOMPARE(m_notifier->shown.size(), 1);
}

void tst_NotificationCoordinator::realertIsOffByDefault()
{
    QCOMPARE(m_fixture.settings->get<int>(Settings::Key::RealertUrgentMinutes), 0);
    pushOne(QStringLiteral("u"), QStringLiteral("urgent"), 2);
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);
    m_fixture.clock->advance(qint64(24) * 3600 * 1000);
    QCOMPARE(m_notifier->titles(), QStringList {QStringLiteral("urgent")});

    // Switched off while one is pending: it is forgotten.
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 10));
    pushOne(QStringLiteral("v"), QStringLiteral("urgent 2"), 2);
    QCOMPARE(m_coordinator->pendingRealertCount(), 1);
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 0));
    QCOMPARE(m_coordinator->pendingRealertCount(), 0);
    m_fixture.clock->advance(3600 * 1000);
    QCOMPARE(m_notifier->shown.size(), 2);
}

void tst_NotificationCoordinator::realertRespectsDoNotDisturb()
{
    QVERIFY(m_fixture.settings->setValue(Settings::Key::RealertUrgentMinutes, 10));
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, false);
    QSignalSpy realerts(m_coordinator.get(), &NotificationCoordinator::realertShown);
    pushOne(QStringLiteral("u"), QStringLiteral("urgent"), 1);
    QCOMPARE(m_notifier->shown.size(), 1);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
    m_fixture.clock->advance(3 * 3600 * 1000);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(realerts.size(), 0);
}

void tst_NotificationCoordinator::snoozedTodoNotifiesAgainOnceAndTheCountFollows()
{
    // As the tray application wires it: the scheduler's snoozeEnded() to the coordinator.
    SnoozeScheduler scheduler(m_fixture.store);
    scheduler.setClock(m_fixture.clock.get());
    connect(&scheduler, &SnoozeScheduler::snoozeEnded, m_coordinator.get(), &NotificationCoordinator::onSnoozeEnded);
    scheduler.start();
    PendingCounter counter(m_fixture.model, m_fixture.store);
    pushOne(QStringLiteral("1"), QStringLiteral("Budget approval"), 0, 4); // the server counts 4 pending
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(counter.count(), 4);

    // Snoozed from the notification for 15 minutes: the badge drops at once.
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::FifteenMinutes));
    QCOMPARE(m_fixture.model->unreadCount(), 0);
    QCOMPARE(counter.count(), 3);
    m_fixture.clock->advance(15 * 60 * 1000 - 1);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(counter.count(), 3);

    // Its time: shown again as itself, once, and counted again.
    m_fixture.clock->advance(1);
    QCOMPARE(m_notifier->shown.size(), 2);
    QCOMPARE(m_notifier->shown.at(1).key, QStringLiteral("id:1"));
    QCOMPARE(m_notifier->shown.at(1).title, QStringLiteral("Budget approval"));
    QCOMPARE(m_fixture.model->unreadCount(), 1);
    QCOMPARE(counter.count(), 4);
    m_fixture.clock->advance(24 * 3600 * 1000);
    QCOMPARE(m_notifier->shown.size(), 2);
    QVERIFY(!scheduler.isArmed()); // nothing snoozed: no wake-ups
}

void tst_NotificationCoordinator::wokenTodoRespectsDoNotDisturb()
{
    SnoozeScheduler scheduler(m_fixture.store);
    scheduler.setClock(m_fixture.clock.get());
    connect(&scheduler, &SnoozeScheduler::snoozeEnded, m_coordinator.get(), &NotificationCoordinator::onSnoozeEnded);
    scheduler.start();
    pushOne(QStringLiteral("1"), QStringLiteral("quiet"), 0);
    QVERIFY(scheduler.snoozeFor(QStringLiteral("id:1"), SnoozeTimes::Preset::OneHour));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(2 * 3600));
    m_fixture.settings->setValue(Settings::Key::UrgentBypassesDoNotDisturb, false);
    QSignalSpy suppressed(m_coordinator.get(), &NotificationCoordinator::todoSuppressed);
    m_fixture.clock->advance(3600 * 1000);
    QCOMPARE(suppressed.size(), 1); // woken (counted again) without a popup
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_fixture.model->unreadCount(), 1);
}

void tst_NotificationCoordinator::todoDoneElsewhereIsWithdrawnAndMarkedDone()
{
    pushOne(QStringLiteral("1"), QStringLiteral("handled in the web application"), 0, 1);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("still pending"), 0, 2);
    PendingCounter counter(m_fixture.model, m_fixture.store);
    QCOMPARE(counter.count(), 2);
    QSignalSpy withdrawn(m_coordinator.get(), &NotificationCoordinator::withdrawn);

    // After a reconnect the pending list, complete, holds only the second.
    m_fixture.answerCatchUp(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(QStringLiteral("2"), QStringLiteral("still pending"))}, 1));
    QCOMPARE(m_notifier->closed, QStringList {QStringLiteral("id:1")});
    QCOMPARE(withdrawn.size(), 1);
    QCOMPARE(counter.count(), 1);
    QCOMPARE(m_fixture.model->unreadCount(), 1);
    for (int row = 0; row < m_fixture.model->rowCount(); ++row) {
        const QModelIndex index = m_fixture.model->index(row);
        const bool first = index.data(TodoModel::KeyRole).toString() == QStringLiteral("id:1");
        QCOMPARE(index.data(TodoModel::DoneRole).toBool(), first); // marked done in the list
    }
    QCOMPARE(m_notifier->closeAllCount, 0); // the other stays on screen
}

void tst_NotificationCoordinator::pendingCountOfZeroWithdrawsEveryNotification()
{
    pushOne(QStringLiteral("1"), QStringLiteral("one"), 0, 1);
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("two"), 0, 2);
    PendingCounter counter(m_fixture.model, m_fixture.store);
    m_fixture.push(TodoPipelineFixture::envelope({}, 0));
    QStringList closed = m_notifier->closed;
    closed.sort();
    QCOMPARE(closed, (QStringList {QStringLiteral("id:1"), QStringLiteral("id:2")}));
    QCOMPARE(counter.count(), 0);
    QCOMPARE(m_fixture.model->unreadCount(), 0);
}

void tst_NotificationCoordinator::todoReadHereIsWithdrawn()
{
    pushOne(QStringLiteral("1"), QStringLiteral("one"));
    m_fixture.clock->advance(5000);
    pushOne(QStringLiteral("2"), QStringLiteral("two"));
    QVERIFY(m_fixture.model->setRead(QStringLiteral("id:2")));
    QCOMPARE(m_notifier->closed, QStringList {QStringLiteral("id:2")});
    // Unread again and read again: nothing is on screen for it any more.
    QVERIFY(m_fixture.model->setRead(QStringLiteral("id:2"), false));
    QVERIFY(m_fixture.model->setRead(QStringLiteral("id:2")));
    QCOMPARE(m_notifier->closed.size(), 1);
}

void tst_NotificationCoordinator::summaryIsWithdrawnWhenEveryTodoItStoodForIsDone()
{
    pushOne(QStringLiteral("x"), QStringLiteral("before the burst"));
    m_fixture.clock->advance(5000);
    for (int i = 1; i <= 4; ++i) {
        pushOne(QString::number(i), QStringLiteral("todo %1").arg(i));
        m_fixture.clock->advance(200);
    }
    QCOMPARE(m_notifier->shown.constLast().title, QStringLiteral("4 new todos"));
    m_notifier->closed.clear();

    // Three of the four handled elsewhere: the summary stays.
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:1")));
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:2")));
    QVERIFY(m_fixture.model->setRead(QStringLiteral("id:3")));
    QVERIFY(m_notifier->closed.isEmpty());
    // The last one: nothing it stood for is left, so the summary goes (x is still unread: no closeAll()).
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:4")));
    QCOMPARE(m_notifier->closed, QStringList {QString()});
    QCOMPARE(m_notifier->closeAllCount, 1); // only when the burst became a summary
}

void tst_NotificationCoordinator::todoDoneDuringTheCatchUpWindowIsNotSummarised()
{
    MemoryPushSource source;
    m_coordinator->attach(&source);
    source.connectNow();
    pushOne(QStringLiteral("1"), QStringLiteral("one"));
    pushOne(QStringLiteral("2"), QStringLiteral("two"));
    pushOne(QStringLiteral("3"), QStringLiteral("three"));
    QCOMPARE(m_coordinator->heldCount(), 3);
    QVERIFY(m_fixture.store->setDone(QStringLiteral("id:2")));
    QCOMPARE(m_coordinator->heldCount(), 2);
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).title, QStringLiteral("2 todos arrived while you were offline"));
    QVERIFY(!m_notifier->shown.at(0).body.contains(QStringLiteral("two")));
}

void tst_NotificationCoordinator::notificationActionsBecomeRequests()
{
    pushOne(QStringLiteral("1"), QStringLiteral("one"));
    QSignalSpy markRead(m_coordinator.get(), &NotificationCoordinator::markReadRequested);
    QSignalSpy snooze(m_coordinator.get(), &NotificationCoordinator::snoozeRequested);
    m_notifier->chooseAction(QStringLiteral("id:1"), Notifier::Action::MarkRead);
    QCOMPARE(markRead.size(), 1);
    QCOMPARE(markRead.at(0).at(0).toString(), QStringLiteral("id:1"));
    m_notifier->chooseAction(QStringLiteral("id:1"), Notifier::Action::Snooze);
    QCOMPARE(snooze.size(), 1);
    QCOMPARE(snooze.at(0).at(0).toString(), QStringLiteral("id:1"));
    QCOMPARE(snooze.at(0).at(1).toLongLong(), qint64(60 * 60 * 1000)); // an hour
    QVERIFY(m_browser->opened.isEmpty()); // neither opens the todo
}

void tst_NotificationCoordinator::twoServersShareTheNotifierWithoutMixingUp()
{
    // The fixture's server is "Test system" (id "test"); a second coordinator stands for the first server,
    // "Production", on the same notifier. Both send a todo with id 1.
    m_coordinator->setServer(QStringLiteral("test"), QStringLiteral("Test system"));
    NotificationCoordinator production(m_notifier.get(), m_opener.get(), m_fixture.settings.get());
    production.setClock(m_fixture.clock.get());
    production.setServer(QString(), QStringLiteral("Production"));

    pushOne(QStringLiteral("1"), QStringLiteral("From the test system"));
    Todo same;
    same.key = QStringLiteral("id:1");
    same.id = QStringLiteral("1");
    same.title = QStringLiteral("From production");
    production.onTodoArrived(same);
    QCOMPARE(m_notifier->shown.size(), 2);
    QCOMPARE(m_notifier->shown.at(0).key, QStringLiteral("@test/id:1"));
    QVERIFY2(m_notifier->shown.at(0).body.startsWith(QStringLiteral("Test system · ")),
             qPrintable(m_notifier->shown.at(0).body));
    QCOMPARE(m_notifier->shown.at(1).key, QStringLiteral("id:1"));
    QCOMPARE(m_notifier->shown.at(1).body, QStringLiteral("Production"));

    // A choice on one server's notification reaches that server's coordinator only.
    QSignalSpy testRead(m_coordinator.get(), &NotificationCoordinator::markReadRequested);
    QSignalSpy productionRead(&production, &NotificationCoordinator::markReadRequested);
    m_notifier->chooseAction(QStringLiteral("@test/id:1"), Notifier::Action::MarkRead);
    QCOMPARE(testRead.size(), 1);
    QCOMPARE(testRead.at(0).at(0).toString(), QStringLiteral("@test/id:1"));
    QCOMPARE(productionRead.size(), 0);

    // Each server has a summary of its own, named; a click on one opens the list once.
    m_fixture.clock->advance(10'000);
    for (int i = 2; i <= 5; ++i)
        pushOne(QString::number(i), QStringLiteral("burst %1").arg(i));
    const FakeNotifier::Shown summary = m_notifier->shown.constLast();
    QCOMPARE(summary.key, ServerKey::summaryId(QStringLiteral("test")));
    QVERIFY2(summary.title.startsWith(QStringLiteral("Test system: ")), qPrintable(summary.title));
    QSignalSpy testList(m_coordinator.get(), &NotificationCoordinator::listRequested);
    QSignalSpy productionList(&production, &NotificationCoordinator::listRequested);
    m_notifier->clickSummary(ServerKey::summaryId(QStringLiteral("test")));
    QCOMPARE(testList.size(), 1);
    QCOMPARE(productionList.size(), 0);

    // Everything of the test system read: its notifications go, production's stays on screen.
    m_notifier->closed.clear();
    m_fixture.model->markAllRead();
    QVERIFY(!m_notifier->closed.isEmpty());
    for (const QString &closed : std::as_const(m_notifier->closed))
        QCOMPARE(ServerKey::serverOf(closed), QStringLiteral("test"));
    QCOMPARE(m_notifier->closeAllCount, 0);

    // Production removed: its notification goes, and only its own.
    m_notifier->closed.clear();
    production.withdrawAll();
    QVERIFY(m_notifier->closed.contains(QStringLiteral("id:1")));
    for (const QString &closed : std::as_const(m_notifier->closed))
        QCOMPARE(ServerKey::serverOf(closed), QString());
    QCOMPARE(m_notifier->closeAllCount, 0);
}

QTEST_MAIN(tst_NotificationCoordinator)
#include "tst_notificationcoordinator.moc"
