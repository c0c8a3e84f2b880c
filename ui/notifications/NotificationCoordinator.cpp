#include "notifications/NotificationCoordinator.h"

#include "base/Clock.h"
#include "common/UiLogging.h"
#include "config/QuietHours.h"
#include "config/Settings.h"
#include "ingest/CatchUp.h"
#include "list/TodoOpener.h"
#include "store/TodoStore.h"
#include "todo/ServerKey.h"

#include <QDateTime>
#include <QLocale>

#include <utility>

namespace {

constexpr int kSummaryTitles = 3; // titles a summary lists
constexpr qint64 kCatchUpSettleMs = 300; // after the catch-up answer, for its todos to be committed

} // namespace

NotificationCoordinator::NotificationCoordinator(Notifier *notifier, TodoOpener *opener, Settings *settings,
                                                 QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
    , m_opener(opener)
    , m_settings(settings)
{
    Q_ASSERT(notifier && opener && settings);
    setClock(nullptr);
    // With several servers every coordinator hears every click: each answers only for its own notifications.
    connect(notifier, &Notifier::activated, this, [this](const QString &key) {
        if (m_opener && isMine(key))
            m_opener->open(key);
    });
    connect(notifier, &Notifier::actionInvoked, this, [this](const QString &key, Notifier::Action action) {
        if (!isMine(key))
            return;
        switch (action) {
        case Notifier::Action::MarkRead:
            Q_EMIT markReadRequested(key);
            return;
        case Notifier::Action::Snooze:
            Q_EMIT snoozeRequested(key, Notifier::kSnoozeMs);
            return;
        }
    });
    connect(notifier, &Notifier::summaryActivated, this, [this](const QString &id) {
        if (id == summaryId())
            Q_EMIT listRequested();
    });
    connect(settings, &Settings::changed, this, &NotificationCoordinator::onSettingsChanged);
    notifier->setSoundEnabled(settings->get<bool>(Settings::Key::NotificationSound));
    m_rules = NotificationRules::fromSettings(*settings);
}

NotificationCoordinator::~NotificationCoordinator() = default;

void NotificationCoordinator::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_catchUpTimer = m_clock->createTimer();
    connect(m_catchUpTimer.get(), &ClockTimer::timeout, this, &NotificationCoordinator::onCatchUpTimer);
    m_summaryTimer = m_clock->createTimer();
    connect(m_summaryTimer.get(), &ClockTimer::timeout, this, &NotificationCoordinator::onSummaryTimer);
    m_offlineTimer = m_clock->createTimer();
    connect(m_offlineTimer.get(), &ClockTimer::timeout, this, &NotificationCoordinator::onOfflineTimer);
    m_quietTimer = m_clock->createTimer();
    connect(m_quietTimer.get(), &ClockTimer::timeout, this, &NotificationCoordinator::onQuietTimer);
    m_realertTimer = m_clock->createTimer();
    connect(m_realertTimer.get(), &ClockTimer::timeout, this, &NotificationCoordinator::onRealertTimer);
}

void NotificationCoordinator::setServer(const QString &serverId, const QString &name)
{
    m_serverId = serverId;
    m_serverName = name;
    // The first server alone (no name): the notifier is its own, as without this call.
    m_sharedNotifier = !serverId.isEmpty() || !name.isEmpty();
}

Todo NotificationCoordinator::scoped(const Todo &todo) const
{
    if (m_serverId.isEmpty())
        return todo;
    Todo qualified = todo;
    qualified.key = ServerKey::qualify(m_serverId, todo.key);
    return qualified;
}

bool NotificationCoordinator::isMine(const QString &notificationId) const
{
    return ServerKey::serverOf(notificationId) == m_serverId;
}

QString NotificationCoordinator::summaryId() const
{
    return ServerKey::summaryId(m_serverId);
}

QString NotificationCoordinator::noticeTitle(const QString &title) const
{
    return m_serverName.isEmpty() ? title : tr("%1: %2").arg(m_serverName, title);
}

