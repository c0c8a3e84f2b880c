#include "settings/SettingsDialog.h"

#include "pipeline/SourceFactory.h"

#include "common/UiLogging.h"
#include "config/CredentialStore.h"
#include "config/ServerProfiles.h"
#include "settings/AdvancedPage.h"
#include "settings/ConnectionPage.h"
#include "settings/LinksPage.h"
#include "settings/NotificationsPage.h"
#include "settings/RulesPage.h"
#include "settings/ServersPage.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>

namespace {

// The key of a keychain operation the dialog waits for.
QString secretKey(const QString &account, const QString &item)
{
    return account + QLatin1Char('\n') + item;
}

// A page of the tab widget that scrolls when the window is smaller than the page.
QScrollArea *scrollable(QWidget *page)
{
    auto *area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields, not to the area around them
    return area;
}

} // namespace

SettingsDialog::SettingsDialog(Settings *settings, CredentialStore *credentials, QWidget *parent)
    : SettingsDialog(settings, credentials, Mode::Full, parent)
{ }

SettingsDialog::SettingsDialog(Settings *settings, CredentialStore *credentials, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_mode(mode)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Todo Notifier Settings"));

    m_firstRunBanner = buildFirstRunBanner();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    // A server of its own has the pages that describe a connection; what applies to every server (language,
    // autostart, notifications, quiet hours, rules) is on the main dialog's pages only.
    const bool full = m_mode == Mode::Full;
    m_connection = new ConnectionPage(*m_settings);
    m_notifications = full ? new NotificationsPage(*m_settings) : nullptr;
    m_rules = full ? new RulesPage(*m_settings) : nullptr;
    m_links = new LinksPage(*m_settings);
    m_advanced = new AdvancedPage(*m_settings);
    m_tabs->addTab(scrollable(m_connection), tr("Connection"));
    if (full) {
        m_tabs->addTab(scrollable(m_notifications), tr("Notifications"));
        m_tabs->addTab(scrollable(m_rules), tr("Rules"));
    }
    m_tabs->addTab(scrollable(m_links), tr("Links"));
    m_tabs->addTab(scrollable(m_advanced), tr("Advanced"));

    m_keychainNotice = new QLabel(this);
    m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
    m_keychainNotice->setWordWrap(true);
    m_keychainNotice->setFrameShape(QFrame::StyledPanel);
    m_keychainNotice->setMargin(6);
    m_keychainNotice->setText(tr("No keychain is available: the passcode and secret header values are kept in memory "
                                 "for this session only and must be entered again after a restart. They are never "
                                 "written to the settings file."));
    m_keychainNotice->setAccessibleName(tr("Keychain notice"));
    m_keychainNotice->setVisible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Save the settings and close"));
    m_buttons->button(QDialogButtonBox::Apply)->setToolTip(tr("Save the settings and keep this window open"));
    m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without saving anything"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_firstRunBanner);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_keychainNotice);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_credentials, &CredentialStore::secretsRead, this, &SettingsDialog::onSecretsRead);
    connect(m_credentials, &CredentialStore::stored, this, &SettingsDialog::onStored);
    connect(m_credentials, &CredentialStore::removed, this, &SettingsDialog::onRemoved);
    connect(m_credentials, &CredentialStore::failed, this, &SettingsDialog::onFailed);
    connect(m_credentials, &CredentialStore::keychainUnavailable, this, &SettingsDialog::onKeychainUnavailable);

    connect(m_connection, &ConnectionPage::testRequested, this, &SettingsDialog::testConnection);
    connect(m_connection, &ConnectionPage::testCancelRequested, this, &SettingsDialog::cancelTest);

    load();

    // Every change is validated at once; a test result speaks of the values it tested: it goes when they change.
    for (SettingsPage *page : pages()) {
        connect(page, &SettingsPage::changed, this, &SettingsDialog::validate);
        connect(page, &SettingsPage::testedValueEdited, this, [this] {
            if (!isTestRunning())
                m_connection->clearTestResult();
        });
    }

    validate();
    if (!m_credentials->isKeychainAvailable())
        onKeychainUnavailable();
    loadSecrets();
    fitToContents();
}

