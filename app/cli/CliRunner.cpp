#include "CliRunner.h"

#include "CatchUp.h"
#include "DemoPushServer.h"
#include "TodoIngestor.h"
#include "TodoStore.h"

#include <QCoreApplication>
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

QJsonValue bodyValue(const QByteArray &body)
{
    return QJsonValue(QString::fromUtf8(body));
}

} // namespace

CliRunner::CliRunner(CliOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &CliRunner::onDeadline);
    connect(&m_client, &StompClient::connected, this, &CliRunner::onConnected);
    connect(&m_client, &StompClient::messageReceived, this, &CliRunner::onMessage);
    connect(&m_client, &StompClient::stateChanged, this, &CliRunner::onStateChanged);
    connect(&m_client, &StompClient::errorOccurred, this, &CliRunner::onError);
    connect(&m_client, &StompClient::disconnected, this, [this](const StompError &reason) {
        if (m_options.command == CliOptions::Command::Listen && reason.kind != StompErrorKind::None)
            printEvent({{QStringLiteral("event"), QStringLiteral("disconnected")},
                        {QStringLiteral("reason"), reason.message},
                        {QStringLiteral("kind"), stompErrorKindName(reason.kind)}});
    });
    connect(&m_client, &StompClient::reconnecting, this, [this](int attempt, qint64 delayMs, const QUrl &url) {
        if (m_options.command == CliOptions::Command::Listen)
            printEvent({{QStringLiteral("event"), QStringLiteral("reconnecting")},
                        {QStringLiteral("attempt"), attempt},
                        {QStringLiteral("delayMs"), delayMs},
                        {QStringLiteral("url"), url.toDisplayString(QUrl::RemoveUserInfo)}});
    });
    connect(&m_client, &StompClient::receiptReceived, this, [this](const QByteArray &id) {
        if (m_options.command == CliOptions::Command::Send && id == m_sendReceipt) {
            printLine(tr("sent to %1, receipt %2")
                          .arg(QString::fromUtf8(m_options.destinations.first()), QString::fromUtf8(id))
                          .toUtf8());
            m_client.disconnectFromServer();
        }
    });
    connect(&m_client, &StompClient::receiptTimedOut, this, [this](const QByteArray &id) {
        if (m_options.command == CliOptions::Command::Send && id == m_sendReceipt) {
            printLine(tr("error: no receipt from the server for the message").toUtf8(), stderr);
            finish(CliExit::Timeout);
        }
    });
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
        connect.urls = {m_demo->url()};
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                tr("demo push server (a test double, not a broker) listening on %1").arg(m_demo->url().toString())));
    }
    if (m_options.command != CliOptions::Command::Listen) {
        // check and send try every URL once, quickly, instead of retrying forever.
        connect.reconnect.maxAttempts = int(connect.urls.size());
        connect.reconnect.initialDelayMs = 0;
        connect.reconnect.maxDelayMs = 0;
        connect.reconnect.maxAuthFailures = 1;
        if (m_options.timeoutSec > 0) {
            connect.connectTimeoutMs = qint64(m_options.timeoutSec * 1000);
            connect.receiptTimeoutMs = connect.connectTimeoutMs;
        }
    }
    if (m_options.command == CliOptions::Command::Listen && !m_options.todo.storePath.isEmpty())
        startStore(connect.urls.value(0));
    m_transports.setDefaultMode(m_options.transportMode);
    m_client.setTransportFactory(m_transports.factory());
    m_client.setOptions(connect);
    for (const QByteArray &destination : std::as_const(m_options.destinations)) {
        if (m_options.command == CliOptions::Command::Listen)
            m_client.subscribe({{}, destination, m_options.ackMode, m_options.subscribeHeaders});
    }
    if (m_options.command == CliOptions::Command::Send) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!m_options.contentType.isEmpty())
            headers.append({QByteArrayLiteral("content-type"), m_options.contentType});
        // Queued now, flushed right after CONNECTED, with a receipt we wait for.
        m_sendReceipt = m_client.send(m_options.destinations.first(), m_options.body, headers, true);
    }
    if (m_options.command == CliOptions::Command::Listen)
        m_supervisor.watchSystemNetwork(); // reconnect at once when the network comes back
    if (m_options.timeoutSec > 0)
        m_deadline.start(int(m_options.timeoutSec * 1000));
    m_client.connectToServer();
    return true;
}

