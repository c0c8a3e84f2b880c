#include "platform/SingleInstance.h"

#include "common/UiLogging.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QThread>

namespace {

constexpr quint32 kMagic = 0x544f444f; // "TODO"
constexpr char kAck = '\x06';
constexpr qint64 kMaxMessageBytes = 1024 * 1024;

// Where the lock file (and on Unix the socket) lives: the per-user runtime directory when there is one.
QString runtimeDirectory()
{
#if defined(Q_OS_UNIX)
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir() && QFileInfo(runtime).isWritable())
        return runtime;
#endif
    return QDir::tempPath();
}

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
    , m_key(key)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultKey()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray hash =
        QCryptographicHash::hash((user + QLatin1Char('\n') + QDir::homePath()).toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("todo-notifier-") + QString::fromLatin1(hash.toHex().left(16));
}

QString SingleInstance::serverName() const
{
#if defined(Q_OS_UNIX)
    // An absolute socket path keeps it next to the lock, in the user's own runtime directory.
    return QDir(runtimeDirectory()).filePath(m_key + QLatin1String(".socket"));
#else
    return m_key; // a named pipe; UserAccessOption restricts it to this user
#endif
}

bool SingleInstance::start()
{
    if (m_server)
        return true;
    m_lock = std::make_unique<QLockFile>(QDir(runtimeDirectory()).filePath(m_key + QLatin1String(".lock")));
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString application;
        m_lock->getLockInfo(&pid, &host, &application);
        qCInfo(lcInstance) << "another instance runs, pid" << pid;
        m_lock.reset();
        return false;
    }
    // We hold the lock, so a socket left behind is a crashed primary's.
    QLocalServer::removeServer(serverName());
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (!m_server->listen(serverName()))
        qCWarning(lcInstance) << "cannot listen on" << serverName() << ":" << m_server->errorString()
                              << "- later launches will not reach this one";
    return true;
}

bool SingleInstance::sendToPrimary(const QStringList &arguments, int timeoutMs, QByteArray *reply)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    // The primary takes the lock before it listens: give it until the deadline to start listening.
    for (;;) {
        socket.connectToServer(serverName());
        if (socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        if (deadline.hasExpired()) {
            qCWarning(lcInstance) << "no answer from the running instance:" << socket.errorString();
            return false;
        }
        QThread::msleep(50);
    }
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMagic << arguments;
    socket.write(message);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(int(std::max<qint64>(1, deadline.remainingTime()))))
            return false;
    }
    while (socket.bytesAvailable() == 0) {
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            qCWarning(lcInstance) << "the running instance did not confirm:" << socket.errorString();
            return false;
        }
    }
    char ack = 0;
    if (!socket.getChar(&ack) || ack != kAck)
        return false;
    if (reply) {
        // The reply follows the acknowledgement; the primary closes the connection after it.
        while (socket.state() != QLocalSocket::UnconnectedState && !deadline.hasExpired())
            socket.waitForDisconnected(int(std::max<qint64>(1, deadline.remainingTime())));
        *reply = socket.readAll();
    }
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void SingleInstance::onReadyRead(QLocalSocket *socket)
{
    if (socket->bytesAvailable() > kMaxMessageBytes) {
        qCWarning(lcInstance) << "dropping an oversized message from another instance";
        socket->abort();
        return;
    }
    QDataStream in(socket);
    in.setVersion(QDataStream::Qt_6_0);
    in.startTransaction();
    quint32 magic = 0;
    QStringList arguments;
    in >> magic >> arguments;
    if (!in.commitTransaction())
        return; // not all there yet
    if (magic != kMagic) {
        qCWarning(lcInstance) << "dropping a message that is not from this application";
        socket->abort();
        return;
    }
    socket->putChar(kAck);
    if (m_replyFunction)
        socket->write(m_replyFunction(arguments));
    socket->flush();
    socket->disconnectFromServer();
    qCInfo(lcInstance) << "another launch passed" << arguments;
    Q_EMIT messageReceived(arguments);
}
