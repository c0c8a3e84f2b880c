#include "config/NotificationRules.h"

#include "config/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QLatin1String kField("field");
const QLatin1String kMatch("match");
const QLatin1String kText("text");
const QLatin1String kAction("action");

QString fieldOf(const Todo &todo, NotificationRule::Field field)
{
    switch (field) {
    case NotificationRule::Field::Type:
        return todo.businessName;
    case NotificationRule::Field::Sender:
        return todo.senderName;
    case NotificationRule::Field::Department:
        return todo.senderDepartment;
    }
    return {};
}

} // namespace

bool NotificationRule::matches(const Todo &todo) const
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return false;
    const QString value = fieldOf(todo, field).trimmed();
    if (match == Match::Contains)
        return value.contains(wanted, Qt::CaseInsensitive);
    return value.compare(wanted, Qt::CaseInsensitive) == 0;
}

QString NotificationRule::fieldName(Field field)
{
    switch (field) {
    case Field::Type:
        return QStringLiteral("type");
    case Field::Sender:
        return QStringLiteral("sender");
    case Field::Department:
        return QStringLiteral("department");
    }
    return {};
}

QString NotificationRule::matchName(Match match)
{
    return match == Match::Contains ? QStringLiteral("contains") : QStringLiteral("equals");
}

QString NotificationRule::actionName(Action action)
{
    return action == Action::Lower ? QStringLiteral("lower") : QStringLiteral("mute");
}

bool NotificationRule::fieldFromName(const QString &name, Field *field)
{
    for (const Field candidate : {Field::Type, Field::Sender, Field::Department}) {
        if (name == fieldName(candidate)) {
            *field = candidate;
            return true;
        }
    }
    return false;
}

bool NotificationRule::matchFromName(const QString &name, Match *match)
{
    for (const Match candidate : {Match::Equals, Match::Contains}) {
        if (name == matchName(candidate)) {
            *match = candidate;
            return true;
        }
    }
    return false;
}

bool NotificationRule::actionFromName(const QString &name, Action *action)
{
    for (const Action candidate : {Action::Mute, Action::Lower}) {
        if (name == actionName(candidate)) {
            *action = candidate;
            return true;
        }
    }
    return false;
}

NotificationRules NotificationRules::fromSettings(const SettingsView &settings)
{
    NotificationRules rules;
    rules.rules = fromJson(settings.get<QString>(Settings::Key::NotificationRules));
    rules.belowUrgency = settings.get<int>(Settings::Key::RulesBelowUrgency);
    NotificationRule::actionFromName(settings.get<QString>(Settings::Key::RulesBelowAction), &rules.belowAction);
    return rules;
}

NotificationRules::Verdict NotificationRules::verdictFor(const Todo &todo) const
{
    Verdict verdict = Verdict::Notify;
    const auto apply = [&verdict](NotificationRule::Action action) {
        if (action == NotificationRule::Action::Mute)
            verdict = Verdict::Mute;
        else if (verdict == Verdict::Notify)
            verdict = Verdict::Lower;
    };
    if (belowUrgency > 0 && todo.urgency < belowUrgency)
        apply(belowAction);
    for (const NotificationRule &rule : rules) {
        if (verdict == Verdict::Mute)
            break; // mute wins over lower
        if (rule.matches(todo))
            apply(rule.action);
    }
    return verdict;
}

NotificationRules::Preview NotificationRules::preview(const QList<Todo> &todos, int examples) const
{
    Preview preview;
    preview.total = int(todos.size());
    for (const Todo &todo : todos) {
        switch (verdictFor(todo)) {
        case Verdict::Mute:
            ++preview.muted;
            if (preview.mutedExamples.size() < examples)
                preview.mutedExamples.append(todo);
            break;
        case Verdict::Lower:
            ++preview.lowered;
            if (preview.loweredExamples.size() < examples)
                preview.loweredExamples.append(todo);
            break;
        case Verdict::Notify:
            break;
        }
    }
    return preview;
}

QString NotificationRules::toJson(const QList<NotificationRule> &rules)
{
    QJsonArray array;
    for (const NotificationRule &rule : rules) {
        array.append(QJsonObject {{kField, NotificationRule::fieldName(rule.field)},
                                  {kMatch, NotificationRule::matchName(rule.match)},
                                  {kText, rule.text},
                                  {kAction, NotificationRule::actionName(rule.action)}});
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

namespace {

// One entry of the JSON array as a rule; an empty string when it is one, else why not.
QString ruleFromJson(const QJsonValue &entry, NotificationRule *rule)
{
    const QJsonObject object = entry.toObject();
    if (!entry.isObject())
        return NotificationRules::tr("A rule is not a JSON object.");
    const QString field = object.value(kField).toString();
    if (!NotificationRule::fieldFromName(field, &rule->field))
        return NotificationRules::tr("Unknown field \"%1\"; use type, sender or department.").arg(field);
    const QString match = object.value(kMatch).toString(QStringLiteral("equals"));
    if (!NotificationRule::matchFromName(match, &rule->match))
        return NotificationRules::tr("Unknown match \"%1\"; use equals or contains.").arg(match);
    const QString action = object.value(kAction).toString();
    if (!NotificationRule::actionFromName(action, &rule->action))
        return NotificationRules::validateAction(action);
    rule->text = object.value(kText).toString();
    return NotificationRules::validateRule(*rule);
}

} // namespace

QList<NotificationRule> NotificationRules::fromJson(const QString &json)
{
    QList<NotificationRule> rules;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &entry : array) {
        NotificationRule rule;
        if (ruleFromJson(entry, &rule).isEmpty())
            rules.append(rule);
    }
    return rules;
}

QString NotificationRules::validateRule(const NotificationRule &rule)
{
    if (rule.text.trimmed().isEmpty())
        return tr("Enter the text a rule matches, e.g. a sender's name.");
    return {};
}

QString NotificationRules::validateJson(const QString &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return tr("The notification rules are not a JSON array.");
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        NotificationRule rule;
        const QString why = ruleFromJson(array.at(i), &rule);
        if (!why.isEmpty())
            return tr("Rule %1: %2").arg(i + 1).arg(why);
    }
    return {};
}

QString NotificationRules::validateBelowUrgency(int urgency)
{
    if (urgency < 0 || urgency > 2)
        return tr("Use 0 (off), 1 (below urgent) or 2 (below critical).");
    return {};
}

QString NotificationRules::validateAction(const QString &name)
{
    NotificationRule::Action action {};
    if (!NotificationRule::actionFromName(name, &action))
        return tr("Unknown action \"%1\"; use mute or lower.").arg(name);
    return {};
}
