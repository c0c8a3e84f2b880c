#include "notifications/Notifier.h"

#include "common/UiLogging.h"
#include "notifications/FallbackNotifier.h"
#include "notifications/TrayMessageNotifier.h"

#if defined(TODO_HAVE_FREEDESKTOP_NOTIFIER)
#include "notifications/FreedesktopNotifier.h"
#endif

std::unique_ptr<Notifier> Notifier::create(QSystemTrayIcon *trayIcon)
{
#if defined(TODO_HAVE_FREEDESKTOP_NOTIFIER)
    if (FreedesktopNotifier::isServiceAvailable()) {
        qCInfo(lcNotify) << "notifications through" << FreedesktopNotifier::serviceName();
        return std::make_unique<FallbackNotifier>(std::make_unique<FreedesktopNotifier>(QDBusConnection::sessionBus()),
                                                  std::make_unique<TrayMessageNotifier>(trayIcon));
    }
    qCInfo(lcNotify) << "no" << FreedesktopNotifier::serviceName() << "on the session bus: using tray messages";
#endif
    return std::make_unique<TrayMessageNotifier>(trayIcon);
}
