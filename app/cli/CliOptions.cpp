#include "CliOptions.h"

#include "DemoProtocol.h"
#include "config/ServerProfiles.h"
#include "config/Settings.h"
#include "stomp/StompSettings.h"

#include <QCommandLineParser>
#include <QFile>
#include <QProcessEnvironment>
#include <QTextStream>

namespace {

bool parseHeader(const QString &text, QPair<QByteArray, QByteArray> *header)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    *header = {text.left(colon).trimmed().toUtf8(), text.mid(colon + 1).toUtf8()};
    return true;
}

bool readSecretFile(const QString &path, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = CliOptions::tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray data = file.read(64 * 1024);
    while (data.endsWith('\n') || data.endsWith('\r'))
        data.chop(1);
    *out = data;
    return true;
}

// A file of name:value lines (blank lines and # comments skipped), given with --`option`. The values may be
// secrets, so an error names the line, never its text.
bool readHeaderFile(const QString &path, const QString &option, QList<QPair<QByteArray, QByteArray>> *headers,
                    QString *error)
{
    QByteArray content;
    if (!readSecretFile(path, &content, error))
        return false;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString text = QString::fromUtf8(lines.at(i)).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        QPair<QByteArray, QByteArray> header;
        if (!parseHeader(text, &header)) {
            *error = CliOptions::tr("invalid line %1 in --%2: expected name:value").arg(i + 1).arg(option);
            return false;
        }
        headers->append(header);
    }
    return true;
}

bool parseUrl(const QString &text, QUrl *url)
{
    *url = QUrl::fromUserInput(text);
    return url->isValid() && !url->host().isEmpty() && Settings::validateUrl(url->toString()).isEmpty();
}

bool parseWebUrl(const QString &text, QUrl *url)
{
    *url = QUrl(text, QUrl::StrictMode);
    const QString scheme = url->scheme().toLower();
    return url->isValid() && !url->host().isEmpty()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

// --store and its companions (in this order: store, web-base, server-timezone, allow-origin, pending-url, keep,
// keep-days).
bool parseTodoOptions(const QCommandLineParser &parser, const QList<QCommandLineOption> &todoOptions, TodoOptions *todo,
                      QString *error)
{
    const QCommandLineOption &store = todoOptions.at(0);
    todo->storePath = parser.value(store);
    if (parser.isSet(store) && todo->storePath.isEmpty()) {
        *error = QCoreApplication::translate("CliOptions", "--store needs a file path");
        return false;
    }
    for (qsizetype i = 1; i < todoOptions.size(); ++i) {
        if (parser.isSet(todoOptions.at(i)) && todo->storePath.isEmpty()) {
            *error = QCoreApplication::translate("CliOptions", "--%1 requires --store")
                         .arg(todoOptions.at(i).names().constFirst());
            return false;
        }
    }
    if (parser.isSet(todoOptions.at(1)) && !parseWebUrl(parser.value(todoOptions.at(1)), &todo->webBase)) {
        *error = QCoreApplication::translate(
                     "CliOptions", "invalid --web-base \"%1\": expected an http:// or https:// URL with a host")
                     .arg(parser.value(todoOptions.at(1)));
        return false;
    }
    if (parser.isSet(todoOptions.at(2))) {
        const QString zone = parser.value(todoOptions.at(2));
        todo->serverTimeZone = zone.compare(QLatin1String("local"), Qt::CaseInsensitive) == 0
            ? QTimeZone::systemTimeZone()
            : QTimeZone(zone.toUtf8());
        if (!todo->serverTimeZone.isValid()) {
            *error = QCoreApplication::translate(
                         "CliOptions",
                         "invalid --server-timezone \"%1\": expected an IANA name such as Asia/Shanghai, UTC or local")
                         .arg(zone);
            return false;
        }
    }
    for (const QString &text : parser.values(todoOptions.at(3))) {
        QUrl origin;
        if (!parseWebUrl(text, &origin)) {
            *error = QCoreApplication::translate(
                         "CliOptions", "invalid --allow-origin \"%1\": expected an http:// or https:// URL with a host")
                         .arg(text);
            return false;
        }
        todo->allowedOrigins.append(origin);
    }
    if (parser.isSet(todoOptions.at(4)) && !parseWebUrl(parser.value(todoOptions.at(4)), &todo->pendingListUrl)) {
        *error = QCoreApplication::translate(
                     "CliOptions", "invalid --pending-url \"%1\": expected an http:// or https:// URL with a host")
                     .arg(parser.value(todoOptions.at(4)));
        return false;
    }
    for (int i : {5, 6}) {
        if (!parser.isSet(todoOptions.at(i)))
            continue;
        bool ok = false;
        const int value = parser.value(todoOptions.at(i)).toInt(&ok);
        if (!ok || value < 1) {
            *error = QCoreApplication::translate("CliOptions", "invalid --%1: expected a positive number")
                         .arg(todoOptions.at(i).names().constFirst());
            return false;
        }
        (i == 5 ? todo->keepTodos : todo->keepDays) = value;
    }
    return true;
}

} // namespace

