#pragma once

#include "source/ConnectionCheck.h"
#include "stomp/StompClient.h"
#include "transport/TransportPlan.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QUrl>

#include <memory>

class TransportSelector;

// The ConnectionCheck of STOMP: for every server URL in turn, a temporary StompClient (no reconnect, one attempt)
// CONNECTs and then SUBSCRIBEs to every destination with a `receipt` header.
//
// A subscription counts as working when the server answers its SUBSCRIBE with RECEIPT (every STOMP version has
// receipts, so there is no guessing from silence); an ERROR instead fails the URL with the server's message, and no
// RECEIPT within the timeout fails it as a timeout. The test subscriptions ask for client-individual acknowledgement
// and acknowledge nothing, so a message that arrives during the test goes back to the broker when the test
// disconnects: a queue loses nothing to a test. They are never durable.
class StompConnectionCheck final : public ConnectionCheck
{
    Q_OBJECT
public:
    // `options.urls` are tested; the reconnect policy in `options` is ignored (each URL gets exactly one attempt).
    StompConnectionCheck(const StompConnectOptions &options, TransportMode mode, const QList<QByteArray> &destinations,
                         QObject *parent = nullptr);
    ~StompConnectionCheck() override;
    Q_DISABLE_COPY_MOVE(StompConnectionCheck)

    void start() override;
    void cancel() override;
    bool isRunning() const override { return m_running; }
    void setTimeout(qint64 ms) override { m_timeoutMs = ms; }

    // "STOMP 1.2 over WebSocket, heart-beat 10000 ms out, 10000 ms in".
    static QString describe(const StompSession &session);

private:
    void startNext();
    void onConnected(const StompSession &session);
    void onStateChanged(PushSource::State state);
    void onReceiptReceived(const QByteArray &receiptId);
    void onReceiptTimedOut(const QByteArray &receiptId);
    void finishUrl();
    void retireClient();

    std::unique_ptr<TransportSelector> m_selector; // outlives every client (see the destructor)
    QPointer<StompClient> m_client;
    StompConnectOptions m_options;
    TransportMode m_mode = TransportMode::Auto;
    QList<QByteArray> m_destinations;
    QHash<QByteArray, QByteArray> m_pendingReceipts; // receipt id -> the destination subscribed to
    QList<Result> m_results;
    Result m_current;
    qsizetype m_index = -1;
    qint64 m_timeoutMs = 10000;
    bool m_running = false;
};
