#include "TrayApplication.h"

#include "Autostart.h"
#include "CatchUp.h"
#include "ConnectionStatus.h"
#include "DemoPushServer.h"
#include "NotificationCoordinator.h"
#include "Notifier.h"
#include "PendingCounter.h"
#include "SettingsDialog.h"
#include "TodoIngestor.h"
#include "TodoListWindow.h"
#include "TodoModel.h"
#include "TodoOpener.h"
#include "TodoStore.h"
#include "Translations.h"
#include "TrayController.h"

#include <QApplication>
#include <QDir>
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
    Translations::install(m_settings->language());
    m_client.setTransportFactory(m_transports.factory());

    m_store = std::make_unique<TodoStore>();
    m_model = std::make_unique<TodoModel>(m_store.get());
    m_ingestor = std::make_unique<TodoIngestor>(m_store.get());
    m_ingestor->attach(&m_client);
    m_catchUp = std::make_unique<CatchUp>(m_ingestor.get());
    m_catchUp->setNetworkAccessManager(m_transports.networkAccessManager());
    m_catchUp->attach(&m_client);
    m_counter = std::make_unique<PendingCounter>(m_model.get(), m_store.get());
    m_status = std::make_unique<ConnectionStatus>(&m_client);
    m_opener = std::make_unique<TodoOpener>(m_model.get());

    m_tray = std::make_unique<TrayController>(m_model.get(), m_counter.get(), m_status.get(), m_settings);
    m_notifier = Notifier::create(m_tray->trayIcon());
    m_notifier->setAppIcon(applicationIcon());
    m_coordinator = std::make_unique<NotificationCoordinator>(m_notifier.get(), m_opener.get(), m_settings);
    m_coordinator->attach(&m_client);
    m_coordinator->setCatchUp(m_catchUp.get());
    m_window = std::make_unique<TodoListWindow>(m_model.get(), m_opener.get(), m_status.get(), m_settings);
    m_window->setActionsMenu(m_tray->menu());

    connect(m_ingestor.get(), &TodoIngestor::todoArrived, m_coordinator.get(), &NotificationCoordinator::onTodoArrived);
    connect(m_model.get(), &TodoModel::unreadCountChanged, m_coordinator.get(),
            &NotificationCoordinator::onUnreadCountChanged);
    connect(m_coordinator.get(), &NotificationCoordinator::listRequested, m_window.get(),
            &TodoListWindow::showAndRaise);
    connect(m_opener.get(), &TodoOpener::refused, this, [this](const QString &key) {
        // The reason is in the window's status area; show it there with the todo selected.
        m_window->showAndRaise();
        m_window->selectTodo(key);
    });
    connect(m_store.get(), &TodoStore::reopened, m_model.get(), &TodoModel::reload);
    connect(m_tray.get(), &TrayController::toggleListRequested, m_window.get(), &TodoListWindow::toggle);
    connect(m_tray.get(), &TrayController::openListRequested, m_window.get(), &TodoListWindow::showAndRaise);
    connect(m_tray.get(), &TrayController::settingsRequested, this, [this] { openSettings(false); });
    connect(m_tray.get(), &TrayController::aboutRequested, this, &TrayApplication::showAbout);
    connect(m_tray.get(), &TrayController::quitRequested, this, &TrayApplication::quit);
    connect(m_window.get(), &TodoListWindow::closed, this, [this] {
        if (!m_trayAvailable)
            quit(); // the window is the main window
    });
    connect(&m_credentials, &CredentialStore::keychainUnavailable, m_window.get(), &TodoListWindow::showMessage);
    connect(&m_client, &StompClient::stateChanged, this,
            [this](StompClient::State state) { qCInfo(lcApp) << "connection" << state << m_status->description(); });
}

TrayApplication::~TrayApplication()
{
    if (m_settingsDialog)
        delete m_settingsDialog.data();
    // Widgets and the notifier go before the pipeline they observe.
    m_window.reset();
    m_coordinator.reset();
    m_notifier.reset();
    m_tray.reset();
}

bool TrayApplication::openStore(bool demo)
{
    // The demo's todos are kept apart from the person's own.
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString path =
        QDir(dataDir).filePath(demo ? QStringLiteral("todos-demo.sqlite") : QStringLiteral("todos.sqlite"));
    if (m_store->isOpen() && m_store->path() == path)
        return true;
    m_ingestor->flush();
    m_store->close();
    m_store->setOptions(todoOptions().storeOptions());
    const bool opened = m_store->open(path);
    m_model->reload();
    qCInfo(lcApp) << "todo store" << m_store->path();
    return opened;
}

