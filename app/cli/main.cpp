// todo-notifier-cli: the headless client. Entry point only; the work is in CliOptions and CliRunner.
#include "CliOptions.h"
#include "CliRunner.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("todo-notifier-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("TodoNotifier"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TODO_NOTIFIER_VERSION));
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    CliOptions options;
    QString output;
    QString error;
    if (!CliOptions::parse(QCoreApplication::arguments(), &options, &output, &error)) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "todo-notifier-cli: %s\nRun 'todo-notifier-cli --help' for usage.\n",
                         qPrintable(error));
            return CliExit::Usage;
        }
        std::fputs(output.toUtf8().constData(), stdout);
        return CliExit::Ok;
    }
    // listen: stdout carries JSON lines, warnings go to stderr. check/send: one line of result, nothing else.
    // --verbose shows the protocol in detail either way.
    if (options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("todo.*.debug=true"));
    else if (options.command == CliOptions::Command::Listen)
        QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false"));
    else
        QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false\ntodo.*.warning=false"));

    CliRunner runner(std::move(options));
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) {
        // Let a pending DISCONNECT leave the socket before the loop ends.
        QTimer::singleShot(50, qApp, [code] { QCoreApplication::exit(code); });
    });
    if (!runner.start())
        return CliExit::Failure;
    return QCoreApplication::exec();
}
