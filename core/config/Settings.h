#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariant>

#include <functional>
#include <memory>

class QSettings;

// An extra header the user configured: sent with CONNECT or with the WebSocket/SockJS handshake request.
// The value of a secret header never reaches the settings file: only its name and the fact that it is
// secret are stored; the value lives in the keychain (CredentialStore) under secretItem().
struct HeaderSetting
{
    enum class Target { Connect, Handshake };

    QString name;
    QString value; // empty for secret headers once read back from the settings
    bool secret = false;
    Target target = Target::Connect;

    // The keychain item that holds the value of a secret header, e.g. "header/connect/Authorization".
    QString secretItem() const;

    // Settings::Key::Headers' JSON text; toJson() drops the values of secret headers.
    static QString toJson(const QList<HeaderSetting> &headers);
    static QList<HeaderSetting> fromJson(const QString &json);

    friend bool operator==(const HeaderSetting &a, const HeaderSetting &b)
    {
        return a.name == b.name && a.value == b.value && a.secret == b.secret && a.target == b.target;
    }
    friend bool operator!=(const HeaderSetting &a, const HeaderSetting &b) { return !(a == b); }
};

// The secrets that complete a configuration: the passcode and the values of secret headers, keyed by
// HeaderSetting::secretItem(). Held in memory only, filled from the keychain.
struct ConnectionSecrets
{
    QByteArray passcode;
    QHash<QString, QByteArray> headerValues;
};

