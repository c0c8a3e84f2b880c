#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

// An in-process SockJS server for unit tests, on 127.0.0.1 and an ephemeral port: GET {base}/info (status,
// `websocket` flag and a Set-Cookie are configurable), SockJS sessions at {base}/{server}/{session}/websocket
// (it sends `o` on connect and then whatever the test says), optionally the raw WebSocket endpoint at
// {base}/websocket, and SockJS's HTTP transports: {session}/xhr_streaming (a chunked response: the 2048-byte 'h'
// prelude, `o` for a new session, then whatever the test writes, cut into chunks as the test says, until the test
// ends or cuts it), {session}/xhr (polling: `o` for a new session, else held until the test sends a frame) and
// {session}/xhr_send (answered 204, or what the test says). It plays just enough STOMP to let a StompClient
// connect: every CONNECT/STOMP is answered with CONNECTED (version 1.2, no heart-beats, `session` = the SockJS
// session id). The base path is /app/ws.
class FakeSockJsServer final : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Session
    {
        QString path; // as requested, e.g. /app/ws/123/abcdefgh/websocket
        QByteArray serverId; // empty for the raw endpoint
        QByteArray sessionId; // empty for the raw endpoint
        bool raw = false; // the raw WebSocket endpoint: plain STOMP, no SockJS framing
        QNetworkRequest request; // the upgrade request (headers)
        QList<QByteArray> received; // decoded messages (SockJS array elements, or raw WebSocket messages)
        QList<QByteArray> receivedFrames; // the WebSocket messages as they came
        QPointer<QWebSocket> socket;
    };

    // A session of the HTTP transports.
    struct HttpSession
    {
        QByteArray serverId;
        QByteArray sessionId;
        QByteArray flavour; // the receive endpoint: "xhr_streaming" or "xhr"
        QList<QByteArray> endpoints; // of every request of the session, in order: xhr_streaming, xhr or xhr_send
        QList<Headers> requestHeaders; // of every request, in the same order
        QList<QByteArray> sendBodies; // the xhr_send bodies as they came
        QList<QByteArray> received; // the decoded messages of every xhr_send, in order
        int receiveRequests = 0;
        bool open = false; // `o` sent (false again after forgetHttpSession())
        QPointer<QTcpSocket> receive; // the receive request being answered (a stream, or a poll held open)
        QList<QByteArray> pollQueue; // frames for the next polls
    };

    explicit FakeSockJsServer(QObject *parent = nullptr);
    ~FakeSockJsServer() override;
    Q_DISABLE_COPY_MOVE(FakeSockJsServer)

    bool listen();
    QUrl baseUrl() const; // http://127.0.0.1:<port>/app/ws

    void setInfoStatus(int status) { m_infoStatus = status; }
    void setWebSocketEnabled(bool enabled) { m_webSocketEnabled = enabled; }
    void setInfoCookie(const QByteArray &setCookie) { m_infoCookie = setCookie; }
    void setRawWebSocketEnabled(bool enabled) { m_rawEnabled = enabled; }
    void setSendOpenFrame(bool send) { m_sendOpenFrame = send; }
    void setAnswerConnect(bool answer) { m_answerConnect = answer; }
    void setRefuseUpgrades(bool refuse) { m_refuseUpgrades = refuse; } // every upgrade answered 400, as behind a proxy
    void setHttpTransportsEnabled(bool enabled) { m_httpEnabled = enabled; }
    void setStreamingEnabled(bool enabled) { m_streamingEnabled = enabled; } // false: xhr_streaming answers 404
    void setStreamingSilent(bool silent) { m_streamingSilent = silent; } // true: xhr_streaming never answers
    void setSendStatus(int status) { m_sendStatus = status; } // the status of xhr_send answers (204)

    QList<Headers> infoRequests() const { return m_infoRequests; }
    const QList<Session> &sessions() const { return m_sessions; }
    int openSessionCount() const;
    int refusedUpgrades() const { return m_refusedUpgrades; }

    // Sends one WebSocket text message (a SockJS frame such as h, a[...], c[...]) to session `index`.
    void sendFrame(int index, const QByteArray &frame);
    // c[code,"reason"], then the WebSocket closes.
    void closeSession(int index, int code, const QByteArray &reason);

    const QList<HttpSession> &httpSessions() const { return m_httpSessions; }
    // Sends a frame (o, h, a[...], c[...]) to HTTP session `index`: on its stream as one chunk (with its "\n"), or as
    // the answer to its waiting poll (queued for the next poll when none waits).
    void sendHttpFrame(int index, const QByteArray &frame);
    // Writes raw bytes to the stream of HTTP session `index` as one HTTP chunk (a frame cut anywhere).
    void writeHttpChunk(int index, const QByteArray &bytes);
    // Ends the current receive response normally (the last chunk), as a server does after its byte limit.
    void endHttpResponse(int index);
    // Breaks the current receive response off (the connection is reset).
    void cutHttpResponse(int index);
    // Forgets the session as a restarted server would: its next receive request opens a new session (`o` again)
    // and xhr_send answers 404.
    void forgetHttpSession(int index);

Q_SIGNALS:
    void sessionOpened(int index);
    void messageReceived(int index, const QByteArray &message);
    void httpReceiveStarted(int index); // a receive request of HTTP session `index` came (and was answered so far)
    void httpMessageReceived(int index, const QByteArray &message);

private:
    void onNewTcpConnection();
    void onTcpReadyRead(QTcpSocket *socket);
    void onNewWebSocket();
    // Handles a complete HTTP request to a session endpoint; false if the path is none.
    bool handleHttp(QTcpSocket *socket, const QString &path, const Headers &headers, const QByteArray &body);
    void answerConnect(int index, const QByteArray &element);

    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    int m_infoStatus = 200;
    bool m_webSocketEnabled = true;
    QByteArray m_infoCookie;
    bool m_rawEnabled = false;
    bool m_sendOpenFrame = true;
    bool m_answerConnect = true;
    bool m_refuseUpgrades = false;
    bool m_httpEnabled = true;
    bool m_streamingEnabled = true;
    bool m_streamingSilent = false;
    int m_sendStatus = 204;
    QList<HttpSession> m_httpSessions;
    QList<Headers> m_infoRequests;
    QList<Session> m_sessions;
    int m_refusedUpgrades = 0;
};