QString NotificationCoordinator::todoBody(const Todo &todo) const
{
    const QString body = bodyFor(todo);
    if (m_serverName.isEmpty())
        return body;
    return body.isEmpty() ? m_serverName : m_serverName + QStringLiteral(" · ") + body;
}

void NotificationCoordinator::setTodoStore(TodoStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (!store)
        return;
    connect(store, &TodoStore::todoChanged, this, [this](const Todo &todo) { cancelRealert(scoped(todo)); });
    connect(store, &TodoStore::allMarkedRead, this, [this] {
        m_realerts.clear();
        scheduleRealert();
    });
}

void NotificationCoordinator::attach(PushSource *source)
{
    if (m_sourceConnection)
        disconnect(m_sourceConnection);
    if (m_stateConnection)
        disconnect(m_stateConnection);
    m_attentionShown = false;
    m_offlineShown = false;
    m_sayBackOnline = false;
    m_offlineSinceWallMs = -1;
    m_offlineTimer->stop();
    if (!source)
        return;
    m_sourceConnection = connect(source, &PushSource::connected, this, &NotificationCoordinator::onConnected);
    m_stateConnection = connect(source, &PushSource::stateChanged, this, [this, source](PushSource::State state) {
        onSourceStateChanged(state, source->lastError());
    });
}

void NotificationCoordinator::onSourceStateChanged(PushSource::State state, const PushError &error)
{
    switch (state) {
    case PushSource::State::Connected:
        // The catch-up window that connected() opened says "connected again" at its end.
        m_sayBackOnline = m_offlineShown || m_attentionShown;
        m_attentionShown = false;
        m_offlineShown = false;
        m_offlineSinceWallMs = -1;
        m_offlineTimer->stop();
        return;
    case PushSource::State::Disconnected:
    case PushSource::State::Disconnecting:
        // Stopped on purpose (quitting, new settings): not an outage.
        m_offlineSinceWallMs = -1;
        m_offlineTimer->stop();
        return;
    case PushSource::State::Connecting:
    case PushSource::State::Backoff:
    case PushSource::State::NeedsAttention:
    case PushSource::State::Failed:
        // An outage begins at its first such state; the retries that follow do not start it again.
        if (m_offlineSinceWallMs < 0 && !m_offlineShown) {
            m_offlineSinceWallMs = m_clock->wallMs();
            const int minutes = m_settings ? m_settings->get<int>(Settings::Key::OfflineNoticeMinutes) : 0;
            if (minutes > 0)
                m_offlineTimer->start(qint64(minutes) * 60 * 1000);
        }
        break;
    }
    // A failure that retrying cannot fix is said once, with its cause, not on every slow retry.
    if (state != PushSource::State::NeedsAttention || m_attentionShown || !m_notifier)
        return;
    m_attentionShown = true;
    // The tray icon shows it regardless; a popup only when the person wants popups now.
    if (!popupsWantedNow())
        return;
    showSummary(tr("Todo Notifier cannot connect"),
                tr("%1\nCheck the server settings; it keeps trying now and then.").arg(error.message), {});
    Q_EMIT attentionShown(error.message);
}

void NotificationCoordinator::onOfflineTimer()
{
    // Said once per outage, and not when the attention notice has already said what is wrong.
    if (m_offlineShown || m_attentionShown || m_offlineSinceWallMs < 0 || !m_notifier)
        return;
    if (m_settings && m_settings->get<bool>(Settings::Key::NotificationPopups)) {
        // During quiet hours it waits for their end (read again on the wall clock at least every quietRecheckMs):
        // still offline then, it is said then.
        const QDateTime wallNow = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
        if (m_settings->isQuietHoursActive(wallNow)) {
            const QDateTime until = QuietHours::fromSettings(*m_settings).quietUntil(wallNow);
            qint64 delayMs = m_options.quietRecheckMs;
            if (until.isValid())
                delayMs = qBound<qint64>(1, wallNow.msecsTo(until), delayMs);
            m_offlineTimer->start(delayMs);
            return;
        }
    }
    if (!popupsWantedNow())
        return;
    m_offlineShown = true;
    const QDateTime since = QDateTime::fromMSecsSinceEpoch(m_offlineSinceWallMs).toLocalTime();
    // The time alone when it is today's (after a night of quiet hours, with its date).
    const bool today = since.date() == QDateTime::fromMSecsSinceEpoch(m_clock->wallMs()).toLocalTime().date();
    const QString when = today ? QLocale().toString(since.time(), QLocale::ShortFormat)
                               : QLocale().toString(since, QLocale::ShortFormat);
    qCInfo(lcNotify) << "offline since" << since.toString(Qt::ISODate) << ": said once";
    showSummary(tr("Todo Notifier is offline"),
                tr("No connection to the server since %1. It keeps trying; todos sent meanwhile "
                   "arrive when it is back.")
                    .arg(when),
                {});
    Q_EMIT offlineShown(m_offlineSinceWallMs);
}

