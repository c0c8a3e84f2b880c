// TodoPipeline with a second protocol: an in-memory push source (tests/support/MemoryPushSource) plugged into the one
// pipeline the applications build, with the tray's status and notification flow on top. Without a line of ingest,
// store, model or UI code knowing about it, its messages become stored todos in the model and a notification, are
// settled only once durable, are stored and shown once however often they come, and a replaced source is followed.
#include "FakeNotifier.h"
#include "MemoryPushSource.h"
#include "TodoPipelineFixture.h"
#include "common/ConnectionStatus.h"
#include "ingest/CatchUp.h"
#include "list/TodoOpener.h"
#include "notifications/NotificationCoordinator.h"

#include <QSignalSpy>
#include <QTest>

class tst_TodoPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aSecondProtocolReachesTheModelAndTheDesktop();
    void aTodoThatComesAgainIsStoredAndShownOnce();
    void messagesWithoutAcknowledgementAreStoredToo();
    void aReplacedSourceIsFollowed();
    void aDroppedCountWithoutNamesFetchesThePendingList();

private:
    MemoryPushSource *useMemorySource();

    TodoPipelineFixture m_fixture;
    std::unique_ptr<FakeNotifier> m_notifier;
    std::unique_ptr<TodoOpener> m_opener;
    std::unique_ptr<NotificationCoordinator> m_coordinator;
    std::unique_ptr<ConnectionStatus> m_status;
};

void tst_TodoPipeline::init()
{
    m_fixture.setUp(this);
    m_notifier = std::make_unique<FakeNotifier>();
    m_opener = std::make_unique<TodoOpener>(m_fixture.merged.get());
    m_coordinator =
        std::make_unique<NotificationCoordinator>(m_notifier.get(), m_opener.get(), m_fixture.settings.get());
    m_coordinator->setClock(m_fixture.clock.get());
    m_coordinator->setCatchUp(m_fixture.pipeline->catchUp());
    connect(m_fixture.ingestor, &TodoIngestor::todoArrived, m_coordinator.get(),
            &NotificationCoordinator::onTodoArrived);
}

void tst_TodoPipeline::cleanup()
{
    m_status.reset();
    m_coordinator.reset();
    m_opener.reset();
    m_notifier.reset();
    m_fixture.tearDown();
}

// As TrayApplication does on TodoPipeline::sourceChanged.
MemoryPushSource *tst_TodoPipeline::useMemorySource()
{
    auto source = std::make_unique<MemoryPushSource>();
    MemoryPushSource *raw = source.get();
    m_fixture.pipeline->setSource(std::move(source));
    if (m_status)
        m_status->setSource(raw);
    else
        m_status = std::make_unique<ConnectionStatus>(raw);
    m_coordinator->attach(raw);
    return raw;
}

void tst_TodoPipeline::aSecondProtocolReachesTheModelAndTheDesktop()
{
    MemoryPushSource *source = useMemorySource();
    QCOMPARE(m_fixture.pipeline->source(), source);
    source->start();
    QCOMPARE(m_status->state(), PushSource::State::Connecting);
    source->connectNow();
    QCOMPARE(m_status->stateText(), QStringLiteral("connected to test"));
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs); // nothing was missed while offline

    const quint64 tag = source->push(TodoPipelineFixture::envelope(
        {TodoPipelineFixture::todo(QStringLiteral("m1"), QStringLiteral("来自内存的审批"), 1)}, 7));
    m_fixture.clock->advance(m_fixture.ingestor->options().coalesceMs);
    QTRY_COMPARE(m_fixture.model->count(), 1);
    QCOMPARE(m_fixture.model->data(m_fixture.model->index(0), TodoModel::TitleRole).toString(),
             QStringLiteral("来自内存的审批"));
    QCOMPARE(m_fixture.store->serverPendingCount(), 7);
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_notifier->shown.at(0).key, QStringLiteral("id:m1"));
    QCOMPARE(m_notifier->shown.at(0).title, QStringLiteral("来自内存的审批"));
    QCOMPARE(m_notifier->shown.at(0).urgency, Notifier::Urgency::Critical);
    // Settled once the commit is durable, not before.
    QTRY_COMPARE(source->accepted(), QList<quint64> {tag});
    QVERIFY(source->rejected().isEmpty());

    // Clicking it opens the todo's link, as for STOMP's.
    UrlCatcher browser;
    m_notifier->clickTodo(QStringLiteral("id:m1"));
    QCOMPARE(browser.opened, QList<QByteArray> {TodoPipelineFixture::expectedLink(QStringLiteral("m1"))});

    // Losing the connection shows in the status, in the same words as any other source.
    source->drop();
    QVERIFY2(m_status->stateText().startsWith(QStringLiteral("offline")), qPrintable(m_status->stateText()));
}

