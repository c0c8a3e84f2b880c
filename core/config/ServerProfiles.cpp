#include "config/ServerProfiles.h"

#include "base/Logging.h"
#include "config/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace {

const QString kDefaultName = QStringLiteral("default"); // the first server, on the command line
// Store names the tray app already uses ("todos-demo.sqlite" for --demo): no server may take them.
const QStringList kReservedIds {kDefaultName, QStringLiteral("demo")};

} // namespace

ServerProfiles::ServerProfiles(Settings *main, QObject *parent)
    : QObject(parent)
    , m_main(main)
{
    Q_ASSERT(m_main);
}

ServerProfiles::~ServerProfiles() = default;

QStringList ServerProfiles::ids() const
{
    QStringList ids {QString()};
    ids.append(m_main->get<QStringList>(Settings::Key::ExtraServers));
    return ids;
}

bool ServerProfiles::contains(const QString &id) const
{
    return id.isEmpty() || m_main->get<QStringList>(Settings::Key::ExtraServers).contains(id);
}

Settings *ServerProfiles::settings(const QString &id)
{
    return profile(id);
}

Settings *ServerProfiles::profile(const QString &id) const
{
    if (id.isEmpty())
        return m_main;
    if (!contains(id))
        return nullptr;
    auto found = m_profiles.find(id);
    if (found == m_profiles.end())
        found = m_profiles.emplace(id, m_main->openWithSamePresets(profilePath(id))).first;
    return found->second.get();
}

QString ServerProfiles::profilePath(const QString &id) const
{
    const QString dir = m_main->isIniFile() ? QFileInfo(m_main->fileName()).absolutePath()
                                            : QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return dir + QStringLiteral("/servers/") + id + QStringLiteral(".ini");
}

QString ServerProfiles::displayName(const QString &id) const
{
    const Settings *settings = profile(id);
    if (!settings)
        return {};
    const QString name = settings->get<QString>(Settings::Key::ServerName).trimmed();
    if (!name.isEmpty())
        return name;
    const QList<QUrl> urls = settings->urls(Settings::Key::ServerUrls);
    if (!urls.isEmpty() && !urls.constFirst().host().isEmpty())
        return urls.constFirst().host();
    return tr("Server %1").arg(ids().indexOf(id) + 1);
}

QString ServerProfiles::storeFileName(const QString &id)
{
    return id.isEmpty() ? QStringLiteral("todos.sqlite") : QStringLiteral("todos-%1.sqlite").arg(id);
}

QString ServerProfiles::add(const QString &name, QString *error)
{
    const QString trimmed = name.trimmed();
    QString message = Settings::validateServerName(trimmed);
    if (message.isEmpty() && trimmed.isEmpty())
        message = tr("Give the new server a name.");
    if (message.isEmpty() && isNameTaken(trimmed, std::nullopt))
        message = tr("Another server is already called \"%1\".").arg(trimmed);
    if (m_main->isLocked(Settings::Key::ExtraServers))
        message = tr("The administrator has locked the list of servers.");
    if (!message.isEmpty()) {
        if (error)
            *error = message;
        return {};
    }
    const QString id = uniqueIdFor(trimmed);
    const QString path = profilePath(id);
    QFile::remove(path); // a file left behind by hand must not lend the new server its settings
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(QFileInfo(path).absolutePath());
        return {};
    }
    QStringList extra = m_main->get<QStringList>(Settings::Key::ExtraServers);
    extra.append(id);
    m_main->setValue(Settings::Key::ExtraServers, extra);
    m_main->sync();
    Settings *settings = profile(id);
    settings->setValue(Settings::Key::ServerName, trimmed);
    settings->sync();
    qCInfo(lcSettings) << "added server" << id << "at" << path;
    Q_EMIT serversChanged();
    return id;
}

bool ServerProfiles::rename(const QString &id, const QString &name, QString *error)
{
    const QString trimmed = name.trimmed();
    Settings *settings = profile(id);
    QString message;
    if (!settings)
        message = tr("There is no server \"%1\".").arg(id);
    else if (settings->isLocked(Settings::Key::ServerName))
        message = tr("The administrator has locked the server's name.");
    if (message.isEmpty())
        message = Settings::validateServerName(trimmed);
    if (message.isEmpty() && !trimmed.isEmpty() && isNameTaken(trimmed, id))
        message = tr("Another server is already called \"%1\".").arg(trimmed);
    if (!message.isEmpty()) {
        if (error)
            *error = message;
        return false;
    }
    if (trimmed.isEmpty())
        settings->reset(Settings::Key::ServerName);
    else
        settings->setValue(Settings::Key::ServerName, trimmed);
    settings->sync();
    Q_EMIT serversChanged();
    return true;
}

