#include "ingest/CatchUp.h"

#include "base/Logging.h"
#include "ingest/TodoIngestor.h"
#include "source/PushSource.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

CatchUp::CatchUp(TodoIngestor *ingestor, QObject *parent)
    : QObject(parent)
    , m_ingestor(ingestor)
{ }

CatchUp::~CatchUp()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void CatchUp::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void CatchUp::attach(PushSource *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    if (!source)
        return;
    connect(source, &PushSource::connected, this, [this] {
        if (m_source)
            m_headers = m_source->authHeaders();
        fetch();
    });
}

void CatchUp::fetch()
{
    if (!m_url.isValid() || m_url.isEmpty())
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (!m_manager) {
        if (!m_ownManager)
            m_ownManager = new QNetworkAccessManager(this);
        m_manager = m_ownManager;
    }
    QNetworkRequest request(m_url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json, text/plain;q=0.5, */*;q=0.1");
    for (const auto &header : std::as_const(m_headers))
        request.setRawHeader(header.first, header.second);
    ++m_fetches;
    qCInfo(lcIngest).noquote() << "catch-up: GET" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    m_reply = m_manager->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, &CatchUp::onFinished);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > m_maxBodyBytes) {
            reply->setProperty("todoTooLarge", true);
            reply->abort();
        }
    });
    Q_EMIT busyChanged(true);
}

void CatchUp::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    Q_EMIT busyChanged(false);

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString reason;
    if (reply->property("todoTooLarge").toBool())
        reason = tr("the pending list is larger than %1 bytes").arg(m_maxBodyBytes);
    else if (status != 0 && (status < 200 || status > 299))
        reason = tr("HTTP status %1").arg(status);
    else if (reply->error() != QNetworkReply::NoError)
        reason = reply->errorString();
    if (!reason.isEmpty()) {
        qCWarning(lcIngest).noquote() << "catch-up failed:" << reason;
        Q_EMIT failed(reason);
        return;
    }
    const QByteArray body = reply->readAll();
    if (m_ingestor)
        m_ingestor->ingestBody(body, QStringLiteral("catch-up #%1").arg(m_fetches), true);
    Q_EMIT fetched(int(body.size()));
}