SettingsDialog::~SettingsDialog()
{
    // Hide while every member still lives: hiding commits a cell editor left open, and that validates.
    hide();
    // The pages go after this part of the dialog: what they say on their way out is for no one.
    for (SettingsPage *page : pages())
        disconnect(page, nullptr, this, nullptr);
}

// ---- building -------------------------------------------------------------------------------------------------

QList<SettingsPage *> SettingsDialog::pages() const
{
    QList<SettingsPage *> all;
    for (SettingsPage *page : std::initializer_list<SettingsPage *> {m_connection, m_notifications, m_rules, m_links,
                                                                     m_advanced, m_servers}) {
        if (page)
            all.append(page);
    }
    return all;
}

SettingsPage *SettingsDialog::page(Page page) const
{
    switch (page) {
    case Page::Connection:
        return m_connection;
    case Page::Notifications:
        return m_notifications;
    case Page::Rules:
        return m_rules;
    case Page::Links:
        return m_links;
    case Page::Advanced:
        return m_advanced;
    case Page::Servers:
        return m_servers;
    }
    return nullptr;
}

void SettingsDialog::fitToContents()
{
    // The pages scroll (small screens), so the tab widget's own size hint does not say what they need: ask them.
    QSize pages;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *area = qobject_cast<QScrollArea *>(m_tabs->widget(i)))
            pages = pages.expandedTo(area->widget()->sizeHint());
    }
    const int around = sizeHint().height() - m_tabs->sizeHint().height(); // banner, notices, buttons, margins
    const int tabs = m_tabs->tabBar()->sizeHint().height() + 2 * style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8;
    QSize wanted(qMax(680, pages.width() + 40), pages.height() + tabs + around);
    if (screen())
        wanted = wanted.boundedTo(screen()->availableGeometry().size() * 0.9);
    resize(size().expandedTo(wanted));
}

QWidget *SettingsDialog::buildFirstRunBanner()
{
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("firstRunBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    auto *title = new QLabel(tr("Welcome to Todo Notifier"), banner);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    auto *text = new QLabel(tr("No server is configured yet. Enter the push server your organisation uses (your "
                               "administrator knows its URL and destination), or try the demo server to see how "
                               "todos arrive."),
                            banner);
    text->setObjectName(QStringLiteral("firstRunText"));
    text->setWordWrap(true);
    m_demoButton = new QPushButton(tr("Try the &demo server"), banner);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    m_demoButton->setToolTip(tr("Start a built-in demo server on this computer that pushes sample todos"));
    m_demoButton->setAutoDefault(false);
    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        qCInfo(lcSettingsUi) << "first run: the demo server was chosen";
        Q_EMIT demoRequested();
        done(DemoResult);
    });

    auto *layout = new QGridLayout(banner);
    layout->addWidget(title, 0, 0);
    layout->addWidget(text, 1, 0);
    layout->addWidget(m_demoButton, 0, 1, 2, 1, Qt::AlignVCenter);
    layout->setColumnStretch(0, 1);
    banner->setVisible(false);
    return banner;
}

// ---- loading --------------------------------------------------------------------------------------------------

void SettingsDialog::load()
{
    for (SettingsPage *page : pages())
        page->load(*m_settings);
}

void SettingsDialog::loadSecrets()
{
    m_loadedAccount = m_settings->credentialAccount();
    m_loadedSecrets.clear();
    m_secretReadError.clear();
    m_secretsLoading = true;
    m_connection->setPasscodeReading();
    m_advanced->setHeadersEnabled(false);
    updateButtons();
    m_credentials->readAll(m_loadedAccount, m_settings->secretItems());
}

