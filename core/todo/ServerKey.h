#pragma once

#include <QString>

// Telling apart the todos (and notifications) of several servers, each with a store of its own (a person working for
// two organisations, or a production and a test system).
//
// A server is named by its profile id: empty for the first server (the one the main settings describe), else a short
// id of letters, digits and '-' (ServerProfiles). Inside one store a todo's key (Todo::key: "id:...", "msg:...",
// "sha1:...") is unique; two servers may well send the same id. Where the todos of every server meet (the list of
// all todos, the notifications on screen), a todo is known by its qualified key: its own key for the first server,
// "@<server>/<key>" for another one. Todo keys never begin with '@', so the first server's keys are unchanged.
//
// A summary notification ("5 new todos") is one per server: its id is empty for the first server and "@<server>/"
// for another.
namespace ServerKey {

// "@<server>/<key>", or `key` itself for the first server ("").
QString qualify(const QString &serverId, const QString &key);
// The server of a qualified key ("" for the first server's).
QString serverOf(const QString &qualifiedKey);
// The key inside its server's store.
QString localKey(const QString &qualifiedKey);
// The id of `serverId`'s summary notification.
QString summaryId(const QString &serverId);
// Whether a notification id is a summary's (empty, or "@<server>/").
bool isSummaryId(const QString &notificationId);

} // namespace ServerKey
