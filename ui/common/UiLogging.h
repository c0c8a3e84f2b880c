#pragma once

#include <QLoggingCategory>

// One category per ui module (the core's are in core/Logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcTray) // todo.ui.tray: TrayIconRenderer
Q_DECLARE_LOGGING_CATEGORY(lcNotify) // todo.ui.notify: Notifier and its implementations
Q_DECLARE_LOGGING_CATEGORY(lcAutostart) // todo.ui.autostart: Autostart and its implementations
Q_DECLARE_LOGGING_CATEGORY(lcInstance) // todo.ui.instance: SingleInstance
Q_DECLARE_LOGGING_CATEGORY(lcI18n) // todo.ui.i18n: Translations
Q_DECLARE_LOGGING_CATEGORY(lcSettingsUi) // todo.ui.settings: SettingsDialog and its pages
