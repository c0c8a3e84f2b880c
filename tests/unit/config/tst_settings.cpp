// Settings: the single table of keys and defaults, typed round trips through a real file, the changed()
// signal, administrator presets and locks, the validators, the dialog's validation helpers, and the rule that no secret
// ever reaches the settings file. (What the STOMP keys become is tested in tests/unit/stomp/tst_stompsettings.cpp.)
#include "config/NotificationRules.h"
#include "config/ServerProfiles.h"
#include "config/Settings.h"

#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void tableCoversEveryKey();
    void freshFileHasDefaults();
    void defaultLocationIsTheUsersConfig();
    void everyKeyRoundTripsThroughTheFile();
    void changedIsEmittedOnlyForRealChanges();
    void secretsNeverReachTheFile();
    void genericSetValueAlsoDropsSecretValues();
    void wrongTypeIsRefused();
    void doNotDisturb();
    void credentialAccountAndSecretItems();
    void presetsAndLocks();
    void defaultConstructorReadsTheSystemWidePresets();
    void shippedPresetExample();
    void validation_data();
    void validation();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void tst_Settings::init()
{
    QVERIFY(m_dir.isValid());
    QFile::remove(path(QStringLiteral("user.conf")));
    QFile::remove(path(QStringLiteral("preset.conf")));
}

void tst_Settings::tableCoversEveryKey()
{
    const QMetaEnum keys = QMetaEnum::fromType<Settings::Key>();
    QCOMPARE(Settings::definitions().size(), keys.keyCount());
    QSet<QString> names;
    for (int i = 0; i < keys.keyCount(); ++i) {
        const auto key = Settings::Key(keys.value(i));
        const Settings::Definition &definition = Settings::definition(key);
        QCOMPARE(definition.key, key);
        QVERIFY2(definition.name.contains(QLatin1Char('/')), qPrintable(definition.name));
        QVERIFY2(!names.contains(definition.name), qPrintable(definition.name));
        names.insert(definition.name);
        QCOMPARE(definition.defaultValue.metaType().id(), int(definition.type));
    }
}

void tst_Settings::freshFileHasDefaults()
{
    Settings settings(path(QStringLiteral("user.conf")));
    for (const Settings::Definition &definition : Settings::definitions()) {
        QCOMPARE(settings.value(definition.key), definition.defaultValue);
        QVERIFY(!settings.isSetByUser(definition.key));
        QVERIFY(!settings.isLocked(definition.key));
    }
    QVERIFY(!settings.isConfigured());
    QCOMPARE(settings.get<QString>(Settings::Key::Transport), QStringLiteral("auto"));
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 10000);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatInMs), 10000);
    QCOMPARE(settings.get<QString>(Settings::Key::Language), QStringLiteral("system"));
    QVERIFY(settings.get<bool>(Settings::Key::NotificationPopups));
    QVERIFY(!settings.isDoNotDisturbActive());
}

void tst_Settings::defaultLocationIsTheUsersConfig()
{
    // CTest points XDG_CONFIG_HOME into the build tree; the user's settings belong there, not next to the presets.
    const QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty())
        QSKIP("run through CTest, which sets XDG_CONFIG_HOME");
    // No presets, whatever this machine's administrator has in /etc/xdg: an empty $XDG_CONFIG_DIRS replaces it.
    QTemporaryDir noPresets;
    qputenv("XDG_CONFIG_DIRS", noPresets.path().toUtf8());
    Settings settings;
    qunsetenv("XDG_CONFIG_DIRS");
    QCOMPARE(settings.fileName(), configHome + QStringLiteral("/TodoNotifier/todo-notifier.conf"));
    QVERIFY(!settings.isLocked(Settings::Key::ServerUrls));
}