int CliExit::forError(PushError::Kind kind)
{
    switch (kind) {
    case PushError::Kind::None:
        return Ok;
    case PushError::Kind::Unreachable:
    case PushError::Kind::ConnectionLost:
        return Unreachable;
    case PushError::Kind::HandshakeRefused:
    case PushError::Kind::PathNotFound:
        return HandshakeRefused;
    case PushError::Kind::AuthFailed:
        return AuthFailed;
    case PushError::Kind::ServerError:
    case PushError::Kind::SubscriptionRefused:
        return ServerError;
    case PushError::Kind::NotThisProtocol:
        return NotThisProtocol;
    case PushError::Kind::HeartbeatLost:
    case PushError::Kind::Timeout:
        return Timeout;
    case PushError::Kind::Tls:
        return Tls;
    }
    return Failure;
}

QString CliOptions::generalHelp()
{
    return tr("Usage: todo-notifier-cli <command> [options]\n"
              "\n"
              "A headless push client: everything the tray app does, from a terminal. It speaks STOMP\n"
              "(over WebSocket, SockJS or a broker's TCP port) and the other push protocols of --protocol,\n"
              "and by default finds out which one the server speaks.\n"
              "\n"
              "Commands:\n"
              "  listen   connect, subscribe and print one JSON object per line for every event\n"
              "  check    connect once and report the protocol, the negotiated version, heart-beat and server\n"
              "  send     send one message and wait for the server's receipt\n"
              "\n"
              "Run 'todo-notifier-cli <command> --help' for the options of a command.\n"
              "The passcode is never taken from the command line: use --passcode-file or the\n"
              "environment variable TODO_NOTIFIER_PASSCODE.\n"
              "listen and check --profile NAME connect to a server configured in the tray app instead,\n"
              "with its passcode from the keychain.\n");
}

