// SseSource against an in-process HTTP server on 127.0.0.1 (a QTcpServer that answers by hand, or a QSslServer), with
// the source's timers on a MockClock: the GET carries Accept, Cache-Control and the handshake headers, and
// Last-Event-ID on every reconnect once an id was seen; events become messages with nothing to settle, only the
// configured types among them ("message" by default); 204 stops for good; every answer that is not an event stream
// fails clearly (404, 401/403, 5xx, another content type, a non-http URL, an untrusted certificate, nobody
// listening); the stream ending is a lost connection;
// the server's retry is the floor of the reconnect delay; the silence limit is learned from regular keep-alive
// comments (and only then), or fixed; an oversized event is dropped and the stream goes on.
#include "MockClock.h"
#include "sse/SseSource.h"

#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int kWaitMs = 5000;

// One request as the server read it.
struct Request
{
    QByteArray line; // "GET /events HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

// A hand-made HTTP server: it reads a request head, answers with the configured status line and content type and
// keeps the connection open for push(); the response has no length, so it ends when the server closes.
class SseTestServer : public QObject
{
    Q_OBJECT
public:
    explicit SseTestServer(QTcpServer *server)
        : m_server(server)
    {
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &SseTestServer::onConnection);
    }

    QUrl url(const QString &path = QStringLiteral("/events")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(path));
    }

    QByteArray status = "200 OK";
    QByteArray contentType = "text/event-stream; charset=utf-8";
    QByteArray firstBytes; // sent with the headers
    QList<Request> requests;

    // Written to every open stream, as a server sends an event to each client. Under load, Qt 6.4 was seen to send a
    // request once more on its own after the server ended its stream (a copy of the finished request, torn down
    // when the source lets the reply go), so a second stream can be open for a moment.
    bool push(const QByteArray &bytes)
    {
        bool written = false;
        for (const QPointer<QTcpSocket> &stream : std::as_const(m_streams)) {
            if (!stream || stream->state() != QAbstractSocket::ConnectedState)
                continue;
            stream->write(bytes);
            stream->flush();
            written = true;
        }
        return written;
    }
    void closeCurrent()
    {
        for (const QPointer<QTcpSocket> &stream : std::as_const(m_streams)) {
            if (stream)
                stream->disconnectFromHost();
        }
    }
    int openStreams() const
    {
        int open = 0;
        for (const QPointer<QTcpSocket> &stream : m_streams)
            open += stream && stream->state() == QAbstractSocket::ConnectedState ? 1 : 0;
        return open;
    }
    // The Last-Event-ID of every request from the index on.
    QByteArrayList resumeIdsFrom(qsizetype index) const
    {
        QByteArrayList ids;
        for (qsizetype i = index; i < requests.size(); ++i)
            ids.append(requests.at(i).header("Last-Event-ID"));
        return ids;
    }

private:
    void onConnection()
    {
        while (m_server->hasPendingConnections()) {
            QTcpSocket *socket = m_server->nextPendingConnection();
            // Owned by the connection: freed with it, whoever goes first.
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0 || socket->property("answered").toBool())
                    return;
                socket->setProperty("answered", true);
                answer(socket, buffer->left(end));
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void answer(QTcpSocket *socket, const QByteArray &head)
    {
        Request request;
        const QList<QByteArray> lines = head.split('\n');
        request.line = lines.value(0).trimmed();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.append({lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
        }
        requests.append(request);
        QByteArray response = "HTTP/1.1 " + status + "\r\n";
        if (!contentType.isEmpty())
            response += "Content-Type: " + contentType + "\r\n";
        if (status.startsWith("200")) {
            response += "Cache-Control: no-cache\r\nConnection: close\r\n\r\n" + firstBytes;
            m_streams.removeAll(nullptr);
            m_streams.append(socket);
        } else {
            const bool noContent = status.startsWith("204"); // no body, and no length either
            const QByteArray body = noContent ? QByteArray() : QByteArray("nothing here\n");
            if (!noContent)
                response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
            response += "Connection: close\r\n\r\n" + body;
            socket->write(response);
            socket->disconnectFromHost();
            return;
        }
        socket->write(response);
        socket->flush();
    }

    QTcpServer *m_server;
    QList<QPointer<QTcpSocket>> m_streams;
};

} // namespace