void SettingsDialog::onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets)
{
    if (!m_secretsLoading || account != m_loadedAccount)
        return;
    m_secretsLoading = false;
    m_loadedSecrets = secrets;
    m_connection->setPasscode(QString::fromUtf8(secrets.value(Settings::passcodeItem())));
    QList<HeaderSetting> headers = m_settings->headers();
    for (HeaderSetting &header : headers) {
        if (header.secret)
            header.value = QString::fromUtf8(secrets.value(header.secretItem()));
    }
    m_advanced->setHeaders(headers);
    m_advanced->setHeadersEnabled(true);
    if (!m_secretReadError.isEmpty())
        m_connection->showPasscodeError(
            tr("Could not read the saved secrets from the keychain: %1").arg(m_secretReadError));
    updateButtons();
    Q_EMIT secretsLoaded();
}

// ---- keychain answers -----------------------------------------------------------------------------------------

void SettingsDialog::onStored(const QString &account, const QString &item, bool persistent)
{
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    if (!persistent)
        onKeychainUnavailable();
    finishApplyIfDone();
}

void SettingsDialog::onRemoved(const QString &account, const QString &item)
{
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    finishApplyIfDone();
}

void SettingsDialog::onFailed(const QString &account, const QString &item, const QString &message)
{
    if (m_secretsLoading && account == m_loadedAccount) {
        m_secretReadError = message; // readAll() still answers with what it found
        return;
    }
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    m_applyErrors.append(message);
    finishApplyIfDone();
}

void SettingsDialog::onKeychainUnavailable()
{
    m_secretsInMemory = true;
    m_keychainNotice->setToolTip(m_credentials->unavailableReason());
    if (m_keychainNotice->isHidden()) {
        m_keychainNotice->setVisible(true);
        fitToContents();
    }
}

// ---- validation -----------------------------------------------------------------------------------------------

void SettingsDialog::validate()
{
    m_valid = true;
    m_connectionValid = true;
    // Mark the pages that hold a problem, so that one on a page out of sight is found.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QList<SettingsPage *> all = pages(); // in the order of the tabs
    for (int i = 0; i < int(all.size()); ++i) {
        SettingsPage *page = all.at(i);
        page->validate();
        const bool bad = page->hasProblem();
        if (bad)
            m_valid = false;
        if (!page->testedValuesValid())
            m_connectionValid = false;
        m_tabs->setTabIcon(i, bad ? warning : QIcon());
        m_tabs->setTabToolTip(i, bad ? tr("Something on this page needs correcting") : QString());
    }
    updateButtons();
}

void SettingsDialog::updateButtons()
{
    const bool canSave = m_valid && !isBusy();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canSave);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(canSave);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!m_applying);
    m_connection->setTestButtonsEnabled(m_connectionValid && !m_secretsLoading && !isTestRunning(), isTestRunning());

    if (!m_valid) {
        QStringList pages;
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (!m_tabs->tabIcon(i).isNull())
                pages.append(SettingsPage::withoutMnemonic(m_tabs->tabText(i)));
        }
        setStatus(tr("Correct the marked fields to save (%1).").arg(pages.join(QStringLiteral(", "))), true);
    } else if (!m_applyErrors.isEmpty()) {
        setStatus(tr("Nothing was saved: %1").arg(m_applyErrors.join(QStringLiteral("; "))), true);
    } else if (m_applying) {
        setStatus(tr("Saving…"), false);
    } else if (m_secretsLoading) {
        setStatus(tr("Reading the passcode from the keychain…"), false);
    } else {
        setStatus({}, false);
    }
}

void SettingsDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    SettingsPage::setTextColor(m_status, error ? SettingsPage::errorColor() : palette().color(QPalette::WindowText));
}

// ---- applying -------------------------------------------------------------------------------------------------

void SettingsDialog::accept()
{
    startApply(true);
}

void SettingsDialog::apply()
{
    startApply(false);
}

void SettingsDialog::reject()
{
    if (m_applying)
        return; // the keychain is being written: closing now would leave it half done
    QDialog::reject();
}

void SettingsDialog::done(int result)
{
    if (m_test)
        m_test->cancel();
    QDialog::done(result);
}

QString SettingsDialog::onScreenAccount() const
{
    const QStringList urls = m_connection->serverUrls();
    return Settings::credentialAccount(urls.isEmpty() ? QUrl() : QUrl(urls.constFirst()), m_connection->login());
}

