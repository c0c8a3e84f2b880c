// Parser throughput: frames/s and MB/s (MB = 1,000,000 bytes) over corpora generated in memory from a fixed seed.
//   todo-2k        MESSAGE frames with realistic headers and a ~2 KB JSON todo body, with content-length; one feed()
//                  per frame, as the client gets them (one WebSocket message holds one frame)
//   tiny           ~100-byte MESSAGE frames (keep-alives, short notices), half of them with content-length
//   1m             1 MiB MESSAGE frames with content-length
//   todo-2k-split  the todo-2k stream cut at random points into chunks of 1..3000 bytes
// Each corpus is parsed --runs times (frames taken as they complete); the median run is reported.
// --json prints one JSON object per corpus instead of the table, for scripts that compare with other parsers.

#include "stomp/StompFrameParser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>
#include <vector>

namespace {

struct Corpus
{
    QString name;
    QList<QByteArray> chunks; // fed one by one
    qint64 frames = 0;
    qint64 bytes = 0;
};

QByteArray digits(QRandomGenerator &random, int count)
{
    QByteArray out;
    out.reserve(count);
    out += char('1' + random.bounded(9));
    while (out.size() < count)
        out += char('0' + random.bounded(10));
    return out;
}

QByteArray hex(QRandomGenerator &random, int count)
{
    static const char alphabet[] = "0123456789abcdef";
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += alphabet[random.bounded(16)];
    return out;
}

// One todo push, shaped like the payload in design.md, padded to about `size` bytes.
QByteArray todoJson(QRandomGenerator &random, int size)
{
    static const char *const names[] = {"张伟", "王芳", "李娜", "刘洋", "陈静"};
    static const char *const projects[] = {"统一身份认证平台", "移动办公门户", "数据中台二期", "财务共享中心"};
    const QByteArray id = digits(random, 19);
    const QByteArray pendingId = digits(random, 18);
    const QByteArray wfid = digits(random, 18);
    const QByteArray user = "uff08" + hex(random, 27);
    const QByteArray name = names[random.bounded(5)];
    const QByteArray project = projects[random.bounded(4)];

    QByteArray json = R"({"data":{"menuTipsMap":null,"sysMsgList":[{"id":")" + id + R"(","title":"待办通知:)" + name
        + "《" + project + R"(》变更申请--（)" + project + R"()研发中心","time":"2024-05-16 16:28:03",)"
        + R"("handlerUrl":"/service/assets/index.html#/project/change-project-todo?id=)" + id
        + "&pendingId=" + pendingId + "&itemname=项目主管&wfid=" + wfid + R"(","userId":")" + user
        + R"(","metaData":{"urgency":0,"urgencyText":"普通","bname":"变更申请","send_name":")" + name
        + R"(","send_dept":"研发中心","node_name":"项目主管","pendingUrl":"/service/assets/index.html#/pending?id=)"
        + pendingId + R"(","remark":")";
    const QByteArray tail = R"("},"pendingId":null,"ownerId":")" + digits(random, 18) + R"(","ownerIdentityId":")"
        + user + R"("}],"sysMsgNums":)" + QByteArray::number(random.bounded(1, 40))
        + R"(,"onlineUserNums":null,"extraData":null},"fromUserId":null,"fromUserName":null})";
    static const char *const words[] = {"变更内容说明", " scope ", "需求评审", " deadline ", "上线计划", " v2.3 "};
    while (json.size() + tail.size() < size)
        json += words[random.bounded(6)];
    return json + tail;
}

QByteArray messageFrame(QRandomGenerator &random, int sequence, const QByteArray &body, bool contentLength)
{
    QByteArray frame = "MESSAGE\ndestination:/exchange/FanoutDemandExchange\nsubscription:sub-0\n"
                       "message-id:T_sub-0@@session-"
        + hex(random, 22) + "@@" + QByteArray::number(sequence) + "\nredelivered:false\nack:" + hex(random, 12)
        + "\ncontent-type:application/json;charset=UTF-8\n";
    if (contentLength)
        frame += "content-length:" + QByteArray::number(body.size()) + '\n';
    frame += '\n';
    frame += body;
    frame += '\0';
    return frame;
}

