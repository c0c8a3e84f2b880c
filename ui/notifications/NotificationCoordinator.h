#pragma once

#include "config/NotificationRules.h"
#include "config/QuietHours.h"
#include "notifications/Notifier.h"
#include "source/PushSource.h"
#include "todo/Todo.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <memory>

class CatchUp;
class Clock;
class ClockTimer;
class Settings;
class TodoOpener;
class TodoStore;

// Decides which todos become native notifications, and what clicking one does.
//
//  - A todo that arrives on its own gets a notification of its own; clicking it opens the todo (TodoOpener:
//    through the link policy, then marked read).
//  - Bursts are coalesced: while todos keep arriving less than burstWindowMs apart, the first maxIndividual get
//    their own notification; when one more comes, those are withdrawn and one summary ("5 new todos") stands
//    for the whole burst, updated as it grows. Clicking a summary opens the list (listRequested()).
//  - After every (re)connect, todos that come in during the catch-up window (the broker's backlog, the
//    catch-up GET: what arrived while offline) are held and summarised once at its end ("4 todos arrived while
//    you were offline"; a single one is shown as itself).
//  - Do not disturb (Settings) suppresses popups; the todos are still stored and counted. Urgent and critical
//    todos are shown anyway when the setting says they bypass it. With popups switched off nothing is shown.
//  - Quiet hours (a weekly schedule, QuietHours) hold popups instead: what arrives then (but urgent todos, when
//    they bypass do not disturb) becomes one summary when the quiet hours end ("6 todos arrived during quiet
//    hours"; a single one is shown as itself). The end is checked on the wall clock at least every
//    quietRecheckMs, so a computer that slept through it, or a clock change, does not delay the summary for long.
//    Connection notices keep quiet too: "cannot connect" and "connected again" are not shown during quiet hours
//    (the tray icon says it), and "offline" waits for their end, said then if the connection is still down.
//  - When the source needs the person's attention (the same failure that retrying cannot fix, again and again), one
//    notification says so with the cause; not another until it has been connected again.
//  - Withdrawn when no longer wanted: a todo read or done (here, or handled elsewhere: TodoStore::todosDoneElsewhere)
//    has its notification withdrawn (Notifier::closeTodo) and is no longer held for a catch-up or quiet-hours
//    summary; a summary is withdrawn once every todo it stood for is read or done (until then it stays as it is).
//  - The other actions of a todo's notification, where the server has them: "Mark as read" (markReadRequested())
//    and "Snooze" for Notifier::kSnoozeMs (snoozeRequested()).
//  - Offline, said once: when the connection has been down for Settings' OfflineNoticeMinutes (counted from the
//    first state that is not Connected; a deliberate stop does not count), one notification says since when; when
//    it is connected again, one notification says so with the count of what arrived meanwhile (it takes the place
//    of the catch-up summary). Never one per retry.
//  - Rules (NotificationRules, in the settings) mute or lower todos by type, sender, department or urgency. A muted
//    todo is stored and counted but gets no pop-up and is left out of summaries; a lowered one gets a pop-up of low
//    urgency without sound, and never bypasses do not disturb or quiet hours.
//  - Re-alert (Settings' RealertUrgentMinutes, off by default): an urgent or critical todo that is still unread (and
//    not done) that many minutes after it was notified is shown once more, "Still unread: <title>", as do not
//    disturb and quiet hours allow. Once per todo: a redelivery does not start it again; reading it cancels it. One
//    timer, for the earliest one due.
//
//  - Several servers: one coordinator per server, all on one notifier (setServer()). Each handles its own server's
//    todos, connection and catch-up; keys are qualified (ServerKey) so two servers' todos never share a
//    notification, each server has a summary of its own, the server's name leads every notice and todo body, and
//    a click reaches the coordinator whose notification it was.
//
// Time comes from the Clock seam, so tests drive the windows with MockClock.
class NotificationCoordinator final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxIndividual = 3; // notifications of their own per burst; one more turns the burst into a summary
        qint64 burstWindowMs = 2000; // arrivals closer than this belong to one burst
        qint64 catchUpWindowMs = 2500; // after CONNECTED: arrivals are held this long, then summarised
        qint64 summaryRefreshMs = 1000; // a growing summary is updated at most this often
        qint64 quietRecheckMs = 5 * 60 * 1000; // while holding todos for quiet hours: how often the wall clock is read
    };

    // `notifier`, `opener` and `settings` must outlive the coordinator.
    NotificationCoordinator(Notifier *notifier, TodoOpener *opener, Settings *settings, QObject *parent = nullptr);
    ~NotificationCoordinator() override;
    Q_DISABLE_COPY_MOVE(NotificationCoordinator)

    void setClock(Clock *clock); // before the first todo; nullptr means Clock::system()
    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    // Holds arrivals after every connect of `source` (see above); one source at a time.
    void attach(PushSource *source);
    // The catch-up window also lasts until `catchUp`'s request is answered.
    void setCatchUp(CatchUp *catchUp);
    // Where re-alerts ask whether a todo is still unread, and learn that it was read. Without one, a re-alert is
    // cancelled only when every todo is read (onUnreadCountChanged(0)).
    void setTodoStore(TodoStore *store);

    // One of several servers, all notifying through the same notifier: `serverId` names it (ServerKey; "" for the
    // first) and `name` is what people call it ("Production"). Todos that come in (arrivals, woken snoozes, changes)
    // are known by their qualified keys from then on, and every request the coordinator emits carries one. Not
    // called, or called with "" and no name (a single server): the notifier is the coordinator's alone and nothing
    // is renamed.
    void setServer(const QString &serverId, const QString &name);
    QString serverId() const { return m_serverId; }

    // The notifier's urgency for a todo's metaData.urgency (0 normal, 1 urgent, 2 critical).
    static Notifier::Urgency urgencyFor(const Todo &todo);
    // The notification text for a todo: its title, and "business · sender (department)".
    static QString bodyFor(const Todo &todo);

    bool isCatchingUp() const { return m_catchingUp; }
    int heldCount() const { return int(m_held.size()); }
    // Todos held until the quiet hours end.
    int quietHeldCount() const { return m_quietHeldCount; }
    // Re-alerts armed and not yet due.
    int pendingRealertCount() const { return int(m_realerts.size()); }