void CliRunner::onConnected(const StompSession &session)
{
    const QJsonArray heartBeat {session.heartbeatOutMs, session.heartbeatInMs};
    const QString version = QString::fromLatin1(stompVersionName(session.version));
    if (m_options.command == CliOptions::Command::Listen) {
        printEvent({{QStringLiteral("event"), QStringLiteral("connected")},
                    {QStringLiteral("version"), version},
                    {QStringLiteral("heartBeat"), heartBeat},
                    {QStringLiteral("server"), QString::fromUtf8(session.server)},
                    {QStringLiteral("url"), session.url.toDisplayString(QUrl::RemoveUserInfo)},
                    {QStringLiteral("transport"), session.transport}});
    } else if (m_options.command == CliOptions::Command::Check) {
        printLine(tr("connected to %1 via %2: STOMP %3, heart-beat %4,%5 ms, server \"%6\"")
                      .arg(session.url.toDisplayString(QUrl::RemoveUserInfo), session.transport, version)
                      .arg(session.heartbeatOutMs)
                      .arg(session.heartbeatInMs)
                      .arg(QString::fromUtf8(session.server))
                      .toUtf8());
        m_client.disconnectFromServer();
    }
}

void CliRunner::onMessage(const StompMessage &message)
{
    if (m_ingestor)
        return; // --store: the ingestor parses, commits, then acknowledges, and todo events are printed
    QJsonObject headers;
    for (const auto &header : message.frame.headers) {
        const QString name = QString::fromUtf8(header.first);
        if (!headers.contains(name)) // repeated headers: the first one wins
            headers.insert(name, QString::fromUtf8(header.second));
    }
    printEvent({{QStringLiteral("event"), QStringLiteral("message")},
                {QStringLiteral("destination"), QString::fromUtf8(message.destination)},
                {QStringLiteral("messageId"), QString::fromUtf8(message.messageId)},
                {QStringLiteral("headers"), headers},
                {QStringLiteral("body"), bodyValue(message.frame.body)}});
    // Printed (and flushed) first, acknowledged second: a crash in between redelivers, never loses.
    if (message.ackMode != StompAckMode::Auto)
        m_client.ack(message);
    ++m_messages;
    if (m_options.count > 0 && m_messages >= m_options.count)
        finish(CliExit::Ok);
}

void CliRunner::onStateChanged(StompClient::State state)
{
    if (state == StompClient::State::Failed) {
        const StompError &error = m_client.lastError();
        if (m_options.command != CliOptions::Command::Listen)
            printLine(tr("error: %1 (%2)").arg(error.message, stompErrorKindName(error.kind)).toUtf8(), stderr);
        finish(CliExit::forError(error.kind));
    } else if (state == StompClient::State::Disconnected && m_options.command != CliOptions::Command::Listen) {
        finish(m_client.lastError().kind == StompErrorKind::None ? CliExit::Ok
                                                                 : CliExit::forError(m_client.lastError().kind));
    }
}

