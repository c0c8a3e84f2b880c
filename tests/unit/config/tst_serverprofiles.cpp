// ServerProfiles: the servers beyond the first, each with a settings file of its own beside the main settings; their
// ids, names, store names and files on disk, the administrator's locks in every profile, and what survives a restart.
#include "config/ServerProfiles.h"
#include "config/Settings.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_ServerProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void theFirstServerIsTheMainSettings();
    void addMakesAFileAndAnId();
    void idsFromNames_data();
    void idsFromNames();
    void badAndDuplicateNames();
    void renameAndDisplayName();
    void removeDeletesTheProfileFileOnly();
    void storeFileNames();
    void findId();
    void presetLocksApplyToEveryProfile();
    void aProfileSurvivesReopening();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ServerProfiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ServerProfiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ServerProfiles::theFirstServerIsTheMainSettings()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    QCOMPARE(profiles.ids(), QStringList {QString()});
    QCOMPARE(profiles.settings(QString()), &main);
    QCOMPARE(profiles.settings(QStringLiteral("nope")), nullptr);
    QCOMPARE(profiles.displayName(QString()), QStringLiteral("Server 1"));
    main.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("wss://push.example.com/ws"))});
    QCOMPARE(profiles.displayName(QString()), QStringLiteral("push.example.com"));
    main.setValue(Settings::Key::ServerName, QStringLiteral("Production"));
    QCOMPARE(profiles.displayName(QString()), QStringLiteral("Production"));
}

void tst_ServerProfiles::addMakesAFileAndAnId()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    QSignalSpy changed(&profiles, &ServerProfiles::serversChanged);

    QString error;
    const QString test = profiles.add(QStringLiteral("Test system"), &error);
    QCOMPARE(test, QStringLiteral("test-system"));
    QVERIFY(error.isEmpty());
    const QString org2 = profiles.add(QStringLiteral("Org 2"), &error);
    QCOMPARE(org2, QStringLiteral("org-2"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(profiles.ids(), (QStringList {QString(), test, org2}));
    QCOMPARE(main.get<QStringList>(Settings::Key::ExtraServers), (QStringList {test, org2}));

    // Each in its own INI file in "servers/" beside the main file, holding its name.
    const QString file = path(QStringLiteral("servers/test-system.ini"));
    QCOMPARE(profiles.profilePath(test), file);
    QVERIFY(QFile::exists(file));
    QCOMPARE(profiles.settings(test)->fileName(), file);
    QCOMPARE(Settings(file).get<QString>(Settings::Key::ServerName), QStringLiteral("Test system"));
    QCOMPARE(profiles.displayName(test), QStringLiteral("Test system"));

    // A server's settings are its own: the main settings do not change with them.
    Settings *settings = profiles.settings(test);
    QVERIFY(settings != &main);
    QVERIFY(settings->setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("ws://test.example.com/ws"))}));
    settings->sync();
    QVERIFY(!main.isConfigured());
    QCOMPARE(profiles.settings(test), settings); // opened once
}

void tst_ServerProfiles::idsFromNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("id");
    QTest::newRow("words") << QStringLiteral("Production (EU)") << QStringLiteral("production-eu");
    QTest::newRow("digits") << QStringLiteral("Site 42") << QStringLiteral("site-42");
    QTest::newRow("no ASCII letters") << QStringLiteral("生产") << QStringLiteral("server-2");
    QTest::newRow("reserved") << QStringLiteral("Demo") << QStringLiteral("demo-2");
    QTest::newRow("long") << QStringLiteral("A very long name for a server that goes on and on")
                          << QStringLiteral("a-very-long-name-for-a");
}

void tst_ServerProfiles::idsFromNames()
{
    QFETCH(QString, name);
    QFETCH(QString, id);
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    QCOMPARE(profiles.add(name), id);
    QVERIFY(ServerProfiles::validateId(id).isEmpty());
}

