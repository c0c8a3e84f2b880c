// A Server-Sent Events push server on the npm `better-sse` package (tests/integration/node/sse-server.js, started by a
// CTest fixture on 127.0.0.1), reached by SseSource through the same TodoPipeline the applications run: a pushed todo
// (pretty-printed JSON, so multi-line data) is stored once, only the configured event types become todos ("message"
// by default), a server restart mid-stream costs no todo and stores none twice (the reconnect sends Last-Event-ID and
// the server replays what came after it; no catch-up URL is configured), a 204 stops the source for good, the
// settings wiring (SourceFactory, its connection check) gives a 404 path and a URL that is not an event stream their
// clear errors, and `todo-notifier-cli listen --store --protocol sse` prints the todo.
#include "AutoDetectedSource.h"
#include "IntegrationHelpers.h"
#include "ingest/TodoIngestor.h"
#include "pipeline/SourceFactory.h"
#include "pipeline/TodoPipeline.h"
#include "sse/SseSource.h"
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

namespace {

constexpr int kWaitMs = 15000;

QJsonObject todo(const QString &id, const QString &title)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("title"), title},
            {QStringLiteral("handlerUrl"), QStringLiteral("/todo#/x?id=%1").arg(id)}};
}

} // namespace

class tst_Sse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void todoArrivesAndIsStoredOnce();
    void onlyTheConfiguredEventsBecomeTodos();
    void serverRestartCostsNoTodo();
    void noContentStopsForGood();
    void clearErrorsThroughTheSettings_data();
    void clearErrorsThroughTheSettings();
    void cliListenStorePrintsTodos();
    void autoFindsItFromTheUrl();

private:
    QUrl url(const QString &path = QStringLiteral("/events")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    QJsonDocument request(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    int push(const QString &event, const QJsonObject &data);
    SseSource *startSource(const QStringList &events);

    int m_port = 0;
    QNetworkAccessManager m_http;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TodoPipeline> m_pipeline;
};

void tst_Sse::initTestCase()
{
    m_port = portFrom("TODO_SSE_PORT_FILE");
    QVERIFY2(m_port > 0, "run through ctest: the sse_server fixture starts the server");
}

void tst_Sse::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pipeline = std::make_unique<TodoPipeline>();
}

void tst_Sse::cleanup()
{
    m_pipeline.reset();
    m_dir.reset();
}

QJsonDocument tst_Sse::request(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = method == "GET" ? m_http.get(request)
                                           : m_http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    const QJsonDocument answer = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return answer;
}

int tst_Sse::push(const QString &event, const QJsonObject &data)
{
    QJsonObject message {{QStringLiteral("data"), data}};
    if (!event.isEmpty())
        message.insert(QStringLiteral("event"), event);
    return request("POST", QStringLiteral("/control/push"), message).object().value(QStringLiteral("id")).toInt();
}

SseSource *tst_Sse::startSource(const QStringList &events)
{
    SseOptions options;
    options.connection.urls = {url()};
    options.connection.reconnect.initialDelayMs = 200;
    options.connection.reconnect.maxDelayMs = 1000;
    options.events = events;
    auto source = std::make_unique<SseSource>();
    source->setOptions(options);
    SseSource *raw = source.get();
    TodoOptions todo;
    todo.storePath = m_dir->filePath(QStringLiteral("todos.sqlite"));
    m_pipeline->open(todo); // no catch-up URL: whatever is recovered, Last-Event-ID recovers it
    m_pipeline->setSource(std::move(source));
    QSignalSpy connected(raw, &PushSource::connected);
    raw->start();
    if (!connected.wait(kWaitMs))
        return nullptr;
    return raw;
}

void tst_Sse::todoArrivesAndIsStoredOnce()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy updated(m_pipeline->ingestor(), &TodoIngestor::todosUpdated);
    SseSource *source = startSource({QStringLiteral("todo")});
    QVERIFY(source);
    QCOMPARE(source->session().protocol, QStringLiteral("sse"));
    QVERIFY2(source->session().transport.contains(QStringLiteral("text/event-stream")),
             qPrintable(source->session().transport));
    // Pretty-printed by the server: the todo comes as several data lines.
    const QJsonObject first = todo(QStringLiteral("s1"), QStringLiteral("采购审批 s1"));
    QVERIFY(push(QStringLiteral("todo"), first) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("s1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:s1"))->title, QStringLiteral("采购审批 s1"));
    const int before = m_pipeline->store()->count();
    QVERIFY(push(QStringLiteral("todo"), first) > 0); // pushed again
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("s1")), 1);
    QCOMPARE(m_pipeline->store()->count(), before);
    QVERIFY(source->commentCount() >= 1); // the server's ": connected"
}

