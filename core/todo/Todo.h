#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// One todo: what a push told us about a piece of work waiting for the person, plus what the store knows about
// it. A value type, cheap to copy (implicitly shared members).
//
// Every field of the source object is kept: the typed members below are the ones the application uses, and
// `source` holds the whole object as it arrived (including the complete `metaData` map and any field nobody
// knows about yet), so nothing is lost even if the UI shows only some of it. Lists loaded for display
// (TodoStore::page()) leave `source` empty; TodoStore::todo() returns the complete value.
struct Todo
{
    enum class Kind {
        Json, // a todo object from a JSON payload
        Text, // a plain-text body: the text is the title, the key comes from the message-id
    };

    // ---- Identity ------------------------------------------------------------------------------------
    // The de-duplication key: "id:<id>" for a todo with an id; "msg:<message-id>" for a text body (and
    // "msg:<message-id>#<n>" for the n-th id-less todo of a JSON body); "sha1:<hex>" of the content when
    // there is neither. Two pushes with the same key are the same todo.
    QString key;
    QString id; // the source's `id` (empty for text bodies)
    Kind kind = Kind::Json;

    // ---- Source fields -------------------------------------------------------------------------------
    QString title;
    QString timeText; // `time` as sent
    QDateTime time; // `time` parsed (UTC); invalid when missing or not understood
    QString handlerUrl; // as sent: relative to the web application, fragment untouched
    QString userId;
    QString pendingId;
    QString ownerId;
    QString ownerIdentityId;
    // From `metaData` (the whole map is source["metaData"]).
    int urgency = 0; // metaData.urgency: 0 normal, 1 urgent, 2 critical (as the servers send it)
    QString urgencyText; // metaData.urgencyText
    QString businessName; // metaData.bname
    QString senderName; // metaData.send_name
    QString senderDepartment; // metaData.send_dept
    QString nodeName; // metaData.node_name
    QString pendingUrl; // metaData.pendingUrl
    QJsonObject source; // the whole source object; a text body is {"text": "..."}

    // ---- Delivery --------------------------------------------------------------------------------------
    QString messageId; // STOMP message-id of the MESSAGE that (last) carried it
    QString destination; // where it came from

    // ---- Store state (zero until stored) ---------------------------------------------------------------
    qint64 seq = 0; // store row, increasing with first arrival
    qint64 sortMs = 0; // list order (newest first): `time` when known, else the first arrival; never changes
    qint64 receivedMs = 0; // first arrival (wall clock)
    qint64 updatedMs = 0; // last arrival
    int deliveries = 0; // how often it arrived (redeliveries and re-pushes included)
    bool read = false;
    bool done = false;
    // Snoozed until this wall-clock time (ms since the epoch); 0 when not snoozed. A snoozed todo is unread but not
    // counted or listed as unread until it wakes (TodoStore::snooze()).
    qint64 snoozedUntilMs = 0;

    bool isSnoozed() const { return snoozedUntilMs > 0; }
    QJsonObject metaData() const;
    // The link to open: handlerUrl, or metaData.pendingUrl when there is none.
    QString link() const { return handlerUrl.isEmpty() ? pendingUrl : handlerUrl; }
    // A compact JSON view (typed fields, store state and the source) for the CLI and logs.
    QJsonObject toJson() const;

    bool operator==(const Todo &other) const;
    bool operator!=(const Todo &other) const { return !(*this == other); }
};
// Every member is relocatable (implicitly shared Qt types and scalars): lists of todos move them with memmove.
Q_DECLARE_TYPEINFO(Todo, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Todo)

QString todoKindName(Todo::Kind kind); // "json", "text"