bool TrayApplication::start()
{
    if (!openStore(m_options.demo)) {
        QMessageBox::critical(nullptr, tr("Todo Notifier"),
                              tr("The todo store cannot be opened: %1").arg(m_store->lastError()));
        return false;
    }
    QStringList notices;
    if (!m_store->recoveryMessage().isEmpty())
        notices.append(m_store->recoveryMessage());

    m_trayAvailable = m_tray->show();
    QApplication::setQuitOnLastWindowClosed(false);
    if (!m_trayAvailable)
        notices.append(tr("Your desktop has no system tray, so this window is Todo Notifier's main window: "
                          "closing it quits the application. Notifications still appear."));
    m_window->setPersistentNotice(notices.join(QLatin1Char('\n')));
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
        m_options.minimized ? m_window->showMinimized() : m_window->showAndRaise();
    else if (!m_options.minimized)
        m_window->showAndRaise();
    if (m_options.openSettings)
        openSettings(false);
    else if (!m_options.demo && !m_settings->isConfigured())
        openSettings(true);
    return true;
}

TodoOptions TrayApplication::todoOptions() const
{
    TodoOptions todo;
    const QString zone = m_settings->serverTimeZone();
    if (!zone.isEmpty()) {
        const QTimeZone timeZone(zone.toUtf8());
        if (timeZone.isValid())
            todo.serverTimeZone = timeZone;
    }
    todo.webBase = m_settings->webBaseUrl();
    todo.allowedOrigins = m_settings->linkAllowlist();
    todo.pendingListUrl = m_settings->pendingListUrl();
    todo.keepTodos = m_settings->retentionCount();
    todo.keepDays = m_settings->retentionDays();
    return todo;
}

void TrayApplication::applyTodoOptions(const QUrl &pushUrl)
{
    const TodoOptions todo = todoOptions();
    m_store->setOptions(todo.storeOptions());
    m_ingestor->setParser(PayloadParser(todo.payloadOptions()));
    m_model->setLinkPolicy(todo.linkPolicy(pushUrl));
    m_catchUp->setUrl(m_options.demo ? QUrl() : todo.pendingListUrl);
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
        qCInfo(lcApp) << "demo push server (a test double, not a broker) listening on" << m_demo->url();
    }
    m_options.demo = true;
    openStore(true);
    // The demo configuration lives in memory: the settings (and the keychain) are left as they are.
    StompConnectOptions options = m_settings->toConnectOptions({});
    options.urls = {m_demo->url()};
    options.host.clear();
    options.login.clear();
    options.connectHeaders.clear();
    options.transport.handshakeHeaders.clear();
    options.reconnect.maxAttempts = 0;
    StompSubscription subscription;
    subscription.id = "sub-demo";
    subscription.destination = kDemoDestination;
    subscription.ackMode = StompAckMode::ClientIndividual;
    m_transports.setDefaultMode(TransportMode::WebSocket);
    configureClient(options, {subscription});
}

void TrayApplication::applyConfiguration()
{
    if (m_options.demo) {
        startDemo();
        return;
    }
    if (!m_settings->isConfigured()) {
        configureClient({}, {});
        return;
    }
    // The secrets come from the keychain, asynchronously; the connection starts when they are in.
    m_pendingAccount = m_settings->credentialAccount();
    connect(&m_credentials, &CredentialStore::secretsRead, this, &TrayApplication::onSecretsRead, Qt::UniqueConnection);
    m_credentials.readAll(m_pendingAccount, m_settings->secretItems());
}

void TrayApplication::onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets)
{
    if (account != m_pendingAccount || m_options.demo)
        return;
    m_pendingAccount.clear();
    ConnectionSecrets connectionSecrets;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.key() == Settings::passcodeItem())
            connectionSecrets.passcode = it.value();
        else
            connectionSecrets.headerValues.insert(it.key(), it.value());
    }
    m_transports.setDefaultMode(m_settings->transport());
    configureClient(m_settings->toConnectOptions(connectionSecrets),
                    m_settings->toSubscriptions(StompAckMode::ClientIndividual));
}

void TrayApplication::configureClient(StompConnectOptions options, const QList<StompSubscription> &subscriptions)
{
    const QList<StompSubscription> previous = m_client.subscriptions();
    for (const StompSubscription &subscription : previous)
        m_client.unsubscribe(subscription.id);
    if (m_client.state() == StompClient::State::Connecting)
        m_client.disconnectFromServer();
    applyTodoOptions(options.urls.value(0));
    const bool configured = !options.urls.isEmpty();
    m_client.setOptions(options);
    for (const StompSubscription &subscription : subscriptions)
        m_client.subscribe(subscription);
    if (configured)
        m_client.reconnectNow();
    else if (m_client.state() != StompClient::State::Disconnected)
        m_client.disconnectFromServer();
}

