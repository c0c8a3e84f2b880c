#pragma once

#include "StompClient.h"
#include "TransportPlan.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class TransportSelector;

// "Test connection" for settings that are not saved yet: for every server URL in turn, a temporary StompClient
// (no reconnect, one attempt) CONNECTs and then SUBSCRIBEs to every destination with a `receipt` header.
//
// A subscription counts as working when the server answers its SUBSCRIBE with RECEIPT (every STOMP version
// has receipts, so there is no guessing from silence); an ERROR instead fails the URL with the server's
// message, and no RECEIPT within the receipt timeout fails it as a timeout. The test subscriptions ask for
// client-individual acknowledgement and acknowledge nothing, so a message that arrives during the test goes
// back to the broker when the test disconnects: a queue loses nothing to a test. They are never durable.
//
// Everything is asynchronous; cancel() stops at once. Nothing here touches Settings or the keychain.
class ConnectionTest final : public QObject
{
    Q_OBJECT
public:
    enum class Stage { Connecting, Subscribing };
    Q_ENUM(Stage)

    // The outcome for one URL.
    struct Result
    {
        QUrl url;
        bool ok = false;
        bool connected = false; // CONNECTED arrived (so `session` is filled), even if subscribing then failed
        StompSession session;
        StompError error; // when !ok
    };

    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;
    Q_DISABLE_COPY_MOVE(ConnectionTest)

    // Tests `options.urls` one after the other (a running test is cancelled first). The reconnect policy in
    // `options` is ignored: each URL gets exactly one attempt.
    void start(const StompConnectOptions &options, TransportMode mode, const QList<QByteArray> &destinations);
    // Stops a running test; finished() is not emitted for it.
    void cancel();
    bool isRunning() const { return m_running; }

    // How long CONNECTED, and then each RECEIPT, may take (default 10 s each). Call before start().
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void progress(const QUrl &url, ConnectionTest::Stage stage);
    // One result per URL, in the order tested.
    void finished(const QList<ConnectionTest::Result> &results);

private:
    void startNext();
    void onConnected(const StompSession &session);
    void onStateChanged(StompClient::State state);
    void onReceiptReceived(const QByteArray &receiptId);
    void onReceiptTimedOut(const QByteArray &receiptId);
    void finishUrl();
    void retireClient();

    std::unique_ptr<TransportSelector> m_selector; // outlives every client (see the destructor)
    QPointer<StompClient> m_client;
    StompConnectOptions m_options;
    QList<QByteArray> m_destinations;
    QHash<QByteArray, QByteArray> m_pendingReceipts; // receipt id -> the destination subscribed to
    QList<Result> m_results;
    Result m_current;
    qsizetype m_index = -1;
    qint64 m_timeoutMs = 10000;
    bool m_running = false;
};

Q_DECLARE_METATYPE(ConnectionTest::Result)
