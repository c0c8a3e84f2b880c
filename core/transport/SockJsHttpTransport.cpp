#include "transport/SockJsHttpTransport.h"

#include "base/Clock.h"
#include "base/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <utility>

SockJsHttpTransport::SockJsHttpTransport(SockJsFlavour flavour, QObject *parent)
    : Transport(parent)
    , m_flavour(flavour == SockJsFlavour::XhrPolling ? SockJsFlavour::XhrPolling : SockJsFlavour::XhrStreaming)
    , m_clock(Clock::system())
{ }

SockJsHttpTransport::~SockJsHttpTransport()
{
    releaseRequests();
}

void SockJsHttpTransport::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void SockJsHttpTransport::setKnownInfo(const SockJsInfo &info)
{
    m_knownInfo = info;
}

void SockJsHttpTransport::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_openTimer.reset();
}

QNetworkAccessManager *SockJsHttpTransport::manager()
{
    if (m_manager)
        return m_manager;
    if (!m_ownManager)
        m_ownManager = std::make_unique<QNetworkAccessManager>();
    return m_ownManager.get();
}

QString SockJsHttpTransport::where() const
{
    return m_sessionUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

void SockJsHttpTransport::open(const QUrl &url, const TransportOptions &options)
{
    releaseRequests();
    m_base = url;
    m_options = options;
    m_sslError.clear();
    m_receiveRequests = 0;
    m_emptyReceives = 0;
    // A fresh session for every connection, as SockJsTransport does.
    m_serverId = SockJsFraming::randomServerId();
    m_sessionId = SockJsFraming::randomSessionId();
    m_sessionUrl = SockJsFraming::httpSessionUrl(url, m_serverId, m_sessionId);

    const QString scheme = url.scheme().toLower();
    const bool known = scheme == QLatin1String("http") || scheme == QLatin1String("https")
        || scheme == QLatin1String("ws") || scheme == QLatin1String("wss");
    if (!url.isValid() || url.host().isEmpty() || !known) {
        m_state = State::Opening;
        const QString reason = tr("not a SockJS URL (http://, https://, ws:// or wss://): %1")
                                   .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        QTimer::singleShot(0, this, [this, reason] { finish(TransportError::HandshakeRefused, reason); });
        return;
    }
    manager()->setProxy(options.proxy);
    if (m_knownInfo) {
        m_knownInfo.reset();
        m_state = State::Opening;
        QTimer::singleShot(0, this, [this] {
            if (m_state == State::Opening && !m_receive)
                startReceive();
        });
        return;
    }
    m_state = State::FetchingInfo;
    m_probe = std::make_unique<SockJsInfoProbe>(manager());
    connect(m_probe.get(), &SockJsInfoProbe::finished, this, &SockJsHttpTransport::onInfoFinished);
    m_probe->start(url, options, kInfoTimeoutMs);
}

void SockJsHttpTransport::onInfoFinished()
{
    if (m_state != State::FetchingInfo || !m_probe)
        return;
    if (!m_probe->succeeded())
        return finish(m_probe->error(), m_probe->errorString());
    // websocket:true or false, the HTTP transports are there either way.
    m_state = State::Opening;
    startReceive();
}

QNetworkRequest SockJsHttpTransport::request(QStringView endpoint)
{
    const QUrl url = SockJsFraming::httpSessionUrl(m_base, m_serverId, m_sessionId, endpoint);
    QNetworkRequest request(url);
    // The jar's cookies (a sticky-session JSESSIONID from /info) merged with the configured Cookie header by hand,
    // as SockJsInfoProbe does; what the server sets is stored as usual.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    QNetworkCookieJar *jar = manager()->cookieJar();
    for (const auto &header : SockJsInfoProbe::withCookies(m_options.handshakeHeaders, jar, url))
        request.setRawHeader(header.first, header.second);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain;charset=UTF-8"));
#ifndef QT_NO_SSL
    request.setSslConfiguration(m_options.sslConfiguration);
#endif
    return request;
}

void SockJsHttpTransport::watchTls(QNetworkReply *reply)
{
#ifndef QT_NO_SSL
    const bool ignoreSslErrors = m_options.ignoreSslErrors;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, ignoreSslErrors](const QList<QSslError> &errors) {
        if (ignoreSslErrors) {
            qCWarning(lcTransport) << "ignoring TLS errors as configured:" << errors;
            reply->ignoreSslErrors();
            return;
        }
        m_sslError = describeSslErrors(errors);
    });
#else
    Q_UNUSED(reply)
#endif
}

