#include "DemoFrameHandler.h"

#include "DemoConnection.h"
#include "DemoDelivery.h"
#include "DemoLogging.h"
#include "DemoTodoPublisher.h"
#include "base/Logging.h"
#include "stomp/StompFrameParser.h"

#include <algorithm>

namespace {

// "1.0,1.1,1.2", lowest first, as the spec's example ERROR does.
QByteArray versionList(QList<StompVersion> versions)
{
    std::sort(versions.begin(), versions.end());
    QByteArray list;
    for (StompVersion version : std::as_const(versions)) {
        if (!list.isEmpty())
            list += ',';
        list += stompVersionName(version);
    }
    return list;
}

bool parseHeartbeat(const QByteArray &value, qint64 *cx, qint64 *cy)
{
    const QList<QByteArray> parts = value.split(',');
    if (parts.size() != 2)
        return false;
    bool okX = false;
    bool okY = false;
    *cx = parts.at(0).trimmed().toLongLong(&okX);
    *cy = parts.at(1).trimmed().toLongLong(&okY);
    return okX && okY && *cx >= 0 && *cy >= 0;
}

} // namespace

DemoFrameHandler::DemoFrameHandler(DemoDelivery &delivery, DemoTodoPublisher &publisher, QObject *parent)
    : QObject(parent)
    , m_delivery(delivery)
    , m_publisher(publisher)
{ }

DemoFrameHandler::~DemoFrameHandler() = default;

QByteArray DemoFrameHandler::serverHeader()
{
    return QByteArrayLiteral("TodoNotifier-Demo/" TODO_NOTIFIER_VERSION);
}

void DemoFrameHandler::setHeartbeat(qint64 sendMs, qint64 receiveMs)
{
    m_heartbeatSendMs = qMax<qint64>(0, sendMs);
    m_heartbeatReceiveMs = qMax<qint64>(0, receiveMs);
}

void DemoFrameHandler::setCredentials(const QByteArray &login, const QByteArray &passcode)
{
    m_login = login;
    m_passcode = passcode;
}

// ---- Reading ------------------------------------------------------------------------------------------

void DemoFrameHandler::processInput(DemoConnection *connection, const QByteArray &bytes)
{
    StompFrameParser &parser = connection->parser();
    const qint64 heartbeatsBefore = parser.heartbeatCount();
    const bool ok = parser.feed(bytes);
    m_heartbeatsReceived += int(parser.heartbeatCount() - heartbeatsBefore);
    while (parser.hasFrame()) {
        if (connection->isFinished() || connection->isClosing())
            return;
        handleFrame(connection, parser.takeFrame());
    }
    if (!ok && !connection->isFinished() && !connection->isClosing()) {
        const QString detail = parser.error() ? parser.error()->toString() : QString();
        qCInfo(lcDemo).noquote() << connection->sessionId() << "sent a malformed frame:" << detail;
        connection->sendError(QByteArrayLiteral("Malformed frame"), detail.toUtf8());
    }
}

