// SecretServiceBackend against a locked keychain: a small Secret Service in this process (on a connection of its
// own to a private session bus, see CMakeLists.txt) whose collection is locked, and whose unlock prompt the "user"
// accepts or dismisses. A real keyring's prompt is a dialog, which a headless test cannot answer.
#include "KeychainAnswer.h"
#include "config/SecretServiceBackend.h"
#include "config/SecretServiceSecret.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVariant>
#include <QDBusVirtualObject>
#include <QTest>
#include <QTimer>

#include <optional>

namespace {

using Answer = KeychainBackend::Answer;
using Status = KeychainBackend::Status;
using Attributes = QMap<QString, QString>;
using Paths = QList<QDBusObjectPath>;

const QString kCollection = QStringLiteral("/org/freedesktop/secrets/collection/login");
const QString kPrompt = QStringLiteral("/org/freedesktop/secrets/prompt/p1");
const QString kSession = QStringLiteral("/org/freedesktop/secrets/session/s1");

using Secret = SecretServiceSecret;

// A Secret Service with one collection, locked until its prompt is accepted.
class FakeSecretService final : public QDBusVirtualObject
{
public:
    struct Item
    {
        QString label;
        Attributes attributes;
        Secret secret;
    };

    explicit FakeSecretService(const QDBusConnection &connection)
        : m_connection(connection)
    { }

    bool locked = true;
    bool dismiss = false; // what the user does with the prompt
    int promptsShown = 0;
    QMap<QString, Item> items; // by object path

    QString introspect(const QString &) const override { return {}; }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        const QString method = message.member();
        const QVariantList arguments = message.arguments();
        QVariantList reply;
        if (method == QLatin1String("OpenSession")) {
            if (arguments.value(0).toString() != QLatin1String("plain"))
                return sendError(message, QStringLiteral("org.freedesktop.DBus.Error.NotSupported"));
            reply = {QVariant::fromValue(QDBusVariant(QString())), QVariant::fromValue(QDBusObjectPath(kSession))};
        } else if (method == QLatin1String("ReadAlias")) {
            reply = {QVariant::fromValue(QDBusObjectPath(kCollection))};
        } else if (method == QLatin1String("SearchItems")) {
            const auto wanted = qdbus_cast<Attributes>(arguments.value(0));
            Paths found;
            for (auto it = items.cbegin(); it != items.cend(); ++it) {
                bool matches = true;
                for (auto attribute = wanted.cbegin(); attribute != wanted.cend(); ++attribute)
                    matches = matches && it->attributes.value(attribute.key()) == attribute.value();
                if (matches)
                    found.append(QDBusObjectPath(it.key()));
            }
            reply = {QVariant::fromValue(locked ? Paths() : found), QVariant::fromValue(locked ? found : Paths())};
        } else if (method == QLatin1String("Unlock")) {
            const auto objects = qdbus_cast<Paths>(arguments.value(0));
            reply = locked ? QVariantList {QVariant::fromValue(Paths()), QVariant::fromValue(QDBusObjectPath(kPrompt))}
                           : QVariantList {QVariant::fromValue(objects),
                                           QVariant::fromValue(QDBusObjectPath(QStringLiteral("/")))};
        } else if (method == QLatin1String("Prompt")) {
            ++promptsShown;
            // The user answers the dialog a moment later.
            QTimer::singleShot(0, [this] {
                if (!dismiss)
                    locked = false;
                auto completed = QDBusMessage::createSignal(kPrompt, QStringLiteral("org.freedesktop.Secret.Prompt"),
                                                            QStringLiteral("Completed"));
                completed << dismiss << QVariant::fromValue(QDBusVariant(QVariant::fromValue(Paths())));
                m_connection.send(completed);
            });
        } else if (locked) {
            return sendError(message, QStringLiteral("org.freedesktop.Secret.Error.IsLocked"));
        } else if (method == QLatin1String("GetSecret")) {
            if (!items.contains(message.path()))
                return sendError(message, QStringLiteral("org.freedesktop.Secret.Error.NoSuchObject"));
            reply = {QVariant::fromValue(items.value(message.path()).secret)};
        } else if (method == QLatin1String("CreateItem")) {
            const auto properties = qdbus_cast<QVariantMap>(arguments.value(0));
            Item item;
            item.label = properties.value(QStringLiteral("org.freedesktop.Secret.Item.Label")).toString();
            item.attributes =
                qdbus_cast<Attributes>(properties.value(QStringLiteral("org.freedesktop.Secret.Item.Attributes")));
            item.secret = qdbus_cast<Secret>(arguments.value(1));
            QString path = kCollection + QStringLiteral("/i") + QString::number(items.size() + 1);
            for (auto it = items.cbegin(); it != items.cend(); ++it) {
                if (it->attributes == item.attributes && arguments.value(2).toBool())
                    path = it.key();
            }
            items.insert(path, item);
            reply = {QVariant::fromValue(QDBusObjectPath(path)),
                     QVariant::fromValue(QDBusObjectPath(QStringLiteral("/")))};
        } else if (method == QLatin1String("Delete")) {
            items.remove(message.path());
            reply = {QVariant::fromValue(QDBusObjectPath(QStringLiteral("/")))};
        } else {
            return sendError(message, QStringLiteral("org.freedesktop.DBus.Error.UnknownMethod"));
        }
        connection.send(message.createReply(reply));
        return true;
    }

private:
    bool sendError(const QDBusMessage &message, const QString &name)
    {
        m_connection.send(message.createErrorReply(name, name));
        return true;
    }

