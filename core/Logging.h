#pragma once

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QPair>

Q_DECLARE_LOGGING_CATEGORY(lcStomp) // todo.core.stomp
Q_DECLARE_LOGGING_CATEGORY(lcParser) // todo.core.parser
Q_DECLARE_LOGGING_CATEGORY(lcTransport) // todo.core.transport

namespace Logging {

// True for header names whose values are secrets (passcode, authorization, token, cookie, ...).
bool isSecretHeader(QByteArrayView name);
// "name:value, name:<redacted>" — safe to log.
QByteArray describeHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);

} // namespace Logging
