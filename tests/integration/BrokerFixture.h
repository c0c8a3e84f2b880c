#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

// Access to the RabbitMQ that the CTest fixture started (scripts/rabbitmq-fixture.sh), with the ports the
// script uses (its defaults unless the environment overrides them).
namespace BrokerFixture {

inline QString env(const char *name, const QString &fallback = {})
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}
inline int wsPort()
{
    return env("TODO_RMQ_WS_PORT", QStringLiteral("26674")).toInt();
}
inline int stompPort()
{
    return env("TODO_RMQ_STOMP_PORT", QStringLiteral("26613")).toInt();
}
inline QUrl webStompUrl()
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(wsPort()));
}
inline bool available()
{
    return !env("TODO_RMQ_DIR").isEmpty() && !env("TODO_RMQ_FIXTURE").isEmpty();
}

// Runs the fixture script (start|stop|kill|ctl ...) and returns its exit code; output goes to `output`.
inline int fixture(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(env("TODO_RMQ_FIXTURE"), QStringList {arguments.first(), env("TODO_RMQ_DIR")} + arguments.mid(1));
    if (!process.waitForFinished(timeoutMs))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

// Publishes with the independent python3-stomp client over STOMP/TCP; returns its exit code.
inline int publish(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 120000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("/usr/bin/python3"),
                  QStringList {env("TODO_RMQ_PUBLISH"), QStringLiteral("--port"), QString::number(stompPort())}
                      + arguments);
    if (!process.waitForFinished(timeoutMs))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

} // namespace BrokerFixture