// The application's settings: one typed wrapper over QSettings with a single table of keys (after KeePassXC's Config):
// every key has one row with its file name, type, default, validator and whether an administrator may lock it, and
// is read with get<T>(Key) and written with setValue(Key, value). Protocol-specific keys are turned into a protocol's
// options in that protocol's folder (stomp/StompSettings.h), not here.
//
// Values resolve in layers: a value the user set, else an administrator's preset, else the default. A preset
// file (a system-wide QSettings: /etc/xdg/TodoNotifier/todo-notifier.conf or the same under another directory of
// $XDG_CONFIG_DIRS, HKLM\Software\TodoNotifier\todo-notifier on Windows, /Library/Preferences on macOS)
// may also lock keys by listing them under "admin/locked"; a locked key always resolves to the preset (or the
// default) and cannot be set. Secrets (passcode, secret header values) are never stored here.
class Settings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        ServerUrls, // QStringList: ws://, wss://, http://, https://, stomp:// or stomp+ssl:// URLs, tried in this order
        Protocol, // QString: the push protocol: "auto" (find out), "stomp", "sockjs" (STOMP over SockJS), "json-ws",
                  // "sse", "socketio"
        Transport, // QString: STOMP's transport: "auto", "websocket" or "sockjs"
        Destinations, // QStringList: STOMP destinations to subscribe to
        Host, // QString: STOMP host header (RabbitMQ vhost); not sent when empty
        Login, // QString
        Headers, // QString: JSON array of HeaderSetting (secret values omitted); see headers()
        HeartbeatOutMs, // int: what we offer to send, 0 = never
        HeartbeatInMs, // int: what we want to receive, 0 = never
        ReconnectInitialMs, // int
        ReconnectMaxMs, // int
        ReconnectMaxAttempts, // int, 0 = unlimited
        DurableSubscription, // bool
        WebBaseUrl, // QString: base for the relative handlerUrl of todos
        LinkAllowlist, // QStringList: origins (https://sso.example.com) links may open besides the web base
        ServerTimeZone, // QString: IANA id of the server's times; empty = this computer's zone
        RetentionCount, // int: read todos kept in the store (unread ones always are)
        RetentionDays, // int: days a read todo not seen again is kept
        PendingListUrl, // QString: GET after every connect for the pending todos (catch-up); empty = none
        RemovedIdsField, // QString: dotted path in a push naming ids of todos done elsewhere ("data.removedIds");
                         // empty = none
        RefetchOnCountDrop, // bool: a push with an empty list and a lower sysMsgNums fetches the pending list again
                            // (to learn which todos were done elsewhere)
        Autostart, // bool
        NotificationPopups, // bool
        NotificationSound, // bool
        DoNotDisturbUntil, // QDateTime (stored as ISO 8601 UTC); invalid or past = off
        UrgentBypassesDoNotDisturb, // bool
        Language, // QString: "system", "zh_CN" or "en"
        ListWindowGeometry, // QByteArray: QWidget::saveGeometry()
        OpenMessage, // QString: plain WebSocket: sent after every connect ({login}, {clientId} filled in); empty = none
        KeepAliveMessage, // QString: plain WebSocket: the application keep-alive sent every KeepAliveIntervalMs
        KeepAliveIntervalMs, // int: 0 = no keep-alive
        Events, // QStringList: the events that carry todos (SSE event types, Socket.IO event names); empty = SSE's
                // "message" (events without a type), every Socket.IO event
        Namespace, // QString: the Socket.IO namespace ("/admin"); empty = the server URL's path
        PrefetchCount, // int: STOMP with acks: messages the broker may send ahead of our acks; 0 = the broker's
                       // default (RabbitMQ: no limit)
        OfflineNoticeMinutes, // int: one notification when the connection has been down this long (and one when it
                              // is back); 0 = never
        QuietHoursEnabled, // bool: the weekly quiet hours below hold pop-ups (see QuietHours)
        QuietHoursFrom, // QString "HH:mm": the daily window's start
        QuietHoursTo, // QString "HH:mm": its end; before `from`, it crosses midnight
        QuietHoursDays, // QStringList of "mon" ... "sun": the days the window applies to
        QuietHoursWholeDays, // QStringList of "mon" ... "sun": days that are quiet all day
        NotificationRules, // QString: JSON array of rules that mute or lower todos (NotificationRules)
        RulesBelowUrgency, // int: todos of an urgency below this are muted or lowered: 0 off, 1 urgent, 2 critical
        RulesBelowAction, // QString: what happens to them: "mute" or "lower"
        RealertUrgentMinutes, // int: an urgent todo still unread this long after its notification is shown once
                              // more; 0 = never
        ServerName, // QString: the name a person gives this server ("Production"); empty = its host (ServerProfiles)
        ExtraServers, // QStringList: the profile ids of the servers beyond the first, in order (ServerProfiles); only
                      // the main settings' value counts
    };
    Q_ENUM(Key)

    // Checks a value of the key's type; returns an empty string when it is valid, else why not, for people.
    using Validator = QString (*)(const QVariant &value);

    // One row of the table.
    struct Definition
    {
        Key key = Key::ServerUrls;
        QString name; // the QSettings key, "group/name"
        QMetaType::Type type = QMetaType::UnknownType; // the type value() returns
        QVariant defaultValue;
        Validator validator = nullptr; // nullptr: every value of the type is valid
        bool lockable = true; // an administrator may lock it (admin/locked); false for the person's own state
    };

    // The user's settings (QSettings native format, user scope) with the system-wide presets behind them.
    explicit Settings(QObject *parent = nullptr);
    // A settings file at `path` (INI), with an optional preset file (INI) behind it. For tests and --config.
    explicit Settings(const QString &path, const QString &presetPath = {}, QObject *parent = nullptr);
    ~Settings() override;
    Q_DISABLE_COPY_MOVE(Settings)

    static const QList<Definition> &definitions();
    static const Definition &definition(Key key);
    static QString keyName(Key key) { return definition(key).name; }

    QString fileName() const;
    // Whether the person's settings are an INI file (fileName() is its path), not the registry or a property list.
    bool isIniFile() const;
    // Opens another settings file (INI) with this one's administrator presets behind it, so a key locked here is
    // locked there too (ServerProfiles: each server's own file).
    std::unique_ptr<Settings> openWithSamePresets(const QString &path) const;

    // The effective value, of the key's type (see the table).
    QVariant value(Key key) const;
    template<typename T>
    T get(Key key) const
    {
        Q_ASSERT(QMetaType::fromType<T>().id() == int(definition(key).type));
        return value(key).template value<T>();
    }
    // Returns false (and changes nothing) for a locked key, a value of the wrong type, or one the key's validator
    // refuses (the reason is logged).
    bool setValue(Key key, const QVariant &value);
    void reset(Key key); // back to the preset or default
    bool isSetByUser(Key key) const; // the user's file holds a value
    bool hasPreset(Key key) const;
    bool isLocked(Key key) const;
    void sync();

    // The URL-valued keys (ServerUrls, LinkAllowlist; WebBaseUrl, PendingListUrl) as QUrls.
    QList<QUrl> urls(Key key) const;
    QUrl url(Key key) const;
    bool setUrls(Key key, const QList<QUrl> &urls);
    bool setUrl(Key key, const QUrl &url);
    // Key::Headers as a list. Secret headers come back without their value; setHeaders() drops the values of secret
    // headers.
    QList<HeaderSetting> headers() const;
    bool setHeaders(const QList<HeaderSetting> &headers);

    bool isDoNotDisturbActive(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // True once at least one server URL is configured (else the first run opens the settings dialog).
    bool isConfigured() const { return !urls(Key::ServerUrls).isEmpty(); }

    // The keychain account the secrets of this configuration belong to: "login@first-url".
    QString credentialAccount() const;
    static QString credentialAccount(const QUrl &url, const QString &login);
    // The keychain items this configuration needs: "passcode" and the secretItem() of every secret header.
    QStringList secretItems() const;
    static QString passcodeItem() { return QStringLiteral("passcode"); }

    // Validation, also for the settings dialog: an empty string when valid, else a translated message for people.
    static QString validateUrl(const QString &text);
    static QString validateServerUrls(const QStringList &urls);
    static QString validateDestination(const QString &destination);
    static QString validateHeaderName(const QString &name, HeaderSetting::Target target);
    static QString validateHeaderValue(const QString &value);
    static QString validateHeartbeat(int ms);
    static QString validateReconnect(int initialMs, int maxMs, int maxAttempts);
    static QString validateWebUrl(const QString &text); // web base URL, pending-list URL: http(s), may be empty
    static QString validateAllowlistEntry(const QString &origin); // http(s)://host[:port]
    static QString validateTimeZone(const QString &ianaId);
    static QString validateRetention(int count, int days);
    static QString validateProtocol(const QString &protocol);
    static QString validateKeepAliveInterval(int ms);
    static QString validatePrefetchCount(int count);
    static QString validateOfflineNotice(int minutes);
    static QString validateQuietTime(const QString &time); // "HH:mm"
    static QString validateQuietDays(const QStringList &days); // "mon" ... "sun"
    static QString validateRealert(int minutes); // 0 (never) or 1 ... 1440
    // Whether quiet hours hold pop-ups now (QuietHours::fromSettings()).
    bool isQuietHoursActive(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Prefetch as a default: enough ahead of our acks to keep a burst flowing (the store commits in batches and
    // acknowledges once a batch is on disk: with 300 the broker waited for our acks, and a 10,000-todo burst came
    // 5-10% slower than to a subscriber that acknowledges nothing; bench/results/prefetch-latest.md), and what a
    // failover to another node redelivers at most.
    static constexpr int kDefaultPrefetchCount = 1000;
    static QString validateEventName(const QString &name); // a Server-Sent Events type: one line, not empty
    static QString validateNamespace(const QString &nsp); // Socket.IO: empty, or "/" and a name without commas
    static QString validateFieldPath(const QString &path); // empty, or JSON field names separated by dots
    static QString validateServerName(const QString &name); // one line, at most 64 characters; may be empty
    static constexpr int kMaxServerNameLength = 64;

    // The protocols a person can choose, by their setting value ("stomp", ...).
    static QStringList protocols();

Q_SIGNALS:
    // The effective value of `key` changed through this object.
    void changed(Settings::Key key);

private:
    void init();
    QVariant storedValue(const QSettings &settings, const Definition &definition) const;
    QVariant presetOrDefault(const Definition &definition) const;

    std::unique_ptr<QSettings> m_user;
    std::unique_ptr<QSettings> m_preset; // may be null
    QStringList m_locked; // key names locked by the preset
};

// Read access to setting values, from a Settings or from anything else that has them: the settings dialog offers the
// values on screen before they are saved, so "Test connection" builds its source exactly as the saved settings would.
class SettingsView final
{
public:
    using Lookup = std::function<QVariant(Settings::Key)>;

    explicit SettingsView(Lookup lookup);
    SettingsView(const Settings &settings); // NOLINT(google-explicit-constructor): a Settings is a view

    QVariant value(Settings::Key key) const { return m_lookup(key); }
    template<typename T>
    T get(Settings::Key key) const
    {
        return value(key).template value<T>();
    }
    QList<QUrl> urls(Settings::Key key) const;
    QUrl url(Settings::Key key) const;
    QList<HeaderSetting> headers() const;

private:
    Lookup m_lookup;
};

Q_DECLARE_METATYPE(HeaderSetting)
