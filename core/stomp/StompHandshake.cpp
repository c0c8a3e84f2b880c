#include "stomp/StompHandshake.h"

#include "stomp/StompClient.h"

#include <algorithm>

StompFrame StompHandshake::connectFrame(const StompConnectOptions &options)
{
    StompFrame frame(options.useStompCommand ? QByteArrayLiteral("STOMP") : QByteArrayLiteral("CONNECT"));
    QByteArrayList versions;
    for (StompVersion version : options.acceptVersions)
        versions << stompVersionName(version);
    frame.addHeader("accept-version", versions.join(','));
    // Only when configured: RabbitMQ reads `host` as the virtual host and refuses an unknown one, so the URL's
    // host name would lock it out, while every broker accepts its absence (as stomp.js sends it).
    if (!options.host.isEmpty())
        frame.addHeader("host", options.host);
    if (!options.login.isEmpty())
        frame.addHeader("login", options.login);
    if (!options.passcode.isEmpty())
        frame.addHeader("passcode", options.passcode);
    frame.addHeader("heart-beat",
                    QByteArray::number(qMax(0, options.heartbeatOutMs)) + ','
                        + QByteArray::number(qMax(0, options.heartbeatInMs)));
    for (const auto &header : options.connectHeaders)
        frame.setHeader(header.first, header.second);
    return frame;
}

QString StompHandshake::negotiate(const StompFrame &connected, const StompConnectOptions &options,
                                  StompSession *session)
{
    StompVersion version = StompVersion::V1_0;
    const QByteArray versionHeader = connected.header("version");
    if (!versionHeader.isEmpty() && !parseStompVersion(versionHeader, &version))
        return tr("the server chose an unknown STOMP version \"%1\"").arg(QString::fromUtf8(versionHeader));
    if (!options.acceptVersions.contains(version))
        return tr("the server chose STOMP %1, which was not offered")
            .arg(QString::fromLatin1(stompVersionName(version)));
    // heart-beat: the server's "sx,sy" against our "cx,cy" (STOMP 1.1 section "Heart-beating").
    int sx = 0;
    int sy = 0;
    const QList<QByteArray> beats = connected.header("heart-beat").split(',');
    if (beats.size() == 2) {
        sx = qMax(0, beats.at(0).trimmed().toInt());
        sy = qMax(0, beats.at(1).trimmed().toInt());
    }
    const int cx = qMax(0, options.heartbeatOutMs);
    const int cy = qMax(0, options.heartbeatInMs);
    session->version = version;
    session->server = connected.header("server");
    session->sessionId = connected.header("session");
    session->heartbeatOutMs = (cx == 0 || sy == 0) ? 0 : qMax(cx, sy);
    session->heartbeatInMs = (cy == 0 || sx == 0) ? 0 : qMax(cy, sx);
    return {};
}

bool StompHandshake::looksLikeAuthFailure(const QByteArray &text)
{
    const QByteArray lower = text.toLower();
    static const char *const markers[] = {"auth",  "access refused", "access denied", "password", "passcode",
                                          "login", "credential",     "permission",    "forbidden"};
    return std::any_of(std::begin(markers), std::end(markers), [&lower](const char *m) { return lower.contains(m); });
}
