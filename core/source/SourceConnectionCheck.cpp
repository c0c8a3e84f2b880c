#include "source/SourceConnectionCheck.h"

#include <QTimer>

SourceConnectionCheck::SourceConnectionCheck(const QList<QUrl> &urls, Factory factory, QObject *parent)
    : ConnectionCheck(parent)
    , m_urls(urls)
    , m_factory(std::move(factory))
{
    qRegisterMetaType<ConnectionCheck::Result>();
    qRegisterMetaType<QList<ConnectionCheck::Result>>();
}

SourceConnectionCheck::~SourceConnectionCheck()
{
    retire();
}

void SourceConnectionCheck::start()
{
    cancel();
    m_results.clear();
    m_index = -1;
    m_running = true;
    // Answer asynchronously, like every other outcome, even with nothing to test.
    QTimer::singleShot(0, this, [this] {
        if (m_running && m_index < 0)
            startNext();
    });
}

void SourceConnectionCheck::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    retire();
}

void SourceConnectionCheck::startNext()
{
    ++m_index;
    if (m_index >= m_urls.size()) {
        m_running = false;
        Q_EMIT finished(m_results);
        return;
    }
    const QUrl url = m_urls.at(m_index);
    m_source = m_factory(url, m_timeoutMs);
    PushSource *source = m_source.get();
    connect(source, &PushSource::connected, this, [this, url](const SourceSession &session) {
        Result result;
        result.url = url;
        result.ok = true;
        result.connected = true;
        result.session = session;
        result.description = session.summary;
        finishUrl(result);
    });
    connect(source, &PushSource::stateChanged, this, [this, url](PushSource::State state) {
        if (state != PushSource::State::Failed && state != PushSource::State::Backoff
            && state != PushSource::State::NeedsAttention)
            return;
        Result result;
        result.url = url;
        result.error = m_source->lastError();
        if (result.error.kind == PushError::Kind::None)
            result.error = {PushError::Kind::ConnectionLost, tr("the server closed the connection"), {}, url};
        finishUrl(result);
    });
    Q_EMIT progress(url, Stage::Connecting);
    source->start();
}

void SourceConnectionCheck::finishUrl(Result result)
{
    m_results.append(std::move(result));
    // Leave the source's signal before it goes.
    QTimer::singleShot(0, this, [this] {
        retire();
        if (m_running)
            startNext();
    });
    if (m_source)
        m_source->disconnect(this);
}

void SourceConnectionCheck::retire()
{
    if (!m_source)
        return;
    m_source->disconnect(this);
    m_source->stop();
    m_source.release()->deleteLater();
}
