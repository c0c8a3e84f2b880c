#pragma once

#include "StompClient.h"
#include "TransportPlan.h"

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

// The application's settings: one typed wrapper over QSettings with a single table of keys and defaults
// (after KeePassXC's Config).
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
        ServerUrls, // QStringList: ws://, wss://, http:// or https:// URLs, tried in this order
        Transport, // QString: "auto", "websocket" or "sockjs"
        Destinations, // QStringList: STOMP destinations to subscribe to
        Host, // QString: STOMP host header (RabbitMQ vhost); not sent when empty
        Login, // QString
        Headers, // JSON array of HeaderSetting (secret values omitted)
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
        Autostart, // bool
        NotificationPopups, // bool
        NotificationSound, // bool
        DoNotDisturbUntil, // QDateTime (stored as ISO 8601 UTC); invalid or past = off
        UrgentBypassesDoNotDisturb, // bool
        Language, // QString: "system", "zh_CN" or "en"
        ListWindowGeometry, // QByteArray: QWidget::saveGeometry()
    };
    Q_ENUM(Key)

    // One row of the table.
    struct Definition
    {
        Key key = Key::ServerUrls;
        QString name; // the QSettings key, "group/name"
        QMetaType::Type type = QMetaType::UnknownType; // the type value() returns
        QVariant defaultValue;
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

    // Generic access; value() is converted to the key's type.
    QVariant value(Key key) const;
    // Returns false (and changes nothing) for a locked key or a value of the wrong type.
    bool setValue(Key key, const QVariant &value);
    void reset(Key key); // back to the preset or default
    bool isSetByUser(Key key) const; // the user's file holds a value
    bool hasPreset(Key key) const;
    bool isLocked(Key key) const;
    void sync();

    // Typed access.
    QList<QUrl> serverUrls() const;
    void setServerUrls(const QList<QUrl> &urls);
    // How the URLs are spoken to (TransportSelector's mode for every URL).
    TransportMode transport() const;
    void setTransport(TransportMode mode);
    QStringList destinations() const;
    void setDestinations(const QStringList &destinations);
    QString host() const;
    void setHost(const QString &host);
    QString login() const;
    void setLogin(const QString &login);
    // Secret headers come back without their value; setHeaders() drops the values of secret headers.
    QList<HeaderSetting> headers() const;
    void setHeaders(const QList<HeaderSetting> &headers);
    int heartbeatOutMs() const;
    void setHeartbeatOutMs(int ms);
    int heartbeatInMs() const;
    void setHeartbeatInMs(int ms);
    int reconnectInitialMs() const;
    void setReconnectInitialMs(int ms);
    int reconnectMaxMs() const;
    void setReconnectMaxMs(int ms);
    int reconnectMaxAttempts() const;
    void setReconnectMaxAttempts(int attempts);
    bool durableSubscription() const;
    void setDurableSubscription(bool durable);
    QUrl webBaseUrl() const;
    void setWebBaseUrl(const QUrl &url);
    QList<QUrl> linkAllowlist() const;
    void setLinkAllowlist(const QList<QUrl> &origins);
    QString serverTimeZone() const;
    void setServerTimeZone(const QString &ianaId);
    int retentionCount() const;
    void setRetentionCount(int count);
    int retentionDays() const;
    void setRetentionDays(int days);
    QUrl pendingListUrl() const;
    void setPendingListUrl(const QUrl &url);
    bool autostart() const;
    void setAutostart(bool enabled);
    bool notificationPopups() const;
    void setNotificationPopups(bool enabled);
    bool notificationSound() const;
    void setNotificationSound(bool enabled);
    QDateTime doNotDisturbUntil() const;
    void setDoNotDisturbUntil(const QDateTime &until); // an invalid QDateTime turns it off
    bool isDoNotDisturbActive(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    bool urgentBypassesDoNotDisturb() const;
    void setUrgentBypassesDoNotDisturb(bool bypass);
    QString language() const;
    void setLanguage(const QString &language);
    QByteArray listWindowGeometry() const;
    void setListWindowGeometry(const QByteArray &geometry);

    // True once at least one server URL is configured (else the first run opens the settings dialog).
    bool isConfigured() const { return !serverUrls().isEmpty(); }

    // The keychain account the secrets of this configuration belong to: "login@first-url".
    QString credentialAccount() const;
    static QString credentialAccount(const QUrl &url, const QString &login);
    // The keychain items this configuration needs: "passcode" and the secretItem() of every secret header.
    QStringList secretItems() const;
    static QString passcodeItem() { return QStringLiteral("passcode"); }

    // What the StompClient needs, from these settings plus the secrets read from the keychain. A secret
    // header whose value is missing from `secrets` is left out (and logged, by name only).
    StompConnectOptions toConnectOptions(const ConnectionSecrets &secrets) const;
    // One subscription per destination, with stable ids; durable ones carry the broker headers for it.
    QList<StompSubscription> toSubscriptions(StompAckMode ackMode = StompAckMode::ClientIndividual) const;

    // Validation for the settings dialog: an empty string when valid, else a translated message for people.
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

Q_DECLARE_METATYPE(HeaderSetting)