void tst_Settings::everyKeyRoundTripsThroughTheFile()
{
    const QList<QUrl> urls {QUrl(QStringLiteral("wss://push.example.com/main2/ws")),
                            QUrl(QStringLiteral("ws://127.0.0.1:15674/ws"))};
    const QList<HeaderSetting> headers {
        {QStringLiteral("client-id"), QStringLiteral("desk-42"), false, HeaderSetting::Target::Connect},
        {QStringLiteral("X-Tenant"), QStringLiteral("研发中心"), false, HeaderSetting::Target::Handshake},
    };
    const QDateTime dnd = QDateTime(QDate(2030, 5, 16), QTime(16, 28, 3, 120), Qt::UTC);
    const QList<NotificationRule> rules {
        {NotificationRule::Field::Department, NotificationRule::Match::Contains, QStringLiteral("财务"),
         NotificationRule::Action::Lower},
        {NotificationRule::Field::Sender, NotificationRule::Match::Equals, QStringLiteral("Li Si"),
         NotificationRule::Action::Mute},
    };
    {
        Settings settings(path(QStringLiteral("user.conf")));
        settings.setUrls(Settings::Key::ServerUrls, urls);
        settings.setValue(Settings::Key::Transport, QStringLiteral("sockjs"));
        settings.setValue(Settings::Key::Protocol, QStringLiteral("json-ws"));
        settings.setValue(Settings::Key::OpenMessage, QStringLiteral(R"({"clientId":"{clientId}"})"));
        settings.setValue(Settings::Key::KeepAliveMessage, QStringLiteral(R"({"keepalive":"live"})"));
        settings.setValue(Settings::Key::KeepAliveIntervalMs, 5000);
        settings.setValue(Settings::Key::Destinations,
                          QStringList {QStringLiteral("/user/topic/all"), QStringLiteral("/topic/chat_demo")});
        settings.setValue(Settings::Key::Host, QStringLiteral("/"));
        settings.setValue(Settings::Key::Login, QStringLiteral("张三"));
        settings.setHeaders(headers);
        settings.setValue(Settings::Key::HeartbeatOutMs, 5000);
        settings.setValue(Settings::Key::HeartbeatInMs, 0);
        settings.setValue(Settings::Key::ReconnectInitialMs, 500);
        settings.setValue(Settings::Key::ReconnectMaxMs, 30000);
        settings.setValue(Settings::Key::ReconnectMaxAttempts, 5);
        settings.setValue(Settings::Key::DurableSubscription, true);
        settings.setUrl(Settings::Key::WebBaseUrl, QUrl(QStringLiteral("https://oa.example.com/service/")));
        settings.setUrls(
            Settings::Key::LinkAllowlist,
            {QUrl(QStringLiteral("https://sso.example.com")), QUrl(QStringLiteral("http://files.example.org:8080"))});
        settings.setValue(Settings::Key::ServerTimeZone, QStringLiteral("Asia/Shanghai"));
        settings.setValue(Settings::Key::RetentionCount, 200);
        settings.setValue(Settings::Key::RetentionDays, 7);
        settings.setUrl(Settings::Key::PendingListUrl, QUrl(QStringLiteral("https://oa.example.com/service/pending")));
        settings.setValue(Settings::Key::RemovedIdsField, QStringLiteral("data.removedIds"));
        settings.setValue(Settings::Key::RefetchOnCountDrop, false);
        QVERIFY(!settings.setValue(Settings::Key::RemovedIdsField, QStringLiteral("data..removedIds")));
        settings.setValue(Settings::Key::Autostart, true);
        settings.setValue(Settings::Key::NotificationPopups, false);
        settings.setValue(Settings::Key::NotificationSound, false);
        settings.setValue(Settings::Key::DoNotDisturbUntil, dnd);
        settings.setValue(Settings::Key::UrgentBypassesDoNotDisturb, false);
        settings.setValue(Settings::Key::Language, QStringLiteral("zh_CN"));
        settings.setValue(Settings::Key::ListWindowGeometry, QByteArray("\x01\x00\xd9\xd0geometry", 12));
        settings.setValue(Settings::Key::Events, QStringList {QStringLiteral("todo"), QStringLiteral("审批")});
        settings.setValue(Settings::Key::Namespace, QStringLiteral("/审批"));
        settings.setValue(Settings::Key::PrefetchCount, 50);
        settings.setValue(Settings::Key::OfflineNoticeMinutes, 30);
        settings.setValue(Settings::Key::QuietHoursEnabled, true);
        settings.setValue(Settings::Key::QuietHoursFrom, QStringLiteral("21:15"));
        settings.setValue(Settings::Key::QuietHoursTo, QStringLiteral("07:45"));
        settings.setValue(Settings::Key::QuietHoursDays, QStringList {QStringLiteral("tue")});
        settings.setValue(Settings::Key::QuietHoursWholeDays, QStringList {QStringLiteral("sun")});
        QVERIFY(settings.setValue(Settings::Key::NotificationRules, NotificationRules::toJson(rules)));
        QVERIFY(settings.setValue(Settings::Key::RulesBelowUrgency, 2));
        QVERIFY(settings.setValue(Settings::Key::RulesBelowAction, QStringLiteral("mute")));
        QVERIFY(settings.setValue(Settings::Key::RealertUrgentMinutes, 15));
        QVERIFY(settings.setValue(Settings::Key::ServerName, QStringLiteral("生产 (Production)")));
        QVERIFY(settings.setValue(Settings::Key::ExtraServers,
                                  QStringList {QStringLiteral("test-system"), QStringLiteral("org2")}));
        // Not one line, too long, a bad id, an id twice: refused, the value stays.
        QVERIFY(!settings.setValue(Settings::Key::ServerName, QStringLiteral("Prod\nTest")));
        QVERIFY(!settings.setValue(Settings::Key::ServerName, QString(Settings::kMaxServerNameLength + 1, u'x')));
        QVERIFY(settings.setValue(Settings::Key::ServerName, QStringLiteral("生产 (Production)")));
        QVERIFY(!settings.setValue(Settings::Key::ExtraServers, QStringList {QStringLiteral("Test System")}));
        QVERIFY(!settings.setValue(Settings::Key::ExtraServers, QStringList {QStringLiteral("-test")}));
        QVERIFY(!settings.setValue(Settings::Key::ExtraServers, QStringList {QStringLiteral("default")}));
        QVERIFY(!settings.setValue(Settings::Key::ExtraServers,
                                   QStringList {QStringLiteral("org2"), QStringLiteral("org2")}));
        // Out of range: refused, the value stays.
        QVERIFY(!settings.setValue(Settings::Key::OfflineNoticeMinutes, -1));
        QVERIFY(!settings.setValue(Settings::Key::OfflineNoticeMinutes, 24 * 60 + 1));
        QVERIFY(!settings.setValue(Settings::Key::RealertUrgentMinutes, 24 * 60 + 1));
        QVERIFY(!settings.setValue(Settings::Key::RulesBelowUrgency, 3));
        QVERIFY(!settings.setValue(Settings::Key::RulesBelowAction, QStringLiteral("silence")));
        QVERIFY(!settings.setValue(Settings::Key::NotificationRules,
                                   QStringLiteral(R"([{"field":"colour","text":"red","action":"mute"}])")));
        settings.sync();
        for (const Settings::Definition &definition : Settings::definitions())
            QVERIFY2(settings.isSetByUser(definition.key), qPrintable(definition.name));
    }
    Settings settings(path(QStringLiteral("user.conf")));
    QCOMPARE(settings.urls(Settings::Key::ServerUrls), urls);
    QVERIFY(settings.isConfigured());
    QCOMPARE(settings.get<QString>(Settings::Key::Transport), QStringLiteral("sockjs"));
    QCOMPARE(settings.get<QString>(Settings::Key::Protocol), QStringLiteral("json-ws"));
    QCOMPARE(settings.get<QString>(Settings::Key::OpenMessage), QStringLiteral(R"({"clientId":"{clientId}"})"));
    QCOMPARE(settings.get<QString>(Settings::Key::KeepAliveMessage), QStringLiteral(R"({"keepalive":"live"})"));
    QCOMPARE(settings.get<int>(Settings::Key::KeepAliveIntervalMs), 5000);
    QCOMPARE(settings.get<QStringList>(Settings::Key::Events),
             (QStringList {QStringLiteral("todo"), QStringLiteral("审批")}));
    QCOMPARE(settings.get<QString>(Settings::Key::Namespace), QStringLiteral("/审批"));
    QCOMPARE(settings.get<int>(Settings::Key::PrefetchCount), 50);
    QCOMPARE(settings.get<int>(Settings::Key::OfflineNoticeMinutes), 30);
    QVERIFY(settings.get<bool>(Settings::Key::QuietHoursEnabled));
    QCOMPARE(settings.get<QString>(Settings::Key::QuietHoursFrom), QStringLiteral("21:15"));
    QCOMPARE(settings.get<QString>(Settings::Key::QuietHoursTo), QStringLiteral("07:45"));
    QCOMPARE(settings.get<QStringList>(Settings::Key::QuietHoursDays), QStringList {QStringLiteral("tue")});
    QCOMPARE(settings.get<QStringList>(Settings::Key::QuietHoursWholeDays), QStringList {QStringLiteral("sun")});
    QCOMPARE(NotificationRules::fromJson(settings.get<QString>(Settings::Key::NotificationRules)), rules);
    QCOMPARE(settings.get<int>(Settings::Key::RulesBelowUrgency), 2);
    QCOMPARE(settings.get<QString>(Settings::Key::RulesBelowAction), QStringLiteral("mute"));
    QCOMPARE(settings.get<int>(Settings::Key::RealertUrgentMinutes), 15);
    QCOMPARE(settings.get<QString>(Settings::Key::ServerName), QStringLiteral("生产 (Production)"));
    QCOMPARE(settings.get<QStringList>(Settings::Key::ExtraServers),
             (QStringList {QStringLiteral("test-system"), QStringLiteral("org2")}));
    QCOMPARE(settings.get<QStringList>(Settings::Key::Destinations),
             (QStringList {QStringLiteral("/user/topic/all"), QStringLiteral("/topic/chat_demo")}));
    QCOMPARE(settings.get<QString>(Settings::Key::Host), QStringLiteral("/"));
    QCOMPARE(settings.get<QString>(Settings::Key::Login), QStringLiteral("张三"));
    QCOMPARE(settings.headers(), headers);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 5000);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatInMs), 0);
    QCOMPARE(settings.get<int>(Settings::Key::ReconnectInitialMs), 500);
    QCOMPARE(settings.get<int>(Settings::Key::ReconnectMaxMs), 30000);
    QCOMPARE(settings.get<int>(Settings::Key::ReconnectMaxAttempts), 5);
    QVERIFY(settings.get<bool>(Settings::Key::DurableSubscription));
    QCOMPARE(settings.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.example.com/service/")));
    QCOMPARE(settings.urls(Settings::Key::LinkAllowlist),
             (QList<QUrl> {QUrl(QStringLiteral("https://sso.example.com")),
                           QUrl(QStringLiteral("http://files.example.org:8080"))}));
    QCOMPARE(settings.get<QString>(Settings::Key::ServerTimeZone), QStringLiteral("Asia/Shanghai"));
    QCOMPARE(settings.get<int>(Settings::Key::RetentionCount), 200);
    QCOMPARE(settings.get<int>(Settings::Key::RetentionDays), 7);
    QCOMPARE(settings.url(Settings::Key::PendingListUrl),
             QUrl(QStringLiteral("https://oa.example.com/service/pending")));
    QCOMPARE(settings.get<QString>(Settings::Key::RemovedIdsField), QStringLiteral("data.removedIds"));
    QVERIFY(!settings.get<bool>(Settings::Key::RefetchOnCountDrop));
    QVERIFY(settings.get<bool>(Settings::Key::Autostart));
    QVERIFY(!settings.get<bool>(Settings::Key::NotificationPopups));
    QVERIFY(!settings.get<bool>(Settings::Key::NotificationSound));
    QCOMPARE(settings.get<QDateTime>(Settings::Key::DoNotDisturbUntil), dnd);
    QVERIFY(!settings.get<bool>(Settings::Key::UrgentBypassesDoNotDisturb));
    QCOMPARE(settings.get<QString>(Settings::Key::Language), QStringLiteral("zh_CN"));
    QCOMPARE(settings.get<QByteArray>(Settings::Key::ListWindowGeometry), QByteArray("\x01\x00\xd9\xd0geometry", 12));

    // A single-entry list and an emptied list survive the file too.
    settings.setValue(Settings::Key::Destinations, QStringList {QStringLiteral("/exchange/FanoutDemandExchange")});
    settings.setUrls(Settings::Key::LinkAllowlist, {});
    settings.sync();
    Settings reread(path(QStringLiteral("user.conf")));
    QCOMPARE(reread.get<QStringList>(Settings::Key::Destinations),
             QStringList {QStringLiteral("/exchange/FanoutDemandExchange")});
    QCOMPARE(reread.urls(Settings::Key::LinkAllowlist), QList<QUrl>());
}

