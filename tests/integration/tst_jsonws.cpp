// A plain JSON WebSocket push server on npm `ws` (tests/integration/node/json-ws-server.js, started by CTest fixtures
// on 127.0.0.1), reached by JsonWebSocketSource through the same TodoPipeline the applications run: a pushed todo is
// stored once (a greeting in plain text is not a todo, a re-push is an update), a server that routes by client id
// pushes only after the open message, keep-alive replies keep the connection up, and a server restart costs no todo:
// what was pushed while the client was away comes back through the catch-up URL, and nothing is stored twice.
#include "AutoDetectedSource.h"
#include "IntegrationHelpers.h"
#include "ingest/CatchUp.h"
#include "ingest/TodoIngestor.h"
#include "jsonws/JsonWebSocketSource.h"
#include "model/TodoModel.h"
#include "pipeline/TodoPipeline.h"
#include "source/SourceSettings.h"
#include "store/TodoStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

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

class tst_JsonWs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void todoArrivesAndIsStoredOnce();
    void pushesOnlyAfterTheOpenMessage();
    void keepAliveRepliesKeepItUp();
    void serverRestartCostsNoTodo();
    void cliSendQueuesWhileTheServerIsAway();
    void cliCheckSaysWhatItFound();
    void autoFindsItFromTheUrl();

private:
    QUrl wsUrl(int port) const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)); }
    QByteArray post(int port, const QString &path, const QByteArray &body = {});
    QJsonArray connections(int port);
    JsonWebSocketSource *startSource(int port, JsonWebSocketOptions options = {});

    int m_plainPort = 0;
    int m_openPort = 0;
    int m_keepAlivePort = 0;
    QNetworkAccessManager m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TodoPipeline> m_pipeline;
};

void tst_JsonWs::initTestCase()
{
    m_plainPort = portFrom("TODO_JSONWS_PLAIN_PORT_FILE");
    m_openPort = portFrom("TODO_JSONWS_OPEN_PORT_FILE");
    m_keepAlivePort = portFrom("TODO_JSONWS_KEEPALIVE_PORT_FILE");
    QVERIFY2(m_plainPort > 0 && m_openPort > 0 && m_keepAlivePort > 0,
             "run through ctest: the json_ws fixtures start the servers");
}

void tst_JsonWs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pipeline = std::make_unique<TodoPipeline>();
}

void tst_JsonWs::cleanup()
{
    m_pipeline.reset();
    m_dir.reset();
}

QByteArray tst_JsonWs::post(int port, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_http.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return answer;
}

QJsonArray tst_JsonWs::connections(int port)
{
    QNetworkReply *reply =
        m_http.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/control/connections").arg(port))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    const QJsonArray list = QJsonDocument::fromJson(reply->readAll()).array();
    reply->deleteLater();
    return list;
}

JsonWebSocketSource *tst_JsonWs::startSource(int port, JsonWebSocketOptions options)
{
    options.connection.urls = {wsUrl(port)};
    options.connection.reconnect.initialDelayMs = 200;
    options.connection.reconnect.maxDelayMs = 1000;
    options.transport.subprotocols.clear();
    auto source = std::make_unique<JsonWebSocketSource>();
    source->setOptions(options);
    JsonWebSocketSource *raw = source.get();
    TodoOptions todo;
    todo.storePath = m_dir->filePath(QStringLiteral("todos.sqlite"));
    todo.pendingListUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/pending").arg(port));
    m_pipeline->open(todo);
    m_pipeline->setSource(std::move(source));
    QSignalSpy connected(raw, &PushSource::connected);
    raw->start();
    if (!connected.wait(kWaitMs))
        return nullptr;
    return raw;
}

void tst_JsonWs::todoArrivesAndIsStoredOnce()
{
    // The plain server greets every connection with plain text first: not a todo.
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy updated(m_pipeline->ingestor(), &TodoIngestor::todosUpdated);
    JsonWebSocketSource *source = startSource(m_plainPort);
    QVERIFY(source);
    QCOMPARE(source->session().protocol, QStringLiteral("json-ws"));
    const QByteArray first = todoJson(QStringLiteral("a1"), QStringLiteral("采购审批 a1"));
    post(m_plainPort, QStringLiteral("/control/push"), first);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("a1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:a1"))->title, QStringLiteral("采购审批 a1"));
    const int before = m_pipeline->store()->count();
    post(m_plainPort, QStringLiteral("/control/push"), first); // pushed again
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("a1")), 1);
    QCOMPARE(m_pipeline->store()->count(), before);
    // Only todos: the plain-text greeting is not among them.
    for (const QList<QVariant> &args : std::as_const(arrived))
        QVERIFY(args.first().value<Todo>().kind == Todo::Kind::Json);
}