void SockJsHttpTransport::startReceive()
{
    const QStringView endpoint = m_flavour == SockJsFlavour::XhrPolling ? u"xhr" : u"xhr_streaming";
    m_decoder.reset();
    m_framesInThisReceive = false;
    ++m_receiveRequests;
    if (m_state == State::Opening && m_receiveRequests == 1) {
        if (!m_openTimer) {
            m_openTimer = m_clock->createTimer();
            connect(m_openTimer.get(), &ClockTimer::timeout, this, &SockJsHttpTransport::onOpenTimeout);
        }
        m_openTimer->start(kOpenTimeoutMs);
        qCDebug(lcTransport) << "opening SockJS session" << where() << "over" << sockJsFlavourName(m_flavour);
    }
    QNetworkReply *reply = manager()->post(request(endpoint), QByteArray());
    m_receive = reply;
    watchTls(reply);
    connect(reply, &QNetworkReply::readyRead, this, &SockJsHttpTransport::onReceiveData);
    connect(reply, &QNetworkReply::finished, this, &SockJsHttpTransport::onReceiveFinished);
}

void SockJsHttpTransport::onReceiveData()
{
    QNetworkReply *reply = m_receive;
    if (!reply || (m_state != State::Opening && m_state != State::Open))
        return;
    const QByteArray bytes = reply->readAll();
    if (bytes.isEmpty())
        return;
    if (m_state == State::Open)
        Q_EMIT activity();
    QList<SockJsFrame> frames;
    QString error;
    const bool ok = m_decoder.feed(bytes, &frames, &error);
    if (!handleFrames(frames))
        return;
    if (!ok) {
        qCWarning(lcTransport) << "SockJS protocol error from" << where() << ":" << error;
        finish(TransportError::Protocol, tr("SockJS protocol error: %1").arg(error));
    }
}

void SockJsHttpTransport::onReceiveFinished()
{
    QNetworkReply *reply = m_receive;
    if (!reply)
        return;
    if (reply->bytesAvailable() > 0)
        onReceiveData();
    if (m_receive != reply) // the data finished the transport
        return;
    m_receive = nullptr;
    reply->deleteLater();
    if (m_state != State::Opening && m_state != State::Open)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        QString reason;
        const TransportError kind = classify(reply, status, &reason);
        if (m_state == State::Open)
            return finish(kind == TransportError::Tls ? kind : TransportError::Closed,
                          tr("the SockJS %1 receive broke: %2").arg(sockJsFlavourName(m_flavour), reason));
        return finish(kind, reason);
    }
    QList<SockJsFrame> frames;
    QString error;
    const bool whole = m_decoder.finish(&frames, &error);
    if (!handleFrames(frames))
        return;
    if (!whole) {
        // No server ends a response inside a frame: the connection broke off there (QNetworkReply does not always
        // tell a cut chunked response from a finished one). A lost connection, not a peer that speaks no SockJS.
        return finish(
            m_state == State::Open ? TransportError::Closed : TransportError::HandshakeRefused,
            tr("the SockJS %1 receive broke off inside a frame: %2").arg(sockJsFlavourName(m_flavour), error));
    }
    if (m_state == State::Opening)
        return finish(TransportError::HandshakeRefused,
                      tr("the SockJS %1 response from %2 ended before the session opened")
                          .arg(sockJsFlavourName(m_flavour), where()));
    // The server ended the response (its byte limit, or the one frame of a poll): receive again, same session.
    m_emptyReceives = m_framesInThisReceive ? 0 : m_emptyReceives + 1;
    if (m_emptyReceives >= kMaxEmptyReceives)
        return finish(TransportError::Protocol,
                      tr("SockJS protocol error: %1 receive responses in a row from %2 without a frame")
                          .arg(m_emptyReceives)
                          .arg(where()));
    startReceive();
}

bool SockJsHttpTransport::handleFrames(const QList<SockJsFrame> &frames)
{
    for (const SockJsFrame &frame : frames) {
        if (!handleFrame(frame))
            return false;
    }
    return m_state == State::Opening || m_state == State::Open;
}

bool SockJsHttpTransport::handleFrame(const SockJsFrame &frame)
{
    const bool firstInResponse = !std::exchange(m_framesInThisReceive, true);
    switch (frame.type) {
    case SockJsFrame::Type::Open:
        if (m_state == State::Open) {
            // A re-opened receive that opens a session: the server no longer had ours (it restarted, or dropped
            // it), so whatever STOMP state it had is gone too.
            if (firstInResponse && m_receiveRequests > 1)
                finish(TransportError::Closed,
                       tr("the server no longer knows the SockJS session %1 (it answered the re-opened receive "
                          "with a new 'o' frame)")
                           .arg(where()));
            else
                finish(TransportError::Protocol, tr("SockJS protocol error: a second 'o' frame on an open session"));
            return false;
        }
        m_state = State::Open;
        if (m_openTimer)
            m_openTimer->stop();
        qCInfo(lcTransport) << "connected" << description();
        Q_EMIT opened();
        if (m_state != State::Open)
            return false;
        flushSends(); // nothing is queued before opened(); the client may have sent from inside it
        return m_state == State::Open;
    case SockJsFrame::Type::Heartbeat:
        if (m_state == State::Open)
            Q_EMIT activity();
        return true;
    case SockJsFrame::Type::Messages:
        if (m_state != State::Open) {
            finish(TransportError::Protocol, tr("SockJS protocol error: messages before the 'o' frame"));
            return false;
        }
        for (const QByteArray &message : frame.messages) {
            Q_EMIT dataReceived(message);
            if (m_state != State::Open) // a frame made the client close us: deliver nothing more
                return false;
        }
        return true;
    case SockJsFrame::Type::Close:
        finish(m_state == State::Open ? TransportError::Closed : TransportError::HandshakeRefused,
               tr("the server closed the SockJS session: %1 (code %2)").arg(frame.closeReason).arg(frame.closeCode));
        return false;
    }
    return true;
}

