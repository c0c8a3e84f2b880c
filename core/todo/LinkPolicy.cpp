#include "todo/LinkPolicy.h"

#include "base/Logging.h"

#include <QCoreApplication>

namespace {

int defaultPort(const QString &scheme)
{
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        return 80;
    if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        return 443;
    return -1;
}

bool isWebScheme(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

} // namespace

LinkPolicy::LinkPolicy(const QUrl &webBase, const QList<QUrl> &allowedOrigins)
    : m_webBase(webBase)
{
    setAllowedOrigins(allowedOrigins);
}

void LinkPolicy::setAllowedOrigins(const QList<QUrl> &origins)
{
    m_allowedOrigins = origins;
    m_allowedOriginKeys.clear();
    for (const QUrl &url : origins) {
        const QString key = origin(url);
        if (key.isEmpty())
            qCWarning(lcLinks) << "ignoring allowed origin that is not an http(s) URL with a host:" << url;
        else
            m_allowedOriginKeys.append(key);
    }
}

QUrl LinkPolicy::webBaseForPushUrl(const QUrl &pushUrl)
{
    const QString scheme = pushUrl.scheme().toLower();
    if (pushUrl.host().isEmpty())
        return {};
    QUrl base;
    base.setHost(pushUrl.host());
    base.setPath(QStringLiteral("/"));
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("http")) {
        base.setScheme(QStringLiteral("http"));
    } else if (scheme == QLatin1String("wss") || scheme == QLatin1String("https")) {
        base.setScheme(QStringLiteral("https"));
    } else if (scheme.startsWith(QLatin1String("stomp"))) {
        // A broker's STOMP port says nothing about the web application's: only the host is a guess.
        base.setScheme(scheme == QLatin1String("stomp") ? QStringLiteral("http") : QStringLiteral("https"));
        return base;
    } else {
        return {};
    }
    const int port = pushUrl.port(defaultPort(scheme));
    if (port != defaultPort(base.scheme()))
        base.setPort(port);
    return base;
}

QString LinkPolicy::origin(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (!isWebScheme(scheme) || url.host().isEmpty())
        return {};
    return scheme + QLatin1String("://") + url.host(QUrl::FullyEncoded).toLower() + QLatin1Char(':')
        + QString::number(url.port(defaultPort(scheme)));
}

QByteArray LinkPolicy::browserEncodedFragment(QStringView fragment)
{
    // The WHATWG "fragment percent-encode set": C0 controls, space, ", <, >, ` and everything above U+007E.
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = fragment.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        const auto byte = uchar(c);
        if (byte <= 0x20 || byte >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`') {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

LinkPolicy::Resolution LinkPolicy::refused(const QString &reason)
{
    Resolution resolution;
    resolution.reason = reason;
    return resolution;
}

LinkPolicy::Resolution LinkPolicy::resolve(const QString &link) const
{
    // As a browser does: no surrounding spaces or controls, and no tab or newline anywhere.
    QString text = link.trimmed();
    text.remove(QLatin1Char('\t'));
    text.remove(QLatin1Char('\n'));
    text.remove(QLatin1Char('\r'));
    if (text.isEmpty())
        return refused(tr("this todo has no link"));

    const qsizetype hash = text.indexOf(QLatin1Char('#'));
    const QString beforeFragment = hash < 0 ? text : text.left(hash);
    const QUrl reference(beforeFragment, QUrl::TolerantMode);
    if (!reference.isValid())
        return refused(tr("not a valid link (%1)").arg(reference.errorString()));

    QUrl target;
    const QString scheme = reference.scheme().toLower();
    if (!scheme.isEmpty()) {
        if (!isWebScheme(scheme))
            return refused(tr("only http and https links are opened, not \"%1:\"").arg(scheme));
        target = reference;
    } else {
        if (origin(m_webBase).isEmpty())
            return refused(tr("a relative link needs the web base URL, which is not set"));
        target = m_webBase.resolved(reference);
    }
    if (target.host().isEmpty())
        return refused(tr("the link has no host"));
    if (!target.userInfo().isEmpty())
        return refused(tr("links that carry a user name or password are not opened"));
    const QString targetOrigin = origin(target);
    const QString baseOrigin = origin(m_webBase);
    if (targetOrigin != baseOrigin && !m_allowedOriginKeys.contains(targetOrigin)) {
        return refused(baseOrigin.isEmpty()
                           ? tr("links to %1 are not opened: it is not on the list of allowed sites").arg(targetOrigin)
                           : tr("links to %1 are not opened: only the web application (%2) and allowed sites are")
                                 .arg(targetOrigin, baseOrigin));
    }

    Resolution resolution;
    resolution.allowed = true;
    resolution.encoded = target.toEncoded(QUrl::FullyEncoded | QUrl::RemoveFragment);
    if (hash >= 0)
        resolution.encoded += '#' + browserEncodedFragment(QStringView(text).sliced(hash + 1));
    resolution.url = QUrl::fromEncoded(resolution.encoded, QUrl::TolerantMode);
    resolution.exactInQUrl = resolution.url.toEncoded() == resolution.encoded;
    return resolution;
}

LinkPolicy::Resolution LinkPolicy::resolve(const Todo &todo) const
{
    return resolve(todo.link());
}
