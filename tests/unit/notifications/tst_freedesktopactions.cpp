// FreedesktopNotifier's actions and withdrawals against a stand-in notification server in this process (on a
// connection of its own to a private session bus, see CMakeLists.txt), which records what it is asked and sends the
// signals a person's choice makes a real server send: "Snooze" and "Mark as read" only where the server lists
// "actions"; ActionInvoked with their keys becomes actionInvoked(); closeTodo() sends CloseNotification for the
// todo's notification, also for one whose Notify the server had not answered yet. The real server (dunst) is in
// tests/integration/tst_freedesktopnotifier.cpp.
#include "notifications/FreedesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

#include <optional>

namespace {

constexpr int kWaitMs = 5000;
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");

class FakeNotificationServer final : public QDBusVirtualObject
{
public:
    struct Notification
    {
        uint id = 0;
        QString summary;
        QStringList actions;
    };

    explicit FakeNotificationServer(const QDBusConnection &connection)
        : m_connection(connection)
    { }

    QStringList capabilities;
    QList<Notification> notified;
    QList<uint> closed;
    bool holdReplies = false; // Notify is answered only by release()

    QString introspect(const QString &) const override { return {}; }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        const QString method = message.member();
        const QVariantList arguments = message.arguments();
        if (method == QLatin1String("GetCapabilities")) {
            connection.send(message.createReply(QVariant(capabilities)));
            return true;
        }
        if (method == QLatin1String("Notify")) {
            const uint replaces = arguments.value(1).toUInt();
            const uint id = replaces != 0 ? replaces : ++m_lastId;
            notified.append({id, arguments.value(3).toString(), arguments.value(5).toStringList()});
            const QDBusMessage reply = message.createReply(QVariant(id));
            if (holdReplies) {
                message.setDelayedReply(true);
                m_held.append(reply);
            } else {
                connection.send(reply);
            }
            return true;
        }
        if (method == QLatin1String("CloseNotification")) {
            const uint id = arguments.value(0).toUInt();
            closed.append(id);
            connection.send(message.createReply());
            emitSignal(QStringLiteral("NotificationClosed"), {id, 3u}); // 3: closed by a call to CloseNotification
            return true;
        }
        connection.send(message.createErrorReply(QDBusError::UnknownMethod, method));
        return true;
    }

    void release()
    {
        holdReplies = false;
        for (const QDBusMessage &reply : std::exchange(m_held, {}))
            m_connection.send(reply);
    }

    void invoke(uint id, const QString &actionKey) { emitSignal(QStringLiteral("ActionInvoked"), {id, actionKey}); }

private:
    void emitSignal(const QString &name, const QVariantList &arguments)
    {
        QDBusMessage signal = QDBusMessage::createSignal(kPath, kInterface, name);
        signal.setArguments(arguments);
        m_connection.send(signal);
    }

    QDBusConnection m_connection;
    QList<QDBusMessage> m_held;
    uint m_lastId = 0;
};

} // namespace

class tst_FreedesktopActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void actionsFollowTheCapabilities_data();
    void actionsFollowTheCapabilities();
    void chosenActionsAreReported();
    void closeTodoWithdrawsItsNotification();
    void closeTodoBeforeTheServerAnswered();

private:
    // Shows a todo and returns the server's id for it (0 on failure).
    uint show(FreedesktopNotifier &notifier, const QString &todoId);

    std::optional<QDBusConnection> m_connection;
    FakeNotificationServer *m_server = nullptr;
};

void tst_FreedesktopActions::initTestCase()
{
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Todo Notifier"));
    m_connection =
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notification-server"));
    QVERIFY2(m_connection->isConnected(), "run under dbus-run-session");
    m_server = new FakeNotificationServer(*m_connection);
    QVERIFY(m_connection->registerVirtualObject(kPath, m_server));
    QVERIFY(m_connection->registerService(kInterface));
}

void tst_FreedesktopActions::init()
{
    m_server->capabilities = QStringList {QStringLiteral("actions"), QStringLiteral("body")};
    m_server->notified.clear();
    m_server->closed.clear();
    m_server->holdReplies = false;
}

void tst_FreedesktopActions::cleanupTestCase()
{
    m_connection->unregisterObject(kPath);
    delete m_server;
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-notification-server"));
}

uint tst_FreedesktopActions::show(FreedesktopNotifier &notifier, const QString &todoId)
{
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showTodo(todoId, QStringLiteral("title of ") + todoId, QStringLiteral("body"), Notifier::Urgency::Normal);
    if (!shown.wait(kWaitMs))
        return 0;
    return shown.at(0).at(1).toUInt();
}

