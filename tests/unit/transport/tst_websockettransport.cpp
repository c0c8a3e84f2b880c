// WebSocketTransport against an in-process QWebSocketServer: TLS verified by default (a self-signed
// certificate, made by the test, is refused unless explicitly ignored), subprotocol offer, handshake headers,
// text vs binary messages, chunking that never splits a UTF-8 character, and handshake failure classes.
#include "transport/WebSocketTransport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

constexpr int kWaitMs = 5000;

// A server that records what it received and the handshake request of its last connection.
class EchoServer : public QObject
{
public:
    explicit EchoServer(QWebSocketServer::SslMode mode)
        : m_server(QStringLiteral("test"), mode)
    {
        m_server.setSupportedSubprotocols({QStringLiteral("v12.stomp")});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                lastRequest = socket->request();
                connect(socket, &QWebSocket::textMessageReceived, this,
                        [this](const QString &message) { texts.append(message); });
                connect(socket, &QWebSocket::binaryMessageReceived, this,
                        [this](const QByteArray &message) { binaries.append(message); });
                sockets.append(socket);
            }
        });
    }
    QWebSocketServer m_server;
    QNetworkRequest lastRequest;
    QStringList texts;
    QList<QByteArray> binaries;
    QList<QWebSocket *> sockets;
};

} // namespace

class tst_WebSocketTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithSubprotocolAndHandshakeHeaders();
    void textAndBinaryBothWays();
    void chunkingKeepsUtf8Whole();
    void peerCloseIsReported();
    void refusedConnectionIsUnreachable();
    void classify_data();
    void classify();
    void selfSignedCertificateIsRejectedByDefault();
    void selfSignedCertificateAcceptedWhenIgnored();
    void nonWebSocketUrlFailsAsynchronously();

private:
    bool makeCertificate(QSslConfiguration *configuration);
    QTemporaryDir m_dir;
};

void tst_WebSocketTransport::opensWithSubprotocolAndHandshakeHeaders()
{
    EchoServer server(QWebSocketServer::NonSecureMode);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.handshakeHeaders = {{"Authorization", "Bearer abc"}, {"Cookie", "SESSION=1"}};
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.m_server.serverPort())), options);
    QCOMPARE(opened.count(), 0); // never synchronous
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(transport.isOpen());
    QCOMPARE(transport.subprotocol(), QStringLiteral("v12.stomp"));
    QVERIFY(transport.description().contains(QLatin1String("v12.stomp")));
    QCOMPARE(server.lastRequest.rawHeader("Authorization"), QByteArray("Bearer abc"));
    QCOMPARE(server.lastRequest.rawHeader("Cookie"), QByteArray("SESSION=1"));
}

void tst_WebSocketTransport::textAndBinaryBothWays()
{
    EchoServer server(QWebSocketServer::NonSecureMode);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy data(&transport, &Transport::dataReceived);
    QSignalSpy activity(&transport, &Transport::activity);
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.m_server.serverPort())), {});
    QVERIFY(opened.wait(kWaitMs));
    QTRY_COMPARE(server.sockets.size(), 1);

    QVERIFY(transport.sendData("SEND\ndestination:/q\n\n待办\0"));
    QVERIFY(transport.sendData(QByteArray("SEND\n\n\xff\xfe\x00", 9))); // not UTF-8: must go binary
    QTRY_COMPARE(server.texts.size(), 1);
    QTRY_COMPARE(server.binaries.size(), 1);
    QCOMPARE(server.texts.first().toUtf8(), QByteArray("SEND\ndestination:/q\n\n待办"));
    QCOMPARE(server.binaries.first(), QByteArray("SEND\n\n\xff\xfe\x00", 9));

    server.sockets.first()->sendTextMessage(QStringLiteral("MESSAGE\n\n通知\0"));
    server.sockets.first()->sendBinaryMessage(QByteArray("\n"));
    QTRY_COMPARE(data.count(), 2);
    QCOMPARE(data.at(0).first().toByteArray(), QStringLiteral("MESSAGE\n\n通知\0").toUtf8());
    QCOMPARE(data.at(1).first().toByteArray(), QByteArray("\n"));
    QVERIFY(activity.count() >= 2);
}

void tst_WebSocketTransport::chunkingKeepsUtf8Whole()
{
    EchoServer server(QWebSocketServer::NonSecureMode);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.maxOutgoingChunk = 7;
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.m_server.serverPort())), options);
    QVERIFY(opened.wait(kWaitMs));
    const QByteArray frame = QStringLiteral("SEND\ndestination:/q\n\n待办通知:变更申请").toUtf8() + '\0';
    QVERIFY(transport.sendData(frame));
    QTRY_COMPARE(server.texts.join(QString()).toUtf8(), frame);
    QVERIFY(server.texts.size() > 1);
    for (const QString &chunk : std::as_const(server.texts)) {
        QVERIFY(chunk.toUtf8().size() <= 7);
        QVERIFY(!chunk.contains(QChar::ReplacementCharacter));
    }
}

