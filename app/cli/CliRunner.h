#pragma once

#include "CliOptions.h"
#include "ConnectionSupervisor.h"
#include "LinkPolicy.h"
#include "StompClient.h"
#include "TransportSelector.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class CatchUp;
class DemoPushServer;
class TodoIngestor;
class TodoStore;
struct Todo;

// Runs one todo-notifier-cli command on the event loop and reports its exit code through finished().
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
    void onConnected(const StompSession &session);
    void onMessage(const StompMessage &message);
    void onStateChanged(StompClient::State state);
    void onError(const StompError &error);
    void onDeadline();
    void finish(int exitCode);
    void printEvent(const QJsonObject &event);
    // listen --store: the todo pipeline.
    void startStore(const QUrl &pushUrl);
    void onTodoArrived(const Todo &todo);

    CliOptions m_options;
    TransportSelector m_transports; // per-URL transport choice, remembered while the process runs
    StompClient m_client;
    ConnectionSupervisor m_supervisor {&m_client};
    std::unique_ptr<DemoPushServer> m_demo;
    std::unique_ptr<TodoStore> m_store; // listen --store
    std::unique_ptr<TodoIngestor> m_ingestor;
    std::unique_ptr<CatchUp> m_catchUp;
    LinkPolicy m_links;
    QTimer m_deadline;
    QByteArray m_sendReceipt;
    int m_messages = 0;
    bool m_finished = false;
};
