// SecretServiceBackend (Linux) against a real gnome-keyring-daemon (tests/support/run-with-keyring.sh): what it
// stores, QtKeychain reads, and what QtKeychain stored, it reads and overwrites. Users who stored their passcode
// with an earlier version (QtKeychain through libsecret) keep it.
#include "KeychainAnswer.h"
#include "config/QtKeychainBackend.h"
#include "config/SecretServiceBackend.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QTest>

#include <optional>

namespace {

using Answer = KeychainBackend::Answer;
using Status = KeychainBackend::Status;

// How many items of the keychain carry `attributes`, asked of the Secret Service itself.
int itemCount(const QMap<QString, QString> &attributes)
{
    auto message = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    message.setArguments({QVariant::fromValue(attributes)});
    const QDBusMessage reply = QDBusConnection::sessionBus().call(message);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return -1;
    return int(qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(0)).size()
               + qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(1)).size());
}

} // namespace

class tst_SecretServiceBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void readsWhatQtKeychainStored();
    void qtKeychainReadsWhatItStored();
    void overwritesQtKeychainsItem();

private:
    const QString m_service = QStringLiteral("TodoNotifierCompatTest");
};

void tst_SecretServiceBackend::initTestCase()
{
    qDBusRegisterMetaType<QMap<QString, QString>>();
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "run under tests/support/run-with-keyring.sh");
}

void tst_SecretServiceBackend::roundTrip()
{
    SecretServiceBackend backend(m_service);
    const QByteArray secret = QByteArrayLiteral("pa55:wörd\n\x00\x01 binary-safe");
    const QString key = QStringLiteral("guest@ws://127.0.0.1/ws#passcode");
    QCOMPARE(answerOf([&](auto done) { backend.write(key, secret, done); }).status, Status::Ok);
    QVERIFY(!backend.usesQtKeychain()); // it talked to the Secret Service itself
    const Answer read = answerOf([&](auto done) { backend.read(key, done); });
    QCOMPARE(read.status, Status::Ok);
    QCOMPARE(read.secret, secret);
    QCOMPARE(answerOf([&](auto done) { backend.remove(key, done); }).status, Status::Ok);
    QCOMPARE(answerOf([&](auto done) { backend.read(key, done); }).status, Status::NotFound);
    QCOMPARE(answerOf([&](auto done) { backend.remove(key, done); }).status, Status::NotFound);
}

void tst_SecretServiceBackend::readsWhatQtKeychainStored()
{
    const QString key = QStringLiteral("guest@ws://127.0.0.1/ws#header/connect/token");
    QtKeychainBackend qtKeychain(m_service);
    QCOMPARE(answerOf([&](auto done) { qtKeychain.write(key, "stored by QtKeychain\x00!", done); }).status, Status::Ok);

    SecretServiceBackend backend(m_service);
    const Answer read = answerOf([&](auto done) { backend.read(key, done); });
    QCOMPARE(read.status, Status::Ok);
    QCOMPARE(read.secret, QByteArray("stored by QtKeychain\x00!"));
    // Removing it removes QtKeychain's item.
    QCOMPARE(answerOf([&](auto done) { backend.remove(key, done); }).status, Status::Ok);
    QCOMPARE(answerOf([&](auto done) { qtKeychain.read(key, done); }).status, Status::NotFound);
}

void tst_SecretServiceBackend::qtKeychainReadsWhatItStored()
{
    const QString key = QStringLiteral("admin@ws://127.0.0.1/ws#passcode");
    SecretServiceBackend backend(m_service);
    QCOMPARE(answerOf([&](auto done) { backend.write(key, "stored directly", done); }).status, Status::Ok);

    QtKeychainBackend qtKeychain(m_service);
    const Answer read = answerOf([&](auto done) { qtKeychain.read(key, done); });
    QCOMPARE(read.status, Status::Ok);
    QCOMPARE(read.secret, QByteArray("stored directly"));
    QCOMPARE(answerOf([&](auto done) { qtKeychain.remove(key, done); }).status, Status::Ok);
    QCOMPARE(answerOf([&](auto done) { backend.read(key, done); }).status, Status::NotFound);
}

void tst_SecretServiceBackend::overwritesQtKeychainsItem()
{
    const QString key = QStringLiteral("guest@ws://127.0.0.1/ws#passcode");
    const QMap<QString, QString> attributes {{QStringLiteral("user"), key}, {QStringLiteral("server"), m_service}};
    QtKeychainBackend qtKeychain(m_service);
    QCOMPARE(answerOf([&](auto done) { qtKeychain.write(key, "old", done); }).status, Status::Ok);
    QCOMPARE(itemCount(attributes), 1);

    SecretServiceBackend backend(m_service);
    QCOMPARE(answerOf([&](auto done) { backend.write(key, "new", done); }).status, Status::Ok);
    QCOMPARE(itemCount(attributes), 1); // replaced, not a second item beside it
    QCOMPARE(answerOf([&](auto done) { qtKeychain.read(key, done); }).secret, QByteArray("new"));

    // And the other way round.
    QCOMPARE(answerOf([&](auto done) { qtKeychain.write(key, "newer", done); }).status, Status::Ok);
    QCOMPARE(itemCount(attributes), 1);
    QCOMPARE(answerOf([&](auto done) { backend.read(key, done); }).secret, QByteArray("newer"));
    QCOMPARE(answerOf([&](auto done) { backend.remove(key, done); }).status, Status::Ok);
    QCOMPARE(itemCount(attributes), 0);
}

QTEST_GUILESS_MAIN(tst_SecretServiceBackend)
#include "tst_secretservicebackend.moc"
