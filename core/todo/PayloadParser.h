#pragma once

#include "todo/Todo.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

// Bounds on what one MESSAGE body may make the parser do. Nothing in a body can exceed them: a larger body is
// refused whole, deeper nesting is refused before the JSON parser runs, longer lists and strings are cut.
struct PayloadLimits
{
    qsizetype maxBodyBytes = 4 * 1024 * 1024; // larger bodies are refused (nothing is parsed)
    int maxDepth = 32; // JSON nesting (arrays and objects), checked before parsing
    int maxTodos = 2000; // todos taken from one body; the rest is dropped with a note
    int maxDecodeLayers = 3; // JSON strings holding JSON, unwrapped at most this often
    qsizetype maxFieldLength = 16 * 1024; // typed string fields (title, urls, names) are cut to this
    int maxNotes = 20; // notes kept per body; further ones are only counted
};

struct PayloadOptions
{
    QTimeZone serverTimeZone = QTimeZone::systemTimeZone(); // for `time` without an offset
    PayloadLimits limits;
    // Where a push names the ids of todos handled elsewhere (done in the web application), as a dotted path from the
    // body's outermost JSON object (after unwrapping a body encoded twice), e.g. "data.removedIds": an array of ids
    // (strings or numbers) or a single one. Empty: not looked for.
    QString removedIdsField {};
};

// What one MESSAGE body held.
struct TodoBatch
{
    enum class Kind {
        Todos, // todos and/or a pending count (sysMsgNums); `todos` may be empty when only the count came
        KeepAlive, // an application keep-alive such as {"keepalive":"live"}: not a todo
        Empty, // an empty (or whitespace) body
        Ignored, // well-formed, but nothing we understand (error says what it was)
        Invalid, // refused: malformed, too large, too deep (error says why)
    };

    Kind kind = Kind::Empty;
    QList<Todo> todos;
    int pendingCount = -1; // the server's sysMsgNums, -1 when the body carried none
    QString error; // Ignored/Invalid: why nothing came out, one line for people
    QStringList notes; // fields that were missing or mistyped and how they were degraded
    int droppedNotes = 0; // notes beyond PayloadLimits::maxNotes
    int layers = 0; // how many JSON-string layers were unwrapped (1 = "JSON encoded twice")
    // The body is provably the whole pending list, not a page of it: an envelope whose sysMsgNums equals the number
    // of todos in its sysMsgList (every element taken), with none of the usual paging fields beside them (page,
    // pageNo, pageSize, hasMore, next, cursor, offset, ...; a total is allowed when it equals the list's size). Only
    // a catch-up answer is ever read as the whole list (TodoIngestor); a paged or count-less list never is.
    bool completeList = false;
    // The ids PayloadOptions::removedIdsField named: todos handled elsewhere (as Todo::id, not Todo::key).
    QStringList removedIds;

    bool hasPendingCount() const { return pendingCount >= 0; }
    // Only removed ids (no todos, no count): such a body says nothing about the pending count.
    bool isRemovalOnly() const { return todos.isEmpty() && !hasPendingCount() && !removedIds.isEmpty(); }
    // True for bodies that speak about todos (they decide the pending counter); keep-alives and refused or
    // ignored bodies do not.
    bool isPayload() const { return kind == Kind::Todos; }
};

QString todoBatchKindName(TodoBatch::Kind kind); // "todos", "keepalive", "empty", "ignored", "invalid"

// Turns a MESSAGE body into a TodoBatch. Accepts every shape seen in the field (design.md):
//  - the envelope {"data":{"sysMsgList":[...],"sysMsgNums":N,...},"fromUserId":...} (and the same without
//    the "data" wrapper);
//  - a single todo object, an array of todo objects;
//  - any of these encoded twice (a JSON string holding JSON), up to PayloadLimits::maxDecodeLayers;
//  - plain text, which becomes one todo titled with the text and keyed by the message-id;
//  - application keep-alives ({"keepalive":"live"}), which are not todos.
// Missing or mistyped fields degrade (a note says how; it is also logged at debug level), never throw or
// crash. `time` is read as "yyyy-MM-dd HH:mm:ss" (also with "/" or "T", with or without seconds or
// milliseconds) in the server's time zone, ISO 8601 with an offset, or epoch milliseconds (a number or a
// string of digits; values below 10^11 are taken as seconds).
//
// Stateless and reentrant: one parser can serve every message.
class PayloadParser final
{
    Q_DECLARE_TR_FUNCTIONS(PayloadParser)

public:
    explicit PayloadParser(PayloadOptions options = {});

    const PayloadOptions &options() const { return m_options; }

    // `messageId` keys text bodies and id-less todos; without one they are keyed by a hash of their content.
    TodoBatch parse(const QByteArray &body, const QByteArray &messageId = {}) const;

    // One todo from one JSON object (as found in sysMsgList). `fallbackKey` is used when it has no id.
    Todo todoFromObject(const QJsonObject &object, const QString &fallbackKey, TodoBatch *batch) const;

    // `time` as the servers send it; invalid when not understood.
    static QDateTime parseTime(const QJsonValue &value, const QTimeZone &serverTimeZone);

    // The nesting depth of a JSON text (arrays and objects), scanning at most until it exceeds `stopAbove`.
    static int jsonDepth(QByteArrayView json, int stopAbove);

private:
    void parseJson(const QByteArray &json, const QByteArray &messageId, int layer, TodoBatch *batch) const;
    void parseValue(const QJsonValue &value, const QByteArray &messageId, int layer, TodoBatch *batch) const;
    void parseObject(const QJsonObject &object, const QByteArray &messageId, int layer, TodoBatch *batch) const;
    void parseList(const QJsonArray &list, const QByteArray &messageId, TodoBatch *batch) const;
    void parseText(const QString &text, const QByteArray &messageId, TodoBatch *batch) const;
    void readRemovedIds(const QJsonObject &object, TodoBatch *batch) const;
    void note(TodoBatch *batch, const QString &text) const;
    QString boundedString(const QJsonValue &value, const QString &field, const QString &todoName,
                          TodoBatch *batch) const;

    PayloadOptions m_options;
};
