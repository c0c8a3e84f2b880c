// TrayController: the icon shows the connection state and the pending count (compared pixel for pixel with
// TrayIconRenderer's rendering), the tooltip says "N pending todos — connected to host" or the state and the last
// error, a left click asks for the list, and every menu action has its effect: mark all read (the count drops),
// do not disturb for an hour / until tomorrow / off (the icon changes, and changes back when it ends), reconnect
// now (a new session on the server), and the application's own actions as signals. The connection is a real
// StompClient (behind its push source) against an in-process DemoPushServer.
#include "DemoPushServer.h"
#include "MemoryPushSource.h"
#include "TodoPipelineFixture.h"
#include "common/ConnectionStatus.h"
#include "model/MergedTodoModel.h"
#include "stomp/StompPushSource.h"
#include "tray/PendingCounter.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTextDocument>

namespace {

constexpr int kWaitMs = 10000;

QImage iconImage(const QIcon &icon)
{
    return icon.pixmap(QSize(32, 32), 1.0).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

// What the icon looks like: a connection state, and whether do not disturb replaces it.
struct Look
{
    TrayIconRenderer::State state = TrayIconRenderer::State::Disconnected;
    bool doNotDisturb = false;
};
const Look kOffline {TrayIconRenderer::State::Disconnected};
const Look kConnecting {TrayIconRenderer::State::Connecting};
const Look kConnected {TrayIconRenderer::State::Connected};
const Look kFailed {TrayIconRenderer::State::Failed};
const Look kDoNotDisturb {TrayIconRenderer::State::Connected, true};

// The icon's source image, which tells the looks apart (every offline state shares one).
QString source(const Look &look)
{
    return TrayIconRenderer::sourcePath(look.state, look.doNotDisturb);
}

QString shown(const TrayController &tray)
{
    return TrayIconRenderer::sourcePath(tray.iconState(), tray.iconShowsDoNotDisturb());
}

QImage expectedImage(const Look &look, int count)
{
    return TrayIconRenderer::render(look.state, look.doNotDisturb, count, QSize(32, 32), 1.0)
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

} // namespace

class tst_TrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void offlineAtFirstWithNoBadge();
    void iconFollowsTheConnectionState();
    void countComesFromTheServerAndDropsWhenRead();
    void tooltipSaysStateAndLastError();
    void tooltipNamesTheServerOfEachConnection();
    void failureIsNotHiddenByDoNotDisturb();
    void leftClickTogglesTheList();
    void menuHasEveryAction();
    void markAllReadAction();
    void doNotDisturbForAnHourEndsByItself();
    void doNotDisturbUntilTomorrowAndOff();
    void reconnectNowStartsANewSession();
    void applicationActionsAreSignals();
    void severalServersShowTheTotalAndTheWorstState();

private:
    void connectToDemo();

    TodoPipelineFixture m_fixture;
    std::unique_ptr<DemoPushServer> m_server;
    std::unique_ptr<StompClient> m_client;
    std::unique_ptr<StompPushSource> m_source;
    std::unique_ptr<ConnectionStatus> m_status;
    std::unique_ptr<PendingCounter> m_counter;
    std::unique_ptr<TrayController> m_tray;
};

void tst_TrayController::init()
{
    m_fixture.setUp(this);
    m_server = std::make_unique<DemoPushServer>();
    m_server->setPublishInterval(0);
    QVERIFY(m_server->listen());
    m_client = std::make_unique<StompClient>();
    m_source = std::make_unique<StompPushSource>(m_client.get());
    m_status = std::make_unique<ConnectionStatus>(m_source.get());
    m_counter = std::make_unique<PendingCounter>(m_fixture.model, m_fixture.store);
    m_tray = std::make_unique<TrayController>(m_fixture.merged.get(), m_counter.get(), m_status.get(),
                                              m_fixture.settings.get());
    m_tray->setClock(m_fixture.clock.get());
}

void tst_TrayController::cleanup()
{
    m_tray.reset();
    m_counter.reset();
    m_status.reset();
    m_source.reset();
    m_client.reset();
    m_server.reset();
    m_fixture.tearDown();
}

void tst_TrayController::connectToDemo()
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), StompClient::State::Connected, kWaitMs);
}

void tst_TrayController::offlineAtFirstWithNoBadge()
{
    QCOMPARE(shown(*m_tray), source(kOffline));
    QCOMPARE(m_tray->shownCount(), 0);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 0));
    QCOMPARE(m_tray->toolTip(), QStringLiteral("0 pending todos — no server configured"));
    QCOMPARE(m_tray->trayIcon()->toolTip(), m_tray->toolTip());
    QVERIFY(!m_tray->action(TrayController::Action::Reconnect)->isEnabled());
}