public Q_SLOTS:
    void onTodoArrived(const Todo &todo);
    // Every todo read (e.g. "Mark all as read"): the notifications still on screen are stale.
    void onUnreadCountChanged(int unreadCount);
    // A snoozed todo woke (SnoozeScheduler::snoozeEnded): it is shown again as itself, once, unless do not disturb
    // or quiet hours say otherwise, exactly as for an arrival (no burst or catch-up window applies).
    void onSnoozeEnded(const Todo &todo);
    // A todo's read/done state changed (TodoStore::todoChanged): read or done, its notification is withdrawn.
    void onTodoChanged(const Todo &todo);
    // Withdraws every notification still on screen of this coordinator's (its server is being removed).
    void withdrawAll() { closeAll(); }

Q_SIGNALS:
    void listRequested(); // a summary was clicked
    // The person chose "Mark as read" on the notification of todo `key`.
    void markReadRequested(const QString &key);
    // The person chose "Snooze" on the notification of todo `key`: snooze it for `durationMs`.
    void snoozeRequested(const QString &key, qint64 durationMs);
    // The notification of todo `key` (empty: the summary) was withdrawn because it was read or done.
    void withdrawn(const QString &key);
    // What happened to an arrival, for logs and tests.
    void todoShown(const QString &key);
    void summaryShown(int count, const QString &title);
    void todoSuppressed(const QString &key);
    // The source needs the person's attention (a failure retrying cannot fix); said once per episode.
    void attentionShown(const QString &cause);
    // The connection has been down since `sinceWallMs` (ms since the epoch, UTC) for OfflineNoticeMinutes.
    void offlineShown(qint64 sinceWallMs);
    // Connected again after offlineShown() (or attentionShown()); `arrived` todos came in meanwhile.
    void backOnlineShown(int arrived);
    // An urgent todo still unread RealertUrgentMinutes after its notification was shown again.
    void realertShown(const QString &key);

