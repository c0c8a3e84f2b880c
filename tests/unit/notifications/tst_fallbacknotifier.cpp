// FallbackNotifier: notifications go through the primary backend until it reports a failure; then the failed
// notification, and every later one, go through the fallback, and clicks keep arriving from whichever shows them.
#include "notifications/FallbackNotifier.h"

#include <QSignalSpy>
#include <QTest>

namespace {

// A backend that records what it was asked to show.
class RecordingNotifier final : public Notifier
{
public:
    explicit RecordingNotifier(QString name)
        : m_name(std::move(name))
    { }
    void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) override
    {
        shown.append(QStringList {todoId, title, body, QString::number(int(urgency))});
        soundAtLastShow = soundEnabled();
    }
    void showSummary(const QString &summaryId, const QString &title, const QString &body) override
    {
        shown.append(QStringList {summaryId.isEmpty() ? QStringLiteral("summary") : summaryId, title, body});
        soundAtLastShow = soundEnabled();
    }
    void closeTodo(const QString &todoId) override { closed.append(todoId); }
    void closeAll() override { ++closeAllCalls; }
    QString backendName() const override { return m_name; }
    void fail(const QString &todoId)
    {
        Q_EMIT notificationFailed(todoId, QStringLiteral("org.freedesktop.DBus.Error"));
    }
    void click(const QString &todoId) { Q_EMIT activated(todoId); }
    void choose(const QString &todoId, Action action) { Q_EMIT actionInvoked(todoId, action); }

    QList<QStringList> shown;
    QStringList closed;
    int closeAllCalls = 0;
    bool soundAtLastShow = true;

private:
    QString m_name;
};

// A FallbackNotifier over two recording backends.
struct Backends
{
    RecordingNotifier *primary = new RecordingNotifier(QStringLiteral("freedesktop"));
    RecordingNotifier *fallback = new RecordingNotifier(QStringLiteral("tray"));
    const std::unique_ptr<FallbackNotifier> notifier =
        std::make_unique<FallbackNotifier>(std::unique_ptr<Notifier>(primary), std::unique_ptr<Notifier>(fallback));
};

} // namespace

class tst_FallbackNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usesThePrimaryWhileItWorks();
    void aFailedTodoIsShownAgainByTheFallback();
    void aFailedSummaryIsShownAgainByTheFallback();
    void settingsReachTheFallback();
    void aWithdrawnTodoIsNotShownAgainByTheFallback();
    void actionsArriveFromEitherBackend();
};

void tst_FallbackNotifier::aWithdrawnTodoIsNotShownAgainByTheFallback()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    RecordingNotifier *p = backends.primary;
    RecordingNotifier *f = backends.fallback;

    notifier.showTodo(QStringLiteral("t1"), QStringLiteral("done elsewhere"), {}, Notifier::Urgency::Normal);
    notifier.closeTodo(QStringLiteral("t1"));
    QCOMPARE(p->closed, QStringList {QStringLiteral("t1")});
    // The primary's late failure report for it: the todo was withdrawn, so it does not come back as a tray message.
    p->fail(QStringLiteral("t1"));
    QVERIFY(f->shown.isEmpty());
    notifier.closeTodo(QStringLiteral("t2"));
    QCOMPARE(f->closed, QStringList {QStringLiteral("t2")}); // from now on the fallback withdraws
}

void tst_FallbackNotifier::actionsArriveFromEitherBackend()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    QSignalSpy actions(&notifier, &Notifier::actionInvoked);
    backends.primary->choose(QStringLiteral("t1"), Notifier::Action::Snooze);
    backends.fallback->choose(QStringLiteral("t2"), Notifier::Action::MarkRead);
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(0).at(0).toString(), QStringLiteral("t1"));
    QCOMPARE(actions.at(0).at(1).value<Notifier::Action>(), Notifier::Action::Snooze);
    QCOMPARE(actions.at(1).at(1).value<Notifier::Action>(), Notifier::Action::MarkRead);
}

void tst_FallbackNotifier::usesThePrimaryWhileItWorks()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    RecordingNotifier *p = backends.primary;
    RecordingNotifier *f = backends.fallback;
    QSignalSpy activated(&notifier, &Notifier::activated);

    notifier.showTodo(QStringLiteral("t1"), QStringLiteral("Approve"), QStringLiteral("body"), Notifier::Urgency::Low);
    notifier.showSummary(QString(), QStringLiteral("3 new todos"), {});
    notifier.closeAll();
    QCOMPARE(notifier.backendName(), QStringLiteral("freedesktop"));
    QCOMPARE(p->shown.size(), 2);
    QCOMPARE(p->closeAllCalls, 1);
    QVERIFY(f->shown.isEmpty());
    p->click(QStringLiteral("t1"));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("t1"));
}

void tst_FallbackNotifier::aFailedTodoIsShownAgainByTheFallback()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    RecordingNotifier *p = backends.primary;
    RecordingNotifier *f = backends.fallback;
    QSignalSpy activated(&notifier, &Notifier::activated);

    notifier.showTodo(QStringLiteral("t1"), QStringLiteral("first"), QStringLiteral("b1"), Notifier::Urgency::Low);
    notifier.showTodo(QStringLiteral("t2"), QStringLiteral("second"), QStringLiteral("b2"),
                      Notifier::Urgency::Critical);
    p->fail(QStringLiteral("t2"));

    // The todo whose notification failed reaches the person after all, as it was, and so does the next one.
    QCOMPARE(notifier.backendName(), QStringLiteral("tray"));
    QCOMPARE(f->shown.size(), 1);
    QCOMPARE(f->shown.at(0),
             (QStringList {QStringLiteral("t2"), QStringLiteral("second"), QStringLiteral("b2"),
                           QString::number(int(Notifier::Urgency::Critical))}));
    notifier.showTodo(QStringLiteral("t3"), QStringLiteral("third"), {}, Notifier::Urgency::Normal);
    QCOMPARE(f->shown.size(), 2);
    QCOMPARE(p->shown.size(), 2);

    // A late failure report from the primary changes nothing; clicks on the fallback's messages open todos.
    p->fail(QStringLiteral("t1"));
    QCOMPARE(f->shown.size(), 2);
    f->click(QStringLiteral("t3"));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("t3"));
}

void tst_FallbackNotifier::aFailedSummaryIsShownAgainByTheFallback()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    RecordingNotifier *p = backends.primary;
    RecordingNotifier *f = backends.fallback;

    notifier.showSummary(QString(), QStringLiteral("12 todos arrived while you were offline"),
                         QStringLiteral("Open the list"));
    p->fail(QString());
    QCOMPARE(f->shown.size(), 1);
    QCOMPARE(f->shown.at(0),
             (QStringList {QStringLiteral("summary"), QStringLiteral("12 todos arrived while you were offline"),
                           QStringLiteral("Open the list")}));
}

void tst_FallbackNotifier::settingsReachTheFallback()
{
    Backends backends;
    FallbackNotifier &notifier = *backends.notifier;
    RecordingNotifier *p = backends.primary;
    RecordingNotifier *f = backends.fallback;
    notifier.setSoundEnabled(false);

    notifier.showTodo(QStringLiteral("t1"), QStringLiteral("quiet"), {}, Notifier::Urgency::Normal);
    QVERIFY(!p->soundAtLastShow);
    p->fail(QStringLiteral("t1"));
    QCOMPARE(f->shown.size(), 1);
    QVERIFY(!f->soundAtLastShow);
}

QTEST_GUILESS_MAIN(tst_FallbackNotifier)
#include "tst_fallbacknotifier.moc"