void tst_Settings::changedIsEmittedOnlyForRealChanges()
{
    Settings settings(path(QStringLiteral("user.conf")));
    QSignalSpy changed(&settings, &Settings::changed);
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Settings::Key>(), Settings::Key::Login);
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    QCOMPARE(changed.count(), 1);
    settings.setValue(Settings::Key::HeartbeatOutMs,
                      10000); // the default: stored, but the effective value did not change
    QCOMPARE(changed.count(), 1);
    QVERIFY(settings.isSetByUser(Settings::Key::HeartbeatOutMs));
    settings.setValue(Settings::Key::HeartbeatOutMs, 20000);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<Settings::Key>(), Settings::Key::HeartbeatOutMs);
    settings.reset(Settings::Key::HeartbeatOutMs);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 10000);
    QVERIFY(!settings.isSetByUser(Settings::Key::HeartbeatOutMs));
}

void tst_Settings::secretsNeverReachTheFile()
{
    const QByteArray token = "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu";
    const QByteArray cookie = "SESSION=5f0c7e1d-secret-cookie";
    {
        Settings settings(path(QStringLiteral("user.conf")));
        settings.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))});
        settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
        settings.setHeaders({
            {QStringLiteral("Authorization"), QString::fromUtf8(token), true, HeaderSetting::Target::Connect},
            {QStringLiteral("Cookie"), QString::fromUtf8(cookie), true, HeaderSetting::Target::Handshake},
            {QStringLiteral("client-id"), QStringLiteral("desk-42"), false, HeaderSetting::Target::Connect},
        });
        // Everything else too, so that nothing can slip through some other key.
        for (const Settings::Definition &definition : Settings::definitions()) {
            if (!settings.isSetByUser(definition.key))
                settings.setValue(definition.key, definition.defaultValue);
        }
        settings.sync();
    }
    QFile file(path(QStringLiteral("user.conf")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("desk-42")); // the non-secret header is there...
    QVERIFY(bytes.contains("Authorization"));
    QVERIFY2(!bytes.contains("eyJhbGciOiJIUzI1NiJ9"), bytes.constData()); // ...no secret value is
    QVERIFY2(!bytes.contains("secret-cookie"), bytes.constData());
    QVERIFY(!bytes.toLower().contains("passcode"));

    Settings settings(path(QStringLiteral("user.conf")));
    const QList<HeaderSetting> headers = settings.headers();
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(0).name, QStringLiteral("Authorization"));
    QVERIFY(headers.at(0).secret);
    QVERIFY(headers.at(0).value.isEmpty());
    QCOMPARE(headers.at(1).target, HeaderSetting::Target::Handshake);
    QVERIFY(headers.at(1).value.isEmpty());
    QCOMPARE(headers.at(2).value, QStringLiteral("desk-42"));
}

