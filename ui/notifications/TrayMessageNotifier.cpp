#include "notifications/TrayMessageNotifier.h"

#include "common/UiLogging.h"
#include "todo/ServerKey.h"

#include <QSystemTrayIcon>

namespace {

constexpr int kMessageTimeoutMs = 10000;

} // namespace

TrayMessageNotifier::TrayMessageNotifier(QSystemTrayIcon *trayIcon, QObject *parent)
    : Notifier(parent)
    , m_trayIcon(trayIcon)
{
    Q_ASSERT(trayIcon);
    connect(trayIcon, &QSystemTrayIcon::messageClicked, this, &TrayMessageNotifier::onMessageClicked);
}

void TrayMessageNotifier::showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency)
{
    if (!m_trayIcon)
        return;
    m_currentTodoId = todoId;
    m_summaryShown = false;
    if (urgency == Urgency::Critical)
        m_trayIcon->showMessage(title, body, QSystemTrayIcon::Warning, kMessageTimeoutMs);
    else if (!m_appIcon.isNull())
        m_trayIcon->showMessage(title, body, m_appIcon, kMessageTimeoutMs);
    else
        m_trayIcon->showMessage(title, body, QSystemTrayIcon::Information, kMessageTimeoutMs);
}

void TrayMessageNotifier::showSummary(const QString &summaryId, const QString &title, const QString &body)
{
    if (!m_trayIcon)
        return;
    m_currentTodoId.clear();
    m_summaryShown = true;
    m_currentSummaryId = summaryId;
    if (!m_appIcon.isNull())
        m_trayIcon->showMessage(title, body, m_appIcon, kMessageTimeoutMs);
    else
        m_trayIcon->showMessage(title, body, QSystemTrayIcon::Information, kMessageTimeoutMs);
}

void TrayMessageNotifier::closeTodo(const QString &todoId)
{
    if (ServerKey::isSummaryId(todoId) || todoId == m_currentTodoId) {
        m_currentTodoId.clear();
        m_summaryShown = true;
    }
}

void TrayMessageNotifier::closeAll()
{
    // A shown message cannot be withdrawn; a late click on it opens the list instead of a stale todo.
    m_currentTodoId.clear();
    m_summaryShown = true;
}

void TrayMessageNotifier::onMessageClicked()
{
    qCDebug(lcNotify) << "tray message clicked:" << (m_summaryShown ? QStringLiteral("summary") : m_currentTodoId);
    if (m_summaryShown || m_currentTodoId.isEmpty())
        Q_EMIT summaryActivated(m_currentSummaryId);
    else
        Q_EMIT activated(m_currentTodoId);
}