bool NotificationCoordinator::popupsWantedNow() const
{
    const PopupSettings &settings = popupSettings();
    if (!m_settings || !settings.popups)
        return false;
    const QDateTime wallNow = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
    return !settings.isDoNotDisturb(wallNow) && !settings.quietHours.isQuiet(wallNow);
}

const NotificationCoordinator::PopupSettings &NotificationCoordinator::popupSettings() const
{
    const qint64 nowMs = m_clock->monotonicMs();
    if (m_settings && (m_popupSettings.readAtMs < 0 || nowMs - m_popupSettings.readAtMs >= 1000)) {
        m_popupSettings.popups = m_settings->get<bool>(Settings::Key::NotificationPopups);
        m_popupSettings.urgentBypasses = m_settings->get<bool>(Settings::Key::UrgentBypassesDoNotDisturb);
        m_popupSettings.doNotDisturbUntil = m_settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil);
        m_popupSettings.quietHours = QuietHours::fromSettings(*m_settings);
        m_popupSettings.realertMinutes = m_settings->get<int>(Settings::Key::RealertUrgentMinutes);
        m_popupSettings.readAtMs = nowMs;
    }
    return m_popupSettings;
}

void NotificationCoordinator::setCatchUp(CatchUp *catchUp)
{
    if (m_catchUp)
        disconnect(m_catchUp, nullptr, this, nullptr);
    m_catchUp = catchUp;
    if (!catchUp)
        return;
    connect(catchUp, &CatchUp::fetched, this, &NotificationCoordinator::onCatchUpFinished);
    connect(catchUp, &CatchUp::failed, this, &NotificationCoordinator::onCatchUpFinished);
}

Notifier::Urgency NotificationCoordinator::urgencyFor(const Todo &todo)
{
    // Servers send 0 (普通, normal), 1 (紧急, urgent), 2 (特急, critical). An ordinary todo is a normal notification;
    // an urgent one should not slip by unnoticed, which is what "critical" means to a notification server.
    return todo.urgency >= 1 ? Notifier::Urgency::Critical : Notifier::Urgency::Normal;
}

QString NotificationCoordinator::bodyFor(const Todo &todo)
{
    QString sender = todo.senderName;
    if (!todo.senderDepartment.isEmpty())
        sender = sender.isEmpty() ? todo.senderDepartment : tr("%1 (%2)").arg(sender, todo.senderDepartment);
    QStringList parts;
    for (const QString &part : {todo.businessName, sender}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral(" · "));
}

void NotificationCoordinator::onTodoArrived(const Todo &arrived)
{
    Todo todo = scoped(arrived);
    if (m_catchingUp) {
        qCDebug(lcNotify) << "holding todo" << todo.key << "until the catch-up window ends";
        todo.source = {}; // a notification shows the todo's fields: a backlog of thousands is held lighter
        m_held.append(std::move(todo));
        return;
    }
    if (admit(todo))
        addToBurst(todo);
}