void SettingsDialog::startApply(bool closeAfter)
{
    if (!m_valid || isBusy())
        return;
    m_applyErrors.clear();
    m_closeAfterApply = closeAfter;

    // The secrets the values on screen need: item -> value (empty values are not stored).
    const QString account = onScreenAccount();
    QHash<QString, QByteArray> wanted;
    const QString passcode = m_connection->passcode();
    if (!passcode.isEmpty())
        wanted.insert(Settings::passcodeItem(), passcode.toUtf8());
    for (const HeaderSetting &header : m_advanced->headers()) {
        if (header.secret && !header.value.isEmpty())
            wanted.insert(header.secretItem(), header.value.toUtf8());
    }

    struct Operation
    {
        bool store = true;
        QString account;
        QString item;
        QByteArray value;
    };
    QList<Operation> operations;
    if (account == m_loadedAccount) {
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            const auto loaded = m_loadedSecrets.constFind(it.key());
            if (loaded == m_loadedSecrets.cend() || *loaded != it.value())
                operations.append({true, account, it.key(), it.value()});
        }
        for (auto it = m_loadedSecrets.cbegin(); it != m_loadedSecrets.cend(); ++it) {
            if (!wanted.contains(it.key()))
                operations.append({false, account, it.key(), {}});
        }
    } else {
        // Another login or first server: the secrets move to the new account.
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
            operations.append({true, account, it.key(), it.value()});
        for (auto it = m_loadedSecrets.cbegin(); it != m_loadedSecrets.cend(); ++it)
            operations.append({false, m_loadedAccount, it.key(), {}});
    }

    m_applying = true;
    m_applyAccount = account;
    m_applySecrets = wanted;
    m_pendingSecretOps.clear();
    for (const Operation &operation : std::as_const(operations))
        m_pendingSecretOps.insert(secretKey(operation.account, operation.item));
    updateButtons();
    // Secrets first: the settings are written only once the keychain holds what they refer to.
    for (const Operation &operation : std::as_const(operations)) {
        if (operation.store)
            m_credentials->store(operation.account, operation.item, operation.value);
        else
            m_credentials->remove(operation.account, operation.item);
    }
    finishApplyIfDone();
}

void SettingsDialog::finishApplyIfDone()
{
    if (!m_applying || !m_pendingSecretOps.isEmpty())
        return;
    m_applying = false;
    if (!m_applyErrors.isEmpty()) {
        qCWarning(lcSettingsUi) << "settings not saved: the keychain refused";
        updateButtons();
        Q_EMIT applyFailed(m_status->text());
        return;
    }
    writeSettings();
    m_loadedAccount = m_applyAccount;
    m_loadedSecrets = m_applySecrets;
    updateButtons();
    qCInfo(lcSettingsUi) << "settings saved to" << m_settings->fileName()
                         << (m_secretsInMemory ? "(secrets in memory only)" : "");
    Q_EMIT applied();
    if (m_closeAfterApply)
        QDialog::accept();
}

void SettingsDialog::writeSettings()
{
    // Each page stores only what changed: a key the person left alone keeps following the preset or the default.
    for (SettingsPage *page :
         std::initializer_list<SettingsPage *> {m_connection, m_advanced, m_links, m_notifications, m_rules}) {
        if (page)
            page->write(*m_settings);
    }
    m_settings->sync();
}

// ---- first run, pages ------------------------------------------------------------------------------------------

void SettingsDialog::setFirstRun(bool firstRun)
{
    if (m_mode == Mode::ServerOnly)
        firstRun = false; // the welcome is for the application's first server
    m_firstRun = firstRun;
    m_firstRunBanner->setVisible(firstRun);
    fitToContents();
    if (firstRun) {
        showPage(Page::Connection);
        m_connection->focusServerUrls();
    }
}

