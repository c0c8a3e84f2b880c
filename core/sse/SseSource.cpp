#include "sse/SseSource.h"

#include "base/Clock.h"
#include "base/Logging.h"
#include "source/LivenessMonitor.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <cmath>

namespace {

QString where(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

// "text/event-stream; charset=utf-8" -> "text/event-stream"
QByteArray mimeType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

} // namespace

SseSource::SseSource(QObject *parent)
    : ReconnectingSource(parent)
    , m_network(std::make_unique<QNetworkAccessManager>())
{ }

SseSource::~SseSource()
{
    closeConnection();
}

void SseSource::setOptions(const SseOptions &options)
{
    m_options = options;
    m_parser = SseParser(options.limits);
    m_parser.setLastEventId(m_resumeId);
    setConnectionOptions(options.connection);
    if (m_serverRetryMs >= 0)
        applyServerRetry(m_serverRetryMs);
}

qint64 SseSource::silenceLimitMs() const
{
    if (m_options.silenceLimitMs >= 0)
        return m_options.silenceLimitMs;
    const Rhythm rhythm = m_rhythms.value(m_url.isEmpty() ? currentUrl() : m_url);
    return rhythm.gaps >= kLearnGaps ? kSilenceFactor * rhythm.longestGapMs : 0;
}

void SseSource::openConnection(const QUrl &url)
{
    closeConnection();
    m_url = url;
    m_established = false;
    m_sslError.clear();
    m_lastCommentMs = -1;
    m_parser.reset();
    m_parser.setLastEventId(m_resumeId);
    m_commentsSeen = m_parser.commentCount();

    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        // Reported from the event loop, as every other outcome of an attempt.
        QTimer::singleShot(0, this, [this, url] {
            if (m_url == url && !m_reply && state() == State::Connecting)
                connectionFailed({PushError::Kind::NotThisProtocol,
                                  tr("%1: Server-Sent Events need an http:// or https:// URL").arg(where(url)),
                                  {},
                                  url});
        });
        return;
    }

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    for (const auto &header : std::as_const(m_options.transport.handshakeHeaders))
        request.setRawHeader(header.first, header.second);
    // The id of the last event received: a server that keeps its events sends what came after it.
    if (!m_resumeId.isEmpty())
        request.setRawHeader("Last-Event-ID", m_resumeId);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // No transfer timeout: the response is meant to last. The connect timeout and the silence limit cover the rest.
#ifndef QT_NO_SSL
    request.setSslConfiguration(m_options.transport.sslConfiguration);
#endif
    m_network->setProxy(m_options.transport.proxy);
    qCDebug(lcSse).noquote() << "GET" << where(url) << "headers"
                             << Logging::describeHeaders(m_options.transport.handshakeHeaders)
                             << (m_resumeId.isEmpty() ? QByteArray() : QByteArray("Last-Event-ID " + m_resumeId));
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &SseSource::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &SseSource::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &SseSource::onFinished);
#ifndef QT_NO_SSL
    const bool ignoreSslErrors = m_options.transport.ignoreSslErrors;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, ignoreSslErrors](const QList<QSslError> &errors) {
        if (ignoreSslErrors) {
            qCWarning(lcSse) << "ignoring TLS errors as configured:" << errors;
            reply->ignoreSslErrors();
            return;
        }
        m_sslError = Transport::describeSslErrors(errors);
    });
#endif
}

void SseSource::closeConnection()
{
    m_established = false;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->disconnect(this);
    // Aborting a reply that already finished makes Qt (6.4) send its request again on a fresh connection, which
    // nobody reads: a server would keep a stream open for nothing. A finished one only needs to go.
    if (!reply->isFinished())
        reply->abort();
    reply->deleteLater(); // we may be inside one of its signals
}