void tst_FreedesktopActions::actionsFollowTheCapabilities_data()
{
    QTest::addColumn<QStringList>("capabilities");
    QTest::addColumn<QStringList>("todoActions");
    QTest::addColumn<QStringList>("summaryActions");
    const QStringList open {QStringLiteral("default"), QStringLiteral("Open")};
    QTest::newRow("with actions") << QStringList {QStringLiteral("actions"), QStringLiteral("body")}
                                  << (open
                                      + QStringList {QStringLiteral("snooze"), QStringLiteral("Snooze 1 hour"),
                                                     QStringLiteral("mark-read"), QStringLiteral("Mark as read")})
                                  << open;
    // A server without actions gets the notification as before: no buttons it would show as text or drop.
    QTest::newRow("without actions") << QStringList {QStringLiteral("body")} << QStringList() << QStringList();
}

void tst_FreedesktopActions::actionsFollowTheCapabilities()
{
    QFETCH(QStringList, capabilities);
    QFETCH(QStringList, todoActions);
    QFETCH(QStringList, summaryActions);
    m_server->capabilities = capabilities;
    FreedesktopNotifier notifier;
    QVERIFY(show(notifier, QStringLiteral("id:1")));
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showSummary(QString(), QStringLiteral("5 new todos"), {});
    QVERIFY(shown.wait(kWaitMs));
    QCOMPARE(m_server->notified.size(), 2);
    QCOMPARE(m_server->notified.at(0).actions, todoActions);
    QCOMPARE(m_server->notified.at(1).actions, summaryActions);
}

void tst_FreedesktopActions::chosenActionsAreReported()
{
    FreedesktopNotifier notifier;
    QSignalSpy actions(&notifier, &Notifier::actionInvoked);
    QSignalSpy activated(&notifier, &Notifier::activated);
    const uint first = show(notifier, QStringLiteral("id:1"));
    const uint second = show(notifier, QStringLiteral("id:2"));
    QVERIFY(first && second);

    m_server->invoke(first, QStringLiteral("snooze"));
    QVERIFY(actions.wait(kWaitMs));
    QCOMPARE(actions.at(0).at(0).toString(), QStringLiteral("id:1"));
    QCOMPARE(actions.at(0).at(1).value<Notifier::Action>(), Notifier::Action::Snooze);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->closed, QList<uint> {first}, kWaitMs); // it has served its purpose

    m_server->invoke(second, QStringLiteral("mark-read"));
    QVERIFY(actions.wait(kWaitMs));
    QCOMPARE(actions.at(1).at(0).toString(), QStringLiteral("id:2"));
    QCOMPARE(actions.at(1).at(1).value<Notifier::Action>(), Notifier::Action::MarkRead);
    QCOMPARE(activated.size(), 0); // neither opens the todo

    // The default action still opens it; an action key nobody sent, and another client's id, do nothing.
    const uint third = show(notifier, QStringLiteral("id:3"));
    m_server->invoke(third, QStringLiteral("something-else"));
    m_server->invoke(third + 100, QStringLiteral("snooze"));
    m_server->invoke(third, QStringLiteral("default"));
    QVERIFY(activated.wait(kWaitMs));
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("id:3"));
    QCOMPARE(actions.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->closed.contains(third), kWaitMs); // before the next test looks
}

void tst_FreedesktopActions::closeTodoWithdrawsItsNotification()
{
    FreedesktopNotifier notifier;
    const uint first = show(notifier, QStringLiteral("id:1"));
    const uint second = show(notifier, QStringLiteral("id:2"));
    QVERIFY(first && second);
    notifier.closeTodo(QStringLiteral("id:1"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->closed, QList<uint> {first}, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!notifier.shownNotifications().contains(QStringLiteral("id:1")), kWaitMs);
    QVERIFY(notifier.shownNotifications().contains(QStringLiteral("id:2")));
    // One that is not shown: nothing to withdraw.
    notifier.closeTodo(QStringLiteral("id:9"));
    notifier.closeTodo(QString());
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showSummary(QString(), QStringLiteral("2 new todos"), {});
    QVERIFY(shown.wait(kWaitMs));
    QCOMPARE(m_server->closed, QList<uint> {first});
    // The summary (an empty id).
    notifier.closeTodo(QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->closed.size(), 2, kWaitMs);
    QCOMPARE(m_server->closed.at(1), shown.at(0).at(1).toUInt());
}

void tst_FreedesktopActions::closeTodoBeforeTheServerAnswered()
{
    FreedesktopNotifier notifier;
    QVERIFY(show(notifier, QStringLiteral("id:0"))); // the capabilities are known
    m_server->holdReplies = true;
    QSignalSpy shown(&notifier, &FreedesktopNotifier::notificationShown);
    notifier.showTodo(QStringLiteral("id:1"), QStringLiteral("done elsewhere at once"), {}, Notifier::Urgency::Normal);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->notified.size(), 2, kWaitMs);
    notifier.closeTodo(QStringLiteral("id:1"));
    QVERIFY(m_server->closed.isEmpty()); // no id to close yet
    m_server->release();
    QVERIFY(shown.wait(kWaitMs));
    const uint id = shown.at(0).at(1).toUInt();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->closed, QList<uint> {id}, kWaitMs);
}

QTEST_MAIN(tst_FreedesktopActions)
#include "tst_freedesktopactions.moc"