bool CliOptions::parse(const QStringList &arguments, CliOptions *options, QString *output, QString *error)
{
    *options = {};
    output->clear();
    error->clear();
    if (arguments.size() < 2) {
        *error = tr("no command given");
        return false;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        *output = generalHelp();
        return false;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        *output = QStringLiteral("todo-notifier-cli %1\n").arg(QStringLiteral(TODO_NOTIFIER_VERSION));
        return false;
    }
    if (command == QLatin1String("listen"))
        options->command = Command::Listen;
    else if (command == QLatin1String("check"))
        options->command = Command::Check;
    else if (command == QLatin1String("send"))
        options->command = Command::Send;
    else {
        *error = tr("unknown command \"%1\" (expected listen, check or send)").arg(command);
        return false;
    }
    for (const QString &argument : arguments) {
        if (argument == QLatin1String("--passcode") || argument.startsWith(QLatin1String("--passcode="))) {
            *error = tr("--passcode is not accepted: command lines are visible to other users. "
                        "Use --passcode-file PATH or the TODO_NOTIFIER_PASSCODE environment variable.");
            return false;
        }
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        tr("Server URL as you have it: ws(s)://host/ws (STOMP over WebSocket), http(s)://host/app/ws (a SockJS "
           "endpoint, e.g. Spring's .withSockJS()) or stomp://host:61613 and stomp+ssl://host:61614 (a broker's "
           "STOMP port); repeat for failover, tried in order."),
        tr("url"));
    const QCommandLineOption loginOption(QStringLiteral("login"), tr("STOMP login."), tr("name"));
    const QCommandLineOption passcodeFileOption(QStringLiteral("passcode-file"),
                                                tr("Read the STOMP passcode from this file."), tr("path"));
    const QCommandLineOption hostOption(QStringLiteral("host"), tr("STOMP host header (RabbitMQ virtual host)."),
                                        tr("host"));
    const QCommandLineOption headerOption(
        QStringLiteral("header"), tr("Extra CONNECT header, e.g. client-id:desk-42 (repeatable)."), tr("name:value"));
    const QCommandLineOption headerFileOption(QStringLiteral("header-file"),
                                              tr("Read extra CONNECT headers (one name:value per line) from a file; "
                                                 "use it for tokens."),
                                              tr("path"));
    const QCommandLineOption heartbeatOption(QStringLiteral("heartbeat"),
                                             tr("Heart-beat periods in ms we send and want (default 10000,10000)."),
                                             tr("out,in"));
    const QCommandLineOption ackOption(QStringLiteral("ack"), tr("Ack mode: auto, client or client-individual."),
                                       tr("mode"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        tr("Start the embedded demo push server and connect to it, over one of its protocols: stomp (the default "
           "when none is given), sockjs, json-ws, sse or socketio, e.g. --demo json-ws."),
        tr("protocol"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"), tr("Log protocol details to stderr."));
    const QCommandLineOption destinationOption(QStringLiteral("destination"),
                                               tr("Destination to subscribe or send to (repeatable for listen)."),
                                               tr("destination"));
    const QCommandLineOption countOption(QStringLiteral("count"), tr("listen: exit after N messages."), tr("N"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"), tr("listen: exit after S seconds; check/send: give up after S seconds."), tr("S"));
    const QCommandLineOption reconnectOption(QStringLiteral("reconnect"),
                                             tr("Reconnect delays in ms: initial,maximum (default 1000,60000)."),
                                             tr("initial,max"));
    const QCommandLineOption attemptsOption(QStringLiteral("max-attempts"),
                                            tr("Give up after N failed attempts in a row (default: never)."), tr("N"));
    const QCommandLineOption contentTypeOption(QStringLiteral("content-type"), tr("send: content-type header."),
                                               tr("type"));
    const QCommandLineOption insecureOption(QStringLiteral("insecure"),
                                            tr("Accept TLS certificates that fail verification (testing only)."));
    const QCommandLineOption transportOption(
        QStringLiteral("transport"),
        tr("How to speak to the URLs: websocket, sockjs, or auto (default: find out, and say how and why)."),
        tr("mode"));
    const QCommandLineOption protocolOption(
        QStringLiteral("protocol"),
        tr("The push protocol: auto (default: find out, and say how and why), stomp (over WebSocket, SockJS or a "
           "broker's STOMP port), sockjs (STOMP over SockJS), json-ws (a plain WebSocket that pushes JSON), sse "
           "(Server-Sent Events from an http(s):// URL), socketio (a Socket.IO 3/4 server: http://host:3000, or "
           "http://host:3000/namespace; --header values are its auth payload)."),
        tr("protocol"));
    const QCommandLineOption openMessageOption(
        QStringLiteral("open-message"),
        tr("json-ws: text sent after every connect, e.g. {\"clientId\":\"{clientId}\"} ({login} and {clientId} "
           "are filled in)."),
        tr("text"));
    const QCommandLineOption keepAliveMessageOption(
        QStringLiteral("keepalive-message"), tr("json-ws: application keep-alive text, e.g. {\"keepalive\":\"live\"}."),
        tr("text"));
    const QCommandLineOption keepAliveIntervalOption(QStringLiteral("keepalive-interval"),
                                                     tr("json-ws: send the keep-alive every MS milliseconds; three "
                                                        "intervals of silence count as a lost connection."),
                                                     tr("ms"));
    const QCommandLineOption outboxOption(
        QStringLiteral("outbox"),
        tr("json-ws: the file where messages wait while the server cannot be reached; they go out on the next connect, "
           "by send or listen (default: one file per server under the application's data directory)."),
        tr("file"));
    const QCommandLineOption eventOption(
        QStringLiteral("event"),
        tr("sse, socketio: an event whose data are todos, e.g. todo (repeatable; default for sse: message, the type "
           "of an event without an event: field; for socketio: every event)."),
        tr("name"));
    const QCommandLineOption namespaceOption(
        QStringLiteral("namespace"), tr("socketio: the namespace to join, e.g. /admin (default: the URL's path)."),
        tr("namespace"));
    const QCommandLineOption handshakeHeaderOption(
        QStringLiteral("handshake-header"),
        tr("Extra HTTP header for the WebSocket/SockJS handshake, e.g. Cookie:SESSION=... (repeatable; never "
           "logged). Spring user destinations need the principal's Cookie or Authorization here."),
        tr("name:value"));
    const QCommandLineOption handshakeHeaderFileOption(
        QStringLiteral("handshake-header-file"),
        tr("Read extra handshake headers (one name:value per line) from a file; use it for cookies and tokens."),
        tr("path"));

    const QCommandLineOption subscribeHeaderOption(
        QStringLiteral("subscribe-header"), tr("listen: extra SUBSCRIBE header, e.g. prefetch-count:100 (repeatable)."),
        tr("name:value"));
    const QCommandLineOption prefetchOption(
        QStringLiteral("prefetch"),
        tr("listen with --ack client or client-individual: messages the broker may send ahead of our acks "
           "(RabbitMQ prefetch-count, ActiveMQ activemq.prefetchSize); 0 = the broker's default (default: %1).")
            .arg(Settings::kDefaultPrefetchCount),
        tr("count"));
    // listen --store: the todo pipeline (parser, store, links, catch-up).
    const QCommandLineOption storeOption(
        QStringLiteral("store"),
        tr("listen: keep todos in this SQLite file and print one \"todo\" event per new todo; with --ack client or "
           "client-individual a message is acknowledged only after it is committed."),
        tr("path"));
    const QCommandLineOption webBaseOption(
        QStringLiteral("web-base"),
        tr("listen --store: web application URL that todo links are relative to (default: the push URL's origin, "
           "ws -> http, wss -> https)."),
        tr("url"));
    const QCommandLineOption timeZoneOption(
        QStringLiteral("server-timezone"),
        tr("listen --store: time zone of the server's \"yyyy-MM-dd HH:mm:ss\" times, e.g. Asia/Shanghai (default: "
           "local)."),
        tr("zone"));
    const QCommandLineOption allowOriginOption(
        QStringLiteral("allow-origin"),
        tr("listen --store: another site todo links may open, e.g. https://sso.example.com (repeatable)."), tr("url"));
    const QCommandLineOption pendingUrlOption(
        QStringLiteral("pending-url"),
        tr("listen --store: after every connect, GET this pending-todo list (same auth headers, same payload shape) "
           "and reconcile."),
        tr("url"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        tr("listen --store: keep at most N read todos (unread ones are never deleted; "
                                           "default %1).")
                                            .arg(TodoStoreOptions().keepTodos),
                                        tr("N"));
    const QCommandLineOption keepDaysOption(
        QStringLiteral("keep-days"),
        tr("listen --store: delete read todos not seen for D days (default %1).").arg(TodoStoreOptions().keepDays),
        tr("D"));

    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        tr("listen, check: connect to a server configured in the tray app: \"default\" (the first server), a "
           "profile id or a server's name. Its settings give the connection and the keychain its passcode and secret "
           "header values; the connection options (--url, --login, --protocol, --destination, ...) and --store's "
           "link, time zone and retention options cannot be given with it."),
        tr("name"));
    const QCommandLineOption configOption(
        QStringLiteral("config"), tr("listen, check --profile: the tray app's settings file (default: your settings)."),
        tr("path"));

    parser.addOption(helpOption);
    for (const QCommandLineOption &option : {urlOption,
                                             loginOption,
                                             passcodeFileOption,
                                             hostOption,
                                             headerOption,
                                             headerFileOption,
                                             heartbeatOption,
                                             reconnectOption,
                                             attemptsOption,
                                             demoOption,
                                             verboseOption,
                                             insecureOption,
                                             transportOption,
                                             handshakeHeaderOption,
                                             handshakeHeaderFileOption,
                                             protocolOption,
                                             openMessageOption,
                                             keepAliveMessageOption,
                                             keepAliveIntervalOption,
                                             outboxOption})
        parser.addOption(option);
    parser.addOption(eventOption);
    parser.addOption(namespaceOption);
    QString synopsis;
    if (options->command == Command::Listen) {
        parser.addOption(destinationOption);
        parser.addOption(ackOption);
        parser.addOption(subscribeHeaderOption);
        parser.addOption(prefetchOption);
        parser.addOption(countOption);
        parser.addOption(timeoutOption);
        for (const QCommandLineOption &option : {storeOption, webBaseOption, timeZoneOption, allowOriginOption,
                                                 pendingUrlOption, keepOption, keepDaysOption})
            parser.addOption(option);
        parser.addOptions({profileOption, configOption});
        synopsis = tr("Usage: todo-notifier-cli listen [options]\n\nConnect, subscribe to every --destination and "
                      "print one JSON object per line for each event (connected, message, disconnected, "
                      "reconnecting, error). Reconnects by itself. With --store, messages become todos: "
                      "\"todo\" events (each new todo once, with the pending count) replace \"message\" events "
                      "and --count counts new todos.\n");
    } else if (options->command == Command::Check) {
        parser.addOption(timeoutOption);
        parser.addOptions({profileOption, configOption});
        synopsis = tr("Usage: todo-notifier-cli check [options]\n\nConnect once and report the protocol (with auto: "
                      "what was found and why), the transport, and what the server negotiated. Exit codes: 0 ok, "
                      "3 unreachable, 4 refused or nothing at this path, 5 authentication failed, 6 server error, "
                      "7 timeout, 8 TLS, 9 not this protocol.\n");
    } else {
        parser.addOption(destinationOption);
        parser.addOption(contentTypeOption);
        parser.addOption(timeoutOption);
        parser.addPositionalArgument(QStringLiteral("body"), tr("Message body; read from stdin when omitted."));
        synopsis = tr("Usage: todo-notifier-cli send --destination D [options] [body]\n\nSend one message and wait "
                      "for the server's receipt.\n");
    }
    QStringList args = arguments;
    args.removeAt(1);
    // --demo's value is optional: only send has positional arguments, where a body may follow a bare --demo.
    args = DemoProtocol::withDemoValue(args, options->command == Command::Send);
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(helpOption)) {
        *output = synopsis + QLatin1Char('\n') + parser.helpText().section(QLatin1Char('\n'), 1);
        return false;
    }

    StompConnectOptions &connect = options->connect;
    if (options->command != Command::Send) {
        options->useProfile = parser.isSet(profileOption);
        options->profile = parser.value(profileOption).trimmed();
        options->configPath = parser.value(configOption);
        if (parser.isSet(configOption) && !options->useProfile) {
            *error = tr("--config needs --profile");
            return false;
        }
        if (parser.isSet(configOption) && options->configPath.isEmpty()) {
            *error = tr("--config needs a file path");
            return false;
        }
    }
    if (options->useProfile) {
        // The profile gives the whole connection: an option that describes it too would make two answers to one
        // question.
        QStringList connectionOptions;
        for (const QCommandLineOption &option : {urlOption,
                                                 loginOption,
                                                 passcodeFileOption,
                                                 hostOption,
                                                 headerOption,
                                                 headerFileOption,
                                                 heartbeatOption,
                                                 reconnectOption,
                                                 attemptsOption,
                                                 demoOption,
                                                 transportOption,
                                                 handshakeHeaderOption,
                                                 handshakeHeaderFileOption,
                                                 protocolOption,
                                                 openMessageOption,
                                                 keepAliveMessageOption,
                                                 keepAliveIntervalOption,
                                                 eventOption,
                                                 namespaceOption,
                                                 destinationOption,
                                                 prefetchOption,
                                                 webBaseOption,
                                                 timeZoneOption,
                                                 allowOriginOption,
                                                 pendingUrlOption,
                                                 keepOption,
                                                 keepDaysOption})
            connectionOptions.append(option.names());
        for (const QString &name : parser.optionNames()) { // the options given, as given
            if (connectionOptions.contains(name)) {
                *error = tr("--%1 cannot be combined with --profile: the profile gives the connection").arg(name);
                return false;
            }
        }
    }
    options->demo = parser.isSet(demoOption);
    if (options->demo) {
        options->demoProtocol = parser.value(demoOption);
        if (!DemoProtocol::fromName(options->demoProtocol)) {
            *error = tr("invalid --demo \"%1\": expected one of %2")
                         .arg(options->demoProtocol, DemoProtocol::names().join(QStringLiteral(", ")));
            return false;
        }
    }
    options->verbose = parser.isSet(verboseOption);
    for (const QString &text : parser.values(urlOption)) {
        QUrl url;
        if (!parseUrl(text, &url)) {
            *error = tr("invalid --url \"%1\": expected ws://, wss://, http://, https://, stomp:// or stomp+ssl:// "
                        "with a host")
                         .arg(text);
            return false;
        }
        connect.urls.append(url);
    }
    if (connect.urls.isEmpty() && !options->demo && !options->useProfile) {
        *error = tr("no server: give --url (or --demo to try the embedded demo server)");
        return false;
    }
    connect.login = parser.value(loginOption).toUtf8();
    connect.host = parser.value(hostOption).toUtf8();
    if (parser.isSet(passcodeFileOption)) {
        if (!readSecretFile(parser.value(passcodeFileOption), &connect.passcode, error))
            return false;
    } else {
        connect.passcode = qgetenv("TODO_NOTIFIER_PASSCODE");
    }
    for (const QString &text : parser.values(headerOption)) {
        QPair<QByteArray, QByteArray> header;
        if (!parseHeader(text, &header)) {
            *error = tr("invalid --header \"%1\": expected name:value").arg(text);
            return false;
        }
        connect.connectHeaders.append(header);
    }
    if (parser.isSet(headerFileOption)
        && !readHeaderFile(parser.value(headerFileOption), headerFileOption.names().constFirst(),
                           &connect.connectHeaders, error))
        return false;
    if (parser.isSet(heartbeatOption)) {
        const QStringList parts = parser.value(heartbeatOption).split(QLatin1Char(','));
        bool okOut = false;
        bool okIn = false;
        const int out = parts.size() == 2 ? parts.at(0).trimmed().toInt(&okOut) : -1;
        const int in = parts.size() == 2 ? parts.at(1).trimmed().toInt(&okIn) : -1;
        if (!okOut || !okIn || out < 0 || in < 0) {
            *error = tr("invalid --heartbeat \"%1\": expected two non-negative millisecond values, e.g. 10000,10000")
                         .arg(parser.value(heartbeatOption));
            return false;
        }
        connect.heartbeatOutMs = out;
        connect.heartbeatInMs = in;
    }
    if (parser.isSet(reconnectOption)) {
        const QStringList parts = parser.value(reconnectOption).split(QLatin1Char(','));
        bool okInitial = false;
        bool okMax = false;
        const qint64 initial = parts.size() == 2 ? parts.at(0).trimmed().toLongLong(&okInitial) : -1;
        const qint64 maximum = parts.size() == 2 ? parts.at(1).trimmed().toLongLong(&okMax) : -1;
        if (!okInitial || !okMax || initial < 0 || maximum < initial) {
            *error = tr("invalid --reconnect \"%1\": expected initial,maximum in ms with initial <= maximum")
                         .arg(parser.value(reconnectOption));
            return false;
        }
        connect.reconnect.initialDelayMs = initial;
        connect.reconnect.maxDelayMs = maximum;
    }
    if (parser.isSet(attemptsOption)) {
        bool ok = false;
        connect.reconnect.maxAttempts = parser.value(attemptsOption).toInt(&ok);
        if (!ok || connect.reconnect.maxAttempts < 1) {
            *error = tr("invalid --max-attempts: expected a positive number");
            return false;
        }
    }
    if (parser.isSet(insecureOption))
        connect.transport.ignoreSslErrors = true;
    if (parser.isSet(transportOption) && !parseTransportMode(parser.value(transportOption), &options->transportMode)) {
        *error =
            tr("invalid --transport \"%1\": expected auto, websocket or sockjs").arg(parser.value(transportOption));
        return false;
    }
    if (parser.isSet(protocolOption)) {
        options->protocol = parser.value(protocolOption);
        const QString problem = Settings::validateProtocol(options->protocol);
        if (!problem.isEmpty()) {
            *error = tr("invalid --protocol: %1").arg(problem);
            return false;
        }
    } else if (options->demo) {
        options->protocol = options->demoProtocol; // the demo's names are the protocols' own
    }
    if (options->command == Command::Send && options->protocol == QLatin1String("socketio")) {
        *error = tr("send does not speak Socket.IO: with --protocol socketio use listen or check");
        return false;
    }
    options->socketIoNamespace = parser.value(namespaceOption);
    if (const QString problem = Settings::validateNamespace(options->socketIoNamespace); !problem.isEmpty()) {
        *error = tr("invalid --namespace: %1").arg(problem);
        return false;
    }
    options->openMessage = parser.value(openMessageOption);
    options->outbox = parser.value(outboxOption);
    options->keepAliveMessage = parser.value(keepAliveMessageOption);
    if (parser.isSet(keepAliveIntervalOption)) {
        bool ok = false;
        options->keepAliveIntervalMs = parser.value(keepAliveIntervalOption).toInt(&ok);
        const QString problem =
            ok ? Settings::validateKeepAliveInterval(int(options->keepAliveIntervalMs)) : tr("not a number");
        if (!problem.isEmpty()) {
            *error = tr("invalid --keepalive-interval: %1").arg(problem);
            return false;
        }
    }
    if (options->keepAliveIntervalMs > 0 && options->keepAliveMessage.isEmpty()) {
        *error = tr("--keepalive-interval needs --keepalive-message");
        return false;
    }
    const bool sse = options->protocol == QLatin1String("sse");
    const bool events =
        sse || options->protocol == QLatin1String("socketio") || options->protocol == QLatin1String("auto");
    for (const QString &name : parser.values(eventOption)) {
        const QString problem =
            events ? Settings::validateEventName(name) : tr("only for --protocol sse, socketio or auto");
        if (!problem.isEmpty()) {
            *error = tr("invalid --event: %1").arg(problem);
            return false;
        }
        options->events.append(name.trimmed());
    }
    if (sse && options->command == Command::Send) {
        *error = tr("send is not available with --protocol sse: Server-Sent Events only flow from the server");
        return false;
    }
    for (const QString &text : parser.values(handshakeHeaderOption)) {
        QPair<QByteArray, QByteArray> header;
        if (!parseHeader(text, &header)) {
            *error = tr("invalid --handshake-header: expected name:value"); // the value may be a secret: not echoed
            return false;
        }
        connect.transport.handshakeHeaders.append(header);
    }
    if (parser.isSet(handshakeHeaderFileOption)
        && !readHeaderFile(parser.value(handshakeHeaderFileOption), handshakeHeaderFileOption.names().constFirst(),
                           &connect.transport.handshakeHeaders, error))
        return false;

    // send speaks STOMP unless told otherwise: it needs to know before connecting how to send.
    if (options->command == Command::Send && options->protocol == QLatin1String("auto"))
        options->protocol = QStringLiteral("stomp");
    // STOMP subscribes to and sends to destinations; a plain WebSocket has none; auto uses them if it finds STOMP.
    const bool needsDestinations =
        options->protocol == QLatin1String("stomp") || options->protocol == QLatin1String("sockjs");
    if (options->command != Command::Check) {
        for (const QString &destination : parser.values(destinationOption))
            options->destinations.append(destination.toUtf8());
        if (options->destinations.isEmpty() && options->demo && options->command == Command::Listen
            && (needsDestinations || options->protocol == QLatin1String("auto")))
            options->destinations.append(QByteArrayLiteral("/user/topic/all"));
        if (options->destinations.isEmpty() && needsDestinations) {
            *error = tr("--destination is required");
            return false;
        }
    }
    if (options->command == Command::Listen) {
        if (parser.isSet(ackOption) && !parseStompAckMode(parser.value(ackOption).toUtf8(), &options->ackMode)) {
            *error =
                tr("invalid --ack \"%1\": expected auto, client or client-individual").arg(parser.value(ackOption));
            return false;
        }
        if (parser.isSet(countOption)) {
            bool ok = false;
            options->count = parser.value(countOption).toInt(&ok);
            if (!ok || options->count < 1) {
                *error = tr("invalid --count: expected a positive number");
                return false;
            }
        }
        if (!parseTodoOptions(parser,
                              {storeOption, webBaseOption, timeZoneOption, allowOriginOption, pendingUrlOption,
                               keepOption, keepDaysOption},
                              &options->todo, error))
            return false;
        for (const QString &text : parser.values(subscribeHeaderOption)) {
            QPair<QByteArray, QByteArray> header;
            if (!parseHeader(text, &header)) {
                *error = tr("invalid --subscribe-header \"%1\": expected name:value").arg(text);
                return false;
            }
            options->subscribeHeaders.append(header);
        }
        if (parser.isSet(prefetchOption)) {
            bool ok = false;
            options->prefetchCount = parser.value(prefetchOption).toInt(&ok);
            const QString problem = ok ? Settings::validatePrefetchCount(options->prefetchCount) : tr("not a number");
            if (!problem.isEmpty()) {
                *error = tr("invalid --prefetch: %1").arg(problem);
                return false;
            }
        }
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        options->timeoutSec = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || options->timeoutSec <= 0) {
            *error = tr("invalid --timeout: expected a positive number of seconds");
            return false;
        }
    }
    if (options->command == Command::Send) {
        options->contentType = parser.value(contentTypeOption).toUtf8();
        const QStringList positional = parser.positionalArguments();
        if (positional.size() > 1) {
            *error = tr("send takes one body argument; quote it or pipe it on stdin");
            return false;
        }
        if (!positional.isEmpty()) {
            options->body = positional.first().toUtf8();
        } else {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                *error = tr("no body given and stdin cannot be read");
                return false;
            }
            options->body = in.readAll();
        }
    }
    return true;
}

std::unique_ptr<CliOptions::Profile> CliOptions::openProfile(const CliOptions &options, QString *error)
{
    auto profile = std::make_unique<Profile>();
    profile->main =
        options.configPath.isEmpty() ? std::make_unique<Settings>() : std::make_unique<Settings>(options.configPath);
    profile->profiles = std::make_unique<ServerProfiles>(profile->main.get());
    const std::optional<QString> id = profile->profiles->findId(options.profile);
    if (!id) {
        QStringList names;
        for (const QString &each : profile->profiles->ids()) {
            const QString name = profile->profiles->displayName(each);
            names.append(each.isEmpty() ? QStringLiteral("default (%1)").arg(name)
                                        : QStringLiteral("%1 (%2)").arg(each, name));
        }
        *error = tr("no server profile named %1; the profiles are: %2")
                     .arg(options.profile, names.join(QStringLiteral(", ")));
        return nullptr;
    }
    profile->id = *id;
    profile->settings = profile->profiles->settings(*id);
    return profile;
}

void CliOptions::applyProfile(const SettingsView &settings, const ConnectionSecrets &secrets, CliOptions *options)
{
    using Key = Settings::Key;
    // What the tray app's source would get (StompSettings is the mapping SourceFactory uses for STOMP; the other
    // protocols take the same URLs, login, headers and pacing from it), in the command line's own fields.
    options->connect = StompSettings::connectOptions(settings, secrets);
    options->transportMode = StompSettings::transportMode(settings);
    options->protocol = settings.get<QString>(Key::Protocol);
    options->openMessage = settings.get<QString>(Key::OpenMessage);
    options->keepAliveMessage = settings.get<QString>(Key::KeepAliveMessage);
    options->keepAliveIntervalMs = settings.get<int>(Key::KeepAliveIntervalMs);
    options->events = settings.get<QStringList>(Key::Events);
    options->socketIoNamespace = settings.get<QString>(Key::Namespace);
    options->destinations.clear();
    for (const QString &destination : settings.get<QStringList>(Key::Destinations))
        options->destinations.append(destination.toUtf8());
    options->prefetchCount = settings.get<int>(Key::PrefetchCount);
    // listen --store: the links, catch-up, time zone and retention of the profile; the file is the command line's.
    const QString storePath = options->todo.storePath;
    options->todo = TodoOptions::fromSettings(settings);
    options->todo.storePath = storePath;
}