bool SockJsHttpTransport::sendData(const QByteArray &data)
{
    if (m_state != State::Open)
        return false;
    if (!QUtf8StringView(data).isValidUtf8())
        qCWarning(lcTransport) << "SockJS carries text only: invalid UTF-8 in an outgoing frame is sent as U+FFFD";
    m_outbox.append(data);
    if (!m_send)
        flushSends();
    return true;
}

void SockJsHttpTransport::flushSends()
{
    if (m_send || m_outbox.isEmpty() || m_state != State::Open)
        return;
    // Everything that waited goes in one request, in order. (TransportOptions::maxOutgoingChunk is about WebSocket
    // message limits; an HTTP body has none of its own.)
    const QByteArray body = SockJsFraming::encode(std::exchange(m_outbox, {}));
    QNetworkReply *reply = manager()->post(request(u"xhr_send"), body);
    m_send = reply;
    watchTls(reply);
    connect(reply, &QNetworkReply::finished, this, &SockJsHttpTransport::onSendFinished);
}

void SockJsHttpTransport::onSendFinished()
{
    QNetworkReply *reply = m_send;
    if (!reply)
        return;
    m_send = nullptr;
    reply->deleteLater();
    if (m_state != State::Open)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || (status != 204 && status != 200)) {
        QString reason;
        const TransportError kind = classify(reply, status, &reason);
        if (status == 404)
            reason = tr("the server no longer knows the SockJS session %1 (xhr_send answered 404)").arg(where());
        return finish(kind == TransportError::Tls ? kind : TransportError::Closed,
                      tr("SockJS xhr_send failed: %1").arg(reason));
    }
    Q_EMIT activity(); // the server answered: it is there
    if (m_state == State::Open)
        flushSends();
}

void SockJsHttpTransport::onOpenTimeout()
{
    if (m_state != State::Opening)
        return;
    finish(TransportError::HandshakeRefused,
           tr("no SockJS 'o' frame from %1 over %2 within %3 s (a proxy that buffers responses holds it back?)")
               .arg(where(), sockJsFlavourName(m_flavour))
               .arg(kOpenTimeoutMs / 1000));
}

TransportError SockJsHttpTransport::classify(QNetworkReply *reply, int status, QString *reason) const
{
    const QString url = reply->url().toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    // A 200 whose body broke off is a network failure, not an answer.
    const bool answered = status > 0 && (status < 200 || status >= 300 || reply->error() == QNetworkReply::NoError);
    if (answered && (status == 401 || status == 403)) {
        *reason = tr("%1 returned %2: the server wants credentials (Authorization or Cookie handshake header)")
                      .arg(url)
                      .arg(status);
        return TransportError::AuthRejected;
    }
    if (answered && (status == 502 || status == 503 || status == 504)) {
        // A proxy whose backend is down (restarting): as unreachable as the backend itself.
        *reason = tr("%1 returned %2: the server behind it is not answering").arg(url).arg(status);
        return TransportError::Unreachable;
    }
    if (answered) {
        *reason = tr("%1 returned %2").arg(url).arg(status);
        return TransportError::HandshakeRefused;
    }
    if (!m_sslError.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        *reason = m_sslError.isEmpty() ? reply->errorString() : m_sslError;
        return TransportError::Tls;
    }
    *reason = tr("%1: %2").arg(url, reply->errorString());
    return reply->error() == QNetworkReply::RemoteHostClosedError ? TransportError::Closed
                                                                  : TransportError::Unreachable;
}

void SockJsHttpTransport::close()
{
    if (m_state == State::Idle || m_state == State::Closed)
        return;
    finish(m_state == State::Open ? TransportError::None : TransportError::Closed, tr("closed by the client"));
}

QString SockJsHttpTransport::description() const
{
    return QStringLiteral("sockjs ") + sockJsFlavourName(m_flavour) + QLatin1Char(' ') + where();
}

void SockJsHttpTransport::finish(TransportError error, const QString &reason)
{
    const State previous = m_state;
    if (previous == State::Idle || previous == State::Closed)
        return;
    m_state = State::Closed;
    releaseRequests();
    reportEnd(previous != State::Open, error, reason);
}

void SockJsHttpTransport::releaseRequests()
{
    if (m_openTimer)
        m_openTimer->stop();
    m_outbox.clear();
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe.release()->deleteLater(); // we may be inside its finished()
    }
    // Aborting the receive ends the session on the server (it sees its stream or poll go away).
    for (QPointer<QNetworkReply> *slot : {&m_receive, &m_send}) {
        QNetworkReply *reply = *slot;
        *slot = nullptr;
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater(); // we may be inside one of its signals
    }
}
