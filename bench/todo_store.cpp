// Todo store figures (build it in Release):
//   open+fill   open a store of --todos todos (default 100,000) and fill a TodoModel from it: TodoStore::open()
//               (integrity check, migrations, retention scan) and TodoModel's first page, timed separately, median
//               of --runs runs (the file is in the OS page cache: a warm start)
//   list        on that store, what the list window asks of it, median of --runs runs each: the next page
//               (fetchMore), unread only, and searches (setSearchText: the query in SQLite and the first page) for a
//               word through the full-text index (common, and found nowhere) and a two-character word (LIKE)
//   burst       --burst todos (default 10,000) arriving as fast as the network delivers them (--chunk messages per
//               turn of the event loop), with client-individual acks, through TodoIngestor (parse, batched commit,
//               durability barrier before the ACK) into a store watched by a TodoModel: the time until the last one
//               is committed and until it is durable (could be ACKed), and the longest event-loop stall
//               meanwhile, measured by a --probe-ms (default 2) precise QTimer as the largest gap between ticks, in
//               wall time and in this thread's CPU time (the latter leaves out time the OS gave to other processes)
// Bodies come from the demo's TodoGenerator: the field's envelope, one todo each, Chinese and English text.
// --json prints one JSON object instead of the text.
// --write-store PATH only writes a store of --todos todos to PATH (for bench/tray_resources.sh) and exits.
// --store PATH takes the store written by --write-store instead of writing one (--todos is then what it holds);
// --burst 0 leaves the bursts out.

#include "StallProbe.h"
#include "TodoGenerator.h"
#include "base/Clock.h"
#include "ingest/TodoIngestor.h"
#include "model/TodoModel.h"
#include "pipeline/TodoPipeline.h"
#include "store/TodoStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

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

InboundMessage message(const QByteArray &body, int index)
{
    InboundMessage message;
    message.body = body;
    message.messageId = "bench-" + QByteArray::number(index);
    message.channel = "/user/topic/all";
    message.needsSettle = true; // settled once durable, as a STOMP client ack would be (no source: nothing is sent)
    return message;
}

// Fills a store file with `count` todos, in transactions of 1,000, and indexes them for search. Returns the seconds
// it took.
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
    // As a person's store is: the application indexes new todos for search once commits pause, so the rows of a
    // store in use are in the search index. Left unindexed, the first process to open the store would index them
    // all (the tray application in slices while it should be idle, a search at once).
    store.catchUpSearchIndex();
    return timer.elapsed() / 1000.0;
}

struct BurstResult
{
    double totalMs = 0; // last commit
    double durableMs = 0; // last commit durable
    double maxStallMs = 0;
    double p50GapMs = 0; // of the probe's gaps
    double p99GapMs = 0;
    double maxCpuStallMs = 0; // the longest gap in this thread's CPU time
    int batches = 0;
    int committed = 0;
    int probeTicks = 0;
};

