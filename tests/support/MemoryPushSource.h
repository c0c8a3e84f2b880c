#pragma once

#include "source/PushSource.h"

#include <QList>

// A push source held in memory, for tests: the test decides when it connects, what it delivers and when it drops, and
// sees how every message was settled. It is the "second protocol" that shows the seam: the pipeline and the UI take
// its messages exactly as they take STOMP's.
class MemoryPushSource final : public PushSource
{
    Q_OBJECT

public:
    explicit MemoryPushSource(const QList<QUrl> &urls = {QUrl(QStringLiteral("memory://test/push"))},
                              QObject *parent = nullptr);

    // Test controls.
    void connectNow(); // Connecting -> Connected, connected() with a session
    void drop(PushError::Kind kind = PushError::Kind::ConnectionLost); // Connected -> Backoff, disconnected()
    // A failure that retrying cannot fix, again: -> NeedsAttention (as ReconnectPolicy decides after a few).
    void needAttention(PushError::Kind kind = PushError::Kind::PathNotFound,
                       const QString &message = QStringLiteral("nothing at this path (404)"));
    // Delivers a message now (while connected); returns its delivery tag. needsSettle: the "server" keeps it until it
    // is accepted (as STOMP client acks do); false: this is the only copy (as SSE).
    quint64 push(const QByteArray &body, const QByteArray &messageId = {}, bool needsSettle = true);
    QList<quint64> accepted() const { return m_accepted; }
    QList<quint64> rejected() const { return m_rejected; }
    int startCount() const { return m_starts; }

    QString name() const override { return QStringLiteral("memory"); }
    State state() const override { return m_state; }
    PushError lastError() const override { return m_lastError; }
    SourceSession session() const override;
    QList<QUrl> urls() const override { return m_urls; }
    QUrl currentUrl() const override { return m_urls.value(0); }
    int attempt() const override { return 0; }
    QList<QPair<QByteArray, QByteArray>> authHeaders() const override { return {}; }
    bool settle(const InboundMessage &message, Settlement settlement) override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void reconnectNow() override { start(); }
    void checkLiveness() override { Q_EMIT livenessConfirmed(); }

private:
    void setState(State state);

    QList<QUrl> m_urls;
    State m_state = State::Disconnected;
    PushError m_lastError;
    QList<quint64> m_unsettled;
    QList<quint64> m_accepted;
    QList<quint64> m_rejected;
    quint64 m_lastTag = 0;
    int m_starts = 0;
};
