#pragma once

#include "todo/Todo.h"

#include <QString>
#include <QStringList>

// Which todos a list shows: free-text search (every word must occur, case-insensitively, in the title, the sender,
// the department or the business name), unread only (a snoozed todo is not listed there until it wakes), and one
// urgency. TodoTable runs it in SQLite (the words
// through the full-text index where it can, see TodoTable); matches() is the same test on one todo in memory, for
// a todo that changed or arrived while a list shows the query.
struct TodoQuery
{
    static constexpr int kAnyUrgency = -1;

    QString text; // as typed; words() splits it
    bool unreadOnly = false;
    int urgency = kAnyUrgency; // metaData.urgency, or kAnyUrgency

    // The words of `text` (split at white space).
    QStringList words() const;
    bool isEmpty() const { return !unreadOnly && urgency == kAnyUrgency && words().isEmpty(); }
    bool matches(const Todo &todo) const;

    // The order of every list of todos, newest first: Todo::sortMs, then arrival (Todo::seq), both descending (the
    // order TodoStore::page() reads in). True when `a` is listed before `b`.
    static bool listedBefore(const Todo &a, const Todo &b)
    {
        return a.sortMs != b.sortMs ? a.sortMs > b.sortMs : a.seq > b.seq;
    }

    bool operator==(const TodoQuery &other) const
    {
        return text == other.text && unreadOnly == other.unreadOnly && urgency == other.urgency;
    }
    bool operator!=(const TodoQuery &other) const { return !(*this == other); }
};
