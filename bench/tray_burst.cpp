// The tray application under a burst (build it in Release; bench/run.sh runs it against RabbitMQ):
// TrayApplication, the wiring of `todo-notifier` itself (settings, keychain, STOMP client, ingestor, store,
// model, tray icon, notifications, list window), runs in this process on the offscreen platform, configured by an
// INI file like `todo-notifier --config`. Once it is connected it prints {"event":"connected"} on stdout; the
// caller then publishes --count todos to --destination as fast as it can. This program watches the model fill
// (the list's MergedTodoModel: rowsInserted) and reports, as one JSON line on stdout:
//   first_in_model_us / last_in_model_us   when the first and the last todo were in the model (microseconds since
//                                          the epoch, to compare with the publisher's send times)
//   last_arrived_us                        when the source delivered the --count-th message to the ingestor (the
//                                          broker's share of the time ends there; what follows is this process's)
//   max_stall_ms, max_cpu_stall_ms         the longest event-loop stall from connected until the last todo was in
//                                          the model: the largest gap between ticks of a --probe-ms (default 2)
//                                          precise QTimer, in wall time and in the main thread's CPU time
//   p99_gap_ms                             the 99th percentile of the gaps that ended after the first todo was in
//                                          the model (the idle wait for the publisher left out)
//   p99_cpu_gap_ms                         the same of the gaps in the main thread's CPU time (the event loop's own
//                                          work, without the time the OS gave to other processes)
//   cpu_ms                                 the process's CPU time (all threads) over the same interval
//   peak_rss_kb                            the process's peak resident memory (VmHWM) at the end
// Usage: bench_tray_burst --url ws://127.0.0.1:PORT/ws --destination /topic/x --count N [--window] [--timeout S]
// The list window stays closed (hidden, as with a tray) unless --window shows it. The application's data, settings and
// keychain fallback live in a temporary directory; the broker's default user is used (no login is configured).

#include "GuiOptions.h"
#include "ProcessStats.h"
#include "StallProbe.h"
#include "TrayApplication.h"
#include "config/Settings.h"
#include "model/MergedTodoModel.h"
#include "pipeline/TodoPipeline.h"
#include "source/PushSource.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <chrono>
#include <cstdio>