class tst_SseSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void connectsWithTheRightRequest();
    void eventsBecomeMessages();
    void onlyTheConfiguredEventsAreTodos();
    void byDefaultOnlyMessageEventsAreTodos();
    void reconnectSendsTheLastEventId();
    void streamEndIsALostConnection();
    void serverRetryIsTheFloor_data();
    void serverRetryIsTheFloor();
    void clearErrors_data();
    void clearErrors();
    void noContentMeansDoNotReconnect();
    void notAnHttpUrl();
    void nobodyListening();
    void untrustedCertificate();
    void silenceLimitLearnedFromComments();
    void noSilenceLimitWithoutRegularComments();
    void fixedSilenceLimit();
    void oversizedEventIsDroppedAndTheStreamGoesOn();

private:
    SseOptions options(const QUrl &url) const;
    bool connectSource(const SseOptions &options);
    bool makeCertificate(QSslConfiguration *configuration);

    std::unique_ptr<MockClock> m_clock;
    std::unique_ptr<QTcpServer> m_tcp;
    std::unique_ptr<SseTestServer> m_server;
    std::unique_ptr<SseSource> m_source;
    QTemporaryDir m_dir;
};

void tst_SseSource::init()
{
    m_clock = std::make_unique<MockClock>();
    m_tcp = std::make_unique<QTcpServer>();
    QVERIFY(m_tcp->listen(QHostAddress::LocalHost));
    m_server = std::make_unique<SseTestServer>(m_tcp.get());
    m_source = std::make_unique<SseSource>();
    m_source->setClock(m_clock.get());
    m_source->setRandomSeed(5);
}

void tst_SseSource::cleanup()
{
    m_source.reset();
    m_server.reset();
    m_tcp.reset();
    m_clock.reset();
}

SseOptions tst_SseSource::options(const QUrl &url) const
{
    SseOptions options;
    options.connection.urls = {url};
    options.connection.reconnect.initialDelayMs = 1000;
    options.connection.reconnect.jitter = 0;
    options.connection.reconnect.stableAfterMs = 0; // every reconnect waits the first delay
    return options;
}

bool tst_SseSource::connectSource(const SseOptions &options)
{
    m_source->setOptions(options);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->start();
    return connected.wait(kWaitMs);
}

