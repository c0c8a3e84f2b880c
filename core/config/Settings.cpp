#include "config/Settings.h"

#include "base/Logging.h"
#include "config/NotificationRules.h"
#include "config/QuietHours.h"
#include "config/ServerProfiles.h"
#include "transport/TransportPlan.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QTimeZone>

namespace {

const QString kLockedKey = QStringLiteral("admin/locked");
const QString kOrganization = QStringLiteral("TodoNotifier");
const QString kApplication = QStringLiteral("todo-notifier");

QString targetName(HeaderSetting::Target target)
{
    return target == HeaderSetting::Target::Handshake ? QStringLiteral("handshake") : QStringLiteral("connect");
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

QStringList nonEmpty(const QStringList &list)
{
    QStringList out;
    for (const QString &entry : list) {
        const QString trimmed = entry.trimmed();
        if (!trimmed.isEmpty())
            out.append(trimmed);
    }
    return out;
}

// The administrator's presets: QSettings' system scope (HKLM on Windows, /Library/Preferences on macOS). On other
// Unix systems Qt reads that scope from the first directory of $XDG_CONFIG_DIRS only, and desktops such as Ubuntu's
// put one of their own first (XDG_CONFIG_DIRS=/etc/xdg/xdg-ubuntu:/etc/xdg), which would hide
// /etc/xdg/TodoNotifier/todo-notifier.conf: there the first of those directories that holds the file wins. Unset,
// the list is Qt's settings path (/etc/xdg), as the XDG Base Directory specification has it.
std::unique_ptr<QSettings> systemPresets()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    QStringList dirs = qEnvironmentVariable("XDG_CONFIG_DIRS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    if (dirs.isEmpty())
        dirs.append(QLibraryInfo::path(QLibraryInfo::SettingsPath));
    for (const QString &dir : std::as_const(dirs)) {
        const QString path =
            dir + QLatin1Char('/') + kOrganization + QLatin1Char('/') + kApplication + QLatin1String(".conf");
        if (QFileInfo::exists(path))
            return std::make_unique<QSettings>(path, QSettings::IniFormat); // NativeFormat is INI here
    }
#endif
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::SystemScope, kOrganization, kApplication);
}

// The table's validators: one value of the key's type in, an empty string or why not out.
QString validServerUrls(const QVariant &value)
{
    const QStringList urls = value.toStringList();
    return urls.isEmpty() ? QString() : Settings::validateServerUrls(urls); // none: not configured yet
}

QString validTransport(const QVariant &value)
{
    TransportMode mode = TransportMode::Auto;
    if (parseTransportMode(value.toString(), &mode))
        return {};
    return Settings::tr("Unknown transport \"%1\"; use auto, websocket or sockjs.").arg(value.toString());
}

QString validDestinations(const QVariant &value)
{
    for (const QString &destination : value.toStringList()) {
        const QString error = Settings::validateDestination(destination);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString validHeadersJson(const QVariant &value)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return Settings::tr("The headers are not a JSON array.");
    return {};
}

QString validHeartbeat(const QVariant &value)
{
    return Settings::validateHeartbeat(value.toInt());
}

QString validReconnectDelay(const QVariant &value)
{
    // Each delay on its own; validateReconnect() also checks them against each other (the dialog does).
    const int ms = value.toInt();
    if (ms < 100 || ms > 3600000)
        return Settings::tr("A retry delay must be between 100 and 3600000 ms.");
    return {};
}

QString validAttempts(const QVariant &value)
{
    return Settings::validateReconnect(100, 100, value.toInt());
}

QString validWebUrl(const QVariant &value)
{
    return Settings::validateWebUrl(value.toString());
}

QString validAllowlist(const QVariant &value)
{
    for (const QString &origin : value.toStringList()) {
        const QString error = Settings::validateAllowlistEntry(origin);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString validFieldPath(const QVariant &value)
{
    return Settings::validateFieldPath(value.toString());
}

QString validTimeZone(const QVariant &value)
{
    return Settings::validateTimeZone(value.toString());
}

QString validRetentionCount(const QVariant &value)
{
    return Settings::validateRetention(value.toInt(), 1);
}

QString validRetentionDays(const QVariant &value)
{
    return Settings::validateRetention(1, value.toInt());
}

QString validProtocol(const QVariant &value)
{
    return Settings::validateProtocol(value.toString());
}

QString validKeepAliveInterval(const QVariant &value)
{
    return Settings::validateKeepAliveInterval(value.toInt());
}

QString validPrefetchCount(const QVariant &value)
{
    return Settings::validatePrefetchCount(value.toInt());
}

QString validOfflineNotice(const QVariant &value)
{
    return Settings::validateOfflineNotice(value.toInt());
}

QString validQuietTime(const QVariant &value)
{
    return Settings::validateQuietTime(value.toString());
}

QString validQuietDays(const QVariant &value)
{
    return Settings::validateQuietDays(value.toStringList());
}

QString validNotificationRules(const QVariant &value)
{
    return NotificationRules::validateJson(value.toString());
}

QString validRulesBelowUrgency(const QVariant &value)
{
    return NotificationRules::validateBelowUrgency(value.toInt());
}

QString validRulesBelowAction(const QVariant &value)
{
    return NotificationRules::validateAction(value.toString());
}

QString validRealert(const QVariant &value)
{
    return Settings::validateRealert(value.toInt());
}

QString validEvents(const QVariant &value)
{
    for (const QString &name : value.toStringList()) {
        const QString error = Settings::validateEventName(name);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString validNamespace(const QVariant &value)
{
    return Settings::validateNamespace(value.toString());
}

QString validServerName(const QVariant &value)
{
    return Settings::validateServerName(value.toString());
}

QString validExtraServers(const QVariant &value)
{
    const QStringList ids = value.toStringList();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString error = ServerProfiles::validateId(ids.at(i));
        if (!error.isEmpty())
            return error;
        if (ids.indexOf(ids.at(i)) != i)
            return Settings::tr("The server \"%1\" is listed twice.").arg(ids.at(i));
    }
    return {};
}

} // namespace

QString HeaderSetting::secretItem() const
{
    return QStringLiteral("header/%1/%2").arg(targetName(target), name);
}

QList<HeaderSetting> HeaderSetting::fromJson(const QString &json)
{
    QList<HeaderSetting> headers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &entry : array) {
        const QJsonObject object = entry.toObject();
        HeaderSetting header;
        header.name = object.value(QLatin1String("name")).toString();
        if (header.name.isEmpty())
            continue;
        header.secret = object.value(QLatin1String("secret")).toBool();
        if (!header.secret)
            header.value = object.value(QLatin1String("value")).toString();
        header.target = object.value(QLatin1String("target")).toString() == QLatin1String("handshake")
            ? HeaderSetting::Target::Handshake
            : HeaderSetting::Target::Connect;
        headers.append(header);
    }
    return headers;
}

// The one place a header list becomes text for the file: secret values are dropped here.
QString HeaderSetting::toJson(const QList<HeaderSetting> &headers)
{
    QJsonArray array;
    for (const HeaderSetting &header : headers) {
        QJsonObject object {{QStringLiteral("name"), header.name},
                            {QStringLiteral("target"), targetName(header.target)}};
        if (header.secret)
            object.insert(QStringLiteral("secret"), true);
        else
            object.insert(QStringLiteral("value"), header.value);
        array.append(object);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_user(std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, kOrganization, kApplication))
    , m_preset(systemPresets())
{
    init();
}

Settings::Settings(const QString &path, const QString &presetPath, QObject *parent)
    : QObject(parent)
    , m_user(std::make_unique<QSettings>(path, QSettings::IniFormat))
{
    if (!presetPath.isEmpty())
        m_preset = std::make_unique<QSettings>(presetPath, QSettings::IniFormat);
    init();
}

Settings::~Settings() = default;

std::unique_ptr<Settings> Settings::openWithSamePresets(const QString &path) const
{
    auto settings = std::make_unique<Settings>(path);
    if (m_preset) {
        // The same source as ours, whatever its format (an INI file, the registry, a property list).
        settings->m_preset = std::make_unique<QSettings>(m_preset->fileName(), m_preset->format());
        settings->init();
    }
    return settings;
}

void Settings::init()
{
    // Layers are resolved here, explicitly: QSettings' own fallbacks would hide where a value came from.
    m_user->setFallbacksEnabled(false);
    if (m_preset) {
        m_preset->setFallbacksEnabled(false);
        if (!m_preset->allKeys().isEmpty())
            qCInfo(lcSettings) << "administrator presets from" << m_preset->fileName();
        m_locked = nonEmpty(m_preset->value(kLockedKey).toStringList());
        if (!m_locked.isEmpty())
            qCInfo(lcSettings) << "keys locked by the administrator:" << m_locked.join(QLatin1String(", "));
    }
}

const QList<Settings::Definition> &Settings::definitions()
{
    // The single table of keys, types and defaults. Its order follows enum Key.
    static const QList<Definition> table = {
        {Key::ServerUrls, QStringLiteral("connection/urls"), QMetaType::QStringList, QStringList(), validServerUrls},
        {Key::Protocol, QStringLiteral("connection/protocol"), QMetaType::QString, QStringLiteral("auto"),
         validProtocol},
        {Key::Transport, QStringLiteral("connection/transport"), QMetaType::QString, QStringLiteral("auto"),
         validTransport},
        {Key::Destinations, QStringLiteral("connection/destinations"), QMetaType::QStringList,
         QStringList {QStringLiteral("/user/topic/all")}, validDestinations},
        {Key::Host, QStringLiteral("connection/host"), QMetaType::QString, QString()},
        {Key::Login, QStringLiteral("connection/login"), QMetaType::QString, QString()},
        {Key::Headers, QStringLiteral("connection/headers"), QMetaType::QString, QStringLiteral("[]"),
         validHeadersJson},
        {Key::HeartbeatOutMs, QStringLiteral("connection/heartbeatOutMs"), QMetaType::Int, 10000, validHeartbeat},
        {Key::HeartbeatInMs, QStringLiteral("connection/heartbeatInMs"), QMetaType::Int, 10000, validHeartbeat},
        {Key::ReconnectInitialMs, QStringLiteral("connection/reconnectInitialMs"), QMetaType::Int, 1000,
         validReconnectDelay},
        {Key::ReconnectMaxMs, QStringLiteral("connection/reconnectMaxMs"), QMetaType::Int, 60000, validReconnectDelay},
        {Key::ReconnectMaxAttempts, QStringLiteral("connection/reconnectMaxAttempts"), QMetaType::Int, 0,
         validAttempts},
        {Key::DurableSubscription, QStringLiteral("connection/durableSubscription"), QMetaType::Bool, false},
        {Key::WebBaseUrl, QStringLiteral("links/webBaseUrl"), QMetaType::QString, QString(), validWebUrl},
        {Key::LinkAllowlist, QStringLiteral("links/allowlist"), QMetaType::QStringList, QStringList(), validAllowlist},
        {Key::ServerTimeZone, QStringLiteral("todos/serverTimeZone"), QMetaType::QString, QString(), validTimeZone},
        // Retention as TodoStoreOptions has it by default.
        {Key::RetentionCount, QStringLiteral("todos/retentionCount"), QMetaType::Int, 5000, validRetentionCount},
        {Key::RetentionDays, QStringLiteral("todos/retentionDays"), QMetaType::Int, 90, validRetentionDays},
        {Key::PendingListUrl, QStringLiteral("links/pendingListUrl"), QMetaType::QString, QString(), validWebUrl},
        {Key::RemovedIdsField, QStringLiteral("todos/removedIdsField"), QMetaType::QString, QString(), validFieldPath},
        {Key::RefetchOnCountDrop, QStringLiteral("todos/refetchOnCountDrop"), QMetaType::Bool, true},
        {Key::Autostart, QStringLiteral("app/autostart"), QMetaType::Bool, false},
        {Key::NotificationPopups, QStringLiteral("notifications/popups"), QMetaType::Bool, true},
        {Key::NotificationSound, QStringLiteral("notifications/sound"), QMetaType::Bool, true},
        {Key::DoNotDisturbUntil, QStringLiteral("notifications/doNotDisturbUntil"), QMetaType::QDateTime, QDateTime()},
        {Key::UrgentBypassesDoNotDisturb, QStringLiteral("notifications/urgentBypassesDoNotDisturb"), QMetaType::Bool,
         true},
        {Key::Language, QStringLiteral("app/language"), QMetaType::QString, QStringLiteral("system")},
        // The window's place on this screen is the person's own, never an administrator's.
        {Key::ListWindowGeometry, QStringLiteral("window/listGeometry"), QMetaType::QByteArray, QByteArray(), nullptr,
         false},
        {Key::OpenMessage, QStringLiteral("connection/openMessage"), QMetaType::QString, QString()},
        {Key::KeepAliveMessage, QStringLiteral("connection/keepAliveMessage"), QMetaType::QString, QString()},
        {Key::KeepAliveIntervalMs, QStringLiteral("connection/keepAliveIntervalMs"), QMetaType::Int, 0,
         validKeepAliveInterval},
        {Key::Events, QStringLiteral("connection/events"), QMetaType::QStringList, QStringList(), validEvents},
        {Key::Namespace, QStringLiteral("connection/namespace"), QMetaType::QString, QString(), validNamespace},
        {Key::PrefetchCount, QStringLiteral("connection/prefetchCount"), QMetaType::Int, kDefaultPrefetchCount,
         validPrefetchCount},
        {Key::OfflineNoticeMinutes, QStringLiteral("notifications/offlineNoticeMinutes"), QMetaType::Int, 10,
         validOfflineNotice},
        {Key::QuietHoursEnabled, QStringLiteral("notifications/quietHours"), QMetaType::Bool, false},
        {Key::QuietHoursFrom, QStringLiteral("notifications/quietHoursFrom"), QMetaType::QString,
         QStringLiteral("19:00"), validQuietTime},
        {Key::QuietHoursTo, QStringLiteral("notifications/quietHoursTo"), QMetaType::QString, QStringLiteral("08:00"),
         validQuietTime},
        {Key::QuietHoursDays, QStringLiteral("notifications/quietHoursDays"), QMetaType::QStringList,
         QStringList {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
                      QStringLiteral("fri")},
         validQuietDays},
        {Key::QuietHoursWholeDays, QStringLiteral("notifications/quietHoursWholeDays"), QMetaType::QStringList,
         QStringList {QStringLiteral("sat"), QStringLiteral("sun")}, validQuietDays},
        {Key::NotificationRules, QStringLiteral("notifications/rules"), QMetaType::QString, QStringLiteral("[]"),
         validNotificationRules},
        {Key::RulesBelowUrgency, QStringLiteral("notifications/rulesBelowUrgency"), QMetaType::Int, 0,
         validRulesBelowUrgency},
        {Key::RulesBelowAction, QStringLiteral("notifications/rulesBelowAction"), QMetaType::QString,
         QStringLiteral("lower"), validRulesBelowAction},
        {Key::RealertUrgentMinutes, QStringLiteral("notifications/realertUrgentMinutes"), QMetaType::Int, 0,
         validRealert},
        {Key::ServerName, QStringLiteral("connection/name"), QMetaType::QString, QString(), validServerName},
        {Key::ExtraServers, QStringLiteral("servers/profiles"), QMetaType::QStringList, QStringList(),
         validExtraServers},
    };
    return table;
}

const Settings::Definition &Settings::definition(Key key)
{
    const QList<Definition> &table = definitions();
    const auto index = qsizetype(key);
    Q_ASSERT(index >= 0 && index < table.size() && table.at(index).key == key);
    return table.at(index);
}

QString Settings::fileName() const
{
    return m_user->fileName();
}

bool Settings::isIniFile() const
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    return true; // NativeFormat is INI here
#else
    return m_user->format() == QSettings::IniFormat;
#endif
}

QVariant Settings::storedValue(const QSettings &settings, const Definition &definition) const
{
    const QVariant raw = settings.value(definition.name);
    QVariant value;
    switch (definition.type) {
    case QMetaType::QStringList:
        value = nonEmpty(raw.toStringList());
        break;
    case QMetaType::Int: {
        bool ok = false;
        const int number = raw.toInt(&ok);
        if (!ok) {
            qCWarning(lcSettings) << "ignoring" << definition.name << "in" << settings.fileName()
                                  << ": not a number:" << raw.toString();
            return {};
        }
        value = number;
        break;
    }
    case QMetaType::Bool:
        value = raw.toBool();
        break;
    case QMetaType::QDateTime: {
        const QString text = raw.toString();
        value = text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
        break;
    }
    case QMetaType::QByteArray:
        value = raw.toByteArray();
        break;
    default:
        value = raw.toString();
        break;
    }
    // A value edited by hand that the key does not allow counts as absent (the layer behind it applies).
    if (definition.validator) {
        const QString error = definition.validator(value);
        if (!error.isEmpty()) {
            qCWarning(lcSettings).noquote()
                << "ignoring" << definition.name << "in" << settings.fileName() << ":" << error;
            return {};
        }
    }
    return value;
}

QVariant Settings::presetOrDefault(const Definition &definition) const
{
    if (m_preset && m_preset->contains(definition.name)) {
        const QVariant preset = storedValue(*m_preset, definition);
        if (preset.isValid())
            return preset;
    }
    return definition.defaultValue;
}

QVariant Settings::value(Key key) const
{
    const Definition &d = definition(key);
    if (!isLocked(key) && m_user->contains(d.name)) {
        const QVariant stored = storedValue(*m_user, d);
        if (stored.isValid())
            return stored;
    }
    return presetOrDefault(d);
}

bool Settings::setValue(Key key, const QVariant &value)
{
    const Definition &d = definition(key);
    if (isLocked(key)) {
        qCWarning(lcSettings) << "not changing" << d.name << ": locked by the administrator";
        return false;
    }
    QVariant converted = value;
    if (!converted.convert(QMetaType(d.type))) {
        qCWarning(lcSettings) << "not changing" << d.name << ": expected" << QMetaType(d.type).name();
        return false;
    }
    if (d.type == QMetaType::QStringList)
        converted = nonEmpty(converted.toStringList());
    if (d.validator) {
        const QString error = d.validator(converted);
        if (!error.isEmpty()) {
            qCWarning(lcSettings).noquote() << "not changing" << d.name << ":" << error;
            return false;
        }
    }
    QVariant stored = converted;
    if (d.type == QMetaType::QDateTime) {
        const QDateTime dateTime = converted.toDateTime();
        stored = dateTime.isValid() ? dateTime.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    if (key == Key::Headers)
        stored = HeaderSetting::toJson(HeaderSetting::fromJson(converted.toString())); // drops secret values
    const QVariant before = this->value(key);
    m_user->setValue(d.name, stored);
    if (this->value(key) != before)
        Q_EMIT changed(key);
    return true;
}

void Settings::reset(Key key)
{
    if (isLocked(key))
        return;
    const QVariant before = value(key);
    m_user->remove(keyName(key));
    if (value(key) != before)
        Q_EMIT changed(key);
}

bool Settings::isSetByUser(Key key) const
{
    return m_user->contains(keyName(key));
}

bool Settings::hasPreset(Key key) const
{
    return m_preset && m_preset->contains(keyName(key));
}

bool Settings::isLocked(Key key) const
{
    const Definition &d = definition(key);
    return d.lockable && m_locked.contains(d.name);
}

void Settings::sync()
{
    m_user->sync();
    if (m_user->status() != QSettings::NoError)
        qCWarning(lcSettings) << "cannot write" << m_user->fileName() << ": status" << m_user->status();
}

QList<QUrl> Settings::urls(Key key) const
{
    return SettingsView(*this).urls(key);
}

QUrl Settings::url(Key key) const
{
    return QUrl(value(key).toString());
}

bool Settings::setUrls(Key key, const QList<QUrl> &urls)
{
    QStringList texts;
    for (const QUrl &url : urls)
        texts.append(url.toString());
    return setValue(key, texts);
}

bool Settings::setUrl(Key key, const QUrl &url)
{
    return setValue(key, url.toString());
}

QList<HeaderSetting> Settings::headers() const
{
    return HeaderSetting::fromJson(value(Key::Headers).toString());
}

bool Settings::setHeaders(const QList<HeaderSetting> &headers)
{
    return setValue(Key::Headers, HeaderSetting::toJson(headers));
}

bool Settings::isDoNotDisturbActive(const QDateTime &now) const
{
    const QDateTime until = get<QDateTime>(Key::DoNotDisturbUntil);
    return until.isValid() && now < until;
}

QString Settings::credentialAccount() const
{
    const QList<QUrl> list = urls(Key::ServerUrls);
    return credentialAccount(list.isEmpty() ? QUrl() : list.constFirst(), get<QString>(Key::Login));
}

QString Settings::credentialAccount(const QUrl &url, const QString &login)
{
    return login + QLatin1Char('@')
        + url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
              .toString();
}

QStringList Settings::secretItems() const
{
    QStringList items {passcodeItem()};
    for (const HeaderSetting &header : headers()) {
        if (header.secret)
            items.append(header.secretItem());
    }
    return items;
}

QString Settings::validateUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter a server URL, e.g. wss://push.example.com/ws.");
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return tr("This is not a valid URL.");
    const QString scheme = url.scheme().toLower();
    static const QStringList schemes {QStringLiteral("ws"),     QStringLiteral("wss"),      QStringLiteral("http"),
                                      QStringLiteral("https"),  QStringLiteral("stomp"),    QStringLiteral("stomp+ssl"),
                                      QStringLiteral("stomps"), QStringLiteral("stomp+tls")};
    if (!schemes.contains(scheme))
        return tr(
            "Use a ws://, wss://, http:// or https:// URL, or stomp:// or stomp+ssl:// for a broker's STOMP port.");
    if (url.host().isEmpty())
        return tr("The URL has no host name.");
    return {};
}

QString Settings::validateServerUrls(const QStringList &urls)
{
    const QStringList list = nonEmpty(urls);
    if (list.isEmpty())
        return tr("Enter at least one server URL.");
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString error = validateUrl(list.at(i));
        if (!error.isEmpty())
            return tr("%1: %2").arg(list.at(i), error);
        if (list.indexOf(list.at(i)) != i)
            return tr("%1 is listed twice.").arg(list.at(i));
    }
    return {};
}

QString Settings::validateDestination(const QString &destination)
{
    if (destination.trimmed().isEmpty())
        return tr("Enter a destination, e.g. /user/topic/all.");
    if (hasControlCharacter(destination))
        return tr("A destination cannot contain line breaks or control characters.");
    return {};
}

QString Settings::validateHeaderName(const QString &name, HeaderSetting::Target target)
{
    if (name.trimmed().isEmpty())
        return tr("Enter a header name.");
    const QString lower = name.toLower();
    if (target == HeaderSetting::Target::Connect) {
        if (name.contains(QLatin1Char(':')) || hasControlCharacter(name))
            return tr("A header name cannot contain \":\", line breaks or control characters.");
        static const QStringList reserved {QStringLiteral("accept-version"), QStringLiteral("host"),
                                           QStringLiteral("login"), QStringLiteral("passcode"),
                                           QStringLiteral("heart-beat")};
        if (reserved.contains(lower))
            return tr("\"%1\" has its own field; set it there.").arg(name);
        return {};
    }
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    if (!token.match(name).hasMatch())
        return tr("A handshake header name may contain only letters, digits and !#$%&'*+-.^_`|~.");
    static const QStringList reserved {QStringLiteral("host"),
                                       QStringLiteral("upgrade"),
                                       QStringLiteral("connection"),
                                       QStringLiteral("content-length"),
                                       QStringLiteral("sec-websocket-key"),
                                       QStringLiteral("sec-websocket-version"),
                                       QStringLiteral("sec-websocket-protocol"),
                                       QStringLiteral("sec-websocket-extensions")};
    if (reserved.contains(lower))
        return tr("\"%1\" is set by the WebSocket handshake itself.").arg(name);
    return {};
}

QString Settings::validateHeaderValue(const QString &value)
{
    if (hasControlCharacter(value))
        return tr("A header value cannot contain line breaks or control characters.");
    return {};
}

QString Settings::validateHeartbeat(int ms)
{
    if (ms != 0 && ms < 1000)
        return tr("Use 0 (no heart-beat) or at least 1000 ms.");
    if (ms > 3600000)
        return tr("Use at most 3600000 ms (one hour).");
    return {};
}

QString Settings::validateReconnect(int initialMs, int maxMs, int maxAttempts)
{
    if (initialMs < 100)
        return tr("The first retry delay must be at least 100 ms.");
    if (maxMs < initialMs)
        return tr("The maximum delay cannot be shorter than the first delay.");
    if (maxMs > 3600000)
        return tr("The maximum delay can be at most 3600000 ms (one hour).");
    if (maxAttempts < 0)
        return tr("The attempt limit must be 0 (no limit) or more.");
    return {};
}

QString Settings::validateWebUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("Use an http:// or https:// URL.");
    if (url.host().isEmpty())
        return tr("The URL has no host name.");
    return {};
}

QString Settings::validateAllowlistEntry(const QString &origin)
{
    const QString trimmed = origin.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty())
        return tr("\"%1\" is not a site; use e.g. https://sso.example.com.").arg(trimmed);
    return {};
}

