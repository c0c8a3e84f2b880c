#pragma once

#include "notifications/Notifier.h"

#include <QList>

#include <memory>

// Notifications through `primary` until it fails to show one, then through `fallback` for good, beginning with
// the notification that failed. On Linux the primary is the freedesktop service, chosen when the session bus
// lists it, even as merely activatable; if it then does not start (or goes away), the todos reach the person as
// tray messages instead of nobody.
class FallbackNotifier final : public Notifier
{
    Q_OBJECT
public:
    FallbackNotifier(std::unique_ptr<Notifier> primary, std::unique_ptr<Notifier> fallback, QObject *parent = nullptr);
    ~FallbackNotifier() override;
    Q_DISABLE_COPY_MOVE(FallbackNotifier)

    void showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency) override;
    void showSummary(const QString &summaryId, const QString &title, const QString &body) override;
    void closeTodo(const QString &todoId) override;
    void closeAll() override;
    // The backend in use: the primary's name until it failed, then the fallback's.
    QString backendName() const override;

private:
    struct Request
    {
        QString key; // the todo id, or a summary's (ServerKey::isSummaryId())
        QString title;
        QString body;
        Urgency urgency = Urgency::Normal;
    };

    Notifier *active() const;
    void show(const Request &request);
    void onPrimaryFailed(const QString &key, const QString &message);

    std::unique_ptr<Notifier> m_primary;
    std::unique_ptr<Notifier> m_fallback;
    bool m_fellBack = false;
    // The latest requests, newest last, so that the one the primary reports as failed can be shown again. A
    // failure is reported within the D-Bus call timeout, and bursts reach a notifier as one summary, so a few
    // dozen are plenty.
    QList<Request> m_recent;
};
