#include "transport/Transport.h"

QString transportErrorName(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return QStringLiteral("none");
    case TransportError::Unreachable:
        return QStringLiteral("unreachable");
    case TransportError::HandshakeRefused:
        return QStringLiteral("handshake-refused");
    case TransportError::AuthRejected:
        return QStringLiteral("auth-rejected");
    case TransportError::Tls:
        return QStringLiteral("tls");
    case TransportError::Protocol:
        return QStringLiteral("protocol");
    case TransportError::Closed:
        break;
    }
    return QStringLiteral("closed");
}
