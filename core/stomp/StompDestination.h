#pragma once

#include "stomp/StompClient.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// A STOMP destination as people write them for the servers in the field, understood well enough to explain
// it and to build a durable subscription to it. The client passes destinations through unchanged; this is for
// the places that need to know what one means (the CLI, settings, the durable option).
//
// RabbitMQ (rabbitmq_stomp / rabbitmq_web_stomp):
//   /exchange/<name>[/<pattern>]  a subscription gets its own queue bound to exchange <name> with <pattern>
//                                 (fanout exchanges ignore it); SEND publishes with <pattern> as routing key
//   /queue/<name>                 a queue the broker declares (durable, shared by every subscriber)
//   /amq/queue/<name>             a queue that must exist already (declared elsewhere)
//   /topic/<key>                  the amq.topic exchange with routing/binding key <key>
//   /temp-queue/<name>            a reply queue private to the connection
// Spring's user destinations (/user/queue/..., /user/topic/...) reach only the principal of the handshake.
struct StompDestination
{
    Q_DECLARE_TR_FUNCTIONS(StompDestination)

public:
    enum class Kind { Exchange, Queue, AmqQueue, Topic, TemporaryQueue, User, Other };

    Kind kind = Kind::Other;
    QByteArray name; // exchange, queue or topic key; for User the rest after /user
    QByteArray pattern; // Exchange only: the binding pattern (may be empty)

    static StompDestination parse(QByteArrayView destination);
    // False for a known prefix with nothing after it (/exchange/, /queue/ ...), which brokers refuse.
    bool isValid() const;
    // For people, e.g. "RabbitMQ exchange \"amq.topic\", binding pattern \"todo.*\"".
    QString describe() const;

    // One option for a subscription that survives disconnects: the broker keeps queueing what arrives while
    // the client is away and delivers it on the next SUBSCRIBE with the same `stableId`. Sets the id and, for
    // RabbitMQ, `durable:true` and `auto-delete:false` (and `x-queue-name` when `queueName` is given, which
    // names the queue instead of deriving it from the id). Acknowledgement defaults to client-individual so
    // that nothing is dropped between delivery and storage. ActiveMQ's durable topic subscriptions are named by
    // `activemq.subscriptionName` (set to the id with `forActiveMq`) and also need a `client-id` CONNECT header
    // (StompConnectOptions::connectHeaders). This is the one place the durable headers are built.
    static StompSubscription durableSubscription(const QByteArray &destination, const QByteArray &stableId,
                                                 const QByteArray &queueName = {},
                                                 StompAckMode ackMode = StompAckMode::ClientIndividual,
                                                 bool forActiveMq = false);

    // Bounds what the broker sends ahead of our acknowledgements to `count` messages: RabbitMQ's prefetch-count
    // and ActiveMQ's activemq.prefetchSize (each broker ignores the other's). With no bound RabbitMQ pushes a
    // whole backlog at once, and every message in flight is redelivered when the connection dies. Only for
    // subscriptions with client acks (an auto-ack subscription has nothing in flight); count 0 adds nothing, and
    // a header already there (set by hand) is kept.
    static void limitPrefetch(StompSubscription *subscription, int count);
};
