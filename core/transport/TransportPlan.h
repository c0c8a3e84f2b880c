#pragma once

#include "transport/SockJsFraming.h"
#include "transport/SockJsInfoProbe.h"
#include "transport/Transport.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// How a URL is spoken to: as a raw STOMP-over-WebSocket endpoint, as a SockJS endpoint, or `auto` (the
// default), which finds out.
enum class TransportMode { Auto, WebSocket, SockJs };
QString transportModeName(TransportMode mode); // "auto", "websocket", "sockjs"
bool parseTransportMode(QStringView text, TransportMode *mode); // inverse; false if unknown

// What worked for a URL: the kind of transport and the URL it opened (for SockJS the base URL).
struct TransportChoice
{
    TransportMode kind = TransportMode::WebSocket; // WebSocket or SockJs, never Auto
    QUrl url;
    QString explanation; // why, for people: "/info says websocket:true; raw /websocket refused with 404"
    SockJsFlavour flavour = SockJsFlavour::WebSocket; // which of SockJS's transports, for kind SockJs
};

// The decisions of transport selection for one URL, as a pure state machine (no I/O, no timers): the caller
// (AutoTransport) performs each step and reports its outcome, the plan says what to do next. So every
// decision is unit-tested by table.
//
// `auto` accepts the URL forms people paste:
//  - http(s)://host/app/ws (a SockJS base): GET /info. If it is SockJS with WebSocket enabled, try the raw
//    WebSocket endpoint Spring (and sockjs-node) expose at {base}/websocket, then SockJS framing at
//    {base}/{server}/{session}/websocket; if both fail (a proxy that drops `Upgrade` answers 400, 404 or 426, or
//    closes the connection), or /info says websocket:false, SockJS's HTTP transports: xhr-streaming, then
//    xhr-polling. If /info is not SockJS (404, not its JSON), try the URL itself as a raw WebSocket endpoint
//    (ws(s)://host/app/ws).
//  - ws(s)://host/ws: try it as a raw WebSocket endpoint first (RabbitMQ Web-STOMP, ActiveMQ, Spring without
//    SockJS); if the upgrade is refused (an HTTP status, not a network failure), treat it as a SockJS base as
//    above.
// A remembered choice (TransportSelector keeps what worked per URL) is tried first; if it is refused it is
// dropped and the URL is explored again. Unreachable hosts, TLS failures and refused credentials end the plan
// at once: trying other paths on the same host cannot help.
// `websocket` is a plan of one step; `sockjs` fetches /info and goes through SockJS's transports in the same order
// (WebSocket unless /info says websocket:false, xhr-streaming, xhr-polling).
class TransportPlan final
{
    Q_DECLARE_TR_FUNCTIONS(TransportPlan)

public:
    // OpenSockJs is SockJS over its WebSocket; OpenXhrStreaming and OpenXhrPolling are its HTTP transports.
    enum class Action { FetchInfo, OpenWebSocket, OpenSockJs, OpenXhrStreaming, OpenXhrPolling, Fail };
    struct Step
    {
        Action action = Action::Fail;
        QUrl url;
    };

    explicit TransportPlan(const QUrl &url, TransportMode mode = TransportMode::Auto,
                           std::optional<TransportChoice> remembered = std::nullopt);

    Step start();
    Step infoFetched(const SockJsInfo &info);
    Step infoFailed(TransportError error, const QString &reason, int httpStatus);
    Step openFailed(TransportError error, const QString &reason);

    // After an Open step succeeded: what to remember. After Fail: why, and the error kind to report.
    TransportChoice choice() const;
    TransportError failureError() const { return m_failureError; }
    QString failureReason() const { return m_failureReason; }
    // The remembered choice was refused: the caller should forget it.
    bool rememberedRefused() const { return m_rememberedRefused; }
    // The /info answer, when this plan fetched one (handed to the SockJS transport so it need not ask again).
    std::optional<SockJsInfo> info() const { return m_info; }
    // "auto: /info says websocket:true; raw /websocket refused with 404", "sockjs, as configured", ...
    QString explanation() const;

    // The HTTP status in a refused WebSocket handshake's message ("... status code: 404 ..."), or 0.
    static int httpStatusIn(const QString &reason);

private:
    enum class Stage {
        Initial,
        Remembered,
        WebSocketFirst,
        Info,
        RawWebSocket,
        UrlAsWebSocket,
        SockJs,
        XhrStreaming,
        XhrPolling,
        Done
    };

    Step open(Stage stage, Action action, const QUrl &url);
    // The next of SockJS's transports after `stage` failed, with a note of why.
    Step sockJsFallback(TransportError error, const QString &reason);
    Step fail(TransportError error, const QString &reason);
    Step exploreFromStart();
    static QString refusal(const QString &reason);

    QUrl m_url;
    TransportMode m_mode;
    std::optional<TransportChoice> m_remembered;
    Stage m_stage = Stage::Initial;
    Step m_current;
    std::optional<SockJsInfo> m_info;
    QStringList m_notes;
    TransportError m_firstError = TransportError::None; // the primary URL's own failure, reported if all fail
    QString m_firstReason;
    TransportError m_failureError = TransportError::None;
    QString m_failureReason;
    bool m_rememberedRefused = false;
};