void tst_JsonWs::pushesOnlyAfterTheOpenMessage()
{
    JsonWebSocketOptions options;
    options.openMessage = QStringLiteral(R"({"clientId":"{clientId}","user":"{login}"})");
    options.login = QStringLiteral("alice");
    options.clientId = SourceSettings::stableClientId(options.login);
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QVERIFY(startSource(m_openPort, options));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QJsonArray list = connections(m_openPort);
            return !list.isEmpty()
                && list.last().toObject().value(QStringLiteral("clientId")).toString() == options.clientId;
        }(),
        kWaitMs);
    QVERIFY(options.clientId.startsWith(QStringLiteral("todo-notifier-")));
    QCOMPARE(SourceSettings::stableClientId(QStringLiteral("alice")), options.clientId); // the same every time
    post(m_openPort, QStringLiteral("/control/push"), todoJson(QStringLiteral("o1"), QStringLiteral("for alice")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("o1")), 1, kWaitMs);
}

void tst_JsonWs::keepAliveRepliesKeepItUp()
{
    JsonWebSocketOptions options;
    options.keepAliveMessage = QStringLiteral(R"({"keepalive":"live"})");
    options.keepAliveIntervalMs = 1000; // silence limit: 3 s
    JsonWebSocketSource *source = startSource(m_keepAlivePort, options);
    QVERIFY(source);
    QSignalSpy keepAlives(m_pipeline->ingestor(), &TodoIngestor::keepAliveReceived);
    QSignalSpy lost(source, &PushSource::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(keepAlives.size() >= 5, kWaitMs); // five intervals, past the silence limit
    QCOMPARE(lost.size(), 0);
    QCOMPARE(source->state(), PushSource::State::Connected);
}

void tst_JsonWs::serverRestartCostsNoTodo()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    JsonWebSocketSource *source = startSource(m_plainPort);
    QVERIFY(source);
    post(m_plainPort, QStringLiteral("/control/push"), todoJson(QStringLiteral("r1"), QStringLiteral("before")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r1")), 1, kWaitMs);
    const int fetchesBefore = m_pipeline->catchUp()->fetchCount();
    QSignalSpy disconnected(source, &PushSource::disconnected);
    QSignalSpy connected(source, &PushSource::connected);
    post(m_plainPort, QStringLiteral("/control/restart?ms=1500"));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    // Pushed while the client is away (the server refuses connections for 1.5 s): only the server's pending list
    // has it for this client.
    QVERIFY(source->state() != PushSource::State::Connected);
    post(m_plainPort, QStringLiteral("/control/push"), todoJson(QStringLiteral("r2"), QStringLiteral("while away")));
    QVERIFY(source->state() != PushSource::State::Connected);
    QCOMPARE(arrivals(arrived, QStringLiteral("r2")), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), kWaitMs);
    // The catch-up after the reconnect brings it; what was there already is not stored again.
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r2")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:r2"))->title, QStringLiteral("while away"));
    QTRY_VERIFY_WITH_TIMEOUT(m_pipeline->catchUp()->fetchCount() > fetchesBefore, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_pipeline->catchUp()->isBusy(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("r1")), 1);
    QCOMPARE(arrivals(arrived, QStringLiteral("r2")), 1);
}