void tst_TrayController::iconFollowsTheConnectionState()
{
    StompConnectOptions options;
    options.urls = {m_server->url()};
    m_client->setOptions(options);
    QSignalSpy changed(m_status.get(), &ConnectionStatus::changed);
    m_client->connectToServer();
    QCOMPARE(shown(*m_tray), source(kConnecting));
    QTRY_COMPARE_WITH_TIMEOUT(shown(*m_tray), source(kConnected), kWaitMs);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kConnected, 0));
    const QString host = QStringLiteral("127.0.0.1:%1").arg(m_server->port());
    QCOMPARE(m_tray->toolTip(), QStringLiteral("0 pending todos — connected to %1").arg(host));

    // The server goes away: offline (waiting to reconnect), with the reason.
    m_server->close();
    QTRY_COMPARE_WITH_TIMEOUT(shown(*m_tray), source(kOffline), kWaitMs);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 0));
    QVERIFY2(m_tray->toolTip().startsWith(QStringLiteral("0 pending todos — offline")), qPrintable(m_tray->toolTip()));
}

void tst_TrayController::countComesFromTheServerAndDropsWhenRead()
{
    m_fixture.push(TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("a")),
                                                  TodoPipelineFixture::todo(QStringLiteral("2"), QStringLiteral("b"))},
                                                 11));
    QCOMPARE(m_tray->shownCount(), 11);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 11));
    QVERIFY(m_tray->toolTip().startsWith(QStringLiteral("11 pending todos — ")));

    m_fixture.model->markRead(0);
    QCOMPARE(m_tray->shownCount(), 10);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 10));
    // Marked unread again: back up.
    m_fixture.model->markRead(0, false);
    QCOMPARE(m_tray->shownCount(), 11);

    // The server's next count is the truth again.
    m_fixture.model->markRead(0);
    m_fixture.push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("3"), QStringLiteral("c"))}, 12));
    QCOMPARE(m_tray->shownCount(), 12);

    // Past 99 the badge says 99+.
    m_fixture.push(TodoPipelineFixture::envelope({}, 150));
    QCOMPARE(m_tray->shownCount(), 150);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 150));
    QCOMPARE(TrayIconRenderer::badgeText(m_tray->shownCount()), QStringLiteral("99+"));
}

void tst_TrayController::tooltipSaysStateAndLastError()
{
    // A port nobody listens on, one attempt only: failed, with the reason.
    QTcpServer reserved;
    QVERIFY(reserved.listen(QHostAddress::LocalHost));
    const quint16 port = reserved.serverPort();
    reserved.close();
    StompConnectOptions options;
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port))};
    options.reconnect.maxAttempts = 1;
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(shown(*m_tray), source(kFailed), kWaitMs);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kFailed, 0));
    const QStringList lines = m_tray->toolTip().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("0 pending todos — failed to connect to 127.0.0.1:%1").arg(port));
    QVERIFY(!lines.at(1).isEmpty());
    QCOMPARE(lines.at(1), m_client->lastError().message);
    QVERIFY(m_tray->action(TrayController::Action::Reconnect)->isEnabled());
}

void tst_TrayController::tooltipNamesTheServerOfEachConnection()
{
    // Two nodes of a cluster: the first goes away, the client goes on to the second, and the tooltip names the node
    // it is connected to now, not the one it was connected to before.
    DemoPushServer second;
    second.setPublishInterval(0);
    QVERIFY(second.listen());
    m_client->setClock(m_fixture.clock.get());
    StompConnectOptions options;
    options.urls = {m_server->url(), second.url()};
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), StompClient::State::Connected, kWaitMs);
    QCOMPARE(m_tray->toolTip(), QStringLiteral("0 pending todos — connected to 127.0.0.1:%1").arg(m_server->port()));

    QSignalSpy reconnecting(m_client.get(), &StompClient::reconnecting);
    m_server->close();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(reconnecting.first().at(2).toUrl(), second.url());
    m_fixture.clock->advance(m_fixture.clock->nextDeadlineIn());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), StompClient::State::Connected, kWaitMs);
    QCOMPARE(m_tray->toolTip(), QStringLiteral("0 pending todos — connected to 127.0.0.1:%1").arg(second.port()));
}

