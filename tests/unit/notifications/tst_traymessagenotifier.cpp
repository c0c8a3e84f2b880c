// TrayMessageNotifier, the fallback (and the Windows/macOS) notifier: a click on the tray message opens the todo
// it was about, or the list after a summary. The offscreen platform has no tray to show the message, so the
// click is the tray icon's own messageClicked() signal.
#include "notifications/Notifier.h"
#include "notifications/TrayMessageNotifier.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

class tst_TrayMessageNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clickOpensTheLatestTodo();
    void clickAfterASummaryOpensTheList();
    void clickAfterCloseAllOpensTheList();
    void createFallsBackToTrayMessagesWithoutAServer();
};

void tst_TrayMessageNotifier::clickOpensTheLatestTodo()
{
    QSystemTrayIcon tray;
    TrayMessageNotifier notifier(&tray);
    QCOMPARE(notifier.backendName(), QStringLiteral("tray"));
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy summary(&notifier, &Notifier::summaryActivated);
    notifier.showTodo(QStringLiteral("todo-1"), QStringLiteral("first"), QStringLiteral("body"),
                      Notifier::Urgency::Normal);
    notifier.showTodo(QStringLiteral("todo-2"), QStringLiteral("second"), QStringLiteral("body"),
                      Notifier::Urgency::Critical);
    QCOMPARE(notifier.currentTodoId(), QStringLiteral("todo-2"));
    Q_EMIT tray.messageClicked(); // the one message on screen is the latest
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("todo-2"));
    QCOMPARE(summary.size(), 0);
}

void tst_TrayMessageNotifier::clickAfterASummaryOpensTheList()
{
    QSystemTrayIcon tray;
    TrayMessageNotifier notifier(&tray);
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy summary(&notifier, &Notifier::summaryActivated);
    notifier.showTodo(QStringLiteral("todo-1"), QStringLiteral("t"), {}, Notifier::Urgency::Low);
    notifier.showSummary(QString(), QStringLiteral("5 new todos"), {});
    Q_EMIT tray.messageClicked();
    QCOMPARE(summary.size(), 1);
    QCOMPARE(activated.size(), 0);
}

void tst_TrayMessageNotifier::clickAfterCloseAllOpensTheList()
{
    QSystemTrayIcon tray;
    TrayMessageNotifier notifier(&tray);
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy summary(&notifier, &Notifier::summaryActivated);
    notifier.showTodo(QStringLiteral("todo-1"), QStringLiteral("t"), {}, Notifier::Urgency::Low);
    notifier.closeAll(); // e.g. read elsewhere: a late click must not open a stale todo
    Q_EMIT tray.messageClicked();
    QCOMPARE(activated.size(), 0);
    QCOMPARE(summary.size(), 1);
}

void tst_TrayMessageNotifier::createFallsBackToTrayMessagesWithoutAServer()
{
    // The test runs without a session bus (DBUS_SESSION_BUS_ADDRESS points nowhere, see CMakeLists.txt).
    QSystemTrayIcon tray;
    const std::unique_ptr<Notifier> notifier = Notifier::create(&tray);
    QVERIFY(notifier);
    QCOMPARE(notifier->backendName(), QStringLiteral("tray"));
}

QTEST_MAIN(tst_TrayMessageNotifier)
#include "tst_traymessagenotifier.moc"
