#include "DemoProtocol.h"

#include <array>
#include <utility>

namespace {

constexpr std::array<std::pair<DemoProtocol::Kind, const char *>, 5> kNames {{
    {DemoProtocol::Kind::Stomp, "stomp"},
    {DemoProtocol::Kind::SockJs, "sockjs"},
    {DemoProtocol::Kind::JsonWebSocket, "json-ws"},
    {DemoProtocol::Kind::EventStream, "sse"},
    {DemoProtocol::Kind::SocketIo, "socketio"},
}};

} // namespace

QStringList DemoProtocol::names()
{
    QStringList names;
    for (const auto &entry : kNames)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

QString DemoProtocol::name(Kind kind)
{
    for (const auto &entry : kNames) {
        if (entry.first == kind)
            return QString::fromLatin1(entry.second);
    }
    return {};
}

std::optional<DemoProtocol::Kind> DemoProtocol::fromName(const QString &name)
{
    for (const auto &entry : kNames) {
        if (name == QLatin1String(entry.second))
            return entry.first;
    }
    return std::nullopt;
}

QStringList DemoProtocol::withDemoValue(const QStringList &arguments, bool positionalAllowed)
{
    QStringList out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (i == 0 || (argument != QLatin1String("--demo") && argument != QLatin1String("-demo"))) {
            out.append(argument);
            continue;
        }
        const QString next = arguments.value(i + 1);
        const bool isValue = i + 1 < arguments.size() && !next.startsWith(QLatin1Char('-'))
            && (!positionalAllowed || fromName(next).has_value());
        if (isValue) {
            out.append(QStringLiteral("--demo=") + next);
            ++i;
        } else {
            out.append(QStringLiteral("--demo=stomp"));
        }
    }
    return out;
}
