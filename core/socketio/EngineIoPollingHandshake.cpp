#include "socketio/EngineIoPollingHandshake.h"

#include "base/Logging.h"
#include "transport/SockJsInfoProbe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

constexpr qint64 kMaxBodyBytes = 64 * 1024; // an open packet is about 120 bytes
constexpr qsizetype kMaxQuotedChars = 200; // of what the server says, in a message for people

// engine.io's error answer: {"code":4,"message":"Forbidden"}.
bool engineError(const QByteArray &body, int *code, QString *message)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonObject object = document.object();
    if (!object.value(QLatin1String("code")).isDouble() || !object.value(QLatin1String("message")).isString())
        return false;
    *code = object.value(QLatin1String("code")).toInt();
    *message = object.value(QLatin1String("message")).toString().left(kMaxQuotedChars);
    return true;
}

} // namespace

EngineIoPollingHandshake::EngineIoPollingHandshake(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{ }

EngineIoPollingHandshake::~EngineIoPollingHandshake()
{
    abort();
}

void EngineIoPollingHandshake::start(const QUrl &pollingUrl, const TransportOptions &options, int timeoutMs)
{
    abort();
    m_done = false;
    m_url = pollingUrl;
    m_open = {};
    m_error = {};
    m_sslError.clear();

    QNetworkRequest request(pollingUrl);
    // Cookies are set by hand (stored ones merged with configured ones); those in the answer are stored.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(qMax(1, timeoutMs));
    for (const auto &header :
         SockJsInfoProbe::withCookies(options.handshakeHeaders, m_manager->cookieJar(), pollingUrl))
        request.setRawHeader(header.first, header.second);
#ifndef QT_NO_SSL
    request.setSslConfiguration(options.sslConfiguration);
#endif
    m_manager->setProxy(options.proxy);
    qCDebug(lcSocketIo) << "GET" << pollingUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                        << "(Engine.IO long-polling handshake)";
    QNetworkReply *reply = m_manager->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &EngineIoPollingHandshake::onFinished);
#ifndef QT_NO_SSL
    const bool ignoreSslErrors = options.ignoreSslErrors;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, ignoreSslErrors](const QList<QSslError> &errors) {
        if (ignoreSslErrors) {
            qCWarning(lcSocketIo) << "ignoring TLS errors as configured:" << errors;
            reply->ignoreSslErrors();
            return;
        }
        m_sslError = Transport::describeSslErrors(errors);
    });
#endif
}

void EngineIoPollingHandshake::abort()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

bool EngineIoPollingHandshake::classify(int httpStatus, const QByteArray &body, EngineIoOpen *open, PushError *error)
{
    using Kind = PushError::Kind;
    *error = {};
    error->body = body.left(kMaxQuotedChars);
    int code = -1;
    QString said;
    const bool fromEngine = engineError(body, &code, &said);
    if (httpStatus == 401 || httpStatus == 403) {
        error->kind = Kind::AuthFailed;
        error->message = fromEngine
            ? tr("the server refused the Engine.IO handshake (HTTP %1): %2").arg(httpStatus).arg(said)
            : tr("the server refused the Engine.IO handshake with HTTP %1: it wants credentials (a token or cookie "
                 "handshake header)")
                  .arg(httpStatus);
        return false;
    }
    if (httpStatus == 404) {
        error->kind = Kind::PathNotFound;
        error->message = tr("the server has nothing at the Engine.IO path (HTTP 404): no Socket.IO server there, or "
                            "one mounted on another path (give it in the URL: http://host/path/socket.io/)");
        return false;
    }
    if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
        error->kind = Kind::HandshakeRefused;
        error->message = tr("the Engine.IO handshake returned HTTP %1").arg(httpStatus);
        return false;
    }
    if (fromEngine) {
        error->kind = Kind::NotThisProtocol;
        if (code == 5)
            error->message = tr("the server does not speak Engine.IO 4 (Socket.IO 3 and 4 do; it may be an older "
                                "Socket.IO): %1")
                                 .arg(said);
        else if (code == 0)
            error->message = tr("the server allows neither a direct WebSocket nor HTTP long-polling for this "
                                "client: %1")
                                 .arg(said);
        else
            error->message = tr("the Engine.IO server refused the handshake (HTTP %1): %2").arg(httpStatus).arg(said);
        return false;
    }
    if (httpStatus < 200 || httpStatus >= 300) {
        error->kind = Kind::NotThisProtocol;
        error->message = tr("the server answered HTTP %1, not as a Socket.IO (Engine.IO 4) server").arg(httpStatus);
        return false;
    }
    QList<EngineIoPacket> packets;
    QString reason;
    if (!EngineIoPacket::parsePayload(body, &packets, &reason)
        || packets.constFirst().type != EngineIoPacket::Type::Open
        || !EngineIoOpen::parse(packets.constFirst().data, open, &reason)) {
        if (reason.isEmpty())
            reason = tr("its first packet is not an open packet");
        error->kind = Kind::NotThisProtocol;
        error->message = tr("the server answered, but not as a Socket.IO (Engine.IO 4) server: %1").arg(reason);
        return false;
    }
    if (!open->offersWebSocket()) {
        error->kind = Kind::NotThisProtocol;
        error->message = tr("the server offers no upgrade to WebSocket (only HTTP long-polling, which this client "
                            "does not keep up): allow the \"websocket\" transport on the server");
        return false;
    }
    error->body.clear();
    return true;
}

void EngineIoPollingHandshake::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const bool tls = !m_sslError.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError;
        const QString detail = tls ? (m_sslError.isEmpty() ? reply->errorString() : m_sslError)
            : (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
            ? tr("no answer in time")
            : reply->errorString();
        finish({tls ? PushError::Kind::Tls : PushError::Kind::Unreachable,
                tr("Engine.IO long-polling handshake failed: %1").arg(detail),
                {},
                {}});
        return;
    }
    PushError error;
    classify(status, reply->read(kMaxBodyBytes), &m_open, &error);
    finish(error);
}

void EngineIoPollingHandshake::finish(const PushError &error)
{
    m_done = true;
    m_error = error;
    if (error.kind != PushError::Kind::None)
        qCInfo(lcSocketIo).noquote() << "long-polling handshake:" << error.message;
    else
        qCDebug(lcSocketIo) << "long-polling handshake: a session, upgrades" << m_open.upgrades;
    Q_EMIT finished();
}
