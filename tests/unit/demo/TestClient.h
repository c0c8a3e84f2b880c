#pragma once

// The demo push server tests' client: a raw QWebSocket that writes STOMP frames by hand (StompFrameWriter)
// and reads the replies with StompFrameParser, so that what the server gets is exactly what a test wrote.
#include "stomp/StompFrameParser.h"
#include "stomp/StompFrameWriter.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

inline constexpr int kWaitMs = 5000;

using Headers = QList<StompFrame::Header>;

// QWebSocket::errorOccurred is 6.5+; 6.4 has the overloaded error().
inline auto errorSignal()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return &QWebSocket::errorOccurred;
#else
    return qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
}

// A STOMP client at the byte level: what it sends is exactly what the test wrote.
class TestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestClient)

public:
    explicit TestClient(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &message) { onMessage(message.toUtf8()); });
        connect(&socket, &QWebSocket::binaryMessageReceived, this, &TestClient::onMessage);
    }

    // True once the WebSocket handshake succeeded; false if it was refused or timed out.
    bool open(const QUrl &url, const QStringList &subprotocols = {})
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        QSignalSpy errors(&socket, errorSignal());
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(subprotocols);
        socket.open(url, options);
        const bool settled = QTest::qWaitFor(
            [&] { return !connected.isEmpty() || !disconnected.isEmpty() || !errors.isEmpty(); }, kWaitMs);
        return settled && !connected.isEmpty() && socket.state() == QAbstractSocket::ConnectedState;
    }

    void send(const StompFrame &frame) { sendRaw(StompFrameWriter::serialize(frame, version)); }
    void sendRaw(const QByteArray &bytes) { socket.sendTextMessage(QString::fromUtf8(bytes)); }

    // Takes the next frame received, waiting for it.
    bool next(StompFrame *frame, int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return !frames.isEmpty(); }, timeoutMs))
            return false;
        *frame = frames.takeFirst();
        return true;
    }

    bool waitClosed(int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    // CONNECT (1.2 unless `headers` says otherwise) and wait for CONNECTED.
    bool stompConnect(Headers headers = {}, StompFrame *connected = nullptr, const QByteArray &command = "CONNECT")
    {
        if (headers.isEmpty())
            headers = {{"accept-version", "1.2"}, {"host", "/"}, {"heart-beat", "0,0"}};
        send(StompFrame(command, headers));
        StompFrame reply;
        if (!next(&reply) || reply.command != "CONNECTED")
            return false;
        StompVersion negotiated = StompVersion::V1_0;
        if (parseStompVersion(reply.header("version", "1.0"), &negotiated)) {
            version = negotiated;
            parser.setVersion(negotiated);
        }
        if (connected)
            *connected = reply;
        return true;
    }

    bool subscribe(const QByteArray &id, const QByteArray &destination, const QByteArray &ack = "auto")
    {
        const QByteArray receiptId = QByteArrayLiteral("sub-") + id;
        send(StompFrame("SUBSCRIBE", {{"id", id}, {"destination", destination}, {"ack", ack}, {"receipt", receiptId}}));
        StompFrame receipt;
        return next(&receipt) && receipt.command == "RECEIPT" && receipt.header("receipt-id") == receiptId;
    }

    QWebSocket socket;
    StompFrameParser parser;
    StompVersion version = StompVersion::V1_2;
    QList<StompFrame> frames;
    QList<QByteArray> rawMessages;

private:
    void onMessage(const QByteArray &bytes)
    {
        rawMessages.append(bytes);
        parser.feed(bytes);
        while (parser.hasFrame())
            frames.append(parser.takeFrame());
    }
};
