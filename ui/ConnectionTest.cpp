#include "ConnectionTest.h"

#include "TransportSelector.h"
#include "UiLogging.h"

#include <QTimer>

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent)
    , m_selector(std::make_unique<TransportSelector>())
{
    qRegisterMetaType<ConnectionTest::Result>();
    qRegisterMetaType<QList<ConnectionTest::Result>>();
}

ConnectionTest::~ConnectionTest()
{
    // Clients (their transports) use the selector's network access manager: they go before it does.
    qDeleteAll(findChildren<StompClient *>(Qt::FindDirectChildrenOnly));
}

void ConnectionTest::start(const StompConnectOptions &options, TransportMode mode,
                           const QList<QByteArray> &destinations)
{
    cancel();
    m_options = options;
    m_options.autoReconnect = false; // one attempt; the state machine stops in Disconnected
    m_options.reconnect.maxAttempts = 1;
    m_options.reconnect.maxAuthFailures = 1;
    m_options.connectTimeoutMs = m_timeoutMs;
    m_options.receiptTimeoutMs = m_timeoutMs;
    m_destinations = destinations;
    m_selector->setDefaultMode(mode);
    for (const QUrl &url : std::as_const(m_options.urls))
        m_selector->forget(url); // explore afresh: the test is about what works now
    m_results.clear();
    m_index = -1;
    m_running = true;
    if (m_options.urls.isEmpty()) {
        // Nothing to test; still answer asynchronously, like every other outcome.
        QTimer::singleShot(0, this, [this] {
            if (m_running)
                startNext();
        });
        return;
    }
    startNext();
}

void ConnectionTest::cancel()
{
    if (!m_running)
        return;
    qCInfo(lcSettingsUi) << "connection test cancelled";
    m_running = false;
    m_pendingReceipts.clear();
    retireClient();
}

void ConnectionTest::startNext()
{
    ++m_index;
    if (m_index >= m_options.urls.size()) {
        m_running = false;
        Q_EMIT finished(m_results);
        return;
    }
    m_current = Result {};
    m_current.url = m_options.urls.at(m_index);
    m_pendingReceipts.clear();

    StompConnectOptions one = m_options;
    one.urls = {m_current.url};
    auto *client = new StompClient(this);
    client->setTransportFactory(m_selector->factory());
    client->setOptions(one);
    connect(client, &StompClient::connected, this, &ConnectionTest::onConnected);
    connect(client, &StompClient::stateChanged, this, &ConnectionTest::onStateChanged);
    connect(client, &StompClient::receiptReceived, this, &ConnectionTest::onReceiptReceived);
    connect(client, &StompClient::receiptTimedOut, this, &ConnectionTest::onReceiptTimedOut);
    m_client = client;
    Q_EMIT progress(m_current.url, Stage::Connecting);
    client->connectToServer();
}

void ConnectionTest::onConnected(const StompSession &session)
{
    m_current.connected = true;
    m_current.session = session;
    if (m_destinations.isEmpty()) {
        m_current.ok = true;
        finishUrl();
        return;
    }
    Q_EMIT progress(m_current.url, Stage::Subscribing);
    // STOMP 1.0 has no client-individual mode; client with no ACK is just as safe for a test.
    const QByteArray ack =
        session.version == StompVersion::V1_0 ? QByteArrayLiteral("client") : QByteArrayLiteral("client-individual");
    for (qsizetype i = 0; i < m_destinations.size(); ++i) {
        StompFrame frame(
            "SUBSCRIBE",
            {{"id", "connection-test-" + QByteArray::number(i)}, {"destination", m_destinations.at(i)}, {"ack", ack}});
        const QByteArray receiptId = m_client->sendWithReceipt(frame);
        if (receiptId.isEmpty())
            return; // the transport went away under us: onStateChanged() reports how
        m_pendingReceipts.insert(receiptId, m_destinations.at(i));
    }
}

void ConnectionTest::onStateChanged(StompClient::State state)
{
    if (!m_client || (state != StompClient::State::Disconnected && state != StompClient::State::Failed))
        return;
    // The one attempt ended before every subscription was confirmed.
    m_current.ok = false;
    m_current.error = m_client->lastError();
    if (m_current.error.kind == StompErrorKind::None)
        m_current.error = {StompErrorKind::ConnectionLost, tr("the server closed the connection"), {}, m_current.url};
    finishUrl();
}

void ConnectionTest::onReceiptReceived(const QByteArray &receiptId)
{
    if (!m_pendingReceipts.remove(receiptId) || !m_pendingReceipts.isEmpty())
        return;
    m_current.ok = true;
    finishUrl();
}

void ConnectionTest::onReceiptTimedOut(const QByteArray &receiptId)
{
    const auto found = m_pendingReceipts.constFind(receiptId);
    if (found == m_pendingReceipts.constEnd())
        return;
    m_current.ok = false;
    m_current.error = {StompErrorKind::Timeout,
                       tr("the server did not confirm the subscription to %1 within %2 s")
                           .arg(QString::fromUtf8(*found))
                           .arg(double(m_timeoutMs) / 1000.0),
                       {},
                       m_current.url};
    finishUrl();
}

void ConnectionTest::finishUrl()
{
    const QString where = m_current.url.toDisplayString(QUrl::RemoveUserInfo);
    if (m_current.ok)
        qCInfo(lcSettingsUi) << "connection test:" << where << "works, STOMP"
                             << stompVersionName(m_current.session.version);
    else
        qCInfo(lcSettingsUi) << "connection test:" << where << "failed:" << stompErrorKindName(m_current.error.kind)
                             << m_current.error.message;
    m_results.append(m_current);
    m_pendingReceipts.clear();
    retireClient();
    startNext();
}

void ConnectionTest::retireClient()
{
    StompClient *client = m_client;
    m_client = nullptr;
    if (!client)
        return;
    disconnect(client, nullptr, this, nullptr);
    if (client->state() == StompClient::State::Connected) {
        // Say goodbye properly (DISCONNECT with a receipt, bounded), then go.
        connect(client, &StompClient::stateChanged, client, [client](StompClient::State state) {
            if (state == StompClient::State::Disconnected || state == StompClient::State::Failed)
                client->deleteLater();
        });
        client->disconnectFromServer();
    } else {
        client->deleteLater(); // may be inside one of its signals: never delete it directly
    }
}
