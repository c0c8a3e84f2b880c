#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The protocols the demo push server speaks, as `--demo <protocol>` names them. Each name is also the client's
// protocol setting (Settings::protocols()) for it, so choosing one tells the client both where to connect
// (DemoPushServer::url(protocol)) and how.
class DemoProtocol final
{
public:
    enum class Kind {
        Stomp, // STOMP over a WebSocket, at /ws
        SockJs, // STOMP over SockJS's WebSocket, at /ws/{server}/{session}/websocket (and /ws/info)
        JsonWebSocket, // a plain WebSocket pushing the todo envelope as JSON text, at /json
        EventStream, // Server-Sent Events, at /events
        SocketIo, // Socket.IO 4 over Engine.IO v4's WebSocket, at /socket.io/
    };

    DemoProtocol() = delete;

    // "stomp", "sockjs", "json-ws", "sse", "socketio", in this order.
    static QStringList names();
    static QString name(Kind kind);
    static std::optional<Kind> fromName(const QString &name);

    // `--demo` takes an optional value, which QCommandLineParser cannot express: this rewrites `--demo` (also
    // `-demo`) into `--demo=<value>`, taking the next argument as the value when it does not start with '-' and
    // either `positionalAllowed` is false (the command takes no positional arguments, so it must be meant for
    // --demo) or it is one of names(); a bare `--demo` becomes `--demo=stomp`. `--demo=<value>` stays as it is.
    static QStringList withDemoValue(const QStringList &arguments, bool positionalAllowed);
};
