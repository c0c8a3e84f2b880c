#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QUrl>

enum class TransportError;

// Why a push source is not connected, the same for every protocol. The kind says whether retrying can help: a
// transient failure (the server is down, the path broke, the server restarted) passes by itself, while one that needs
// the person's attention (refused credentials, an untrusted certificate, a URL that is not this protocol, a path or
// subscription the server does not have) comes back identically until someone changes the settings or the server.
struct PushError
{
    Q_DECLARE_TR_FUNCTIONS(PushError)

public:
    enum class Kind {
        None,
        // Transient: retrying can help.
        Unreachable, // DNS, connection refused, network down
        Timeout, // connected, but the protocol's greeting did not come in time
        ConnectionLost, // the server closed the connection, or it broke
        HeartbeatLost, // silence past the negotiated or configured interval
        ServerError, // the server reported an error of its own (a STOMP ERROR frame)
        HandshakeRefused, // the server answered but refused the connection (an HTTP status other than 401/403/404)
        // Needs the person's attention.
        PathNotFound, // the server has nothing at this path (HTTP 404)
        NotThisProtocol, // the server does not speak the protocol (malformed frames, unsupported version)
        SubscriptionRefused, // the server refused a destination, event or channel
        AuthFailed, // credentials refused
        Tls, // certificate not trusted, TLS failure
    };

    Kind kind = Kind::None;
    QString message; // one line, for people
    QByteArray body; // what the server said, when it said more (an ERROR frame's body)
    QUrl url;

    // True when retrying can help (see Kind).
    static bool isTransient(Kind kind);
    bool isTransient() const { return isTransient(kind); }
    // Stable names for logs, `listen` events and scripts: "unreachable", "auth-failed", ...
    static QString kindName(Kind kind);
    // The kind named `name` (kindName()'s inverse); Kind::None if unknown.
    static Kind kindFromName(QStringView name);
    // What a transport's failure to open means: `reason` carries an HTTP status where there was one (404: nothing at
    // this path).
    static Kind kindFor(TransportError error, const QString &reason);
};

Q_DECLARE_METATYPE(PushError)
