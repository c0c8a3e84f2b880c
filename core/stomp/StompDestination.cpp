#include "stomp/StompDestination.h"

#include <QCoreApplication>

#include <algorithm>

StompDestination StompDestination::parse(QByteArrayView destination)
{
    StompDestination out;
    auto rest = [&destination](QByteArrayView prefix) {
        return destination.sliced(prefix.size()).toByteArray();
    };
    if (destination.startsWith("/exchange/")) {
        out.kind = Kind::Exchange;
        const QByteArray tail = rest("/exchange/");
        const qsizetype slash = tail.indexOf('/');
        out.name = slash < 0 ? tail : tail.left(slash);
        out.pattern = slash < 0 ? QByteArray() : tail.mid(slash + 1);
    } else if (destination.startsWith("/amq/queue/")) {
        out.kind = Kind::AmqQueue;
        out.name = rest("/amq/queue/");
    } else if (destination.startsWith("/queue/")) {
        out.kind = Kind::Queue;
        out.name = rest("/queue/");
    } else if (destination.startsWith("/topic/")) {
        out.kind = Kind::Topic;
        out.name = rest("/topic/");
    } else if (destination.startsWith("/temp-queue/")) {
        out.kind = Kind::TemporaryQueue;
        out.name = rest("/temp-queue/");
    } else if (destination.startsWith("/user/")) {
        out.kind = Kind::User;
        out.name = rest("/user");
    } else {
        out.name = destination.toByteArray();
    }
    return out;
}

bool StompDestination::isValid() const
{
    return kind == Kind::Other || !name.isEmpty();
}

QString StompDestination::describe() const
{
    const QString n = QString::fromUtf8(name);
    switch (kind) {
    case Kind::Exchange:
        return pattern.isEmpty()
            ? tr("RabbitMQ exchange \"%1\"").arg(n)
            : tr("RabbitMQ exchange \"%1\", binding pattern \"%2\"").arg(n, QString::fromUtf8(pattern));
    case Kind::Queue:
        return tr("queue \"%1\"").arg(n);
    case Kind::AmqQueue:
        return tr("existing RabbitMQ queue \"%1\"").arg(n);
    case Kind::Topic:
        return tr("topic \"%1\"").arg(n);
    case Kind::TemporaryQueue:
        return tr("temporary reply queue \"%1\"").arg(n);
    case Kind::User:
        return tr("user destination \"%1\" (for the handshake's principal)").arg(n);
    case Kind::Other:
        break;
    }
    return tr("destination \"%1\"").arg(n);
}

StompSubscription StompDestination::durableSubscription(const QByteArray &destination, const QByteArray &stableId,
                                                        const QByteArray &queueName, StompAckMode ackMode,
                                                        bool forActiveMq)
{
    StompSubscription subscription;
    subscription.id = stableId;
    subscription.destination = destination;
    subscription.ackMode = ackMode;
    if (parse(destination).kind != Kind::AmqQueue) { // an existing queue is not declared, so has no flags to set
        subscription.headers.append({QByteArrayLiteral("durable"), QByteArrayLiteral("true")});
        subscription.headers.append({QByteArrayLiteral("auto-delete"), QByteArrayLiteral("false")});
    }
    if (!queueName.isEmpty())
        subscription.headers.append({QByteArrayLiteral("x-queue-name"), queueName});
    if (forActiveMq)
        subscription.headers.append({QByteArrayLiteral("activemq.subscriptionName"), stableId});
    return subscription;
}

void StompDestination::limitPrefetch(StompSubscription *subscription, int count)
{
    if (count <= 0 || subscription->ackMode == StompAckMode::Auto)
        return;
    const QByteArray value = QByteArray::number(count);
    for (const QByteArray &name : {QByteArrayLiteral("prefetch-count"), QByteArrayLiteral("activemq.prefetchSize")}) {
        const bool present = std::any_of(subscription->headers.cbegin(), subscription->headers.cend(),
                                         [&](const auto &header) { return header.first == name; });
        if (!present)
            subscription->headers.append({name, value});
    }
}
