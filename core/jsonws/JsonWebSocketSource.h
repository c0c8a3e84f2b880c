#pragma once

#include "source/OutgoingQueue.h"
#include "source/ReconnectingSource.h"
#include "transport/Transport.h"

#include <QByteArray>
#include <QString>

#include <memory>

class ClockTimer;
class WebSocketTransport;

// What a plain JSON WebSocket source needs (a home-grown Node `ws` server that pushes JSON text, no STOMP).
struct JsonWebSocketOptions
{
    ReconnectingSource::ConnectionOptions connection;
    TransportOptions transport; // handshake headers, TLS, proxy; no subprotocol is offered unless set
    // Sent after every connect, for servers that route by a client id: {"clientId":"{clientId}"}. Placeholders:
    // {login} and {clientId} (stable for this installation). Empty: nothing is sent.
    QString openMessage;
    QString login;
    QString clientId;
    // An application keep-alive ({"keepalive":"live"}) sent every keepAliveIntervalMs (0: none). Its replies, and any
    // other traffic, count as activity.
    QString keepAliveMessage;
    qint64 keepAliveIntervalMs = 0;
    // Silence past this is a lost connection; 0: three keep-alive intervals when there is a keep-alive, else none
    // (a server that pushes only now and then gives no other sign of life).
    qint64 silenceLimitMs = 0;
};

// A push source for a plain WebSocket that carries JSON: every text or binary message that is JSON is one payload for
// the payload parser (a todo, the {data:{sysMsgList,sysMsgNums}} envelope, JSON encoded twice, a keep-alive); plain
// text (a greeting, an echo) is traffic, not a todo. The
// protocol has no acknowledgement: messages need no settling, and what is pushed while the connection is down is only
// recovered by the catch-up URL. Messages the person sends (send()) wait for a connection and go out in order; with a
// queue file (setQueueFile) they survive a restart. A message counts as sent once the socket took it: the protocol has
// no receipt, so one that the connection loses right after is lost.
class JsonWebSocketSource final : public ReconnectingSource
{
    Q_OBJECT

public:
    explicit JsonWebSocketSource(QObject *parent = nullptr);
    ~JsonWebSocketSource() override;
    Q_DISABLE_COPY_MOVE(JsonWebSocketSource)

    void setOptions(const JsonWebSocketOptions &options);
    const JsonWebSocketOptions &options() const { return m_options; }
    // The open message with its placeholders filled in.
    QString openMessage() const;

    QString name() const override { return QStringLiteral("json-ws"); }
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override { return m_options.transport.handshakeHeaders; }
    bool settle(const InboundMessage &, Settlement) override { return false; }

    // Keeps the messages waiting to be sent in this file (OutgoingQueue), and loads what an earlier run left there.
    // False with a reason when the file was unreadable (it is kept aside) or cannot be written.
    bool setQueueFile(const QString &path, QString *error = nullptr);
    // Sends a text message now, or when the next connection is up (in order). False for an empty one, or when the queue
    // file cannot be written (with the reason): then the message was not taken.
    bool send(const QString &text, QString *error = nullptr);
    qsizetype queuedCount() const { return m_queue.size(); }
    QString queueFile() const { return m_queue.path(); }

Q_SIGNALS:
    // A message handed to send() went out.
    void sent(const QString &text);

protected:
    void openConnection(const QUrl &url) override;
    void closeConnection() override;
    bool sendProbe() override;

private:
    void onOpened();
    void onData(const QByteArray &data);
    void onKeepAliveTimer();
    void flushQueue();

    JsonWebSocketOptions m_options;
    std::unique_ptr<WebSocketTransport> m_transport;
    std::unique_ptr<ClockTimer> m_keepAliveTimer;
    OutgoingQueue m_queue;
};