void tst_SseSource::connectsWithTheRightRequest()
{
    SseOptions opts = options(m_server->url());
    opts.transport.handshakeHeaders = {{"Authorization", "Bearer abc"}, {"X-Tenant", "r&d"}};
    QVERIFY(connectSource(opts));
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    QCOMPARE(m_server->requests.size(), 1);
    const Request &request = m_server->requests.at(0);
    QCOMPARE(request.line, QByteArray("GET /events HTTP/1.1"));
    QCOMPARE(request.header("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(request.header("Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer abc"));
    QCOMPARE(request.header("X-Tenant"), QByteArray("r&d"));
    QVERIFY(!request.hasHeader("Last-Event-ID")); // no id seen yet
    const SourceSession session = m_source->session();
    QCOMPARE(session.protocol, QStringLiteral("sse"));
    QVERIFY2(session.summary.startsWith(QStringLiteral("Server-Sent Events")), qPrintable(session.summary));
    QVERIFY2(session.summary.contains(QStringLiteral("Last-Event-ID")), qPrintable(session.summary));
    QVERIFY2(session.transport.contains(QStringLiteral("text/event-stream")), qPrintable(session.transport));
    QCOMPARE(session.details.value(QStringLiteral("resumed")).toBool(), false);
    QVERIFY(m_source->networkAccessManager());
    QCOMPARE(m_source->authHeaders(), opts.transport.handshakeHeaders);
}

void tst_SseSource::eventsBecomeMessages()
{
    m_server->firstBytes = ": hello\n\n"; // a comment before anything else
    SseOptions opts = options(m_server->url());
    opts.events = {QStringLiteral("todo"), QStringLiteral("message")};
    QVERIFY(connectSource(opts));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_server->push(
        "id: 17\nevent: todo\ndata: {\"id\":\"a1\",\ndata: \"title\":\"\xE5\xAE\xA1\xE6\x89\xB9\"}\n\n"));
    QVERIFY(m_server->push("data: plain\r\n\r\n"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    const InboundMessage first = received.at(0).at(0).value<InboundMessage>();
    QCOMPARE(first.body, QByteArray("{\"id\":\"a1\",\n\"title\":\"\xE5\xAE\xA1\xE6\x89\xB9\"}"));
    QCOMPARE(first.messageId, QByteArray("17"));
    QCOMPARE(first.channel, QByteArray("todo"));
    QCOMPARE(first.source, QStringLiteral("sse"));
    QVERIFY(!first.needsSettle);
    QVERIFY(!m_source->settle(first, PushSource::Settlement::Accept));
    const InboundMessage second = received.at(1).at(0).value<InboundMessage>();
    QCOMPARE(second.body, QByteArray("plain"));
    QCOMPARE(second.channel, QByteArray("message"));
    // Its id is its own: none, even though the stream's last event id is still 17.
    QVERIFY(second.messageId.isEmpty());
    QVERIFY(second.attributes.contains(qMakePair(QByteArray("last-event-id"), QByteArray("17"))));
    QCOMPARE(m_source->lastEventId(), QByteArray("17"));
}

void tst_SseSource::onlyTheConfiguredEventsAreTodos()
{
    SseOptions opts = options(m_server->url());
    opts.events = {QStringLiteral("todo"), QStringLiteral("message")};
    QVERIFY(connectSource(opts));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_server->push("event: presence\ndata: alice is online\n\n"
                           "event: todo\ndata: one\n\n"
                           "data: two\n\n"
                           "event: Todo\ndata: case matters\n\n"
                           "event: todo\ndata: three\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    QStringList bodies;
    for (const QList<QVariant> &args : std::as_const(received))
        bodies.append(QString::fromUtf8(args.at(0).value<InboundMessage>().body));
    QCOMPARE(bodies, (QStringList {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
}

void tst_SseSource::byDefaultOnlyMessageEventsAreTodos()
{
    QVERIFY(connectSource(options(m_server->url())));
    QCOMPARE(m_source->events(), QStringList {QStringLiteral("message")});
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_server->push("id: 1\nevent: todo\ndata: typed\n\n"
                           "id: 2\nevent: message\ndata: named message\n\n"
                           "id: 3\ndata: untyped\n\n"
                           "id: 4\nevent: presence\ndata: last\n\n"));
    // The last event is passed over, but its id still counts.
    QTRY_COMPARE_WITH_TIMEOUT(m_source->lastEventId(), QByteArray("4"), kWaitMs);
    QCOMPARE(received.size(), 2);
    QCOMPARE(received.at(0).at(0).value<InboundMessage>().body, QByteArray("named message"));
    QCOMPARE(received.at(1).at(0).value<InboundMessage>().body, QByteArray("untyped"));
    QCOMPARE(received.at(1).at(0).value<InboundMessage>().channel, QByteArray("message"));
}

void tst_SseSource::reconnectSendsTheLastEventId()
{
    QVERIFY(connectSource(options(m_server->url())));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_server->push("id: 5\ndata: five\n\nid: 6\ndata: six\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    // An event cut off by the end of the stream does not count, nor does its id.
    QVERIFY(m_server->push("id: 7\ndata: seven"));
    QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
    m_server->closeCurrent();
    QVERIFY(reconnecting.wait(kWaitMs));
    QCOMPARE(m_source->lastError().kind, PushError::Kind::ConnectionLost);
    QCOMPARE(received.size(), 2);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    // One new request that resumes after "6" (and at most Qt's copy of the ended one, which does not stay open).
    QByteArrayList ids = m_server->resumeIdsFrom(1);
    QVERIFY2(ids.contains("6"), ids.join(',').constData());
    QVERIFY2(ids.size() == 1 || (ids.size() == 2 && ids.contains("")), ids.join(',').constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openStreams(), 1, kWaitMs);
    QCOMPARE(m_source->session().details.value(QStringLiteral("resumed")).toBool(), true);
    QVERIFY2(m_source->session().summary.contains(QStringLiteral("\"6\"")), qPrintable(m_source->session().summary));
    // An id-only event moves it on too; and so does every reconnect after.
    QVERIFY(m_server->push("id: 8\n\n: ping\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_source->lastEventId(), QByteArray("8"), kWaitMs);
    m_server->closeCurrent();
    QVERIFY(reconnecting.wait(kWaitMs));
    const qsizetype before = m_server->requests.size();
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    ids = m_server->resumeIdsFrom(before);
    QVERIFY2(ids.contains("8"), ids.join(',').constData());
    QVERIFY2(ids.size() == 1 || (ids.size() == 2 && ids.contains("6")), ids.join(',').constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openStreams(), 1, kWaitMs);
}

void tst_SseSource::streamEndIsALostConnection()
{
    QVERIFY(connectSource(options(m_server->url())));
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    // The last event comes with the end of the stream: handed on before the connection counts as lost.
    QVERIFY(m_server->push("data: last words\n\n"));
    m_server->closeCurrent();
    QVERIFY(disconnected.wait(kWaitMs));
    QCOMPARE(received.size(), 1);
    const PushError error = disconnected.at(0).at(0).value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::ConnectionLost);
    QVERIFY(error.isTransient());
    QCOMPARE(m_source->state(), PushSource::State::Backoff);
    QCOMPARE(m_clock->nextDeadlineIn(), 1000);
}

void tst_SseSource::serverRetryIsTheFloor_data()
{
    QTest::addColumn<double>("jitter");
    QTest::addColumn<int>("maxDelayMs");
    QTest::addColumn<int>("retryMs");
    QTest::addColumn<int>("lowest");
    QTest::addColumn<int>("highest");
    QTest::newRow("no jitter") << 0.0 << 60000 << 5000 << 5000 << 5000;
    QTest::newRow("jitter") << 0.5 << 60000 << 5000 << 5000 << 10000;
    QTest::newRow("full jitter is halved") << 1.0 << 60000 << 5000 << 5000 << 10000;
    QTest::newRow("below the configured delay") << 0.0 << 60000 << 300 << 1000 << 1000;
    QTest::newRow("capped at the maximum delay") << 0.0 << 20000 << 600000 << 20000 << 20000;
}

void tst_SseSource::serverRetryIsTheFloor()
{
    QFETCH(double, jitter);
    QFETCH(int, maxDelayMs);
    QFETCH(int, retryMs);
    QFETCH(int, lowest);
    QFETCH(int, highest);
    SseOptions opts = options(m_server->url());
    opts.connection.reconnect.jitter = jitter;
    opts.connection.reconnect.maxDelayMs = maxDelayMs;
    QVERIFY(connectSource(opts));
    QVERIFY(m_server->push("retry: " + QByteArray::number(retryMs) + "\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_source->serverRetryMs(), qint64(retryMs), kWaitMs);
    for (int round = 0; round < 3; ++round) {
        QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
        m_server->closeCurrent();
        QVERIFY(reconnecting.wait(kWaitMs));
        const qint64 delay = reconnecting.at(0).at(1).toLongLong();
        QVERIFY2(delay >= lowest && delay <= highest, qPrintable(QString::number(delay)));
        QSignalSpy connected(m_source.get(), &PushSource::connected);
        m_clock->advance(delay);
        QVERIFY(connected.wait(kWaitMs));
    }
}

void tst_SseSource::clearErrors_data()
{
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<PushError::Kind>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("404") << QByteArray("404 Not Found") << QByteArray("text/plain") << PushError::Kind::PathNotFound
                         << QStringLiteral("no event stream at this path");
    QTest::newRow("401") << QByteArray("401 Unauthorized") << QByteArray("text/plain") << PushError::Kind::AuthFailed
                         << QStringLiteral("credentials");
    QTest::newRow("403") << QByteArray("403 Forbidden") << QByteArray("text/plain") << PushError::Kind::AuthFailed
                         << QStringLiteral("credentials");
    QTest::newRow("503") << QByteArray("503 Service Unavailable") << QByteArray("text/plain")
                         << PushError::Kind::HandshakeRefused << QStringLiteral("not taking connections");
    QTest::newRow("400") << QByteArray("400 Bad Request") << QByteArray("text/plain")
                         << PushError::Kind::NotThisProtocol << QStringLiteral("instead of an event stream");
    QTest::newRow("html") << QByteArray("200 OK") << QByteArray("text/html") << PushError::Kind::NotThisProtocol
                          << QStringLiteral("text/html, not an event stream");
    QTest::newRow("json") << QByteArray("200 OK") << QByteArray("application/json") << PushError::Kind::NotThisProtocol
                          << QStringLiteral("not an event stream");
    QTest::newRow("no type") << QByteArray("200 OK") << QByteArray() << PushError::Kind::NotThisProtocol
                             << QStringLiteral("no content type");
}

void tst_SseSource::clearErrors()
{
    QFETCH(QByteArray, status);
    QFETCH(QByteArray, contentType);
    QFETCH(PushError::Kind, kind);
    QFETCH(QString, says);
    m_server->status = status;
    m_server->contentType = contentType;
    m_source->setOptions(options(m_server->url()));
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->start();
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(connected.size(), 0);
    const PushError error = errors.at(0).at(0).value<PushError>();
    QCOMPARE(error.kind, kind);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QCOMPARE(error.url, m_server->url());
    QCOMPARE(m_source->lastError().kind, kind);
    QCOMPARE(m_source->state(), PushSource::State::Backoff);
}

void tst_SseSource::noContentMeansDoNotReconnect()
{
    m_server->status = "204 No Content";
    m_server->contentType.clear();
    m_source->setOptions(options(m_server->url()));
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    QSignalSpy reconnecting(m_source.get(), &PushSource::reconnecting);
    m_source->start();
    QVERIFY(errors.wait(kWaitMs));
    const PushError error = errors.at(0).at(0).value<PushError>();
    QVERIFY2(error.message.contains(QStringLiteral("204")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("not to be reconnected")), qPrintable(error.message));
    QCOMPARE(m_source->state(), PushSource::State::Failed);
    QCOMPARE(reconnecting.size(), 0);
    QCOMPARE(m_clock->nextDeadlineIn(), -1); // no retry scheduled
    QCOMPARE(m_server->requests.size(), 1);
    // Someone starts it again: it asks once more.
    m_server->status = "200 OK";
    m_server->contentType = "text/event-stream";
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_source->reconnectNow();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_server->requests.size(), 2);
}

void tst_SseSource::notAnHttpUrl()
{
    m_source->setOptions(options(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(m_tcp->serverPort()))));
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    QCOMPARE(errors.size(), 0); // never synchronously
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(errors.at(0).at(0).value<PushError>().kind, PushError::Kind::NotThisProtocol);
    QCOMPARE(m_server->requests.size(), 0);
}

void tst_SseSource::nobodyListening()
{
    const QUrl url = m_server->url();
    m_tcp->close();
    m_source->setOptions(options(url));
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(errors.at(0).at(0).value<PushError>().kind, PushError::Kind::Unreachable);
    QVERIFY(m_source->lastError().isTransient());
}

bool tst_SseSource::makeCertificate(QSslConfiguration *configuration)
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

void tst_SseSource::untrustedCertificate()
{
    QSslConfiguration tls;
    QVERIFY(makeCertificate(&tls));
    QSslServer https;
    https.setSslConfiguration(tls);
    QVERIFY(https.listen(QHostAddress::LocalHost));
    SseTestServer server(&https);
    QUrl url = server.url();
    url.setScheme(QStringLiteral("https"));
    // Verified by default: a self-signed certificate is refused, and says why.
    m_source->setOptions(options(url));
    QSignalSpy errors(m_source.get(), &PushSource::errorOccurred);
    m_source->start();
    QVERIFY(errors.wait(kWaitMs));
    const PushError error = errors.at(0).at(0).value<PushError>();
    QCOMPARE(error.kind, PushError::Kind::Tls);
    QVERIFY2(error.message.contains(QStringLiteral("certificate")), qPrintable(error.message));
    QVERIFY(!error.isTransient());
    QCOMPARE(server.requests.size(), 0);
    m_source->stop();
    // Accepted only when told to (a test setup).
    SseOptions insecure = options(url);
    insecure.transport.ignoreSslErrors = true;
    QVERIFY(connectSource(insecure));
    QCOMPARE(server.requests.size(), 1);
}

void tst_SseSource::silenceLimitLearnedFromComments()
{
    QVERIFY(connectSource(options(m_server->url())));
    QCOMPARE(m_source->silenceLimitMs(), qint64(0));
    // Two comments at once are a burst, not a rhythm.
    QVERIFY(m_server->push(": a\n\n: b\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_source->commentCount(), qint64(2), kWaitMs);
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    // Then every 10 s: after two gaps the limit is three of them.
    for (int i = 0; i < 2; ++i) {
        m_clock->advance(10000);
        QVERIFY(m_server->push(": ping\n\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_source->commentCount(), qint64(3 + i), kWaitMs);
        QCOMPARE(m_source->silenceLimitMs(), qint64(i == 0 ? 0 : 30000));
    }
    // A keep-alive in time keeps it up ...
    m_clock->advance(25000);
    QVERIFY(m_server->push(": ping\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_source->commentCount(), qint64(5), kWaitMs);
    QCOMPARE(m_source->silenceLimitMs(), qint64(75000)); // the longest gap grew to 25 s
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    // ... and silence past the limit is a lost connection.
    m_clock->advance(74000);
    QCOMPARE(disconnected.size(), 0);
    m_clock->advance(1000);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).value<PushError>().kind, PushError::Kind::HeartbeatLost);
    // What was learned holds for the next connection at once.
    QSignalSpy connected(m_source.get(), &PushSource::connected);
    m_clock->advance(1000);
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(m_source->session().details.value(QStringLiteral("silenceLimitMs")).toInteger(), 75000);
}

void tst_SseSource::noSilenceLimitWithoutRegularComments()
{
    QVERIFY(connectSource(options(m_server->url())));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    // Events, but no comments: a server that only speaks when it has something to say.
    for (int i = 0; i < 3; ++i) {
        m_clock->advance(20000);
        QVERIFY(m_server->push("data: x\n\n"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), i + 1, kWaitMs);
    }
    QCOMPARE(m_source->silenceLimitMs(), qint64(0));
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    m_clock->advance(3600000);
    QCOMPARE(disconnected.size(), 0);
    QCOMPARE(m_source->state(), PushSource::State::Connected);
    // Nor when learning is off, whatever the comments say.
    m_source->stop();
    SseOptions off = options(m_server->url());
    off.silenceLimitMs = 0;
    QVERIFY(connectSource(off));
    for (int i = 0; i < 4; ++i) {
        m_clock->advance(5000);
        QVERIFY(m_server->push(": ping\n\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_source->commentCount(), qint64(i + 1), kWaitMs);
    }
    QCOMPARE(m_source->silenceLimitMs(), qint64(0));
    QSignalSpy lost(m_source.get(), &PushSource::disconnected);
    m_clock->advance(3600000);
    QCOMPARE(lost.size(), 0);
}

void tst_SseSource::fixedSilenceLimit()
{
    SseOptions opts = options(m_server->url());
    opts.silenceLimitMs = 5000;
    QVERIFY(connectSource(opts));
    QCOMPARE(m_source->session().details.value(QStringLiteral("silenceLimitMs")).toInteger(), 5000);
    QSignalSpy disconnected(m_source.get(), &PushSource::disconnected);
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    // Any byte counts as a sign of life, a comment as much as an event.
    for (int i = 0; i < 3; ++i) {
        m_clock->advance(4000);
        QVERIFY(m_server->push(i % 2 ? ": ping\n\n" : "data: x\n\n"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size() + m_source->commentCount(), qint64(i + 1), kWaitMs);
    }
    QCOMPARE(disconnected.size(), 0);
    m_clock->advance(5000);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).value<PushError>().kind, PushError::Kind::HeartbeatLost);
}

void tst_SseSource::oversizedEventIsDroppedAndTheStreamGoesOn()
{
    SseOptions opts = options(m_server->url());
    opts.limits.maxLineSize = 64;
    opts.limits.maxEventSize = 64;
    QVERIFY(connectSource(opts));
    QSignalSpy received(m_source.get(), &PushSource::messageReceived);
    QVERIFY(m_server->push("id: 1\ndata: " + QByteArray(200, 'x') + "\n\nid: 2\ndata: small\n\n"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QCOMPARE(received.at(0).at(0).value<InboundMessage>().body, QByteArray("small"));
    QCOMPARE(m_source->droppedEventCount(), 1);
    QCOMPARE(m_source->state(), PushSource::State::Connected);
}

QTEST_GUILESS_MAIN(tst_SseSource)
#include "tst_ssesource.moc"
