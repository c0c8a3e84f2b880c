// FreedesktopNotifier against a real notification server: dunst on a private X display and session bus (see
// tests/support/run-with-dunst.sh). What the person would see is read back with dunstctl: the app name, the
// title shown as written (never taken for markup), the urgency, the icon; invoking the default action opens the
// right todo (or the list, for a summary); a todo shown again replaces its notification; closeTodo() withdraws one
// (NotificationClosed, reason 3); "Snooze" and "Mark as read" are offered and come back when chosen.
#include "notifications/FreedesktopNotifier.h"
#include "tray/TrayIconRenderer.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

namespace {

constexpr int kWaitMs = 10000;

QByteArray dunstctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), arguments);
    if (!process.waitForFinished(kWaitMs) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning() << "dunstctl" << arguments << "failed:" << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput().trimmed();
}

int displayedCount()
{
    return dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).toInt();
}

// dunst's history, newest first, as {field: value}.
QList<QVariantMap> history()
{
    QList<QVariantMap> entries;
    const QJsonObject root = QJsonDocument::fromJson(dunstctl({QStringLiteral("history")})).object();
    const QJsonArray outer = root.value(QLatin1String("data")).toArray();
    const QJsonArray list = outer.isEmpty() ? QJsonArray() : outer.at(0).toArray();
    for (const QJsonValue &value : list) {
        QVariantMap entry;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            entry.insert(it.key(), it.value().toObject().value(QLatin1String("data")).toVariant());
        entries.append(entry);
    }
    return entries;
}

} // namespace

class tst_FreedesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void serverIsFoundAndAsked();
    void createPicksTheServer();
    void showsWhatThePersonShouldSee();
    void defaultActionOpensThatTodo();
    void summaryOpensTheList();
    void sameTodoReplacesItsNotification();
    void urgencyFollowsTheTodo_data();
    void urgencyFollowsTheTodo();
    void othersNotificationsAreIgnored();
    void closeAllWithdrawsThem();
    void closeTodoWithdrawsThatOne();
    void actionsAreOfferedAndChosen_data();
    void actionsAreOfferedAndChosen();

private:
    // Shows a todo and waits until the server has it on screen; returns the server's id (0 on failure).
    uint showAndWait(FreedesktopNotifier &notifier, const QString &todoId, const QString &title,
                     const QString &body = QStringLiteral("body"),
                     Notifier::Urgency urgency = Notifier::Urgency::Normal);
};

void tst_FreedesktopNotifier::initTestCase()
{
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Todo Notifier"));
    QVERIFY2(FreedesktopNotifier::isServiceAvailable(),
             "no org.freedesktop.Notifications on the session bus: run through tests/support/run-with-dunst.sh");
}

void tst_FreedesktopNotifier::init()
{
    dunstctl({QStringLiteral("close-all")});
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 0, kWaitMs);
}

uint tst_FreedesktopNotifier::showAndWait(FreedesktopNotifier &notifier, const QString &todoId, const QString &title,
                                          const QString &body, Notifier::Urgency urgency)
{
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showTodo(todoId, title, body, urgency);
    if (!shown.wait(kWaitMs))
        return 0;
    return shown.at(0).at(1).toUInt();
}

void tst_FreedesktopNotifier::serverIsFoundAndAsked()
{
    FreedesktopNotifier notifier;
    QTRY_VERIFY_WITH_TIMEOUT(!notifier.capabilities().isEmpty(), kWaitMs);
    QVERIFY(notifier.capabilities().contains(QStringLiteral("actions")));
    QVERIFY(notifier.capabilities().contains(QStringLiteral("body-markup"))); // dunst with markup = full
    QCOMPARE(notifier.backendName(), QStringLiteral("freedesktop"));
}

void tst_FreedesktopNotifier::createPicksTheServer()
{
    QSystemTrayIcon tray;
    const std::unique_ptr<Notifier> notifier = Notifier::create(&tray);
    QCOMPARE(notifier->backendName(), QStringLiteral("freedesktop"));
}

