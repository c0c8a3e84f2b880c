#include "GuiOptions.h"

#include "DemoProtocol.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

bool GuiOptions::parse(const QStringList &arguments, GuiOptions *options, QString *output, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Todo Notifier: stays connected to your organisation's push server and tells you the moment a todo is "
           "waiting for you. It lives in the system tray; a second launch brings up the todo list of the first."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Connect to an embedded demo push server that sends sample todos (nothing is "
                                     "sent anywhere; your settings are not changed), over one of its protocols: "
                                     "stomp (the default when none is given), sockjs, json-ws, sse or socketio."),
                                  QStringLiteral("protocol"));
    const QCommandLineOption demoInterval(QStringLiteral("demo-interval"),
                                          tr("With --demo: milliseconds between sample todos (default 5000; 0 sends "
                                             "only what is published to the demo server)."),
                                          QStringLiteral("MS"), QStringLiteral("5000"));
    const QCommandLineOption settings(QStringLiteral("settings"), tr("Open the settings dialog."));
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       tr("Start in the system tray without showing the todo list."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    tr("Read and write the settings in this file (INI) instead of the user's "
                                       "settings."),
                                    QStringLiteral("PATH"));
    const QCommandLineOption verbose(QStringLiteral("verbose"), tr("Log the connection and the protocol in detail."));
    const QCommandLineOption status(QStringLiteral("status"),
                                    tr("Print the state of the running instance as one line of JSON (state, "
                                       "pendingCount, unreadCount, lastError) and exit; exit code 1 if none runs."));
    parser.addOptions({demo, demoInterval, settings, minimized, config, verbose, status});
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    // --demo's value is optional (the tray application takes no positional arguments).
    if (!parser.parse(DemoProtocol::withDemoValue(arguments, false))) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return false;
    }
    if (parser.isSet(help)) {
        *output = parser.helpText();
        return false;
    }
    if (parser.isSet(version)) {
        *output = QStringLiteral("todo-notifier %1\n").arg(QStringLiteral(TODO_NOTIFIER_VERSION));
        return false;
    }
    bool ok = false;
    const qint64 interval = parser.value(demoInterval).toLongLong(&ok);
    if (!ok || interval < 0 || interval > 24 * 3600 * 1000) {
        *error = tr("--demo-interval takes a number of milliseconds, 0 or more");
        return false;
    }
    options->demo = parser.isSet(demo);
    if (options->demo) {
        options->demoProtocol = parser.value(demo);
        if (!DemoProtocol::fromName(options->demoProtocol)) {
            *error = tr("invalid --demo \"%1\": expected one of %2")
                         .arg(options->demoProtocol, DemoProtocol::names().join(QStringLiteral(", ")));
            return false;
        }
    }
    options->demoIntervalMs = interval;
    options->openSettings = parser.isSet(settings);
    options->minimized = parser.isSet(minimized);
    options->configPath = parser.value(config);
    options->verbose = parser.isSet(verbose);
    options->status = parser.isSet(status);
    return true;
}