void tst_JsonWs::cliSendQueuesWhileTheServerIsAway()
{
    const QString outbox = m_dir->filePath(QStringLiteral("outbox.json"));
    const auto send = [&](const QUrl &url, const QString &body, QString *out, QString *err) {
        QProcess cli;
        cli.start(qEnvironmentVariable("TODO_CLI"),
                  {QStringLiteral("send"), QStringLiteral("--protocol"), QStringLiteral("json-ws"),
                   QStringLiteral("--url"), url.toString(), QStringLiteral("--outbox"), outbox,
                   QStringLiteral("--timeout"), QStringLiteral("3"), body});
        if (!cli.waitForFinished(30000))
            return -1;
        *out = QString::fromUtf8(cli.readAllStandardOutput());
        *err = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    // Nobody listens on this port: the message waits in the outbox, and the command says so.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QUrl away = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(closed.serverPort()));
    closed.close();
    QString out;
    QString err;
    const int code = send(away, QStringLiteral(R"({"approve":"queued-1"})"), &out, &err);
    QVERIFY2(code == 7 || code == 3, qPrintable(QString::number(code) + out + err)); // timeout, or unreachable
    QVERIFY2(err.contains(QStringLiteral("messages not sent yet: 1, kept in")), qPrintable(err));
    QVERIFY(QFile::exists(outbox));

    // The next send reaches the server: the queued message goes first, then its own; the outbox is empty.
    const int sent = send(wsUrl(m_plainPort), QStringLiteral(R"({"approve":"now-2"})"), &out, &err);
    QVERIFY2(sent == 0, qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("sent a message queued earlier")) && out.contains(QStringLiteral("\nsent")),
             qPrintable(out));
    QVERIFY(!QFile::exists(outbox));
    QStringList received;
    for (const QJsonValue &connection : connections(m_plainPort))
        for (const QJsonValue &message : connection.toObject().value(QLatin1String("received")).toArray())
            received.append(message.toString());
    const qsizetype first = received.indexOf(QStringLiteral(R"({"approve":"queued-1"})"));
    QVERIFY2(first >= 0 && received.value(first + 1) == QStringLiteral(R"({"approve":"now-2"})"),
             qPrintable(received.join(QLatin1Char('|'))));
}

void tst_JsonWs::cliCheckSaysWhatItFound()
{
    const auto check = [&](const QStringList &extra, QString *out, QString *err) {
        QProcess cli;
        cli.start(qEnvironmentVariable("TODO_CLI"),
                  QStringList {QStringLiteral("check"), QStringLiteral("--url"), wsUrl(m_plainPort).toString(),
                               QStringLiteral("--timeout"), QStringLiteral("10")}
                      + extra);
        if (!cli.waitForFinished(30000))
            return -1;
        *out = QString::fromUtf8(cli.readAllStandardOutput());
        *err = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    QString out;
    QString err;
    // auto (the default): a plain WebSocket, and why.
    QCOMPARE(check({}, &out, &err), 0);
    QVERIFY2(out.contains(QLatin1String("plain WebSocket")) && out.contains(QLatin1String("(auto: ")), qPrintable(out));
    // Told to speak STOMP to it: the server's greeting is no STOMP frame, which retrying cannot fix (exit 9).
    QCOMPARE(check({QStringLiteral("--protocol"), QStringLiteral("stomp")}, &out, &err), 9);
    QVERIFY2(err.contains(QLatin1String("(protocol-error)")) && err.contains(QLatin1String("retrying cannot fix")),
             qPrintable(err));
}

void tst_JsonWs::autoFindsItFromTheUrl()
{
    // The URL a person has (ws://host:port/) and nothing else: auto finds a plain WebSocket although the server
    // accepted the STOMP subprotocols it was offered, and the todo arrives once.
    TodoOptions todo;
    todo.storePath = m_dir->filePath(QStringLiteral("auto.sqlite"));
    m_pipeline->open(todo);
    m_pipeline->setSource(autoDetectedSource(wsUrl(m_plainPort)));
    QSignalSpy connected(m_pipeline->source(), &PushSource::connected);
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    m_pipeline->source()->start();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(autoFound(m_pipeline->source()), QStringLiteral("json-ws"));
    QVERIFY2(m_pipeline->source()->session().summary.contains(QLatin1String("auto: ")),
             qPrintable(m_pipeline->source()->session().summary));
    post(m_plainPort, QStringLiteral("/control/push"), todoJson(QStringLiteral("auto1"), QStringLiteral("自动 auto1")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("auto1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:auto1"))->title, QStringLiteral("自动 auto1"));
}

QTEST_GUILESS_MAIN(tst_JsonWs)
#include "tst_jsonws.moc"