Corpus todoCorpus(QRandomGenerator &random, int count)
{
    Corpus corpus {QStringLiteral("todo-2k"), {}, count, 0};
    for (int i = 0; i < count; ++i) {
        corpus.chunks.append(messageFrame(random, i, todoJson(random, 2048 - 300 + random.bounded(200)), true));
        corpus.bytes += corpus.chunks.last().size();
    }
    return corpus;
}

Corpus tinyCorpus(QRandomGenerator &random, int count)
{
    Corpus corpus {QStringLiteral("tiny"), {}, count, 0};
    for (int i = 0; i < count; ++i) {
        const QByteArray body = random.bounded(2) ? QByteArray(R"({"keepalive":"live"})") : "todo " + digits(random, 6);
        QByteArray frame = "MESSAGE\ndestination:/topic/a\nsubscription:sub-0\nmessage-id:" + digits(random, 8) + '\n';
        if (i % 2)
            frame += "content-length:" + QByteArray::number(body.size()) + '\n';
        frame += '\n' + body + '\0';
        corpus.chunks.append(frame);
        corpus.bytes += frame.size();
    }
    return corpus;
}

Corpus megabyteCorpus(QRandomGenerator &random, int count)
{
    Corpus corpus {QStringLiteral("1m"), {}, count, 0};
    for (int i = 0; i < count; ++i) {
        QByteArray body;
        body.reserve(1024 * 1024 + 4096);
        body += R"({"items":[)";
        while (body.size() < 1024 * 1024 - 4096)
            body += todoJson(random, 2048) + ',';
        body += R"({}],"pad":")";
        body += QByteArray(1024 * 1024 - 2 - body.size(), 'x');
        body += R"("})";
        corpus.chunks.append(messageFrame(random, i, body, true));
        corpus.bytes += corpus.chunks.last().size();
    }
    return corpus;
}

Corpus splitCorpus(QRandomGenerator &random, const Corpus &whole)
{
    Corpus corpus {QStringLiteral("todo-2k-split"), {}, whole.frames, whole.bytes};
    const QByteArray stream = whole.chunks.join();
    for (qsizetype pos = 0; pos < stream.size();) {
        const qsizetype size = std::min<qsizetype>(1 + random.bounded(3000), stream.size() - pos);
        corpus.chunks.append(stream.mid(pos, size));
        pos += size;
    }
    return corpus;
}

// Parses the corpus once; returns the nanoseconds taken, or -1 if the frames are not all there.
qint64 runOnce(const Corpus &corpus)
{
    StompFrameParser parser;
    qint64 frames = 0;
    qint64 bodyBytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &chunk : corpus.chunks) {
        parser.feed(chunk);
        while (parser.hasFrame()) {
            bodyBytes += parser.takeFrame().body.size();
            ++frames;
        }
    }
    const qint64 elapsed = timer.nsecsElapsed();
    if (parser.hasError() || frames != corpus.frames || bodyBytes <= 0 || parser.bufferedBytes() != 0) {
        std::fprintf(stderr, "%s: parsed %lld of %lld frames%s\n", qPrintable(corpus.name), frames, corpus.frames,
                     parser.hasError() ? qPrintable(QStringLiteral(", ") + parser.error()->toString()) : "");
        return -1;
    }
    return elapsed;
}

