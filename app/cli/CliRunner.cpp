#include "CliRunner.h"

#include "DemoPushServer.h"
#include "ingest/CatchUp.h"
#include "ingest/TodoIngestor.h"
#include "jsonws/JsonWebSocketSource.h"
#include "pipeline/AutoSource.h"
#include "pipeline/TodoPipeline.h"
#include "socketio/SocketIoSettings.h"
#include "socketio/SocketIoSource.h"
#include "source/OutgoingQueue.h"
#include "source/SourceSettings.h"
#include "sse/SseSource.h"
#include "stomp/StompDestination.h"
#include "stomp/StompPushSource.h"
#include "store/TodoStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace {

void printLine(const QByteArray &line, FILE *stream = stdout)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

CliRunner::CliRunner(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &CliRunner::onDeadline);
}

CliRunner::~CliRunner() = default;

bool CliRunner::start()
{
    StompConnectOptions connect = m_options.connect;
    if (m_options.demo) {
        m_demo = std::make_unique<DemoPushServer>();
        if (!m_demo->listen(QHostAddress::LocalHost, 0)) {
            printLine(tr("error: cannot start the demo server").toUtf8(), stderr);
            return false;
        }
        const QUrl url =
            m_demo->url(DemoProtocol::fromName(m_options.demoProtocol).value_or(DemoProtocol::Kind::Stomp));
        connect.urls = {url};
        std::fprintf(stderr, "%s\n",
                     qPrintable(tr("demo push server (a test double, not a broker) speaking %1 on %2")
                                    .arg(m_options.demoProtocol, url.toString())));
    }
    // A failure that retrying cannot fix (a wrong path, TLS rejected, not this protocol) ends the command after a
    // few identical ones, with its exit code, instead of retrying slowly for ever as the tray application does.
    connect.reconnect.giveUpWhenAttentionNeeded = true;
    if (m_options.command != CliOptions::Command::Listen) {
        // check and send try every URL once, quickly, instead of retrying forever.
        connect.reconnect.maxAttempts = int(connect.urls.size());
        connect.reconnect.initialDelayMs = 0;
        connect.reconnect.maxDelayMs = 0;
        connect.reconnect.maxAuthFailures = 1;
        connect.reconnect.maxPermanentFailures = qMax(1, int(connect.urls.size()));
        if (m_options.timeoutSec > 0) {
            connect.connectTimeoutMs = qint64(m_options.timeoutSec * 1000);
            connect.receiptTimeoutMs = connect.connectTimeoutMs;
        }
    }

    std::unique_ptr<PushSource> source = createSource(connect);
    m_source = source.get();
    if (m_options.command == CliOptions::Command::Listen && !m_options.todo.storePath.isEmpty()) {
        m_pipeline = std::make_unique<TodoPipeline>();
        m_pipeline->setSource(std::move(source));
        startStore();
    } else {
        m_ownSource = std::move(source);
    }

    QObject::connect(m_source, &PushSource::connected, this, &CliRunner::onConnected);
    QObject::connect(m_source, &PushSource::messageReceived, this, &CliRunner::onMessage);
    QObject::connect(m_source, &PushSource::stateChanged, this, &CliRunner::onStateChanged);
    QObject::connect(m_source, &PushSource::errorOccurred, this, &CliRunner::onError);
    QObject::connect(m_source, &PushSource::disconnected, this, [this](const PushError &reason) {
        if (m_options.command == CliOptions::Command::Listen && reason.kind != PushError::Kind::None)
            printEvent({{QStringLiteral("event"), QStringLiteral("disconnected")},
                        {QStringLiteral("reason"), reason.message},
                        {QStringLiteral("kind"), PushError::kindName(reason.kind)}});
    });
    QObject::connect(m_source, &PushSource::reconnecting, this, [this](int attempt, qint64 delayMs, const QUrl &url) {
        if (m_options.command == CliOptions::Command::Listen)
            printEvent({{QStringLiteral("event"), QStringLiteral("reconnecting")},
                        {QStringLiteral("attempt"), attempt},
                        {QStringLiteral("delayMs"), delayMs},
                        {QStringLiteral("url"), url.toDisplayString(QUrl::RemoveUserInfo)}});
    });
    if (m_options.command == CliOptions::Command::Send)
        queueSend();
    if (m_options.command == CliOptions::Command::Listen) {
        // Reconnect at once when the network comes back.
        QObject::connect(&m_supervisor, &ConnectionSupervisor::connectionCheckRequested, m_source,
                         &PushSource::checkLiveness);
        m_supervisor.watchSystemNetwork();
    }
    if (m_options.timeoutSec > 0)
        m_deadline.start(int(m_options.timeoutSec * 1000));
    m_source->start();
    return true;
}

