// A Socket.IO 4 server on npm `socket.io` (tests/integration/node/socketio-server.js, started by CTest fixtures on
// 127.0.0.1 with a 400 ms ping interval), reached by SocketIoSource through the same TodoPipeline the applications
// run: a todo emitted as an object or as a JSON string is stored once, only the configured events count (and an
// event that asks for an acknowledgement gets one), the namespace's auth payload is sent and a wrong one is refused
// as an authentication failure, answering the server's pings keeps the connection up for many ping intervals, a
// server that refuses a direct WebSocket is reached through the long-polling handshake and its upgrade, a path with
// no Engine.IO is PathNotFound, and a server restart costs no todo (the catch-up URL brings back what was emitted
// while the client was away) and stores none twice, and a dropped connection comes back to the same session, whose
// missed broadcasts the server replays (connection state recovery), stored once. The CLI checks the same server.
#include "AutoDetectedSource.h"
#include "IntegrationHelpers.h"
#include "ingest/CatchUp.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/TodoPipeline.h"
#include "socketio/SocketIoSource.h"
#include "store/TodoStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {

constexpr int kWaitMs = 15000;

QByteArray todoJson(const QString &id, const QString &title)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("id"), id},
                                      {QStringLiteral("title"), title},
                                      {QStringLiteral("handlerUrl"), QStringLiteral("/todo#/x?id=%1").arg(id)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_SocketIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void todoArrivesAndIsStoredOnce();
    void onlyTheConfiguredEventsCount();
    void namespaceAuthIsSentAndAWrongOneRefused();
    void pingsKeepItConnected();
    void refusedWebSocketTakesTheLongPollingHandshake();
    void pathWithoutEngineIoIsNotFound();
    void serverRestartCostsNoTodo();
    void droppedConnectionIsRecoveredWithItsReplay();
    void cliChecksTheNamespace();
    void autoFindsItFromTheUrl();

private:
    QUrl url(const QString &path = QStringLiteral("/"), const QString &query = {}) const;
    QJsonObject post(const QString &path, const QByteArray &body = {});
    QJsonObject state();
    // The server's record of the Engine.IO session whose handshake query held client=`client`.
    QJsonObject session(const QString &client);
    // How many requests of that client the server refused.
    int refusals(const QString &client);
    SocketIoSource *startSource(SocketIoOptions options);

    int m_port = 0;
    QNetworkAccessManager m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TodoPipeline> m_pipeline;
};

void tst_SocketIo::initTestCase()
{
    m_port = portFrom("TODO_SOCKETIO_PORT_FILE");
    QVERIFY2(m_port > 0, "run through ctest: the socketio_server fixture starts the server");
}

void tst_SocketIo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pipeline = std::make_unique<TodoPipeline>();
}

void tst_SocketIo::cleanup()
{
    m_pipeline.reset();
    m_dir.reset();
}

