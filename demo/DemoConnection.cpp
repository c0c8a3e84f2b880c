#include "DemoConnection.h"

#include "DemoLogging.h"
#include "DemoServerHooks.h"
#include "base/Clock.h"
#include "stomp/StompFrameWriter.h"
#include "transport/SockJsFraming.h"

#include <QStringDecoder>
#include <QWebSocket>

#include <algorithm>
#include <utility>

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded)
    return !decoder.hasError();
}

} // namespace

DemoConnection::DemoConnection(const QByteArray &sessionId, QWebSocket *socket, Clock *clock,
                               const DemoServerHooks &hooks, Counters &counters)
    : m_hooks(hooks)
    , m_counters(counters)
    , m_clock(clock)
    , m_sessionId(sessionId)
    , m_socket(socket)
    , m_heartbeatTimer(clock->createTimer())
    , m_watchdogTimer(clock->createTimer())
    , m_outputTimer(clock->createTimer())
{
    connect(m_heartbeatTimer.get(), &ClockTimer::timeout, this, &DemoConnection::onHeartbeatTimer);
    connect(m_watchdogTimer.get(), &ClockTimer::timeout, this, &DemoConnection::onWatchdogTimer);
    connect(m_outputTimer.get(), &ClockTimer::timeout, this, &DemoConnection::flush);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { onMessage(message.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, &DemoConnection::onMessage);
    connect(socket, &QWebSocket::disconnected, this, &DemoConnection::socketDisconnected);
}

DemoConnection::~DemoConnection() = default;

QWebSocket *DemoConnection::socket() const
{
    return m_socket;
}

void DemoConnection::setHeartbeats(qint64 sendMs, qint64 expectMs)
{
    m_sendHeartbeatMs = sendMs;
    m_expectHeartbeatMs = expectMs;
}

void DemoConnection::setIdentity(const QByteArray &login, const QByteArray &host)
{
    m_login = login;
    m_host = host;
}

// ---- Output -------------------------------------------------------------------------------------------

void DemoConnection::sendFrame(const StompFrame &frame)
{
    queueFrame(frame, 0, false);
}

void DemoConnection::sendConnected(const StompFrame &connected)
{
    queueFrame(connected, m_hooks.responseDelayMs(), true);
}

void DemoConnection::sendReceipt(const StompFrame &request)
{
    if (!request.hasHeader("receipt"))
        return;
    if (!m_hooks.sendsReceipts()) {
        qCDebug(lcDemo).noquote() << m_sessionId << "swallowing RECEIPT" << request.header("receipt");
        return;
    }
    queueFrame(StompFrame(QByteArrayLiteral("RECEIPT"), {{QByteArrayLiteral("receipt-id"), request.header("receipt")}}),
               m_hooks.responseDelayMs(), false);
}

void DemoConnection::sendError(const QByteArray &message, const QByteArray &body, const StompFrame *offending,
                               const QList<StompFrame::Header> &extra)
{
    StompFrame error(QByteArrayLiteral("ERROR"));
    error.addHeader(QByteArrayLiteral("message"), message);
    for (const StompFrame::Header &header : extra)
        error.addHeader(header.first, header.second);
    if (offending && offending->hasHeader("receipt"))
        error.addHeader(QByteArrayLiteral("receipt-id"), offending->header("receipt"));
    error.addHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("text/plain"));
    error.body = body;
    qCInfo(lcDemo).noquote() << m_sessionId << "ERROR" << message;
    m_closing = true;
    sendFrame(error);
    queueClose();
}

void DemoConnection::sendMessage(const QByteArray &bytes)
{
    Outgoing item;
    item.bytes = bytes;
    enqueue(std::move(item));
}

void DemoConnection::queueClose(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_closing = true;
    Outgoing close;
    close.close = true;
    close.closeCode = code;
    close.closeReason = reason;
    enqueue(std::move(close));
}

// MESSAGE always carries content-length (its body is todo JSON, or whatever a SEND brought); other frames only
// when their body needs one.
void DemoConnection::queueFrame(const StompFrame &frame, qint64 delayMs, bool startsSession)
{
    Outgoing item;
    item.bytes = StompFrameWriter::serialize(frame, m_version,
                                             frame.command == "MESSAGE" ? StompFrameWriter::ContentLength::Always
                                                                        : StompFrameWriter::ContentLength::AsNeeded);
    if (m_hooks.appendsNewlineToFrames())
        item.bytes += '\n';
    item.command = frame.command;
    item.dueMs = delayMs > 0 ? m_clock->monotonicMs() + delayMs : 0;
    item.startsSession = startsSession;
    enqueue(std::move(item));
}

void DemoConnection::enqueue(Outgoing item)
{
    if (m_finished || m_closeQueued)
        return;
    m_closeQueued = item.close;
    m_output.push_back(std::move(item));
    flush();
}

