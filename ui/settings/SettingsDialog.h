#pragma once

#include "config/Settings.h"
#include "source/ConnectionCheck.h"
#include "todo/Todo.h"

#include <QDialog>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class AdvancedPage;
class ConnectionPage;
class CredentialStore;
class LinksPage;
class NotificationsPage;
class SettingsPage;
class RulesPage;
class ServerProfiles;
class ServersPage;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTabWidget;

// The settings dialog: every Settings key a person may change, on five pages (ConnectionPage, NotificationsPage,
// RulesPage, LinksPage, AdvancedPage: each a SettingsPage with its fields, loading, writing and validation), plus the
// passcode and secret header values, which live in the keychain (CredentialStore). The dialog itself holds the pages in
// tabs and does what concerns them all: the first-run banner, the keychain, OK/Apply/Cancel, "Test connection".
//
// - Opening reads the secrets of the saved configuration from the keychain (asynchronously; OK, Apply and
//   "Test connection" wait for it). Nothing is written before OK or Apply.
// - Every field is validated as it changes (Settings::validate*()); a message appears under the field, its
//   page's tab is marked, and OK/Apply stay disabled while anything is invalid.
// - OK/Apply write the secrets first (changed ones stored, ones no longer needed removed) and wait for the
//   keychain's answers; then the settings (only keys whose value changed, so administrator presets keep
//   applying to the rest), then applied(). If the keychain refuses, nothing is written to the settings and
//   the dialog says why. Without a keychain the dialog says that secrets are kept in memory for this session
//   only, and applies all the same. Cancel writes nothing anywhere.
// - A key the administrator locked (Settings::isLocked()) shows its preset value read-only,
//   with a note, and is never written.
// - "Test connection" connects and subscribes with the values on screen (see ConnectionCheck), without
//   blocking the dialog, and can be cancelled.
// - Several servers (setServerProfiles()): a Servers page lists them (ServersPage). The first server is edited on the
//   Connection page here; another one in a dialog of its own (Mode::ServerOnly) over that server's Settings, with the
//   pages that describe a connection only (Connection, Links, Advanced) and its secrets under that server's own
//   keychain account. serversChanged() tells the owner when the list or a server's settings changed.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // QDialog::result() after "Try the demo server" (first-run mode) closed the dialog.
    static constexpr int DemoResult = 2;

    enum class Page { Connection, Notifications, Rules, Links, Advanced, Servers };
    Q_ENUM(Page)

    // Full: every page of the application's settings. ServerOnly: one server's connection (the pages Connection,
    // Links and Advanced, no first-run welcome), for a server beyond the first.
    enum class Mode { Full, ServerOnly };
    Q_ENUM(Mode)

    explicit SettingsDialog(Settings *settings, CredentialStore *credentials, QWidget *parent = nullptr);
    SettingsDialog(Settings *settings, CredentialStore *credentials, Mode mode, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // First run (no server configured yet): a welcome text and a "Try the demo server" button above the pages.
    void setFirstRun(bool firstRun);
    bool isFirstRun() const { return m_firstRun; }

    Mode mode() const { return m_mode; }

    // Shows `page` (nothing when this dialog does not have it: see Mode, setServerProfiles()).
    void showPage(Page page);
    bool hasPage(Page page) const;

    // The servers to list on the Servers page (Full mode; without them the page is not shown). Must outlive the dialog.
    void setServerProfiles(ServerProfiles *profiles);
    // The dialog of a server beyond the first that Edit… opened, while it is open.
    SettingsDialog *serverDialog() const { return m_serverDialog; }

    // The todos the Rules page previews its rules against (the newest in the list); none without it.
    void setTodoProvider(std::function<QList<Todo>()> provider);

    // Every field holds a valid value.
    bool isValid() const { return m_valid; }
    // The keychain is being read (on opening) or written (applying).
    bool isBusy() const { return m_secretsLoading || m_applying; }
    bool isTestRunning() const;
    // The keychain turned out to be unavailable: secrets are kept in memory for this session only.
    bool secretsInMemoryOnly() const { return m_secretsInMemory; }

public Q_SLOTS:
    // Applies; closes once the keychain has answered and the settings are written.
    void accept() override;
    // Closes without writing anything (ignored while an apply waits for the keychain).
    void reject() override;
    void done(int result) override;
    // Applies without closing.
    void apply();
    void testConnection();
    void cancelTest();

Q_SIGNALS:
    // The settings and secrets on screen were saved (after the keychain answered).
    void applied();
    // First-run mode: the person chose the demo server; the dialog closes with DemoResult.
    void demoRequested();
    // The secrets of the saved configuration were read from the keychain (or found missing) and are on screen.
    void secretsLoaded();
    // Applying failed (the keychain refused); nothing was written to the settings. `message` is on screen too.
    void applyFailed(const QString &message);
    // A server was added, removed or renamed on the Servers page, or a server's own dialog saved its settings.
    void serversChanged();

private:
    QWidget *buildFirstRunBanner();
    // The pages this dialog shows, in the order of their tabs.
    QList<SettingsPage *> pages() const;
    SettingsPage *page(Page page) const;
    void editServer(const QString &id);
    // Grows the dialog so that the tallest page fits without scrolling (within the screen).
    void fitToContents();

    void load();
    void loadSecrets();
    void onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets);
    void onStored(const QString &account, const QString &item, bool persistent);
    void onRemoved(const QString &account, const QString &item);
    void onFailed(const QString &account, const QString &item, const QString &message);
    void onKeychainUnavailable();

    void validate();
    void updateButtons();
    void setStatus(const QString &text, bool error);

    void startApply(bool closeAfter);
    void finishApplyIfDone();
    void writeSettings();

    QString onScreenAccount() const;
    // The settings as they would be saved now, and the secrets on screen: what "Test connection" tests.
    SettingsView onScreenSettings() const;
    ConnectionSecrets onScreenSecrets() const;

    Settings *m_settings = nullptr;
    CredentialStore *m_credentials = nullptr;
    std::unique_ptr<ConnectionCheck> m_test; // the running (or last) connection test

    QTabWidget *m_tabs = nullptr;
    QWidget *m_firstRunBanner = nullptr;
    QPushButton *m_demoButton = nullptr;
    QLabel *m_keychainNotice = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    ConnectionPage *m_connection = nullptr;
    NotificationsPage *m_notifications = nullptr;
    RulesPage *m_rules = nullptr;
    LinksPage *m_links = nullptr;
    AdvancedPage *m_advanced = nullptr;
    ServersPage *m_servers = nullptr; // with setServerProfiles() only

    Mode m_mode = Mode::Full;
    ServerProfiles *m_profiles = nullptr;
    QPointer<SettingsDialog> m_serverDialog;

    bool m_valid = false;
    bool m_connectionValid = false; // what "Test connection" needs is valid
    bool m_firstRun = false;

    // The secrets as read from the keychain when the dialog opened (or last applied).
    QString m_loadedAccount;
    QHash<QString, QByteArray> m_loadedSecrets; // item -> value; only items that exist
    bool m_secretsLoading = false;
    QString m_secretReadError;
    bool m_secretsInMemory = false;

    // An apply in progress: the keychain operations not yet answered ("account\nitem").
    bool m_applying = false;
    bool m_closeAfterApply = false;
    QSet<QString> m_pendingSecretOps;
    QStringList m_applyErrors;
    QString m_applyAccount;
    QHash<QString, QByteArray> m_applySecrets;
};
