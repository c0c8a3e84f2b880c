// CredentialStore against a real keychain and without one. The same tests run twice (see CMakeLists.txt):
//  - TODO_EXPECT_KEYCHAIN=1 under tests/support/run-with-keyring.sh: a real gnome-keyring-daemon (Secret
//    Service) on a private session bus. Secrets round-trip, survive a new CredentialStore (a restart), and
//    no file under HOME holds them in plaintext.
//  - TODO_EXPECT_KEYCHAIN=0 with DBUS_SESSION_BUS_ADDRESS pointing nowhere: the store says there is no
//    keychain, keeps secrets in memory for this run only, and writes nothing anywhere.
#include "config/CredentialStore.h"
#include "config/Settings.h"
#include "stomp/StompSettings.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 20000;
using Secrets = QHash<QString, QByteArray>;

bool expectKeychain()
{
    return qEnvironmentVariableIntValue("TODO_EXPECT_KEYCHAIN") == 1;
}

// Every file under `root` whose bytes contain `needle`.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}

} // namespace

class tst_CredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storeReadRemove();
    void survivesANewStore();
    void readAllCollectsWhatExists();
    void accountsAndItemsAreSeparate();
    void secretsNeverReachTheSettingsFile();

private:
    QString m_account =
        Settings::credentialAccount(QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")), QStringLiteral("guest"));
    QString m_service = QStringLiteral("TodoNotifierTest");
};

void tst_CredentialStore::initTestCase()
{
    QVERIFY(QDir().mkpath(QDir::homePath()));
    qInfo() << "expecting a keychain:" << expectKeychain()
            << "DBUS_SESSION_BUS_ADDRESS=" << qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
}

void tst_CredentialStore::storeReadRemove()
{
    CredentialStore store(m_service);
    QSignalSpy stored(&store, &CredentialStore::stored);
    QSignalSpy read(&store, &CredentialStore::secretRead);
    QSignalSpy removed(&store, &CredentialStore::removed);
    QSignalSpy failed(&store, &CredentialStore::failed);
    QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);
    const QByteArray secret = QByteArrayLiteral("pa55:wörd\n\x00\x01 binary-safe");

    store.store(m_account, Settings::passcodeItem(), secret);
    QCOMPARE(stored.count(), 0); // asynchronous
    QVERIFY(stored.wait(kWaitMs));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(stored.at(0).at(0).toString(), m_account);
    QCOMPARE(stored.at(0).at(1).toString(), Settings::passcodeItem());
    QCOMPARE(stored.at(0).at(2).toBool(), expectKeychain()); // persistent only with a keychain
    QCOMPARE(store.isKeychainAvailable(), expectKeychain());
    if (expectKeychain()) {
        QCOMPARE(unavailable.count(), 0);
        QVERIFY(store.unavailableReason().isEmpty());
    } else {
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!store.unavailableReason().isEmpty()); // the dialog has something to say
        QCOMPARE(unavailable.at(0).at(0).toString(), store.unavailableReason());
    }

    store.read(m_account, Settings::passcodeItem());
    QVERIFY(read.wait(kWaitMs));
    QCOMPARE(read.at(0).at(2).toByteArray(), secret);
    QVERIFY(read.at(0).at(3).toBool());

    // Overwrite, then remove; reading a removed item finds nothing, and removing twice is fine.
    store.store(m_account, Settings::passcodeItem(), "second");
    QVERIFY(stored.wait(kWaitMs));
    store.read(m_account, Settings::passcodeItem());
    QVERIFY(read.wait(kWaitMs));
    QCOMPARE(read.at(1).at(2).toByteArray(), QByteArray("second"));
    store.remove(m_account, Settings::passcodeItem());
    QVERIFY(removed.wait(kWaitMs));
    store.remove(m_account, Settings::passcodeItem());
    QVERIFY(removed.wait(kWaitMs));
    store.read(m_account, Settings::passcodeItem());
    QVERIFY(read.wait(kWaitMs));
    QVERIFY(!read.at(2).at(3).toBool());
    QVERIFY(read.at(2).at(2).toByteArray().isEmpty());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(store.pendingCount(), 0);
    QCOMPARE(unavailable.count(), expectKeychain() ? 0 : 1); // said once, not per operation
}

void tst_CredentialStore::survivesANewStore()
{
    {
        CredentialStore store(m_service);
        QSignalSpy stored(&store, &CredentialStore::stored);
        store.store(m_account, QStringLiteral("header/connect/token"), "t0k3n-survives");
        QVERIFY(stored.wait(kWaitMs));
    }
    // A new store is what the next run of the application sees.
    CredentialStore store(m_service);
    QSignalSpy read(&store, &CredentialStore::secretRead);
    store.read(m_account, QStringLiteral("header/connect/token"));
    QVERIFY(read.wait(kWaitMs));
    if (expectKeychain()) {
        QVERIFY(read.at(0).at(3).toBool());
        QCOMPARE(read.at(0).at(2).toByteArray(), QByteArray("t0k3n-survives"));
    } else {
        QVERIFY(!read.at(0).at(3).toBool()); // memory only: gone with the previous run
    }
    // Nothing on disk holds it in plaintext: not a settings file, not a QtKeychain fallback file. (The
    // keyring's own file is encrypted.)
    QCOMPARE(filesContaining(QDir::homePath(), "t0k3n-survives"), QStringList());
    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(m_account, QStringLiteral("header/connect/token"));
    QVERIFY(removed.wait(kWaitMs));
}

