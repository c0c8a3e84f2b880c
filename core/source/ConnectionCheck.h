#pragma once

#include "source/PushError.h"
#include "source/PushSource.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QUrl>

// "Test connection" for settings that are not saved yet, for every protocol: each server URL in turn gets one
// attempt, and what the protocol can verify beyond connecting (STOMP: that every destination's subscription is
// confirmed) is verified, without taking anything from the server (nothing is acknowledged, nothing is stored).
// Everything is asynchronous; cancel() stops at once. Nothing here touches Settings or the keychain.
class ConnectionCheck : public QObject
{
    Q_OBJECT

public:
    enum class Stage { Connecting, Verifying };
    Q_ENUM(Stage)

    // The outcome for one URL.
    struct Result
    {
        QUrl url;
        bool ok = false;
        bool connected = false; // the protocol's greeting came (so `session` is filled), even if verifying then failed
        SourceSession session;
        // What worked, one line for people: "STOMP 1.2 over WebSocket, heart-beat 10000 ms out, 10000 ms in".
        QString description;
        QString verified; // what was verified beyond connecting: "Subscribed to /topic/todos."
        PushError error; // when !ok
    };

    using QObject::QObject;

    // Tests every URL, one after the other (a running test is cancelled first).
    virtual void start() = 0;
    // Stops a running test; finished() is not emitted for it.
    virtual void cancel() = 0;
    virtual bool isRunning() const = 0;
    // How long the greeting, and then each verification, may take (default 10 s each). Call before start().
    virtual void setTimeout(qint64 ms) = 0;

Q_SIGNALS:
    void progress(const QUrl &url, ConnectionCheck::Stage stage);
    // One result per URL, in the order tested.
    void finished(const QList<ConnectionCheck::Result> &results);
};

Q_DECLARE_METATYPE(ConnectionCheck::Result)
