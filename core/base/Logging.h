#pragma once

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QPair>

Q_DECLARE_LOGGING_CATEGORY(lcSource) // todo.core.source: push sources, reconnect policy, liveness, supervisor
Q_DECLARE_LOGGING_CATEGORY(lcStomp) // todo.core.stomp
Q_DECLARE_LOGGING_CATEGORY(lcSocketIo) // todo.core.socketio: Engine.IO and Socket.IO packets, SocketIoSource
Q_DECLARE_LOGGING_CATEGORY(lcParser) // todo.core.parser
Q_DECLARE_LOGGING_CATEGORY(lcTransport) // todo.core.transport
Q_DECLARE_LOGGING_CATEGORY(lcPayload) // todo.core.payload: PayloadParser
Q_DECLARE_LOGGING_CATEGORY(lcLinks) // todo.core.links: LinkPolicy
Q_DECLARE_LOGGING_CATEGORY(lcStore) // todo.core.store: TodoStore
Q_DECLARE_LOGGING_CATEGORY(lcIngest) // todo.core.ingest: TodoIngestor, CatchUp
Q_DECLARE_LOGGING_CATEGORY(lcModel) // todo.core.model: TodoModel
Q_DECLARE_LOGGING_CATEGORY(lcSettings) // todo.core.settings: Settings
Q_DECLARE_LOGGING_CATEGORY(lcCredentials) // todo.core.credentials: CredentialStore
Q_DECLARE_LOGGING_CATEGORY(lcSse) // todo.core.sse: SseSource (Server-Sent Events)

namespace Logging {

// True for header names whose values are secrets (passcode, authorization, token, cookie, ...).
bool isSecretHeader(QByteArrayView name);
// "name:value, name:<redacted>" — safe to log.
QByteArray describeHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);

} // namespace Logging