void tst_CredentialStore::readAllCollectsWhatExists()
{
    CredentialStore store(m_service);
    QSignalSpy stored(&store, &CredentialStore::stored);
    store.store(m_account, Settings::passcodeItem(), "pw");
    store.store(m_account, QStringLiteral("header/handshake/Cookie"), "SESSION=1");
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 2, kWaitMs);

    QSignalSpy all(&store, &CredentialStore::secretsRead);
    store.readAll(m_account,
                  {Settings::passcodeItem(), QStringLiteral("header/handshake/Cookie"),
                   QStringLiteral("header/connect/never-stored")});
    QVERIFY(all.wait(kWaitMs));
    QCOMPARE(all.count(), 1);
    const auto secrets = all.at(0).at(1).value<Secrets>();
    QCOMPARE(secrets.size(), 2);
    QCOMPARE(secrets.value(Settings::passcodeItem()), QByteArray("pw"));
    QCOMPARE(secrets.value(QStringLiteral("header/handshake/Cookie")), QByteArray("SESSION=1"));

    store.readAll(m_account, {});
    QVERIFY(all.wait(kWaitMs));
    QVERIFY(all.at(1).at(1).value<Secrets>().isEmpty());

    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(m_account, Settings::passcodeItem());
    store.remove(m_account, QStringLiteral("header/handshake/Cookie"));
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kWaitMs);
}

void tst_CredentialStore::accountsAndItemsAreSeparate()
{
    CredentialStore store(m_service);
    const QString other =
        Settings::credentialAccount(QUrl(QStringLiteral("ws://127.0.0.1:15674/ws")), QStringLiteral("admin"));
    QSignalSpy stored(&store, &CredentialStore::stored);
    store.store(m_account, Settings::passcodeItem(), "guest-pw");
    store.store(other, Settings::passcodeItem(), "admin-pw");
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 2, kWaitMs);

    QSignalSpy read(&store, &CredentialStore::secretRead);
    store.read(other, Settings::passcodeItem());
    store.read(m_account, Settings::passcodeItem());
    QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, kWaitMs);
    QCOMPARE(read.at(0).at(0).toString(), other);
    QCOMPARE(read.at(0).at(2).toByteArray(), QByteArray("admin-pw"));
    QCOMPARE(read.at(1).at(2).toByteArray(), QByteArray("guest-pw"));

    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(m_account, Settings::passcodeItem());
    store.remove(other, Settings::passcodeItem());
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kWaitMs);
}

// The way the settings dialog will save: non-secret values to Settings, secrets to the store. Then the
// settings file and everything else under HOME is checked for the secret bytes.
void tst_CredentialStore::secretsNeverReachTheSettingsFile()
{
    QTemporaryDir dir(QDir::homePath() + QStringLiteral("/settings-XXXXXX"));
    QVERIFY(dir.isValid());
    const QByteArray passcode = "correct-horse-battery-staple";
    const QByteArray token = "Bearer very-secret-token";
    Settings settings(dir.filePath(QStringLiteral("todo-notifier.conf")));
    settings.setUrls(Settings::Key::ServerUrls, {QUrl(QStringLiteral("ws://127.0.0.1:15674/ws"))});
    settings.setValue(Settings::Key::Login, QStringLiteral("guest"));
    const HeaderSetting header {QStringLiteral("Authorization"), QString::fromUtf8(token), true,
                                HeaderSetting::Target::Handshake};
    settings.setHeaders({header});
    settings.sync();

    CredentialStore store(m_service);
    QSignalSpy stored(&store, &CredentialStore::stored);
    store.store(settings.credentialAccount(), Settings::passcodeItem(), passcode);
    store.store(settings.credentialAccount(), header.secretItem(), token);
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 2, kWaitMs);

    QSignalSpy all(&store, &CredentialStore::secretsRead);
    store.readAll(settings.credentialAccount(), settings.secretItems());
    QVERIFY(all.wait(kWaitMs));
    const auto secrets = all.at(0).at(1).value<Secrets>();
    ConnectionSecrets connection;
    connection.passcode = secrets.value(Settings::passcodeItem());
    connection.headerValues = secrets;
    const StompConnectOptions options = StompSettings::connectOptions(settings, connection);
    QCOMPARE(options.passcode, passcode);
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QCOMPARE(options.transport.handshakeHeaders, (Headers {{"Authorization", token}}));

    QCOMPARE(filesContaining(QDir::homePath(), passcode), QStringList());
    QCOMPARE(filesContaining(QDir::homePath(), "very-secret-token"), QStringList());

    QSignalSpy removed(&store, &CredentialStore::removed);
    store.remove(settings.credentialAccount(), Settings::passcodeItem());
    store.remove(settings.credentialAccount(), header.secretItem());
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kWaitMs);
}

QTEST_GUILESS_MAIN(tst_CredentialStore)
#include "tst_credentialstore.moc"
