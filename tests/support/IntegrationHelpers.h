#pragma once

#include "todo/Todo.h"

#include <QFile>
#include <QList>
#include <QSignalSpy>
#include <QString>
#include <QVariant>

// What the integration tests against real servers share: the port a CTest fixture wrote to the file named by an
// environment variable, and how often a todo arrived as new (TodoIngestor::todoArrived) by its id.

// 0 when the file is not there (the test was not run through ctest and its fixtures).
inline int portFrom(const char *variable)
{
    QFile file(qEnvironmentVariable(variable));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toInt();
}

// How often each todo arrived (as new), by key.
inline int arrivals(const QSignalSpy &arrived, const QString &id)
{
    int count = 0;
    for (const QList<QVariant> &args : arrived)
        count += args.first().value<Todo>().key == QStringLiteral("id:") + id ? 1 : 0;
    return count;
}
