#include "settings/RulesPage.h"

#include "notifications/NotificationCoordinator.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

namespace {

constexpr int kExamples = 3; // of each kind, under the preview

using RuleField = NotificationRule::Field;
using Match = NotificationRule::Match;
using Action = NotificationRule::Action;

QComboBox *comboOf(const QTableWidget *table, int row, int column)
{
    return qobject_cast<QComboBox *>(table->cellWidget(row, column));
}

QString describe(const Todo &todo)
{
    const QString body = NotificationCoordinator::bodyFor(todo);
    return body.isEmpty() ? todo.title : QStringLiteral("%1 — %2").arg(todo.title, body);
}

} // namespace

RulesPage::RulesPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    auto *intro = new QLabel(tr("Muted todos are stored and counted but never pop up. Lowered todos pop up quietly: "
                                "low urgency, no sound, and never during do not disturb or quiet hours. When one "
                                "rule mutes a todo and another lowers it, it is muted."),
                             this);
    intro->setObjectName(QStringLiteral("rulesIntro"));
    intro->setWordWrap(true);

    auto *rulesBox = new QGroupBox(tr("Rules"), this);
    auto *form = new QFormLayout(rulesBox);
    m_tableRow = new QWidget(this);
    m_tableRow->setObjectName(QStringLiteral("rulesRow"));
    auto *tableLayout = new QVBoxLayout(m_tableRow);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, ColumnCount, m_tableRow);
    m_table->setObjectName(QStringLiteral("rules"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Match"), tr("Text"), tr("Action")});
    m_table->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAccessibleName(tr("Notification rules"));
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 5);
    tableLayout->addWidget(m_table);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add rule"), m_tableRow);
    m_add->setObjectName(QStringLiteral("addRule"));
    m_remove = new QPushButton(tr("&Remove rule"), m_tableRow);
    m_remove->setObjectName(QStringLiteral("removeRule"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    tableLayout->addLayout(buttons);
    addField(form, QString(), m_tableRow, Settings::Key::NotificationRules,
             tr("Type is the kind of todo the server names (bname); text matches ignore upper and lower case."));

    auto *belowBox = new QGroupBox(tr("By urgency"), this);
    auto *belowForm = new QFormLayout(belowBox);
    auto *belowRow = new QWidget(this);
    auto *belowLayout = new QHBoxLayout(belowRow);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    m_belowAction = new QComboBox(belowRow);
    m_belowAction->setObjectName(QStringLiteral("belowAction"));
    m_belowAction->addItem(tr("Mute"), NotificationRule::actionName(Action::Mute));
    m_belowAction->addItem(tr("Lower"), NotificationRule::actionName(Action::Lower));
    m_belowAction->setAccessibleName(tr("What happens to todos below the urgency"));
    m_belowUrgency = new QComboBox(belowRow);
    m_belowUrgency->setObjectName(QStringLiteral("belowUrgency"));
    m_belowUrgency->addItem(tr("no todos"), 0);
    m_belowUrgency->addItem(tr("normal todos (below urgent)"), 1);
    m_belowUrgency->addItem(tr("normal and urgent todos (below critical)"), 2);
    m_belowUrgency->setAccessibleName(tr("Todos below this urgency"));
    belowLayout->addWidget(m_belowAction);
    belowLayout->addWidget(m_belowUrgency);
    belowLayout->addStretch();
    addField(belowForm, QString(), belowRow, Settings::Key::RulesBelowUrgency,
             tr("Mute or lower every todo whose urgency is below the one chosen, whoever sends it."));

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_preview = new QLabel(previewBox);
    m_preview->setObjectName(QStringLiteral("rulesPreview"));
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setWordWrap(true);
    m_examples = new QLabel(previewBox);
    m_examples->setObjectName(QStringLiteral("rulesExamples"));
    m_examples->setTextFormat(Qt::PlainText);
    m_examples->setWordWrap(true);
    previewLayout->addWidget(m_preview);
    previewLayout->addWidget(m_examples);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(rulesBox);
    layout->addWidget(belowBox);
    layout->addWidget(previewBox);
    layout->addStretch();

    m_locked = settings.isLocked(Settings::Key::NotificationRules);
    connect(m_add, &QPushButton::clicked, this, [this] {
        appendRule({});
        m_table->setCurrentCell(m_table->rowCount() - 1, TextColumn);
        if (QWidget *text = m_table->cellWidget(m_table->rowCount() - 1, TextColumn))
            text->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, &RulesPage::removeCurrentRule);
    connect(m_belowAction, &QComboBox::currentIndexChanged, this, &RulesPage::onEdited);
    connect(m_belowUrgency, &QComboBox::currentIndexChanged, this, &RulesPage::onEdited);
    m_remove->setEnabled(false);
    updatePreview();
}

RulesPage::~RulesPage() = default;

void RulesPage::appendRule(const NotificationRule &rule)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *field = new QComboBox(m_table);
    field->setObjectName(QStringLiteral("ruleField"));
    field->addItem(tr("Type"), NotificationRule::fieldName(RuleField::Type));
    field->addItem(tr("Sender"), NotificationRule::fieldName(RuleField::Sender));
    field->addItem(tr("Department"), NotificationRule::fieldName(RuleField::Department));
    field->setCurrentIndex(qMax(0, field->findData(NotificationRule::fieldName(rule.field))));
    field->setAccessibleName(tr("Field"));
    auto *match = new QComboBox(m_table);
    match->setObjectName(QStringLiteral("ruleMatch"));
    match->addItem(tr("is"), NotificationRule::matchName(Match::Equals));
    match->addItem(tr("contains"), NotificationRule::matchName(Match::Contains));
    match->setCurrentIndex(qMax(0, match->findData(NotificationRule::matchName(rule.match))));
    match->setAccessibleName(tr("Match"));
    auto *text = new QLineEdit(rule.text, m_table);
    text->setObjectName(QStringLiteral("ruleText"));
    text->setPlaceholderText(tr("e.g. Leave request"));
    text->setAccessibleName(tr("Text"));
    auto *action = new QComboBox(m_table);
    action->setObjectName(QStringLiteral("ruleAction"));
    action->addItem(tr("Mute"), NotificationRule::actionName(Action::Mute));
    action->addItem(tr("Lower"), NotificationRule::actionName(Action::Lower));
    action->setCurrentIndex(qMax(0, action->findData(NotificationRule::actionName(rule.action))));
    action->setAccessibleName(tr("Action"));
    m_table->setCellWidget(row, FieldColumn, field);
    m_table->setCellWidget(row, MatchColumn, match);
    m_table->setCellWidget(row, TextColumn, text);
    m_table->setCellWidget(row, ActionColumn, action);
    for (QComboBox *combo : {field, match, action})
        connect(combo, &QComboBox::currentIndexChanged, this, &RulesPage::onEdited);
    connect(text, &QLineEdit::textChanged, this, &RulesPage::onEdited);
    // A row is current when one of its fields has the focus: Remove removes that one.
    for (QWidget *widget : std::initializer_list<QWidget *> {field, match, text, action}) {
        widget->setEnabled(!m_locked);
        widget->installEventFilter(this);
    }
    m_remove->setEnabled(!m_locked);
    onEdited();
}

bool RulesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn) {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            for (int column = 0; column < ColumnCount; ++column) {
                if (m_table->cellWidget(row, column) == watched)
                    m_table->setCurrentCell(row, column);
            }
        }
    }
    return SettingsPage::eventFilter(watched, event);
}