bool NotificationCoordinator::admit(const Todo &todo)
{
    switch (decide(todo)) {
    case Decision::Suppress:
        qCDebug(lcNotify) << "no popup for todo" << todo.key << "(do not disturb, or popups off)";
        Q_EMIT todoSuppressed(todo.key);
        return false;
    case Decision::Mute:
        qCDebug(lcNotify) << "no popup for todo" << todo.key << ": muted by a rule";
        Q_EMIT todoSuppressed(todo.key);
        return false;
    case Decision::HoldForQuietHours:
        holdForQuietHours(todo);
        return false;
    case Decision::Show:
        return true;
    }
    return false;
}

void NotificationCoordinator::onUnreadCountChanged(int unreadCount)
{
    if (unreadCount != 0)
        return;
    closeAll();
    // Nothing is left unread to remind of.
    m_realerts.clear();
    scheduleRealert();
}

void NotificationCoordinator::onTodoChanged(const Todo &todo)
{
    // A snoozed todo's notification goes too: it comes back when the snooze ends.
    if (todo.read || todo.done || todo.isSnoozed())
        withdraw(ServerKey::qualify(m_serverId, todo.key));
}

void NotificationCoordinator::withdraw(const QString &key)
{
    // Held for a summary that has not been shown yet: it will not be in it.
    m_held.removeIf([&key](const Todo &todo) { return todo.key == key; });
    if (m_quietHeldKeys.remove(key)) {
        --m_quietHeldCount;
        m_quietRecent.removeIf([&key](const Todo &todo) { return todo.key == key; });
    }
    if (!m_notifier)
        return;
    if (m_shownKeys.remove(key)) {
        qCDebug(lcNotify) << "withdrawing the notification of todo" << key << "(read or done)";
        m_notifier->closeTodo(key);
        Q_EMIT withdrawn(key);
    }
    if (m_summaryKeys.remove(key) && m_summaryKeys.isEmpty()) {
        qCDebug(lcNotify) << "withdrawing the summary: every todo it stood for is read or done";
        m_notifier->closeTodo(summaryId());
        Q_EMIT withdrawn(QString());
    }
}

void NotificationCoordinator::closeAll()
{
    const QSet<QString> shown = std::exchange(m_shownKeys, {});
    m_summaryKeys.clear();
    if (!m_notifier)
        return;
    if (!m_sharedNotifier) {
        m_notifier->closeAll();
        return;
    }
    // Other servers' notifications stay: only this server's go.
    for (const QString &key : shown)
        m_notifier->closeTodo(key);
    m_notifier->closeTodo(summaryId());
}

void NotificationCoordinator::onSnoozeEnded(const Todo &woken)
{
    const Todo todo = scoped(woken);
    // As an arrival, but shown as itself: no burst or catch-up window applies.
    if (admit(todo))
        show(todo);
}

void NotificationCoordinator::showSummary(const QString &title, const QString &body, const QSet<QString> &keys)
{
    m_summaryKeys = keys;
    m_notifier->showSummary(summaryId(), noticeTitle(title), body);
}

NotificationCoordinator::Decision NotificationCoordinator::decide(const Todo &todo) const
{
    const PopupSettings &settings = popupSettings();
    if (!m_settings || !m_notifier || !settings.popups)
        return Decision::Suppress;
    const NotificationRules::Verdict verdict = m_rules.verdictFor(todo);
    if (verdict == NotificationRules::Verdict::Mute)
        return Decision::Mute;
    const QDateTime wallNow = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
    // A lowered todo never bypasses do not disturb or quiet hours, whatever its urgency.
    const bool bypass = verdict == NotificationRules::Verdict::Notify && todo.urgency >= 1 && settings.urgentBypasses;
    if (settings.isDoNotDisturb(wallNow))
        return bypass ? Decision::Show : Decision::Suppress;
    if (settings.quietHours.isQuiet(wallNow))
        return bypass ? Decision::Show : Decision::HoldForQuietHours;
    return Decision::Show;
}

