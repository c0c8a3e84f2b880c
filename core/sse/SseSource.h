#pragma once

#include "source/ReconnectingSource.h"
#include "sse/SseParser.h"
#include "transport/Transport.h"

#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

// What a Server-Sent Events source needs.
struct SseOptions
{
    // Silence limit: learn it from the server's keep-alive comments (see SseSource).
    static constexpr qint64 kLearnSilenceLimit = -1;

    ReconnectingSource::ConnectionOptions connection; // http(s) URLs, reconnect pacing (the server's retry: on top)
    TransportOptions transport; // handshake headers (sent with every GET), TLS (verified by default), proxy
    // The event types whose data are todos: "todo", "message" (an event without an `event:` field); empty: only
    // "message", as an EventSource's onmessage. Other events count as traffic only (their ids still move
    // Last-Event-ID on).
    QStringList events;
    // Silence past this is a lost connection. kLearnSilenceLimit (the default): none until the server has shown that
    // it sends keep-alive comments regularly, then three times the longest gap seen between them; 0: none ever (a
    // server that sends nothing between events, or comments only now and then); > 0: this many milliseconds (a
    // server whose keep-alive interval is known).
    qint64 silenceLimitMs = kLearnSilenceLimit;
    SseParserLimits limits;
};

// A push source for Server-Sent Events (the HTML standard's text/event-stream; Spring's SseEmitter, a Node or Go
// `http` handler that streams events): a long GET with `Accept: text/event-stream`, whose response body is a stream
// of events (SseParser). Each event of a configured type is one payload for the payload parser: its data is the
// body, its `id:` the message id, its type the channel.
//
// The protocol has no acknowledgement: messages need no settling. What it has instead is the last event id: every
// reconnect sends the id of the last event received as `Last-Event-ID`, and a server that keeps its events replays
// what came after it, so a dropped connection or a server restart costs nothing (a server that sends no ids, or
// keeps nothing, leaves the catch-up URL as the only way to recover). The stream ending is a lost connection,
// reconnected by the shared ReconnectPolicy; a `retry:` from the server is the floor of the reconnect delay (up to the
// configured maximum delay): the policy's first delay is raised so that even its jitter stays above it.
//
// Answers other than an event stream fail clearly: 401/403 are refused credentials, 404/410 a path without a stream
// (both need the person's attention), 5xx/408/429 a server not taking connections now (retried), another content type
// or status not this protocol, and 204 the server's request not to reconnect (the source stops in Failed). TLS is
// verified unless the transport options say otherwise.
//
// Liveness: the protocol has no ping, so a connection that died silently (a NAT that forgot it, a proxy that hung)
// is only noticed by silence, and only a server that sends keep-alive comments (`: ping`) regularly makes silence
// meaningful. By default the source learns the interval: once the server has sent three comments at least a second
// apart, silence longer than three times the longest gap between them counts as a lost connection (what was learned
// is kept per URL for the next connections). A suspend/resume or a network change reconnects at once (nothing can be
// probed), which costs nothing thanks to Last-Event-ID.
class SseSource final : public ReconnectingSource
{
    Q_OBJECT

public:
    static constexpr qint64 kMinLearnGapMs = 1000; // comments closer together than this are a burst, not a rhythm
    static constexpr int kLearnGaps = 2; // gaps between comments seen before the silence limit is trusted
    static constexpr int kSilenceFactor = 3; // silence limit = this many times the longest gap between comments

    explicit SseSource(QObject *parent = nullptr);
    ~SseSource() override;
    Q_DISABLE_COPY_MOVE(SseSource)

    void setOptions(const SseOptions &options);
    const SseOptions &options() const { return m_options; }
    // The event types handed on as todos (SseOptions::events, or "message" when none is configured).
    QStringList events() const;

    QString name() const override { return QStringLiteral("sse"); }
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override { return m_options.transport.handshakeHeaders; }
    QNetworkAccessManager *networkAccessManager() const override { return m_network.get(); }
    bool settle(const InboundMessage &, Settlement) override { return false; }

    // The id the next connection sends as Last-Event-ID (the last event handed on); empty until the server sent one.
    QByteArray lastEventId() const { return m_resumeId; }
    // The server's `retry:` in ms, or -1.
    qint64 serverRetryMs() const { return m_serverRetryMs; }
    // The silence limit in force (or learned for the next connection); 0: none.
    qint64 silenceLimitMs() const;
    // Since setOptions(): events dropped for a limit, and comments (keep-alives) received.
    qint64 droppedEventCount() const { return m_parser.droppedCount(); }
    qint64 commentCount() const { return m_parser.commentCount(); }

protected:
    void openConnection(const QUrl &url) override;
    void closeConnection() override;

private:
    struct Rhythm // what the comments on one URL showed
    {
        int gaps = 0;
        qint64 longestGapMs = 0;
    };

    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void establish();
    void fail(const PushError &error);
    void failWithStatus(int status, const QByteArray &reason);
    void drain();
    void noteComments(qint64 count);
    void applyServerRetry(qint64 ms);
    bool wanted(const QByteArray &type) const;
    PushError statusError(int status, const QByteArray &reason) const;
    PushError networkError() const;

    SseOptions m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    QUrl m_url; // of the connection open or opening
    QByteArray m_resumeId; // Last-Event-ID of the next connection
    QString m_sslError;
    QHash<QUrl, Rhythm> m_rhythms;
    qint64 m_lastCommentMs = -1; // monotonic, on this connection
    qint64 m_commentsSeen = 0;
    qint64 m_serverRetryMs = -1;
    bool m_established = false;
};
