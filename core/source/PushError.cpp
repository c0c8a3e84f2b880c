#include "source/PushError.h"

#include "transport/Transport.h"
#include "transport/TransportPlan.h"

bool PushError::isTransient(Kind kind)
{
    switch (kind) {
    case Kind::None:
    case Kind::Unreachable:
    case Kind::Timeout:
    case Kind::ConnectionLost:
    case Kind::HeartbeatLost:
    case Kind::ServerError:
    case Kind::HandshakeRefused: // an HTTP status other than 401/403/404: an overloaded or restarting server, say
        return true;
    case Kind::PathNotFound:
    case Kind::NotThisProtocol:
    case Kind::SubscriptionRefused:
    case Kind::AuthFailed:
    case Kind::Tls:
        break;
    }
    return false;
}

QString PushError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::ConnectionLost:
        return QStringLiteral("connection-lost");
    case Kind::HeartbeatLost:
        return QStringLiteral("heartbeat-lost");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::HandshakeRefused:
        return QStringLiteral("handshake-refused");
    case Kind::PathNotFound:
        return QStringLiteral("path-not-found");
    case Kind::NotThisProtocol:
        return QStringLiteral("protocol-error");
    case Kind::SubscriptionRefused:
        return QStringLiteral("subscription-refused");
    case Kind::AuthFailed:
        return QStringLiteral("auth-failed");
    case Kind::Tls:
        return QStringLiteral("tls");
    }
    return QStringLiteral("connection-lost");
}

PushError::Kind PushError::kindFromName(QStringView name)
{
    for (Kind kind : {Kind::Unreachable, Kind::Timeout, Kind::ConnectionLost, Kind::HeartbeatLost, Kind::ServerError,
                      Kind::HandshakeRefused, Kind::PathNotFound, Kind::NotThisProtocol, Kind::SubscriptionRefused,
                      Kind::AuthFailed, Kind::Tls}) {
        if (kindName(kind) == name)
            return kind;
    }
    return Kind::None;
}

PushError::Kind PushError::kindFor(TransportError error, const QString &reason)
{
    switch (error) {
    case TransportError::Unreachable:
        return Kind::Unreachable;
    case TransportError::HandshakeRefused:
        // Nothing at this path is not a refusal that passes: the URL needs correcting.
        return TransportPlan::httpStatusIn(reason) == 404 ? Kind::PathNotFound : Kind::HandshakeRefused;
    case TransportError::AuthRejected:
        return Kind::AuthFailed;
    case TransportError::Tls:
        return Kind::Tls;
    case TransportError::Protocol:
        return Kind::NotThisProtocol;
    case TransportError::None:
    case TransportError::Closed:
        break;
    }
    return Kind::ConnectionLost;
}