void tst_TrayController::failureIsNotHiddenByDoNotDisturb()
{
    m_tray->action(TrayController::Action::DoNotDisturbHour)->trigger();
    QCOMPARE(shown(*m_tray), source(kDoNotDisturb));
    StompConnectOptions options;
    options.urls = {QUrl(QStringLiteral("ws://127.0.0.1:1/ws"))};
    options.reconnect.maxAttempts = 1;
    m_client->setOptions(options);
    m_client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(shown(*m_tray), source(kFailed), kWaitMs);
}

void tst_TrayController::leftClickTogglesTheList()
{
    QSignalSpy toggle(m_tray.get(), &TrayController::toggleListRequested);
    Q_EMIT m_tray->trayIcon()->activated(QSystemTrayIcon::Trigger);
    QCOMPARE(toggle.size(), 1);
    Q_EMIT m_tray->trayIcon()->activated(QSystemTrayIcon::Context); // the menu opens instead
    QCOMPARE(toggle.size(), 1);
}

void tst_TrayController::menuHasEveryAction()
{
    QCOMPARE(m_tray->trayIcon()->contextMenu(), m_tray->menu());
    QStringList texts;
    for (QAction *action : m_tray->menu()->actions()) {
        if (!action->isSeparator())
            texts.append(action->text().remove(QLatin1Char('&')));
    }
    QCOMPARE(
        texts,
        (QStringList {QStringLiteral("Open todo list"), QStringLiteral("Mark all as read"),
                      QStringLiteral("Do not disturb"), QStringLiteral("Reconnect now"), QStringLiteral("Settings…"),
                      QStringLiteral("About Todo Notifier"), QStringLiteral("Quit")}));
    QMenu *dnd = m_tray->menu()->actions().at(2)->menu();
    QVERIFY(dnd);
    QCOMPARE(dnd->actions().size(), 3);
    QCOMPARE(dnd->actions().at(0)->text().remove(QLatin1Char('&')), QStringLiteral("For 1 hour"));
    QVERIFY(dnd->actions().at(1)->text().remove(QLatin1Char('&')).startsWith(QStringLiteral("Until tomorrow")));
    QCOMPARE(dnd->actions().at(2)->text().remove(QLatin1Char('&')), QStringLiteral("Off"));
}

void tst_TrayController::markAllReadAction()
{
    QAction *markAll = m_tray->action(TrayController::Action::MarkAllRead);
    QVERIFY(!markAll->isEnabled()); // nothing unread
    m_fixture.push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("a")),
                                       TodoPipelineFixture::todo(QStringLiteral("2"), QStringLiteral("b")),
                                       TodoPipelineFixture::todo(QStringLiteral("3"), QStringLiteral("c"))}));
    QVERIFY(markAll->isEnabled());
    QCOMPARE(m_tray->shownCount(), 3); // no server count: the unread ones
    markAll->trigger();
    QCOMPARE(m_fixture.model->unreadCount(), 0);
    QCOMPARE(m_tray->shownCount(), 0);
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kOffline, 0));
    QVERIFY(!markAll->isEnabled());
}

void tst_TrayController::doNotDisturbForAnHourEndsByItself()
{
    connectToDemo();
    QAction *off = m_tray->action(TrayController::Action::DoNotDisturbOff);
    QVERIFY(!off->isEnabled());
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs(), Qt::UTC);
    m_tray->action(TrayController::Action::DoNotDisturbHour)->trigger();
    QCOMPARE(m_fixture.settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil), now.addSecs(3600));
    QVERIFY(m_tray->isDoNotDisturbActive());
    QCOMPARE(shown(*m_tray), source(kDoNotDisturb));
    QCOMPARE(iconImage(m_tray->trayIcon()->icon()), expectedImage(kDoNotDisturb, 0));
    QVERIFY(m_tray->toolTip().contains(QStringLiteral("Do not disturb until")));
    QVERIFY(off->isEnabled());

    m_fixture.clock->advance(3600 * 1000 - 1000);
    QCOMPARE(shown(*m_tray), source(kDoNotDisturb));
    m_fixture.clock->advance(2000);
    QCOMPARE(shown(*m_tray), source(kConnected));
    QVERIFY(!m_tray->toolTip().contains(QStringLiteral("Do not disturb")));
    QVERIFY(!off->isEnabled());
}

void tst_TrayController::doNotDisturbUntilTomorrowAndOff()
{
    m_tray->action(TrayController::Action::DoNotDisturbTomorrow)->trigger();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_fixture.clock->wallMs());
    const QDateTime expected(now.date().addDays(1), QTime(TrayController::kTomorrowHour, 0));
    QCOMPARE(m_fixture.settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil), expected.toUTC());
    QCOMPARE(shown(*m_tray), source(kDoNotDisturb));

    m_tray->action(TrayController::Action::DoNotDisturbOff)->trigger();
    QVERIFY(!m_fixture.settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil).isValid());
    QCOMPARE(shown(*m_tray), source(kOffline));

    // Set elsewhere (the settings dialog): the icon follows.
    m_fixture.settings->setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(600));
    QCOMPARE(shown(*m_tray), source(kDoNotDisturb));
}

