#pragma once

#include "platform/Autostart.h"

#include <QCoreApplication>

// macOS: a LaunchAgent, ~/Library/LaunchAgents/<label>.plist with RunAtLoad, which launchd reads at the next
// login. Compiled on macOS only; it cannot be built or run on the Linux CI.
class MacAutostart final : public Autostart
{
    Q_DECLARE_TR_FUNCTIONS(MacAutostart)
public:
    static QString label() { return QStringLiteral("invalid.example.todo-notifier"); }

    MacAutostart(const QString &program, const QStringList &arguments);

    bool isEnabled() const override;
    bool setEnabled(bool enabled, QString *error = nullptr) override;
    QString location() const override;

    QByteArray plist() const;

private:
    QString m_program;
    QStringList m_arguments;
};