void RulesPage::removeCurrentRule()
{
    int row = m_table->currentRow();
    if (row < 0)
        row = m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    m_remove->setEnabled(!m_locked && m_table->rowCount() > 0);
    onEdited();
}

NotificationRules RulesPage::rules() const
{
    NotificationRules rules;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        NotificationRule rule;
        NotificationRule::fieldFromName(comboOf(m_table, row, FieldColumn)->currentData().toString(), &rule.field);
        NotificationRule::matchFromName(comboOf(m_table, row, MatchColumn)->currentData().toString(), &rule.match);
        NotificationRule::actionFromName(comboOf(m_table, row, ActionColumn)->currentData().toString(), &rule.action);
        rule.text = qobject_cast<QLineEdit *>(m_table->cellWidget(row, TextColumn))->text().trimmed();
        rules.rules.append(rule);
    }
    rules.belowUrgency = m_belowUrgency->currentData().toInt();
    NotificationRule::actionFromName(m_belowAction->currentData().toString(), &rules.belowAction);
    return rules;
}

void RulesPage::setRules(const NotificationRules &rules)
{
    m_table->setRowCount(0);
    for (const NotificationRule &rule : rules.rules)
        appendRule(rule);
    m_belowUrgency->setCurrentIndex(qMax(0, m_belowUrgency->findData(rules.belowUrgency)));
    m_belowAction->setCurrentIndex(qMax(0, m_belowAction->findData(NotificationRule::actionName(rules.belowAction))));
    m_remove->setEnabled(!m_locked && m_table->rowCount() > 0);
    onEdited();
}

void RulesPage::load(const Settings &settings)
{
    setRules(NotificationRules::fromSettings(settings));
}

void RulesPage::write(Settings &settings)
{
    const NotificationRules onScreen = rules();
    store(settings, Settings::Key::NotificationRules, NotificationRules::toJson(onScreen.rules));
    store(settings, Settings::Key::RulesBelowUrgency, onScreen.belowUrgency);
    store(settings, Settings::Key::RulesBelowAction, NotificationRule::actionName(onScreen.belowAction));
}

void RulesPage::setTodoProvider(TodoProvider provider)
{
    m_provider = std::move(provider);
    refreshTodos();
}

void RulesPage::refreshTodos()
{
    m_todos = m_provider ? m_provider() : QList<Todo>();
    updatePreview();
}

void RulesPage::showEvent(QShowEvent *event)
{
    SettingsPage::showEvent(event);
    if (m_provider)
        refreshTodos(); // todos arrived since
}

QHash<QWidget *, QString> RulesPage::errors() const
{
    return {{m_tableRow, NotificationRules::validateJson(NotificationRules::toJson(rules().rules))}};
}

void RulesPage::onEdited()
{
    updatePreview();
    Q_EMIT changed();
}

void RulesPage::updatePreview()
{
    if (m_todos.isEmpty()) {
        m_preview->setText(tr("There are no todos in the list to try the rules on."));
        m_examples->clear();
        return;
    }
    const NotificationRules::Preview preview = rules().preview(m_todos, kExamples);
    m_preview->setText(tr("Would mute %1 and lower %2 of the %n todos in the list.", nullptr, preview.total)
                           .arg(preview.muted)
                           .arg(preview.lowered));
    QStringList lines;
    for (const Todo &todo : preview.mutedExamples)
        lines.append(tr("Muted: %1").arg(describe(todo)));
    for (const Todo &todo : preview.loweredExamples)
        lines.append(tr("Lowered: %1").arg(describe(todo)));
    m_examples->setText(lines.join(QLatin1Char('\n')));
}
