// CatchUp: after every CONNECTED (the in-process DemoPushServer), a GET of the pending-list URL (a small HTTP
// server in this test) with the application's auth headers, whose body goes through the same parser and store
// as a push: known todos are not announced again, new ones are, the pending count follows, and a complete list marks
// the todos no longer in it done. HTTP errors and oversized lists are reported, not ingested.
#include "FaultInjectingDemoServer.h"
#include "MockClock.h"
#include "ingest/CatchUp.h"
#include "ingest/TodoIngestor.h"
#include "stomp/StompClient.h"
#include "stomp/StompPushSource.h"
#include "store/TodoStore.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 5000;

// Answers every request with the current status and body, and remembers the requests' heads.
class PendingListServer final : public QObject
{
    Q_OBJECT

public:
    PendingListServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    QByteArray &buffer = m_buffers[socket];
                    buffer += socket->readAll();
                    const qsizetype end = buffer.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    requests.append(buffer.left(end));
                    Q_EMIT requested();
                    const QByteArray reason = status == 200 ? "OK" : "Error";
                    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                                  + "\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/main2/pending/list").arg(m_server.serverPort()));
    }

    int status = 200;
    QByteArray body;
    QList<QByteArray> requests;

Q_SIGNALS:
    void requested();

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray list(const QStringList &ids, int pending)
{
    QByteArray todos;
    for (const QString &id : ids) {
        if (!todos.isEmpty())
            todos += ',';
        todos += "{\"id\":\"" + id.toUtf8() + "\",\"title\":\"待办 " + id.toUtf8() + "\"}";
    }
    return "{\"data\":{\"sysMsgList\":[" + todos + "],\"sysMsgNums\":" + QByteArray::number(pending) + "}}";
}

} // namespace

class tst_CatchUp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fetchesAfterEveryConnectWithAuthHeaders();
    void httpErrorIsReported();
    void oversizedListIsRefused();
    void withoutUrlNothingHappens();

private:
    void connectClient();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<FaultInjectingDemoServer> m_push;
    std::unique_ptr<PendingListServer> m_http;
    std::unique_ptr<StompClient> m_client;
    std::unique_ptr<StompPushSource> m_source; // the client behind the seam the ingestor takes
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoIngestor> m_ingestor;
    std::unique_ptr<CatchUp> m_catchUp;
};

void tst_CatchUp::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<MockClock>();
    m_push = std::make_unique<FaultInjectingDemoServer>();
    m_push->setClock(m_clock.get());
    m_push->setPublishInterval(0);
    m_push->setHeartbeat(0, 0);
    QVERIFY(m_push->listen());
    m_http = std::make_unique<PendingListServer>();
    QVERIFY(m_http->listen());
    m_client = std::make_unique<StompClient>();
    m_source = std::make_unique<StompPushSource>(m_client.get());
    m_client->setClock(m_clock.get());
    m_store = std::make_unique<TodoStore>();
    m_store->setClock(m_clock.get());
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("todos.sqlite"))));
    m_ingestor = std::make_unique<TodoIngestor>(m_store.get());
    m_ingestor->setClock(m_clock.get());
    m_ingestor->attach(m_source.get());
    m_catchUp = std::make_unique<CatchUp>(m_ingestor.get());
    m_catchUp->setUrl(m_http->url());
    m_catchUp->attach(m_source.get());
}

void tst_CatchUp::cleanup()
{
    m_catchUp.reset();
    m_ingestor.reset();
    m_source.reset();
    m_client.reset();
    m_store.reset();
    m_http.reset();
    m_push.reset();
    m_clock.reset();
    m_dir.reset();
}

void tst_CatchUp::connectClient()
{
    StompConnectOptions options;
    options.urls = {m_push->url()};
    options.heartbeatOutMs = 0;
    options.heartbeatInMs = 0;
    options.login = "alice";
    options.passcode = "s3cret";
    options.reconnect.initialDelayMs = 1000;
    options.reconnect.jitter = 0.0;
    options.connectHeaders = {{"token", "tok-123"}, {"client-id", "desk-42"}, {"accept-version", "1.2"}};
    options.transport.handshakeHeaders = {{"Cookie", "JSESSIONID=abc"}};
    m_client->setOptions(options);
    QSignalSpy connected(m_client.get(), &StompClient::connected);
    m_client->connectToServer();
    QVERIFY(connected.wait(kWaitMs));
}