BurstResult burst(const QString &path, int count, int chunk, int probeMs, int existing, qint64 budgetMs)
{
    TodoPipeline pipeline;
    TodoOptions options;
    options.storePath = path;
    options.keepTodos = (count + existing) * 2;
    pipeline.open(options);
    TodoStore &store = *pipeline.store();
    TodoModel &model = *pipeline.model();
    TodoIngestor &ingestor = *pipeline.ingestor();
    TodoIngestorOptions ingestorOptions;
    ingestorOptions.batchBudgetMs = budgetMs;
    ingestor.setOptions(ingestorOptions);
    const QList<QByteArray> all = bodies(count, 11);

    BurstResult result;
    QElapsedTimer clock;
    StallProbe probe(probeMs);
    QEventLoop loop;
    quint64 lastGeneration = 0;
    QObject::connect(&ingestor, &TodoIngestor::batchCommitted, [&](int, int inserted, int updated) {
        ++result.batches;
        result.committed += inserted + updated;
        if (result.committed >= count) {
            result.totalMs = clock.nsecsElapsed() / 1e6;
            lastGeneration = store.commitGeneration();
        }
    });
    QObject::connect(&store, &TodoStore::durable, [&](quint64 generation) {
        if (lastGeneration > 0 && generation >= lastGeneration) {
            result.durableMs = clock.nsecsElapsed() / 1e6;
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
    probe.start();
    feeder.start();
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    result.maxStallMs = probe.maxStallMs();
    result.maxCpuStallMs = probe.maxCpuStallMs();
    result.probeTicks = probe.ticks();
    result.p50GapMs = probe.gapPercentileMs(50);
    result.p99GapMs = probe.gapPercentileMs(99);
    if (model.count() != store.count())
        std::fprintf(stderr, "model and store disagree: %d vs %d\n", model.count(), store.count());
    return result;
}

struct ListFigure
{
    QString what;
    double ms = 0;
    int rows = 0;
};

// What the list window asks of a store of many todos; the model is fresh for each run (nothing cached but the OS's
// pages).
QList<ListFigure> listFigures(TodoStore &store, int runs)
{
    struct Step
    {
        QString what;
        std::function<void(TodoModel &)> run;
    };
    const auto search = [](const QString &text) {
        return [text](TodoModel &model) {
            model.setSearchText(text);
        };
    };
    const QList<Step> steps {
        {QStringLiteral("next page (fetchMore)"),
         [](TodoModel &model) {
             model.fetchMore({});
         }},
        {QStringLiteral("unread only"),
         [](TodoModel &model) {
             model.setUnreadOnly(true);
         }},
        {QStringLiteral("search \"数据中台\" (index; in a tenth of the todos)"), search(QStringLiteral("数据中台"))},
        {QStringLiteral("search \"CRM migration\" (index, two words)"), search(QStringLiteral("CRM migration"))},
        {QStringLiteral("search \"不存在的词\" (index; found nowhere)"), search(QStringLiteral("不存在的词"))},
        {QStringLiteral("search \"审批\" (two characters: index terms, common)"), search(QStringLiteral("审批"))},
        {QStringLiteral("search \"无此\" (two characters: index terms; found nowhere)"),
         search(QStringLiteral("无此"))},
    };
    QList<ListFigure> figures;
    for (const Step &step : steps) {
        QList<double> times;
        int rows = 0;
        for (int run = 0; run < runs; ++run) {
            TodoModel model(&store);
            QElapsedTimer timer;
            timer.start();
            step.run(model);
            times.append(timer.nsecsElapsed() / 1e6);
            rows = model.rowCount();
        }
        figures.append({step.what, median(times), rows});
    }
    return figures;
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
    const QCommandLineOption budgetOption(QStringLiteral("budget-ms"),
                                          QStringLiteral("TodoIngestorOptions::batchBudgetMs (default: its default)."),
                                          QStringLiteral("ms"), QString::number(TodoIngestorOptions().batchBudgetMs));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption writeOption(QStringLiteral("write-store"),
                                         QStringLiteral("Only write a store of --todos todos to this file."),
                                         QStringLiteral("PATH"));
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("Open this store (from --write-store) instead of writing one."),
                                         QStringLiteral("PATH"));
    parser.addOptions({todosOption, burstOption, chunkOption, probeOption, runsOption, budgetOption, jsonOption,
                       writeOption, storeOption});
    parser.process(app);
    const int todos = parser.value(todosOption).toInt();
    const int burstSize = parser.value(burstOption).toInt();
    const int chunk = qMax(1, parser.value(chunkOption).toInt());
    const int probeMs = qMax(1, parser.value(probeOption).toInt());
    const int runs = qMax(1, parser.value(runsOption).toInt());
    const qint64 budgetMs = qMax(1, parser.value(budgetOption).toInt());

    if (parser.isSet(writeOption)) {
        const QString path = parser.value(writeOption);
        if (QFileInfo::exists(path)) {
            std::fprintf(stderr, "%s exists: not overwriting it\n", qPrintable(path));
            return 1;
        }
        const double seconds = fill(path, todos);
        TodoStore store;
        TodoStoreOptions options;
        options.keepTodos = todos * 2;
        store.setOptions(options);
        if (!store.open(path) || store.count() != todos) {
            std::fprintf(stderr, "writing %s failed: %d todos in it\n", qPrintable(path), store.count());
            return 1;
        }
        std::printf("store of %d todos written to %s in %.1f s\n", todos, qPrintable(path), seconds);
        return 0;
    }

    QTemporaryDir dir;
    const QString big =
        parser.isSet(storeOption) ? parser.value(storeOption) : dir.filePath(QStringLiteral("big.sqlite"));
    const double fillSeconds = parser.isSet(storeOption) ? 0 : fill(big, todos);

    QList<double> openMs;
    QList<double> modelMs;
    qint64 rows = 0;
    QList<ListFigure> list;
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
        if (run == runs - 1)
            list = listFigures(store, runs);
    }

    const BurstResult fresh = burstSize > 0
        ? burst(dir.filePath(QStringLiteral("burst.sqlite")), burstSize, chunk, probeMs, 0, budgetMs)
        : BurstResult();
    const BurstResult onBig = burstSize > 0 ? burst(big, burstSize, chunk, probeMs, todos, budgetMs) : BurstResult();

    if (parser.isSet(jsonOption)) {
        const QJsonObject out {
            {QStringLiteral("todos"), todos},
            {QStringLiteral("fillSeconds"), fillSeconds},
            {QStringLiteral("openMs"), median(openMs)},
            {QStringLiteral("modelFillMs"), median(modelMs)},
            {QStringLiteral("openAndFillMs"), median(openMs) + median(modelMs)},
            {QStringLiteral("list"),
             [&] {
                 QJsonArray array;
                 for (const ListFigure &figure : std::as_const(list))
                     array.append(QJsonObject {{QStringLiteral("what"), figure.what},
                                               {QStringLiteral("ms"), figure.ms},
                                               {QStringLiteral("rows"), figure.rows}});
                 return array;
             }()},
            {QStringLiteral("burst"), burstSize},
            {QStringLiteral("burstMs"), fresh.totalMs},
            {QStringLiteral("burstDurableMs"), fresh.durableMs},
            {QStringLiteral("burstMaxStallMs"), fresh.maxStallMs},
            {QStringLiteral("burstMaxCpuStallMs"), fresh.maxCpuStallMs},
            {QStringLiteral("burstP50GapMs"), fresh.p50GapMs},
            {QStringLiteral("burstP99GapMs"), fresh.p99GapMs},
            {QStringLiteral("burstBatches"), fresh.batches},
            {QStringLiteral("burstOnBigMs"), onBig.totalMs},
            {QStringLiteral("burstOnBigDurableMs"), onBig.durableMs},
            {QStringLiteral("burstOnBigMaxStallMs"), onBig.maxStallMs},
            {QStringLiteral("burstOnBigMaxCpuStallMs"), onBig.maxCpuStallMs},
            {QStringLiteral("burstOnBigP50GapMs"), onBig.p50GapMs},
            {QStringLiteral("burstOnBigP99GapMs"), onBig.p99GapMs},
        };
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("store of %d todos: written in %.1f s (setup, not a figure)\n", todos, fillSeconds);
    std::printf("open + fill the model (%lld rows), median of %d: %.0f ms (open %.0f ms + model %.0f ms)\n",
                qlonglong(rows), runs, median(openMs) + median(modelMs), median(openMs), median(modelMs));
    for (const ListFigure &figure : std::as_const(list))
        std::printf("list of %d todos: %s: %.1f ms (%d rows)\n", todos, qPrintable(figure.what), figure.ms,
                    figure.rows);
    for (const auto &[existing, result] :
         {std::pair<int, const BurstResult &> {0, fresh}, std::pair<int, const BurstResult &> {todos, onBig}}) {
        if (burstSize == 0)
            break;
        std::printf("burst of %d todos into a store of %d (%d per event-loop turn): committed in %.0f ms "
                    "(%d transactions), durable in %.0f ms; longest event-loop stall %.1f ms wall, %.1f ms of this "
                    "thread's CPU (probe every %d ms, %d ticks, gaps p50 %.1f ms, p99 %.1f ms)\n",
                    burstSize, existing, chunk, result.totalMs, result.batches, result.durableMs, result.maxStallMs,
                    result.maxCpuStallMs, probeMs, result.probeTicks, result.p50GapMs, result.p99GapMs);
    }
    return 0;
}
