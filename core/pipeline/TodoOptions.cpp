#include "pipeline/TodoOptions.h"

TodoOptions TodoOptions::fromSettings(const SettingsView &settings)
{
    using Key = Settings::Key;
    TodoOptions todo;
    const QString zone = settings.get<QString>(Key::ServerTimeZone);
    if (!zone.isEmpty()) {
        const QTimeZone timeZone(zone.toUtf8());
        if (timeZone.isValid())
            todo.serverTimeZone = timeZone;
    }
    todo.webBase = settings.url(Key::WebBaseUrl);
    todo.allowedOrigins = settings.urls(Key::LinkAllowlist);
    todo.pendingListUrl = settings.url(Key::PendingListUrl);
    todo.removedIdsField = settings.get<QString>(Key::RemovedIdsField);
    todo.refetchOnCountDrop = settings.get<bool>(Key::RefetchOnCountDrop);
    todo.keepTodos = settings.get<int>(Key::RetentionCount);
    todo.keepDays = settings.get<int>(Key::RetentionDays);
    return todo;
}
