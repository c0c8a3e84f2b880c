#pragma once

#include "source/ConnectionCheck.h"

#include <QList>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

// The ConnectionCheck of a protocol that has nothing to verify beyond connecting (plain WebSocket, ...): every URL in
// turn gets one attempt by a source made for it, which is stopped again as soon as it is connected. Nothing pushed
// meanwhile is stored.
class SourceConnectionCheck final : public ConnectionCheck
{
    Q_OBJECT
public:
    // Makes a source for one URL; the check limits it to one attempt.
    using Factory = std::function<std::unique_ptr<PushSource>(const QUrl &url, qint64 timeoutMs)>;

    SourceConnectionCheck(const QList<QUrl> &urls, Factory factory, QObject *parent = nullptr);
    ~SourceConnectionCheck() override;
    Q_DISABLE_COPY_MOVE(SourceConnectionCheck)

    void start() override;
    void cancel() override;
    bool isRunning() const override { return m_running; }
    void setTimeout(qint64 ms) override { m_timeoutMs = ms; }

private:
    void startNext();
    void finishUrl(Result result);
    void retire();

    QList<QUrl> m_urls;
    Factory m_factory;
    std::unique_ptr<PushSource> m_source;
    QList<Result> m_results;
    qsizetype m_index = -1;
    qint64 m_timeoutMs = 10000;
    bool m_running = false;
};