void DemoFrameHandler::handleFrame(DemoConnection *connection, const StompFrame &frame, bool inTransaction)
{
    if (!inTransaction) {
        qCDebug(lcDemo).noquote() << connection->sessionId() << "<<" << frame.command
                                  << Logging::describeHeaders(frame.headers) << "body" << frame.body.size() << "bytes";
        Q_EMIT frameReceived(connection, frame);
        // Whoever listened may have ended the connection.
        if (connection->isFinished() || connection->isClosing())
            return;
    }

    const QByteArray &command = frame.command;
    if (!connection->isStompConnected()) {
        if (command == "CONNECT" || command == "STOMP")
            handleConnect(connection, frame);
        else
            connection->sendError(QByteArrayLiteral("Expected a CONNECT or STOMP frame"),
                                  QByteArrayLiteral("The first frame must be CONNECT or STOMP, not ") + command + '.',
                                  &frame);
        return;
    }

    if (command == "SEND" || command == "ACK" || (command == "NACK" && connection->version() != StompVersion::V1_0)) {
        const QByteArray transaction = frame.header("transaction");
        if (!inTransaction && !transaction.isEmpty()) {
            auto held = connection->transactions().find(transaction);
            if (held == connection->transactions().end()) {
                connection->sendError(
                    QByteArrayLiteral("Unknown transaction"),
                    QByteArrayLiteral("No transaction ") + transaction + QByteArrayLiteral(" was begun."), &frame);
                return;
            }
            StompFrame copy = frame;
            copy.removeHeader("receipt"); // answered now, not again on COMMIT
            held->append(copy);
            connection->sendReceipt(frame);
            return;
        }
        if (command == "SEND")
            m_delivery.send(connection, frame);
        else
            m_delivery.acknowledge(connection, frame);
    } else if (command == "SUBSCRIBE") {
        if (m_delivery.subscribe(connection, frame))
            m_publisher.subscribed();
    } else if (command == "UNSUBSCRIBE") {
        if (m_delivery.unsubscribe(connection, frame))
            m_publisher.unsubscribed();
    } else if (command == "BEGIN" || command == "COMMIT" || command == "ABORT") {
        handleTransaction(connection, frame);
    } else if (command == "DISCONNECT") {
        connection->setClosing();
        connection->sendReceipt(frame);
        connection->queueClose();
    } else if (command == "CONNECT" || command == "STOMP") {
        connection->sendError(QByteArrayLiteral("Already connected"),
                              QByteArrayLiteral("This session is already connected."), &frame);
    } else {
        connection->sendError(QByteArrayLiteral("Unknown command"),
                              QByteArrayLiteral("Unknown or unsupported command '") + command
                                  + QByteArrayLiteral("' in STOMP ") + stompVersionName(connection->version()) + '.',
                              &frame);
    }
}

// ---- CONNECT ------------------------------------------------------------------------------------------

