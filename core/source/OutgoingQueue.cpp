#include "source/OutgoingQueue.h"

#include "base/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

constexpr int kFormatVersion = 1;

} // namespace

OutgoingQueue::OutgoingQueue(const QString &path)
    : m_path(path)
{ }

QString OutgoingQueue::defaultPathFor(const QString &server)
{
    const QByteArray hash = QCryptographicHash::hash(server.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/outbox/")
        + QString::fromLatin1(hash) + QStringLiteral(".json");
}

bool OutgoingQueue::load(QString *error)
{
    m_messages.clear();
    if (m_path.isEmpty())
        return true;
    QFile file(m_path);
    if (!file.exists())
        return true;
    QString problem;
    if (!file.open(QIODevice::ReadOnly)) {
        problem = file.errorString();
    } else {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        const QJsonObject root = document.object();
        if (parseError.error != QJsonParseError::NoError)
            problem = parseError.errorString();
        else if (root.value(QLatin1String("version")).toInt() != kFormatVersion)
            problem = tr("unknown format version %1").arg(root.value(QLatin1String("version")).toInt());
        else
            for (const QJsonValue &message : root.value(QLatin1String("messages")).toArray())
                if (message.isString() && !message.toString().isEmpty())
                    m_messages.append(message.toString());
        file.close();
    }
    if (problem.isEmpty())
        return true;
    m_messages.clear();
    const QString aside = m_path + QStringLiteral(".unreadable");
    QFile::remove(aside);
    const bool moved = QFile::rename(m_path, aside);
    const QString message = moved
        ? tr("the queue of unsent messages %1 could not be read (%2); it was kept as %3")
              .arg(QDir::toNativeSeparators(m_path), problem, QDir::toNativeSeparators(aside))
        : tr("the queue of unsent messages %1 could not be read (%2)").arg(QDir::toNativeSeparators(m_path), problem);
    qCWarning(lcSource).noquote() << message;
    if (error)
        *error = message;
    return false;
}

bool OutgoingQueue::append(const QString &text, QString *error)
{
    QStringList next = m_messages;
    next.append(text);
    if (!save(next, error))
        return false;
    m_messages = next;
    return true;
}

bool OutgoingQueue::removeFirst(QString *error)
{
    if (m_messages.isEmpty())
        return true;
    // Gone from memory either way: it went out, and must not go out again in this run.
    m_messages.removeFirst();
    return save(m_messages, error);
}

bool OutgoingQueue::save(const QStringList &messages, QString *error)
{
    if (m_path.isEmpty())
        return true;
    if (messages.isEmpty()) {
        // Nothing waits: no file (and so nothing left behind once everything went out).
        if (!QFile::exists(m_path) || QFile::remove(m_path))
            return true;
        if (error)
            *error = tr("cannot remove %1").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    const QJsonObject root {{QStringLiteral("version"), kFormatVersion},
                            {QStringLiteral("messages"), QJsonArray::fromStringList(messages)}};
    // What a person typed is theirs alone.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = tr("cannot write the queue of unsent messages %1: %2")
                         .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    return true;
}
