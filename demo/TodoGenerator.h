#pragma once

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

class Clock;

// Makes realistic todo push bodies for the demo server, in exactly the envelope the field's servers send
// (see "The wire, from the field" in design.md):
//
//   {"data":{"menuTipsMap":null,"sysMsgList":[{ one todo }],"sysMsgNums":N,"onlineUserNums":null,
//            "extraData":null},"fromUserId":null,"fromUserName":null}
//
// Titles, business types, senders and departments are a mix of Chinese and English; urgency varies
// (0 普通/Normal, 1 紧急/Urgent, 2 特急/Critical). `time` is the clock's wall time, `id` a 19-digit
// snowflake-like number derived from it (unique and increasing per generator), `handlerUrl` a path relative
// to the web application whose fragment carries a route and a query with raw non-ASCII text
// (`itemname=项目主管`). `sysMsgNums` is the person's pending counter: it grows by one with every body.
//
// Deterministic: two generators with the same seed, reading the same wall times, produce the same bodies.
class TodoGenerator final
{
    Q_DISABLE_COPY_MOVE(TodoGenerator)

public:
    explicit TodoGenerator(quint32 seed = 1, Clock *clock = nullptr);

    // The clock `time` and `id` are read from; nullptr means Clock::system().
    void setClock(Clock *clock);
    Clock *clock() const { return m_clock; }

    // Restarts the sequence as a new generator with this seed would.
    void reseed(quint32 seed);
    quint32 seed() const { return m_seed; }

    // The next todo push body (compact UTF-8 JSON).
    QByteArray nextBody();

    // The `sysMsgNums` of the last body returned (before the first: the starting count).
    int pendingCount() const { return m_pendingCount; }
    // Number of bodies returned since construction or reseed().
    int generatedCount() const { return m_generated; }

    // An application keep-alive as seen in the field: {"keepalive":"live"}. Not a todo.
    static QByteArray keepaliveBody();

private:
    QByteArray nextId();
    QString randomDigits(int count);

    Clock *m_clock = nullptr;
    quint32 m_seed = 1;
    QRandomGenerator m_random;
    qint64 m_lastId = 0;
    int m_pendingCount = 0;
    int m_generated = 0;
    QString m_userId;
    QString m_ownerId;
};
