#pragma once

#include "transport/SockJsFraming.h"
#include "transport/SockJsInfoProbe.h"
#include "transport/Transport.h"

#include <QPointer>

#include <memory>
#include <optional>

class Clock;
class ClockTimer;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// STOMP over SockJS's HTTP transports, for where a WebSocket cannot get through: a proxy that drops `Upgrade`, a
// server with WebSocket switched off (npm `sockjs` with `websocket: false`). As SockJsTransport: GET {base}/info
// first (unless the caller has just fetched it), a new random {server}/{session} for every open(), `o` opens the
// session (opened() only then), `h` is a heart-beat, every element of `a[...]` goes to dataReceived() in order, and
// `c[code,"reason"]` closes with that reason.
//  - Receiving. XhrStreaming: POST {session}/xhr_streaming, one long response (a 2048-byte 'h' prelude, then frames
//    each followed by "\n"); when the server ends it (after its byte limit: 128 KiB for sockjs-node and Spring) it
//    is posted again for the same session at once, unnoticed by the client above. XhrPolling: POST {session}/xhr,
//    one frame per response, posted again at once. A re-opened receive that starts with `o` means that the server
//    forgot the session (it restarted): the transport closes, and the client reconnects with a new session. A
//    receive that breaks (connection reset, an HTTP error) closes the transport too: the session is gone.
//  - Sending: POST {session}/xhr_send with a JSON array of strings (Content-Type text/plain;charset=UTF-8), 204
//    expected. One request at a time, because SockJS requires order: data sent meanwhile waits and goes as one
//    array in the next request. A refused send (404: the server does not know the session) closes the transport.
// Every request carries the handshake headers (Authorization, Cookie) and the cookies the manager's jar holds for the
// endpoint (a sticky JSESSIONID set by /info); the cookies the server sets are kept there. TLS is verified unless
// the options say otherwise. Every byte received is activity once the session is open. No `o` within
// kOpenTimeoutMs (a proxy that buffers the response holds the stream back) fails the open, so that automatic
// selection can go on to polling.
class SockJsHttpTransport final : public Transport
{
    Q_OBJECT
public:
    // `flavour` is XhrStreaming or XhrPolling.
    explicit SockJsHttpTransport(SockJsFlavour flavour, QObject *parent = nullptr);
    ~SockJsHttpTransport() override;
    Q_DISABLE_COPY_MOVE(SockJsHttpTransport)

    // The manager for every request, and so the cookie jar. Not owned; without one the transport uses its own
    // (cookies then last one connection).
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    // Skips GET /info on the next open(): the caller has just fetched it (automatic selection does).
    void setKnownInfo(const SockJsInfo &info);
    // Time for the open timeout; before open(). nullptr: the system's.
    void setClock(Clock *clock);

    void open(const QUrl &url, const TransportOptions &options) override;
    void close() override;
    bool sendData(const QByteArray &data) override;
    bool isOpen() const override { return m_state == State::Open; }
    // "sockjs xhr-streaming http://host/app/ws/123/abcdefgh"
    QString description() const override;

    SockJsFlavour flavour() const { return m_flavour; }
    QByteArray serverId() const { return m_serverId; }
    QByteArray sessionId() const { return m_sessionId; }
    QUrl sessionUrl() const { return m_sessionUrl; } // http(s)://host/app/ws/{server}/{session}
    // Receive requests made for this session (1 until the first re-open).
    int receiveRequests() const { return m_receiveRequests; }

    static constexpr int kInfoTimeoutMs = 10000;
    static constexpr int kOpenTimeoutMs = 5000;
    // Receive responses in a row that end with no frame at all before the server is taken to be broken (a
    // well-behaved one always sends at least a heart-beat).
    static constexpr int kMaxEmptyReceives = 3;

private:
    enum class State { Idle, FetchingInfo, Opening, Open, Closed };

    QNetworkAccessManager *manager();
    QNetworkRequest request(QStringView endpoint);
    void watchTls(QNetworkReply *reply);
    void onInfoFinished();
    void startReceive();
    void onReceiveData();
    void onReceiveFinished();
    // Handles frames in order; false once the transport has finished (nothing more may be handled).
    bool handleFrames(const QList<SockJsFrame> &frames);
    bool handleFrame(const SockJsFrame &frame);
    void flushSends();
    void onSendFinished();
    void onOpenTimeout();
    // Why a request failed, as an error kind and a reason for people.
    TransportError classify(QNetworkReply *reply, int status, QString *reason) const;
    void finish(TransportError error, const QString &reason);
    void releaseRequests();
    QString where() const;

    SockJsFlavour m_flavour;
    QPointer<QNetworkAccessManager> m_manager;
    std::unique_ptr<QNetworkAccessManager> m_ownManager;
    std::unique_ptr<SockJsInfoProbe> m_probe;
    std::optional<SockJsInfo> m_knownInfo;
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_openTimer;
    State m_state = State::Idle;
    QUrl m_base;
    QUrl m_sessionUrl;
    QByteArray m_serverId;
    QByteArray m_sessionId;
    TransportOptions m_options;
    QPointer<QNetworkReply> m_receive;
    SockJsFraming::HttpStreamDecoder m_decoder;
    bool m_framesInThisReceive = false; // a frame came in the current receive response
    int m_receiveRequests = 0;
    int m_emptyReceives = 0;
    QPointer<QNetworkReply> m_send;
    QList<QByteArray> m_outbox; // sent while a request was in flight: the next request carries them
    QString m_sslError;
};
