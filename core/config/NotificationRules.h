#pragma once

#include "todo/Todo.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class SettingsView;

// One rule: todos whose field equals (or contains) a text, ignoring case and the spaces around it, are muted or
// lowered. Kept in Settings::Key::NotificationRules as a JSON array:
//   [{"field": "type", "match": "contains", "text": "Leave", "action": "lower"}, ...]
struct NotificationRule
{
    enum class Field { Type, Sender, Department }; // metaData.bname, send_name, send_dept
    enum class Match { Equals, Contains };
    enum class Action { Mute, Lower };

    Field field = Field::Type;
    Match match = Match::Equals;
    QString text;
    Action action = Action::Mute;

    bool matches(const Todo &todo) const;

    // The names in the JSON text and the settings: "type", "sender", "department"; "equals", "contains"; "mute",
    // "lower".
    static QString fieldName(Field field);
    static QString matchName(Match match);
    static QString actionName(Action action);
    static bool fieldFromName(const QString &name, Field *field);
    static bool matchFromName(const QString &name, Match *match);
    static bool actionFromName(const QString &name, Action *action);

    friend bool operator==(const NotificationRule &a, const NotificationRule &b)
    {
        return a.field == b.field && a.match == b.match && a.text == b.text && a.action == b.action;
    }
    friend bool operator!=(const NotificationRule &a, const NotificationRule &b) { return !(a == b); }
};

// The rules that mute or lower notifications (Settings: NotificationRules, RulesBelowUrgency, RulesBelowAction).
//
//  - Muted: the todo is stored and counted as ever, but gets no pop-up and no sound, and is not counted in a summary.
//  - Lowered: a pop-up of low urgency without sound, which never bypasses do not disturb or quiet hours.
//
// A todo that one rule mutes is muted, whatever other rules lower it. Besides the list, one threshold: todos whose
// urgency is below it (1: normal ones; 2: normal and urgent ones; 0: off) are muted or lowered as belowAction says.
class NotificationRules final
{
    Q_DECLARE_TR_FUNCTIONS(NotificationRules)
public:
    enum class Verdict { Notify, Lower, Mute };

    QList<NotificationRule> rules;
    int belowUrgency = 0; // 0 off, 1 below urgent, 2 below critical
    NotificationRule::Action belowAction = NotificationRule::Action::Lower;

    static NotificationRules fromSettings(const SettingsView &settings);

    bool isEmpty() const { return rules.isEmpty() && belowUrgency <= 0; }
    Verdict verdictFor(const Todo &todo) const;

    // What the rules would do to `todos` (the settings dialog's preview).
    struct Preview
    {
        int total = 0;
        int muted = 0;
        int lowered = 0;
        QList<Todo> mutedExamples; // the first `examples` of each, in the order of `todos`
        QList<Todo> loweredExamples;
    };
    Preview preview(const QList<Todo> &todos, int examples = 3) const;

    // Settings::Key::NotificationRules' JSON text and back. fromJson() skips entries that validateRule() refuses.
    static QString toJson(const QList<NotificationRule> &rules);
    static QList<NotificationRule> fromJson(const QString &json);

    // Validation, for Settings and the settings dialog: an empty string when valid, else a translated message.
    static QString validateRule(const NotificationRule &rule);
    static QString validateJson(const QString &json); // every entry: a known field, match and action, and a text
    static QString validateBelowUrgency(int urgency); // 0 ... 2
    static QString validateAction(const QString &name); // "mute" or "lower"
};
