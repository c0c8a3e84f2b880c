#pragma once

#include <QIcon>
#include <QObject>
#include <QString>

#include <memory>

class QSystemTrayIcon;

// Desktop notifications behind one interface (after qBittorrent's DesktopIntegration): the freedesktop
// org.freedesktop.Notifications service on Linux (FreedesktopNotifier), QSystemTrayIcon::showMessage()
// elsewhere and as the fallback (TrayMessageNotifier). Titles and bodies are plain text.
class Notifier : public QObject
{
    Q_OBJECT
public:
    // The freedesktop urgency byte: 0 low, 1 normal, 2 critical. A low one (a todo a rule lowered) makes no sound.
    enum class Urgency { Low = 0, Normal = 1, Critical = 2 };
    Q_ENUM(Urgency)
    // The buttons a todo's notification carries besides its default action (a click: activated()), where the
    // notification server supports actions.
    enum class Action {
        Snooze, // snooze it for kSnoozeMs
        MarkRead, // mark it read without opening it
    };
    Q_ENUM(Action)
    static constexpr qint64 kSnoozeMs = 60 * 60 * 1000; // the one snooze a notification offers: an hour

    using QObject::QObject;
    ~Notifier() override = default;
    Q_DISABLE_COPY_MOVE(Notifier)

    // The best notifier this platform offers: FreedesktopNotifier when the service is on the session bus (Linux),
    // falling back to tray messages should it fail, else TrayMessageNotifier on `trayIcon` (which must outlive
    // it). The caller owns it (no QObject parent).
    static std::unique_ptr<Notifier> create(QSystemTrayIcon *trayIcon);

    // One todo. Showing the same todoId again replaces its earlier notification where the platform can.
    virtual void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) = 0;
    // A summary ("5 new todos") standing for several; a newer summary with the same id replaces the previous one.
    // `summaryId` is ServerKey::summaryId() of the server it is about (empty for the first server): with several
    // servers, each has a summary of its own.
    virtual void showSummary(const QString &summaryId, const QString &title, const QString &body) = 0;
    // Withdraws the notification of one todo (it was read, or handled elsewhere), or a summary by its id
    // (ServerKey::isSummaryId()).
    // Nothing happens when none is shown. Where the platform cannot withdraw a notification (tray messages), a late
    // click on it opens the list instead.
    virtual void closeTodo(const QString &todoId) = 0;
    // Withdraws every notification this notifier still shows (e.g. all todos were read elsewhere).
    virtual void closeAll() = 0;
    // A short name for logs and the About box: "freedesktop", "tray".
    virtual QString backendName() const = 0;

    void setAppIcon(const QIcon &icon, const QString &iconName = {})
    {
        m_appIcon = icon;
        m_appIconName = iconName;
    }
    void setSoundEnabled(bool enabled) { m_soundEnabled = enabled; }
    bool soundEnabled() const { return m_soundEnabled; }

Q_SIGNALS:
    // The person clicked the notification of a todo (its default action): open it.
    void activated(const QString &todoId);
    // The person chose one of the other actions of a todo's notification (see Action).
    void actionInvoked(const QString &todoId, Notifier::Action action);
    // The person clicked the summary `summaryId`: open the list.
    void summaryActivated(const QString &summaryId);
    // The notification for `todoId` (empty: the summary) could not be shown, e.g. the service went away.
    void notificationFailed(const QString &todoId, const QString &message);

protected:
    QIcon m_appIcon;
    QString m_appIconName; // an icon theme name or file path, for services that take names
    bool m_soundEnabled = true;
};
