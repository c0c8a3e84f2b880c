#include "common/UiLogging.h"

Q_LOGGING_CATEGORY(lcTray, "todo.ui.tray", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotify, "todo.ui.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAutostart, "todo.ui.autostart", QtInfoMsg)
Q_LOGGING_CATEGORY(lcInstance, "todo.ui.instance", QtInfoMsg)
Q_LOGGING_CATEGORY(lcI18n, "todo.ui.i18n", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettingsUi, "todo.ui.settings", QtInfoMsg)