QString Settings::validateTimeZone(const QString &ianaId)
{
    if (ianaId.isEmpty() || QTimeZone::isTimeZoneIdAvailable(ianaId.toUtf8()))
        return {};
    return tr("Unknown time zone \"%1\"; use an IANA name such as Asia/Shanghai.").arg(ianaId);
}

QString Settings::validateRetention(int count, int days)
{
    if (count < 1 || count > 100000)
        return tr("Keep between 1 and 100000 todos.");
    if (days < 1 || days > 3650)
        return tr("Keep todos between 1 and 3650 days.");
    return {};
}

SettingsView::SettingsView(Lookup lookup)
    : m_lookup(std::move(lookup))
{ }

SettingsView::SettingsView(const Settings &settings)
    : m_lookup([&settings](Settings::Key key) { return settings.value(key); })
{ }

QList<QUrl> SettingsView::urls(Settings::Key key) const
{
    QList<QUrl> urls;
    for (const QString &text : value(key).toStringList())
        urls.append(QUrl(text));
    return urls;
}

QUrl SettingsView::url(Settings::Key key) const
{
    return QUrl(value(key).toString());
}

QList<HeaderSetting> SettingsView::headers() const
{
    return HeaderSetting::fromJson(value(Settings::Key::Headers).toString());
}