void SettingsDialog::showPage(Page page)
{
    const SettingsPage *wanted = this->page(page);
    for (int i = 0; wanted && i < m_tabs->count(); ++i) {
        if (auto *area = qobject_cast<QScrollArea *>(m_tabs->widget(i)); area && area->widget() == wanted)
            m_tabs->setCurrentIndex(i);
    }
}

bool SettingsDialog::hasPage(Page page) const
{
    return this->page(page) != nullptr;
}

void SettingsDialog::setTodoProvider(std::function<QList<Todo>()> provider)
{
    if (m_rules)
        m_rules->setTodoProvider(std::move(provider));
}

// ---- servers ---------------------------------------------------------------------------------------------------

void SettingsDialog::setServerProfiles(ServerProfiles *profiles)
{
    if (m_mode != Mode::Full || !profiles || m_profiles)
        return;
    m_profiles = profiles;
    m_servers = new ServersPage(*m_settings);
    m_servers->setServerProfiles(profiles, m_credentials);
    m_tabs->addTab(scrollable(m_servers), tr("Servers"));
    connect(m_servers, &SettingsPage::changed, this, &SettingsDialog::validate);
    connect(m_servers, &ServersPage::editRequested, this, &SettingsDialog::editServer);
    connect(profiles, &ServerProfiles::serversChanged, this, &SettingsDialog::serversChanged);
    // The first server's URL and protocol as saved here show in the list too.
    connect(this, &SettingsDialog::applied, m_servers, [this] { m_servers->load(*m_settings); });
    validate();
}

void SettingsDialog::editServer(const QString &id)
{
    if (!m_profiles)
        return;
    if (id.isEmpty()) {
        showPage(Page::Connection); // the first server is this dialog's own
        return;
    }
    if (m_serverDialog) {
        m_serverDialog->raise();
        m_serverDialog->activateWindow();
        return;
    }
    Settings *settings = m_profiles->settings(id);
    if (!settings)
        return;
    auto *dialog = new SettingsDialog(settings, m_credentials, Mode::ServerOnly, this);
    dialog->setObjectName(QStringLiteral("serverDialog"));
    dialog->setWindowTitle(tr("Server Settings: %1").arg(m_profiles->displayName(id)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &SettingsDialog::applied, this, [this] {
        m_servers->load(*m_settings);
        Q_EMIT serversChanged();
    });
    m_serverDialog = dialog;
    qCInfo(lcSettingsUi) << "editing server" << id << "in" << settings->fileName();
    dialog->open();
}

// ---- test connection ------------------------------------------------------------------------------------------

bool SettingsDialog::isTestRunning() const
{
    return m_test && m_test->isRunning();
}

SettingsView SettingsDialog::onScreenSettings() const
{
    return SettingsView([this](Settings::Key key) -> QVariant {
        for (const SettingsPage *page : pages()) {
            if (std::optional<QVariant> value = page->testedValue(key))
                return *value;
        }
        return m_settings->value(key);
    });
}

ConnectionSecrets SettingsDialog::onScreenSecrets() const
{
    ConnectionSecrets secrets;
    secrets.passcode = m_connection->passcode().toUtf8();
    for (const HeaderSetting &header : m_advanced->headers()) {
        if (header.secret)
            secrets.headerValues.insert(header.secretItem(), header.value.toUtf8());
    }
    return secrets;
}

void SettingsDialog::testConnection()
{
    if (!m_connectionValid || m_secretsLoading)
        return;
    if (m_test)
        m_test->cancel();
    m_test = SourceFactory::createCheck(onScreenSettings(), onScreenSecrets());
    connect(m_test.get(), &ConnectionCheck::progress, m_connection, &ConnectionPage::showTestProgress);
    connect(m_test.get(), &ConnectionCheck::finished, this, [this](const QList<ConnectionCheck::Result> &results) {
        m_connection->showTestResults(results);
        updateButtons();
    });
    m_connection->showTestStarted();
    m_test->start();
    updateButtons();
}

void SettingsDialog::cancelTest()
{
    if (!isTestRunning())
        return;
    m_test->cancel();
    m_connection->showTestCancelled();
    updateButtons();
}
