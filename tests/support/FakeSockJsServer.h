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
// (it sends `o` on connect and then whatever the test says), and optionally the raw WebSocket endpoint at
// {base}/websocket. It plays just enough STOMP to let a StompClient connect: every CONNECT/STOMP is answered
// with CONNECTED (version 1.2, no heart-beats, `session` = the SockJS session id). The base path is /app/ws.
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

    QList<Headers> infoRequests() const { return m_infoRequests; }
    const QList<Session> &sessions() const { return m_sessions; }
    int openSessionCount() const;
    int refusedUpgrades() const { return m_refusedUpgrades; }

    // Sends one WebSocket text message (a SockJS frame such as h, a[...], c[...]) to session `index`.
    void sendFrame(int index, const QByteArray &frame);
    // c[code,"reason"], then the WebSocket closes.
    void closeSession(int index, int code, const QByteArray &reason);

Q_SIGNALS:
    void sessionOpened(int index);
    void messageReceived(int index, const QByteArray &message);

private:
    void onNewTcpConnection();
    void onTcpReadyRead(QTcpSocket *socket);
    void onNewWebSocket();

    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    int m_infoStatus = 200;
    bool m_webSocketEnabled = true;
    QByteArray m_infoCookie;
    bool m_rawEnabled = false;
    bool m_sendOpenFrame = true;
    bool m_answerConnect = true;
    QList<Headers> m_infoRequests;
    QList<Session> m_sessions;
    int m_refusedUpgrades = 0;
};
