#include "list/SnoozeDialog.h"

#include "base/Clock.h"
#include "store/SnoozeTimes.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

SnoozeDialog::SnoozeDialog(const QString &todoTitle, Clock *clock, QWidget *parent)
    : QDialog(parent)
    , m_clock(clock ? clock : Clock::system())
{
    setObjectName(QStringLiteral("snoozeDialog"));
    setWindowTitle(tr("Snooze until"));
    auto *prompt = new QLabel(this);
    prompt->setTextFormat(Qt::PlainText);
    prompt->setWordWrap(true);
    prompt->setText(todoTitle.isEmpty() ? tr("When should this todo remind you again?")
                                        : tr("When should “%1” remind you again?").arg(todoTitle));
    m_editor = new QDateTimeEdit(this);
    m_editor->setObjectName(QStringLiteral("snoozeUntil"));
    m_editor->setCalendarPopup(true);
    m_editor->setAccessibleName(tr("Snooze until"));
    // An hour from now, to the minute (the editor shows no seconds).
    QDateTime start = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs()).addSecs(3600);
    start.setTime(QTime(start.time().hour(), start.time().minute()));
    m_editor->setDateTime(start);
    prompt->setBuddy(m_editor);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("snoozeError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem"));
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb9, 0x1c, 0x1c)); // red 700
    m_error->setPalette(palette);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Snooze"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SnoozeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SnoozeDialog::reject);
    connect(m_editor, &QDateTimeEdit::dateTimeChanged, m_error, &QWidget::hide);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_editor);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QDateTime SnoozeDialog::chosen() const
{
    return m_editor->dateTime();
}

void SnoozeDialog::setChosen(const QDateTime &time)
{
    m_editor->setDateTime(time);
}

void SnoozeDialog::accept()
{
    QString error;
    if (!SnoozeTimes::validate(chosen(), m_clock->wallMs(), &error)) {
        m_error->setText(error);
        m_error->show();
        m_editor->setFocus(Qt::OtherFocusReason);
        return;
    }
    QDialog::accept();
}
