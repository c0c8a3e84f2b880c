// SocketIoEndpoint by table: the URLs people have (http, https, ws, wss; with a namespace as the path; with the
// Engine.IO path itself; with their own query) become the Engine.IO URLs for the direct WebSocket, the upgrade of a
// polling session and the polling handshake, and the namespace to join. Other schemes are not endpoints.
#include "socketio/SocketIoEndpoint.h"

#include <QTest>

class tst_SocketIoEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUrl_data();
    void fromUrl();
    void queryIsKeptAndEncoded();
    void enginePathOption();
    void notAnEndpoint();
};

void tst_SocketIoEndpoint::fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("webSocket");
    QTest::addColumn<QString>("polling");
    QTest::addColumn<QString>("nsp");
    QTest::newRow("http") << "http://host:3000"
                          << "ws://host:3000/socket.io/?EIO=4&transport=websocket"
                          << "http://host:3000/socket.io/?EIO=4&transport=polling"
                          << "/";
    QTest::newRow("http slash") << "http://host:3000/"
                                << "ws://host:3000/socket.io/?EIO=4&transport=websocket"
                                << "http://host:3000/socket.io/?EIO=4&transport=polling"
                                << "/";
    QTest::newRow("namespace") << "http://host:3000/admin"
                               << "ws://host:3000/socket.io/?EIO=4&transport=websocket"
                               << "http://host:3000/socket.io/?EIO=4&transport=polling"
                               << "/admin";
    QTest::newRow("namespace slash") << "https://host/admin/"
                                     << "wss://host/socket.io/?EIO=4&transport=websocket"
                                     << "https://host/socket.io/?EIO=4&transport=polling"
                                     << "/admin";
    QTest::newRow("nested namespace") << "https://host/org/todos"
                                      << "wss://host/socket.io/?EIO=4&transport=websocket"
                                      << "https://host/socket.io/?EIO=4&transport=polling"
                                      << "/org/todos";
    QTest::newRow("ws") << "ws://host:3000/todos"
                        << "ws://host:3000/socket.io/?EIO=4&transport=websocket"
                        << "http://host:3000/socket.io/?EIO=4&transport=polling"
                        << "/todos";
    QTest::newRow("wss") << "WSS://Host"
                         << "wss://host/socket.io/?EIO=4&transport=websocket"
                         << "https://host/socket.io/?EIO=4&transport=polling"
                         << "/";
    QTest::newRow("engine path given") << "http://host/push/socket.io"
                                       << "ws://host/push/socket.io/?EIO=4&transport=websocket"
                                       << "http://host/push/socket.io/?EIO=4&transport=polling"
                                       << "/";
    QTest::newRow("copied from devtools") << "wss://host/socket.io/?EIO=4&transport=websocket&sid=abc"
                                          << "wss://host/socket.io/?EIO=4&transport=websocket"
                                          << "https://host/socket.io/?EIO=4&transport=polling"
                                          << "/";
    QTest::newRow("encoded namespace") << "http://host/%E9%80%9A%E7%9F%A5"
                                       << "ws://host/socket.io/?EIO=4&transport=websocket"
                                       << "http://host/socket.io/?EIO=4&transport=polling"
                                       << "/通知";
}

void tst_SocketIoEndpoint::fromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, webSocket);
    QFETCH(QString, polling);
    QFETCH(QString, nsp);
    const SocketIoEndpoint endpoint = SocketIoEndpoint::fromUrl(QUrl(url));
    QVERIFY(endpoint.isValid());
    QCOMPARE(endpoint.webSocketUrl().toString(QUrl::FullyEncoded), webSocket);
    QCOMPARE(endpoint.pollingUrl().toString(QUrl::FullyEncoded), polling);
    QCOMPARE(endpoint.nsp, nsp);
    QCOMPARE(endpoint.webSocketUrl(QStringLiteral("s-1")).toString(QUrl::FullyEncoded),
             webSocket + QStringLiteral("&sid=s-1"));
}

void tst_SocketIoEndpoint::queryIsKeptAndEncoded()
{
    const SocketIoEndpoint endpoint =
        SocketIoEndpoint::fromUrl(QUrl(QStringLiteral("http://host/admin?token=a%2Bb%26c%3Dd&room=x+y&EIO=3")));
    QCOMPARE(endpoint.nsp, QStringLiteral("/admin"));
    QCOMPARE(endpoint.webSocketUrl().toString(QUrl::FullyEncoded),
             QStringLiteral("ws://host/socket.io/?token=a%2Bb%26c%3Dd&room=x+y&EIO=4&transport=websocket"));
    QCOMPARE(endpoint.webSocketUrl(QStringLiteral("a/b+c")).query(QUrl::FullyEncoded),
             QStringLiteral("token=a%2Bb%26c%3Dd&room=x+y&EIO=4&transport=websocket&sid=a%2Fb%2Bc"));
    QCOMPARE(endpoint.describe(), QStringLiteral("ws://host/socket.io/ (namespace /admin)")); // no query: tokens
    QCOMPARE(endpoint.describe(false), QStringLiteral("http://host/socket.io/ (namespace /admin)"));
}

void tst_SocketIoEndpoint::enginePathOption()
{
    SocketIoEndpoint endpoint =
        SocketIoEndpoint::fromUrl(QUrl(QStringLiteral("https://host/admin")), QStringLiteral("realtime"));
    QCOMPARE(endpoint.webSocketUrl().toString(QUrl::FullyEncoded),
             QStringLiteral("wss://host/realtime/?EIO=4&transport=websocket"));
    QCOMPARE(endpoint.nsp, QStringLiteral("/admin"));
    // A URL that names the Engine.IO path itself wins.
    endpoint = SocketIoEndpoint::fromUrl(QUrl(QStringLiteral("https://host/x/socket.io/")), QStringLiteral("/rt/"));
    QCOMPARE(endpoint.enginePath, QStringLiteral("/x/socket.io/"));
}

void tst_SocketIoEndpoint::notAnEndpoint()
{
    for (const char *url : {"stomp://host:61613", "ftp://host/", "http://", "/admin", ""})
        QVERIFY2(!SocketIoEndpoint::fromUrl(QUrl(QString::fromLatin1(url))).isValid(), url);
}

QTEST_GUILESS_MAIN(tst_SocketIoEndpoint)
#include "tst_socketioendpoint.moc"
