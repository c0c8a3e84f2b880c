#include "TrayApplication.h"

#include "DemoProtocol.h"
#include "DemoPushServer.h"
#include "ServerSession.h"
#include "base/Clock.h"
#include "common/ConnectionStatus.h"
#include "common/Translations.h"
#include "config/ServerProfiles.h"
#include "ingest/TodoIngestor.h"
#include "list/TodoListWindow.h"
#include "list/TodoOpener.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"
#include "notifications/NotificationCoordinator.h"
#include "notifications/Notifier.h"
#include "pipeline/SourceFactory.h"
#include "platform/Autostart.h"
#include "settings/SettingsDialog.h"
#include "store/SnoozeScheduler.h"
#include "store/TodoStore.h"
#include "todo/ServerKey.h"
#include "tray/PendingCounter.h"
#include "tray/TrayController.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimeZone>
#include <QTimer>

namespace {

Q_LOGGING_CATEGORY(lcApp, "todo.app", QtInfoMsg)

constexpr int kQuitGraceMs = 1500; // for the DISCONNECT receipt before the event loop ends
constexpr int kRulesPreviewTodos = 500; // the newest todos the settings' Rules page previews its rules against

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/todo-notifier.svg"));
}

} // namespace

TrayApplication::TrayApplication(const GuiOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_settings(options.configPath.isEmpty() ? new Settings(this) : new Settings(options.configPath, {}, this))
{
    Translations::install(m_settings->get<QString>(Settings::Key::Language));
    m_profiles = std::make_unique<ServerProfiles>(m_settings);
    m_todos = std::make_unique<MergedTodoModel>();
    m_counter = std::make_unique<PendingCounter>();
    m_status = std::make_unique<ConnectionStatus>();
    m_opener = std::make_unique<TodoOpener>(m_todos.get());
    m_tray = std::make_unique<TrayController>(m_todos.get(), m_counter.get(), m_status.get(), m_settings);
    m_notifier = Notifier::create(m_tray->trayIcon());
    m_notifier->setAppIcon(applicationIcon());
    syncSessions();
    connect(m_profiles.get(), &ServerProfiles::serversChanged, this, &TrayApplication::onServersChanged);
    // The list window is made when it is first shown (window()): until then it costs neither memory nor the wake-ups
    // of its timers.

    connect(&m_supervisor, &ConnectionSupervisor::connectionCheckRequested, this, [this] {
        for (const auto &server : m_sessions)
            server->source()->checkLiveness();
    });
    connect(m_opener.get(), &TodoOpener::refused, this,
            [this](const QString &key, const QString &title, const QString &reason) {
                // The reason is in the window's status area; show it there with the todo selected. A window made
                // just now was not there to hear this refusal: it gets the message its own handler would show.
                const bool made = !m_window;
                TodoListWindow *list = window();
                if (made)
                    list->showRefusal(title, reason);
                list->showAndRaise();
                list->selectTodo(key);
            });
    connect(m_tray.get(), &TrayController::toggleListRequested, this, [this] { window()->toggle(); });
    connect(m_tray.get(), &TrayController::openListRequested, this, [this] { window()->showAndRaise(); });
    connect(m_tray.get(), &TrayController::settingsRequested, this, [this] { openSettings(false); });
    connect(m_tray.get(), &TrayController::aboutRequested, this, &TrayApplication::showAbout);
    connect(m_tray.get(), &TrayController::quitRequested, this, &TrayApplication::quit);
    connect(&m_credentials, &CredentialStore::keychainUnavailable, this, &TrayApplication::showWindowMessage);
    connect(m_status.get(), &ConnectionStatus::changed, this, [this] {
        if (m_status->state() != m_loggedState) {
            m_loggedState = m_status->state();
            qCInfo(lcApp) << "connection" << m_loggedState << m_status->description();
        }
    });
}

TrayApplication::~TrayApplication()
{
    if (m_settingsDialog)
        delete m_settingsDialog.data();
    // Widgets and the notifier go before the pipelines they observe.
    m_window.reset();
    m_status->clearServers();
    m_counter->clearServers();
    for (const auto &server : m_sessions)
        m_todos->removeServer(server->id());
    m_sessions.clear();
    m_notifier.reset();
    m_tray.reset();
}

ServerSession *TrayApplication::session(const QString &serverId) const
{
    for (const auto &server : m_sessions) {
        if (server->id() == serverId)
            return server.get();
    }
    return nullptr;
}

ServerSession *TrayApplication::addSession(const QString &serverId)
{
    Settings *settings = m_profiles->settings(serverId);
    if (!settings)
        return nullptr;
    auto server = std::make_unique<ServerSession>(serverId, settings, m_settings, &m_credentials);
    server->notifyThrough(m_notifier.get(), m_opener.get());
    NotificationCoordinator *coordinator = server->coordinator();
    // The notification's "Mark as read" and "Snooze" buttons: for the todo's own server (the keys are qualified).
    connect(coordinator, &NotificationCoordinator::markReadRequested, this,
            [this](const QString &key) { m_todos->setRead(key); });
    connect(coordinator, &NotificationCoordinator::snoozeRequested, this,
            [this](const QString &key, qint64 durationMs) {
                if (ServerSession *owner = session(ServerKey::serverOf(key)))
                    owner->snoozeForMs(ServerKey::localKey(key), durationMs);
            });
    connect(coordinator, &NotificationCoordinator::listRequested, this, [this] { window()->showAndRaise(); });
    m_sessions.push_back(std::move(server));
    return m_sessions.back().get();
}

std::vector<ServerSession *> TrayApplication::syncSessions()
{
    // The demo stands in for the first server, and the others wait until it is left.
    const QStringList ids = m_options.demo ? QStringList {QString()} : m_profiles->ids();
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (ids.contains((*it)->id())) {
            ++it;
            continue;
        }
        qCInfo(lcApp).noquote() << "server" << (*it)->id() << "removed: disconnecting";
        (*it)->coordinator()->withdrawAll(); // its notifications would lead nowhere now
        m_todos->removeServer((*it)->id());
        m_status->clearServers();
        m_counter->clearServers();
        (*it)->stop();
        it = m_sessions.erase(it);
    }
    std::vector<ServerSession *> added;
    for (const QString &id : ids) {
        if (!session(id)) {
            if (ServerSession *server = addSession(id))
                added.push_back(server);
        }
    }
    // In the order of the list of servers.
    std::stable_sort(m_sessions.begin(), m_sessions.end(),
                     [&ids](const auto &a, const auto &b) { return ids.indexOf(a->id()) < ids.indexOf(b->id()); });
    // With one server nothing is named; with several, each by the name people gave it.
    const bool several = m_sessions.size() > 1;
    m_status->clearServers();
    m_counter->clearServers();
    for (const auto &server : m_sessions) {
        const QString name = several ? m_profiles->displayName(server->id()) : QString();
        server->setShared(name);
        if (!m_todos->serverIds().contains(server->id()))
            m_todos->addServer(server->id(), name, server->model());
        else
            m_todos->setServerName(server->id(), name);
        m_status->addServer(server->status(), name);
        m_counter->addServer(server->counter());
    }
    if (m_started) {
        for (ServerSession *server : added)
            openStore(server);
    }
    return added;
}

