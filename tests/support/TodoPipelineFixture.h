#pragma once

// The todo pipeline as the tray application builds it (TodoPipeline: store, ingestor, catch-up, model), on a
// MockClock, for the ui tests: push() commits a body the way a pushed message would be, and the model follows.
// `merged` lists the model as the first server's, as the widgets take it (MergedTodoModel).

#include "MockClock.h"
#include "config/Settings.h"
#include "ingest/TodoIngestor.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"
#include "pipeline/TodoPipeline.h"
#include "store/TodoStore.h"

#include <QAbstractItemModelTester>
#include <QDesktopServices>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TodoPipelineFixture final
{
public:
    // 2024-05-16 08:28:03 UTC, the time of the field's sample todo.
    static constexpr qint64 kStartWallMs = 1715848083000;
    // The push URL links resolve against (web base http://127.0.0.1:15674/).
    static QUrl pushUrl() { return QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")); }
    // The field's handlerUrl shape: relative, with a fragment holding a route and a query with raw non-ASCII text.
    static QString handlerUrl(const QString &id)
    {
        return QStringLiteral("/service/assets/index.html#/project/change-project-todo?id=%1&pendingId=p%1"
                              "&itemname=项目主管&wfid=w%1")
            .arg(id);
    }
    // handlerUrl(id), resolved against pushUrl(), byte for byte as the browser must receive it.
    static QByteArray expectedLink(const QString &id)
    {
        return "http://127.0.0.1:15674/service/assets/index.html#/project/change-project-todo?id=" + id.toUtf8()
            + "&pendingId=p" + id.toUtf8() + "&itemname=%E9%A1%B9%E7%9B%AE%E4%B8%BB%E7%AE%A1&wfid=w" + id.toUtf8();
    }

    static QJsonObject todo(const QString &id, const QString &title, int urgency = 0, const QString &link = QString(),
                            const QString &sender = QStringLiteral("张伟"),
                            const QString &department = QStringLiteral("研发中心"),
                            const QString &business = QStringLiteral("变更申请"))
    {
        static const QStringList urgencyTexts {QStringLiteral("普通"), QStringLiteral("紧急"), QStringLiteral("特急")};
        return {{QStringLiteral("id"), id},
                {QStringLiteral("title"), title},
                {QStringLiteral("handlerUrl"), link.isNull() ? handlerUrl(id) : link},
                {QStringLiteral("metaData"),
                 QJsonObject {{QStringLiteral("urgency"), urgency},
                              {QStringLiteral("urgencyText"), urgencyTexts.value(urgency)},
                              {QStringLiteral("send_name"), sender},
                              {QStringLiteral("send_dept"), department},
                              {QStringLiteral("bname"), business}}}};
    }

    // The field's envelope: {"data":{"sysMsgList":[...],"sysMsgNums":N}}; N < 0 leaves sysMsgNums out.
    static QByteArray envelope(const QList<QJsonObject> &todos, int pending = -1)
    {
        QJsonArray list;
        for (const QJsonObject &item : todos)
            list.append(item);
        QJsonObject data {{QStringLiteral("sysMsgList"), list}};
        if (pending >= 0)
            data.insert(QStringLiteral("sysMsgNums"), pending);
        return QJsonDocument(QJsonObject {{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact);
    }

    // Call from the test's init(); QVERIFYs inside.
    void setUp(QObject *testObject)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        clock = std::make_unique<MockClock>(kStartWallMs);
        settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
        pipeline = std::make_unique<TodoPipeline>();
        pipeline->setClock(clock.get());
        TodoOptions options;
        options.storePath = m_dir->filePath(QStringLiteral("todos.sqlite"));
        options.webBase = LinkPolicy::webBaseForPushUrl(pushUrl());
        QVERIFY(pipeline->open(options));
        store = pipeline->store();
        ingestor = pipeline->ingestor();
        model = pipeline->model();
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, testObject);
        merged = std::make_unique<MergedTodoModel>();
        QVERIFY(merged->addServer(QString(), QString(), model));
        new QAbstractItemModelTester(merged.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, testObject);
    }

    void tearDown()
    {
        store = nullptr;
        ingestor = nullptr;
        merged.reset();
        model = nullptr;
        pipeline.reset();
        settings.reset();
        clock.reset();
        m_dir.reset();
    }

    // Commits `body` as one pushed message would be, now.
    void push(const QByteArray &body)
    {
        ingestor->ingestBody(body, QStringLiteral("test-%1").arg(++m_pushes));
        ingestor->flush();
    }

    // Commits `body` as the answer to the catch-up GET (the pending list) would be, now.
    void answerCatchUp(const QByteArray &body)
    {
        ingestor->ingestBody(body, QStringLiteral("catch-up-%1").arg(++m_pushes), true);
        ingestor->flush();
    }

    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<MockClock> clock;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<TodoPipeline> pipeline;
    TodoStore *store = nullptr; // the pipeline's
    TodoModel *model = nullptr;
    std::unique_ptr<MergedTodoModel> merged; // `model` as the first server's
    TodoIngestor *ingestor = nullptr;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_pushes = 0;
};

// Catches what QDesktopServices::openUrl() would hand to the browser (QDesktopServices::setUrlHandler).
class UrlCatcher final : public QObject
{
    Q_OBJECT
public:
    UrlCatcher()
    {
        for (const QString &scheme : {QStringLiteral("http"), QStringLiteral("https")})
            QDesktopServices::setUrlHandler(scheme, this, "open");
    }
    ~UrlCatcher() override
    {
        for (const QString &scheme : {QStringLiteral("http"), QStringLiteral("https")})
            QDesktopServices::unsetUrlHandler(scheme);
    }
    Q_DISABLE_COPY_MOVE(UrlCatcher)

    QList<QByteArray> opened; // toEncoded(), in order

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url.toEncoded()); }
};
