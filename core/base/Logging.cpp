#include "base/Logging.h"

Q_LOGGING_CATEGORY(lcSource, "todo.core.source", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStomp, "todo.core.stomp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSocketIo, "todo.core.socketio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcParser, "todo.core.parser", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "todo.core.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPayload, "todo.core.payload", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLinks, "todo.core.links", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "todo.core.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIngest, "todo.core.ingest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModel, "todo.core.model", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "todo.core.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "todo.core.credentials", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSse, "todo.core.sse", QtInfoMsg)

namespace Logging {

bool isSecretHeader(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    static const char *const secretParts[] = {"passcode",      "password", "passwd",     "secret",  "token",
                                              "authorization", "cookie",   "credential", "api-key", "apikey"};
    for (const char *part : secretParts) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

QByteArray describeHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out;
    for (const auto &header : headers) {
        if (!out.isEmpty())
            out += ", ";
        out += header.first + ':' + (isSecretHeader(header.first) ? QByteArray("<redacted>") : header.second);
    }
    return out;
}

} // namespace Logging