std::unique_ptr<PushSource> CliRunner::createSource(const StompConnectOptions &connect)
{
    if (m_options.protocol == QLatin1String("auto")) {
        return std::make_unique<AutoSource>(
            connect.urls, connect.reconnect, connect.transport,
            [this, connect](const QString &found) { return createSourceFor(found, connect); });
    }
    return createSourceFor(m_options.protocol, connect);
}

std::unique_ptr<PushSource> CliRunner::createSourceFor(const QString &protocol, const StompConnectOptions &connect)
{
    if (protocol == QLatin1String("json-ws")) {
        JsonWebSocketOptions options;
        options.connection.urls = connect.urls;
        options.connection.reconnect = connect.reconnect;
        options.connection.connectTimeoutMs = connect.connectTimeoutMs;
        options.transport = connect.transport;
        options.transport.subprotocols.clear();
        options.login = QString::fromUtf8(connect.login);
        options.clientId = SourceSettings::stableClientId(options.login);
        options.openMessage = m_options.openMessage;
        options.keepAliveMessage = m_options.keepAliveMessage;
        options.keepAliveIntervalMs = m_options.keepAliveIntervalMs;
        auto source = std::make_unique<JsonWebSocketSource>();
        source->setOptions(options);
        // Messages sent while the server was away wait in a file, and go out on the next connect, by send or listen.
        QStringList servers;
        for (const QUrl &url : connect.urls)
            servers.append(url.toString(QUrl::RemoveUserInfo));
        const QString outbox = m_options.outbox.isEmpty()
            ? OutgoingQueue::defaultPathFor(servers.join(QLatin1Char(' ')))
            : m_options.outbox;
        QString error;
        if (!source->setQueueFile(outbox, &error))
            printLine(tr("warning: %1").arg(error).toUtf8(), stderr);
        if (source->queuedCount() > 0 && m_options.command == CliOptions::Command::Listen)
            QObject::connect(source.get(), &JsonWebSocketSource::sent, this, [this](const QString &) {
                printEvent({{QStringLiteral("event"), QStringLiteral("sent")},
                            {QStringLiteral("queued"), m_jsonWebSocket->queuedCount()}});
            });
        m_jsonWebSocket = source.get();
        return source;
    }
    if (protocol == QLatin1String("socketio")) {
        SocketIoOptions options;
        options.connection.urls = connect.urls;
        options.connection.reconnect = connect.reconnect;
        options.connection.connectTimeoutMs = connect.connectTimeoutMs;
        options.transport = connect.transport;
        options.events = m_options.events;
        options.nsp = m_options.socketIoNamespace;
        options.auth = SocketIoSettings::auth(connect.connectHeaders, QString::fromUtf8(connect.login));
        auto source = std::make_unique<SocketIoSource>();
        source->setOptions(options);
        return source;
    }
    if (protocol == QLatin1String("sse")) {
        SseOptions options;
        options.connection.urls = connect.urls;
        options.connection.reconnect = connect.reconnect;
        options.connection.connectTimeoutMs = connect.connectTimeoutMs;
        options.transport = connect.transport;
        options.transport.subprotocols.clear();
        options.events = m_options.events;
        auto source = std::make_unique<SseSource>();
        source->setOptions(options);
        return source;
    }
    if (protocol != QLatin1String("stomp") && protocol != QLatin1String("sockjs"))
        return nullptr;
    auto source = std::make_unique<StompPushSource>();
    m_client = source->client();
    source->setTransportMode(protocol == QLatin1String("sockjs") ? TransportMode::SockJs : m_options.transportMode);
    source->setOptions(connect);
    if (m_options.command == CliOptions::Command::Listen) {
        QList<StompSubscription> subscriptions;
        for (const QByteArray &destination : std::as_const(m_options.destinations)) {
            StompSubscription subscription {{}, destination, m_options.ackMode, m_options.subscribeHeaders};
            StompDestination::limitPrefetch(&subscription, m_options.prefetchCount);
            subscriptions.append(subscription);
        }
        source->setSubscriptions(subscriptions);
    }
    return source;
}