QUrl tst_SocketIo::url(const QString &path, const QString &query) const
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QJsonObject tst_SocketIo::post(const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_http.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

QJsonObject tst_SocketIo::state()
{
    QNetworkReply *reply =
        m_http.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/control/state").arg(m_port))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

QJsonObject tst_SocketIo::session(const QString &client)
{
    const QJsonArray sessions = state().value(QStringLiteral("sessions")).toArray();
    for (qsizetype i = sessions.size() - 1; i >= 0; --i) {
        const QJsonObject record = sessions.at(i).toObject();
        if (record.value(QStringLiteral("query")).toObject().value(QStringLiteral("client")).toString() == client)
            return record;
    }
    return {};
}

int tst_SocketIo::refusals(const QString &client)
{
    int count = 0;
    for (const QJsonValue &refusal : state().value(QStringLiteral("refusals")).toArray())
        count += refusal.toObject().value(QStringLiteral("query")).toObject().value(QStringLiteral("client")).toString()
                == client
            ? 1
            : 0;
    return count;
}

SocketIoSource *tst_SocketIo::startSource(SocketIoOptions options)
{
    if (options.connection.urls.isEmpty())
        options.connection.urls = {url()};
    options.connection.reconnect.initialDelayMs = 200;
    options.connection.reconnect.maxDelayMs = 1000;
    auto source = std::make_unique<SocketIoSource>();
    source->setOptions(options);
    SocketIoSource *raw = source.get();
    TodoOptions todo;
    todo.storePath = m_dir->filePath(QStringLiteral("todos.sqlite"));
    todo.pendingListUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/pending").arg(m_port));
    m_pipeline->open(todo);
    m_pipeline->setSource(std::move(source));
    QSignalSpy connected(raw, &PushSource::connected);
    raw->start();
    if (!connected.wait(kWaitMs))
        return nullptr;
    return raw;
}

void tst_SocketIo::todoArrivesAndIsStoredOnce()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy updated(m_pipeline->ingestor(), &TodoIngestor::todosUpdated);
    SocketIoOptions options;
    options.connection.urls = {url(QStringLiteral("/"), QStringLiteral("client=basic"))};
    SocketIoSource *source = startSource(options);
    QVERIFY(source);
    QCOMPARE(source->session().protocol, QStringLiteral("socketio"));
    QCOMPARE(source->session().details.value(QStringLiteral("namespace")).toString(), QStringLiteral("/"));
    QCOMPARE(source->session().details.value(QStringLiteral("pingIntervalMs")).toInt(), 400);
    QCOMPARE(source->session().details.value(QStringLiteral("upgradedFromPolling")).toBool(), false);
    QCOMPARE(session(QStringLiteral("basic")).value(QStringLiteral("transport")).toString(),
             QStringLiteral("websocket")); // a direct WebSocket: no long-polling on the way

    // An object: its JSON is the payload.
    const QByteArray object = todoJson(QStringLiteral("sio-obj-1"), QStringLiteral("采购审批 object"));
    QCOMPARE(post(QStringLiteral("/control/emit"), object).value(QStringLiteral("receivers")).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-obj-1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:sio-obj-1"))->title, QStringLiteral("采购审批 object"));
    // A string holding the JSON (what servers that JSON.stringify before emitting send).
    post(QStringLiteral("/control/emit?as=string"),
         todoJson(QStringLiteral("sio-str-1"), QStringLiteral("请假申请 string")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-str-1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:sio-str-1"))->title, QStringLiteral("请假申请 string"));

    // Emitted again: an update, not a second todo.
    QTRY_VERIFY_WITH_TIMEOUT(!m_pipeline->catchUp()->isBusy(), kWaitMs);
    const int before = m_pipeline->store()->count();
    updated.clear();
    post(QStringLiteral("/control/emit"), object);
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-obj-1")), 1);
    QCOMPARE(m_pipeline->store()->count(), before);
}

void tst_SocketIo::onlyTheConfiguredEventsCount()
{
    SocketIoOptions options;
    options.events = {QStringLiteral("todo")};
    SocketIoSource *source = startSource(options);
    QVERIFY(source);
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy received(source, &PushSource::messageReceived);
    const int acksBefore = state().value(QStringLiteral("acks")).toInt();
    // Another event first (not kept for the catch-up), then a todo event that asks for an acknowledgement: one
    // connection keeps the order, so once the todo is there the other one was seen and dropped.
    post(QStringLiteral("/control/emit?event=notice&keep=0"),
         todoJson(QStringLiteral("sio-notice-1"), QStringLiteral("not a todo event")));
    post(QStringLiteral("/control/emit?event=todo&ack=1"),
         todoJson(QStringLiteral("sio-event-1"), QStringLiteral("a todo event")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-event-1")), 1, kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-notice-1")), 0);
    QVERIFY(!m_pipeline->store()->todo(QStringLiteral("id:sio-notice-1")));
    QCOMPARE(received.size(), 1);
    const InboundMessage message = received.at(0).at(0).value<InboundMessage>();
    QCOMPARE(message.channel, QByteArray("todo"));
    QVERIFY(!message.needsSettle);
    // The server heard the acknowledgement it asked for.
    QTRY_COMPARE_WITH_TIMEOUT(state().value(QStringLiteral("acks")).toInt(), acksBefore + 1, kWaitMs);
}

void tst_SocketIo::namespaceAuthIsSentAndAWrongOneRefused()
{
    SocketIoOptions options;
    options.connection.urls = {url(QStringLiteral("/todos"))};
    options.auth = {{QStringLiteral("token"), QStringLiteral("letmein")}};
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    SocketIoSource *source = startSource(options);
    QVERIFY(source);
    QCOMPARE(source->session().details.value(QStringLiteral("namespace")).toString(), QStringLiteral("/todos"));
    const QJsonArray sockets = state().value(QStringLiteral("sockets")).toArray();
    QVERIFY(!sockets.isEmpty());
    const QJsonObject socket = sockets.last().toObject();
    QCOMPARE(socket.value(QStringLiteral("nsp")).toString(), QStringLiteral("/todos"));
    QCOMPARE(socket.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString(),
             QStringLiteral("letmein"));
    // Emitted to the namespace: it arrives; emitted to the default namespace: this client is not there.
    post(QStringLiteral("/control/emit?nsp=/&keep=0"), todoJson(QStringLiteral("sio-root-1"), QStringLiteral("root")));
    post(QStringLiteral("/control/emit?nsp=/todos"), todoJson(QStringLiteral("sio-ns-1"), QStringLiteral("in /todos")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-ns-1")), 1, kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-root-1")), 0);

    // A wrong token: the namespace's middleware refuses, and that is an authentication failure, said clearly.
    SocketIoOptions wrong = options;
    wrong.auth = {{QStringLiteral("token"), QStringLiteral("guess")}};
    wrong.connection.reconnect.maxAttempts = 1;
    SocketIoSource refused;
    refused.setOptions(wrong);
    QSignalSpy errors(&refused, &PushSource::errorOccurred);
    QSignalSpy connected(&refused, &PushSource::connected);
    refused.start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.state(), PushSource::State::Failed, kWaitMs);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(refused.lastError().kind, PushError::Kind::AuthFailed);
    QVERIFY(!errors.isEmpty());
    const PushError first = errors.first().first().value<PushError>();
    QCOMPARE(first.kind, PushError::Kind::AuthFailed);
    QVERIFY2(first.message.contains(QLatin1String("/todos"))
                 && first.message.contains(QLatin1String("not authorized: bad or missing token")),
             qPrintable(first.message));
}

void tst_SocketIo::pingsKeepItConnected()
{
    SocketIoOptions options;
    options.connection.urls = {url(QStringLiteral("/"), QStringLiteral("client=pings"))};
    SocketIoSource *source = startSource(options);
    QVERIFY(source);
    // Silence limit: 400 ms interval + 1000 ms timeout. Eight pongs are 3.2 s: past two silence limits, with the
    // server's pings as the only traffic.
    QCOMPARE(source->session().details.value(QStringLiteral("pingTimeoutMs")).toInt(), 1000);
    QSignalSpy lost(source, &PushSource::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(session(QStringLiteral("pings")).value(QStringLiteral("pongs")).toInt() >= 8, kWaitMs);
    QCOMPARE(lost.size(), 0);
    QCOMPARE(source->state(), PushSource::State::Connected);
}

void tst_SocketIo::refusedWebSocketTakesTheLongPollingHandshake()
{
    // This server lets the client in only through a long-polling session (direct=refuse): the direct WebSocket gets
    // HTTP 400, the polling handshake opens the session, and its upgrade to WebSocket carries the events.
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    SocketIoOptions options;
    options.connection.urls = {url(QStringLiteral("/"), QStringLiteral("direct=refuse&client=polling"))};
    SocketIoSource *source = startSource(options);
    QVERIFY(source);
    QCOMPARE(source->session().details.value(QStringLiteral("upgradedFromPolling")).toBool(), true);
    const QJsonObject record = session(QStringLiteral("polling"));
    QCOMPARE(record.value(QStringLiteral("transport")).toString(), QStringLiteral("polling"));
    QCOMPARE(record.value(QStringLiteral("upgraded")).toBool(), true);
    post(QStringLiteral("/control/emit"), todoJson(QStringLiteral("sio-poll-1"), QStringLiteral("after the upgrade")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-poll-1")), 1, kWaitMs);
    // The upgraded session answers pings like any other.
    QTRY_VERIFY_WITH_TIMEOUT(session(QStringLiteral("polling")).value(QStringLiteral("pongs")).toInt() >= 3, kWaitMs);
    QCOMPARE(source->state(), PushSource::State::Connected);

    // The next connection takes the polling handshake first: no refused WebSocket on the way.
    const int refusalsBefore = refusals(QStringLiteral("polling"));
    QVERIFY(refusalsBefore >= 1);
    QSignalSpy connected(source, &PushSource::connected);
    source->reconnectNow();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(source->session().details.value(QStringLiteral("upgradedFromPolling")).toBool(), true);
    QCOMPARE(refusals(QStringLiteral("polling")), refusalsBefore);
}

void tst_SocketIo::pathWithoutEngineIoIsNotFound()
{
    // Engine.IO mounted elsewhere than the URL says: the server leaves the WebSocket unanswered, the polling
    // handshake gets the application's 404.
    SocketIoOptions options;
    options.connection.urls = {url(QStringLiteral("/elsewhere/socket.io/"))};
    options.connection.reconnect.maxAttempts = 1;
    SocketIoSource source;
    source.setOptions(options);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), PushSource::State::Failed, kWaitMs);
    QCOMPARE(source.lastError().kind, PushError::Kind::PathNotFound);
}

void tst_SocketIo::serverRestartCostsNoTodo()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    SocketIoSource *source = startSource({});
    QVERIFY(source);
    post(QStringLiteral("/control/emit"), todoJson(QStringLiteral("sio-r1"), QStringLiteral("before")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-r1")), 1, kWaitMs);
    const int fetchesBefore = m_pipeline->catchUp()->fetchCount();
    QSignalSpy disconnected(source, &PushSource::disconnected);
    QSignalSpy connected(source, &PushSource::connected);
    post(QStringLiteral("/control/restart?ms=1500"));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::ConnectionLost);
    // Emitted while the client is away (the server refuses it for 1.5 s): only the pending list has it.
    QVERIFY(source->state() != PushSource::State::Connected);
    QCOMPARE(post(QStringLiteral("/control/emit"), todoJson(QStringLiteral("sio-r2"), QStringLiteral("while away")))
                 .value(QStringLiteral("receivers"))
                 .toInt(),
             0);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-r2")), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), kWaitMs);
    // The catch-up after the reconnect brings it; what was there already is not stored again.
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-r2")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:sio-r2"))->title, QStringLiteral("while away"));
    QTRY_VERIFY_WITH_TIMEOUT(m_pipeline->catchUp()->fetchCount() > fetchesBefore, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_pipeline->catchUp()->isBusy(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-r1")), 1);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-r2")), 1);
}

