#include "source/PushError.h"

bool PushError::isTransient(Kind kind)
{
    switch (kind) {
    case Kind::None:
    case Kind::Unreachable:
    case Kind::Timeout:
    case Kind::ConnectionLost:
    case Kind::HeartbeatLost:
    case Kind::ServerError:
        return true;
    case Kind::HandshakeRefused:
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