// The system's autostart entry follows the setting: when the person applied the settings, and at every start when
// an administrator locked it.
void TrayApplication::applyAutostart()
{
    const auto autostart = Autostart::create(QCoreApplication::applicationFilePath(), {QStringLiteral("--minimized")});
    if (autostart && autostart->isEnabled() != m_settings->autostart()) {
        QString error;
        if (!autostart->setEnabled(m_settings->autostart(), &error))
            m_window->showMessage(tr("Starting at login could not be changed: %1").arg(error));
    }
}

void TrayApplication::onSettingsApplied()
{
    qCInfo(lcApp) << "settings applied: reconnecting with them";
    Translations::install(m_settings->language()); // the widgets retranslate on QEvent::LanguageChange
    m_tray->retranslate();
    applyAutostart();
    if (m_demo) {
        // The person configured a server of their own: leave the demo.
        m_options.demo = false;
        m_demo.reset();
        openStore(false);
    }
    applyConfiguration();
}

void TrayApplication::openSettings(bool firstRun)
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, &m_credentials, nullptr);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_settingsDialog->setWindowIcon(applicationIcon());
        connect(m_settingsDialog, &SettingsDialog::applied, this, &TrayApplication::onSettingsApplied);
        connect(m_settingsDialog, &SettingsDialog::demoRequested, this, [this] {
            startDemo();
            m_window->showAndRaise();
        });
    }
    m_settingsDialog->setFirstRun(firstRun);
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void TrayApplication::showAbout()
{
    const QString text =
        tr("<h3>Todo Notifier %1</h3>"
           "<p>Stays connected to your organisation's push server and tells you the moment a todo is waiting for "
           "you.</p>"
           "<p>Notifications: %2<br>Todo store: %3<br>Settings: %4</p>"
           "<p>Built with Qt %5.</p>")
            .arg(QStringLiteral(TODO_NOTIFIER_VERSION), m_notifier->backendName().toHtmlEscaped(),
                 QDir::toNativeSeparators(m_store->path()).toHtmlEscaped(),
                 QDir::toNativeSeparators(m_settings->fileName()).toHtmlEscaped(), QString::fromLatin1(qVersion()));
    QMessageBox::about(m_window->isVisible() ? m_window.get() : nullptr, tr("About Todo Notifier"), text);
}

void TrayApplication::handleMessage(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--status")))
        return; // answered by statusJson() through the single-instance channel
    if (arguments.contains(QStringLiteral("--settings")))
        openSettings(false);
    else
        m_window->showAndRaise();
}

QByteArray TrayApplication::statusJson() const
{
    QJsonObject status {
        {QStringLiteral("running"), true},
        {QStringLiteral("state"), ConnectionStatus::stateName(m_status->state())},
        {QStringLiteral("pendingCount"), m_counter->count()},
        {QStringLiteral("unreadCount"), m_model->unreadCount()},
        {QStringLiteral("serverPendingCount"), m_store->serverPendingCount()},
        {QStringLiteral("todoCount"), m_model->count()},
        {QStringLiteral("lastError"), m_status->lastError()},
        {QStringLiteral("server"), m_status->server()},
        {QStringLiteral("url"), m_client.currentUrl().toDisplayString(QUrl::RemoveUserInfo)},
        {QStringLiteral("demo"), m_options.demo},
        {QStringLiteral("trayAvailable"), m_trayAvailable},
        {QStringLiteral("trayVisible"), m_tray->trayIcon()->isVisible()},
        {QStringLiteral("iconCount"), m_tray->shownCount()},
        {QStringLiteral("doNotDisturb"), m_tray->isDoNotDisturbActive()},
        {QStringLiteral("notifier"), m_notifier->backendName()},
        {QStringLiteral("windowVisible"), m_window->isVisible()},
    };
    return QJsonDocument(status).toJson(QJsonDocument::Compact) + '\n';
}

void TrayApplication::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    qCInfo(lcApp) << "quitting";
    m_ingestor->flush(); // commit (and acknowledge) what is queued
    m_window->hide();
    m_tray->trayIcon()->hide();
    if (m_client.state() == StompClient::State::Connected) {
        connect(&m_client, &StompClient::stateChanged, this, [this](StompClient::State state) {
            if (state == StompClient::State::Disconnected)
                Q_EMIT quitRequested();
        });
        m_client.disconnectFromServer();
        QTimer::singleShot(kQuitGraceMs, this, &TrayApplication::quitRequested);
    } else {
        Q_EMIT quitRequested();
    }
}
