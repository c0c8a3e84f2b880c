#include "notifications/FreedesktopNotifier.h"

#include "NotificationsProxy.h"
#include "common/UiLogging.h"
#include "todo/ServerKey.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDir>
#include <QGuiApplication>
#include <QStandardPaths>

#include <utility>

namespace {

const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kDefaultAction = QStringLiteral("default");
constexpr int kServerDefaultTimeout = -1;

QString applicationName()
{
    const QString display = QGuiApplication::applicationDisplayName();
    return display.isEmpty() ? QStringLiteral("Todo Notifier") : display;
}

} // namespace

FreedesktopNotifier::FreedesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : Notifier(parent)
    , m_proxy(std::make_unique<NotificationsProxy>(serviceName(), kPath, bus))
{
    connect(m_proxy.get(), &NotificationsProxy::ActionInvoked, this, &FreedesktopNotifier::onActionInvoked);
    connect(m_proxy.get(), &NotificationsProxy::NotificationClosed, this, &FreedesktopNotifier::onNotificationClosed);

    auto *watcher = new QDBusPendingCallWatcher(m_proxy->GetCapabilities(), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<QStringList> reply = *call;
        if (reply.isError())
            qCWarning(lcNotify) << "GetCapabilities failed:" << reply.error().message();
        onCapabilities(reply.isError() ? QStringList() : reply.value());
    });
}

FreedesktopNotifier::~FreedesktopNotifier() = default;

bool FreedesktopNotifier::isServiceAvailable(const QDBusConnection &bus)
{
    if (!bus.isConnected() || !bus.interface())
        return false;
    QDBusConnectionInterface *interface = bus.interface();
    if (interface->isServiceRegistered(serviceName()))
        return true;
    const QDBusReply<QStringList> activatable = interface->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(serviceName());
}

void FreedesktopNotifier::onCapabilities(const QStringList &capabilities)
{
    m_capabilities = capabilities;
    m_capabilitiesKnown = true;
    qCDebug(lcNotify) << "notification server capabilities:" << capabilities;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &show : waiting)
        show.second();
}

void FreedesktopNotifier::showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency)
{
    notify(todoId, title, body, urgency);
}

void FreedesktopNotifier::showSummary(const QString &summaryId, const QString &title, const QString &body)
{
    notify(summaryId, title, body, Urgency::Normal);
}

void FreedesktopNotifier::notify(const QString &key, const QString &title, const QString &body, Urgency urgency)
{
    if (!m_capabilitiesKnown) {
        m_waiting.append({key, [this, key, title, body, urgency] {
                              notify(key, title, body, urgency);
                          }});
        return;
    }
    // The summary is plain text by the specification (dunst, for one, escapes it itself: escaping it here too
    // would show "&amp;"); the body is markup for servers that say "body-markup", so there it is escaped. Text
    // from the server such as "<b>A&B</b>" shows as written, never as bold.
    const QString shownBody = m_capabilities.contains(QLatin1String("body-markup")) ? body.toHtmlEscaped() : body;
    QStringList actions;
    const bool hasActions = m_capabilities.contains(QLatin1String("actions"));
    if (m_capabilities.isEmpty() || hasActions)
        actions = QStringList {kDefaultAction, tr("Open")};
    if (hasActions && !ServerKey::isSummaryId(key))
        actions << snoozeActionKey() << tr("Snooze 1 hour") << markReadActionKey() << tr("Mark as read");
    QVariantMap hints {
        {QStringLiteral("urgency"), QVariant::fromValue(uchar(urgency))},
        {QStringLiteral("desktop-entry"), QStringLiteral("todo-notifier")},
        {QStringLiteral("category"), QStringLiteral("im.received")},
    };
    // A notification of low urgency (one a rule lowered) is silent whatever the sound setting says.
    if (soundEnabled() && urgency != Urgency::Low)
        hints.insert(QStringLiteral("sound-name"), QStringLiteral("message-new-instant"));
    else
        hints.insert(QStringLiteral("suppress-sound"), true);

    m_closeWhenShown.remove(key);
    if (m_inFlight.contains(key)) {
        // The server has not answered the previous Notify for this todo: without its id this one could not
        // replace it. Send it (only the newest) once the answer is in.
        m_queued.insert(key, [this, key, title, body, urgency] { notify(key, title, body, urgency); });
        return;
    }
    m_inFlight.insert(key);
    const uint replaces = m_idByKey.value(key, 0);
    const QDBusPendingReply<uint> pending = m_proxy->Notify(applicationName(), replaces, iconForNotifications(), title,
                                                            shownBody, actions, hints, kServerDefaultTimeout);
    auto *watcher = new QDBusPendingCallWatcher(pending, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        m_inFlight.remove(key);
        const QDBusPendingReply<uint> reply = *call;
        if (reply.isError()) {
            qCWarning(lcNotify) << "Notify failed:" << reply.error().message();
            Q_EMIT notificationFailed(key, reply.error().message());
        } else {
            onShown(key, reply.value());
        }
        if (const auto next = m_queued.take(key))
            next();
    });
}

