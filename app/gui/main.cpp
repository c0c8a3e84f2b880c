// todo-notifier: the tray application. Entry point only: the command line, one instance per user, the wiring
// (TrayApplication).
#include "GuiOptions.h"
#include "TrayApplication.h"
#include "common/Translations.h"
#include "platform/SingleInstance.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>

#include <cstdio>
#include <memory>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

constexpr int kStatusTimeoutMs = 3000;

void print(const QByteArray &text, FILE *stream)
{
    std::fwrite(text.constData(), 1, size_t(text.size()), stream);
    std::fflush(stream);
}

// --status, --help and --version only print: they need no display (a script over ssh may ask for the status).
bool printsOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        for (const char *option : {"--status", "--help", "-h", "--help-all", "--version", "-v"}) {
            if (argument == QByteArrayView(option))
                return true;
        }
    }
    return false;
}

#ifdef Q_OS_UNIX
// SIGTERM (a session ending, `kill`, a service manager) and SIGINT quit as the tray menu's Quit does: the handler only
// writes a byte to a socket that the event loop watches.
int g_quitSignalFds[2] = {-1, -1};

void onQuitSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_quitSignalFds[0], &byte, 1);
}

void quitOnSignals(TrayApplication *tray)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_quitSignalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_quitSignalFds[1], QSocketNotifier::Read, tray);
    QObject::connect(notifier, &QSocketNotifier::activated, tray, [tray, notifier] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_quitSignalFds[1], &byte, 1);
        notifier->setEnabled(false);
        tray->quit();
    });
    struct sigaction action = {};
    action.sa_handler = onQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    const bool gui = !printsOnly(argc, argv);
    const std::unique_ptr<QCoreApplication> app =
        gui ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("todo-notifier"));
    QCoreApplication::setOrganizationName(QStringLiteral("TodoNotifier"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TODO_NOTIFIER_VERSION));
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    if (!gui)
        QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false")); // stdout is the answer, nothing else
    Translations::install(Translations::systemLanguage()); // for --help; the settings may choose another
    if (gui) {
        QGuiApplication::setDesktopFileName(QStringLiteral("todo-notifier"));
        QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/todo-notifier.svg")));
        QGuiApplication::setApplicationDisplayName(GuiOptions::tr("Todo Notifier"));
    }

    GuiOptions options;
    QString output;
    QString error;
    if (!GuiOptions::parse(QCoreApplication::arguments(), &options, &output, &error)) {
        if (!error.isEmpty()) {
            print(GuiOptions::tr("todo-notifier: %1\nRun 'todo-notifier --help' for usage.\n").arg(error).toUtf8(),
                  stderr);
            return 2;
        }
        print(output.toUtf8(), stdout);
        return 0;
    }
    if (options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("todo.*.debug=true"));

    SingleInstance instance;
    if (options.status) {
        // Never becomes the primary: it only asks the running one.
        QByteArray reply;
        if (!instance.sendToPrimary(QCoreApplication::arguments().mid(1), kStatusTimeoutMs, &reply)
            || reply.isEmpty()) {
            print(QByteArrayLiteral("{\"running\":false}\n"), stdout);
            return 1;
        }
        print(reply, stdout);
        return 0;
    }
    if (!instance.start()) {
        // Another instance runs: it brings up its list window (or its settings) and this launch ends.
        return instance.sendToPrimary(QCoreApplication::arguments().mid(1)) ? 0 : 1;
    }

    TrayApplication tray(options);
    instance.setReplyFunction([&tray](const QStringList &arguments) {
        return arguments.contains(QStringLiteral("--status")) ? tray.statusJson() : QByteArray();
    });
    QObject::connect(&instance, &SingleInstance::messageReceived, &tray, &TrayApplication::handleMessage);
    QObject::connect(&tray, &TrayApplication::quitRequested, app.get(), &QCoreApplication::quit, Qt::QueuedConnection);
    if (!tray.start())
        return 1;
#ifdef Q_OS_UNIX
    quitOnSignals(&tray);
#endif
    return QCoreApplication::exec();
}