void tst_ServerProfiles::badAndDuplicateNames()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    main.setValue(Settings::Key::ServerName, QStringLiteral("Production"));
    ServerProfiles profiles(&main);
    QSignalSpy changed(&profiles, &ServerProfiles::serversChanged);
    QString error;
    QVERIFY(profiles.add(QStringLiteral("  "), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(profiles.add(QStringLiteral("Two\nlines"), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(profiles.add(QString(65, u'x'), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(profiles.add(QStringLiteral("production"), &error).isEmpty()); // the first server's, case ignored
    QVERIFY2(error.contains(QStringLiteral("production")), qPrintable(error));

    // The same words again get another id; the same name is refused.
    QCOMPARE(profiles.add(QStringLiteral("Test")), QStringLiteral("test"));
    QCOMPARE(profiles.add(QStringLiteral("Test!")), QStringLiteral("test-2"));
    error.clear();
    QVERIFY(profiles.add(QStringLiteral("TEST"), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(profiles.ids().size(), 3);
}

void tst_ServerProfiles::renameAndDisplayName()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    const QString id = profiles.add(QStringLiteral("Test"));
    const QString other = profiles.add(QStringLiteral("Other"));
    QSignalSpy changed(&profiles, &ServerProfiles::serversChanged);

    QVERIFY(profiles.rename(id, QStringLiteral("Staging")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(profiles.displayName(id), QStringLiteral("Staging"));
    QCOMPARE(profiles.ids(), (QStringList {QString(), id, other})); // the id stays
    QCOMPARE(Settings(profiles.profilePath(id)).get<QString>(Settings::Key::ServerName), QStringLiteral("Staging"));

    QString error;
    QVERIFY(!profiles.rename(id, QStringLiteral("other"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!profiles.rename(QStringLiteral("nope"), QStringLiteral("x"), &error));
    QCOMPARE(changed.count(), 1);

    // Without a name: the host of its first URL, else its place.
    QVERIFY(profiles.rename(id, QString()));
    QCOMPARE(profiles.displayName(id), QStringLiteral("Server 2"));
    profiles.settings(id)->setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("https://staging.example.com/"))});
    QCOMPARE(profiles.displayName(id), QStringLiteral("staging.example.com"));

    // The first server is renamed in the main settings.
    QVERIFY(profiles.rename(QString(), QStringLiteral("Production")));
    QCOMPARE(main.get<QString>(Settings::Key::ServerName), QStringLiteral("Production"));
}

void tst_ServerProfiles::removeDeletesTheProfileFileOnly()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    const QString a = profiles.add(QStringLiteral("A"));
    const QString b = profiles.add(QStringLiteral("B"));
    const QString c = profiles.add(QStringLiteral("C"));
    const QString fileOfB = profiles.profilePath(b);
    QVERIFY(QFile::exists(fileOfB));
    QSignalSpy changed(&profiles, &ServerProfiles::serversChanged);

    QString error;
    QVERIFY(!profiles.remove(QString(), &error)); // the first server stays
    QVERIFY(!error.isEmpty());
    QVERIFY(!profiles.remove(QStringLiteral("nope"), &error));
    QCOMPARE(changed.count(), 0);

    QVERIFY(profiles.remove(b));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(profiles.ids(), (QStringList {QString(), a, c}));
    QVERIFY(!QFile::exists(fileOfB));
    QVERIFY(QFile::exists(profiles.profilePath(a)));
    QCOMPARE(profiles.settings(b), nullptr);

    // A store left by a removed server is not handed to a new one of the same name.
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(QDir().mkpath(dataDir));
    QFile store(QDir(dataDir).filePath(ServerProfiles::storeFileName(b)));
    QVERIFY(store.open(QIODevice::WriteOnly));
    store.close();
    const QString again = profiles.add(QStringLiteral("B"));
    QVERIFY(!again.isEmpty());
    QVERIFY(again != b);
    QVERIFY(store.remove());
}

void tst_ServerProfiles::storeFileNames()
{
    QCOMPARE(ServerProfiles::storeFileName(QString()), QStringLiteral("todos.sqlite"));
    QCOMPARE(ServerProfiles::storeFileName(QStringLiteral("test-system")), QStringLiteral("todos-test-system.sqlite"));
}

void tst_ServerProfiles::findId()
{
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    main.setValue(Settings::Key::ServerName, QStringLiteral("Production"));
    ServerProfiles profiles(&main);
    const QString id = profiles.add(QStringLiteral("Test system"));
    QCOMPARE(profiles.findId(QStringLiteral("default")), std::optional<QString>(QString()));
    QCOMPARE(profiles.findId(QStringLiteral("production")), std::optional<QString>(QString()));
    QCOMPARE(profiles.findId(id), std::optional<QString>(id));
    QCOMPARE(profiles.findId(QStringLiteral("TEST SYSTEM")), std::optional<QString>(id));
    QCOMPARE(profiles.findId(QStringLiteral("staging")), std::nullopt);
}

void tst_ServerProfiles::presetLocksApplyToEveryProfile()
{
    {
        QFile preset(path(QStringLiteral("preset.conf")));
        QVERIFY(preset.open(QIODevice::WriteOnly));
        preset.write("[connection]\n"
                     "heartbeatOutMs=20000\n"
                     "[links]\n"
                     "webBaseUrl=https://oa.corp.example/\n"
                     "[admin]\n"
                     "locked=links/webBaseUrl\n");
    }
    Settings main(path(QStringLiteral("todo-notifier.conf")), path(QStringLiteral("preset.conf")));
    ServerProfiles profiles(&main);
    const QString id = profiles.add(QStringLiteral("Test"));
    Settings *settings = profiles.settings(id);
    QVERIFY(settings->isLocked(Settings::Key::WebBaseUrl));
    QCOMPARE(settings->url(Settings::Key::WebBaseUrl), QUrl(QStringLiteral("https://oa.corp.example/")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("locked by the administrator")));
    QVERIFY(!settings->setValue(Settings::Key::WebBaseUrl, QStringLiteral("https://evil.example/")));
    // An unlocked preset is a default the profile may change.
    QCOMPARE(settings->get<int>(Settings::Key::HeartbeatOutMs), 20000);
    QVERIFY(settings->setValue(Settings::Key::HeartbeatOutMs, 5000));
    QCOMPARE(main.get<int>(Settings::Key::HeartbeatOutMs), 20000);
}

void tst_ServerProfiles::aProfileSurvivesReopening()
{
    QString id;
    {
        Settings main(path(QStringLiteral("todo-notifier.conf")));
        ServerProfiles profiles(&main);
        id = profiles.add(QStringLiteral("Test system"));
        Settings *settings = profiles.settings(id);
        settings->setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("ws://test.example.com/ws"))});
        settings->setValue(Settings::Key::Protocol, QStringLiteral("json-ws"));
        settings->sync();
    }
    Settings main(path(QStringLiteral("todo-notifier.conf")));
    ServerProfiles profiles(&main);
    QCOMPARE(profiles.ids(), (QStringList {QString(), id}));
    QCOMPARE(profiles.displayName(id), QStringLiteral("Test system"));
    QCOMPARE(profiles.settings(id)->urls(Settings::Key::ServerUrls),
             QList<QUrl> {QUrl(QStringLiteral("ws://test.example.com/ws"))});
    QCOMPARE(profiles.settings(id)->get<QString>(Settings::Key::Protocol), QStringLiteral("json-ws"));
}

QTEST_GUILESS_MAIN(tst_ServerProfiles)
#include "tst_serverprofiles.moc"