void FreedesktopNotifier::onShown(const QString &key, uint id)
{
    const uint previous = m_idByKey.value(key, 0);
    if (previous != 0 && previous != id)
        m_keyById.remove(previous);
    m_idByKey.insert(key, id);
    m_keyById.insert(id, key);
    Q_EMIT notificationShown(key, id);
    if (m_closeWhenShown.remove(key)) {
        qCDebug(lcNotify) << "withdrawing notification" << id << "shown after it was withdrawn";
        m_proxy->CloseNotification(id);
    }
}

void FreedesktopNotifier::closeTodo(const QString &todoId)
{
    m_queued.remove(todoId);
    m_waiting.removeIf([&todoId](const auto &waiting) { return waiting.first == todoId; });
    if (m_inFlight.contains(todoId))
        m_closeWhenShown.insert(todoId); // withdrawn as soon as the server says which id it has
    const uint id = m_idByKey.value(todoId, 0);
    if (id == 0)
        return;
    qCDebug(lcNotify) << "withdrawing notification" << id;
    m_proxy->CloseNotification(id);
}

void FreedesktopNotifier::closeAll()
{
    for (auto it = m_keyById.cbegin(); it != m_keyById.cend(); ++it)
        m_proxy->CloseNotification(it.key());
}

void FreedesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    // Servers may send the signal to every client: only our own notifications count.
    const auto found = m_keyById.constFind(id);
    if (found == m_keyById.constEnd())
        return;
    qCDebug(lcNotify) << "action" << actionKey << "on notification" << id;
    const QString key = *found;
    if (!ServerKey::isSummaryId(key) && (actionKey == snoozeActionKey() || actionKey == markReadActionKey())) {
        m_proxy->CloseNotification(id); // as for the default action: it has served its purpose
        Q_EMIT actionInvoked(key, actionKey == snoozeActionKey() ? Action::Snooze : Action::MarkRead);
        return;
    }
    if (actionKey != kDefaultAction)
        return;
    // The specification lets servers keep a notification after its action (dunst does): it has served its
    // purpose, so withdraw it.
    m_proxy->CloseNotification(id);
    if (ServerKey::isSummaryId(key))
        Q_EMIT summaryActivated(key);
    else
        Q_EMIT activated(key);
}

void FreedesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    const auto found = m_keyById.constFind(id);
    if (found == m_keyById.constEnd())
        return;
    qCDebug(lcNotify) << "notification" << id << "closed, reason" << reason;
    const QString key = *found;
    if (m_idByKey.value(key) == id)
        m_idByKey.remove(key);
    m_keyById.erase(found);
    Q_EMIT notificationClosed(key, reason);
}

QString FreedesktopNotifier::iconForNotifications()
{
    if (!m_appIconName.isEmpty())
        return m_appIconName;
    if (m_appIcon.isNull())
        return {};
    if (m_iconFile.isEmpty()) {
        // Servers take an icon name or a file; an icon that only exists in memory is written to the cache once.
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        const QString path = QDir(dir).filePath(QStringLiteral("notification-icon.png"));
        if (QDir().mkpath(dir) && m_appIcon.pixmap(QSize(128, 128)).save(path, "PNG"))
            m_iconFile = path;
        else
            qCWarning(lcNotify) << "cannot write the notification icon to" << path;
    }
    return m_iconFile;
}
