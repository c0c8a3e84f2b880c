// todo-notifier-demo-server: runs DemoPushServer on its own, for trying the client (or a browser stomp.js
// page) against todos that look like the field's. A demonstration server and test double, not a broker.
#include "DemoPushServer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    return 2;
}

bool parseNumber(const QString &text, qint64 minimum, qint64 maximum, qint64 *value)
{
    bool ok = false;
    *value = text.toLongLong(&ok);
    return ok && *value >= minimum && *value <= maximum;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("todo-notifier-demo-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TODO_NOTIFIER_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A demonstration server and test double that pushes sample todos over STOMP 1.2 on WebSocket.\n"
                       "It is not a message broker: do not use it in production.\n\n"
                       "Clients connect to ws://ADDRESS:PORT/ws (see --path), send CONNECT and SUBSCRIBE to any\n"
                       "destination; every subscription then receives a todo every --interval ms (the first about 1 s\n"
                       "after subscribing). SEND is echoed to the subscribers of the same destination. Everything is\n"
                       "in memory; nothing is stored."));
    parser.addHelpOption();
    parser.addVersionOption();

    const QCommandLineOption addressOption(QStringLiteral("address"),
                                           QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                           QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port to listen on (default 8765)."),
                                        QStringLiteral("N"), QStringLiteral("8765"));
    const QCommandLineOption pathOption(QStringLiteral("path"), QStringLiteral("WebSocket path (default /ws)."),
                                        QStringLiteral("PATH"), QStringLiteral("/ws"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("Milliseconds between pushed todos; 0 pushes none "
                                                           "(default 5000)."),
                                            QStringLiteral("MS"), QStringLiteral("5000"));
    const QCommandLineOption heartbeatOption(QStringLiteral("heartbeat"),
                                             QStringLiteral("Heart-beat the server offers, as in the STOMP header: "
                                                            "it can send every SX ms, wants one every SY ms "
                                                            "(default 10000,10000; 0 = none)."),
                                             QStringLiteral("SX,SY"), QStringLiteral("10000,10000"));
    const QCommandLineOption loginOption(QStringLiteral("login"),
                                         QStringLiteral("Require this CONNECT login (with --passcode-file)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption passcodeFileOption(
        QStringLiteral("passcode-file"),
        QStringLiteral("Read the required passcode from the first line of this file. There is deliberately no "
                       "option for a passcode on the command line."),
        QStringLiteral("PATH"));
    const QCommandLineOption hostOption(QStringLiteral("vhost"),
                                        QStringLiteral("Require this CONNECT host header (virtual host)."),
                                        QStringLiteral("HOST"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed of the todo generator (default 1): the same seed "
                                                       "gives the same todos."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Log every frame (passcodes are never logged)."));
    parser.addOptions({addressOption, portOption, pathOption, intervalOption, heartbeatOption, loginOption,
                       passcodeFileOption, hostOption, seedOption, verboseOption});
    parser.process(app);

    const QHostAddress address(parser.value(addressOption));
    if (address.isNull())
        return fail(QStringLiteral("--address: not an IP address: %1").arg(parser.value(addressOption)));
    qint64 port = 0;
    if (!parseNumber(parser.value(portOption), 0, 65535, &port))
        return fail(QStringLiteral("--port: expected 0..65535"));
    qint64 interval = 0;
    if (!parseNumber(parser.value(intervalOption), 0, 24LL * 3600 * 1000, &interval))
        return fail(QStringLiteral("--interval: expected milliseconds"));
    const QStringList heartbeat = parser.value(heartbeatOption).split(u',');
    qint64 heartbeatSend = 0;
    qint64 heartbeatReceive = 0;
    if (heartbeat.size() != 2 || !parseNumber(heartbeat.at(0).trimmed(), 0, 3600LL * 1000, &heartbeatSend)
        || !parseNumber(heartbeat.at(1).trimmed(), 0, 3600LL * 1000, &heartbeatReceive))
        return fail(QStringLiteral("--heartbeat: expected SX,SY in milliseconds"));
    qint64 seed = 0;
    if (!parseNumber(parser.value(seedOption), 0, 0xffffffffLL, &seed))
        return fail(QStringLiteral("--seed: expected a number 0..4294967295"));

    DemoPushServer server;
    if (parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(QStringLiteral("todo.demo.debug=true"));
    server.setPath(parser.value(pathOption));
    server.setPublishInterval(interval);
    server.setHeartbeat(heartbeatSend, heartbeatReceive);
    server.generator().reseed(quint32(seed));
    if (parser.isSet(hostOption))
        server.setRequiredHost(parser.value(hostOption));

    if (parser.isSet(passcodeFileOption) && !parser.isSet(loginOption))
        return fail(QStringLiteral("--passcode-file needs --login"));
    if (parser.isSet(loginOption)) {
        QString passcode;
        if (parser.isSet(passcodeFileOption)) {
            QFile file(parser.value(passcodeFileOption));
            if (!file.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("--passcode-file: %1").arg(file.errorString()));
            QByteArray line = file.readLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            passcode = QString::fromUtf8(line);
        }
        server.setCredentials(parser.value(loginOption), passcode);
    }

    if (!server.listen(address, quint16(port))) {
        QTextStream(stderr) << "todo-notifier-demo-server: cannot listen on " << address.toString() << ':' << port
                            << ": " << server.errorString() << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    out << "Todo Notifier demo push server (a test double, not a broker) listening on " << server.url().toString()
        << Qt::endl;
    out << "Try: todo-notifier-cli listen --url " << server.url().toString() << " --destination /topic/todo"
        << Qt::endl;
    return QCoreApplication::exec();
}
