#pragma once

#include "config/Settings.h"
#include "source/ConnectionCheck.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

class CredentialStore;
class HeaderTableEditor;
class StringListEditor;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

// The settings dialog: every Settings key a person may change, on four pages (Connection, Notifications, Links,
// Advanced), plus the passcode and secret header values, which live in the keychain (CredentialStore).
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
// - A key the administrator locked (Settings::isLocked(), issue 6 presets) shows its preset value read-only,
//   with a note, and is never written.
// - "Test connection" connects and subscribes with the values on screen (see ConnectionCheck), without
//   blocking the dialog, and can be cancelled.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // QDialog::result() after "Try the demo server" (first-run mode) closed the dialog.
    static constexpr int DemoResult = 2;

    enum class Page { Connection, Notifications, Links, Advanced };
    Q_ENUM(Page)

    explicit SettingsDialog(Settings *settings, CredentialStore *credentials, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // First run (no server configured yet): a welcome text and a "Try the demo server" button above the pages.
    void setFirstRun(bool firstRun);
    bool isFirstRun() const { return m_firstRun; }

    void showPage(Page page);

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

private:
    // One editable field: the widget that takes focus and input, and the line that shows its error.
    struct Field
    {
        QWidget *widget = nullptr;
        QLabel *message = nullptr;
    };

    QWidget *buildConnectionPage();
    QWidget *buildNotificationsPage();
    QWidget *buildLinksPage();
    QWidget *buildAdvancedPage();
    QWidget *buildFirstRunBanner();
    // Grows the dialog so that the tallest page fits without scrolling (within the screen).
    void fitToContents();
    // Adds `widget` to `form` under `label` (its buddy), with a message line under it, `unit` after it, and,
    // when `key` is locked by the administrator, read-only with a note. Returns the message line.
    QLabel *addField(QFormLayout *form, const QString &label, QWidget *widget, std::optional<Settings::Key> key,
                     const QString &toolTip, const QString &unit = {});
    QLineEdit *numberEdit(const QString &objectName);
    void lock(QWidget *widget, QWidget *row, Settings::Key key);

    void load();
    void loadSecrets();
    void onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets);
    void onStored(const QString &account, const QString &item, bool persistent);
    void onRemoved(const QString &account, const QString &item);
    void onFailed(const QString &account, const QString &item, const QString &message);
    void onKeychainUnavailable();

    void validate();
    void setMessage(QWidget *widget, const QString &message);
    void updateButtons();
    void setStatus(const QString &text, bool error);

    void startApply(bool closeAfter);
    void finishApplyIfDone();
    void writeSettings();
    void store(Settings::Key key, const QVariant &value);

    QString onScreenAccount() const;
    QList<HeaderSetting> onScreenHeaders() const;
    // The settings as they would be saved now, and the secrets on screen: what "Test connection" tests.
    SettingsView onScreenSettings() const;
    ConnectionSecrets onScreenSecrets() const;
    void onTestProgress(const QUrl &url, ConnectionCheck::Stage stage);
    void onTestFinished(const QList<ConnectionCheck::Result> &results);
    QString describe(const ConnectionCheck::Result &result) const;

    Settings *m_settings;
    CredentialStore *m_credentials;
    std::unique_ptr<ConnectionCheck> m_test; // the running (or last) connection test

    QTabWidget *m_tabs = nullptr;
    QWidget *m_firstRunBanner = nullptr;
    QPushButton *m_demoButton = nullptr;
    QLabel *m_keychainNotice = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // Connection
    StringListEditor *m_serverUrls = nullptr;
    QComboBox *m_transport = nullptr;
    StringListEditor *m_destinations = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_passcode = nullptr;
    QCheckBox *m_durable = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_cancelTestButton = nullptr;
    QLabel *m_testResult = nullptr;
    // Notifications
    QCheckBox *m_popups = nullptr;
    QCheckBox *m_sound = nullptr;
    QCheckBox *m_doNotDisturb = nullptr;
    QDateTimeEdit *m_doNotDisturbUntil = nullptr;
    QCheckBox *m_urgentBypass = nullptr;
    QCheckBox *m_autostart = nullptr;
    QComboBox *m_language = nullptr;
    // Links
    QLineEdit *m_webBaseUrl = nullptr;
    StringListEditor *m_allowlist = nullptr;
    QLineEdit *m_pendingListUrl = nullptr;
    // Advanced
    HeaderTableEditor *m_headers = nullptr;
    QLineEdit *m_heartbeatOut = nullptr;
    QLineEdit *m_heartbeatIn = nullptr;
    QLineEdit *m_reconnectInitial = nullptr;
    QLineEdit *m_reconnectMax = nullptr;
    QLineEdit *m_reconnectAttempts = nullptr;
    QComboBox *m_timeZone = nullptr;
    QLineEdit *m_retentionCount = nullptr;
    QLineEdit *m_retentionDays = nullptr;

    QList<Field> m_fields;
    bool m_valid = false;
    bool m_connectionValid = false; // what "Test connection" needs is valid
    bool m_firstRun = false;

    // Do not disturb as loaded, to write it only when the person changed it.
    bool m_loadedDoNotDisturb = false;
    QDateTime m_loadedDoNotDisturbUntil;

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
