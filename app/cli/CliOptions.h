#pragma once

#include "config/ServerProfiles.h"
#include "config/Settings.h"
#include "pipeline/TodoOptions.h"
#include "source/PushError.h"
#include "stomp/StompClient.h"
#include "transport/TransportPlan.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

// Exit codes of todo-notifier-cli; scripts may rely on them.
namespace CliExit {
enum Code {
    Ok = 0,
    Failure = 1, // anything not listed below (e.g. --count not reached before --timeout)
    Usage = 2, // bad command line
    Unreachable = 3, // no TCP/TLS connection to any URL
    HandshakeRefused = 4, // the server answered but refused the connection (an HTTP status, e.g. 404: wrong path)
    AuthFailed = 5, // credentials refused (ERROR frame or HTTP 401/403)
    ServerError = 6, // the server reported an error (a STOMP ERROR frame), or refused a destination
    Timeout = 7, // connected but no CONNECTED / RECEIPT in time
    Tls = 8, // certificate not trusted, TLS failure
    NotThisProtocol = 9, // the server does not speak the protocol asked for (malformed data, unsupported version)
};
int forError(PushError::Kind kind);
} // namespace CliExit

// The parsed command line of one todo-notifier-cli invocation.
struct CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)

public:
    enum class Command { None, Listen, Check, Send };

    Command command = Command::None;
    StompConnectOptions connect;
    TransportMode transportMode = TransportMode::Auto; // --transport, for every --url
    QString protocol = QStringLiteral("auto"); // --protocol: a value of Settings::protocols()
    QString openMessage; // json-ws: --open-message
    QString keepAliveMessage; // json-ws: --keepalive-message
    qint64 keepAliveIntervalMs = 0; // json-ws: --keepalive-interval
    QString outbox; // json-ws: --outbox, where unsent messages wait (empty: OutgoingQueue::defaultPathFor)
    QStringList
        events; // sse, socketio: --event, the events that carry todos (empty: SSE "message", every Socket.IO one)
    QString socketIoNamespace; // --namespace (socketio); empty = the URL's path
    QList<QByteArray> destinations;
    StompAckMode ackMode = StompAckMode::Auto;
    bool demo = false;
    QString demoProtocol; // --demo <protocol>: a value of DemoProtocol::names() ("stomp" for a bare --demo)
    int count = 0; // listen: exit after this many messages (0 = no limit)
    double timeoutSec = 0; // listen: exit after this long; check/send: overall deadline
    QByteArray body; // send
    QByteArray contentType; // send
    bool verbose = false;
    TodoOptions todo; // listen --store and its companions
    QList<QPair<QByteArray, QByteArray>> subscribeHeaders; // listen --subscribe-header
    int prefetchCount = Settings::kDefaultPrefetchCount; // listen --prefetch (client acks only)
    // listen, check --profile: the server profile (ServerProfiles::findId()) that gives the connection instead of the
    // connection options; --config: the main settings file it is found in (empty: the user's settings).
    QString profile;
    bool useProfile = false;
    QString configPath;

    // Parses `arguments` (argv including the program name). On a usage error returns false with a message in
    // *error; on --help/--version returns false with the text to print in *output and no error.
    static bool parse(const QStringList &arguments, CliOptions *options, QString *output, QString *error);
    static QString generalHelp();

    // --profile: the main settings (--config, else the user's), the server profiles over them, and the profile's own
    // settings. Nothing (with a usage message in *error naming the profiles there are) for an unknown profile.
    struct Profile
    {
        std::unique_ptr<Settings> main;
        std::unique_ptr<ServerProfiles> profiles;
        Settings *settings = nullptr;
        QString id;
    };
    static std::unique_ptr<Profile> openProfile(const CliOptions &options, QString *error);
    // Puts the connection a server's settings describe (URLs, protocol, transport, destinations, host, login, headers,
    // heart-beats, reconnect pacing, events, namespace, open and keep-alive messages, prefetch) and its secrets (read
    // from the keychain) into `options`, as the same command line options would.
    static void applyProfile(const SettingsView &settings, const ConnectionSecrets &secrets, CliOptions *options);
};