void tst_TrayController::reconnectNowStartsANewSession()
{
    connectToDemo();
    const QByteArray firstSession = m_client->session().sessionId;
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_tray->action(TrayController::Action::Reconnect)->trigger();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_client->state(), StompClient::State::Connected);
    QVERIFY(m_client->session().sessionId != firstSession);
    QCOMPARE(shown(*m_tray), source(kConnected));
}

void tst_TrayController::applicationActionsAreSignals()
{
    QSignalSpy open(m_tray.get(), &TrayController::openListRequested);
    QSignalSpy settings(m_tray.get(), &TrayController::settingsRequested);
    QSignalSpy about(m_tray.get(), &TrayController::aboutRequested);
    QSignalSpy quit(m_tray.get(), &TrayController::quitRequested);
    m_tray->action(TrayController::Action::OpenList)->trigger();
    m_tray->action(TrayController::Action::Settings)->trigger();
    m_tray->action(TrayController::Action::About)->trigger();
    m_tray->action(TrayController::Action::Quit)->trigger();
    QCOMPARE(open.size(), 1);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(about.size(), 1);
    QCOMPARE(quit.size(), 1);
}

void tst_TrayController::severalServersShowTheTotalAndTheWorstState()
{
    // Production is the fixture's pipeline on the demo server; the test system has a store and a source of its own.
    TodoPipelineFixture testSystem;
    testSystem.setUp(this);
    MemoryPushSource testSource;
    ConnectionStatus production(m_source.get());
    ConnectionStatus testStatus(&testSource);
    PendingCounter productionCount(m_fixture.model, m_fixture.store);
    PendingCounter testCount(testSystem.model, testSystem.store);
    ConnectionStatus all;
    all.addServer(&production, QStringLiteral("Production"));
    all.addServer(&testStatus, QStringLiteral("Test system"));
    PendingCounter total;
    total.addServer(&productionCount);
    total.addServer(&testCount);
    MergedTodoModel list;
    list.addServer(QString(), QStringLiteral("Production"), m_fixture.model);
    list.addServer(QStringLiteral("test"), QStringLiteral("Test system"), testSystem.model);
    TrayController tray(&list, &total, &all, m_fixture.settings.get());

    // The icon counts what both servers have pending.
    m_fixture.push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("a"))}, 3));
    testSystem.push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("1"), QStringLiteral("b"))}, 4));
    QCOMPARE(tray.shownCount(), 7);
    testSystem.model->markRead(0);
    QCOMPARE(tray.shownCount(), 6);

    // Both connected: connected, and the tooltip says to how many servers.
    testSource.connectNow();
    connectToDemo();
    QTRY_COMPARE_WITH_TIMEOUT(tray.iconState(), TrayIconRenderer::State::Connected, kWaitMs);
    QCOMPARE(tray.toolTip(), QStringLiteral("6 pending todos — connected to 2 servers"));

    // One goes down: the icon shows the worst state, and the tooltip names that server.
    all.clearServers();
    all.addServer(&production, QStringLiteral("Production"));
    // Shown as written: never as markup, nor with "%3" filled in.
    all.addServer(&testStatus, QStringLiteral("Test <b>system</b> %3"));
    testSource.drop();
    QCOMPARE(all.state(), PushSource::State::Backoff);
    QCOMPARE(shown(tray), source(kOffline));
    QVERIFY2(tray.toolTip().startsWith(QStringLiteral("6 pending todos — Test <b>system</b> %3: offline")),
             qPrintable(tray.toolTip()));
    QTextDocument shown;
    shown.setHtml(tray.trayIcon()->toolTip());
    QVERIFY2(shown.toPlainText().startsWith(QStringLiteral("6 pending todos — Test <b>system</b> %3: offline")),
             qPrintable(shown.toPlainText()));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("1 of 2 servers connected")), qPrintable(tray.toolTip()));
    QCOMPARE(all.source(), &testSource);

    // "Reconnect" tries every server.
    const int before = testSource.startCount();
    tray.action(TrayController::Action::Reconnect)->trigger();
    QCOMPARE(testSource.startCount(), before + 1);
    testSystem.tearDown();
}

QTEST_MAIN(tst_TrayController)
#include "tst_traycontroller.moc"