bool TrayApplication::openStore(ServerSession *server)
{
    // The demo's todos are kept apart from the person's own.
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const bool demo = m_options.demo && server->id().isEmpty();
    const QString file = demo ? QStringLiteral("todos-demo.sqlite") : ServerProfiles::storeFileName(server->id());
    if (server->open(QDir(dataDir).filePath(file), !demo))
        return true;
    if (server != first())
        showWindowMessage(tr("The todos of %1 cannot be opened, so it is not connected: %2")
                              .arg(m_profiles->displayName(server->id()), server->storeError()));
    return false;
}

void TrayApplication::onServersChanged()
{
    qCInfo(lcApp) << "servers changed:" << m_profiles->ids().size() << "servers";
    // The servers added connect now; the others keep their connections (a server's own settings changing makes it
    // connect again: ServerSession).
    const std::vector<ServerSession *> added = syncSessions();
    if (!m_started || m_options.demo)
        return;
    for (ServerSession *server : added) {
        if (server->store()->isOpen())
            server->connectWithSettings();
    }
}

bool TrayApplication::snoozeTodo(const QString &key, SnoozeTimes::Preset preset)
{
    ServerSession *owner = session(ServerKey::serverOf(key));
    return owner && owner->snooze(ServerKey::localKey(key), preset);
}