// The corpus as files: chunks in feed order, each as a little-endian u32 length and its bytes, plus a summary.
bool writeCorpus(const Corpus &corpus, const QString &dir)
{
    QDir().mkpath(dir);
    QFile chunks(QDir(dir).filePath(corpus.name + QStringLiteral(".chunks")));
    if (!chunks.open(QIODevice::WriteOnly))
        return false;
    for (const QByteArray &chunk : corpus.chunks) {
        const quint32 size = quint32(chunk.size());
        const char length[4] = {char(size & 0xff), char((size >> 8) & 0xff), char((size >> 16) & 0xff),
                                char((size >> 24) & 0xff)};
        chunks.write(length, 4);
        chunks.write(chunk);
    }
    QFile summary(QDir(dir).filePath(corpus.name + QStringLiteral(".json")));
    if (!summary.open(QIODevice::WriteOnly))
        return false;
    summary.write(QJsonDocument(QJsonObject {{QStringLiteral("corpus"), corpus.name},
                                             {QStringLiteral("frames"), corpus.frames},
                                             {QStringLiteral("bytes"), corpus.bytes},
                                             {QStringLiteral("chunks"), qint64(corpus.chunks.size())}})
                      .toJson(QJsonDocument::Compact));
    return chunks.error() == QFile::NoError && summary.error() == QFile::NoError;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser options;
    options.setApplicationDescription(QStringLiteral("STOMP frame parser throughput (MB = 1,000,000 bytes)."));
    options.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("One JSON object per corpus."));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per corpus (median reported)."),
                                        QStringLiteral("n"), QStringLiteral("7"));
    const QCommandLineOption writeOption(
        QStringLiteral("write-corpus"),
        QStringLiteral("Also write each corpus to DIR/<name>.chunks (u32 little-endian length + bytes per chunk) and "
                       "DIR/<name>.json, so that another parser (bench/stompjs) can run the same input."),
        QStringLiteral("dir"));
    const QCommandLineOption onlyOption(QStringLiteral("only"),
                                        QStringLiteral("Only this corpus: todo-2k, tiny, 1m, todo-2k-split."),
                                        QStringLiteral("name"));
    options.addOptions({jsonOption, runsOption, onlyOption, writeOption});
    options.process(app);
    const bool json = options.isSet(jsonOption);
    const int runs = std::max(1, options.value(runsOption).toInt());
    const QString only = options.value(onlyOption);
    const QString corpusDir = options.value(writeOption);

    // Each corpus from its own seed, so that --only gives the same bytes as a full run.
    const std::vector<std::pair<QString, std::function<Corpus()>>> generators = {
        {QStringLiteral("todo-2k"),
         [] {
             QRandomGenerator random(20240516);
             return todoCorpus(random, 20000);
         }},
        {QStringLiteral("tiny"),
         [] {
             QRandomGenerator random(20240517);
             return tinyCorpus(random, 400000);
         }},
        {QStringLiteral("1m"),
         [] {
             QRandomGenerator random(20240518);
             return megabyteCorpus(random, 40);
         }},
        {QStringLiteral("todo-2k-split"),
         [] {
             QRandomGenerator random(20240516);
             const Corpus whole = todoCorpus(random, 20000);
             return splitCorpus(random, whole);
         }},
    };

    QTextStream out(stdout);
    if (!json)
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QStringLiteral("corpus"), -14)
                   .arg(QStringLiteral("frames"), 8)
                   .arg(QStringLiteral("MB"), 7)
                   .arg(QStringLiteral("frames/s"), 12)
                   .arg(QStringLiteral("MB/s"), 9);
    int status = 0;
    for (const auto &[name, generate] : generators) {
        if (!only.isEmpty() && name != only)
            continue;
        const Corpus corpus = generate();
        if (!corpusDir.isEmpty() && !writeCorpus(corpus, corpusDir)) {
            std::fprintf(stderr, "cannot write the corpus %s to %s\n", qPrintable(name), qPrintable(corpusDir));
            return 1;
        }
        std::vector<qint64> times;
        for (int i = 0; i < runs; ++i)
            times.push_back(runOnce(corpus));
        if (std::find(times.cbegin(), times.cend(), -1) != times.cend()) {
            status = 1;
            continue;
        }
        std::sort(times.begin(), times.end());
        const double seconds = double(times[times.size() / 2]) / 1e9;
        const double framesPerSecond = double(corpus.frames) / seconds;
        const double megabytesPerSecond = double(corpus.bytes) / 1e6 / seconds;
        if (json) {
            const QJsonObject result {{QStringLiteral("bench"), QStringLiteral("parser_throughput")},
                                      {QStringLiteral("impl"), QStringLiteral("todo-notifier")},
                                      {QStringLiteral("corpus"), corpus.name},
                                      {QStringLiteral("frames"), corpus.frames},
                                      {QStringLiteral("bytes"), corpus.bytes},
                                      {QStringLiteral("chunks"), qint64(corpus.chunks.size())},
                                      {QStringLiteral("runs"), runs},
                                      {QStringLiteral("median_ms"), seconds * 1e3},
                                      {QStringLiteral("frames_per_s"), framesPerSecond},
                                      {QStringLiteral("mb_per_s"), megabytesPerSecond}};
            out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
        } else {
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(corpus.name, -14)
                       .arg(corpus.frames, 8)
                       .arg(double(corpus.bytes) / 1e6, 7, 'f', 1)
                       .arg(framesPerSecond, 12, 'f', 0)
                       .arg(megabytesPerSecond, 9, 'f', 1);
        }
        out.flush();
    }
    return status;
}
