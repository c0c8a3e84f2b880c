// Windows' and macOS' SystemNetwork: QNetworkInformation, whose one native backend there (Network List Manager,
// SCNetworkReachability) is all it loads. Not built on Linux (see SystemNetwork.h), so not compiled by this
// project's CI.
#include "source/SystemNetwork.h"

namespace {

class QtSystemNetwork final : public SystemNetwork
{
public:
    explicit QtSystemNetwork(QNetworkInformation *information)
        : m_information(information)
    {
        connect(information, &QNetworkInformation::reachabilityChanged, this, &SystemNetwork::reachabilityChanged);
        connect(information, &QNetworkInformation::transportMediumChanged, this, &SystemNetwork::routeChanged);
    }
    Q_DISABLE_COPY_MOVE(QtSystemNetwork)

    QString backendName() const override { return m_information->backendName(); }
    Reachability reachability() const override { return m_information->reachability(); }

private:
    QNetworkInformation *m_information;
};

} // namespace

std::unique_ptr<SystemNetwork> SystemNetwork::create()
{
    if (!QNetworkInformation::loadDefaultBackend() || !QNetworkInformation::instance())
        return nullptr;
    return std::make_unique<QtSystemNetwork>(QNetworkInformation::instance());
}
