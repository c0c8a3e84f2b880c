#include "transport/TransportSelector.h"

#include "transport/AutoTransport.h"
#include "transport/TcpTransport.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>

TransportSelector::TransportSelector(QObject *parent)
    : QObject(parent)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    // An in-memory jar: cookies last as long as the application session, which is what pinning a SockJS
    // session needs. (QNetworkAccessManager makes one on demand; asking makes it exist before any request.)
    m_network->cookieJar();
}

TransportSelector::~TransportSelector() = default;

QString TransportSelector::keyFor(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment | QUrl::StripTrailingSlash).toString();
}

void TransportSelector::setMode(const QUrl &url, TransportMode mode)
{
    m_modes.insert(keyFor(url), mode);
}

TransportMode TransportSelector::mode(const QUrl &url) const
{
    return m_modes.value(keyFor(url), m_defaultMode);
}

std::optional<TransportChoice> TransportSelector::remembered(const QUrl &url) const
{
    const auto it = m_remembered.constFind(keyFor(url));
    if (it == m_remembered.constEnd())
        return std::nullopt;
    return *it;
}

void TransportSelector::remember(const QUrl &url, const TransportChoice &choice)
{
    m_remembered.insert(keyFor(url), choice);
}

void TransportSelector::forget(const QUrl &url)
{
    m_remembered.remove(keyFor(url));
}

std::unique_ptr<Transport> TransportSelector::create(const QUrl &url)
{
    // A broker's STOMP port has one way to be spoken to; the modes are about WebSocket and SockJS.
    if (TcpTransport::handles(url))
        return std::make_unique<TcpTransport>();
    return std::make_unique<AutoTransport>(this, mode(url));
}

std::function<std::unique_ptr<Transport>(const QUrl &)> TransportSelector::factory()
{
    QPointer<TransportSelector> self(this);
    return [self](const QUrl &url) -> std::unique_ptr<Transport> {
        if (!self)
            return {};
        return self->create(url);
    };
}
