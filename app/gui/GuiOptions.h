#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The command line of todo-notifier, the tray application.
struct GuiOptions
{
    Q_DECLARE_TR_FUNCTIONS(GuiOptions)

public:
    bool demo = false; // --demo: the embedded demo push server, not the configured one
    QString demoProtocol = QStringLiteral("stomp"); // --demo <protocol>: a value of DemoProtocol::names()
    qint64 demoIntervalMs = 5000; // --demo-interval: between its pushes (0: only what is sent to it)
    bool openSettings = false; // --settings
    bool minimized = false; // --minimized: the tray icon only, no window
    QString configPath; // --config: an INI settings file instead of the user's settings
    bool verbose = false; // --verbose
    bool status = false; // --status: print the running instance's state as JSON and exit

    // Parses `arguments` (argv including the program name). On a usage error returns false with a message in
    // *error; on --help/--version returns false with the text to print in *output and no error.
    static bool parse(const QStringList &arguments, GuiOptions *options, QString *output, QString *error);
};
