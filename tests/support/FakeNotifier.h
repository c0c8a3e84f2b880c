#pragma once

#include "notifications/Notifier.h"

#include <QList>
#include <QStringList>

// Records what the coordinator asks a notification server to do; clickTodo(), clickSummary() and chooseAction() play
// the person's clicks.
class FakeNotifier final : public Notifier
{
    Q_OBJECT
public:
    struct Shown
    {
        QString key; // empty for a summary
        QString title;
        QString body;
        Urgency urgency = Urgency::Normal;
    };

    using Notifier::Notifier;

    void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) override
    {
        shown.append({todoId, title, body, urgency});
    }
    void showSummary(const QString &summaryId, const QString &title, const QString &body) override
    {
        shown.append({summaryId, title, body, Urgency::Normal});
    }
    void closeTodo(const QString &todoId) override { closed.append(todoId); }
    void closeAll() override { ++closeAllCount; }
    QString backendName() const override { return QStringLiteral("fake"); }

    void clickTodo(const QString &key) { Q_EMIT activated(key); }
    void clickSummary(const QString &summaryId = {}) { Q_EMIT summaryActivated(summaryId); }
    void chooseAction(const QString &key, Action action) { Q_EMIT actionInvoked(key, action); }

    QStringList titles() const
    {
        QStringList out;
        for (const Shown &item : shown)
            out.append(item.title);
        return out;
    }

    QList<Shown> shown;
    QStringList closed; // closeTodo() calls, in order (empty: the summary)
    int closeAllCount = 0;
};