void tst_FreedesktopNotifier::showsWhatThePersonShouldSee()
{
    FreedesktopNotifier notifier;
    notifier.setAppIcon(TrayIconRenderer::icon(TrayIconRenderer::State::Connected, false, 0));
    // A server-supplied title and body with markup characters: they must show exactly as written.
    const QString title = QStringLiteral("待办通知: <b>变更申请</b> & 《项目》");
    const QString body = QStringLiteral("张三 · <i>研发中心</i> & co <a href=\"x\">link</a>");
    QVERIFY(showAndWait(notifier, QStringLiteral("1791022789439037441"), title, body, Notifier::Urgency::Critical));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);

    const qsizetype before = history().size();
    dunstctl({QStringLiteral("close")});
    QTRY_COMPARE_WITH_TIMEOUT(history().size(), before + 1, kWaitMs);
    const QVariantMap entry = history().constFirst(); // newest first
    QCOMPARE(entry.value(QStringLiteral("appname")).toString(), QStringLiteral("Todo Notifier"));
    QCOMPARE(entry.value(QStringLiteral("summary")).toString(), title); // plain text by the specification
    QCOMPARE(entry.value(QStringLiteral("body")).toString(), body.toHtmlEscaped()); // escaped: no markup
    QCOMPARE(entry.value(QStringLiteral("category")).toString(), QStringLiteral("im.received"));
    QCOMPARE(entry.value(QStringLiteral("default_action_name")).toString(), QStringLiteral("default"));
    // What dunst renders: the title escaped by dunst itself, the body's tags as literal text, not formatting.
    const QString message = entry.value(QStringLiteral("message")).toString();
    QVERIFY2(message.startsWith(QStringLiteral("CRITICAL:")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("&lt;i&gt;研发中心&lt;/i&gt;")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("<i>")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("<b>")), qPrintable(message));
    // The app icon reached the server as a file it can read.
    const QString icon = entry.value(QStringLiteral("icon_path")).toString();
    QVERIFY2(icon.endsWith(QStringLiteral(".png")) && QFile::exists(icon), qPrintable(icon));
}

void tst_FreedesktopNotifier::defaultActionOpensThatTodo()
{
    FreedesktopNotifier notifier;
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy summary(&notifier, &Notifier::summaryActivated);
    QVERIFY(showAndWait(notifier, QStringLiteral("todo-42"), QStringLiteral("Approve change request")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);

    dunstctl({QStringLiteral("action"), QStringLiteral("0")}); // what a click does
    QVERIFY(activated.wait(kWaitMs));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("todo-42"));
    QCOMPARE(summary.size(), 0);
    // The server closes it after the action; the notifier forgets it.
    QTRY_VERIFY_WITH_TIMEOUT(notifier.shownNotifications().isEmpty(), kWaitMs);
}

void tst_FreedesktopNotifier::summaryOpensTheList()
{
    FreedesktopNotifier notifier;
    QSignalSpy activated(&notifier, &Notifier::activated);
    QSignalSpy summary(&notifier, &Notifier::summaryActivated);
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showSummary(QString(), QStringLiteral("5 new todos"), QStringLiteral("Open the list to see them"));
    QVERIFY(shown.wait(kWaitMs));
    QCOMPARE(shown.at(0).at(0).toString(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);

    dunstctl({QStringLiteral("action"), QStringLiteral("0")});
    QVERIFY(summary.wait(kWaitMs));
    QCOMPARE(activated.size(), 0);
}

void tst_FreedesktopNotifier::sameTodoReplacesItsNotification()
{
    FreedesktopNotifier notifier;
    const uint first = showAndWait(notifier, QStringLiteral("todo-7"), QStringLiteral("first version"));
    QVERIFY(first);
    const uint second = showAndWait(notifier, QStringLiteral("todo-7"), QStringLiteral("second version"));
    QCOMPARE(second, first); // replaces_id: the server updated the one on screen
    const uint other = showAndWait(notifier, QStringLiteral("todo-8"), QStringLiteral("another todo"));
    QVERIFY(other && other != first);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 2, kWaitMs);
    QCOMPARE(notifier.shownNotifications().size(), 2);

    // Replaced summaries too: one summary at a time.
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showSummary(QString(), QStringLiteral("3 new todos"), {});
    notifier.showSummary(QString(), QStringLiteral("4 new todos"), {});
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, kWaitMs);
    QCOMPARE(shown.at(1).at(1), shown.at(0).at(1));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 3, kWaitMs);
}

void tst_FreedesktopNotifier::urgencyFollowsTheTodo_data()
{
    QTest::addColumn<Notifier::Urgency>("urgency");
    QTest::addColumn<QString>("shownAs");
    QTest::newRow("low (0)") << Notifier::Urgency::Low << QStringLiteral("LOW:");
    QTest::newRow("normal (1)") << Notifier::Urgency::Normal << QStringLiteral("NORMAL:");
    QTest::newRow("critical (2)") << Notifier::Urgency::Critical << QStringLiteral("CRITICAL:");
}

