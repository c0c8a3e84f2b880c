#pragma once

#include "transport/Transport.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkCookieJar;

// What a SockJS server says about itself at GET {base}/info.
struct SockJsInfo
{
    bool websocket = true; // false: the server has switched its WebSocket transport off
    bool cookieNeeded = false; // the deployment pins sessions with a cookie (JSESSIONID): send it back
    QStringList origins;
    qint64 entropy = 0;

    // Parses the /info JSON; false (with the reason in *error) if it is not a SockJS info object.
    static bool parse(const QByteArray &json, SockJsInfo *info, QString *error);
};

// GET {base}/info with QNetworkAccessManager: the first step of every SockJS connection, and how `auto`
// tells a SockJS endpoint from a raw WebSocket one. Cookies the server sets (sticky sessions) land in the
// manager's cookie jar and go back with the WebSocket handshake. Handshake headers (Authorization, Cookie)
// are sent with the request and never logged.
class SockJsInfoProbe final : public QObject
{
    Q_OBJECT
public:
    // `manager` may be shared (and so its cookie jar); without one the probe makes its own.
    explicit SockJsInfoProbe(QNetworkAccessManager *manager = nullptr, QObject *parent = nullptr);
    ~SockJsInfoProbe() override;
    Q_DISABLE_COPY_MOVE(SockJsInfoProbe)

    // Starts the request; finished() follows, never synchronously. `timeoutMs` bounds the whole exchange.
    void start(const QUrl &base, const TransportOptions &options, int timeoutMs = 10000);
    void abort();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error == TransportError::None; }
    const SockJsInfo &info() const { return m_info; }
    TransportError error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    int httpStatus() const { return m_httpStatus; } // 0 when no HTTP answer came
    QUrl url() const { return m_url; }
    QNetworkAccessManager *manager() const { return m_manager; }

    // `headers` with the cookies `jar` holds for `url` appended to (or set as) the Cookie header. Cookies the
    // caller set explicitly win over stored ones of the same name.
    static QList<QPair<QByteArray, QByteArray>> withCookies(const QList<QPair<QByteArray, QByteArray>> &headers,
                                                            QNetworkCookieJar *jar, const QUrl &url);

Q_SIGNALS:
    void finished();

private:
    void onReplyFinished();
    void finish(TransportError error, const QString &reason);

    QPointer<QNetworkAccessManager> m_manager;
    std::unique_ptr<QNetworkAccessManager> m_ownManager;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    SockJsInfo m_info;
    TransportError m_error = TransportError::None;
    QString m_errorString;
    QString m_sslError;
    int m_httpStatus = 0;
    bool m_finished = false;
};
