// NotificationRules: rules that mute or lower todos by type (metaData.bname), sender or department, equal or containing
// a text (case and surrounding spaces ignored), and a threshold below an urgency. Mute wins over lower; the JSON text
// in the settings round-trips, refuses unknown fields and empty texts with a reason, and the preview counts what the
// rules would do to a list of todos.
#include "config/NotificationRules.h"
#include "config/Settings.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

Todo todo(const QString &type, const QString &sender, const QString &department, int urgency = 0)
{
    Todo t;
    t.key = QStringLiteral("id:%1/%2/%3/%4").arg(type, sender, department).arg(urgency);
    t.title = type;
    t.businessName = type;
    t.senderName = sender;
    t.senderDepartment = department;
    t.urgency = urgency;
    return t;
}

NotificationRule rule(NotificationRule::Field field, NotificationRule::Match match, const QString &text,
                      NotificationRule::Action action)
{
    return {field, match, text, action};
}

using Field = NotificationRule::Field;
using Match = NotificationRule::Match;
using Action = NotificationRule::Action;
using Verdict = NotificationRules::Verdict;

} // namespace

class tst_NotificationRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rulesMatchTheirFieldIgnoringCase();
    void muteWinsOverLower();
    void belowUrgencyThreshold();
    void jsonRoundTripsAndRefusesNonsense();
    void settingsHoldTheRules();
    void previewCountsWhatTheRulesWouldDo();
};

void tst_NotificationRules::rulesMatchTheirFieldIgnoringCase()
{
    const Todo leave = todo(QStringLiteral("Leave request"), QStringLiteral("Zhang Wei"), QStringLiteral("研发中心"));
    QVERIFY(rule(Field::Type, Match::Equals, QStringLiteral(" leave REQUEST "), Action::Mute).matches(leave));
    QVERIFY(!rule(Field::Type, Match::Equals, QStringLiteral("leave"), Action::Mute).matches(leave));
    QVERIFY(rule(Field::Type, Match::Contains, QStringLiteral("LEAVE"), Action::Mute).matches(leave));
    QVERIFY(rule(Field::Sender, Match::Equals, QStringLiteral("zhang wei"), Action::Mute).matches(leave));
    QVERIFY(!rule(Field::Sender, Match::Equals, QStringLiteral("研发中心"), Action::Mute).matches(leave));
    QVERIFY(rule(Field::Department, Match::Contains, QStringLiteral("研发"), Action::Mute).matches(leave));
    QVERIFY(!rule(Field::Department, Match::Contains, QStringLiteral("财务"), Action::Mute).matches(leave));
    // An empty text matches nothing (and is refused by validation).
    QVERIFY(!rule(Field::Department, Match::Contains, QStringLiteral("  "), Action::Mute).matches(leave));
}

void tst_NotificationRules::muteWinsOverLower()
{
    NotificationRules rules;
    QVERIFY(rules.isEmpty());
    rules.rules = {rule(Field::Department, Match::Contains, QStringLiteral("研发"), Action::Lower),
                   rule(Field::Sender, Match::Equals, QStringLiteral("Li Si"), Action::Mute)};
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), QStringLiteral("Zhang Wei"), QStringLiteral("研发中心"))),
             Verdict::Lower);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), QStringLiteral("Li Si"), QStringLiteral("研发中心"))),
             Verdict::Mute);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), QStringLiteral("Li Si"), QStringLiteral("财务部"))),
             Verdict::Mute);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), QStringLiteral("Wang Wu"), QStringLiteral("财务部"))),
             Verdict::Notify);
}

void tst_NotificationRules::belowUrgencyThreshold()
{
    NotificationRules rules;
    rules.belowUrgency = 1; // below urgent: the normal ones
    rules.belowAction = Action::Lower;
    QVERIFY(!rules.isEmpty());
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 0)), Verdict::Lower);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 1)), Verdict::Notify);
    rules.belowUrgency = 2; // below critical: normal and urgent
    rules.belowAction = Action::Mute;
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 1)), Verdict::Mute);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 2)), Verdict::Notify);
    // A rule's mute wins over the threshold's lower, and the threshold's mute over a rule's lower.
    rules.belowAction = Action::Lower;
    rules.rules = {rule(Field::Type, Match::Equals, QStringLiteral("a"), Action::Mute)};
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 0)), Verdict::Mute);
    rules.belowAction = Action::Mute;
    rules.rules = {rule(Field::Type, Match::Equals, QStringLiteral("a"), Action::Lower)};
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 0)), Verdict::Mute);
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 2)), Verdict::Lower);
    rules.belowUrgency = 0; // off
    rules.rules.clear();
    QCOMPARE(rules.verdictFor(todo(QStringLiteral("a"), {}, {}, 0)), Verdict::Notify);
}

