#include "transport/AutoTransport.h"

#include "base/Logging.h"
#include "transport/SockJsHttpTransport.h"
#include "transport/SockJsInfoProbe.h"
#include "transport/SockJsTransport.h"
#include "transport/TransportSelector.h"
#include "transport/WebSocketTransport.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace {

const char *actionName(TransportPlan::Action action)
{
    switch (action) {
    case TransportPlan::Action::OpenSockJs:
        return "SockJS over WebSocket";
    case TransportPlan::Action::OpenXhrStreaming:
        return "SockJS xhr-streaming";
    case TransportPlan::Action::OpenXhrPolling:
        return "SockJS xhr-polling";
    case TransportPlan::Action::OpenWebSocket:
    case TransportPlan::Action::FetchInfo:
    case TransportPlan::Action::Fail:
        break;
    }
    return "WebSocket";
}

} // namespace

AutoTransport::AutoTransport(TransportSelector *selector, TransportMode mode, QObject *parent)
    : Transport(parent)
    , m_selector(selector)
    , m_mode(mode)
{ }

AutoTransport::~AutoTransport()
{
    releaseCandidate();
}

void AutoTransport::open(const QUrl &url, const TransportOptions &options)
{
    releaseCandidate();
    m_url = url;
    m_options = options;
    m_state = State::Selecting;
    m_plan.emplace(url, m_mode, m_selector ? m_selector->remembered(url) : std::nullopt);
    // Never report synchronously, even when the plan fails at once (a malformed URL).
    QTimer::singleShot(0, this, [this] {
        if (m_state == State::Selecting && m_plan && !m_current && !m_probe)
            run(m_plan->start());
    });
}

void AutoTransport::run(TransportPlan::Step step)
{
    releaseCandidate();
    if (m_plan->rememberedRefused() && m_selector)
        m_selector->forget(m_url);
    QNetworkAccessManager *network = m_selector ? m_selector->networkAccessManager() : nullptr;
    switch (step.action) {
    case TransportPlan::Action::Fail:
        finish(m_plan->failureError(), m_plan->failureReason());
        return;
    case TransportPlan::Action::FetchInfo:
        m_probe = std::make_unique<SockJsInfoProbe>(network);
        connect(m_probe.get(), &SockJsInfoProbe::finished, this, &AutoTransport::onInfoFinished);
        m_probe->start(step.url, m_options, SockJsTransport::kInfoTimeoutMs);
        return;
    case TransportPlan::Action::OpenWebSocket:
        m_current = std::make_unique<WebSocketTransport>();
        break;
    case TransportPlan::Action::OpenSockJs: {
        auto sockJs = std::make_unique<SockJsTransport>();
        sockJs->setNetworkAccessManager(network);
        if (m_plan->info())
            sockJs->setKnownInfo(*m_plan->info());
        m_current = std::move(sockJs);
        break;
    }
    case TransportPlan::Action::OpenXhrStreaming:
    case TransportPlan::Action::OpenXhrPolling: {
        auto http = std::make_unique<SockJsHttpTransport>(step.action == TransportPlan::Action::OpenXhrPolling
                                                              ? SockJsFlavour::XhrPolling
                                                              : SockJsFlavour::XhrStreaming);
        http->setNetworkAccessManager(network);
        if (m_plan->info())
            http->setKnownInfo(*m_plan->info());
        m_current = std::move(http);
        break;
    }
    }
    Transport *candidate = m_current.get();
    connect(candidate, &Transport::opened, this, &AutoTransport::onCandidateOpened);
    connect(candidate, &Transport::failed, this, &AutoTransport::onCandidateFailed);
    connect(candidate, &Transport::dataReceived, this, &Transport::dataReceived);
    connect(candidate, &Transport::activity, this, &Transport::activity);
    connect(candidate, &Transport::closed, this, &AutoTransport::finish);
    qCDebug(lcTransport) << "trying" << step.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) << "as"
                         << actionName(step.action);
    TransportOptions options = m_options;
    if (step.action == TransportPlan::Action::OpenWebSocket)
        options.handshakeHeaders =
            SockJsInfoProbe::withCookies(options.handshakeHeaders, network ? network->cookieJar() : nullptr, step.url);
    candidate->open(step.url, options);
}

void AutoTransport::onInfoFinished()
{
    if (m_state != State::Selecting || !m_probe || !m_plan)
        return;
    const SockJsInfoProbe *probe = m_probe.get();
    if (probe->succeeded())
        run(m_plan->infoFetched(probe->info()));
    else
        run(m_plan->infoFailed(probe->error(), probe->errorString(), probe->httpStatus()));
}

void AutoTransport::onCandidateOpened()
{
    if (m_state != State::Selecting || !m_plan)
        return;
    m_state = State::Open;
    const TransportChoice choice = m_plan->choice();
    qCInfo(lcTransport).noquote() << "transport for" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                                  << ":"
                                  << (choice.kind == TransportMode::SockJs
                                          ? QStringLiteral("sockjs ") + sockJsFlavourName(choice.flavour)
                                          : transportModeName(choice.kind))
                                  << choice.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                                  << QStringLiteral("(%1)").arg(m_plan->explanation());
    if (m_selector && m_mode == TransportMode::Auto) {
        m_selector->remember(m_url, choice);
        Q_EMIT m_selector->transportChosen(m_url, choice);
    }
    Q_EMIT opened();
}

void AutoTransport::onCandidateFailed(TransportError error, const QString &reason)
{
    if (m_state != State::Selecting || !m_plan)
        return;
    qCDebug(lcTransport).noquote() << "candidate failed:" << transportErrorName(error) << reason;
    run(m_plan->openFailed(error, reason));
}

void AutoTransport::close()
{
    if (m_state == State::Idle || m_state == State::Closed)
        return;
    if (m_current) {
        m_current->disconnect(this);
        m_current->close();
    }
    finish(m_state == State::Open ? TransportError::None : TransportError::Closed, tr("closed by the client"));
}

bool AutoTransport::sendData(const QByteArray &data)
{
    return m_state == State::Open && m_current && m_current->sendData(data);
}

bool AutoTransport::ping()
{
    return m_state == State::Open && m_current && m_current->ping();
}

QString AutoTransport::description() const
{
    if (!m_current || !m_plan)
        return QStringLiteral("%1 %2").arg(transportModeName(m_mode),
                                           m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    return m_current->description() + QStringLiteral(" (") + m_plan->explanation() + QLatin1Char(')');
}

QString AutoTransport::subprotocol() const
{
    return m_current ? m_current->subprotocol() : QString();
}

void AutoTransport::finish(TransportError error, const QString &reason)
{
    const State previous = m_state;
    if (previous != State::Selecting && previous != State::Open)
        return;
    m_state = State::Closed;
    releaseCandidate();
    if (previous == State::Open)
        Q_EMIT closed(error, reason);
    else
        Q_EMIT failed(error == TransportError::None ? TransportError::Closed : error, reason);
}

void AutoTransport::releaseCandidate()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe.release()->deleteLater(); // we may be inside its finished()
    }
    if (m_current) {
        m_current->disconnect(this);
        m_current->close();
        m_current.release()->deleteLater(); // we may be inside one of its signals
    }
}
