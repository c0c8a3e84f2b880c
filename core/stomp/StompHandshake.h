#pragma once

#include "stomp/StompFrame.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct StompConnectOptions;
struct StompSession;

// The STOMP handshake as pure functions (no I/O): the CONNECT frame a client sends, what the server's CONNECTED
// frame means for the session (version, heart-beats negotiated as the spec's "Heart-beating" section has it), and
// whether an ERROR frame before CONNECTED is a refusal of the credentials.
class StompHandshake final
{
    Q_DECLARE_TR_FUNCTIONS(StompHandshake)

public:
    // CONNECT (or STOMP) with accept-version, host (only when configured), login, passcode, heart-beat and the
    // extra headers.
    static StompFrame connectFrame(const StompConnectOptions &options);
    // Fills `session` from CONNECTED (version, server, session id, negotiated heart-beats). Returns an empty
    // string, or why the server's answer cannot be used (a version that was not offered, or none known).
    static QString negotiate(const StompFrame &connected, const StompConnectOptions &options, StompSession *session);
    // Error text that brokers use when they refuse credentials (RabbitMQ "Access refused for user", ActiveMQ
    // "User name [x] or password is invalid.", Spring "Failed to authorize").
    static bool looksLikeAuthFailure(const QByteArray &text);
};
