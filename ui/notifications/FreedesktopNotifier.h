#pragma once

#include "notifications/Notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

class NotificationsProxy; // generated from dbus/org.freedesktop.Notifications.xml

// Linux (and other freedesktop desktops): notifications through the org.freedesktop.Notifications service
// on the session bus. The default action opens the todo; where the server lists "actions" among its capabilities a
// todo's notification also carries "Snooze" (an hour) and "Mark as read" (actionInvoked()); without it, only what the
// server does with a click. The urgency hint follows the todo's urgency; the body is HTML-escaped when the server
// interprets markup, so server text is never taken for markup; a todo shown again replaces its earlier notification
// (replaces_id); closeTodo() withdraws one (CloseNotification), also one whose Notify is still unanswered.
class FreedesktopNotifier final : public Notifier
{
    Q_OBJECT
public:
    explicit FreedesktopNotifier(const QDBusConnection &bus = QDBusConnection::sessionBus(), QObject *parent = nullptr);
    ~FreedesktopNotifier() override;
    Q_DISABLE_COPY_MOVE(FreedesktopNotifier)

    static QString serviceName() { return QStringLiteral("org.freedesktop.Notifications"); }
    // True if a notification server owns the name on `bus` (or can be activated for it).
    static bool isServiceAvailable(const QDBusConnection &bus = QDBusConnection::sessionBus());

    void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) override;
    void showSummary(const QString &summaryId, const QString &title, const QString &body) override;
    void closeTodo(const QString &todoId) override;
    void closeAll() override;
    QString backendName() const override { return QStringLiteral("freedesktop"); }

    // The action keys a todo's notification carries where the server supports actions.
    static QString snoozeActionKey() { return QStringLiteral("snooze"); }
    static QString markReadActionKey() { return QStringLiteral("mark-read"); }

    // What the server said it supports (GetCapabilities); empty until it answered.
    QStringList capabilities() const { return m_capabilities; }
    // Server ids of the notifications on screen, by todo id (the summary under an empty id).
    QHash<QString, uint> shownNotifications() const { return m_idByKey; }

Q_SIGNALS:
    // The server accepted a notification (for logs and tests). `todoId` is empty for a summary.
    void notificationShown(const QString &todoId, uint notificationId);
    // The server closed one of ours (for logs and tests): `reason` as the specification numbers it (1 expired,
    // 2 dismissed by the person, 3 closed by CloseNotification, 4 undefined).
    void notificationClosed(const QString &todoId, uint reason);

private:
    void onCapabilities(const QStringList &capabilities);
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);
    void notify(const QString &key, const QString &title, const QString &body, Urgency urgency);
    void onShown(const QString &key, uint id);
    QString iconForNotifications();

    std::unique_ptr<NotificationsProxy> m_proxy;
    QStringList m_capabilities;
    bool m_capabilitiesKnown = false;
    // Notifications asked for before the capabilities were known, with their keys.
    QList<std::pair<QString, std::function<void()>>> m_waiting;
    QHash<QString, uint> m_idByKey; // todo id (empty = the summary) -> server id
    QHash<uint, QString> m_keyById;
    QSet<QString> m_inFlight; // keys whose Notify has not been answered yet
    QHash<QString, std::function<void()>> m_queued; // the newest notification per in-flight key
    QSet<QString> m_closeWhenShown; // in-flight keys withdrawn before the server answered
    QString m_iconFile; // the app icon written to a file for servers that take paths
};
