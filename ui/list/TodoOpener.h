#pragma once

#include "todo/LinkPolicy.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class MergedTodoModel;

// The one way a todo is opened, from a notification, the list window or its context menu: the todo's link goes
// through its own server's LinkPolicy (http and https only, allowed origins only; MergedTodoModel::resolveLink()),
// the resolved URL goes to the default browser (QDesktopServices::openUrl), and the todo is marked read. A refused
// link is not opened and the todo stays unread; refused() says why, for the person.
class TodoOpener final : public QObject
{
    Q_OBJECT
public:
    // `model` must outlive the opener.
    explicit TodoOpener(MergedTodoModel *model, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TodoOpener)

    // The todo's link as the policy resolves it (refused, with a reason, for a todo that is not listed).
    LinkPolicy::Resolution resolve(const QString &key) const;

public Q_SLOTS:
    // Opens the todo `key` (its qualified key: ServerKey). Returns true if the browser was asked to open it.
    bool open(const QString &key);
    // Puts the resolved link, byte for byte, on the clipboard. Returns false if the link is refused.
    bool copyLink(const QString &key);

Q_SIGNALS:
    void opened(const QString &key, const QUrl &url);
    // Not opened: the link is refused by the policy, or no browser could be started. `title` names the todo.
    void refused(const QString &key, const QString &title, const QString &reason);

private:
    QPointer<MergedTodoModel> m_model;
};