void tst_Sse::onlyTheConfiguredEventsBecomeTodos()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QVERIFY(startSource({QStringLiteral("todo"), QStringLiteral("alert")}));
    QVERIFY(push(QStringLiteral("presence"), todo(QStringLiteral("p1"), QStringLiteral("not a todo event"))) > 0);
    QVERIFY(push(QString(), todo(QStringLiteral("m1"), QStringLiteral("a message event"))) > 0);
    QVERIFY(push(QStringLiteral("alert"), todo(QStringLiteral("a1"), QStringLiteral("an alert"))) > 0);
    QVERIFY(push(QStringLiteral("todo"), todo(QStringLiteral("t1"), QStringLiteral("a todo"))) > 0);
    // One stream, in order: once the last one is in, the others were read before it.
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("t1")), 1, kWaitMs);
    QCOMPARE(arrivals(arrived, QStringLiteral("a1")), 1);
    QCOMPARE(arrivals(arrived, QStringLiteral("p1")), 0);
    QCOMPARE(arrivals(arrived, QStringLiteral("m1")), 0);
    QVERIFY(!m_pipeline->store()->todo(QStringLiteral("id:p1")));
    QVERIFY(!m_pipeline->store()->todo(QStringLiteral("id:m1")));
}

void tst_Sse::serverRestartCostsNoTodo()
{
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    QSignalSpy updated(m_pipeline->ingestor(), &TodoIngestor::todosUpdated);
    SseSource *source = startSource({}); // the default: events without a type ("message")
    QVERIFY(source);
    QCOMPARE(source->events(), QStringList {QStringLiteral("message")});
    const int r1 = push(QString(), todo(QStringLiteral("r1"), QStringLiteral("before")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r1")), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(source->lastEventId(), QByteArray::number(r1), kWaitMs);
    QSignalSpy disconnected(source, &PushSource::disconnected);
    QSignalSpy connected(source, &PushSource::connected);
    request("POST", QStringLiteral("/control/restart?ms=1500"));
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    QCOMPARE(disconnected.at(0).at(0).value<PushError>().kind, PushError::Kind::ConnectionLost);
    // Pushed while the client is away (the server refuses streams for 1.5 s, 503: transient).
    QVERIFY(source->state() != PushSource::State::Connected);
    push(QString(), todo(QStringLiteral("r2"), QStringLiteral("while away")));
    push(QStringLiteral("presence"), todo(QStringLiteral("x1"), QStringLiteral("not a todo event")));
    push(QString(), todo(QStringLiteral("r3"), QStringLiteral("while away, too")));
    QVERIFY(source->state() != PushSource::State::Connected);
    QCOMPARE(arrivals(arrived, QStringLiteral("r2")), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), kWaitMs);
    QCOMPARE(connected.at(0).at(0).value<SourceSession>().details.value(QStringLiteral("resumed")).toBool(), true);
    // The reconnect said where it stopped; the server replayed what came after, and only that.
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r2")), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r3")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:r2"))->title, QStringLiteral("while away"));
    const QJsonArray streams = request("GET", QStringLiteral("/control/connections")).array();
    const QJsonObject last = streams.last().toObject();
    QCOMPARE(last.value(QStringLiteral("lastEventId")).toString(), QString::number(r1));
    QCOMPARE(last.value(QStringLiteral("replayed")).toInt(), 3);
    QCOMPARE(arrivals(arrived, QStringLiteral("r1")), 1);
    QCOMPARE(arrivals(arrived, QStringLiteral("x1")), 0);
    QVERIFY(updated.isEmpty()); // nothing came twice
    // And it goes on from there.
    push(QString(), todo(QStringLiteral("r4"), QStringLiteral("after")));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("r4")), 1, kWaitMs);
    QVERIFY(updated.isEmpty());
}

void tst_Sse::noContentStopsForGood()
{
    SseOptions options;
    options.connection.urls = {url(QStringLiteral("/stop"))};
    options.connection.reconnect.initialDelayMs = 200;
    SseSource source;
    source.setOptions(options);
    QSignalSpy errors(&source, &PushSource::errorOccurred);
    QSignalSpy reconnecting(&source, &PushSource::reconnecting);
    source.start();
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(source.state(), PushSource::State::Failed);
    QVERIFY2(source.lastError().message.contains(QStringLiteral("204")), qPrintable(source.lastError().message));
    QCOMPARE(reconnecting.size(), 0);
    QCOMPARE(source.attempt(), 0);
}

void tst_Sse::clearErrorsThroughTheSettings_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<PushError::Kind>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("404") << QStringLiteral("/no/such/stream") << PushError::Kind::PathNotFound
                         << QStringLiteral("no event stream at this path");
    QTest::newRow("not an event stream") << QStringLiteral("/plain") << PushError::Kind::NotThisProtocol
                                         << QStringLiteral("text/html");
}

