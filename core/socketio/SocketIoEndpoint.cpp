#include "socketio/SocketIoEndpoint.h"

namespace {

QString normalisedPath(QString path)
{
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    if (!path.endsWith(QLatin1Char('/')))
        path.append(QLatin1Char('/'));
    return path;
}

bool isClientParameter(const QString &item)
{
    const QString name = item.section(QLatin1Char('='), 0, 0);
    return name == QLatin1String("EIO") || name == QLatin1String("transport") || name == QLatin1String("sid")
        || name == QLatin1String("t");
}

} // namespace

SocketIoEndpoint SocketIoEndpoint::fromUrl(const QUrl &url, const QString &enginePath)
{
    SocketIoEndpoint endpoint;
    const QString scheme = url.scheme().toLower();
    QString httpScheme;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        httpScheme = QStringLiteral("http");
    else if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        httpScheme = QStringLiteral("https");
    if (httpScheme.isEmpty() || !url.isValid() || url.host().isEmpty())
        return endpoint;
    endpoint.httpBase.setScheme(httpScheme);
    endpoint.httpBase.setHost(url.host());
    endpoint.httpBase.setPort(url.port());
    if (!enginePath.isEmpty())
        endpoint.enginePath = normalisedPath(enginePath);

    QString path = url.path(QUrl::FullyDecoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.section(QLatin1Char('/'), -1) == QLatin1String("socket.io"))
        endpoint.enginePath = normalisedPath(path);
    else if (!path.isEmpty())
        endpoint.nsp = normalisedPath(path).chopped(1);

    const QStringList items = url.query(QUrl::FullyEncoded).split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        if (!isClientParameter(item))
            endpoint.query.append(item);
    }
    return endpoint;
}

QUrl SocketIoEndpoint::engineUrl(bool webSocket, const QString &transport, const QString &sid) const
{
    QUrl url = httpBase;
    if (webSocket)
        url.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(enginePath);
    QStringList items = query;
    items << QStringLiteral("EIO=%1").arg(kEngineIoVersion) << QStringLiteral("transport=") + transport;
    if (!sid.isEmpty())
        items << QStringLiteral("sid=") + QString::fromLatin1(QUrl::toPercentEncoding(sid));
    url.setQuery(items.join(QLatin1Char('&')));
    return url;
}

QUrl SocketIoEndpoint::webSocketUrl(const QString &sid) const
{
    return engineUrl(true, QStringLiteral("websocket"), sid);
}

QUrl SocketIoEndpoint::pollingUrl() const
{
    return engineUrl(false, QStringLiteral("polling"), {});
}

QString SocketIoEndpoint::describe(bool webSocket) const
{
    QUrl url = httpBase;
    if (webSocket)
        url.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(enginePath);
    return url.toDisplayString() + QStringLiteral(" (namespace ") + nsp + QLatin1Char(')');
}
