#pragma once

#include "common/ConnectionStatus.h"
#include "tray/TrayIconRenderer.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QSystemTrayIcon>

#include <memory>

class Clock;
class ClockTimer;
class PendingCounter;
class QAction;
class QMenu;
class Settings;
class MergedTodoModel;

// The tray icon and its menu.
//
// The icon tells the state at a glance (connected, connecting, offline, failed; do not disturb while it is on and
// nothing failed) with the pending count as a badge (PendingCounter); the tooltip says "N pending todos —
// connected to host", or the state and the last error. A left click toggles the list window. The context menu:
// Open todo list, Mark all as read (every server's), Do not disturb (1 hour / until tomorrow / off), Reconnect now,
// Settings…, About, Quit. Actions that belong to the application (the windows, quitting) are signals; the rest is done
// here.
//
// The same menu serves as the list window's menu when there is no system tray (menu()).
class TrayController final : public QObject
{
    Q_OBJECT
public:
    enum class Action {
        OpenList,
        MarkAllRead,
        DoNotDisturbHour,
        DoNotDisturbTomorrow,
        DoNotDisturbOff,
        Reconnect,
        Settings,
        About,
        Quit,
    };
    Q_ENUM(Action)

    // Do not disturb "until tomorrow" lasts until this hour of the next day (local time).
    static constexpr int kTomorrowHour = 8;

    // Everything passed must outlive the controller.
    TrayController(MergedTodoModel *model, PendingCounter *counter, ConnectionStatus *status, Settings *settings,
                   QObject *parent = nullptr);
    ~TrayController() override;
    Q_DISABLE_COPY_MOVE(TrayController)

    // The time source for do not disturb; nullptr means Clock::system().
    void setClock(Clock *clock);

    // Shows the icon when the platform has a system tray. Returns whether it has one.
    bool show();
    static bool isSystemTrayAvailable() { return QSystemTrayIcon::isSystemTrayAvailable(); }

    QSystemTrayIcon *trayIcon() const { return m_trayIcon.get(); }
    QMenu *menu() const { return m_menu.get(); }
    QAction *action(Action action) const { return m_actions.value(action); }

    // What the icon shows: the connection state, and whether do not disturb replaces it (see TrayIconRenderer).
    PushSource::State iconState() const { return m_iconState; }
    bool iconShowsDoNotDisturb() const { return m_iconDoNotDisturb; }
    int shownCount() const { return m_shownCount; }
    QString toolTip() const;
    bool isDoNotDisturbActive() const;
    QDateTime doNotDisturbUntil() const; // local time; invalid when off

    // After a language change.
    void retranslate();

Q_SIGNALS:
    void toggleListRequested();
    void openListRequested();
    void settingsRequested();
    void aboutRequested();
    void quitRequested();

private:
    void createMenu();
    void update();
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void onSettingsChanged();
    void setDoNotDisturb(const QDateTime &until);
    void armDoNotDisturbTimer();
    QDateTime now() const;

    QPointer<MergedTodoModel> m_model;
    QPointer<PendingCounter> m_counter;
    QPointer<ConnectionStatus> m_status;
    QPointer<Settings> m_settings;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_dndTimer;
    std::unique_ptr<QSystemTrayIcon> m_trayIcon;
    std::unique_ptr<QMenu> m_menu;
    QMenu *m_dndMenu = nullptr; // owned by m_menu
    QMap<Action, QAction *> m_actions; // owned by m_menu
    PushSource::State m_iconState = PushSource::State::Disconnected;
    bool m_iconDoNotDisturb = false;
    int m_shownCount = -1;
    QString m_toolTip;
};
