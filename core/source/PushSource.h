#pragma once

#include "source/InboundMessage.h"
#include "source/PushError.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

// What a connected push source says about its connection: for `todo-notifier-cli check` and `listen`, the logs and
// the tray's tooltip.
struct SourceSession
{
    QUrl url; // the URL connected to
    QString protocol; // PushSource::name()
    QString transport; // how the bytes travel: "websocket ws://host/ws (v12.stomp)", a SockJS transport, ...
    QString server; // the server's name and version, when it says
    QString summary; // one line for people, protocol-specific: STOMP 1.2, heart-beat 10000,10000 ms, server "..."
    QJsonObject details; // the protocol-specific figures for machine-readable output: {"version":"1.2", ...}
};
Q_DECLARE_METATYPE(SourceSession)

// The seam between the wire and everything else: one push protocol (STOMP, ...), connected to one server. Every
// protocol implements it; the pipeline (ingest, store, model) and the UI see only this.
//
//   Disconnected --start()--> Connecting --greeting done--> Connected
//   Connecting/Connected --lost, refused, silent--> Backoff --ReconnectPolicy's delay--> Connecting
//   Backoff --the same failure retrying cannot fix, again and again--> NeedsAttention --a slow retry--> Connecting
//   Backoff --attempt limit, refused credentials--> Failed --start()/reconnectNow()--> Connecting
//   Connected --stop()--> Disconnecting --> Disconnected
//
// Sources pace reconnects with a ReconnectPolicy and watch the connection with a LivenessMonitor, so every protocol
// retries, fails over and notices silence, clock jumps and network changes the same way.
class PushSource : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)

public:
    // The one connection state of the application: the tray icon, the status texts, `--status` and the CLI use it.
    // NeedsAttention: still retrying, slowly, a failure that retrying cannot fix (the settings or the server must
    // change: a wrong path, TLS rejected, not this protocol); lastError() says which.
    enum class State { Disconnected, Connecting, Connected, Disconnecting, Backoff, NeedsAttention, Failed };
    Q_ENUM(State)

    enum class Settlement {
        Accept, // the message's todos are durably stored: the server may forget it (ACK)
        Reject, // they could not be stored: the server should deliver it again (NACK)
    };

    using QObject::QObject;

    // The protocol's name: "stomp", ... (InboundMessage::source, SourceSession::protocol).
    virtual QString name() const = 0;
    virtual State state() const = 0;
    bool isConnected() const { return state() == State::Connected; }
    // The last error; Kind::None once connected again.
    virtual PushError lastError() const = 0;
    // Valid while connected.
    virtual SourceSession session() const = 0;
    // The configured server URLs, in failover order, and the one connected to or tried next.
    virtual QList<QUrl> urls() const = 0;
    virtual QUrl currentUrl() const = 0;
    // Failed attempts in a row.
    virtual int attempt() const = 0;
    // The application's own authentication headers (a token, a cookie), for other requests to the same server (the
    // catch-up GET). Protocol headers (STOMP login, passcode, ...) are not among them. Values may be secrets.
    virtual QList<QPair<QByteArray, QByteArray>> authHeaders() const = 0;
    // The HTTP client the source's connections use, so that other requests to the same server (the catch-up GET)
    // share its cookies (sticky sessions); nullptr when the source has none of its own.
    virtual QNetworkAccessManager *networkAccessManager() const { return nullptr; }

    // Settles a message this source delivered (see InboundMessage). Returns false when there is nothing to settle, or
    // when it cannot be settled any more (it came over an earlier connection: the server redelivers it anyway).
    virtual bool settle(const InboundMessage &message, Settlement settlement) = 0;

public Q_SLOTS:
    // Connects (or reconnects at once from Backoff or Failed), and keeps reconnecting.
    virtual void start() = 0;
    // Disconnects gracefully and stays disconnected.
    virtual void stop() = 0;
    // Skips a pending backoff delay (or leaves Failed) and connects at once; a live connection starts afresh.
    virtual void reconnectNow() = 0;
    // Something (the network came back, the computer woke up) says the link may be stale: verify it promptly.
    virtual void checkLiveness() = 0;

Q_SIGNALS:
    void stateChanged(PushSource::State state);
    void connected(const SourceSession &session);
    void disconnected(const PushError &reason); // left Connected
    void reconnecting(int attempt, qint64 delayMs, const QUrl &nextUrl);
    void messageReceived(const InboundMessage &message);
    void errorOccurred(const PushError &error);
    void livenessConfirmed(); // the server answered a checkLiveness() probe
};
