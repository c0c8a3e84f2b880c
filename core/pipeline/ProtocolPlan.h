#pragma once

#include "source/PushError.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

// The decisions of `auto` (which push protocol a server speaks, from the URL a person has), as a pure state machine
// with no I/O and no timers: the caller (ProtocolProbe) performs each step and reports what it saw; the plan says
// what to try next and, in the end, what was found and why. So every decision is tested by table.
//
//  - stomp:// and stomp+ssl:// are a broker's STOMP port: STOMP, nothing to probe.
//  - ws(s)://: open a WebSocket (offering STOMP's subprotocols) and send STOMP's CONNECT. An answer that is a STOMP
//    frame (CONNECTED, or ERROR: a broker refusing the credentials is still STOMP) means STOMP. Anything else (JSON,
//    an echo of the CONNECT, text, or silence: a server that waits for an open message) means a plain WebSocket,
//    since a plain `ws` server accepts whatever subprotocol is offered first and so the subprotocol proves nothing. A
//    refused upgrade (an HTTP status) sends the probe on to the http(s) URL of the same address.
//  - http(s)://: a GET asking for an event stream: `text/event-stream` is Server-Sent Events. Then SockJS's /info:
//    a SockJS endpoint is STOMP over SockJS (what Spring's .withSockJS() serves). Then Engine.IO's polling handshake at
//    /socket.io/ on the same host: Socket.IO (the URL's path is the namespace). Then a WebSocket at the ws(s) URL of
//    the same address, as above.
// Unreachable hosts and TLS failures end the plan at once: other paths on the same host cannot help.
class ProtocolPlan final
{
    Q_DECLARE_TR_FUNCTIONS(ProtocolPlan)

public:
    enum class Action { ProbeWebSocket, ProbeEventStream, ProbeSockJsInfo, ProbeSocketIo, Found, Fail };
    struct Step
    {
        Action action = Action::Fail;
        QUrl url;
    };
    // What a WebSocket probe saw.
    enum class WebSocketAnswer { StompFrame, OtherMessage, Silence, Refused };
    // What an HTTP probe saw.
    enum class HttpAnswer { Yes, No };

    explicit ProtocolPlan(const QUrl &url);

    Step start();
    // httpStatus: the HTTP status of a refusal or a No (0 when there was none, e.g. a timeout). When every way tried
    // answered 404 the plan fails with PathNotFound (the URL is wrong), otherwise with NotThisProtocol.
    Step webSocketAnswered(WebSocketAnswer answer, const QString &detail = {}, int httpStatus = 0);
    Step httpAnswered(HttpAnswer answer, const QString &detail = {}, int httpStatus = 0);
    // A probe could not reach the server at all (DNS, refused, TLS): the plan ends with this error.
    Step unreachable(const PushError &error);

    // After Found: the protocol (a value of Settings::protocols()) and why, for people ("auto: ...").
    QString protocol() const { return m_protocol; }
    QString explanation() const;
    // After Fail: why nothing was found.
    PushError failure() const { return m_failure; }

    // The http(s) URL of a ws(s) one and back (same host, port and path).
    static QUrl httpUrlFor(const QUrl &url);
    static QUrl webSocketUrlFor(const QUrl &url);
    // Engine.IO's polling handshake for a Socket.IO URL (its path is the namespace, the Engine.IO path is /socket.io/).
    static QUrl socketIoHandshakeUrl(const QUrl &url);
    // SockJS's /info for a SockJS base URL.
    static QUrl sockJsInfoUrl(const QUrl &url);

private:
    enum class Stage { Initial, WebSocket, EventStream, SockJsInfo, SocketIo, WebSocketAfterHttp, Done };

    Step found(const QString &protocol, const QString &why);
    Step fail(const PushError &error);
    Step nothingFound();
    void noteStatus(int httpStatus);
    Step next(Stage stage, Action action, const QUrl &url);

    QUrl m_url;
    Stage m_stage = Stage::Initial;
    QString m_protocol;
    QStringList m_notes;
    PushError m_failure;
    bool m_triedWebSocket = false;
    bool m_triedHttp = false;
    bool m_onlyNotFound = true; // every way tried so far answered 404
};
