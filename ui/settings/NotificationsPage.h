#pragma once

#include "settings/SettingsPage.h"

#include <QDateTime>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QSpinBox;
class QTimeEdit;

// The Notifications page: pop-ups, sound, do not disturb (until a time, with the urgent bypass), quiet hours (a
// daily window on chosen days and whole days, with what they mean right now), when to say that the connection is
// down, when to remind of urgent todos left unread, and the application's own settings (start at login, language).
class NotificationsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit NotificationsPage(const Settings &settings, QWidget *parent = nullptr);
    ~NotificationsPage() override;
    Q_DISABLE_COPY_MOVE(NotificationsPage)

    void load(const Settings &settings) override;
    // Do not disturb is written only when the person changed it since it was loaded (or last written).
    void write(Settings &settings) override;

protected:
    QHash<QWidget *, QString> errors() const override;

private:
    QCheckBox *m_popups = nullptr;
    QCheckBox *m_sound = nullptr;
    QWidget *m_doNotDisturbRow = nullptr; // the field: the check box and the time
    QCheckBox *m_doNotDisturb = nullptr;
    QDateTimeEdit *m_doNotDisturbUntil = nullptr;
    QCheckBox *m_urgentBypass = nullptr;
    QSpinBox *m_offlineNotice = nullptr;
    QSpinBox *m_realert = nullptr;
    QCheckBox *m_quietHours = nullptr;
    QTimeEdit *m_quietFrom = nullptr;
    QTimeEdit *m_quietTo = nullptr;
    QList<QCheckBox *> m_quietDays; // Monday ... Sunday
    QList<QCheckBox *> m_quietWholeDays;
    QLabel *m_quietPreview = nullptr;

    QWidget *makeDayRow(QList<QCheckBox *> &boxes, const QString &objectName);
    void updateQuietHours(); // enables the fields, says what the schedule means now
    QCheckBox *m_autostart = nullptr;
    QComboBox *m_language = nullptr;

    // Do not disturb as loaded, to write it only when the person changed it.
    bool m_loadedDoNotDisturb = false;
    QDateTime m_loadedDoNotDisturbUntil;
};