bool TrayApplication::start()
{
    // The icon first: it says the application runs, and the store (counts, the first page) may take a moment to
    // open when it holds many todos. Its count follows when the store is open.
    m_trayAvailable = m_tray->show();
    QApplication::setQuitOnLastWindowClosed(false);
    if (!openStore(first())) {
        QMessageBox::critical(nullptr, tr("Todo Notifier"),
                              tr("The todo store cannot be opened: %1").arg(first()->storeError()));
        return false;
    }
    QStringList notices;
    for (const auto &server : m_sessions) {
        if (server.get() != first() && !openStore(server.get()))
            continue;
        if (!server->store()->recoveryMessage().isEmpty())
            notices.append(server->store()->recoveryMessage());
    }
    m_started = true;
    if (!m_trayAvailable)
        notices.append(tr("Your desktop has no system tray, so this window is Todo Notifier's main window: "
                          "closing it quits the application. Notifications still appear."));
    m_persistentNotice = notices.join(QLatin1Char('\n'));
    if (m_window)
        m_window->setPersistentNotice(m_persistentNotice);
    qCInfo(lcApp) << "tray" << (m_trayAvailable ? "available" : "not available") << "- notifications through"
                  << m_notifier->backendName();

    if (m_settings->isLocked(Settings::Key::Autostart))
        applyAutostart();
    m_supervisor.watchSystemNetwork();
    if (m_options.demo)
        startDemo();
    else
        applyConfiguration();

    if (!m_trayAvailable)
        m_options.minimized ? window()->showMinimized() : window()->showAndRaise();
    else if (!m_options.minimized)
        window()->showAndRaise();
    if (m_options.openSettings)
        openSettings(false);
    else if (!m_options.demo && !m_settings->isConfigured())
        openSettings(true);
    return true;
}

TodoListWindow *TrayApplication::window()
{
    if (m_window)
        return m_window.get();
    m_window = std::make_unique<TodoListWindow>(m_todos.get(), m_opener.get(), m_status.get(), m_settings);
    m_window->setActionsMenu(m_tray->menu());
    // What was said while there was no window is there when it first shows.
    m_window->setPersistentNotice(m_persistentNotice);
    if (!m_windowMessage.isEmpty())
        m_window->showMessage(m_windowMessage);
    connect(m_window.get(), &TodoListWindow::closed, this, [this] {
        if (!m_trayAvailable)
            quit(); // the window is the main window
    });
    return m_window.get();
}

void TrayApplication::showWindowMessage(const QString &text)
{
    m_windowMessage = text;
    if (m_window)
        m_window->showMessage(text);
}