void NotificationCoordinator::holdForQuietHours(const Todo &todo)
{
    qCDebug(lcNotify) << "holding todo" << todo.key << "until the quiet hours end";
    ++m_quietHeldCount;
    m_quietHeldKeys.insert(todo.key);
    m_quietRecent.prepend(todo);
    while (m_quietRecent.size() > kSummaryTitles)
        m_quietRecent.removeLast();
    if (todo.urgency >= 1)
        m_quietUrgent.append(todo);
    Q_EMIT todoSuppressed(todo.key);
    scheduleQuietCheck();
}

void NotificationCoordinator::scheduleQuietCheck()
{
    if (m_quietHeldCount == 0 || m_quietTimer->isActive())
        return;
    // Until the end of the quiet hours, but reading the wall clock again at least every quietRecheckMs: the
    // timer runs on the monotonic clock, which stands still while the computer sleeps and ignores clock changes.
    qint64 delayMs = m_options.quietRecheckMs;
    if (m_settings) {
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
        const QDateTime until = QuietHours::fromSettings(*m_settings).quietUntil(now);
        if (until.isValid())
            delayMs = qBound<qint64>(0, now.msecsTo(until), delayMs);
        else if (!m_settings->isQuietHoursActive(now))
            delayMs = 0;
    }
    m_quietTimer->start(delayMs);
}

void NotificationCoordinator::onQuietTimer()
{
    if (m_quietHeldCount == 0)
        return;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
    if (m_settings && m_settings->isQuietHoursActive(now)) {
        scheduleQuietCheck();
        return;
    }
    const int count = std::exchange(m_quietHeldCount, 0);
    const QList<Todo> recent = std::exchange(m_quietRecent, {});
    const QList<Todo> urgent = std::exchange(m_quietUrgent, {});
    const QSet<QString> keys = std::exchange(m_quietHeldKeys, {});
    // Do not disturb (or popups switched off) since: they stay quiet.
    if (!m_notifier || !popupsWantedNow())
        return;
    if (count == 1 && !recent.isEmpty()) {
        addToBurst(recent.constFirst());
        return;
    }
    QStringList titles;
    for (const Todo &todo : recent)
        titles.append(todo.title);
    const QString title = tr("%n todos arrived during quiet hours", nullptr, count);
    qCInfo(lcNotify) << count << "todos arrived during quiet hours: one summary";
    showSummary(title, titles.join(QLatin1Char('\n')), keys);
    Q_EMIT summaryShown(count, title);
    for (const Todo &todo : urgent)
        armRealert(todo);
}

void NotificationCoordinator::show(const Todo &todo)
{
    qCDebug(lcNotify) << "notifying todo" << todo.key;
    const QString title = todo.title.isEmpty() ? tr("New todo") : todo.title;
    const bool lowered = m_rules.verdictFor(todo) == NotificationRules::Verdict::Lower;
    m_notifier->showTodo(todo.key, title, todoBody(todo), lowered ? Notifier::Urgency::Low : urgencyFor(todo));
    m_shownKeys.insert(todo.key);
    Q_EMIT todoShown(todo.key);
}

void NotificationCoordinator::addToBurst(const Todo &todo)
{
    const qint64 t = now();
    if (m_lastArrivalMs < 0 || t - m_lastArrivalMs >= m_options.burstWindowMs) {
        m_burstCount = 0;
        m_burstRecent.clear();
        m_burstKeys.clear();
        m_summaryDirty = false;
        m_summaryTimer->stop();
    }
    m_lastArrivalMs = t;
    armRealert(todo); // shown now, on its own or in the summary
    ++m_burstCount;
    m_burstKeys.insert(todo.key);
    m_burstRecent.prepend(todo);
    while (m_burstRecent.size() > kSummaryTitles)
        m_burstRecent.removeLast();

    if (m_burstCount <= m_options.maxIndividual) {
        show(todo);
    } else if (m_burstCount == m_options.maxIndividual + 1) {
        // The burst becomes one summary: the notifications of its first todos give way to it.
        qCInfo(lcNotify) << "a burst of todos: one summary instead of a notification each";
        closeAll();
        showBurstSummary();
        m_summaryTimer->start(m_options.summaryRefreshMs);
    } else {
        m_summaryDirty = true;
        if (!m_summaryTimer->isActive())
            m_summaryTimer->start(m_options.summaryRefreshMs);
    }
}