void tst_Settings::genericSetValueAlsoDropsSecretValues()
{
    Settings settings(path(QStringLiteral("user.conf")));
    QVERIFY(settings.setValue(Settings::Key::Headers,
                              QStringLiteral(R"([{"name":"token","value":"hunter2","secret":true}])")));
    settings.sync();
    QFile file(path(QStringLiteral("user.conf")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2"));
    QCOMPARE(settings.headers().size(), 1);
    QVERIFY(settings.headers().at(0).secret);
}

void tst_Settings::wrongTypeIsRefused()
{
    Settings settings(path(QStringLiteral("user.conf")));
    QSignalSpy changed(&settings, &Settings::changed);
    QVERIFY(!settings.setValue(Settings::Key::HeartbeatInMs, QStringLiteral("often")));
    QVERIFY(!settings.setValue(Settings::Key::Headers, QStringLiteral("not json")));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatInMs), 10000);
    QVERIFY(!settings.isSetByUser(Settings::Key::Headers));
}

void tst_Settings::doNotDisturb()
{
    Settings settings(path(QStringLiteral("user.conf")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    settings.setValue(Settings::Key::DoNotDisturbUntil, now.addSecs(3600));
    QVERIFY(settings.isDoNotDisturbActive(now));
    QVERIFY(!settings.isDoNotDisturbActive(now.addSecs(3601)));
    settings.setValue(Settings::Key::DoNotDisturbUntil, QDateTime());
    QVERIFY(!settings.isDoNotDisturbActive(now));
    QVERIFY(!settings.get<QDateTime>(Settings::Key::DoNotDisturbUntil).isValid());
}

void tst_Settings::credentialAccountAndSecretItems()
{
    Settings settings(path(QStringLiteral("user.conf")));
    settings.setUrls(Settings::Key::ServerUrls,
                     {QUrl(QStringLiteral("wss://user:pw@push.example.com/ws/")), QUrl(QStringLiteral("ws://b/ws"))});
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    QCOMPARE(settings.credentialAccount(), QStringLiteral("guest@wss://push.example.com/ws"));
    settings.setHeaders({{QStringLiteral("Authorization"), {}, true, HeaderSetting::Target::Handshake},
                         {QStringLiteral("client-id"), QStringLiteral("x"), false, HeaderSetting::Target::Connect}});
    QCOMPARE(settings.secretItems(),
             (QStringList {QStringLiteral("passcode"), QStringLiteral("header/handshake/Authorization")}));
}

void tst_Settings::presetsAndLocks()
{
    {
        QFile preset(path(QStringLiteral("preset.conf")));
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write("[connection]\n"
                     "urls=wss://push.corp.example/ws, wss://backup.corp.example/ws\n"
                     "heartbeatOutMs=20000\n"
                     "[links]\n"
                     "webBaseUrl=https://oa.corp.example/\n"
                     "[admin]\n"
                     "locked=connection/urls, links/webBaseUrl\n");
    }
    Settings settings(path(QStringLiteral("user.conf")), path(QStringLiteral("preset.conf")));
    QCOMPARE(settings.urls(Settings::Key::ServerUrls),
             (QList<QUrl> {QUrl(QStringLiteral("wss://push.corp.example/ws")),
                           QUrl(QStringLiteral("wss://backup.corp.example/ws"))}));
    QVERIFY(settings.isLocked(Settings::Key::ServerUrls));
    QVERIFY(settings.isLocked(Settings::Key::WebBaseUrl));
    QVERIFY(!settings.isLocked(Settings::Key::HeartbeatOutMs));
    QVERIFY(settings.hasPreset(Settings::Key::HeartbeatOutMs));
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 20000);

    // An unlocked preset gives way to the user's value; a locked one does not move.
    QSignalSpy changed(&settings, &Settings::changed);
    settings.setValue(Settings::Key::HeartbeatOutMs, 3000);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 3000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("locked by the administrator")));
    QVERIFY(!settings.setValue(Settings::Key::WebBaseUrl, QStringLiteral("https://evil.example/")));
    QCOMPARE(settings.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.corp.example/")));
    QCOMPARE(changed.count(), 1);
    settings.reset(Settings::Key::HeartbeatOutMs);
    QCOMPARE(settings.get<int>(Settings::Key::HeartbeatOutMs), 20000);

    // Even a value written into the user's file by hand does not override a lock.
    settings.sync();
    {
        QFile user(path(QStringLiteral("user.conf")));
        QVERIFY(user.open(QIODevice::Append));
        user.write("\n[links]\nwebBaseUrl=https://evil.example/\n");
    }
    Settings reread(path(QStringLiteral("user.conf")), path(QStringLiteral("preset.conf")));
    QCOMPARE(reread.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.corp.example/")));
}

void tst_Settings::defaultConstructorReadsTheSystemWidePresets()
{
    // Where an administrator puts the presets on Linux (README, "Admin presets"): TodoNotifier/todo-notifier.conf
    // in the first directory of $XDG_CONFIG_DIRS that has it, else in Qt's settings path, which Debian's Qt has at
    // /etc/xdg. Qt alone would read only the first directory of $XDG_CONFIG_DIRS.
    if (QLibraryInfo::path(QLibraryInfo::PrefixPath) == QLatin1String("/usr"))
        QCOMPARE(QLibraryInfo::path(QLibraryInfo::SettingsPath), QStringLiteral("/etc/xdg")); // a distribution's Qt

    // As on Ubuntu: a desktop's own directory first, then the one that holds the presets.
    QTemporaryDir desktopDir;
    QTemporaryDir systemDir;
    QVERIFY(QDir(systemDir.path()).mkpath(QStringLiteral("TodoNotifier")));
    {
        QFile preset(systemDir.filePath(QStringLiteral("TodoNotifier/todo-notifier.conf")));
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write("[connection]\n"
                     "urls=wss://push.corp.example/ws\n"
                     "destinations=/exchange/corp.todos\n"
                     "[links]\n"
                     "allowlist=https://sso.corp.example, https://files.corp.example\n"
                     "[admin]\n"
                     "locked=connection/urls\n");
    }
    qputenv("XDG_CONFIG_DIRS", (desktopDir.path() + QLatin1Char(':') + systemDir.path()).toUtf8());
    Settings settings;
    qunsetenv("XDG_CONFIG_DIRS");
    QCOMPARE(settings.urls(Settings::Key::ServerUrls),
             QList<QUrl> {QUrl(QStringLiteral("wss://push.corp.example/ws"))});
    QVERIFY(settings.isLocked(Settings::Key::ServerUrls));
    QCOMPARE(settings.get<QStringList>(Settings::Key::Destinations),
             QStringList {QStringLiteral("/exchange/corp.todos")});
    QVERIFY(settings.hasPreset(Settings::Key::LinkAllowlist));
    QVERIFY(!settings.isLocked(Settings::Key::LinkAllowlist));
    QCOMPARE(settings.urls(Settings::Key::LinkAllowlist).size(), 2);
    QVERIFY(!settings.isSetByUser(Settings::Key::ServerUrls));
}

void tst_Settings::shippedPresetExample()
{
    // packaging/examples/todo-notifier.conf, the example the README gives administrators: every key in it is a
    // real one, and it means what its comments say.
    const QString source = qEnvironmentVariable("TODO_SOURCE_DIR");
    if (source.isEmpty())
        QSKIP("run through CTest, which sets TODO_SOURCE_DIR");
    const QString example = source + QStringLiteral("/packaging/examples/todo-notifier.conf");
    QVERIFY(QFile::exists(example));
    QStringList known {QStringLiteral("admin/locked")};
    for (const Settings::Definition &definition : Settings::definitions())
        known.append(definition.name);
    const QSettings raw(example, QSettings::IniFormat);
    QVERIFY(!raw.allKeys().isEmpty());
    for (const QString &key : raw.allKeys())
        QVERIFY2(known.contains(key), qPrintable(key));

    Settings settings(path(QStringLiteral("user.conf")), example);
    QCOMPARE(settings.urls(Settings::Key::ServerUrls).size(), 2);
    QVERIFY(settings.isLocked(Settings::Key::ServerUrls));
    QVERIFY(settings.isLocked(Settings::Key::Transport));
    QVERIFY(settings.isLocked(Settings::Key::WebBaseUrl));
    QVERIFY(settings.isLocked(Settings::Key::LinkAllowlist));
    QVERIFY(!settings.isLocked(Settings::Key::Destinations));
    QCOMPARE(settings.url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.corp.example/")));
    QCOMPARE(settings.urls(Settings::Key::LinkAllowlist),
             QList<QUrl> {QUrl(QStringLiteral("https://sso.corp.example"))});
    QCOMPARE(settings.get<QString>(Settings::Key::ServerTimeZone), QStringLiteral("Asia/Shanghai"));
    const QList<HeaderSetting> headers {
        {QStringLiteral("Authorization"), QString(), true, HeaderSetting::Target::Handshake}};
    QCOMPARE(settings.headers(), headers);
    for (const QString &url : raw.value(QStringLiteral("connection/urls")).toStringList())
        QVERIFY2(Settings::validateUrl(url).isEmpty(), qPrintable(url));
}

void tst_Settings::validation_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    auto row = [](const char *name, const char *what, const char *input, bool valid) {
        QTest::newRow(name) << QString::fromUtf8(what) << QString::fromUtf8(input) << valid;
    };
    row("url ws", "url", "ws://127.0.0.1:15674/ws", true);
    row("url wss", "url", "wss://push.example.com/ws", true);
    row("url sockjs http", "url", "http://host:8080/main2/ws", true);
    row("url empty", "url", "", false);
    row("url ftp", "url", "ftp://host/x", false);
    row("url no host", "url", "ws:///ws", false);
    row("url garbage", "url", "ws://exa mple.com/ws", false);
    row("urls ok", "urls", "ws://a/ws\nws://b/ws", true);
    row("urls twice", "urls", "ws://a/ws\nws://a/ws", false);
    row("urls none", "urls", "", false);
    row("destination", "destination", "/exchange/FanoutDemandExchange", true);
    row("destination empty", "destination", " ", false);
    row("destination newline", "destination", "/topic/a\n", false);
    row("connect header", "connect-header", "client-id", true);
    row("connect header colon", "connect-header", "a:b", false);
    row("connect header passcode", "connect-header", "passcode", false);
    row("connect header host", "connect-header", "HOST", false);
    row("handshake header", "handshake-header", "Authorization", true);
    row("handshake header space", "handshake-header", "X Token", false);
    row("handshake header upgrade", "handshake-header", "Upgrade", false);
    row("header value", "header-value", "Bearer abc", true);
    row("header value newline", "header-value", "abc\r\nX: y", false);
    row("heartbeat off", "heartbeat", "0", true);
    row("heartbeat 10s", "heartbeat", "10000", true);
    row("heartbeat too fast", "heartbeat", "10", false);
    row("heartbeat negative", "heartbeat", "-1", false);
    row("reconnect ok", "reconnect", "1000,60000,0", true);
    row("reconnect max below initial", "reconnect", "5000,1000,0", false);
    row("reconnect too fast", "reconnect", "10,1000,0", false);
    row("reconnect negative attempts", "reconnect", "1000,2000,-1", false);
    row("web url empty", "web-url", "", true);
    row("web url https", "web-url", "https://oa.example.com/service/", true);
    row("web url javascript", "web-url", "javascript:alert(1)", false);
    row("allow origin", "allow", "https://sso.example.com", true);
    row("allow origin with port", "allow", "http://files.example.org:8080/", true);
    row("allow bare host", "allow", "sso.example.com", false);
    row("allow wildcard", "allow", "*.example.com", false);
    row("allow javascript", "allow", "javascript:alert(1)", false);
    row("zone empty", "zone", "", true);
    row("zone shanghai", "zone", "Asia/Shanghai", true);
    row("zone bogus", "zone", "Mars/Olympus", false);
    row("retention ok", "retention", "1000,90", true);
    row("retention zero count", "retention", "0,90", false);
    row("retention zero days", "retention", "10,0", false);
    row("url stomp tcp", "url", "stomp://broker.example.com:61613", true);
    row("url stomp tls", "url", "stomp+ssl://broker.example.com:61614", true);
    row("protocol stomp", "protocol", "stomp", true);
    row("protocol json-ws", "protocol", "json-ws", true);
    row("protocol sse", "protocol", "sse", true);
    row("event name", "event", "todo", true);
    row("event name empty", "event", " ", false);
    row("event name with a line break", "event", "to\ndo", false);
    row("protocol socketio", "protocol", "socketio", true);
    row("protocol bogus", "protocol", "carrier-pigeon", false);
    row("keep-alive off", "keepalive", "0", true);
    row("keep-alive 5s", "keepalive", "5000", true);
    row("keep-alive too fast", "keepalive", "100", false);
    row("namespace from the URL", "namespace", "", true);
    row("namespace", "namespace", "/admin", true);
    row("namespace without slash", "namespace", "admin", false);
    row("namespace with comma", "namespace", "/a,b", false);
    row("namespace with space", "namespace", "/a b", false);
    row("server name", "server-name", "Production (EU)", true);
    row("server name empty", "server-name", "", true);
    row("server name with a line break", "server-name", "Prod\nTest", false);
    row("server name with a tab", "server-name", "Prod\tTest", false);
    row("server name of 64", "server-name", "0123456789012345678901234567890123456789012345678901234567890123", true);
    row("server name of 65", "server-name", "01234567890123456789012345678901234567890123456789012345678901234", false);
    row("server id", "server-id", "test-system2", true);
    row("server id empty", "server-id", "", false);
    row("server id upper case", "server-id", "Test", false);
    row("server id space", "server-id", "a b", false);
    row("server id leading dash", "server-id", "-a", false);
    row("server id slash", "server-id", "a/b", false);
    row("server id default", "server-id", "default", false);
    row("server id demo", "server-id", "demo", false);
    row("server id too long", "server-id", "abcdefghijabcdefghijabcdefghijabc", false);
}

void tst_Settings::validation()
{
    QFETCH(QString, what);
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const QStringList numbers = input.split(QLatin1Char(','));
    auto number = [&numbers](int i) {
        return numbers.value(i).toInt();
    };
    QString message;
    if (what == QLatin1String("url"))
        message = Settings::validateUrl(input);
    else if (what == QLatin1String("urls"))
        message = Settings::validateServerUrls(input.split(QLatin1Char('\n')));
    else if (what == QLatin1String("destination"))
        message = Settings::validateDestination(input);
    else if (what == QLatin1String("connect-header"))
        message = Settings::validateHeaderName(input, HeaderSetting::Target::Connect);
    else if (what == QLatin1String("handshake-header"))
        message = Settings::validateHeaderName(input, HeaderSetting::Target::Handshake);
    else if (what == QLatin1String("header-value"))
        message = Settings::validateHeaderValue(input);
    else if (what == QLatin1String("heartbeat"))
        message = Settings::validateHeartbeat(number(0));
    else if (what == QLatin1String("reconnect"))
        message = Settings::validateReconnect(number(0), number(1), number(2));
    else if (what == QLatin1String("web-url"))
        message = Settings::validateWebUrl(input);
    else if (what == QLatin1String("allow"))
        message = Settings::validateAllowlistEntry(input);
    else if (what == QLatin1String("zone"))
        message = Settings::validateTimeZone(input);
    else if (what == QLatin1String("retention"))
        message = Settings::validateRetention(number(0), number(1));
    else if (what == QLatin1String("protocol"))
        message = Settings::validateProtocol(input);
    else if (what == QLatin1String("keepalive"))
        message = Settings::validateKeepAliveInterval(number(0));
    else if (what == QLatin1String("event"))
        message = Settings::validateEventName(input);
    else if (what == QLatin1String("namespace"))
        message = Settings::validateNamespace(input);
    else if (what == QLatin1String("server-name"))
        message = Settings::validateServerName(input);
    else if (what == QLatin1String("server-id"))
        message = ServerProfiles::validateId(input);
    else
        QFAIL("unknown validator");
    QCOMPARE(message.isEmpty(), valid);
    if (!valid)
        QVERIFY(message.endsWith(QLatin1Char('.'))); // a sentence for the dialog, not a code
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
