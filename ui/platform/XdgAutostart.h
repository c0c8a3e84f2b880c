#pragma once

#include "platform/Autostart.h"

#include <QCoreApplication>

// The XDG Autostart specification: $XDG_CONFIG_HOME/autostart/todo-notifier.desktop (default
// ~/.config/autostart). A package may install an inert system-wide entry under $XDG_CONFIG_DIRS/autostart
// (e.g. /etc/xdg/autostart) with Hidden=true; the user's file of the same name overrides it both ways:
// enabling writes an entry, disabling removes the user's file, or writes Hidden=true over an enabled system one.
class XdgAutostart final : public Autostart
{
    Q_DECLARE_TR_FUNCTIONS(XdgAutostart)
public:
    static QString fileName() { return QStringLiteral("todo-notifier.desktop"); }

    XdgAutostart(const QString &program, const QStringList &arguments);

    bool isEnabled() const override;
    bool setEnabled(bool enabled, QString *error = nullptr) override;
    QString location() const override { return userEntryPath(); }

    // $XDG_CONFIG_HOME/autostart/todo-notifier.desktop
    static QString userEntryPath();
    // The first system-wide entry found in $XDG_CONFIG_DIRS (default /etc/xdg), or empty.
    static QString systemEntryPath();
    // The Exec= value for `program` and `arguments`, quoted by the Desktop Entry rules.
    static QString execLine(const QString &program, const QStringList &arguments);

private:
    static bool entryEnables(const QString &path);
    QString desktopEntry(bool hidden) const;

    QString m_program;
    QStringList m_arguments;
};
