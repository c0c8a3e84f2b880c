#pragma once

#include "todo/Todo.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

// Decides which URL a todo opens, and whether it may be opened at all.
//
// A todo's `handlerUrl` (or, without one, `metaData.pendingUrl`) is usually relative to the web application:
// it is resolved against the web base URL (a setting; by default the push URL's origin, ws -> http,
// wss -> https). Its fragment carries the web application's route and a query with raw non-ASCII text
// (`#/project/change-project-todo?id=...&itemname=项目主管`): it must reach the browser exactly as a browser
// would have it had the page navigated there itself. So the fragment is serialised here by the WHATWG URL
// rules (UTF-8, percent-encoding only C0 controls, space, ", <, >, ` and non-ASCII; existing %XX sequences,
// '#', '{', '|' ... untouched), into Resolution::encoded.
//
// QUrl normalises some of that (it decodes %41 to 'A', upper-cases %e9, encodes '{' and a second '#'), so
// Resolution::url is exact only when Resolution::exactInQUrl says so. That holds for every link the field's
// servers send (tested); whoever opens a link for which it does not hold must hand `encoded` to the browser.
//
// Only http and https links are opened; a link to another origin than the web base's only if that origin is
// on the allowlist (a setting). Anything else is refused with a reason a person can read.
class LinkPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(LinkPolicy)

public:
    struct Resolution
    {
        bool allowed = false;
        QByteArray encoded; // the URL byte for byte as the browser must receive it (empty when refused)
        QUrl url; // QUrl::fromEncoded(encoded)
        bool exactInQUrl = false; // url.toEncoded() == encoded
        QString reason; // refused: why, one line for people
    };

    LinkPolicy() = default;
    explicit LinkPolicy(const QUrl &webBase, const QList<QUrl> &allowedOrigins = {});

    // An http or https URL whose origin (and path, for links relative to it) the web application lives at.
    void setWebBase(const QUrl &webBase) { m_webBase = webBase; }
    QUrl webBase() const { return m_webBase; }
    // Origins (scheme, host, port; any path is ignored) besides the web base's that links may point to.
    void setAllowedOrigins(const QList<QUrl> &origins);
    QList<QUrl> allowedOrigins() const { return m_allowedOrigins; }

    // The default web base for a push URL: its origin with ws -> http and wss -> https, path "/" (for a broker's
    // STOMP port, stomp:// and stomp+ssl://, only its host, on the web's default port).
    static QUrl webBaseForPushUrl(const QUrl &pushUrl);
    // "scheme://host:port" with the port always explicit; empty unless http or https with a host.
    static QString origin(const QUrl &url);
    // A fragment (without '#') as a browser serialises it.
    static QByteArray browserEncodedFragment(QStringView fragment);

    Resolution resolve(const QString &link) const;
    // handlerUrl, else metaData.pendingUrl.
    Resolution resolve(const Todo &todo) const;

private:
    static Resolution refused(const QString &reason);

    QUrl m_webBase;
    QList<QUrl> m_allowedOrigins;
    QStringList m_allowedOriginKeys; // origin() of each allowed URL
};