private:
    enum class Decision { Show, Suppress, Mute, HoldForQuietHours };
    struct PendingRealert
    {
        qint64 dueMs = 0; // monotonic
        Todo todo;
    };

    // What decide() (and armRealert()) read in the settings: read once, and again after they changed
    // (Settings::changed) or a second later (another Settings object, or another process, may have written them). A
    // burst of thousands of todos would otherwise read them from QSettings again for every todo.
    struct PopupSettings
    {
        bool popups = false;
        bool urgentBypasses = false;
        QDateTime doNotDisturbUntil;
        QuietHours quietHours;
        int realertMinutes = 0;
        qint64 readAtMs = -1; // monotonic; -1: to be read

        bool isDoNotDisturb(const QDateTime &now) const
        {
            return doNotDisturbUntil.isValid() && now < doNotDisturbUntil;
        }
    };
    const PopupSettings &popupSettings() const;
    Decision decide(const Todo &todo) const;
    // decide() for a todo that would pop up now: suppressed or muted (todoSuppressed()) or held for the quiet hours
    // here; true when it is to be shown.
    bool admit(const Todo &todo);
    void show(const Todo &todo);
    void addToBurst(const Todo &todo);
    void showBurstSummary();
    // Shows a summary standing for the todos `keys` (none: a notice about the connection, which no todo withdraws).
    void showSummary(const QString &title, const QString &body, const QSet<QString> &keys);
    void closeAll();
    void withdraw(const QString &key);
    void onConnected();
    void onSourceStateChanged(PushSource::State state, const PushError &error);
    void onCatchUpTimer();
    void onCatchUpFinished();
    void finishCatchUp();
    void onSummaryTimer();
    void onOfflineTimer();
    void holdForQuietHours(const Todo &todo);
    void scheduleQuietCheck();
    void onQuietTimer();
    bool popupsWantedNow() const; // pop-ups on, no do not disturb, no quiet hours
    void onSettingsChanged();
    void armRealert(const Todo &todo);
    void scheduleRealert();
    void onRealertTimer();
    void showRealert(const Todo &todo);
    void cancelRealert(const Todo &todo); // when it was read, done or snoozed
    bool isStillUnread(const QString &key) const;
    // `todo` with its key qualified by the server (ServerKey::qualify()).
    Todo scoped(const Todo &todo) const;
    bool isMine(const QString &notificationId) const; // one of this server's todos or its summary
    QString summaryId() const;
    QString noticeTitle(const QString &title) const; // a summary's title: "Production: " + title with several servers
    QString todoBody(const Todo &todo) const; // bodyFor(), after the server's name with several servers
    qint64 now() const;

    QPointer<Notifier> m_notifier;
    QPointer<TodoOpener> m_opener;
    QPointer<Settings> m_settings;
    QPointer<CatchUp> m_catchUp;
    QPointer<TodoStore> m_store;
    QString m_serverId; // ServerKey: "" for the first server
    QString m_serverName; // empty: the only server
    bool m_sharedNotifier = false; // other servers' coordinators notify through it too (setServer())
    NotificationRules m_rules; // as the settings say, read again when they change
    mutable PopupSettings m_popupSettings;
    QMetaObject::Connection m_sourceConnection;
    QMetaObject::Connection m_stateConnection;
    bool m_attentionShown = false; // since the last time the source was connected
    bool m_offlineShown = false; // since the last time the source was connected
    bool m_sayBackOnline = false; // at the end of the catch-up window after this connect
    qint64 m_offlineSinceWallMs = -1; // when the current outage began; -1 while connected or stopped
    Clock *m_clock = nullptr;
    std::unique_ptr<ClockTimer> m_catchUpTimer;
    std::unique_ptr<ClockTimer> m_summaryTimer;
    std::unique_ptr<ClockTimer> m_offlineTimer;
    std::unique_ptr<ClockTimer> m_quietTimer;
    std::unique_ptr<ClockTimer> m_realertTimer; // for the earliest of m_realerts
    QList<PendingRealert> m_realerts; // by dueMs
    QSet<QString> m_realertArmed; // keys armed once (so never again), for as long as the application runs
    int m_quietHeldCount = 0; // arrivals held for the end of the quiet hours
    QList<Todo> m_quietRecent; // the newest of them, for the summary's body (or the one to show as itself)
    QList<Todo> m_quietUrgent; // the urgent ones among them, for re-alerts once the summary is shown
    Options m_options;

    bool m_catchingUp = false;
    bool m_catchUpTimeUp = false;
    QList<Todo> m_held; // arrivals during the catch-up window

    qint64 m_lastArrivalMs = -1; // monotonic
    int m_burstCount = 0; // shown (or summarised) arrivals of the current burst
    QList<Todo> m_burstRecent; // the newest of the burst, for the summary's body
    bool m_summaryDirty = false;
    QSet<QString> m_burstKeys; // every todo of the current burst

    QSet<QString> m_shownKeys; // todos whose own notification may still be on screen
    QSet<QString> m_summaryKeys; // the todos the summary on screen stands for
    QSet<QString> m_quietHeldKeys; // the todos held for the end of the quiet hours
};