void NotificationCoordinator::showBurstSummary()
{
    QStringList titles;
    for (const Todo &todo : std::as_const(m_burstRecent))
        titles.append(todo.title);
    const QString title = tr("%n new todos", nullptr, m_burstCount);
    showSummary(title, titles.join(QLatin1Char('\n')), m_burstKeys);
    Q_EMIT summaryShown(m_burstCount, title);
}

void NotificationCoordinator::onSummaryTimer()
{
    if (!m_summaryDirty)
        return;
    m_summaryDirty = false;
    showBurstSummary();
    m_summaryTimer->start(m_options.summaryRefreshMs);
}

void NotificationCoordinator::onConnected()
{
    m_catchingUp = true;
    m_catchUpTimeUp = false;
    m_catchUpTimer->start(m_options.catchUpWindowMs);
}

void NotificationCoordinator::onCatchUpTimer()
{
    m_catchUpTimeUp = true;
    if (m_catchUp && m_catchUp->isBusy())
        return; // onCatchUpFinished() ends the window
    finishCatchUp();
}

void NotificationCoordinator::onCatchUpFinished()
{
    // The answer goes through the ingestor, which commits it on its next turn: give it a moment.
    if (m_catchingUp && m_catchUpTimeUp)
        m_catchUpTimer->start(kCatchUpSettleMs);
}

void NotificationCoordinator::finishCatchUp()
{
    m_catchingUp = false;
    const QList<Todo> held = std::exchange(m_held, {});
    QList<qsizetype> shown; // in `held` (a backlog may be thousands: not copied again)
    int muted = 0;
    QSet<QString> shownKeys;
    for (qsizetype i = 0; i < held.size(); ++i) {
        const Todo &todo = held.at(i);
        switch (decide(todo)) {
        case Decision::Show:
            shown.append(i);
            shownKeys.insert(todo.key);
            break;
        case Decision::HoldForQuietHours:
            holdForQuietHours(todo);
            break;
        case Decision::Mute:
            ++muted;
            Q_EMIT todoSuppressed(todo.key);
            break;
        case Decision::Suppress:
            Q_EMIT todoSuppressed(todo.key);
            break;
        }
    }
    if (std::exchange(m_sayBackOnline, false) && m_notifier && popupsWantedNow()) {
        // One notification for being back and for what came meanwhile (all of it but what rules mute: this says how
        // many arrived).
        const int count = int(held.size()) - muted;
        QStringList lines;
        lines.append(count == 0 ? tr("Nothing arrived while you were offline.")
                                : tr("%n todos arrived while you were offline.", nullptr, count));
        for (qsizetype i = shown.size() - 1; i >= 0 && lines.size() <= kSummaryTitles; --i)
            lines.append(held.at(shown.at(i)).title);
        qCInfo(lcNotify) << "connected again," << count << "todos arrived meanwhile";
        showSummary(tr("Todo Notifier is connected again"), lines.join(QLatin1Char('\n')), {});
        Q_EMIT backOnlineShown(count);
        for (const qsizetype i : std::as_const(shown))
            armRealert(held.at(i));
        return;
    }
    if (shown.isEmpty())
        return;
    if (shown.size() == 1) {
        addToBurst(held.at(shown.constFirst()));
        return;
    }
    QStringList titles;
    for (qsizetype i = shown.size() - 1; i >= 0 && titles.size() < kSummaryTitles; --i)
        titles.append(held.at(shown.at(i)).title);
    const int count = int(shown.size());
    const QString title = tr("%n todos arrived while you were offline", nullptr, count);
    qCInfo(lcNotify) << count << "todos arrived while offline: one summary";
    showSummary(title, titles.join(QLatin1Char('\n')), shownKeys);
    Q_EMIT summaryShown(count, title);
    for (const qsizetype i : std::as_const(shown))
        armRealert(held.at(i));
}

