#include "ServerSession.h"

#include "base/Clock.h"
#include "common/ConnectionStatus.h"
#include "config/CredentialStore.h"
#include "ingest/TodoIngestor.h"
#include "model/TodoModel.h"
#include "notifications/NotificationCoordinator.h"
#include "pipeline/SourceFactory.h"
#include "store/SnoozeScheduler.h"
#include "store/TodoStore.h"
#include "tray/PendingCounter.h"

#include <QLoggingCategory>
#include <QTimer>

namespace {

Q_LOGGING_CATEGORY(lcSession, "todo.app.server", QtInfoMsg)

} // namespace

ServerSession::ServerSession(const QString &serverId, Settings *settings, Settings *global,
                             CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , m_id(serverId)
    , m_settings(settings)
    , m_global(global)
    , m_credentials(credentials)
{
    Q_ASSERT(settings && global && credentials);
    // Until the keychain has answered (or for ever, while nothing is configured): a source that is not connecting.
    m_pipeline.setSource(SourceFactory::create(*settings, {}));
    m_counter = std::make_unique<PendingCounter>(m_pipeline.model(), m_pipeline.store());
    m_status = std::make_unique<ConnectionStatus>(source());
    m_snooze = std::make_unique<SnoozeScheduler>(m_pipeline.store());
    connect(&m_pipeline, &TodoPipeline::sourceChanged, this, [this](PushSource *source) {
        m_status->setSource(source);
        if (m_coordinator)
            m_coordinator->attach(source);
        Q_EMIT sourceChanged(source);
    });
    connect(credentials, &CredentialStore::secretsRead, this, &ServerSession::onSecretsRead);
    // A server beyond the first has settings of its own, edited in a dialog of their own: when they change it
    // connects again with them, once for all the keys an apply writes. (The main settings hold the first server's
    // connection and every global preference: the application reconnects that one when they are applied.)
    if (!serverId.isEmpty()) {
        connect(settings, &Settings::changed, this, [this](Settings::Key key) {
            if (key == Settings::Key::ServerName || m_reconnectQueued)
                return;
            m_reconnectQueued = true;
            QTimer::singleShot(0, this, [this] {
                m_reconnectQueued = false;
                if (m_pipeline.store()->isOpen() && m_settings) {
                    qCInfo(lcSession).noquote() << "server" << m_id << "settings changed: connecting again";
                    connectWithSettings();
                }
            });
        });
    }
}

void ServerSession::notifyThrough(Notifier *notifier, TodoOpener *opener)
{
    Q_ASSERT(!m_coordinator && notifier && opener);
    m_coordinator = std::make_unique<NotificationCoordinator>(notifier, opener, m_global);
    m_coordinator->attach(source());
    m_coordinator->setCatchUp(m_pipeline.catchUp());
    m_coordinator->setTodoStore(m_pipeline.store());
    connect(m_snooze.get(), &SnoozeScheduler::snoozeEnded, m_coordinator.get(),
            &NotificationCoordinator::onSnoozeEnded);
    connect(m_pipeline.ingestor(), &TodoIngestor::todoArrived, m_coordinator.get(),
            &NotificationCoordinator::onTodoArrived);
    connect(m_pipeline.model(), &TodoModel::unreadCountChanged, m_coordinator.get(),
            &NotificationCoordinator::onUnreadCountChanged);
    // Read or done (here, or handled elsewhere as the server says): its notification is withdrawn.
    connect(m_pipeline.store(), &TodoStore::todoChanged, m_coordinator.get(), &NotificationCoordinator::onTodoChanged);
}

ServerSession::~ServerSession()
{
    // The coordinator and the scheduler go before the pipeline they observe.
    m_snooze.reset();
    m_coordinator.reset();
}

void ServerSession::setShared(const QString &name)
{
    m_coordinator->setServer(m_id, name);
}

bool ServerSession::open(const QString &storePath, bool hasPendingList)
{
    m_hasPendingList = hasPendingList;
    TodoOptions options = todoOptions();
    options.storePath = storePath;
    const bool opened = m_pipeline.open(options);
    if (opened)
        m_snooze->start(); // what came due while the application was not running notifies now, once
    return opened;
}

QString ServerSession::storeError() const
{
    return m_pipeline.store()->lastError();
}

TodoOptions ServerSession::todoOptions() const
{
    TodoOptions todo = TodoOptions::fromSettings(*m_settings);
    todo.storePath = m_pipeline.options().storePath;
    if (!m_hasPendingList)
        todo.pendingListUrl.clear();
    return todo;
}

void ServerSession::connectWithSettings()
{
    m_hasPendingList = true;
    if (!m_settings->isConfigured()) {
        useSource(*m_settings, {});
        return;
    }
    // The secrets come from the keychain, asynchronously; the connection starts when they are in.
    m_pendingAccount = m_settings->credentialAccount();
    m_credentials->readAll(m_pendingAccount, m_settings->secretItems());
}

void ServerSession::onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets)
{
    if (account != m_pendingAccount)
        return;
    m_pendingAccount.clear();
    ConnectionSecrets connectionSecrets;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.key() == Settings::passcodeItem())
            connectionSecrets.passcode = it.value();
        else
            connectionSecrets.headerValues.insert(it.key(), it.value());
    }
    useSource(*m_settings, connectionSecrets);
}

// A new source for new settings: the old one says goodbye, the new one connects (when there is a URL).
void ServerSession::useSource(const SettingsView &settings, const ConnectionSecrets &secrets)
{
    m_pendingAccount.clear(); // an answer still to come from the keychain is for settings no longer wanted
    m_pipeline.setOptions(todoOptions());
    m_pipeline.setSource(SourceFactory::create(settings, secrets));
    if (!source()->urls().isEmpty()) {
        qCInfo(lcSession).noquote() << "server" << (m_id.isEmpty() ? QStringLiteral("(first)") : m_id)
                                    << "connecting with" << source()->name();
        source()->start();
    }
}

bool ServerSession::snoozeForMs(const QString &key, qint64 durationMs)
{
    QString error;
    if (m_snooze->snoozeUntil(key, Clock::system()->wallMs() + durationMs, &error))
        return true;
    qCWarning(lcSession) << "cannot snooze todo" << key << ":" << error;
    return false;
}

bool ServerSession::snooze(const QString &key, SnoozeTimes::Preset preset)
{
    return m_snooze->snoozeFor(key, preset);
}

void ServerSession::stop()
{
    m_pipeline.flush(); // commit (and settle) what is queued
    source()->stop();
}
