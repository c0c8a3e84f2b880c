#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// One pushed message as every protocol delivers it: the body the payload parser reads, and what the protocol said
// about it. Nothing below the push source knows which protocol delivered it.
//
// A message is settled (PushSource::settle()) once its todos are durably stored: acknowledged where the protocol has
// acknowledgements (STOMP client acks), a no-op where it has none. `needsSettle` says which: true means the server
// keeps the message until it is accepted, and delivers it again after a rejection or a lost connection, so a message
// that could not be stored may be rejected; false means this copy is the only one, so it must be kept and retried.
struct InboundMessage
{
    QByteArray body;
    QByteArray contentType; // as the protocol declared it; empty when it does not say
    QByteArray messageId; // the protocol's id for this message (STOMP message-id, SSE id), or empty
    QString source; // PushSource::name() of the source that delivered it: "stomp", ...
    QByteArray channel; // where it came from: a STOMP destination, an event name; empty when there is one stream
    QList<QPair<QByteArray, QByteArray>> attributes; // the protocol's own metadata (STOMP headers), for diagnostics
    quint64 deliveryTag = 0; // the source's handle for settle(); 0 when there is nothing to settle
    bool needsSettle = false;
};
Q_DECLARE_TYPEINFO(InboundMessage, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(InboundMessage)