void tst_NotificationRules::jsonRoundTripsAndRefusesNonsense()
{
    const QList<NotificationRule> rules {rule(Field::Type, Match::Contains, QStringLiteral("请假"), Action::Lower),
                                         rule(Field::Sender, Match::Equals, QStringLiteral("Li Si"), Action::Mute),
                                         rule(Field::Department, Match::Equals, QStringLiteral("HR"), Action::Mute)};
    const QString json = NotificationRules::toJson(rules);
    QVERIFY2(NotificationRules::validateJson(json).isEmpty(), qPrintable(NotificationRules::validateJson(json)));
    QCOMPARE(NotificationRules::fromJson(json), rules);
    QVERIFY(NotificationRules::validateJson(QStringLiteral("[]")).isEmpty());

    // Clear reasons, naming the rule.
    QCOMPARE(NotificationRules::validateJson(QStringLiteral("{}")),
             QStringLiteral("The notification rules are not a JSON array."));
    QCOMPARE(NotificationRules::validateJson(QStringLiteral(R"([{"field":"colour","text":"red","action":"mute"}])")),
             QStringLiteral("Rule 1: Unknown field \"colour\"; use type, sender or department."));
    QCOMPARE(NotificationRules::validateJson(
                 QStringLiteral(R"([{"field":"type","text":"a","action":"mute"},{"field":"sender","text":" ",)"
                                R"("action":"lower"}])")),
             QStringLiteral("Rule 2: Enter the text a rule matches, e.g. a sender's name."));
    QCOMPARE(NotificationRules::validateJson(QStringLiteral(R"([{"field":"type","text":"a","action":"hide"}])")),
             QStringLiteral("Rule 1: Unknown action \"hide\"; use mute or lower."));
    QCOMPARE(NotificationRules::validateJson(
                 QStringLiteral(R"([{"field":"type","match":"regex","text":"a","action":"mute"}])")),
             QStringLiteral("Rule 1: Unknown match \"regex\"; use equals or contains."));
    QVERIFY(!NotificationRules::validateRule(rule(Field::Type, Match::Equals, QString(), Action::Mute)).isEmpty());
    QVERIFY(!NotificationRules::validateBelowUrgency(3).isEmpty());
    QVERIFY(!NotificationRules::validateBelowUrgency(-1).isEmpty());
    QVERIFY(NotificationRules::validateBelowUrgency(2).isEmpty());
    // Without "match", a rule is an equality.
    QCOMPARE(NotificationRules::fromJson(QStringLiteral(R"([{"field":"type","text":"a","action":"mute"}])")),
             (QList<NotificationRule> {rule(Field::Type, Match::Equals, QStringLiteral("a"), Action::Mute)}));
}

void tst_NotificationRules::settingsHoldTheRules()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("user.conf")));
    const NotificationRules none = NotificationRules::fromSettings(settings);
    QVERIFY(none.isEmpty()); // no rules by default
    QCOMPARE(none.belowAction, Action::Lower);

    const QList<NotificationRule> list {rule(Field::Sender, Match::Equals, QStringLiteral("Li Si"), Action::Mute)};
    QVERIFY(settings.setValue(Settings::Key::NotificationRules, NotificationRules::toJson(list)));
    QVERIFY(settings.setValue(Settings::Key::RulesBelowUrgency, 1));
    QVERIFY(settings.setValue(Settings::Key::RulesBelowAction, QStringLiteral("mute")));
    // Refused with the reason logged; what was set stays.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not changing notifications/rules")));
    QVERIFY(!settings.setValue(Settings::Key::NotificationRules,
                               QStringLiteral(R"([{"field":"sender","text":"","action":"mute"}])")));
    const NotificationRules rules = NotificationRules::fromSettings(settings);
    QCOMPARE(rules.rules, list);
    QCOMPARE(rules.belowUrgency, 1);
    QCOMPARE(rules.belowAction, Action::Mute);
}

void tst_NotificationRules::previewCountsWhatTheRulesWouldDo()
{
    NotificationRules rules;
    rules.rules = {rule(Field::Sender, Match::Equals, QStringLiteral("Li Si"), Action::Mute),
                   rule(Field::Type, Match::Contains, QStringLiteral("leave"), Action::Lower)};
    QList<Todo> todos;
    for (int i = 0; i < 5; ++i)
        todos.append(todo(QStringLiteral("Leave %1").arg(i), QStringLiteral("Wang Wu"), {}));
    todos.append(todo(QStringLiteral("Leave 9"), QStringLiteral("Li Si"), {}));
    todos.append(todo(QStringLiteral("Expense"), QStringLiteral("Wang Wu"), {}));
    const NotificationRules::Preview preview = rules.preview(todos, 3);
    QCOMPARE(preview.total, 7);
    QCOMPARE(preview.muted, 1);
    QCOMPARE(preview.lowered, 5);
    QCOMPARE(preview.mutedExamples.size(), 1);
    QCOMPARE(preview.mutedExamples.constFirst().title, QStringLiteral("Leave 9"));
    QCOMPARE(preview.loweredExamples.size(), 3);
    QCOMPARE(preview.loweredExamples.constFirst().title, QStringLiteral("Leave 0"));
}

QTEST_GUILESS_MAIN(tst_NotificationRules)
#include "tst_notificationrules.moc"
