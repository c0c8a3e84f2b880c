#pragma once

#include <QString>
#include <QStringList>

#include <memory>

// Starting the application at login, behind one interface: an XDG autostart entry on Linux (XdgAutostart), the
// HKCU Run key on Windows (WindowsAutostart), a LaunchAgent on macOS (MacAutostart). Only the implementation
// for the platform being built is compiled.
class Autostart
{
public:
    Autostart() = default;
    virtual ~Autostart() = default;
    Q_DISABLE_COPY_MOVE(Autostart)

    // This platform's implementation, starting `program` with `arguments` (e.g. "--minimized") at login.
    static std::unique_ptr<Autostart> create(const QString &program, const QStringList &arguments);

    virtual bool isEnabled() const = 0;
    // Returns false and sets `error` (for people) if the change could not be made.
    virtual bool setEnabled(bool enabled, QString *error = nullptr) = 0;
    // Where the setting lives, for the settings dialog's tooltip: a file path or a registry key.
    virtual QString location() const = 0;
};
