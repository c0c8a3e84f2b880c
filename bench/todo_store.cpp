// Todo store figures (build it in Release):
//   open+fill   open a store of --todos todos (default 100,000) and fill a TodoModel from it: TodoStore::open()
//               (integrity check, migrations, retention scan) and TodoModel's load, timed separately, median of
//               --runs runs (the file is in the OS page cache: a warm start)
//   burst       --burst todos (default 10,000) arriving as fast as the network delivers them (--chunk messages per
//               turn of the event loop), through TodoIngestor (parse, batched commit) into a store watched by a
//               TodoModel: the time until the last one is committed, and the longest event-loop stall meanwhile,
//               measured by a --probe-ms (default 2) precise QTimer as the largest gap between its ticks
// Bodies come from the demo's TodoGenerator: the field's envelope, one todo each, Chinese and English text.
// --json prints one JSON object instead of the text.

#include "Clock.h"
#include "StompClient.h"
#include "TodoGenerator.h"
#include "TodoIngestor.h"
#include "TodoModel.h"
#include "TodoStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QList<QByteArray> bodies(int count, quint32 seed)
{
    TodoGenerator generator(seed);
    QList<QByteArray> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(generator.nextBody());
    return out;
}

StompMessage message(const QByteArray &body, int index)
{
    StompMessage message;
    message.frame = StompFrame("MESSAGE");
    message.frame.body = body;
    message.messageId = "bench-" + QByteArray::number(index);
    message.destination = "/user/topic/all";
    message.ackMode = StompAckMode::Auto;
    return message;
}

// Fills a store file with `count` todos, in transactions of 1,000. Returns the seconds it took.
double fill(const QString &path, int count)
{
    QElapsedTimer timer;
    timer.start();
    TodoStore store;
    TodoStoreOptions options;
    options.keepTodos = count * 2;
    store.setOptions(options);
    store.open(path);
    const PayloadParser parser;
    const QList<QByteArray> all = bodies(count, 7);
    for (int first = 0; first < count; first += 1000) {
        QList<TodoStore::Message> messages;
        for (int i = first; i < qMin(count, first + 1000); ++i)
            messages.append({parser.parse(all.at(i), "fill-" + QByteArray::number(i)), QString(), QString()});
        store.commit(messages);
    }
    return timer.elapsed() / 1000.0;
}

struct BurstResult
{
    double totalMs = 0;
    double maxStallMs = 0;
    int batches = 0;
    int committed = 0;
    int probeTicks = 0;
};

BurstResult burst(const QString &path, int count, int chunk, int probeMs, int existing, bool fullSync)
{
    TodoStore store;
    TodoStoreOptions options;
    options.keepTodos = (count + existing) * 2;
    options.fullSync = fullSync;
    store.setOptions(options);
    store.open(path);
    TodoModel model(&store);
    TodoIngestor ingestor(&store);
    const QList<QByteArray> all = bodies(count, 11);

    BurstResult result;
    QElapsedTimer clock;
    qint64 lastTick = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(probeMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        result.maxStallMs = qMax(result.maxStallMs, (now - lastTick) / 1e6);
        lastTick = now;
        ++result.probeTicks;
    });
    QEventLoop loop;
    QObject::connect(&ingestor, &TodoIngestor::batchCommitted, [&](int, int inserted, int updated) {
        ++result.batches;
        result.committed += inserted + updated;
        if (result.committed >= count) {
            result.totalMs = clock.nsecsElapsed() / 1e6;
            loop.quit();
        }
    });

    // The "network": `chunk` messages per turn of the event loop, as a socket read delivers many frames at once.
    int next = 0;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        for (int i = 0; i < chunk && next < count; ++i, ++next)
            ingestor.ingest(message(all.at(next), next));
        if (next >= count)
            feeder.stop();
    });
    clock.start();
    lastTick = clock.nsecsElapsed();
    probe.start();
    feeder.start();
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    if (model.count() != store.count())
        std::fprintf(stderr, "model and store disagree: %d vs %d\n", model.count(), store.count());
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("todo.*.info=false"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption todosOption(QStringLiteral("todos"), QStringLiteral("Todos in the store to open."),
                                         QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption burstOption(QStringLiteral("burst"), QStringLiteral("Todos in the burst."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Messages per event-loop turn."),
                                         QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption probeOption(QStringLiteral("probe-ms"), QStringLiteral("Stall probe period."),
                                         QStringLiteral("ms"), QStringLiteral("2"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs of open+fill."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption syncOption(QStringLiteral("sync"),
                                        QStringLiteral("SQLite synchronous mode of the burst: full (the default of "
                                                       "TodoStore) or normal."),
                                        QStringLiteral("mode"), QStringLiteral("full"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({todosOption, burstOption, chunkOption, probeOption, runsOption, syncOption, jsonOption});
    parser.process(app);
    const int todos = parser.value(todosOption).toInt();
    const int burstSize = parser.value(burstOption).toInt();
    const int chunk = qMax(1, parser.value(chunkOption).toInt());
    const int probeMs = qMax(1, parser.value(probeOption).toInt());
    const int runs = qMax(1, parser.value(runsOption).toInt());
    const bool fullSync = parser.value(syncOption) != QLatin1String("normal");

    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.sqlite"));
    const double fillSeconds = fill(big, todos);

    QList<double> openMs;
    QList<double> modelMs;
    qint64 rows = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        TodoStore store;
        TodoStoreOptions options;
        options.keepTodos = todos * 2;
        store.setOptions(options);
        store.open(big);
        openMs.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        TodoModel model(&store);
        modelMs.append(timer.nsecsElapsed() / 1e6);
        rows = model.rowCount();
    }

    const BurstResult fresh =
        burst(dir.filePath(QStringLiteral("burst.sqlite")), burstSize, chunk, probeMs, 0, fullSync);
    const BurstResult onBig = burst(big, burstSize, chunk, probeMs, todos, fullSync);

    if (parser.isSet(jsonOption)) {
        const QJsonObject out {
            {QStringLiteral("todos"), todos},
            {QStringLiteral("fillSeconds"), fillSeconds},
            {QStringLiteral("openMs"), median(openMs)},
            {QStringLiteral("modelFillMs"), median(modelMs)},
            {QStringLiteral("openAndFillMs"), median(openMs) + median(modelMs)},
            {QStringLiteral("burst"), burstSize},
            {QStringLiteral("burstMs"), fresh.totalMs},
            {QStringLiteral("burstMaxStallMs"), fresh.maxStallMs},
            {QStringLiteral("burstBatches"), fresh.batches},
            {QStringLiteral("burstOnBigMs"), onBig.totalMs},
            {QStringLiteral("burstOnBigMaxStallMs"), onBig.maxStallMs},
        };
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("store of %d todos: written in %.1f s (setup, not a figure)\n", todos, fillSeconds);
    std::printf("open + fill the model (%lld rows), median of %d: %.0f ms (open %.0f ms + model %.0f ms)\n",
                qlonglong(rows), runs, median(openMs) + median(modelMs), median(openMs), median(modelMs));
    for (const auto &[existing, result] :
         {std::pair<int, const BurstResult &> {0, fresh}, std::pair<int, const BurstResult &> {todos, onBig}}) {
        std::printf("burst of %d todos into a store of %d (%d per event-loop turn): committed in %.0f ms, "
                    "%d transactions, longest event-loop stall %.1f ms (probe every %d ms, %d ticks)\n",
                    burstSize, existing, chunk, result.totalMs, result.batches, result.maxStallMs, probeMs,
                    result.probeTicks);
    }
    return 0;
}
