#pragma once

#include "transport/TransportPlan.h"

#include <QPointer>

#include <memory>

class SockJsInfoProbe;
class TransportSelector;

// A Transport that carries out a TransportPlan: it fetches SockJS /info and opens WebSocket or SockJS
// transports in the order the plan says until one opens, then becomes that transport (every call and signal
// passes through) and tells the selector what worked. description() says what it is and why, e.g.
// "sockjs ws://host/app/ws/512/x1y2/websocket (auto: /info says websocket:true; raw /websocket refused with 404)" or
// "sockjs xhr-streaming http://host/app/ws/123/abc (auto: /info says websocket:false)".
// When nothing works, failed() carries the plan's reason and the error of the URL's own failure.
class AutoTransport final : public Transport
{
    Q_OBJECT
public:
    // `selector` provides the remembered choice, the shared network access manager, and learns the outcome.
    explicit AutoTransport(TransportSelector *selector, TransportMode mode = TransportMode::Auto,
                           QObject *parent = nullptr);
    ~AutoTransport() override;
    Q_DISABLE_COPY_MOVE(AutoTransport)

    void open(const QUrl &url, const TransportOptions &options) override;
    void close() override;
    bool sendData(const QByteArray &data) override;
    bool ping() override;
    bool isOpen() const override { return m_state == State::Open; }
    QString description() const override;
    QString subprotocol() const override;

    // The transport in use (or being tried); null before open() and after close.
    Transport *current() const { return m_current.get(); }
    // The plan's explanation of the choice ("auto: ...").
    QString explanation() const { return m_plan ? m_plan->explanation() : QString(); }

private:
    enum class State { Idle, Selecting, Open, Closed };

    void run(TransportPlan::Step step);
    void onInfoFinished();
    void onCandidateOpened();
    void onCandidateFailed(TransportError error, const QString &reason);
    void finish(TransportError error, const QString &reason);
    void releaseCandidate();

    QPointer<TransportSelector> m_selector;
    TransportMode m_mode;
    State m_state = State::Idle;
    QUrl m_url;
    TransportOptions m_options;
    std::optional<TransportPlan> m_plan;
    std::unique_ptr<SockJsInfoProbe> m_probe;
    std::unique_ptr<Transport> m_current;
};