QStringList Settings::protocols()
{
    return {QStringLiteral("auto"),    QStringLiteral("stomp"), QStringLiteral("sockjs"),
            QStringLiteral("json-ws"), QStringLiteral("sse"),   QStringLiteral("socketio")};
}

QString Settings::validateProtocol(const QString &protocol)
{
    if (protocols().contains(protocol))
        return {};
    return tr("Unknown protocol \"%1\"; use one of %2.").arg(protocol, protocols().join(QStringLiteral(", ")));
}

QString Settings::validateKeepAliveInterval(int ms)
{
    if (ms != 0 && (ms < 1000 || ms > 3600000))
        return tr("Use 0 (no keep-alive) or between 1000 and 3600000 ms.");
    return {};
}

QString Settings::validatePrefetchCount(int count)
{
    if (count < 0 || count > 65535)
        return tr("Use 0 (the server's default) or between 1 and 65535 messages.");
    return {};
}

QString Settings::validateOfflineNotice(int minutes)
{
    if (minutes < 0 || minutes > 24 * 60)
        return tr("Use 0 (never) or between 1 and 1440 minutes.");
    return {};
}

QString Settings::validateQuietTime(const QString &time)
{
    if (!QTime::fromString(time, QStringLiteral("HH:mm")).isValid())
        return tr("Write the time as hours and minutes, e.g. 19:00.");
    return {};
}

