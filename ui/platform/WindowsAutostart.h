#pragma once

#include "platform/Autostart.h"

#include <QCoreApplication>

// Windows: a value under HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run, through QSettings'
// native (registry) format. Compiled on Windows only; it cannot be built or run on the Linux CI.
class WindowsAutostart final : public Autostart
{
    Q_DECLARE_TR_FUNCTIONS(WindowsAutostart)
public:
    WindowsAutostart(const QString &program, const QStringList &arguments);

    bool isEnabled() const override;
    bool setEnabled(bool enabled, QString *error = nullptr) override;
    QString location() const override;

    // "C:\Program Files\Todo Notifier\todo-notifier.exe" --minimized
    QString commandLine() const;

private:
    QString m_program;
    QStringList m_arguments;
};