void SseSource::onMetaDataChanged()
{
    if (m_established || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || (status >= 300 && status < 400))
        return; // not the final answer yet (a redirect Qt follows)
    if (status != 200) {
        failWithStatus(status, m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        return;
    }
    const QByteArray contentType = m_reply->rawHeader("Content-Type");
    if (mimeType(contentType) != "text/event-stream") {
        fail({PushError::Kind::NotThisProtocol,
              tr("%1 answered with %2, not an event stream (text/event-stream): not a Server-Sent Events URL")
                  .arg(where(m_url),
                       contentType.isEmpty() ? tr("no content type") : QString::fromLatin1(contentType.left(100))),
              {},
              m_url});
        return;
    }
    establish();
}

void SseSource::establish()
{
    m_established = true;
    const bool resumed = !m_resumeId.isEmpty();
    const bool http2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    SourceSession session;
    session.url = m_url;
    session.transport = QStringLiteral("%1 GET %2 (text/event-stream)")
                            .arg(http2 ? QStringLiteral("HTTP/2") : QStringLiteral("HTTP/1.1"), where(m_url));
    session.server = QString::fromLatin1(m_reply->rawHeader("Server").left(200));
    const QString todoEvents = tr("todos from events %1").arg(events().join(QStringLiteral(", ")));
    const QString replay = resumed
        ? tr("resumed after event id \"%1\" (Last-Event-ID): a server that keeps its events replays what was missed")
              .arg(QString::fromUtf8(m_resumeId.left(100)))
        : tr("what is missed while disconnected is replayed through Last-Event-ID once the server sends event ids");
    session.summary = tr("Server-Sent Events, %1; %2").arg(todoEvents, replay);
    const qint64 silence = silenceLimitMs();
    session.details = {{QStringLiteral("events"), QJsonArray::fromStringList(events())},
                       {QStringLiteral("lastEventId"), QString::fromUtf8(m_resumeId)},
                       {QStringLiteral("resumed"), resumed},
                       {QStringLiteral("retryMs"), m_serverRetryMs},
                       {QStringLiteral("silenceLimitMs"), silence}};
    // Nothing of ours ticks on this connection: the monitor looks for clock jumps itself.
    connectionEstablished(session, silence, true);
    // Bytes may have come with the headers.
    if (m_reply && m_reply->bytesAvailable() > 0)
        onReadyRead();
}

void SseSource::fail(const PushError &error)
{
    closeConnection();
    connectionFailed(error);
}

void SseSource::failWithStatus(int status, const QByteArray &reason)
{
    if (status != 204) {
        fail(statusError(status, reason));
        return;
    }
    // The standard's way for a server to say "do not reconnect" (EventSource closes for good): retrying would be
    // turned away again, so the source stays Failed until someone starts it again.
    closeConnection();
    connectionEndedForGood({PushError::Kind::HandshakeRefused,
                            tr("%1 returned 204 No Content: the server asks not to be reconnected; start again to "
                               "retry")
                                .arg(where(m_url)),
                            {},
                            m_url});
}

void SseSource::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_established) {
        onMetaDataChanged();
        if (!m_established)
            return;
    }
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    noteActivity(); // any byte, a comment included, is a sign of life
    m_parser.feed(bytes);
    drain();
}

void SseSource::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (!m_established) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 0 && (status < 300 || status >= 400) && status != 200)
            failWithStatus(status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        else if (status == 200)
            onMetaDataChanged(); // a complete answer whose headers came only now
        else
            fail(networkError());
        if (!m_established || m_reply != reply)
            return;
    }
    // The rest of the stream, then its end: an event cut off by it is not dispatched.
    const QByteArray rest = reply->readAll();
    if (!rest.isEmpty()) {
        noteActivity();
        m_parser.feed(rest);
    }
    m_parser.finishStream();
    drain();
    if (m_reply != reply)
        return; // stopped while handing events on
    const QString reason = reply->error() == QNetworkReply::NoError
        ? tr("the server ended the event stream")
        : tr("the event stream broke: %1").arg(reply->errorString());
    fail({PushError::Kind::ConnectionLost, reason, {}, m_url});
}

void SseSource::drain()
{
    noteComments(m_parser.commentCount());
    if (m_parser.reconnectionTimeMs() != m_serverRetryMs && m_parser.reconnectionTimeMs() >= 0)
        applyServerRetry(m_parser.reconnectionTimeMs());
    for (const SseDroppedEvent &dropped : m_parser.takeDropped())
        qCWarning(lcSse).noquote() << "dropped event" << dropped.eventNumber << "of type"
                                   << QString::fromUtf8(dropped.type.left(100)) << "from" << where(m_url) << ":"
                                   << dropped.reason;
    while (m_parser.hasEvent() && state() == State::Connected) {
        const SseEvent event = m_parser.takeEvent();
        // Handed on (or passed over) from here: the next connection resumes after it.
        m_resumeId = event.lastEventId;
        if (!wanted(event.type)) {
            qCDebug(lcSse) << "event of type" << event.type.left(100) << "is not a todo event: ignored";
            continue;
        }
        if (event.data.isEmpty()) {
            qCDebug(lcSse) << "event of type" << event.type.left(100) << "without data: ignored";
            continue;
        }
        InboundMessage message;
        message.body = event.data;
        // Only the event's own id: an id inherited from an earlier event would make two payloads one todo.
        message.messageId = event.id;
        message.channel = event.type;
        message.attributes = {{QByteArrayLiteral("event"), event.type}};
        if (event.hasId)
            message.attributes.append({QByteArrayLiteral("id"), event.id});
        if (!event.lastEventId.isEmpty())
            message.attributes.append({QByteArrayLiteral("last-event-id"), event.lastEventId});
        message.needsSettle = false; // no acknowledgement in SSE: Last-Event-ID is how it recovers
        deliver(std::move(message));
    }
    // Everything was handed on: ids that came with empty events count too.
    if (!m_parser.hasEvent() && state() == State::Connected)
        m_resumeId = m_parser.lastEventId();
}

