#include "transport/SockJsInfoProbe.h"

#include "base/Logging.h"
#include "transport/SockJsFraming.h"
#include "transport/Transport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

bool SockJsInfo::parse(const QByteArray &json, SockJsInfo *info, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QCoreApplication::translate("SockJsInfo", "the answer is not a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    const QJsonValue websocket = object.value(QLatin1String("websocket"));
    if (!websocket.isBool()) {
        *error = QCoreApplication::translate("SockJsInfo", "the JSON has no boolean \"websocket\" member");
        return false;
    }
    *info = {};
    info->websocket = websocket.toBool();
    info->cookieNeeded = object.value(QLatin1String("cookie_needed")).toBool();
    info->entropy = qint64(object.value(QLatin1String("entropy")).toDouble());
    const QJsonArray origins = object.value(QLatin1String("origins")).toArray();
    for (const QJsonValue &origin : origins)
        info->origins.append(origin.toString());
    return true;
}

SockJsInfoProbe::SockJsInfoProbe(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    if (!m_manager) {
        m_ownManager = std::make_unique<QNetworkAccessManager>();
        m_manager = m_ownManager.get();
    }
}

SockJsInfoProbe::~SockJsInfoProbe()
{
    abort();
}

QList<QPair<QByteArray, QByteArray>> SockJsInfoProbe::withCookies(const QList<QPair<QByteArray, QByteArray>> &headers,
                                                                  QNetworkCookieJar *jar, const QUrl &url)
{
    const QList<QNetworkCookie> stored =
        jar ? jar->cookiesForUrl(SockJsFraming::httpBaseUrl(url)) : QList<QNetworkCookie>();
    if (stored.isEmpty())
        return headers;
    QList<QPair<QByteArray, QByteArray>> out;
    QByteArray explicitCookies;
    for (const auto &header : headers) {
        if (header.first.compare("cookie", Qt::CaseInsensitive) == 0) {
            if (!explicitCookies.isEmpty())
                explicitCookies += "; ";
            explicitCookies += header.second;
        } else {
            out.append(header);
        }
    }
    QSet<QByteArray> explicitNames;
    for (const QByteArray &part : explicitCookies.split(';')) {
        const QByteArray name = part.left(part.indexOf('=')).trimmed();
        if (!name.isEmpty())
            explicitNames.insert(name);
    }
    QByteArray cookie = explicitCookies;
    for (const QNetworkCookie &storedCookie : stored) {
        if (explicitNames.contains(storedCookie.name()))
            continue;
        if (!cookie.isEmpty())
            cookie += "; ";
        cookie += storedCookie.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    out.append({QByteArrayLiteral("Cookie"), cookie});
    return out;
}

void SockJsInfoProbe::start(const QUrl &base, const TransportOptions &options, int timeoutMs)
{
    abort();
    m_finished = false;
    m_error = TransportError::None;
    m_errorString.clear();
    m_sslError.clear();
    m_httpStatus = 0;
    m_info = {};
    m_url = SockJsFraming::infoUrl(base);

    QNetworkRequest request(m_url);
    // Cookies are set by hand (stored ones merged with configured ones); those in the answer are stored.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(qMax(1, timeoutMs));
    request.setRawHeader("Accept", "application/json");
    for (const auto &header : withCookies(options.handshakeHeaders, m_manager->cookieJar(), m_url))
        request.setRawHeader(header.first, header.second);
#ifndef QT_NO_SSL
    request.setSslConfiguration(options.sslConfiguration);
#endif
    m_manager->setProxy(options.proxy);
    qCDebug(lcTransport) << "GET" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QNetworkReply *reply = m_manager->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &SockJsInfoProbe::onReplyFinished);
#ifndef QT_NO_SSL
    const bool ignoreSslErrors = options.ignoreSslErrors;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, ignoreSslErrors](const QList<QSslError> &errors) {
        if (ignoreSslErrors) {
            qCWarning(lcTransport) << "ignoring TLS errors as configured:" << errors;
            reply->ignoreSslErrors();
            return;
        }
        m_sslError = Transport::describeSslErrors(errors);
    });
#endif
}

void SockJsInfoProbe::abort()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void SockJsInfoProbe::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (m_httpStatus == 0) {
        if (!m_sslError.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError)
            return finish(TransportError::Tls, m_sslError.isEmpty() ? reply->errorString() : m_sslError);
        const QString detail =
            reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError
            ? tr("no answer in time")
            : reply->errorString();
        return finish(TransportError::Unreachable, tr("SockJS info request to %1 failed: %2").arg(where, detail));
    }
    if (m_httpStatus == 401 || m_httpStatus == 403)
        return finish(TransportError::AuthRejected,
                      tr("SockJS info endpoint %1 returned %2: the server wants credentials (Authorization or "
                         "Cookie handshake header)")
                          .arg(where)
                          .arg(m_httpStatus));
    if (m_httpStatus == 502 || m_httpStatus == 503 || m_httpStatus == 504)
        // A proxy whose backend is down (restarting): the server is as unreachable as when it answers nothing, and
        // that is no reason to try the URL as something else.
        return finish(TransportError::Unreachable,
                      tr("SockJS info endpoint %1 returned %2: the server behind it is not answering")
                          .arg(where)
                          .arg(m_httpStatus));
    if (m_httpStatus == 404)
        return finish(TransportError::HandshakeRefused,
                      tr("SockJS info endpoint returned 404: this may be a raw WebSocket URL (%1)").arg(where));
    if (m_httpStatus < 200 || m_httpStatus >= 300)
        return finish(TransportError::HandshakeRefused,
                      tr("SockJS info endpoint %1 returned %2: not a SockJS endpoint, or a broken one")
                          .arg(where)
                          .arg(m_httpStatus));
    QString parseError;
    if (!SockJsInfo::parse(reply->read(64 * 1024), &m_info, &parseError))
        return finish(TransportError::HandshakeRefused,
                      tr("%1 answered, but not as a SockJS server: %2").arg(where, parseError));
    qCDebug(lcTransport) << "SockJS info: websocket" << m_info.websocket << "cookie_needed" << m_info.cookieNeeded;
    finish(TransportError::None, {});
}

void SockJsInfoProbe::finish(TransportError error, const QString &reason)
{
    m_finished = true;
    m_error = error;
    m_errorString = reason;
    if (error != TransportError::None)
        qCInfo(lcTransport).noquote() << reason;
    Q_EMIT finished();
}