void CliRunner::queueSend()
{
    if (m_jsonWebSocket) {
        // A plain WebSocket has no receipts: a message counts as sent once the socket took it. Messages an earlier run
        // could not send go first; the command is done when its own went out.
        const qsizetype earlier = m_jsonWebSocket->queuedCount();
        QObject::connect(m_jsonWebSocket, &JsonWebSocketSource::sent, this, [this] {
            if (m_jsonWebSocket->queuedCount() > 0) {
                printLine(tr("sent a message queued earlier").toUtf8());
                return;
            }
            printLine(tr("sent").toUtf8());
            m_source->stop();
        });
        QString error;
        if (!m_jsonWebSocket->send(QString::fromUtf8(m_options.body), &error)) {
            printLine(tr("error: %1").arg(error).toUtf8(), stderr);
            finish(CliExit::Failure);
            return;
        }
        if (earlier > 0)
            printLine(tr("messages queued earlier: %1; they go first").arg(earlier).toUtf8());
        return;
    }
    QObject::connect(m_client, &StompClient::receiptReceived, this, [this](const QByteArray &id) {
        if (id == m_sendReceipt) {
            printLine(tr("sent to %1, receipt %2")
                          .arg(QString::fromUtf8(m_options.destinations.first()), QString::fromUtf8(id))
                          .toUtf8());
            m_source->stop();
        }
    });
    QObject::connect(m_client, &StompClient::receiptTimedOut, this, [this](const QByteArray &id) {
        if (id == m_sendReceipt) {
            printLine(tr("error: no receipt from the server for the message").toUtf8(), stderr);
            finish(CliExit::Timeout);
        }
    });
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!m_options.contentType.isEmpty())
        headers.append({QByteArrayLiteral("content-type"), m_options.contentType});
    // Queued now, flushed right after CONNECTED, with a receipt we wait for.
    m_sendReceipt = m_client->send(m_options.destinations.first(), m_options.body, headers, true);
}

void CliRunner::onConnected(const SourceSession &session)
{
    if (m_options.command == CliOptions::Command::Listen) {
        QJsonObject event = session.details;
        event.insert(QStringLiteral("event"), QStringLiteral("connected"));
        event.insert(QStringLiteral("protocol"), session.protocol);
        event.insert(QStringLiteral("server"), session.server);
        event.insert(QStringLiteral("url"), session.url.toDisplayString(QUrl::RemoveUserInfo));
        event.insert(QStringLiteral("transport"), session.transport);
        printEvent(event);
    } else if (m_options.command == CliOptions::Command::Check) {
        printLine(tr("connected to %1 via %2: %3")
                      .arg(session.url.toDisplayString(QUrl::RemoveUserInfo), session.transport, session.summary)
                      .toUtf8());
        m_source->stop();
    }
}

void CliRunner::onMessage(const InboundMessage &message)
{
    if (m_pipeline)
        return; // --store: the ingestor parses, commits, then settles, and todo events are printed
    QJsonObject attributes;
    for (const auto &attribute : message.attributes) {
        const QString name = QString::fromUtf8(attribute.first);
        if (!attributes.contains(name)) // repeated headers: the first one wins
            attributes.insert(name, QString::fromUtf8(attribute.second));
    }
    printEvent({{QStringLiteral("event"), QStringLiteral("message")},
                {QStringLiteral("destination"), QString::fromUtf8(message.channel)},
                {QStringLiteral("messageId"), QString::fromUtf8(message.messageId)},
                {QStringLiteral("headers"), attributes},
                {QStringLiteral("body"), QString::fromUtf8(message.body)}});
    // Printed (and flushed) first, settled second: a crash in between redelivers, never loses.
    m_source->settle(message, PushSource::Settlement::Accept);
    ++m_messages;
    if (m_options.count > 0 && m_messages >= m_options.count)
        finish(CliExit::Ok);
}

void CliRunner::onStateChanged()
{
    const PushSource::State state = m_source->state();
    if (state == PushSource::State::Failed) {
        const PushError error = m_source->lastError();
        if (m_options.command != CliOptions::Command::Listen)
            printLine(tr("error: %1 (%2)").arg(error.message, PushError::kindName(error.kind)).toUtf8(), stderr);
        finish(CliExit::forError(error.kind));
    } else if (state == PushSource::State::Disconnected && m_options.command != CliOptions::Command::Listen) {
        finish(CliExit::forError(m_source->lastError().kind));
    }
}

void CliRunner::onError(const PushError &error)
{
    if (m_options.command == CliOptions::Command::Listen) {
        printEvent({{QStringLiteral("event"), QStringLiteral("error")},
                    {QStringLiteral("message"), error.message},
                    {QStringLiteral("kind"), PushError::kindName(error.kind)},
                    {QStringLiteral("url"), error.url.toDisplayString(QUrl::RemoveUserInfo)}});
    }
}