void TrayApplication::startDemo()
{
    if (!m_demo) {
        m_demo = std::make_unique<DemoPushServer>();
        m_demo->setPublishInterval(m_options.demoIntervalMs);
        if (!m_demo->listen(QHostAddress::LocalHost, 0)) {
            QMessageBox::warning(m_window.get(), tr("Todo Notifier"),
                                 tr("The demo server cannot be started: %1").arg(m_demo->errorString()));
            m_demo.reset();
            return;
        }
        qCInfo(lcApp).noquote() << "demo push server (a test double, not a broker) listening on" << m_demo->url().port()
                                << "for" << m_options.demoProtocol;
    }
    m_options.demo = true;
    syncSessions(); // the demo stands in for your servers
    openStore(first());
    // The demo configuration lives in memory: the settings (and the keychain) are left as they are. The protocol
    // is the one --demo named (stomp by default): nothing to find out.
    const DemoProtocol::Kind kind = DemoProtocol::fromName(m_options.demoProtocol).value_or(DemoProtocol::Kind::Stomp);
    const QString demoUrl = m_demo->url(kind).toString();
    const QString protocol = DemoProtocol::name(kind);
    const SettingsView demo([this, demoUrl, protocol](Settings::Key key) -> QVariant {
        switch (key) {
        case Settings::Key::ServerUrls:
            return QStringList {demoUrl};
        case Settings::Key::Protocol:
            return protocol;
        case Settings::Key::Transport:
            return protocol == QLatin1String("sockjs") ? QStringLiteral("sockjs") : QStringLiteral("websocket");
        case Settings::Key::Destinations:
            return QStringList {QString::fromLatin1(kDemoDestination)};
        case Settings::Key::Host:
        case Settings::Key::Login:
        case Settings::Key::OpenMessage: // the person's own server's protocol details do not apply to the demo
        case Settings::Key::KeepAliveMessage:
        case Settings::Key::Namespace:
            return QString();
        case Settings::Key::KeepAliveIntervalMs:
            return 0;
        case Settings::Key::Events:
            return QStringList();
        case Settings::Key::Headers:
            return QStringLiteral("[]");
        case Settings::Key::ReconnectMaxAttempts:
            return 0;
        case Settings::Key::DurableSubscription:
            return false;
        default:
            return m_settings->value(key);
        }
    });
    first()->useSource(demo, {});
}

void TrayApplication::applyConfiguration()
{
    if (m_options.demo) {
        startDemo();
        return;
    }
    for (const auto &server : m_sessions) {
        if (server->store()->isOpen())
            server->connectWithSettings();
    }
}

// The system's autostart entry follows the setting: when the person applied the settings, and at every start when
// an administrator locked it.
void TrayApplication::applyAutostart()
{
    const auto autostart = Autostart::create(QCoreApplication::applicationFilePath(), {QStringLiteral("--minimized")});
    const bool wanted = m_settings->get<bool>(Settings::Key::Autostart);
    if (autostart && autostart->isEnabled() != wanted) {
        QString error;
        if (!autostart->setEnabled(wanted, &error))
            showWindowMessage(tr("Starting at login could not be changed: %1").arg(error));
    }
}

void TrayApplication::onSettingsApplied()
{
    qCInfo(lcApp) << "settings applied: reconnecting with them";
    // The widgets retranslate on QEvent::LanguageChange.
    Translations::install(m_settings->get<QString>(Settings::Key::Language));
    m_tray->retranslate();
    applyAutostart();
    if (m_demo) {
        // The person configured a server of their own: leave the demo.
        m_options.demo = false;
        m_demo.reset();
        syncSessions(); // the other servers come back
        openStore(first());
    }
    applyConfiguration();
}

void TrayApplication::openSettings(bool firstRun)
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, &m_credentials, nullptr);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_settingsDialog->setWindowIcon(applicationIcon());
        // The Rules page tries its rules on the newest todos in the list.
        m_settingsDialog->setTodoProvider([this] {
            QList<Todo> todos;
            for (const auto &server : m_sessions) {
                TodoStore *store = server->store();
                if (store && store->isOpen())
                    todos.append(store->page({}, std::nullopt, kRulesPreviewTodos));
            }
            return todos;
        });
        m_settingsDialog->setServerProfiles(m_profiles.get());
        connect(m_settingsDialog, &SettingsDialog::applied, this, &TrayApplication::onSettingsApplied);
        connect(m_settingsDialog, &SettingsDialog::demoRequested, this, [this] {
            startDemo();
            window()->showAndRaise();
        });
    }
    m_settingsDialog->setFirstRun(firstRun);
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void TrayApplication::showAbout()
{
    QStringList stores; // one per server
    for (const auto &server : m_sessions)
        stores.append(QDir::toNativeSeparators(server->store()->path()).toHtmlEscaped());
    const QString text =
        tr("<h3>Todo Notifier %1</h3>"
           "<p>Stays connected to your organisation's push server and tells you the moment a todo is waiting for "
           "you.</p>"
           "<p>Notifications: %2<br>Todo store: %3<br>Settings: %4</p>"
           "<p>Built with Qt %5.</p>")
            .arg(QStringLiteral(TODO_NOTIFIER_VERSION), m_notifier->backendName().toHtmlEscaped(),
                 stores.join(QStringLiteral("<br>")), QDir::toNativeSeparators(m_settings->fileName()).toHtmlEscaped(),
                 QString::fromLatin1(qVersion()));
    QMessageBox::about(m_window && m_window->isVisible() ? m_window.get() : nullptr, tr("About Todo Notifier"), text);
}

