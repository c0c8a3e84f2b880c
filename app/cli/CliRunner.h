#pragma once

#include "CliOptions.h"
#include "source/ConnectionSupervisor.h"
#include "todo/LinkPolicy.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class DemoPushServer;
class PushSource;
class StompClient;
class StompPushSource;
class TodoPipeline;
struct InboundMessage;
struct SourceSession;
struct Todo;

// Runs one todo-notifier-cli command on the event loop and reports its exit code through finished().
//
// listen and check speak to the push source (PushSource); `listen --store` puts it into the TodoPipeline, the same
// one the tray application runs. send uses the STOMP client underneath (a SEND with a receipt).
class CliRunner final : public QObject
{
    Q_OBJECT
public:
    explicit CliRunner(CliOptions options, QObject *parent = nullptr);
    ~CliRunner() override;
    Q_DISABLE_COPY_MOVE(CliRunner)

    // Starts the command. Returns false (with a message printed) if it cannot even start.
    bool start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onConnected(const SourceSession &session);
    void onMessage(const InboundMessage &message);
    void onStateChanged();
    void onError(const PushError &error);
    void onDeadline();
    void finish(int exitCode);
    void printEvent(const QJsonObject &event);
    // listen --store: the todo pipeline.
    void startStore();
    void onTodoArrived(const Todo &todo);

    CliOptions m_options;
    std::unique_ptr<DemoPushServer> m_demo;
    std::unique_ptr<TodoPipeline> m_pipeline; // listen --store; owns the source then
    std::unique_ptr<StompPushSource> m_ownSource; // otherwise
    StompPushSource *m_stomp = nullptr; // the source, whoever owns it
    PushSource *m_source = nullptr;
    StompClient *m_client = nullptr; // m_stomp's
    ConnectionSupervisor m_supervisor;
    LinkPolicy m_links;
    QTimer m_deadline;
    QByteArray m_sendReceipt;
    int m_messages = 0;
    bool m_finished = false;
};