void tst_FreedesktopNotifier::urgencyFollowsTheTodo()
{
    QFETCH(Notifier::Urgency, urgency);
    QFETCH(QString, shownAs);
    FreedesktopNotifier notifier;
    QVERIFY(showAndWait(notifier, QStringLiteral("u"), QStringLiteral("urgency"), QStringLiteral("b"), urgency));
    const qsizetype before = history().size();
    dunstctl({QStringLiteral("close")});
    QTRY_COMPARE_WITH_TIMEOUT(history().size(), before + 1, kWaitMs);
    const QString message = history().constFirst().value(QStringLiteral("message")).toString();
    QVERIFY2(message.startsWith(shownAs), qPrintable(message));
}

void tst_FreedesktopNotifier::othersNotificationsAreIgnored()
{
    FreedesktopNotifier mine;
    FreedesktopNotifier other; // another client of the same server, e.g. another application
    QSignalSpy myActivations(&mine, &Notifier::activated);
    QSignalSpy otherActivations(&other, &Notifier::activated);
    QVERIFY(showAndWait(other, QStringLiteral("not-mine"), QStringLiteral("someone else's")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);
    dunstctl({QStringLiteral("action"), QStringLiteral("0")});
    QVERIFY(otherActivations.wait(kWaitMs));

    QVERIFY(showAndWait(mine, QStringLiteral("mine"), QStringLiteral("my todo")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);
    dunstctl({QStringLiteral("action"), QStringLiteral("0")});
    QVERIFY(myActivations.wait(kWaitMs));
    QCOMPARE(myActivations.size(), 1);
    QCOMPARE(myActivations.at(0).at(0).toString(), QStringLiteral("mine"));
    QCOMPARE(otherActivations.size(), 1);
}

void tst_FreedesktopNotifier::closeAllWithdrawsThem()
{
    FreedesktopNotifier notifier;
    QVERIFY(showAndWait(notifier, QStringLiteral("a"), QStringLiteral("a")));
    QVERIFY(showAndWait(notifier, QStringLiteral("b"), QStringLiteral("b")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 2, kWaitMs);
    notifier.closeAll();
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(notifier.shownNotifications().isEmpty(), kWaitMs);
}

void tst_FreedesktopNotifier::closeTodoWithdrawsThatOne()
{
    FreedesktopNotifier notifier;
    QSignalSpy closed(&notifier, &FreedesktopNotifier::notificationClosed);
    const uint done = showAndWait(notifier, QStringLiteral("id:done-elsewhere"), QStringLiteral("handled on the web"));
    QVERIFY(done);
    QVERIFY(showAndWait(notifier, QStringLiteral("id:pending"), QStringLiteral("still pending")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 2, kWaitMs);

    notifier.closeTodo(QStringLiteral("id:done-elsewhere"));
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("id:done-elsewhere"));
    QCOMPARE(closed.at(0).at(1).toUInt(), 3u); // closed by a call to CloseNotification
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs); // gone from the screen; the other stays
    QCOMPARE(notifier.shownNotifications().keys(), QStringList {QStringLiteral("id:pending")});
}

void tst_FreedesktopNotifier::actionsAreOfferedAndChosen_data()
{
    QTest::addColumn<QString>("label");
    QTest::addColumn<Notifier::Action>("action");
    QTest::newRow("snooze") << QStringLiteral("Snooze 1 hour") << Notifier::Action::Snooze;
    QTest::newRow("mark read") << QStringLiteral("Mark as read") << Notifier::Action::MarkRead;
}

void tst_FreedesktopNotifier::actionsAreOfferedAndChosen()
{
    QFETCH(QString, label);
    QFETCH(Notifier::Action, action);
    // dunst's context menu lists a notification's actions through its dmenu command; run-with-dunst.sh's stand-in
    // picks the line naming what $HOME/dmenu-choice says, as a person picking from the menu would.
    QFile choice(QDir::home().filePath(QStringLiteral("dmenu-choice")));
    QVERIFY(choice.open(QIODevice::WriteOnly | QIODevice::Truncate));
    choice.write(label.toUtf8());
    choice.close();

    FreedesktopNotifier notifier;
    QSignalSpy actions(&notifier, &Notifier::actionInvoked);
    QSignalSpy activated(&notifier, &Notifier::activated);
    QVERIFY(showAndWait(notifier, QStringLiteral("id:act"), QStringLiteral("with actions")));
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, kWaitMs);
    dunstctl({QStringLiteral("context")});
    QVERIFY(actions.wait(kWaitMs));
    QCOMPARE(actions.at(0).at(0).toString(), QStringLiteral("id:act"));
    QCOMPARE(actions.at(0).at(1).value<Notifier::Action>(), action);
    QCOMPARE(activated.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 0, kWaitMs); // it has served its purpose
    choice.remove();
}

QTEST_MAIN(tst_FreedesktopNotifier)
#include "tst_freedesktopnotifier.moc"
