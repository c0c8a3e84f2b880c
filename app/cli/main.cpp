// todo-notifier-cli: the headless client. Entry point only; the work is in CliOptions and CliRunner.
#include "CliOptions.h"
#include "CliRunner.h"
#include "config/CredentialStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QTimer>

#include <cstdio>
#include <memory>

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

    std::unique_ptr<CliRunner> runner;
    auto run = [&runner, &app](CliOptions ready) {
        runner = std::make_unique<CliRunner>(std::move(ready));
        QObject::connect(runner.get(), &CliRunner::finished, &app, [](int code) {
            // Let a pending DISCONNECT leave the socket before the loop ends.
            QTimer::singleShot(50, qApp, [code] { QCoreApplication::exit(code); });
        });
        return runner->start();
    };
    if (!options.useProfile) {
        if (!run(std::move(options)))
            return CliExit::Failure;
        return QCoreApplication::exec();
    }

    // --profile: the connection from a server's settings, its secrets from the keychain (asynchronously, as the tray
    // app reads them); the command starts once they are in.
    const std::unique_ptr<CliOptions::Profile> profile = CliOptions::openProfile(options, &error);
    if (!profile) {
        std::fprintf(stderr, "todo-notifier-cli: %s\n", qPrintable(error));
        return CliExit::Usage;
    }
    if (!profile->settings->isConfigured()) {
        std::fprintf(stderr, "todo-notifier-cli: %s\n",
                     qPrintable(CliOptions::tr("the server profile %1 has no server URL yet")
                                    .arg(profile->profiles->displayName(profile->id))));
        return CliExit::Usage;
    }
    CredentialStore credentials;
    const QString account = profile->settings->credentialAccount();
    QObject::connect(&credentials, &CredentialStore::keychainUnavailable, &app, [](const QString &reason) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(CliOptions::tr("warning: no keychain (%1): connecting without the profile's passcode "
                                               "and secret header values")
                                    .arg(reason)));
    });
    QObject::connect(&credentials, &CredentialStore::secretsRead, &app,
                     [&](const QString &readAccount, const QHash<QString, QByteArray> &secrets) {
                         if (readAccount != account || runner)
                             return;
                         ConnectionSecrets connectionSecrets;
                         for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
                             if (it.key() == Settings::passcodeItem())
                                 connectionSecrets.passcode = it.value();
                             else
                                 connectionSecrets.headerValues.insert(it.key(), it.value());
                         }
                         CliOptions::applyProfile(*profile->settings, connectionSecrets, &options);
                         if (!run(std::move(options)))
                             QCoreApplication::exit(CliExit::Failure);
                     });
    credentials.readAll(account, profile->settings->secretItems());
    return QCoreApplication::exec();
}
