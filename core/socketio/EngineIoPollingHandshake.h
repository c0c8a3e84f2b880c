#pragma once

#include "socketio/EngineIoPacket.h"
#include "source/PushError.h"
#include "transport/Transport.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// GET /socket.io/?EIO=4&transport=polling: the Engine.IO handshake over HTTP long-polling, which opens a session that
// the client then upgrades to WebSocket. SocketIoSource takes this way when the server (or a proxy in front of it)
// refuses a WebSocket that does not belong to a session yet; the answer also tells an Engine.IO server that refuses
// (with its own error) from an HTTP server that is something else, a missing path and refused credentials.
//
// Handshake headers and the cookies of the manager's jar go with the request (sticky sessions set them); they are
// never logged. TLS is verified unless the options say otherwise.
class EngineIoPollingHandshake final : public QObject
{
    Q_OBJECT

public:
    explicit EngineIoPollingHandshake(QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~EngineIoPollingHandshake() override;
    Q_DISABLE_COPY_MOVE(EngineIoPollingHandshake)

    // Starts the request; finished() follows, never synchronously.
    void start(const QUrl &pollingUrl, const TransportOptions &options, int timeoutMs);
    void abort();

    bool succeeded() const { return m_done && m_error.kind == PushError::Kind::None; }
    const EngineIoOpen &open() const { return m_open; }
    const PushError &error() const { return m_error; }

    // What an answer means: the open packet (true), or why there is none (the error's kind says whether retrying
    // can help). `httpStatus` 0: no HTTP answer (then the caller reports the network error itself). Pure.
    static bool classify(int httpStatus, const QByteArray &body, EngineIoOpen *open, PushError *error);

Q_SIGNALS:
    void finished();

private:
    void onFinished();
    void finish(const PushError &error);

    QPointer<QNetworkAccessManager> m_manager;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    EngineIoOpen m_open;
    PushError m_error;
    QString m_sslError;
    bool m_done = false;
};
