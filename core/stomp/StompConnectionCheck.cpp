#include "stomp/StompConnectionCheck.h"

#include "base/Logging.h"
#include "stomp/StompPushSource.h"
#include "transport/TransportSelector.h"

#include <QTimer>

StompConnectionCheck::StompConnectionCheck(const StompConnectOptions &options, TransportMode mode,
                                           const QList<QByteArray> &destinations, QObject *parent)
    : ConnectionCheck(parent)
    , m_selector(std::make_unique<TransportSelector>())
    , m_options(options)
    , m_mode(mode)
    , m_destinations(destinations)
{
    qRegisterMetaType<ConnectionCheck::Result>();
    qRegisterMetaType<QList<ConnectionCheck::Result>>();
}

StompConnectionCheck::~StompConnectionCheck()
{
    // Clients (their transports) use the selector's network access manager: they go before it does.
    qDeleteAll(findChildren<StompClient *>(Qt::FindDirectChildrenOnly));
}

QString StompConnectionCheck::describe(const StompSession &session)
{
    const auto period = [](int ms) {
        return ms > 0 ? tr("%1 ms").arg(ms) : tr("off");
    };
    const QString transport =
        session.transport.startsWith(QLatin1String("sockjs")) ? QStringLiteral("SockJS") : QStringLiteral("WebSocket");
    return tr("STOMP %1 over %2, heart-beat %3 out, %4 in")
        .arg(QString::fromLatin1(stompVersionName(session.version)), transport, period(session.heartbeatOutMs),
             period(session.heartbeatInMs));
}

void StompConnectionCheck::start()
{
    cancel();
    m_options.autoReconnect = false; // one attempt; the state machine stops in Disconnected
    m_options.reconnect.maxAttempts = 1;
    m_options.reconnect.maxAuthFailures = 1;
    m_options.connectTimeoutMs = m_timeoutMs;
    m_options.receiptTimeoutMs = m_timeoutMs;
    m_selector->setDefaultMode(m_mode);
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

void StompConnectionCheck::cancel()
{
    if (!m_running)
        return;
    qCInfo(lcStomp) << "connection test cancelled";
    m_running = false;
    m_pendingReceipts.clear();
    retireClient();
}

void StompConnectionCheck::startNext()
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
    connect(client, &StompClient::connected, this, &StompConnectionCheck::onConnected);
    connect(client, &StompClient::stateChanged, this, &StompConnectionCheck::onStateChanged);
    connect(client, &StompClient::receiptReceived, this, &StompConnectionCheck::onReceiptReceived);
    connect(client, &StompClient::receiptTimedOut, this, &StompConnectionCheck::onReceiptTimedOut);
    m_client = client;
    Q_EMIT progress(m_current.url, Stage::Connecting);
    client->connectToServer();
}

void StompConnectionCheck::onConnected(const StompSession &session)
{
    StompPushSource source(m_client);
    m_current.connected = true;
    m_current.session = source.session();
    m_current.description = describe(session);
    if (m_destinations.isEmpty()) {
        m_current.ok = true;
        finishUrl();
        return;
    }
    Q_EMIT progress(m_current.url, Stage::Verifying);
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

void StompConnectionCheck::onStateChanged(PushSource::State state)
{
    if (!m_client || (state != PushSource::State::Disconnected && state != PushSource::State::Failed))
        return;
    // The one attempt ended before every subscription was confirmed.
    m_current.ok = false;
    m_current.error = m_client->lastError();
    if (m_current.error.kind == PushError::Kind::None)
        m_current.error = {PushError::Kind::ConnectionLost, tr("the server closed the connection"), {}, m_current.url};
    finishUrl();
}

void StompConnectionCheck::onReceiptReceived(const QByteArray &receiptId)
{
    if (!m_pendingReceipts.remove(receiptId) || !m_pendingReceipts.isEmpty())
        return;
    m_current.ok = true;
    QStringList destinations;
    for (const QByteArray &destination : std::as_const(m_destinations))
        destinations.append(QString::fromUtf8(destination));
    m_current.verified = tr("Subscribed to %1.").arg(destinations.join(QStringLiteral(", ")));
    finishUrl();
}

void StompConnectionCheck::onReceiptTimedOut(const QByteArray &receiptId)
{
    const auto found = m_pendingReceipts.constFind(receiptId);
    if (found == m_pendingReceipts.constEnd())
        return;
    m_current.ok = false;
    m_current.error = {PushError::Kind::Timeout,
                       tr("the server did not confirm the subscription to %1 within %2 s")
                           .arg(QString::fromUtf8(*found))
                           .arg(double(m_timeoutMs) / 1000.0),
                       {},
                       m_current.url};
    finishUrl();
}

void StompConnectionCheck::finishUrl()
{
    const QString where = m_current.url.toDisplayString(QUrl::RemoveUserInfo);
    if (m_current.ok)
        qCInfo(lcStomp) << "connection test:" << where << "works:" << m_current.description;
    else
        qCInfo(lcStomp) << "connection test:" << where << "failed:" << PushError::kindName(m_current.error.kind)
                        << m_current.error.message;
    m_results.append(m_current);
    m_pendingReceipts.clear();
    retireClient();
    startNext();
}

void StompConnectionCheck::retireClient()
{
    StompClient *client = m_client;
    m_client = nullptr;
    if (!client)
        return;
    disconnect(client, nullptr, this, nullptr);
    if (client->state() == PushSource::State::Connected) {
        // Say goodbye properly (DISCONNECT with a receipt, bounded), then go.
        connect(client, &StompClient::stateChanged, client, [client](PushSource::State state) {
            if (state == PushSource::State::Disconnected || state == PushSource::State::Failed)
                client->deleteLater();
        });
        client->disconnectFromServer();
    } else {
        client->deleteLater(); // may be inside one of its signals: never delete it directly
    }
}
