#pragma once

#include "transport/SockJsInfoProbe.h"
#include "transport/Transport.h"

#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class WebSocketTransport;

// STOMP over SockJS (the framing of Spring's `.withSockJS()` endpoints and of the npm `sockjs` server), on a
// WebSocket: GET {base}/info first (is WebSocket enabled? cookies to pin the session?), then a WebSocket to
// {base}/{server}/{session}/websocket with a random three-digit server id and a random session id, both new
// for every open(). Frames (see SockJsFraming): `o` opens the session (opened() is emitted only then), `h`
// is a heart-beat and counts as activity, every element of `a[...]` goes to dataReceived() in order, and
// `c[code,"reason"]` closes with that reason. A second `o`, or anything that is not a SockJS frame, is a
// Protocol error: the transport closes and the client reconnects (with a new session id). Outgoing data goes
// as a JSON array of strings; with TransportOptions::maxOutgoingChunk > 0, a frame is split over several
// SockJS messages of at most that many bytes each (Spring reassembles them).
// This is SockJS's WebSocket flavour; its HTTP transports (xhr-streaming, xhr-polling) are SockJsHttpTransport.
class SockJsTransport final : public Transport
{
    Q_OBJECT
public:
    explicit SockJsTransport(QObject *parent = nullptr);
    ~SockJsTransport() override;
    Q_DISABLE_COPY_MOVE(SockJsTransport)

    // The manager for GET /info, and so the cookie jar that keeps what the server set for the application
    // session. Not owned; without one the transport uses its own (cookies then last one connection).
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    // Skips GET /info on the next open(): the caller has just fetched it (auto-detection does).
    void setKnownInfo(const SockJsInfo &info);

    void open(const QUrl &url, const TransportOptions &options) override;
    void close() override;
    bool sendData(const QByteArray &data) override;
    bool ping() override;
    bool isOpen() const override { return m_state == State::Open; }
    QString description() const override;
    QString subprotocol() const override;

    QByteArray serverId() const { return m_serverId; }
    QByteArray sessionId() const { return m_sessionId; }
    QUrl sessionUrl() const { return m_sessionUrl; }
    // Bounded waits of the /info request (the client's connect timeout bounds everything anyway).
    static constexpr int kInfoTimeoutMs = 10000;

private:
    enum class State { Idle, FetchingInfo, Connecting, AwaitingOpenFrame, Open, Closed };

    void onInfoFinished();
    void openSocket();
    QString webSocketSwitchedOff() const;
    void onSocketOpened();
    void onSocketData(const QByteArray &data);
    void onSocketClosed(TransportError error, const QString &reason);
    void finish(TransportError error, const QString &reason);
    void releaseSocket();

    QPointer<QNetworkAccessManager> m_manager;
    std::unique_ptr<SockJsInfoProbe> m_probe;
    std::unique_ptr<WebSocketTransport> m_socket;
    std::optional<SockJsInfo> m_knownInfo;
    State m_state = State::Idle;
    QUrl m_base;
    QUrl m_sessionUrl;
    QByteArray m_serverId;
    QByteArray m_sessionId;
    TransportOptions m_options;
};