void CliRunner::onError(const StompError &error)
{
    if (m_options.command == CliOptions::Command::Listen) {
        printEvent({{QStringLiteral("event"), QStringLiteral("error")},
                    {QStringLiteral("message"), error.message},
                    {QStringLiteral("kind"), stompErrorKindName(error.kind)},
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
    finish(m_client.lastError().kind == StompErrorKind::None ? CliExit::Timeout
                                                             : CliExit::forError(m_client.lastError().kind));
}

void CliRunner::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    if (m_ingestor)
        m_ingestor->flush(); // commit (and acknowledge) what is queued before leaving
    if (m_client.state() == StompClient::State::Connected)
        m_client.disconnectFromServer(); // best effort; the process exits with the event loop
    Q_EMIT finished(exitCode);
}

void CliRunner::printEvent(const QJsonObject &event)
{
    printLine(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void CliRunner::startStore(const QUrl &pushUrl)
{
    const TodoOptions &todo = m_options.todo;
    m_store = std::make_unique<TodoStore>();
    m_store->setOptions(todo.storeOptions());
    m_store->open(todo.storePath);
    if (!m_store->recoveryMessage().isEmpty()) {
        printLine(tr("warning: %1").arg(m_store->recoveryMessage()).toUtf8(), stderr);
        printEvent({{QStringLiteral("event"), QStringLiteral("store-recovered")},
                    {QStringLiteral("message"), m_store->recoveryMessage()},
                    {QStringLiteral("movedTo"), m_store->movedAsidePath()}});
    }
    printEvent({{QStringLiteral("event"), QStringLiteral("store")},
                {QStringLiteral("path"), m_store->path()},
                {QStringLiteral("persistent"), m_store->isPersistent()},
                {QStringLiteral("todos"), m_store->count()},
                {QStringLiteral("unread"), m_store->unreadCount()}});
    m_links = todo.linkPolicy(pushUrl);
    m_ingestor = std::make_unique<TodoIngestor>(m_store.get());
    m_ingestor->setParser(PayloadParser(todo.payloadOptions()));
    m_ingestor->attach(&m_client);
    connect(m_ingestor.get(), &TodoIngestor::todoArrived, this, &CliRunner::onTodoArrived);
    connect(m_ingestor.get(), &TodoIngestor::todosUpdated, this, [this](const QList<Todo> &todos) {
        for (const Todo &updated : todos)
            printEvent({{QStringLiteral("event"), QStringLiteral("todo-updated")},
                        {QStringLiteral("key"), updated.key},
                        {QStringLiteral("deliveries"), updated.deliveries}});
    });
    connect(m_ingestor.get(), &TodoIngestor::messageIgnored, this,
            [this](const QString &messageId, const QString &reason) {
                printEvent({{QStringLiteral("event"), QStringLiteral("ignored")},
                            {QStringLiteral("messageId"), messageId},
                            {QStringLiteral("reason"), reason}});
            });
    connect(m_ingestor.get(), &TodoIngestor::commitFailed, this, [this](const QString &error, int messages) {
        printEvent({{QStringLiteral("event"), QStringLiteral("store-error")},
                    {QStringLiteral("message"), error},
                    {QStringLiteral("messages"), messages}});
    });
    if (todo.pendingListUrl.isValid()) {
        m_catchUp = std::make_unique<CatchUp>(m_ingestor.get());
        m_catchUp->setUrl(todo.pendingListUrl);
        m_catchUp->attach(&m_client);
        connect(m_catchUp.get(), &CatchUp::failed, this, [this](const QString &reason) {
            printEvent(
                {{QStringLiteral("event"), QStringLiteral("catch-up-failed")}, {QStringLiteral("reason"), reason}});
        });
    }
}

void CliRunner::onTodoArrived(const Todo &todo)
{
    const LinkPolicy::Resolution link = m_links.resolve(todo);
    const int server = m_store->serverPendingCount();
    printEvent({{QStringLiteral("event"), QStringLiteral("todo")},
                {QStringLiteral("todo"), todo.toJson()},
                {QStringLiteral("link"), link.allowed ? QJsonValue(QString::fromLatin1(link.encoded)) : QJsonValue()},
                {QStringLiteral("linkRefused"), link.allowed ? QJsonValue() : QJsonValue(link.reason)},
                {QStringLiteral("pendingCount"), server >= 0 ? server : m_store->unreadCount()},
                {QStringLiteral("unreadCount"), m_store->unreadCount()}});
    ++m_messages;
    if (m_options.count > 0 && m_messages >= m_options.count)
        finish(CliExit::Ok);
}
