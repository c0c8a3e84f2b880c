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

void Transport::reportEnd(bool wasOpening, TransportError error, const QString &reason)
{
    if (wasOpening)
        Q_EMIT failed(error == TransportError::None ? TransportError::Closed : error, reason);
    else
        Q_EMIT closed(error, reason);
}

QString Transport::describeSslErrors(const QList<QSslError> &errors)
{
    QStringList messages;
    for (const QSslError &error : errors)
        messages << error.errorString();
    return tr("TLS certificate rejected: %1").arg(messages.join(QStringLiteral("; ")));
}
