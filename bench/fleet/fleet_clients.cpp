// A fleet of simulated desktops in one process (bench/fleet/run.sh drives it against RabbitMQ): --clients push
// sources, each built by SourceFactory::create() from settings as the application builds its own (protocol stomp
// over WebSocket, the application's defaults for everything else: heart-beats 10,000 ms both ways, reconnect backoff
// from 1 s doubling to 60 s with 50 % jitter, prefetch 1000, client acks (cumulative)), each subscribed to its own
// durable queue (--queue-prefix and the client's number: /amq/queue/fleet-00042). Every todo is settled (ACK) as it
// arrives, as the application does once the todo is stored.
//
// It writes a timeline of JSON lines to --timeline, one per event:
//   {"t":EPOCH_MS,"c":CLIENT,"e":"attempt"}                     a connection attempt starts (state Connecting)
//   {"t":...,"c":...,"e":"connected"}                             CONNECTED arrived; the SUBSCRIBE went out with it
//   {"t":...,"c":...,"e":"lost"}                                  a live connection was lost
//   {"t":...,"c":...,"e":"todo","id":"ID","r":true}               a todo arrived (r: the broker says redelivered)
// and a status line on stdout every second: {"e":"status","t":...,"clients":N,"started":S,"connected":C,
// "attempts":A,"todos":T,"cpu_ms":...,"rss_kb":...}. It runs until --stop-file exists, then prints a last line
// {"e":"summary",...} with the process's CPU time, resident and peak memory, and exits.
//
// Clients are started --ramp per second (default 500), so the first connection is not itself a storm.
// Usage: bench_fleet_clients --url ws://127.0.0.1:PORT/ws --clients N --timeline FILE --stop-file FILE
//                            [--first N] [--queue-prefix /amq/queue/fleet-] [--ramp N]
//                            [--login guest --passcode guest]
// --first numbers the clients (and their queues) from N, so that several processes can share a fleet.

#include "ProcessStats.h"
#include "config/Settings.h"
#include "pipeline/SourceFactory.h"
#include "source/PushSource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <sys/resource.h>

namespace {

double epochMs()
{
    return double(std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count())
        / 1000.0;
}

// One file descriptor per connection, and the process may need more than the usual 1,024: the soft limit up to the
// hard one, and the hard one higher where the process may (root).
void raiseFileLimit(rlim_t wanted)
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    if (limit.rlim_max < wanted) {
        rlimit higher {wanted, wanted};
        if (setrlimit(RLIMIT_NOFILE, &higher) == 0)
            return;
    }
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

// The JSON lines of the timeline, buffered and written out once a second (and at the end).
class Timeline final
{
public:
    explicit Timeline(const QString &path)
        : m_file(path)
    { }
    Q_DISABLE_COPY_MOVE(Timeline)

    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate); }
    void add(int client, const char *event, const QByteArray &extra = {})
    {
        m_buffer += "{\"t\":" + QByteArray::number(epochMs(), 'f', 3) + ",\"c\":" + QByteArray::number(client)
            + ",\"e\":\"" + event + '"' + extra + "}\n";
    }
    void flush()
    {
        m_file.write(m_buffer);
        m_file.flush();
        m_buffer.clear();
    }

private:
    QFile m_file;
    QByteArray m_buffer;
};