namespace {

qint64 epochUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int main(int argc, char *argv[])
{
    // The application's files go to a fresh directory, before Qt reads any of these.
    QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "bench_tray_burst: no temporary directory\n");
        return 1;
    }
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"})
        qputenv(name, QFile::encodeName(home.filePath(QString::fromLatin1(name))));
    QDir().mkpath(qEnvironmentVariable("XDG_RUNTIME_DIR"));
    QFile::setPermissions(qEnvironmentVariable("XDG_RUNTIME_DIR"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("todo-notifier"));
    QCoreApplication::setOrganizationName(QStringLiteral("TodoNotifier"));
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("The broker's Web-STOMP URL."),
                                       QStringLiteral("URL"));
    const QCommandLineOption destinationOption(QStringLiteral("destination"), QStringLiteral("Subscribe to it."),
                                               QStringLiteral("DEST"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Todos in the burst."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption probeOption(QStringLiteral("probe-ms"), QStringLiteral("Stall probe period."),
                                         QStringLiteral("ms"), QStringLiteral("2"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), QStringLiteral("Give up after S seconds."),
                                           QStringLiteral("S"), QStringLiteral("300"));
    const QCommandLineOption windowOption(QStringLiteral("window"), QStringLiteral("Keep the list window open."));
    const QCommandLineOption prefetchOption(
        QStringLiteral("prefetch"), QStringLiteral("connection/prefetchCount (0 = the broker's default: no limit)."),
        QStringLiteral("N"), QString::number(Settings::kDefaultPrefetchCount));
    parser.addOptions(
        {urlOption, destinationOption, countOption, probeOption, timeoutOption, windowOption, prefetchOption});
    parser.process(app);
    const QUrl url(parser.value(urlOption));
    const int count = parser.value(countOption).toInt();
    if (!url.isValid() || url.isRelative() || !parser.isSet(destinationOption) || count < 1) {
        std::fprintf(stderr, "bench_tray_burst: --url, --destination and --count (1 or more) are needed\n");
        return 2;
    }

    const QString configPath = QDir(home.path()).filePath(QStringLiteral("bench.ini"));
    {
        Settings settings(configPath, {});
        settings.setUrls(Settings::Key::ServerUrls, {url});
        settings.setValue(Settings::Key::Transport, QStringLiteral("websocket"));
        settings.setValue(Settings::Key::Destinations, QStringList {parser.value(destinationOption)});
        settings.setValue(Settings::Key::HeartbeatOutMs, 10000);
        settings.setValue(Settings::Key::HeartbeatInMs, 10000);
        settings.setValue(Settings::Key::RetentionCount, count * 2);
        settings.setValue(Settings::Key::PrefetchCount, parser.value(prefetchOption).toInt());
        settings.sync();
    }
    GuiOptions options;
    options.configPath = configPath;
    options.minimized = !parser.isSet(windowOption);

    TrayApplication tray(options);
    const MergedTodoModel *model = tray.model();
    StallProbe probe(qMax(1, parser.value(probeOption).toInt()));
    double cpuAtConnected = 0;
    double cpuAtLast = 0;
    qint64 firstInModelUs = 0;
    qint64 firstInModelProbeNs = 0;
    qint64 lastInModelUs = 0;
    qint64 lastArrivedUs = 0;
    int arrived = 0;
    bool connected = false;

    QObject::connect(model, &QAbstractItemModel::rowsInserted, &app, [&] {
        if (firstInModelUs == 0) {
            firstInModelUs = epochUs();
            firstInModelProbeNs = probe.elapsedNs();
        }
        if (lastInModelUs == 0 && model->rowCount() >= count) {
            lastInModelUs = epochUs();
            probe.stop();
            cpuAtLast = ProcessStats::cpuMs();
            // A moment for the last ACKs and the DISCONNECT, then the figures.
            QTimer::singleShot(500, &app, &QCoreApplication::quit);
        }
    });
    // Connected: when the status says so (polled: the client is the application's own).
    QTimer connectedPoll;
    connectedPoll.setInterval(20);
    QObject::connect(&connectedPoll, &QTimer::timeout, &app, [&] {
        const QJsonObject status = QJsonDocument::fromJson(tray.statusJson()).object();
        if (status.value(QLatin1String("state")).toString() != QLatin1String("connected"))
            return;
        connectedPoll.stop();
        connected = true;
        // The messages delivered from now on (the burst follows): the last one's arrival.
        QObject::connect(tray.firstPipeline()->source(), &PushSource::messageReceived, &app, [&] {
            if (++arrived == count)
                lastArrivedUs = epochUs();
        });
        cpuAtConnected = ProcessStats::cpuMs();
        probe.start();
        ProcessStats::printLine({{QStringLiteral("event"), QStringLiteral("connected")}});
    });
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app, [&] {
        std::fprintf(stderr, "bench_tray_burst: timed out (%s, %d of %d todos in the model)\n",
                     connected ? "connected" : "never connected", model->rowCount(), count);
        QCoreApplication::exit(1);
    });
    if (!tray.start())
        return 1;
    // Offscreen there is no tray, so the application shows its window (minimized) as its main window; on a desktop
    // with a tray it stays hidden until asked for. Hide it, as it would be there, unless --window.
    if (!parser.isSet(windowOption)) {
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *window : windows)
            window->hide();
    }
    connectedPoll.start();
    const int status = QCoreApplication::exec();
    if (status != 0 || lastInModelUs == 0)
        return status != 0 ? status : 1;

    ProcessStats::printLine({
        {QStringLiteral("bench"), QStringLiteral("tray_burst")},
        {QStringLiteral("impl"), QStringLiteral("todo-notifier")},
        {QStringLiteral("count"), count},
        {QStringLiteral("received"), model->rowCount()},
        {QStringLiteral("window"), parser.isSet(windowOption)},
        {QStringLiteral("first_in_model_us"), firstInModelUs},
        {QStringLiteral("last_in_model_us"), lastInModelUs},
        {QStringLiteral("last_arrived_us"), lastArrivedUs},
        {QStringLiteral("max_stall_ms"), probe.maxStallMs()},
        {QStringLiteral("max_cpu_stall_ms"), probe.maxCpuStallMs()},
        {QStringLiteral("p99_gap_ms"), probe.gapPercentileMs(99, firstInModelProbeNs)},
        {QStringLiteral("p99_cpu_gap_ms"), probe.cpuGapPercentileMs(99, firstInModelProbeNs)},
        {QStringLiteral("probe_ms"), probe.periodMs()},
        {QStringLiteral("probe_ticks"), probe.ticks()},
        {QStringLiteral("cpu_ms"), cpuAtLast - cpuAtConnected},
        {QStringLiteral("peak_rss_kb"), ProcessStats::statusKb("VmHWM")},
    });
    return 0;
}