void DemoFrameHandler::handleConnect(DemoConnection *connection, const StompFrame &frame)
{
    QList<StompVersion> offered;
    if (!frame.hasHeader("accept-version")) {
        offered.append(StompVersion::V1_0);
    } else {
        const QList<QByteArray> names = frame.header("accept-version").split(',');
        for (const QByteArray &name : names) {
            StompVersion version = StompVersion::V1_2;
            if (parseStompVersion(name, &version))
                offered.append(version);
        }
    }
    bool found = false;
    for (StompVersion candidate : {StompVersion::V1_2, StompVersion::V1_1, StompVersion::V1_0}) {
        if (offered.contains(candidate) && m_supportedVersions.contains(candidate)) {
            connection->setVersion(candidate);
            found = true;
            break;
        }
    }
    if (!found) {
        const QByteArray supported = versionList(m_supportedVersions);
        qCInfo(lcDemo).noquote() << connection->sessionId()
                                 << "offered no supported STOMP version:" << frame.header("accept-version");
        connection->sendError(QByteArrayLiteral("Supported protocol versions are ") + supported,
                              QByteArrayLiteral("Supported protocol versions are ") + supported + '\n', &frame,
                              {{QByteArrayLiteral("version"), supported}});
        return;
    }
    connection->parser().setVersion(connection->version());
    connection->setIdentity(frame.header("login"), frame.header("host"));
    const QByteArray &login = connection->login();
    const QByteArray &host = connection->host();

    if (!m_requiredHost.isEmpty() && host != m_requiredHost) {
        qCInfo(lcDemo).noquote() << connection->sessionId() << "asked for virtual host" << host;
        connection->sendError(QByteArrayLiteral("Virtual host access denied"),
                              QByteArrayLiteral("Virtual host '") + host
                                  + QByteArrayLiteral("' is not served here (host header required: '") + m_requiredHost
                                  + QByteArrayLiteral("')."),
                              &frame);
        return;
    }
    if (!m_login.isEmpty() && (login != m_login || frame.header("passcode") != m_passcode)) {
        qCInfo(lcDemo).noquote() << connection->sessionId() << "failed authentication as" << login;
        connection->sendError(QByteArrayLiteral("Authentication failed"),
                              QByteArrayLiteral("Access refused for user '") + login
                                  + QByteArrayLiteral("': wrong login or passcode."),
                              &frame);
        return;
    }

    StompFrame connected(QByteArrayLiteral("CONNECTED"));
    if (connection->version() != StompVersion::V1_0) {
        qint64 cx = 0;
        qint64 cy = 0;
        if (!parseHeartbeat(frame.header("heart-beat", QByteArrayLiteral("0,0")), &cx, &cy)) {
            connection->sendError(QByteArrayLiteral("Invalid heart-beat header"),
                                  QByteArrayLiteral("heart-beat must be two non-negative integers, got '")
                                      + frame.header("heart-beat") + QByteArrayLiteral("'."),
                                  &frame);
            return;
        }
        connection->setHeartbeats((m_heartbeatSendMs == 0 || cy == 0) ? 0 : qMax(m_heartbeatSendMs, cy),
                                  (cx == 0 || m_heartbeatReceiveMs == 0) ? 0 : qMax(cx, m_heartbeatReceiveMs));
        connected.addHeader(QByteArrayLiteral("version"), stompVersionName(connection->version()));
    }
    connected.addHeader(QByteArrayLiteral("session"), connection->sessionId());
    connected.addHeader(QByteArrayLiteral("server"), serverHeader());
    if (connection->version() != StompVersion::V1_0) {
        connected.addHeader(QByteArrayLiteral("heart-beat"),
                            QByteArray::number(m_heartbeatSendMs) + ',' + QByteArray::number(m_heartbeatReceiveMs));
    }
    connection->setStompConnected();
    qCInfo(lcDemo).noquote() << connection->sessionId() << "STOMP" << stompVersionName(connection->version())
                             << "session for" << (login.isEmpty() ? QByteArray("(anonymous)") : login)
                             << "heart-beats out" << connection->sendHeartbeatMs() << "ms, in"
                             << connection->expectHeartbeatMs() << "ms";
    connection->sendConnected(connected);
}

// ---- Transactions -------------------------------------------------------------------------------------

void DemoFrameHandler::handleTransaction(DemoConnection *connection, const StompFrame &frame)
{
    const QByteArray transaction = frame.header("transaction");
    if (transaction.isEmpty()) {
        connection->sendError(QByteArrayLiteral("Missing transaction"),
                              frame.command + QByteArrayLiteral(" needs a transaction header."), &frame);
        return;
    }
    const bool known = connection->transactions().contains(transaction);
    if (frame.command == "BEGIN") {
        if (known) {
            connection->sendError(
                QByteArrayLiteral("Transaction already begun"),
                QByteArrayLiteral("Transaction ") + transaction + QByteArrayLiteral(" is already open."), &frame);
            return;
        }
        connection->transactions().insert(transaction, {});
        connection->sendReceipt(frame);
        return;
    }
    if (!known) {
        connection->sendError(QByteArrayLiteral("Unknown transaction"),
                              QByteArrayLiteral("No transaction ") + transaction + QByteArrayLiteral(" was begun."),
                              &frame);
        return;
    }
    const QList<StompFrame> held = connection->transactions().take(transaction);
    if (frame.command == "COMMIT") {
        for (const StompFrame &heldFrame : held) {
            handleFrame(connection, heldFrame, true);
            if (connection->isFinished() || connection->isClosing())
                return;
        }
    }
    qCDebug(lcDemo).noquote() << connection->sessionId() << frame.command << transaction << "with" << held.size()
                              << "frame(s)";
    connection->sendReceipt(frame);
}