QString Settings::validateQuietDays(const QStringList &days)
{
    for (const QString &day : days) {
        if (!QuietHours::dayNames().contains(day))
            return tr("\"%1\" is not a day; use mon, tue, wed, thu, fri, sat or sun.").arg(day);
    }
    return {};
}

QString Settings::validateRealert(int minutes)
{
    if (minutes < 0 || minutes > 24 * 60)
        return tr("Use 0 (never) or between 1 and 1440 minutes.");
    return {};
}

bool Settings::isQuietHoursActive(const QDateTime &now) const
{
    return QuietHours::fromSettings(*this).isQuiet(now);
}

QString Settings::validateEventName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("Enter an event name, e.g. todo.");
    if (hasControlCharacter(name))
        return tr("An event name cannot contain line breaks or control characters.");
    return {};
}

QString Settings::validateFieldPath(const QString &path)
{
    if (path.isEmpty())
        return {};
    for (const QStringView part : QStringView(path).split(u'.')) {
        if (part.isEmpty() || part.size() > 100 || part.contains(u' '))
            return tr("A field path is field names separated by dots, such as data.removedIds.");
    }
    return {};
}

QString Settings::validateNamespace(const QString &nsp)
{
    // A comma ends the namespace in a Socket.IO packet; whitespace is a typing slip.
    static const QRegularExpression forbidden(QStringLiteral("[,\\s]"));
    if (!nsp.isEmpty() && (!nsp.startsWith(QLatin1Char('/')) || nsp.contains(forbidden)))
        return tr("A Socket.IO namespace starts with / and has no commas or spaces, e.g. /admin.");
    return {};
}

QString Settings::validateServerName(const QString &name)
{
    if (name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\r')) || hasControlCharacter(name))
        return tr("A server's name is one line of text.");
    if (name.size() > kMaxServerNameLength)
        return tr("A server's name has at most %n characters.", nullptr, kMaxServerNameLength);
    return {};
}