void NotificationCoordinator::onSettingsChanged()
{
    m_popupSettings.readAtMs = -1;
    if (m_notifier && m_settings)
        m_notifier->setSoundEnabled(m_settings->get<bool>(Settings::Key::NotificationSound));
    if (m_settings) {
        m_rules = NotificationRules::fromSettings(*m_settings);
        // Re-alerts switched off: the ones armed are forgotten.
        if (m_settings->get<int>(Settings::Key::RealertUrgentMinutes) <= 0 && !m_realerts.isEmpty()) {
            m_realerts.clear();
            scheduleRealert();
        }
    }
    // The quiet hours may have changed or been switched off: look again now.
    if (m_quietHeldCount > 0) {
        m_quietTimer->stop();
        onQuietTimer();
    }
}

void NotificationCoordinator::armRealert(const Todo &todo)
{
    if (todo.urgency < 1)
        return;
    const int minutes = popupSettings().realertMinutes;
    if (minutes <= 0 || m_rules.verdictFor(todo) != NotificationRules::Verdict::Notify)
        return;
    if (m_realertArmed.contains(todo.key))
        return; // at most once per todo: a redelivery or a re-push does not start it again
    m_realertArmed.insert(todo.key);
    const qint64 due = now() + qint64(minutes) * 60 * 1000;
    auto at = m_realerts.end();
    while (at != m_realerts.begin() && (at - 1)->dueMs > due)
        --at;
    m_realerts.insert(at, {due, todo});
    scheduleRealert();
}

void NotificationCoordinator::scheduleRealert()
{
    if (m_realerts.isEmpty()) {
        m_realertTimer->stop();
        return;
    }
    m_realertTimer->start(qMax<qint64>(0, m_realerts.constFirst().dueMs - now()));
}

void NotificationCoordinator::onRealertTimer()
{
    const qint64 t = now();
    QList<Todo> due;
    while (!m_realerts.isEmpty() && m_realerts.constFirst().dueMs <= t)
        due.append(m_realerts.takeFirst().todo);
    scheduleRealert();
    for (const Todo &todo : std::as_const(due)) {
        if (isStillUnread(todo.key))
            showRealert(todo);
    }
}

void NotificationCoordinator::showRealert(const Todo &todo)
{
    // As an arrival would be now: quiet hours hold it, do not disturb keeps it quiet (unless urgent todos bypass
    // it), rules changed since may mute it.
    switch (decide(todo)) {
    case Decision::Suppress:
    case Decision::Mute:
        qCDebug(lcNotify) << "no re-alert for todo" << todo.key << "(do not disturb, popups off or muted)";
        return;
    case Decision::HoldForQuietHours:
        holdForQuietHours(todo);
        return;
    case Decision::Show:
        break;
    }
    qCInfo(lcNotify) << "todo" << todo.key << "still unread: shown once more";
    const QString title = todo.title.isEmpty() ? tr("New todo") : todo.title;
    m_notifier->showTodo(todo.key, tr("Still unread: %1").arg(title), todoBody(todo), urgencyFor(todo));
    m_shownKeys.insert(todo.key); // withdrawn like any other once read, done or snoozed
    Q_EMIT realertShown(todo.key);
}

void NotificationCoordinator::cancelRealert(const Todo &todo)
{
    // Read, done, or snoozed (it notifies again when it wakes: that is its reminder).
    if (!todo.read && !todo.done && !todo.isSnoozed())
        return;
    const auto removed = m_realerts.removeIf([&todo](const PendingRealert &p) { return p.todo.key == todo.key; });
    if (removed > 0)
        scheduleRealert();
}

bool NotificationCoordinator::isStillUnread(const QString &key) const
{
    if (!m_store)
        return true; // onUnreadCountChanged(0) cancels what was read
    const std::optional<Todo> stored = m_store->todo(ServerKey::localKey(key));
    return stored && !stored->read && !stored->done && !stored->isSnoozed();
}

qint64 NotificationCoordinator::now() const
{
    return m_clock->monotonicMs();
}
