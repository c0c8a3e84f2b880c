#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Messages a person sends (CLI `send`), waiting for a connection, in order. With a file they survive a restart: the
// whole queue is rewritten atomically (QSaveFile) on every change, so a crash leaves either the old or the new queue,
// never half of one. The queue is small (what one person typed while offline), so rewriting it is cheap.
//
// A file that cannot be read as a queue is not thrown away: it is renamed aside (".unreadable") and reported, and the
// queue starts empty, so the person can recover what it held.
class OutgoingQueue final
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingQueue)

public:
    // Empty path: in memory only.
    explicit OutgoingQueue(const QString &path = {});

    QString path() const { return m_path; }
    // Reads the file (a missing one is an empty queue). False with a reason for people when it was unreadable.
    bool load(QString *error = nullptr);

    bool isEmpty() const { return m_messages.isEmpty(); }
    qsizetype size() const { return m_messages.size(); }
    QString first() const { return m_messages.value(0); }
    QStringList messages() const { return m_messages; }

    // Writes the file before returning; false (with a reason) when it could not, and then nothing changed.
    bool append(const QString &text, QString *error = nullptr);
    // The first message went out: it leaves the queue. False (with a reason) when the file could not be rewritten; it
    // has left the queue in memory all the same.
    bool removeFirst(QString *error = nullptr);

    // Where the CLI keeps the queue for a server: one file per URL list, under the application's data directory.
    static QString defaultPathFor(const QString &server);

private:
    bool save(const QStringList &messages, QString *error);

    QString m_path;
    QStringList m_messages;
};