void DemoConnection::flush()
{
    if (m_finished || m_hooks.holdsTraffic())
        return;
    const qint64 now = m_clock->monotonicMs();
    while (!m_output.empty()) {
        if (m_output.front().dueMs > now) {
            m_outputTimer->start(m_output.front().dueMs - now);
            return;
        }
        Outgoing item = std::move(m_output.front());
        m_output.pop_front();
        if (item.close) {
            m_output.clear();
            closeNow(item.closeCode, item.closeReason);
            return;
        }
        qCDebug(lcDemo).noquote() << m_sessionId << ">>"
                                  << (item.command.isEmpty() ? QByteArrayLiteral("(raw bytes)") : item.command);
        writeMessage(item.bytes);
        if (!item.command.isEmpty()) {
            ++m_counters.sentFrames;
            if (item.command == "MESSAGE")
                ++m_counters.sentMessages;
        }
        if (item.startsSession)
            startSession();
        // startSession() told the server, and whoever listens to it may have ended this connection.
        if (m_finished)
            return;
    }
    m_outputTimer->stop();
}

int DemoConnection::queuedOutputCount() const
{
    return int(std::count_if(m_output.cbegin(), m_output.cend(), [](const Outgoing &item) { return !item.close; }));
}

void DemoConnection::useSockJsFraming()
{
    m_sockJs = true;
    if (m_socket)
        m_socket->sendTextMessage(
            QString::fromLatin1(SockJsFraming::encodeFrame({SockJsFrame::Type::Open, {}, 0, {}})));
}

void DemoConnection::writeToSocket(const QByteArray &bytes)
{
    if (m_sockJs)
        m_socket->sendTextMessage(
            QString::fromUtf8(SockJsFraming::encodeFrame({SockJsFrame::Type::Messages, {bytes}, 0, {}})));
    else if (isValidUtf8(bytes))
        m_socket->sendTextMessage(QString::fromUtf8(bytes));
    else
        m_socket->sendBinaryMessage(bytes);
}

void DemoConnection::writeMessage(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    writeToSocket(bytes);
    // Heart-beats are only needed when nothing else was sent.
    if (m_sessionStarted && m_sendHeartbeatMs > 0)
        m_heartbeatTimer->start(m_sendHeartbeatMs);
}

void DemoConnection::startSession()
{
    m_sessionStarted = true;
    if (m_sendHeartbeatMs > 0)
        m_heartbeatTimer->start(m_sendHeartbeatMs);
    restartWatchdog();
    Q_EMIT sessionStarted();
}

void DemoConnection::onHeartbeatTimer()
{
    if (m_finished || !m_sessionStarted || m_sendHeartbeatMs <= 0)
        return;
    if (m_hooks.sendsHeartbeats() && !m_hooks.holdsTraffic() && m_socket) {
        writeToSocket(StompFrameWriter::heartbeat());
        ++m_counters.heartbeatsSent;
    }
    m_heartbeatTimer->start(m_sendHeartbeatMs);
}

// ---- Input --------------------------------------------------------------------------------------------

void DemoConnection::onMessage(const QByteArray &bytes)
{
    if (m_finished || m_closing)
        return;
    if (m_sockJs) {
        // The client's ["...","..."] is the body of an `a` frame.
        SockJsFrame frame;
        QString error;
        if (!SockJsFraming::decode(QByteArray(QByteArrayLiteral("a") + bytes), &frame, &error)) {
            qCInfo(lcDemo).noquote() << "Closing SockJS session" << m_sessionId << ":" << error;
            closeNow(QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("Broken framing."));
            return;
        }
        const QByteArray input = frame.messages.join();
        if (input.isEmpty())
            return;
        if (m_hooks.holdsTraffic()) {
            m_heldInput += input;
            return;
        }
        restartWatchdog();
        Q_EMIT messageReceived(input);
        return;
    }
    if (m_hooks.holdsTraffic()) {
        m_heldInput += bytes;
        return;
    }
    restartWatchdog();
    Q_EMIT messageReceived(bytes);
}

void DemoConnection::restartWatchdog()
{
    if (m_sessionStarted && m_expectHeartbeatMs > 0 && !m_closing)
        m_watchdogTimer->start(2 * m_expectHeartbeatMs);
}

QByteArray DemoConnection::takeHeldInput()
{
    return std::exchange(m_heldInput, {});
}

void DemoConnection::onWatchdogTimer()
{
    if (m_finished || m_hooks.holdsTraffic())
        return;
    qCInfo(lcDemo).noquote() << m_sessionId << "sent nothing for" << 2 * m_expectHeartbeatMs
                             << "ms (2 x the agreed heart-beat); closing";
    closeNow(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Heart-beat timeout"));
}

// ---- Ending -------------------------------------------------------------------------------------------

void DemoConnection::closeNow(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_finished)
        return;
    m_closing = true;
    m_closeQueued = true;
    stopTimers();
    if (m_socket)
        m_socket->close(code, reason);
}

void DemoConnection::abort()
{
    m_closing = true;
    if (m_socket)
        m_socket->abort();
}

bool DemoConnection::finish()
{
    if (m_finished)
        return false;
    m_finished = true;
    m_closing = true;
    stopTimers();
    m_output.clear();
    m_subscriptions.clear();
    m_transactions.clear();
    qCInfo(lcDemo).noquote() << "Connection" << m_sessionId << "closed";
    return true;
}

void DemoConnection::releaseSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->deleteLater();
}

void DemoConnection::stopTimers()
{
    m_heartbeatTimer->stop();
    m_watchdogTimer->stop();
    m_outputTimer->stop();
}