bool ServerProfiles::remove(const QString &id, QString *error)
{
    QString message;
    if (id.isEmpty())
        message = tr("The first server cannot be removed; change its connection instead.");
    else if (!contains(id))
        message = tr("There is no server \"%1\".").arg(id);
    else if (m_main->isLocked(Settings::Key::ExtraServers))
        message = tr("The administrator has locked the list of servers.");
    if (!message.isEmpty()) {
        if (error)
            *error = message;
        return false;
    }
    QStringList extra = m_main->get<QStringList>(Settings::Key::ExtraServers);
    extra.removeAll(id);
    m_main->setValue(Settings::Key::ExtraServers, extra);
    m_main->sync();
    if (const auto found = m_profiles.find(id); found != m_profiles.end()) {
        // Written out before its file goes; the object itself lives on until the event loop runs again, so that a
        // holder of the pointer can let go of it on serversChanged().
        Settings *gone = found->second.release();
        m_profiles.erase(found);
        gone->sync();
        gone->deleteLater();
    }
    const QString path = profilePath(id);
    if (QFile::exists(path) && !QFile::remove(path))
        qCWarning(lcSettings) << "cannot delete" << path;
    qCInfo(lcSettings) << "removed server" << id;
    Q_EMIT serversChanged();
    return true;
}

std::optional<QString> ServerProfiles::findId(const QString &nameOrId) const
{
    const QString wanted = nameOrId.trimmed();
    if (wanted.isEmpty() || wanted.compare(kDefaultName, Qt::CaseInsensitive) == 0)
        return QString();
    const QStringList all = ids();
    if (!wanted.isEmpty() && all.contains(wanted))
        return wanted;
    for (const QString &id : all) {
        if (displayName(id).compare(wanted, Qt::CaseInsensitive) == 0)
            return id;
    }
    return std::nullopt;
}

QString ServerProfiles::validateId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    if (id.isEmpty() || id.size() > kMaxIdLength || !pattern.match(id).hasMatch())
        return tr("A server id has 1 to %1 lower-case letters, digits and '-', and does not start with '-': \"%2\".")
            .arg(kMaxIdLength)
            .arg(id);
    if (kReservedIds.contains(id))
        return tr("\"%1\" is reserved and cannot name a server.").arg(id);
    return {};
}

QString ServerProfiles::uniqueIdFor(const QString &name) const
{
    // "Production (EU)" -> "production-eu": letters and digits kept (ASCII only), every other run becomes one '-'.
    QString base;
    for (const QChar c : name.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            base.append(c);
        else if (!base.isEmpty() && !base.endsWith(QLatin1Char('-')))
            base.append(QLatin1Char('-'));
    }
    constexpr int kLength = kMaxIdLength - 4; // room for "-NNN"
    if (base.size() > kLength) {
        // Cut at a word's end when there is one.
        const bool cutsAWord = base.at(kLength) != QLatin1Char('-');
        base.truncate(kLength);
        if (cutsAWord && base.lastIndexOf(QLatin1Char('-')) > 0)
            base.truncate(base.lastIndexOf(QLatin1Char('-')));
    }
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    const QStringList taken = ids();
    // An id is free when no server has it and no store of an earlier server with it is left (a new server must not
    // show an old one's todos).
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto isFree = [&](const QString &id) {
        return validateId(id).isEmpty() && !taken.contains(id)
            && !QFile::exists(QDir(dataDir).filePath(storeFileName(id)));
    };
    if (!base.isEmpty() && isFree(base))
        return base;
    const QString stem = base.isEmpty() ? QStringLiteral("server") : base;
    for (int n = 2;; ++n) {
        const QString id = stem + QLatin1Char('-') + QString::number(n);
        if (isFree(id))
            return id;
    }
}

bool ServerProfiles::isNameTaken(const QString &name, const std::optional<QString> &exceptId) const
{
    for (const QString &id : ids()) {
        if (id != exceptId && displayName(id).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