void CliRunner::onDeadline()
{
    if (m_options.command == CliOptions::Command::Listen) {
        if (m_options.count > 0) {
            printLine(tr("error: timed out after %1 s with %2 of %3 messages")
                          .arg(m_options.timeoutSec)
                          .arg(m_messages)
                          .arg(m_options.count)
                          .toUtf8(),
                      stderr);
            finish(CliExit::Failure);
        } else {
            finish(CliExit::Ok);
        }
        return;
    }
    printLine(tr("error: no answer within %1 s").arg(m_options.timeoutSec).toUtf8(), stderr);
    const PushError::Kind kind = m_source->lastError().kind;
    finish(kind == PushError::Kind::None ? CliExit::Timeout : CliExit::forError(kind));
}

void CliRunner::finish(int exitCode)
{
    if (m_finished)
        return;
    if (m_jsonWebSocket && m_jsonWebSocket->queuedCount() > 0 && !m_jsonWebSocket->queueFile().isEmpty())
        printLine(tr("messages not sent yet: %1, kept in %2; they go out on the next connect (send or listen)")
                      .arg(m_jsonWebSocket->queuedCount())
                      .arg(QDir::toNativeSeparators(m_jsonWebSocket->queueFile()))
                      .toUtf8(),
                  stderr);
    m_finished = true;
    m_deadline.stop();
    if (m_pipeline)
        m_pipeline->flush(); // commit (and settle) what is queued before leaving
    if (m_source->state() == PushSource::State::Connected)
        m_source->stop(); // best effort; the process exits with the event loop
    Q_EMIT finished(exitCode);
}

void CliRunner::printEvent(const QJsonObject &event)
{
    printLine(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void CliRunner::startStore()
{
    m_pipeline->open(m_options.todo);
    TodoStore *store = m_pipeline->store();
    if (!store->recoveryMessage().isEmpty()) {
        printLine(tr("warning: %1").arg(store->recoveryMessage()).toUtf8(), stderr);
        printEvent({{QStringLiteral("event"), QStringLiteral("store-recovered")},
                    {QStringLiteral("message"), store->recoveryMessage()},
                    {QStringLiteral("movedTo"), store->movedAsidePath()}});
    }
    printEvent({{QStringLiteral("event"), QStringLiteral("store")},
                {QStringLiteral("path"), store->path()},
                {QStringLiteral("persistent"), store->isPersistent()},
                {QStringLiteral("todos"), store->count()},
                {QStringLiteral("unread"), store->unreadCount()}});
    m_links = m_pipeline->linkPolicy();
    TodoIngestor *ingestor = m_pipeline->ingestor();
    connect(ingestor, &TodoIngestor::todoArrived, this, &CliRunner::onTodoArrived);
    connect(ingestor, &TodoIngestor::todosUpdated, this, [this](const QList<Todo> &todos) {
        for (const Todo &updated : todos)
            printEvent({{QStringLiteral("event"), QStringLiteral("todo-updated")},
                        {QStringLiteral("key"), updated.key},
                        {QStringLiteral("deliveries"), updated.deliveries}});
    });
    connect(ingestor, &TodoIngestor::messageIgnored, this, [this](const QString &messageId, const QString &reason) {
        printEvent({{QStringLiteral("event"), QStringLiteral("ignored")},
                    {QStringLiteral("messageId"), messageId},
                    {QStringLiteral("reason"), reason}});
    });
    connect(ingestor, &TodoIngestor::commitFailed, this, [this](const QString &error, int messages) {
        printEvent({{QStringLiteral("event"), QStringLiteral("store-error")},
                    {QStringLiteral("message"), error},
                    {QStringLiteral("messages"), messages}});
    });
    connect(m_pipeline->catchUp(), &CatchUp::failed, this, [this](const QString &reason) {
        printEvent({{QStringLiteral("event"), QStringLiteral("catch-up-failed")}, {QStringLiteral("reason"), reason}});
    });
}

void CliRunner::onTodoArrived(const Todo &todo)
{
    const LinkPolicy::Resolution link = m_links.resolve(todo);
    const TodoStore *store = m_pipeline->store();
    const int server = store->serverPendingCount();
    printEvent({{QStringLiteral("event"), QStringLiteral("todo")},
                {QStringLiteral("todo"), todo.toJson()},
                {QStringLiteral("link"), link.allowed ? QJsonValue(QString::fromLatin1(link.encoded)) : QJsonValue()},
                {QStringLiteral("linkRefused"), link.allowed ? QJsonValue() : QJsonValue(link.reason)},
                {QStringLiteral("pendingCount"), server >= 0 ? server : store->unreadCount()},
                {QStringLiteral("unreadCount"), store->unreadCount()}});
    ++m_messages;
    if (m_options.count > 0 && m_messages >= m_options.count)
        finish(CliExit::Ok);
}
