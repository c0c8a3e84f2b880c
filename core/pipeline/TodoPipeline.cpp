#include "pipeline/TodoPipeline.h"

#include "base/Logging.h"
#include "ingest/CatchUp.h"
#include "ingest/TodoIngestor.h"
#include "model/TodoModel.h"
#include "store/TodoStore.h"

TodoPipeline::TodoPipeline(QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<TodoStore>())
    , m_ingestor(std::make_unique<TodoIngestor>(m_store.get()))
    , m_catchUp(std::make_unique<CatchUp>(m_ingestor.get()))
{
    // A push said todos were handled elsewhere without naming them: the pending list says which.
    connect(m_ingestor.get(), &TodoIngestor::doneElsewhereUnnamed, this, [this] {
        if (m_options.refetchOnCountDrop)
            m_catchUp->fetch();
    });
}

TodoPipeline::~TodoPipeline()
{
    // The source first: nothing may arrive while the rest goes.
    if (m_source)
        m_source->disconnect(this);
    m_catchUp->attach(nullptr);
    m_ingestor->attach(nullptr);
    m_source.reset();
    m_model.reset();
}

void TodoPipeline::setClock(Clock *clock)
{
    m_store->setClock(clock);
    m_ingestor->setClock(clock);
}

bool TodoPipeline::open(const TodoOptions &options)
{
    m_options = options;
    if (m_store->isOpen() && m_store->path() == options.storePath) {
        applyOptions();
        return true;
    }
    m_ingestor->flush();
    m_store->close();
    m_store->setOptions(options.storeOptions());
    const bool opened = m_store->open(options.storePath);
    applyOptions();
    if (m_model)
        m_model->reload();
    qCInfo(lcStore) << "todo store" << m_store->path();
    return opened;
}

void TodoPipeline::setOptions(const TodoOptions &options)
{
    const QString path = m_options.storePath;
    m_options = options;
    m_options.storePath = path;
    applyOptions();
}

void TodoPipeline::applyOptions()
{
    m_store->setOptions(m_options.storeOptions());
    m_ingestor->setParser(PayloadParser(m_options.payloadOptions()));
    m_catchUp->setUrl(m_options.pendingListUrl);
    if (m_model)
        m_model->setLinkPolicy(linkPolicy());
}

void TodoPipeline::setSource(std::unique_ptr<PushSource> source)
{
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
        // It may be inside one of its own signals, and its transports finish closing on the event loop.
        m_source.release()->deleteLater();
    }
    m_source = std::move(source);
    m_ingestor->attach(m_source.get());
    m_catchUp->attach(m_source.get());
    m_catchUp->setNetworkAccessManager(m_source ? m_source->networkAccessManager() : nullptr);
    if (m_model)
        m_model->setLinkPolicy(linkPolicy());
    Q_EMIT sourceChanged(m_source.get());
}

TodoModel *TodoPipeline::model()
{
    if (!m_model) {
        m_model = std::make_unique<TodoModel>(m_store.get());
        m_model->setLinkPolicy(linkPolicy());
        connect(m_store.get(), &TodoStore::reopened, m_model.get(), &TodoModel::reload);
    }
    return m_model.get();
}

LinkPolicy TodoPipeline::linkPolicy() const
{
    return m_options.linkPolicy(m_source ? m_source->urls().value(0) : QUrl());
}

void TodoPipeline::flush()
{
    m_ingestor->flush();
}
