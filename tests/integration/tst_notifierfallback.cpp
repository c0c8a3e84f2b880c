// Notifier::create() on a desktop whose session bus lists org.freedesktop.Notifications as activatable but cannot
// start it (tests/support/run-with-broken-notifications.sh): the freedesktop backend is chosen, its first
// notification fails, and that todo is shown as a tray message instead; a click on it still opens the todo.
// The offscreen platform has no tray to show the message, so the click is the tray icon's messageClicked().
#include "notifications/Notifier.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

class tst_NotifierFallback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void todoReachesTheTrayWhenTheServiceDoesNotStart();
};

void tst_NotifierFallback::todoReachesTheTrayWhenTheServiceDoesNotStart()
{
    QSystemTrayIcon tray;
    const std::unique_ptr<Notifier> notifier = Notifier::create(&tray);
    QCOMPARE(notifier->backendName(), QStringLiteral("freedesktop")); // listed, so it is tried first
    QSignalSpy activated(notifier.get(), &Notifier::activated);

    notifier->showTodo(QStringLiteral("todo-1"), QStringLiteral("Approve the budget"), {}, Notifier::Urgency::Normal);
    QTRY_COMPARE_WITH_TIMEOUT(notifier->backendName(), QStringLiteral("tray"), 30000);

    Q_EMIT tray.messageClicked(); // the message on screen is the todo whose notification failed
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("todo-1"));
}

QTEST_MAIN(tst_NotifierFallback)
#include "tst_notifierfallback.moc"