void tst_SocketIo::droppedConnectionIsRecoveredWithItsReplay()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    SocketIoSource *source = startSource({});
    QVERIFY(source);
    QCOMPARE(source->session().details.value(QStringLiteral("recovered")).toBool(), false);
    // Not kept in the pending list (keep=0): only the server's replay can bring back what the client misses.
    post(QStringLiteral("/control/emit?keep=0"), todoJson(QStringLiteral("sio-rec1"), QStringLiteral("before")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-rec1")), 1, kWaitMs);
    QSignalSpy disconnected(source, &PushSource::disconnected);
    QSignalSpy connected(source, &PushSource::connected);
    post(QStringLiteral("/control/restart?ms=1500&mode=drop"));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    QCOMPARE(disconnected.first().first().value<PushError>().kind, PushError::Kind::ConnectionLost);
    QCOMPARE(
        post(QStringLiteral("/control/emit?keep=0"), todoJson(QStringLiteral("sio-rec2"), QStringLiteral("missed")))
            .value(QStringLiteral("receivers"))
            .toInt(),
        0);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-rec2")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:sio-rec2"))->title, QStringLiteral("missed"));
    QCOMPARE(source->session().details.value(QStringLiteral("recovered")).toBool(), true);
    const QJsonArray sockets = state().value(QStringLiteral("sockets")).toArray();
    QVERIFY(!sockets.isEmpty());
    QCOMPARE(sockets.last().toObject().value(QStringLiteral("recovered")).toBool(), true);
    // Live again: the next broadcast arrives, and nothing came twice.
    post(QStringLiteral("/control/emit?keep=0"), todoJson(QStringLiteral("sio-rec3"), QStringLiteral("after")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-rec3")), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_pipeline->catchUp()->isBusy(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-rec1")), 1);
    QCOMPARE(arrivals(arrived, QStringLiteral("sio-rec2")), 1);
}