    QDBusConnection m_connection;
};

} // namespace

class tst_SecretServicePrompt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void readsALockedItemOnceThePromptIsAccepted();
    void aDismissedPromptIsAFailure();
    void writesIntoALockedCollectionAsQtKeychainWould();

private:
    const QString m_service = QStringLiteral("TodoNotifierPromptTest");
    const QString m_key = QStringLiteral("guest@ws://127.0.0.1/ws#passcode");
    std::optional<QDBusConnection> m_connection;
    FakeSecretService *m_fake = nullptr;
};

void tst_SecretServicePrompt::initTestCase()
{
    qDBusRegisterMetaType<Secret>();
    qDBusRegisterMetaType<Attributes>();
    // Its own connection, so that the backend's calls go through the bus like anyone else's.
    m_connection = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-secret-service"));
    QVERIFY2(m_connection->isConnected(), "run under dbus-run-session");
    m_fake = new FakeSecretService(*m_connection);
    QVERIFY(m_connection->registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), m_fake,
                                                QDBusConnection::SubPath));
    QVERIFY(m_connection->registerService(QStringLiteral("org.freedesktop.secrets")));
}

void tst_SecretServicePrompt::init()
{
    m_fake->locked = true;
    m_fake->dismiss = false;
    m_fake->promptsShown = 0;
    m_fake->items.clear();
}

void tst_SecretServicePrompt::cleanupTestCase()
{
    m_connection->unregisterObject(QStringLiteral("/org/freedesktop/secrets"), QDBusConnection::UnregisterTree);
    delete m_fake;
    QDBusConnection::disconnectFromBus(QStringLiteral("fake-secret-service"));
}

void tst_SecretServicePrompt::readsALockedItemOnceThePromptIsAccepted()
{
    m_fake->items.insert(
        kCollection + QStringLiteral("/i1"),
        {m_service,
         {{QStringLiteral("user"), m_key},
          {QStringLiteral("server"), m_service},
          {QStringLiteral("type"), QStringLiteral("base64")}},
         {QDBusObjectPath(kSession), {}, QByteArray("s3cret").toBase64(), QStringLiteral("text/plain")}});
    SecretServiceBackend backend(m_service);
    const Answer read = answerOf([&](auto done) { backend.read(m_key, done); });
    QCOMPARE(read.status, Status::Ok);
    QCOMPARE(read.secret, QByteArray("s3cret"));
    QCOMPARE(m_fake->promptsShown, 1);
    QVERIFY(!backend.usesQtKeychain());
}

void tst_SecretServicePrompt::aDismissedPromptIsAFailure()
{
    m_fake->items.insert(kCollection + QStringLiteral("/i1"),
                         {m_service,
                          {{QStringLiteral("user"), m_key},
                           {QStringLiteral("server"), m_service},
                           {QStringLiteral("type"), QStringLiteral("plaintext")}},
                          {QDBusObjectPath(kSession), {}, "s3cret", QStringLiteral("text/plain")}});
    m_fake->dismiss = true;
    SecretServiceBackend backend(m_service);
    const Answer read = answerOf([&](auto done) { backend.read(m_key, done); });
    QCOMPARE(read.status, Status::Failed);
    QVERIFY(!read.error.isEmpty()); // something to tell the user
    QVERIFY(read.secret.isEmpty());
    QCOMPARE(m_fake->promptsShown, 1);

    m_fake->dismiss = false; // a second try, accepted
    const Answer again = answerOf([&](auto done) { backend.read(m_key, done); });
    QCOMPARE(again.status, Status::Ok);
    QCOMPARE(again.secret, QByteArray("s3cret"));
}

void tst_SecretServicePrompt::writesIntoALockedCollectionAsQtKeychainWould()
{
    SecretServiceBackend backend(m_service);
    QCOMPARE(answerOf([&](auto done) { backend.write(m_key, QByteArray("pa55\x00word", 9), done); }).status,
             Status::Ok);
    QCOMPARE(m_fake->promptsShown, 1);
    QCOMPARE(m_fake->items.size(), 1);
    const FakeSecretService::Item item = m_fake->items.first();
    // QtKeychain's libsecret backend: label = service, and these attributes (xdg:schema is added by libsecret).
    QCOMPARE(item.label, m_service);
    const Attributes expected {{QStringLiteral("user"), m_key},
                               {QStringLiteral("server"), m_service},
                               {QStringLiteral("type"), QStringLiteral("base64")},
                               {QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain")}};
    QCOMPARE(item.attributes, expected);
    QCOMPARE(item.secret.session.path(), kSession);
    QCOMPARE(item.secret.value, QByteArray("pa55\x00word", 9).toBase64());
    QCOMPARE(item.secret.contentType, QStringLiteral("text/plain"));

    // Written again: the same item, replaced.
    QCOMPARE(answerOf([&](auto done) { backend.write(m_key, "second", done); }).status, Status::Ok);
    QCOMPARE(m_fake->items.size(), 1);
    QCOMPARE(QByteArray::fromBase64(m_fake->items.first().secret.value), QByteArray("second"));
    QCOMPARE(answerOf([&](auto done) { backend.remove(m_key, done); }).status, Status::Ok);
    QVERIFY(m_fake->items.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SecretServicePrompt)
#include "tst_secretserviceprompt.moc"
