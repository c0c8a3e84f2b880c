// TcpTransport: STOMP's TCP port as a byte pipe, against an in-process QTcpServer on 127.0.0.1: which URLs it
// speaks (stomp://, stomp+ssl://, default ports), bytes both ways in whatever pieces TCP makes, the peer closing,
// a refused port (unreachable), TLS against a server that does not speak it (a TLS failure, not a silent hang),
// stomp+ssl:// against a real TLS server (verified like wss: an untrusted certificate is refused, a trusted one
// carries bytes both ways), and a URL that is not one.
#include "transport/TcpTransport.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 5000;

// A throw-away self-signed certificate for 127.0.0.1, made here (nothing committed); empty when openssl failed.
QPair<QSslCertificate, QSslKey> makeCertificate(const QTemporaryDir &dir)
{
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const int code = QProcess::execute(QStringLiteral("openssl"),
                                       {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                        key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                                        QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                                        QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QFile certFile(cert);
    QFile keyFile(key);
    if (code != 0 || !certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return {QSslCertificate(), QSslKey()};
    return {QSslCertificate(&certFile, QSsl::Pem), QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem)};
}

} // namespace

class tst_TcpTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whichUrls();
    void bytesBothWays();
    void peerClosing();
    void refusedPortIsUnreachable();
    void tlsAgainstPlainTcpFails();
    void tlsIsVerifiedLikeWss();
    void notAStompUrl();
};

void tst_TcpTransport::whichUrls()
{
    QVERIFY(TcpTransport::handles(QUrl(QStringLiteral("stomp://broker:61613"))));
    QVERIFY(TcpTransport::handles(QUrl(QStringLiteral("stomp+ssl://broker:61614"))));
    QVERIFY(TcpTransport::isTls(QUrl(QStringLiteral("stomp+ssl://broker"))));
    QVERIFY(!TcpTransport::isTls(QUrl(QStringLiteral("stomp://broker"))));
    QVERIFY(!TcpTransport::handles(QUrl(QStringLiteral("ws://broker/ws"))));
    QVERIFY(!TcpTransport::handles(QUrl(QStringLiteral("http://broker/app/ws"))));
}

void tst_TcpTransport::bytesBothWays()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TcpTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy data(&transport, &Transport::dataReceived);
    QSignalSpy activity(&transport, &Transport::activity);
    transport.open(QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(server.serverPort())), {});
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(transport.isOpen());
    QCOMPARE(transport.description(), QStringLiteral("tcp stomp://127.0.0.1:%1").arg(server.serverPort()));
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), kWaitMs);
    QTcpSocket *peer = server.nextPendingConnection();

    const QByteArray connect("CONNECT\naccept-version:1.2\n\n\0", 29);
    QVERIFY(transport.sendData(connect));
    QTRY_VERIFY_WITH_TIMEOUT(peer->bytesAvailable() >= connect.size(), kWaitMs);
    QCOMPARE(peer->readAll(), connect);

    peer->write("CONNECTED\nversion:1.2\n\n");
    peer->write(QByteArray("\0\n", 2)); // a frame's end and a heart-beat, in another piece
    QTRY_VERIFY_WITH_TIMEOUT(!data.isEmpty(), kWaitMs);
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            received.clear();
            for (const auto &args : std::as_const(data))
                received += args.at(0).toByteArray();
            return received.size() == 25;
        }(),
        kWaitMs);
    QCOMPARE(received, QByteArray("CONNECTED\nversion:1.2\n\n\0\n", 25));
    QVERIFY(!activity.isEmpty());
    QVERIFY(!transport.ping()); // no transport-level ping: heart-beats do that
}

void tst_TcpTransport::peerClosing()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TcpTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QSignalSpy closed(&transport, &Transport::closed);
    transport.open(QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(server.serverPort())), {});
    QVERIFY(opened.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), kWaitMs);
    server.nextPendingConnection()->close();
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<TransportError>(), TransportError::Closed);
    QVERIFY(!transport.isOpen());
    QVERIFY(!transport.sendData("x"));
}

void tst_TcpTransport::refusedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    TcpTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(QUrl(QStringLiteral("stomp://127.0.0.1:%1").arg(port)), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Unreachable);
}

void tst_TcpTransport::tlsAgainstPlainTcpFails()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *peer = server.nextPendingConnection();
        peer->write("this is not TLS\n");
        peer->flush();
    });
    TcpTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(QUrl(QStringLiteral("stomp+ssl://127.0.0.1:%1").arg(server.serverPort())), {});
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Tls);
}

void tst_TcpTransport::tlsIsVerifiedLikeWss()
{
    QTemporaryDir dir;
    const auto [certificate, key] = makeCertificate(dir);
    QVERIFY2(!certificate.isNull() && !key.isNull(), "openssl could not make a test certificate");
    QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
    serverTls.setLocalCertificate(certificate);
    serverTls.setPrivateKey(key);
    serverTls.setPeerVerifyMode(QSslSocket::VerifyNone);
    QSslServer server;
    server.setSslConfiguration(serverTls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray received;
    connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&] {
        QTcpSocket *peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, this, [&, peer] {
            received += peer->readAll();
            if (received.endsWith('\0'))
                peer->write(QByteArray("CONNECTED\nversion:1.2\n\n", 24));
        });
    });
    const QUrl url(QStringLiteral("stomp+ssl://127.0.0.1:%1").arg(server.serverPort()));

    // Verified by default: a self-signed certificate is refused as a TLS failure.
    {
        TcpTransport transport;
        QSignalSpy failed(&transport, &Transport::failed);
        transport.open(url, {});
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::Tls);
    }
    // Trusted (its certificate among the CA certificates, as an organisation's own CA would be): bytes both ways.
    TransportOptions options;
    options.sslConfiguration.setCaCertificates({certificate});
    TcpTransport transport;
    QSignalSpy opened(&transport, &Transport::opened);
    QByteArray answer;
    connect(&transport, &Transport::dataReceived, this, [&answer](const QByteArray &bytes) { answer += bytes; });
    transport.open(url, options);
    QVERIFY(opened.wait(kWaitMs));
    const QByteArray connectFrame("CONNECT\naccept-version:1.2\n\n", 29);
    QVERIFY(transport.sendData(connectFrame));
    QTRY_COMPARE_WITH_TIMEOUT(answer, QByteArray("CONNECTED\nversion:1.2\n\n", 24), kWaitMs);
    QCOMPARE(received, connectFrame);
}

void tst_TcpTransport::notAStompUrl()
{
    TcpTransport transport;
    QSignalSpy failed(&transport, &Transport::failed);
    transport.open(QUrl(QStringLiteral("ws://127.0.0.1:1/ws")), {});
    QCOMPARE(failed.count(), 0); // never synchronously
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().at(0).value<TransportError>(), TransportError::HandshakeRefused);
}

QTEST_GUILESS_MAIN(tst_TcpTransport)
#include "tst_tcptransport.moc"