void tst_WebSocketTransport::peerCloseIsReported()
{
    EchoServer server(QWebSocketServer::NonSecureMode);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.m_server.serverPort())), {});
    QVERIFY(opened.wait(kWaitMs));
    QTRY_COMPARE(server.sockets.size(), 1);
    server.sockets.first()->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server restarting"));
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    QCOMPARE(closed.first().at(1).toString(), QStringLiteral("server restarting"));
    QVERIFY(!transport.isOpen());
    QVERIFY(!transport.sendData("x"));
}

void tst_WebSocketTransport::refusedConnectionIsUnreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    WebSocketTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Unreachable);
}

void tst_WebSocketTransport::classify_data()
{
    QTest::addColumn<int>("socketError");
    QTest::addColumn<QString>("message");
    QTest::addColumn<TransportError>("expected");
    QTest::newRow("401") << int(QAbstractSocket::ConnectionRefusedError)
                         << QStringLiteral("QWebSocketPrivate::processHandshake: Unhandled http status code: 401 "
                                           "(Unauthorized).")
                         << TransportError::AuthRejected;
    QTest::newRow("403") << int(QAbstractSocket::ConnectionRefusedError)
                         << QStringLiteral("Unhandled http status code: 403 (Forbidden).")
                         << TransportError::AuthRejected;
    QTest::newRow("404") << int(QAbstractSocket::ConnectionRefusedError)
                         << QStringLiteral("Unhandled http status code: 404 (Not Found).")
                         << TransportError::HandshakeRefused;
    QTest::newRow("refused") << int(QAbstractSocket::ConnectionRefusedError) << QStringLiteral("Connection refused")
                             << TransportError::Unreachable;
    QTest::newRow("dns") << int(QAbstractSocket::HostNotFoundError) << QStringLiteral("Host not found")
                         << TransportError::Unreachable;
    QTest::newRow("tls") << int(QAbstractSocket::SslHandshakeFailedError) << QStringLiteral("handshake failed")
                         << TransportError::Tls;
    QTest::newRow("bad accept") << int(QAbstractSocket::UnknownSocketError)
                                << QStringLiteral("Invalid handshake: accept key mismatch")
                                << TransportError::HandshakeRefused;
}

void tst_WebSocketTransport::classify()
{
    QFETCH(int, socketError);
    QFETCH(QString, message);
    QFETCH(TransportError, expected);
    QCOMPARE(WebSocketTransport::classify(QAbstractSocket::SocketError(socketError), message), expected);
}

bool tst_WebSocketTransport::makeCertificate(QSslConfiguration *configuration)
{
    // A throw-away self-signed certificate, made here (nothing committed).
    const QString key = m_dir.filePath(QStringLiteral("key.pem"));
    const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
    if (!QFile::exists(cert)) {
        const int code = QProcess::execute(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
             QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
        if (code != 0)
            return false;
    }
    QFile certFile(cert);
    QFile keyFile(key);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    *configuration = QSslConfiguration::defaultConfiguration();
    configuration->setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    configuration->setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    configuration->setPeerVerifyMode(QSslSocket::VerifyNone);
    return !configuration->localCertificate().isNull() && !configuration->privateKey().isNull();
}

void tst_WebSocketTransport::selfSignedCertificateIsRejectedByDefault()
{
    QSslConfiguration serverTls;
    QVERIFY(makeCertificate(&serverTls));
    EchoServer server(QWebSocketServer::SecureMode);
    server.m_server.setSslConfiguration(serverTls);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    QSignalSpy opened(&transport, &Transport::opened);
    transport.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(server.m_server.serverPort())), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(opened.count(), 0);
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Tls);
    QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("certificate")),
             qPrintable(failed.first().at(1).toString()));
}

void tst_WebSocketTransport::selfSignedCertificateAcceptedWhenIgnored()
{
    QSslConfiguration serverTls;
    QVERIFY(makeCertificate(&serverTls));
    EchoServer server(QWebSocketServer::SecureMode);
    server.m_server.setSslConfiguration(serverTls);
    QVERIFY(server.m_server.listen(QHostAddress::LocalHost));
    WebSocketTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    TransportOptions options;
    options.ignoreSslErrors = true;
    transport.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(server.m_server.serverPort())), options);
    QVERIFY(opened.wait(kWaitMs));
}

void tst_WebSocketTransport::nonWebSocketUrlFailsAsynchronously()
{
    WebSocketTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(QUrl(QStringLiteral("ftp://example.invalid/ws")), {});
    QCOMPARE(failed.count(), 0);
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::HandshakeRefused);
}

QTEST_GUILESS_MAIN(tst_WebSocketTransport)
#include "tst_websockettransport.moc"
