#include "list/TodoOpener.h"

#include "common/UiLogging.h"
#include "model/MergedTodoModel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>

TodoOpener::TodoOpener(MergedTodoModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    Q_ASSERT(model);
}

LinkPolicy::Resolution TodoOpener::resolve(const QString &key) const
{
    std::optional<LinkPolicy::Resolution> link = m_model ? m_model->resolveLink(key) : std::nullopt;
    if (!link) {
        LinkPolicy::Resolution refused;
        refused.reason = tr("This todo is no longer in the list.");
        return refused;
    }
    return std::move(*link);
}

bool TodoOpener::open(const QString &key)
{
    const LinkPolicy::Resolution link = resolve(key);
    const std::optional<Todo> todo = m_model ? m_model->todo(key) : std::nullopt;
    const QString title = todo ? todo->title : QString();
    if (!link.allowed) {
        qCInfo(lcNotify) << "not opening todo" << key << ":" << link.reason;
        Q_EMIT refused(key, title, link.reason);
        return false;
    }
    if (!link.exactInQUrl) {
        // LinkPolicy: QUrl would normalise this link. The browser gets QUrl's form; say so for whoever debugs it.
        qCWarning(lcNotify) << "the link of todo" << key << "is not exact in QUrl; opening" << link.url.toEncoded()
                            << "instead of" << link.encoded;
    }
    if (!QDesktopServices::openUrl(link.url)) {
        const QString reason = tr("No web browser could be started to open the link.");
        qCWarning(lcNotify) << "cannot open the link of todo" << key;
        Q_EMIT refused(key, title, reason);
        return false;
    }
    qCInfo(lcNotify) << "opened todo" << key;
    m_model->setRead(key);
    Q_EMIT opened(key, link.url);
    return true;
}

bool TodoOpener::copyLink(const QString &key)
{
    const LinkPolicy::Resolution link = resolve(key);
    if (!link.allowed)
        return false;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(link.encoded));
    return true;
}
