#pragma once

#include "CliOptions.h"
#include "source/ConnectionSupervisor.h"
#include "todo/LinkPolicy.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class DemoPushServer;
class JsonWebSocketSource;
class PushSource;
class StompClient;
class StompPushSource;
class TodoPipeline;
struct InboundMessage;
struct SourceSession;
struct Todo;

// Runs one todo-notifier-cli command on the event loop and reports its exit code through finished().
//
// listen and check speak to the push source (PushSource) of the chosen protocol; `listen --store` puts it into the
// TodoPipeline, the same one the tray application runs. send uses the protocol's own way of sending (STOMP: a SEND
// with a receipt; a plain WebSocket: a text message).
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
    // The source of --protocol; auto finds out which protocol and then makes that one (createSourceFor()).
    std::unique_ptr<PushSource> createSource(const StompConnectOptions &connect);
    std::unique_ptr<PushSource> createSourceFor(const QString &protocol, const StompConnectOptions &connect);
    void queueSend();
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
    std::unique_ptr<PushSource> m_ownSource; // otherwise
    PushSource *m_source = nullptr; // whoever owns it
    StompClient *m_client = nullptr; // the STOMP source's client, when it speaks STOMP
    JsonWebSocketSource *m_jsonWebSocket = nullptr; // the source, when it is a plain WebSocket
    ConnectionSupervisor m_supervisor;
    LinkPolicy m_links;
    QTimer m_deadline;
    QByteArray m_sendReceipt;
    int m_messages = 0;
    bool m_finished = false;
};
