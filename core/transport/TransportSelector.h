#pragma once

#include "transport/TransportPlan.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QNetworkAccessManager;

// Chooses the transport for each server URL and remembers, per URL, what worked, so that the next connection
// (a reconnect) goes straight there. The memory lives as long as the selector (the application session);
// keeping it across restarts is for the settings layer to add. The selector also holds the network access
// manager, and so the cookie jar, that SockJS transports share: cookies a server sets (sticky sessions) are
// sent back on every reconnect of the session.
//
//   TransportSelector selector;
//   selector.setMode(QUrl("http://host/app/ws"), TransportMode::SockJs); // optional; the default is auto
//   client.setTransportFactory(selector.factory());
class TransportSelector final : public QObject
{
    Q_OBJECT
public:
    explicit TransportSelector(QObject *parent = nullptr);
    ~TransportSelector() override;
    Q_DISABLE_COPY_MOVE(TransportSelector)

    void setDefaultMode(TransportMode mode) { m_defaultMode = mode; }
    TransportMode defaultMode() const { return m_defaultMode; }
    // A mode for one URL, overriding the default.
    void setMode(const QUrl &url, TransportMode mode);
    TransportMode mode(const QUrl &url) const;

    std::optional<TransportChoice> remembered(const QUrl &url) const;
    void remember(const QUrl &url, const TransportChoice &choice);
    void forget(const QUrl &url);

    QNetworkAccessManager *networkAccessManager() const { return m_network.get(); }

    // A transport for `url` that follows the URL's mode (auto: AutoTransport explores and then remembers); a TCP one
    // for stomp:// and stomp+ssl://.
    std::unique_ptr<Transport> create(const QUrl &url);
    // create() as a StompClient::TransportFactory. The selector must outlive the client's transports.
    std::function<std::unique_ptr<Transport>(const QUrl &)> factory();

Q_SIGNALS:
    // A transport opened for `url` the way `choice` says (emitted on every successful open).
    void transportChosen(const QUrl &url, const TransportChoice &choice);

private:
    friend class AutoTransport;
    static QString keyFor(const QUrl &url);

    TransportMode m_defaultMode = TransportMode::Auto;
    QHash<QString, TransportMode> m_modes;
    QHash<QString, TransportChoice> m_remembered;
    std::unique_ptr<QNetworkAccessManager> m_network;
};
