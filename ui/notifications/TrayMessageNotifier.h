#pragma once

#include "notifications/Notifier.h"

#include <QPointer>

class QSystemTrayIcon;

// Notifications as the tray icon's balloon/toast (QSystemTrayIcon::showMessage): Windows, macOS, and Linux
// desktops without a notification server. The platform shows one message at a time, so a click belongs to the
// most recent one. Messages have no buttons (no Snooze, no Mark as read) and cannot be withdrawn.
class TrayMessageNotifier final : public Notifier
{
    Q_OBJECT
public:
    // `trayIcon` must outlive the notifier.
    explicit TrayMessageNotifier(QSystemTrayIcon *trayIcon, QObject *parent = nullptr);
    ~TrayMessageNotifier() override = default;
    Q_DISABLE_COPY_MOVE(TrayMessageNotifier)

    void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) override;
    void showSummary(const QString &summaryId, const QString &title, const QString &body) override;
    // A shown message cannot be withdrawn: if it is this todo's, a late click on it opens the list instead.
    void closeTodo(const QString &todoId) override;
    void closeAll() override;
    QString backendName() const override { return QStringLiteral("tray"); }

    // The todo the last message was about (empty after a summary or closeAll()).
    QString currentTodoId() const { return m_currentTodoId; }

private:
    void onMessageClicked();

    QPointer<QSystemTrayIcon> m_trayIcon;
    QString m_currentTodoId;
    QString m_currentSummaryId; // the last summary shown
    bool m_summaryShown = false;
};