void tst_TodoPipeline::aTodoThatComesAgainIsStoredAndShownOnce()
{
    MemoryPushSource *source = useMemorySource();
    source->start();
    source->connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    const QByteArray body =
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("twice"), QStringLiteral("Twice"))});
    const quint64 first = source->push(body, "msg-1");
    m_fixture.clock->advance(m_fixture.ingestor->options().coalesceMs);
    QTRY_COMPARE(source->accepted().size(), 1);
    m_fixture.clock->advance(10000);
    const quint64 second = source->push(body, "msg-1"); // redelivered after a reconnect, say
    m_fixture.clock->advance(m_fixture.ingestor->options().coalesceMs);
    QTRY_COMPARE(source->accepted(), (QList<quint64> {first, second}));
    QCOMPARE(m_fixture.model->count(), 1);
    QCOMPARE(m_fixture.store->count(), 1);
    QCOMPARE(m_notifier->shown.size(), 1);
}

void tst_TodoPipeline::messagesWithoutAcknowledgementAreStoredToo()
{
    MemoryPushSource *source = useMemorySource();
    source->start();
    source->connectNow();
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    // Plain text, as a fanout that pushes a sentence, from a protocol with nothing to settle.
    QCOMPARE(source->push("请审批采购申请", "sse-41", false), quint64(0));
    m_fixture.clock->advance(m_fixture.ingestor->options().coalesceMs);
    QTRY_COMPARE(m_fixture.model->count(), 1);
    QCOMPARE(m_fixture.model->data(m_fixture.model->index(0), TodoModel::TitleRole).toString(),
             QStringLiteral("请审批采购申请"));
    QVERIFY(source->accepted().isEmpty());
    QCOMPARE(m_notifier->shown.size(), 1);
}

void tst_TodoPipeline::aReplacedSourceIsFollowed()
{
    QSignalSpy changed(m_fixture.pipeline.get(), &TodoPipeline::sourceChanged);
    MemoryPushSource *first = useMemorySource();
    first->start();
    first->connectNow();
    QPointer<MemoryPushSource> old(first);
    MemoryPushSource *second = useMemorySource();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(first->state(), PushSource::State::Disconnected); // the old one was stopped...
    QTRY_VERIFY(old.isNull()); // ...and goes
    QCOMPARE(m_status->state(), PushSource::State::Disconnected);

    second->start();
    second->connectNow();
    QCOMPARE(m_status->state(), PushSource::State::Connected);
    m_fixture.clock->advance(m_coordinator->options().catchUpWindowMs);
    second->push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("new"), QStringLiteral("New"))}));
    m_fixture.clock->advance(m_fixture.ingestor->options().coalesceMs);
    QTRY_COMPARE(m_fixture.model->count(), 1);
    QTRY_COMPARE(second->accepted().size(), 1);
}

void tst_TodoPipeline::aDroppedCountWithoutNamesFetchesThePendingList()
{
    TodoOptions options;
    options.webBase = LinkPolicy::webBaseForPushUrl(TodoPipelineFixture::pushUrl());
    options.pendingListUrl = QUrl(QStringLiteral("http://127.0.0.1:9/pending")); // nobody answers: only the GET counts
    m_fixture.pipeline->setOptions(options);
    CatchUp *catchUp = m_fixture.pipeline->catchUp();
    m_fixture.push(TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("a"), QStringLiteral("a")),
                                                  TodoPipelineFixture::todo(QStringLiteral("b"), QStringLiteral("b"))},
                                                 2));
    QCOMPARE(catchUp->fetchCount(), 0);
    // One was handled in the web application; the push says only that the count went down: the list says which.
    m_fixture.push(TodoPipelineFixture::envelope({}, 1));
    QCOMPARE(catchUp->fetchCount(), 1);
    QVERIFY(!m_fixture.store->todo(QStringLiteral("id:a"))->done); // nothing guessed
    QVERIFY(!m_fixture.store->todo(QStringLiteral("id:b"))->done);

    // Switched off: no fetch.
    options.refetchOnCountDrop = false;
    m_fixture.pipeline->setOptions(options);
    m_fixture.push(
        TodoPipelineFixture::envelope({TodoPipelineFixture::todo(QStringLiteral("c"), QStringLiteral("c"))}, 3));
    m_fixture.push(TodoPipelineFixture::envelope({}, 2));
    QCOMPARE(catchUp->fetchCount(), 1);
}

QTEST_MAIN(tst_TodoPipeline)
#include "tst_todopipeline.moc"
