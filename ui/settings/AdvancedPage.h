#pragma once

#include "settings/SettingsPage.h"

class HeaderTableEditor;
class QComboBox;
class QLineEdit;

// The Advanced page: extra headers, heart-beats, reconnecting, the time zone of the server's times and how long
// read todos are kept.
//
// Secret header values are never read from or written to Settings: the dialog takes them from the keychain
// (setHeaders()) and stores them there (headers()).
class AdvancedPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit AdvancedPage(const Settings &settings, QWidget *parent = nullptr);
    ~AdvancedPage() override;
    Q_DISABLE_COPY_MOVE(AdvancedPage)

    void load(const Settings &settings) override;
    void write(Settings &settings) override;
    bool testedValuesValid() const override;
    std::optional<QVariant> testedValue(Settings::Key key) const override;

    // The headers on screen, secret values included.
    QList<HeaderSetting> headers() const;
    void setHeaders(const QList<HeaderSetting> &headers);
    // Off while the keychain is read.
    void setHeadersEnabled(bool enabled);

protected:
    QHash<QWidget *, QString> errors() const override;

private:
    static QLineEdit *numberEdit(const QString &objectName);

    HeaderTableEditor *m_headers = nullptr;
    QLineEdit *m_heartbeatOut = nullptr;
    QLineEdit *m_heartbeatIn = nullptr;
    QLineEdit *m_reconnectInitial = nullptr;
    QLineEdit *m_reconnectMax = nullptr;
    QLineEdit *m_reconnectAttempts = nullptr;
    QComboBox *m_timeZone = nullptr;
    QLineEdit *m_retentionCount = nullptr;
    QLineEdit *m_retentionDays = nullptr;
};