void tst_Sse::clearErrorsThroughTheSettings()
{
    QFETCH(QString, path);
    QFETCH(PushError::Kind, kind);
    QFETCH(QString, says);
    const QMap<Settings::Key, QVariant> values {
        {Settings::Key::Protocol, QStringLiteral("sse")},
        {Settings::Key::ServerUrls, QStringList {url(path).toString()}},
        {Settings::Key::Events, QStringList {QStringLiteral("todo")}},
    };
    const SettingsView settings(
        [&values](Settings::Key key) { return values.value(key, Settings::definition(key).defaultValue); });
    std::unique_ptr<PushSource> source = SourceFactory::create(settings, {});
    QVERIFY(qobject_cast<SseSource *>(source.get()));
    QCOMPARE(static_cast<SseSource *>(source.get())->options().events, QStringList {QStringLiteral("todo")});
    QSignalSpy errors(source.get(), &PushSource::errorOccurred);
    source->start();
    QVERIFY(errors.wait(kWaitMs));
    const PushError error = errors.at(0).at(0).value<PushError>();
    QCOMPARE(error.kind, kind);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QVERIFY(!error.isTransient());
    source->stop();

    // The settings dialog's "Test connection" says the same.
    std::unique_ptr<ConnectionCheck> check = SourceFactory::createCheck(settings, {});
    QSignalSpy finished(check.get(), &ConnectionCheck::finished);
    check->start();
    QVERIFY(finished.wait(kWaitMs));
    const auto results = finished.at(0).at(0).value<QList<ConnectionCheck::Result>>();
    QCOMPARE(results.size(), 1);
    QVERIFY(!results.at(0).ok);
    QCOMPARE(results.at(0).error.kind, kind);
}

void tst_Sse::cliListenStorePrintsTodos()
{
    QProcess cli;
    cli.start(qEnvironmentVariable("TODO_CLI"),
              {QStringLiteral("listen"), QStringLiteral("--protocol"), QStringLiteral("sse"), QStringLiteral("--url"),
               url().toString(), QStringLiteral("--event"), QStringLiteral("todo"), QStringLiteral("--store"),
               m_dir->filePath(QStringLiteral("cli.sqlite")), QStringLiteral("--count"), QStringLiteral("1"),
               QStringLiteral("--timeout"), QStringLiteral("20")});
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += cli.readAllStandardOutput()).contains("\"event\":\"connected\""), kWaitMs);
    QVERIFY2(out.contains("\"protocol\":\"sse\""), out.constData());
    push(QStringLiteral("other"), todo(QStringLiteral("c0"), QStringLiteral("not for the CLI")));
    push(QStringLiteral("todo"), todo(QStringLiteral("c1"), QStringLiteral("命令行")));
    QVERIFY(cli.waitForFinished(30000));
    out += cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, QByteArray(out + cli.readAllStandardError()).constData());
    QJsonObject todoEvent;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("todo"))
            todoEvent = event;
    }
    QVERIFY2(!todoEvent.isEmpty(), out.constData());
    const QJsonObject stored = todoEvent.value(QStringLiteral("todo")).toObject();
    QCOMPARE(stored.value(QStringLiteral("key")).toString(), QStringLiteral("id:c1"));
    QCOMPARE(stored.value(QStringLiteral("title")).toString(), QStringLiteral("命令行"));
    QVERIFY(!out.contains("c0"));
}

void tst_Sse::autoFindsItFromTheUrl()
{
    // The URL a person has (http://host/events) and the event type, nothing else: auto finds an event stream.
    TodoOptions options;
    options.storePath = m_dir->filePath(QStringLiteral("auto.sqlite"));
    m_pipeline->open(options);
    m_pipeline->setSource(autoDetectedSource(url(), {{Settings::Key::Events, QStringList {QStringLiteral("todo")}}}));
    QSignalSpy connected(m_pipeline->source(), &PushSource::connected);
    QSignalSpy arrived(m_pipeline->ingestor(), &TodoIngestor::todoArrived);
    m_pipeline->source()->start();
    QVERIFY(connected.wait(kWaitMs));
    QCOMPARE(autoFound(m_pipeline->source()), QStringLiteral("sse"));
    QVERIFY2(m_pipeline->source()->session().summary.contains(QLatin1String("event stream")),
             qPrintable(m_pipeline->source()->session().summary));
    QVERIFY(push(QStringLiteral("todo"), todo(QStringLiteral("auto-s1"), QStringLiteral("自动 s1"))) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals(arrived, QStringLiteral("auto-s1")), 1, kWaitMs);
    QCOMPARE(m_pipeline->store()->todo(QStringLiteral("id:auto-s1"))->title, QStringLiteral("自动 s1"));
}

QTEST_GUILESS_MAIN(tst_Sse)
#include "tst_sse.moc"