void TrayApplication::handleMessage(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--status")))
        return; // answered by statusJson() through the single-instance channel
    if (arguments.contains(QStringLiteral("--settings")))
        openSettings(false);
    else
        window()->showAndRaise();
}

const TodoPipeline *TrayApplication::firstPipeline() const
{
    return first()->pipeline();
}

QByteArray TrayApplication::statusJson() const
{
    QJsonObject status {
        {QStringLiteral("running"), true},
        {QStringLiteral("state"), ConnectionStatus::stateName(m_status->state())},
        {QStringLiteral("pendingCount"), m_counter->count()},
        {QStringLiteral("unreadCount"), m_todos->unreadCount()},
        {QStringLiteral("serverPendingCount"), first()->store()->serverPendingCount()},
        {QStringLiteral("todoCount"), m_todos->count()},
        {QStringLiteral("lastError"), m_status->lastError()},
        {QStringLiteral("server"), m_status->server()},
        {QStringLiteral("url"), first()->source()->currentUrl().toDisplayString(QUrl::RemoveUserInfo)},
        {QStringLiteral("demo"), m_options.demo},
        {QStringLiteral("trayAvailable"), m_trayAvailable},
        {QStringLiteral("trayVisible"), m_tray->trayIcon()->isVisible()},
        {QStringLiteral("iconCount"), m_tray->shownCount()},
        {QStringLiteral("doNotDisturb"), m_tray->isDoNotDisturbActive()},
        {QStringLiteral("notifier"), m_notifier->backendName()},
        {QStringLiteral("windowVisible"), m_window && m_window->isVisible()},
    };
    // Each server on its own: id ("" for the first), state, counts and the last error.
    QJsonArray servers;
    for (const auto &server : m_sessions) {
        const ConnectionStatus *connection = server->status();
        servers.append(QJsonObject {
            {QStringLiteral("id"), server->id()},
            {QStringLiteral("name"), m_profiles->displayName(server->id())},
            {QStringLiteral("state"), ConnectionStatus::stateName(connection->state())},
            {QStringLiteral("pendingCount"), server->counter()->count()},
            {QStringLiteral("unreadCount"), server->model()->unreadCount()},
            {QStringLiteral("todoCount"), server->model()->count()},
            {QStringLiteral("lastError"), connection->lastError()},
            {QStringLiteral("url"), server->source()->currentUrl().toDisplayString(QUrl::RemoveUserInfo)},
        });
    }
    status.insert(QStringLiteral("servers"), servers);
    return QJsonDocument(status).toJson(QJsonDocument::Compact) + '\n';
}

void TrayApplication::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    qCInfo(lcApp) << "quitting";
    if (m_window)
        m_window->hide();
    m_tray->trayIcon()->hide();
    // Every server connected gets its goodbye (what is queued is committed first); the event loop ends when the
    // last one has answered, or after the grace period.
    auto connected = std::make_shared<int>(0);
    for (const auto &server : m_sessions) {
        PushSource *source = server->source();
        const bool wasConnected = source->state() == PushSource::State::Connected;
        if (wasConnected) {
            ++*connected;
            connect(source, &PushSource::stateChanged, this, [this, connected](PushSource::State state) {
                if (state == PushSource::State::Disconnected && --*connected == 0)
                    Q_EMIT quitRequested();
            });
        }
        server->stop();
    }
    if (*connected == 0)
        Q_EMIT quitRequested();
    else
        QTimer::singleShot(kQuitGraceMs, this, &TrayApplication::quitRequested);
}
