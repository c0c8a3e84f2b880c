#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QLocalSocket;

// One running application per user. The first instance takes a lock file and listens on a QLocalServer that
// only this user may connect to (QLocalServer::UserAccessOption); a later instance finds the lock taken, sends
// its command line to the first one and exits. The first one emits messageReceived() (and brings up its list
// window).
//
//     SingleInstance instance;
//     if (!instance.start()) {                      // another instance runs
//         instance.sendToPrimary(arguments);        // blocking, bounded; then exit
//         return 0;
//     }
//     connect(&instance, &SingleInstance::messageReceived, ...);
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `key` names the instance group; the default is per user (and per application).
    explicit SingleInstance(const QString &key = defaultKey(), QObject *parent = nullptr);
    ~SingleInstance() override;
    Q_DISABLE_COPY_MOVE(SingleInstance)

    // "todo-notifier-<hash of the user's name and home>".
    static QString defaultKey();

    // Becomes the primary instance if none runs; returns false if another instance is the primary.
    bool start();
    bool isPrimary() const { return m_server != nullptr; }
    QString serverName() const;

    // From a secondary instance: hands `arguments` to the primary and waits (at most `timeoutMs`) until it has
    // taken them. Returns false if no primary answered. With `reply`, also waits for what the primary's reply
    // function answered (empty without one).
    bool sendToPrimary(const QStringList &arguments, int timeoutMs = 5000, QByteArray *reply = nullptr);

    // In the primary: answers every message with these bytes (e.g. a status line for `--status`), before
    // messageReceived() is emitted.
    using ReplyFunction = std::function<QByteArray(const QStringList &arguments)>;
    void setReplyFunction(ReplyFunction function) { m_replyFunction = std::move(function); }

Q_SIGNALS:
    // In the primary: another launch passed these arguments (its command line without the program name).
    void messageReceived(const QStringList &arguments);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QString m_key;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<QLocalServer> m_server;
    ReplyFunction m_replyFunction;
};
