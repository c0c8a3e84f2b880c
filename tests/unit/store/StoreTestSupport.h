// What the store tests (tst_todostore, tst_tododatabase) share: messages as the ingestor hands them over, todo
// envelopes as the server pushes them, and a plain Qt SQL connection that looks at the file as an outsider would.
#pragma once

#include "store/TodoStore.h"
#include "todo/PayloadParser.h"

#include <QByteArray>
#include <QDebug>
#include <QList>
#include <QPair>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTimeZone>
#include <QVariant>

inline TodoStore::Message message(const QByteArray &body, const QByteArray &messageId)
{
    return {PayloadParser(PayloadOptions {QTimeZone(QByteArrayLiteral("UTC")), {}}).parse(body, messageId),
            QString::fromUtf8(messageId), QStringLiteral("/topic/todo")};
}

inline QByteArray envelope(const QList<QPair<QString, QString>> &todos, int pending = -1, const QString &time = {})
{
    QByteArray list;
    for (const auto &todo : todos) {
        if (!list.isEmpty())
            list += ',';
        list += "{\"id\":\"" + todo.first.toUtf8() + "\",\"title\":\"" + todo.second.toUtf8() + "\"";
        if (!time.isEmpty())
            list += ",\"time\":\"" + time.toUtf8() + "\"";
        list += ",\"metaData\":{\"send_name\":\"张伟\",\"urgency\":1}}";
    }
    QByteArray body = "{\"data\":{\"sysMsgList\":[" + list + "]";
    if (pending >= 0)
        body += ",\"sysMsgNums\":" + QByteArray::number(pending);
    return body + "}}";
}

// A plain Qt SQL connection to the file, as another process would open it.
class Outsider
{
public:
    explicit Outsider(const QString &path)
        : m_name(QStringLiteral("outsider-%1").arg(QRandomGenerator::global()->generate()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~Outsider()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Outsider)

    bool isOpen() const { return m_ok; }
    QVariant value(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning() << sql << query.lastError().text();
        return ok;
    }

private:
    QString m_name;
    bool m_ok = false;
};
