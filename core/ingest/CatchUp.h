#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class PushSource;
class TodoIngestor;

// Brokers do not replay pushes missed while offline. So after every (re)connect the client GETs a configured
// "pending list" URL (optional), which answers with the same payload shape as a push (e.g. the envelope with
// the whole sysMsgList and sysMsgNums), and hands the body to the TodoIngestor: the same parser, the same
// de-duplication, the same pending counter. Todos already known are updated in place, new ones arrive.
//
// Done elsewhere: an answer that is provably the whole pending list (sysMsgNums equal to the list's length and no
// paging field: TodoBatch::completeList) marks every stored todo not in it done; a paged or count-less answer never
// marks anything. TodoPipeline also fetches when a push says todos were handled elsewhere without naming them
// (TodoIngestor::doneElsewhereUnnamed()), if the settings want that.
//
// The request carries the application's auth headers, as the push source has them (PushSource::authHeaders(): a token,
// a cookie, Authorization; never the protocol's own login). They are never logged.
class CatchUp final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)

public:
    explicit CatchUp(TodoIngestor *ingestor, QObject *parent = nullptr);
    ~CatchUp() override;
    Q_DISABLE_COPY_MOVE(CatchUp)

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    void setHeaders(const QList<QPair<QByteArray, QByteArray>> &headers) { m_headers = headers; }
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // nullptr: an own one.
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    // Fetches after every connect of `source`, with its auth headers (see above).
    void attach(PushSource *source);

    bool isBusy() const { return m_reply != nullptr; }
    int fetchCount() const { return m_fetches; }

public Q_SLOTS:
    // GETs the URL now (a running request is abandoned). Does nothing without a URL.
    void fetch();

Q_SIGNALS:
    void fetched(int bytes); // the body went to the ingestor
    void failed(const QString &reason);
    void busyChanged(bool busy);

private:
    void onFinished();

    QPointer<TodoIngestor> m_ingestor;
    QPointer<PushSource> m_source;
    QNetworkAccessManager *m_manager = nullptr;
    QNetworkAccessManager *m_ownManager = nullptr;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    int m_timeoutMs = 30000;
    qint64 m_maxBodyBytes = 4 * 1024 * 1024;
    int m_fetches = 0;
};
