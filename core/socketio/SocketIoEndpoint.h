#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Where a Socket.IO server's Engine.IO endpoint is, and which namespace to join, from the URL a person has:
//   http://host:3000              ws://host:3000/socket.io/?EIO=4&transport=websocket, namespace "/"
//   https://host/admin            wss://host/socket.io/?EIO=4&transport=websocket, namespace "/admin"
//   ws://host:3000/todos          the same as http://host:3000/todos
//   http://host/push/socket.io/   a server mounted on another path (its `path` option): the URL's path, ending in
//                                 socket.io, is the Engine.IO path; namespace "/"
// The URL's query items stay as written (some servers read a token from the handshake's query); EIO, transport, sid
// and t are the client's own. Pure: URLs in, URLs out.
struct SocketIoEndpoint
{
    static constexpr int kEngineIoVersion = 4;

    QUrl httpBase; // http(s)://host:port, without path or query
    QString enginePath = QStringLiteral("/socket.io/"); // starts and ends with '/'
    QString nsp = QStringLiteral("/");
    QStringList query; // the URL's own query items ("name=value"), percent-encoded as they came

    // An invalid endpoint (isValid() false) for URLs that are not http(s) or ws(s) with a host. A non-empty
    // `enginePath` overrides the default /socket.io/ (a URL whose path ends in socket.io still names it itself).
    static SocketIoEndpoint fromUrl(const QUrl &url, const QString &enginePath = {});

    bool isValid() const { return httpBase.isValid() && !httpBase.host().isEmpty(); }
    bool isSecure() const { return httpBase.scheme() == QLatin1String("https"); }
    // ws(s)://host/socket.io/?EIO=4&transport=websocket, with &sid=... for the upgrade of a polling session.
    QUrl webSocketUrl(const QString &sid = {}) const;
    // http(s)://host/socket.io/?EIO=4&transport=polling: the long-polling handshake.
    QUrl pollingUrl() const;
    // For people and logs: "ws://host:3000/socket.io/ (namespace /admin)" (no query: it may hold a token).
    QString describe(bool webSocket = true) const;

private:
    QUrl engineUrl(bool webSocket, const QString &transport, const QString &sid) const;
};
