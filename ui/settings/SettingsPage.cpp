#include "settings/SettingsPage.h"

#include "settings/HeaderTableEditor.h"
#include "settings/StringListEditor.h"

#include <QAbstractButton>
#include <QBoxLayout>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTableWidget>
#include <QUrl>

SettingsPage::SettingsPage(const Settings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(&settings)
{ }

SettingsPage::~SettingsPage() = default;

std::optional<QVariant> SettingsPage::testedValue(Settings::Key key) const
{
    Q_UNUSED(key)
    return std::nullopt;
}

QColor SettingsPage::errorColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

QColor SettingsPage::successColor()
{
    return QColor(0x2e, 0x7d, 0x32);
}

void SettingsPage::setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QString SettingsPage::withoutMnemonic(QString text)
{
    return text.remove(QLatin1Char('&'));
}

QStringList SettingsPage::normalisedUrls(const QStringList &texts)
{
    QStringList out;
    for (const QString &text : texts)
        out.append(QUrl(text.trimmed()).toString());
    return out;
}

void SettingsPage::store(Settings &settings, Settings::Key key, const QVariant &value)
{
    if (settings.isLocked(key) || settings.value(key) == value)
        return;
    settings.setValue(key, value);
}

// ---- fields ---------------------------------------------------------------------------------------------------

QLabel *SettingsPage::addField(QFormLayout *form, const QString &label, QWidget *widget,
                               std::optional<Settings::Key> key, const QString &toolTip, const QString &unit)
{
    QWidget *parent = form->parentWidget();
    auto *row = new QWidget(parent);
    auto *rowLayout = new QVBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(2);
    if (unit.isEmpty()) {
        rowLayout->addWidget(widget);
    } else {
        auto *line = new QHBoxLayout;
        line->addWidget(widget);
        line->addWidget(new QLabel(unit, row));
        line->addStretch();
        rowLayout->addLayout(line);
    }
    auto *message = new QLabel(row);
    message->setObjectName(widget->objectName() + QStringLiteral("Message"));
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);
    setTextColor(message, errorColor());
    message->setVisible(false);
    rowLayout->addWidget(message);

    if (!toolTip.isEmpty())
        widget->setToolTip(toolTip);
    if (label.isEmpty()) {
        form->addRow(QString(), row);
    } else {
        auto *buddyLabel = new QLabel(label, parent);
        buddyLabel->setBuddy(widget);
        // A check box is named by its own text; other fields by their label.
        if (widget->accessibleName().isEmpty() && !qobject_cast<QAbstractButton *>(widget))
            widget->setAccessibleName(withoutMnemonic(label).remove(QLatin1Char(':')));
        form->addRow(buddyLabel, row);
    }
    if (key)
        lock(widget, row, *key);
    m_fields.append({widget, message});
    return message;
}

void SettingsPage::lock(QWidget *widget, QWidget *row, Settings::Key key)
{
    if (!m_settings->isLocked(key))
        return;
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setReadOnly(true); // still focusable, readable, copyable
    else if (auto *list = qobject_cast<StringListEditor *>(widget))
        list->setReadOnly(true);
    else if (auto *table = qobject_cast<HeaderTableEditor *>(widget))
        table->setReadOnly(true);
    else
        widget->setEnabled(false); // check and combo boxes have no read-only state
    widget->setProperty("lockedByAdministrator", true);
    auto *note = new QLabel(tr("Set by your administrator; it cannot be changed here."), row);
    note->setObjectName(widget->objectName() + QStringLiteral("LockNote"));
    note->setWordWrap(true);
    QFont italic = note->font();
    italic.setItalic(true);
    note->setFont(italic);
    setTextColor(note, palette().color(QPalette::Disabled, QPalette::WindowText));
    row->layout()->addWidget(note);
    widget->setAccessibleDescription(note->text());
}

// ---- validation -----------------------------------------------------------------------------------------------

void SettingsPage::validate()
{
    m_errors = errors();
    for (const Field &field : std::as_const(m_fields))
        setMessage(field.widget, m_errors.value(field.widget));
}

bool SettingsPage::hasProblem() const
{
    for (const Field &field : m_fields) {
        if (!field.message->text().isEmpty())
            return true;
    }
    return false;
}

void SettingsPage::setMessage(QWidget *widget, const QString &message)
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.widget != widget)
            continue;
        // A value the administrator locked cannot be corrected here: it never blocks saving.
        const QString shown = widget->property("lockedByAdministrator").toBool() ? QString() : message;
        field.message->setText(shown);
        field.message->setVisible(!shown.isEmpty());
        if (widget->property("lockedByAdministrator").toBool())
            return;
        widget->setAccessibleDescription(shown);
        if (auto *list = qobject_cast<StringListEditor *>(widget))
            list->listWidget()->setAccessibleDescription(shown);
        else if (auto *table = qobject_cast<HeaderTableEditor *>(widget))
            table->table()->setAccessibleDescription(shown);
        return;
    }
}