void tst_CatchUp::fetchesAfterEveryConnectWithAuthHeaders()
{
    m_http->body = list({QStringLiteral("1"), QStringLiteral("2")}, 5);
    QSignalSpy fetched(m_catchUp.get(), &CatchUp::fetched);
    QSignalSpy arrived(m_ingestor.get(), &TodoIngestor::todoArrived);
    connectClient();
    QVERIFY(fetched.wait(kWaitMs));
    QCOMPARE(m_http->requests.size(), 1);
    const QByteArray request = m_http->requests.first();
    QVERIFY2(request.startsWith("GET /main2/pending/list HTTP/1.1"), request.constData());
    QVERIFY2(request.contains("\r\ntoken: tok-123"), request.constData());
    QVERIFY2(request.contains("\r\nclient-id: desk-42"), request.constData());
    QVERIFY2(request.contains("\r\nCookie: JSESSIONID=abc"), request.constData());
    QVERIFY2(!request.contains("s3cret") && !request.contains("accept-version"), request.constData());
    m_clock->advance(5);
    QCOMPARE(arrived.count(), 2);
    QCOMPARE(m_store->count(), 2);
    QCOMPARE(m_store->serverPendingCount(), 5);

    // Offline for a while; meanwhile todo 3 came and todo 1 was handled elsewhere. The next CONNECTED fetches
    // again: only todo 3 is new.
    m_http->body = list({QStringLiteral("2"), QStringLiteral("3")}, 2);
    QSignalSpy disconnected(m_client.get(), &StompClient::disconnected);
    m_push->dropConnections();
    QVERIFY(disconnected.wait(kWaitMs));
    m_clock->advance(1000);
    QVERIFY(fetched.wait(kWaitMs));
    QCOMPARE(m_http->requests.size(), 2);
    QCOMPARE(m_catchUp->fetchCount(), 2);
    m_clock->advance(5);
    QCOMPARE(arrived.count(), 3);
    QCOMPARE(arrived.last().first().value<Todo>().key, QStringLiteral("id:3"));
    QCOMPARE(m_store->count(), 3);
    QCOMPARE(m_store->serverPendingCount(), 2);
    // The list is complete (its count is its length, nothing says "page"): todo 1 is marked done, 2 and 3 stay.
    QVERIFY(m_store->todo(QStringLiteral("id:1"))->done);
    QVERIFY(!m_store->todo(QStringLiteral("id:2"))->done);
    QVERIFY(!m_store->todo(QStringLiteral("id:3"))->done);
    QCOMPARE(m_store->unreadCount(), 2);
}

void tst_CatchUp::httpErrorIsReported()
{
    m_http->status = 500;
    m_http->body = list({QStringLiteral("1")}, 1);
    QSignalSpy failed(m_catchUp.get(), &CatchUp::failed);
    connectClient();
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failed.first().first().toString(), QStringLiteral("HTTP status 500"));
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 0);
}

void tst_CatchUp::oversizedListIsRefused()
{
    m_catchUp->setMaxBodyBytes(1024);
    QStringList ids;
    for (int i = 0; i < 200; ++i)
        ids.append(QString::number(i));
    m_http->body = list(ids, 200);
    QSignalSpy failed(m_catchUp.get(), &CatchUp::failed);
    connectClient();
    QVERIFY(failed.wait(kWaitMs));
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("larger than 1024")),
             qPrintable(failed.first().first().toString()));
    m_clock->advance(5);
    QCOMPARE(m_store->count(), 0);
}

void tst_CatchUp::withoutUrlNothingHappens()
{
    m_catchUp->setUrl(QUrl());
    connectClient();
    QVERIFY(!m_catchUp->isBusy());
    QCOMPARE(m_catchUp->fetchCount(), 0);
}

QTEST_GUILESS_MAIN(tst_CatchUp)
#include "tst_catchup.moc"