// What the fleet counts as it goes, for the status line.
struct Counters
{
    int started = 0;
    int connected = 0;
    qint64 attempts = 0;
    qint64 todos = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false\ntodo.*.warning=false"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("The broker's Web-STOMP URL."),
                                       QStringLiteral("URL"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("How many desktops."),
                                           QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption firstOption(QStringLiteral("first"),
                                         QStringLiteral("Number of the first client (and of its queue)."),
                                         QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption prefixOption(QStringLiteral("queue-prefix"),
                                          QStringLiteral("Destination of client i: this and i in five digits."),
                                          QStringLiteral("DEST"), QStringLiteral("/amq/queue/fleet-"));
    const QCommandLineOption timelineOption(QStringLiteral("timeline"), QStringLiteral("Write the events here."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption stopOption(QStringLiteral("stop-file"), QStringLiteral("Stop once this file exists."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption rampOption(QStringLiteral("ramp"), QStringLiteral("Clients started per second."),
                                        QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption loginOption(QStringLiteral("login"), QStringLiteral("STOMP login."),
                                         QStringLiteral("LOGIN"), QStringLiteral("guest"));
    const QCommandLineOption passcodeOption(QStringLiteral("passcode"), QStringLiteral("STOMP passcode."),
                                            QStringLiteral("PASSCODE"), QStringLiteral("guest"));
    parser.addOptions({urlOption, clientsOption, firstOption, prefixOption, timelineOption, stopOption, rampOption,
                       loginOption, passcodeOption});
    parser.process(app);
    const QUrl url(parser.value(urlOption));
    const int clients = parser.value(clientsOption).toInt();
    const int first = qMax(0, parser.value(firstOption).toInt());
    const int ramp = qMax(1, parser.value(rampOption).toInt());
    if (!url.isValid() || url.isRelative() || clients < 1 || !parser.isSet(timelineOption)
        || !parser.isSet(stopOption)) {
        std::fprintf(stderr,
                     "bench_fleet_clients: --url, --clients (1 or more), --timeline and --stop-file are "
                     "needed\n");
        return 2;
    }
    raiseFileLimit(rlim_t(clients) + 1024);

    Timeline timeline(parser.value(timelineOption));
    if (!timeline.open()) {
        std::fprintf(stderr, "bench_fleet_clients: cannot write %s\n", qPrintable(parser.value(timelineOption)));
        return 1;
    }

    // The application's settings: its defaults, with what a person enters for this server.
    const QString prefix = parser.value(prefixOption);
    const QString login = parser.value(loginOption);
    const auto settingsFor = [&](int client) {
        const QString destination = prefix + QStringLiteral("%1").arg(client, 5, 10, QLatin1Char('0'));
        return SettingsView([url, destination, login](Settings::Key key) -> QVariant {
            switch (key) {
            case Settings::Key::ServerUrls:
                return QStringList {url.toString()};
            case Settings::Key::Protocol:
                return QStringLiteral("stomp");
            case Settings::Key::Transport:
                return QStringLiteral("websocket");
            case Settings::Key::Destinations:
                return QStringList {destination};
            case Settings::Key::Login:
                return login;
            default:
                return Settings::definition(key).defaultValue;
            }
        });
    };
    ConnectionSecrets secrets;
    secrets.passcode = parser.value(passcodeOption).toUtf8();

    Counters counters;
    std::vector<std::unique_ptr<PushSource>> sources;
    sources.reserve(size_t(clients));
    const auto startOne = [&]() {
        const int client = first + int(sources.size());
        std::unique_ptr<PushSource> source = SourceFactory::create(settingsFor(client), secrets);
        PushSource *raw = source.get();
        QObject::connect(raw, &PushSource::stateChanged, raw, [&timeline, &counters, client](PushSource::State state) {
            if (state == PushSource::State::Connecting) {
                ++counters.attempts;
                timeline.add(client, "attempt");
            }
        });
        QObject::connect(raw, &PushSource::connected, raw, [&timeline, &counters, client] {
            ++counters.connected;
            timeline.add(client, "connected");
        });
        QObject::connect(raw, &PushSource::disconnected, raw, [&timeline, &counters, client] {
            --counters.connected;
            timeline.add(client, "lost");
        });
        QObject::connect(
            raw, &PushSource::messageReceived, raw, [&timeline, &counters, raw, client](const InboundMessage &message) {
                ++counters.todos;
                const QByteArray id =
                    QJsonDocument::fromJson(message.body).object().value(QLatin1String("id")).toString().toUtf8();
                bool redelivered = false;
                for (const auto &attribute : message.attributes) {
                    if (attribute.first == "redelivered")
                        redelivered = attribute.second == "true";
                }
                timeline.add(client, "todo", ",\"id\":\"" + id + "\",\"r\":" + (redelivered ? "true" : "false"));
                raw->settle(message, PushSource::Settlement::Accept);
            });
        sources.push_back(std::move(source));
        ++counters.started;
        raw->start();
    };

    // The ramp: a tenth of a second's share of clients every 100 ms.
    QTimer rampTimer;
    rampTimer.setInterval(100);
    QObject::connect(&rampTimer, &QTimer::timeout, &app, [&] {
        const int batch = qMax(1, ramp / 10);
        for (int i = 0; i < batch && int(sources.size()) < clients; ++i)
            startOne();
        if (int(sources.size()) >= clients)
            rampTimer.stop();
    });

    const QString stopFile = parser.value(stopOption);
    QTimer statusTimer;
    statusTimer.setInterval(1000);
    QObject::connect(&statusTimer, &QTimer::timeout, &app, [&] {
        timeline.flush();
        ProcessStats::printLine({{QStringLiteral("e"), QStringLiteral("status")},
                                 {QStringLiteral("t"), epochMs()},
                                 {QStringLiteral("clients"), clients},
                                 {QStringLiteral("started"), counters.started},
                                 {QStringLiteral("connected"), counters.connected},
                                 {QStringLiteral("attempts"), counters.attempts},
                                 {QStringLiteral("todos"), counters.todos},
                                 {QStringLiteral("cpu_ms"), ProcessStats::cpuMs()},
                                 {QStringLiteral("rss_kb"), ProcessStats::statusKb("VmRSS")}});
        if (QFile::exists(stopFile))
            QCoreApplication::quit();
    });

    rampTimer.start();
    statusTimer.start();
    QCoreApplication::exec();

    timeline.flush();
    ProcessStats::printLine({{QStringLiteral("e"), QStringLiteral("summary")},
                             {QStringLiteral("t"), epochMs()},
                             {QStringLiteral("clients"), clients},
                             {QStringLiteral("connected"), counters.connected},
                             {QStringLiteral("attempts"), counters.attempts},
                             {QStringLiteral("todos"), counters.todos},
                             {QStringLiteral("cpu_ms"), ProcessStats::cpuMs()},
                             {QStringLiteral("rss_kb"), ProcessStats::statusKb("VmRSS")},
                             {QStringLiteral("peak_rss_kb"), ProcessStats::statusKb("VmHWM")}});
    // The connections end with the process (the broker sees them closed; no DISCONNECT for 10,000 of them).
    std::quick_exit(0);
}
