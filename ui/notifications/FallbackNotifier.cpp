#include "notifications/FallbackNotifier.h"

#include "common/UiLogging.h"
#include "todo/ServerKey.h"

namespace {

constexpr qsizetype kRecentRequests = 32;

} // namespace

FallbackNotifier::FallbackNotifier(std::unique_ptr<Notifier> primary, std::unique_ptr<Notifier> fallback,
                                   QObject *parent)
    : Notifier(parent)
    , m_primary(std::move(primary))
    , m_fallback(std::move(fallback))
{
    for (Notifier *notifier : {m_primary.get(), m_fallback.get()}) {
        connect(notifier, &Notifier::activated, this, &Notifier::activated);
        connect(notifier, &Notifier::actionInvoked, this, &Notifier::actionInvoked);
        connect(notifier, &Notifier::summaryActivated, this, &Notifier::summaryActivated);
    }
    connect(m_primary.get(), &Notifier::notificationFailed, this, &FallbackNotifier::onPrimaryFailed);
    connect(m_fallback.get(), &Notifier::notificationFailed, this, &Notifier::notificationFailed);
}

FallbackNotifier::~FallbackNotifier() = default;

Notifier *FallbackNotifier::active() const
{
    return m_fellBack ? m_fallback.get() : m_primary.get();
}

QString FallbackNotifier::backendName() const
{
    return active()->backendName();
}

void FallbackNotifier::showTodo(const QString &todoId, const QString &title, const QString &body, Urgency urgency)
{
    show({todoId, title, body, urgency});
}

void FallbackNotifier::showSummary(const QString &summaryId, const QString &title, const QString &body)
{
    show({summaryId, title, body, Urgency::Normal});
}

void FallbackNotifier::closeTodo(const QString &todoId)
{
    // Withdrawn: should the primary fail now, it is not shown again through the fallback.
    m_recent.removeIf([&todoId](const Request &request) { return request.key == todoId; });
    active()->closeTodo(todoId);
}

void FallbackNotifier::closeAll()
{
    m_recent.clear();
    active()->closeAll();
}

void FallbackNotifier::show(const Request &request)
{
    Notifier *notifier = active();
    notifier->setAppIcon(m_appIcon, m_appIconName); // the settings of this notifier are the ones that count
    notifier->setSoundEnabled(m_soundEnabled);
    if (!m_fellBack) {
        m_recent.append(request);
        if (m_recent.size() > kRecentRequests)
            m_recent.removeFirst();
    }
    if (ServerKey::isSummaryId(request.key))
        notifier->showSummary(request.key, request.title, request.body);
    else
        notifier->showTodo(request.key, request.title, request.body, request.urgency);
}

void FallbackNotifier::onPrimaryFailed(const QString &key, const QString &message)
{
    if (m_fellBack)
        return;
    qCWarning(lcNotify) << m_primary->backendName() << "notifications failed (" << message << "): using"
                        << m_fallback->backendName() << "from now on";
    m_fellBack = true;
    const QList<Request> recent = std::exchange(m_recent, {});
    for (auto it = recent.crbegin(); it != recent.crend(); ++it) {
        if (it->key == key) {
            show(*it);
            break;
        }
    }
}
