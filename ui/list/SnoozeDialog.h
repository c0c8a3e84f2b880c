#pragma once

#include <QDateTime>
#include <QDialog>

class Clock;
class QDateTimeEdit;
class QLabel;
class QPushButton;

// "Snooze until…": a date and time (QDateTimeEdit with a calendar), an hour from now (to the minute) to begin with. OK
// with a time that is not in the future is refused with a message in the dialog (SnoozeTimes::validate()), which stays
// open; accepted() means chosen() is in the future on the clock.
class SnoozeDialog final : public QDialog
{
    Q_OBJECT
public:
    // `clock` (nullptr: Clock::system()) must outlive the dialog.
    SnoozeDialog(const QString &todoTitle, Clock *clock, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SnoozeDialog)

    QDateTime chosen() const;
    void setChosen(const QDateTime &time);
    QDateTimeEdit *editor() const { return m_editor; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *okButton() const { return m_ok; }

    void accept() override;

private:
    Clock *m_clock = nullptr;
    QDateTimeEdit *m_editor = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_ok = nullptr;
};
