#pragma once

#include "config/NotificationRules.h"
#include "settings/SettingsPage.h"

#include <QList>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

// The Rules page: rules that mute or lower the notifications of some todos (NotificationRules), one row each (the
// field, how it matches, the text, what happens), the urgency below which todos are muted or lowered, and a preview
// of what the rules on screen would do to the todos in the list ("Would mute 3 and lower 5 of the 120 todos in the
// list", with a few examples). The todos come from a provider (the tray application reads the newest few hundred from
// the store); without one the preview says there is nothing to try the rules on.
class RulesPage final : public SettingsPage
{
    Q_OBJECT
public:
    enum Column { FieldColumn, MatchColumn, TextColumn, ActionColumn, ColumnCount };
    using TodoProvider = std::function<QList<Todo>()>;

    explicit RulesPage(const Settings &settings, QWidget *parent = nullptr);
    ~RulesPage() override;
    Q_DISABLE_COPY_MOVE(RulesPage)

    void load(const Settings &settings) override;
    void write(Settings &settings) override;

    // Reads the todos for the preview now (and again each time the page is shown).
    void setTodoProvider(TodoProvider provider);
    // The rules on screen, rows with an empty text included (they do not validate).
    NotificationRules rules() const;
    void setRules(const NotificationRules &rules);
    // Appends a row (what Add does, with values).
    void appendRule(const NotificationRule &rule);

protected:
    QHash<QWidget *, QString> errors() const override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void removeCurrentRule();
    void updatePreview();
    void onEdited();
    void refreshTodos();

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QWidget *m_tableRow = nullptr; // the field: the table and its buttons
    QComboBox *m_belowUrgency = nullptr;
    QComboBox *m_belowAction = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_examples = nullptr;
    TodoProvider m_provider;
    QList<Todo> m_todos; // what the preview tries the rules on
    bool m_locked = false;
};
