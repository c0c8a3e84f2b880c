#include "store/TodoQuery.h"

QStringList TodoQuery::words() const
{
    return text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool TodoQuery::matches(const Todo &todo) const
{
    if (unreadOnly && (todo.read || todo.isSnoozed()))
        return false;
    if (urgency != kAnyUrgency && todo.urgency != urgency)
        return false;
    const QString *const fields[] = {&todo.title, &todo.senderName, &todo.senderDepartment, &todo.businessName};
    const QStringList terms = words();
    for (const QString &term : terms) {
        bool found = false;
        for (const QString *field : fields) {
            if (field->contains(term, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}
