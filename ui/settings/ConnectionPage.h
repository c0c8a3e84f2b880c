#pragma once

#include "settings/SettingsPage.h"
#include "source/ConnectionCheck.h"

class StringListEditor;
class QCheckBox;
class QFormLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// The Connection page: server URLs, the push protocol and only the fields that protocol uses (STOMP: transport,
// destinations, virtual host, durable subscription; plain WebSocket: open and keep-alive messages; Server-Sent
// Events: events; Socket.IO: events and namespace), login, passcode, and the "Test connection" box: its buttons, and
// the line that says how the test goes (the dialog runs it).
//
// The passcode is never read from or written to Settings: the dialog takes it from the keychain (setPasscode())
// and stores it there (passcode()).
class ConnectionPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit ConnectionPage(const Settings &settings, QWidget *parent = nullptr);
    ~ConnectionPage() override;
    Q_DISABLE_COPY_MOVE(ConnectionPage)

    void load(const Settings &settings) override;
    void write(Settings &settings) override;
    bool testedValuesValid() const override;
    std::optional<QVariant> testedValue(Settings::Key key) const override;

    QStringList serverUrls() const;
    QString login() const;
    QString passcode() const;
    // While the keychain is read, the passcode field waits (disabled, saying so).
    void setPasscodeReading();
    // The passcode read from the keychain; the field takes input again.
    void setPasscode(const QString &passcode);
    // Under the passcode, until the fields are next validated.
    void showPasscodeError(const QString &message);
    // Puts the focus on the server URLs (the first thing to fill in).
    void focusServerUrls();

    void setTestButtonsEnabled(bool test, bool cancel);
    void showTestStarted();
    void showTestProgress(const QUrl &url, ConnectionCheck::Stage stage);
    void showTestResults(const QList<ConnectionCheck::Result> &results);
    void showTestCancelled();
    // A result speaks of the values it tested: it goes when they change.
    void clearTestResult();

    // A protocol's setting value ("stomp", ...) in a person's words.
    static QString protocolLabel(const QString &protocol);

Q_SIGNALS:
    // "Test connection" and "Cancel test" were clicked.
    void testRequested();
    void testCancelRequested();

protected:
    QHash<QWidget *, QString> errors() const override;

private:
    void showTestResult(const QString &text, const QColor &color);
    // Shows the fields of the protocol chosen, hides the others.
    void showProtocolFields();
    bool speaksStomp() const;
    bool speaksJsonWebSocket() const;
    bool speaksEvents() const; // Server-Sent Events or Socket.IO
    bool speaksSocketIo() const;
    // What an empty event list means for the protocol chosen.
    QString eventsEmptyText() const;
    QString describe(const ConnectionCheck::Result &result) const;

    QFormLayout *m_form = nullptr;
    StringListEditor *m_serverUrls = nullptr;
    QComboBox *m_protocol = nullptr;
    QComboBox *m_transport = nullptr;
    StringListEditor *m_destinations = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_passcode = nullptr;
    QCheckBox *m_durable = nullptr;
    StringListEditor *m_events = nullptr;
    QLineEdit *m_namespace = nullptr;
    QLineEdit *m_openMessage = nullptr;
    QLineEdit *m_keepAliveMessage = nullptr;
    QLineEdit *m_keepAliveInterval = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_cancelTestButton = nullptr;
    QLabel *m_testResult = nullptr;
};
