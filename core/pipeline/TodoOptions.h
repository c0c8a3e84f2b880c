#pragma once

#include "config/Settings.h"
#include "store/TodoStore.h"
#include "todo/LinkPolicy.h"
#include "todo/PayloadParser.h"

#include <QList>
#include <QString>
#include <QTimeZone>
#include <QUrl>

// The settings of the todo pipeline (parser, links, store, catch-up) in one plain struct. The CLI fills it from its
// command line, the tray application from its settings (fromSettings()).
struct TodoOptions
{
    QString storePath; // the SQLite file; empty: no store
    QTimeZone serverTimeZone = QTimeZone::systemTimeZone(); // for `time` without an offset
    QUrl webBase; // links resolve against it; empty: from the push URL
    QList<QUrl> allowedOrigins; // other sites links may open
    QUrl pendingListUrl; // catch-up GET after every connect; empty: none
    QString removedIdsField; // PayloadOptions::removedIdsField
    bool refetchOnCountDrop = true; // a push with an empty list and a lower count fetches the pending list again
    int keepTodos = TodoStoreOptions().keepTodos; // retention: N
    int keepDays = TodoStoreOptions().keepDays; // retention: D days
    // Commits of pushed todos run on the store's writer thread (TodoStoreOptions::writerThread), off the event loop.
    bool writerThread = true;

    PayloadOptions payloadOptions() const
    {
        PayloadOptions options;
        options.serverTimeZone = serverTimeZone;
        options.removedIdsField = removedIdsField;
        return options;
    }
    TodoStoreOptions storeOptions() const
    {
        TodoStoreOptions options;
        options.keepTodos = keepTodos;
        options.keepDays = keepDays;
        options.writerThread = writerThread;
        return options;
    }
    // The settings' todo and link keys (the store path is the caller's).
    static TodoOptions fromSettings(const SettingsView &settings);

    // With the default web base derived from `pushUrl` when none is set.
    LinkPolicy linkPolicy(const QUrl &pushUrl) const
    {
        return LinkPolicy(webBase.isEmpty() ? LinkPolicy::webBaseForPushUrl(pushUrl) : webBase, allowedOrigins);
    }
};