void SseSource::noteComments(qint64 count)
{
    if (count == m_commentsSeen)
        return;
    m_commentsSeen = count;
    if (m_options.silenceLimitMs != SseOptions::kLearnSilenceLimit)
        return;
    // Comments that arrive together count as one; the gap to the previous one is what the rhythm is made of.
    const qint64 now = clock()->monotonicMs();
    const qint64 previous = m_lastCommentMs;
    m_lastCommentMs = now;
    if (previous < 0 || now - previous < kMinLearnGapMs)
        return;
    Rhythm &rhythm = m_rhythms[m_url];
    const qint64 before = rhythm.gaps >= kLearnGaps ? kSilenceFactor * rhythm.longestGapMs : 0;
    ++rhythm.gaps;
    rhythm.longestGapMs = qMax(rhythm.longestGapMs, now - previous);
    const qint64 limit = rhythm.gaps >= kLearnGaps ? kSilenceFactor * rhythm.longestGapMs : 0;
    if (limit == before)
        return;
    qCInfo(lcSse) << where(m_url) << "sends keep-alive comments about every" << rhythm.longestGapMs
                  << "ms: silence past" << limit << "ms counts as a lost connection";
    if (state() == State::Connected)
        liveness()->setSilenceLimit(limit);
}

void SseSource::applyServerRetry(qint64 ms)
{
    m_serverRetryMs = ms;
    // The server's retry is the floor of every reconnect delay, up to the configured maximum (the person's promise
    // that a todo is never waited for longer than that). The policy draws a delay from [d*(1-jitter), d], so the
    // first delay d is raised until even the jittered one stays above the floor.
    ReconnectingSource::ConnectionOptions options = m_options.connection;
    ReconnectOptions &reconnect = options.reconnect;
    const qint64 floor = qMin(ms, qMax(reconnect.maxDelayMs, reconnect.initialDelayMs));
    const double jitter = qBound(0.0, reconnect.jitter, 0.5);
    const auto initial = qint64(std::ceil(double(floor) / (1.0 - jitter)));
    if (floor > 0 && initial > reconnect.initialDelayMs) {
        reconnect.jitter = jitter;
        reconnect.initialDelayMs = initial;
        reconnect.maxDelayMs = qMax(reconnect.maxDelayMs, initial);
    }
    qCInfo(lcSse) << where(m_url) << "asks for" << ms << "ms between reconnects: the first delay is now"
                  << reconnect.initialDelayMs << "ms with jitter" << reconnect.jitter;
    setConnectionOptions(options);
}

QStringList SseSource::events() const
{
    // The type of an event without an `event:` field: what an EventSource's onmessage gets.
    return m_options.events.isEmpty() ? QStringList {QStringLiteral("message")} : m_options.events;
}

bool SseSource::wanted(const QByteArray &type) const
{
    return events().contains(QString::fromUtf8(type));
}

PushError SseSource::statusError(int status, const QByteArray &reason) const
{
    const QString text = QStringLiteral("%1 %2").arg(status).arg(QString::fromLatin1(reason.left(100))).trimmed();
    if (status == 404 || status == 410)
        return {PushError::Kind::PathNotFound,
                tr("%1 returned %2: there is no event stream at this path").arg(where(m_url), text),
                {},
                m_url};
    if (status == 401 || status == 403)
        return {PushError::Kind::AuthFailed,
                tr("%1 returned %2: the server wants credentials (an Authorization or Cookie header)")
                    .arg(where(m_url), text),
                {},
                m_url};
    if (status >= 500 || status == 408 || status == 429)
        return {PushError::Kind::HandshakeRefused,
                tr("%1 returned %2: the server is not taking connections now").arg(where(m_url), text),
                {},
                m_url};
    return {PushError::Kind::NotThisProtocol,
            tr("%1 returned %2 instead of an event stream: not a Server-Sent Events URL").arg(where(m_url), text),
            {},
            m_url};
}

PushError SseSource::networkError() const
{
    const QNetworkReply::NetworkError error = m_reply ? m_reply->error() : QNetworkReply::UnknownNetworkError;
    const QString detail = m_reply ? m_reply->errorString() : QString();
    if (!m_sslError.isEmpty() || error == QNetworkReply::SslHandshakeFailedError)
        return {PushError::Kind::Tls, m_sslError.isEmpty() ? detail : m_sslError, {}, m_url};
    switch (error) {
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::AuthenticationRequiredError:
        return {PushError::Kind::AuthFailed, tr("%1: %2").arg(where(m_url), detail), {}, m_url};
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        return {PushError::Kind::NotThisProtocol, tr("%1: %2").arg(where(m_url), detail), {}, m_url};
    default:
        break;
    }
    return {PushError::Kind::Unreachable, tr("cannot reach %1: %2").arg(where(m_url), detail), {}, m_url};
}