void tst_SocketIo::cliChecksTheNamespace()
{
    const QString cliPath = qEnvironmentVariable("TODO_CLI");
    QVERIFY2(!cliPath.isEmpty(), "TODO_CLI is set by ctest");
    auto check = [&](const QString &token, QString *out, QString *err, const QStringList &extra = {}) {
        const QString where = extra.isEmpty() ? url(QStringLiteral("/todos")).toString() : url().toString();
        QProcess cli;
        cli.start(cliPath,
                  QStringList {QStringLiteral("check"), QStringLiteral("--protocol"), QStringLiteral("socketio"),
                               QStringLiteral("--url"), where, QStringLiteral("--header"),
                               QStringLiteral("token:") + token, QStringLiteral("--timeout"), QStringLiteral("15")}
                      + extra);
        if (!cli.waitForFinished(30000))
            return -1;
        *out = QString::fromUtf8(cli.readAllStandardOutput());
        *err = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    QString out;
    QString err;
    QCOMPARE(check(QStringLiteral("letmein"), &out, &err), 0);
    QVERIFY2(out.contains(QLatin1String("Socket.IO 4, namespace /todos")), qPrintable(out + err));
    QCOMPARE(check(QStringLiteral("guess"), &out, &err), 5); // authentication failed
    QVERIFY2(err.contains(QLatin1String("auth-failed")), qPrintable(err));
    // --namespace names it when the URL has no path.
    QCOMPARE(check(QStringLiteral("guess"), &out, &err, {QStringLiteral("--namespace"), QStringLiteral("/todos")}), 5);
    QCOMPARE(check(QStringLiteral("letmein"), &out, &err, {QStringLiteral("--namespace"), QStringLiteral("/todos")}),
             0);
    QVERIFY2(out.contains(QLatin1String("Socket.IO 4, namespace /todos")), qPrintable(out + err));
}

void tst_SocketIo::autoFindsItFromTheUrl()
{
    // The URL a person has (http://host:port) and nothing else: auto finds Engine.IO's handshake at /socket.io/.
    TodoOptions options;
    options.storePath = m_dir->filePath(QStringLiteral("auto.sqlite"));
    m_pipeline->open(options);
    m_pipeline->setSource(autoDetectedSource(url(QStringLiteral("/"))));
    QSignalSpy connected(m_pipeline->source(), &PushSource::connected);
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    m_pipeline->source()->start();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(autoFound(m_pipeline->source()), QStringLiteral("socketio"));
    QVERIFY2(m_pipeline->source()->session().summary.contains(QLatin1String("Engine.IO")),
             qPrintable(m_pipeline->source()->session().summary));
    post(QStringLiteral("/control/emit"), todoJson(QStringLiteral("sio-auto-1"), QStringLiteral("自动")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("sio-auto-1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:sio-auto-1"))->title, QStringLiteral("自动"));
}

QTEST_GUILESS_MAIN(tst_SocketIo)
#include "tst_socketio.moc"
