#pragma once

#include "settings/SettingsPage.h"

#include <QDateTime>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QSpinBox;

// The Notifications page: pop-ups, sound, do not disturb (until a time, with the urgent bypass), when to say that
// the connection is down, and the application's own settings (start at login, language).
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
    QCheckBox *m_autostart = nullptr;
    QComboBox *m_language = nullptr;

    // Do not disturb as loaded, to write it only when the person changed it.
    bool m_loadedDoNotDisturb = false;
    QDateTime m_loadedDoNotDisturbUntil;
};
