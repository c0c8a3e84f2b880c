#include "config/SecretServiceBackend.h"

#include "base/Logging.h"
#include "config/QtKeychainBackend.h"
#include "config/SecretServiceSecret.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

#include <memory>
#include <utility>

namespace {

const QString kBusName = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kCollectionInterface = QStringLiteral("org.freedesktop.Secret.Collection");
const QString kItemInterface = QStringLiteral("org.freedesktop.Secret.Item");
const QString kPromptInterface = QStringLiteral("org.freedesktop.Secret.Prompt");
const QString kNone = QStringLiteral("/"); // the object path that stands for "no object" (no prompt, no collection)
// QtKeychain's libsecret schema (libsecret.cpp in QtKeychain), which libsecret records as the xdg:schema attribute.
const QString kSchema = QStringLiteral("org.qt.keychain");

using Secret = SecretServiceSecret;

void registerTypes()
{
    static const bool registered = [] {
        qDBusRegisterMetaType<Secret>();
        qDBusRegisterMetaType<QMap<QString, QString>>();
        return true;
    }();
    Q_UNUSED(registered)
}

// QtKeychain prefers KWallet on KDE desktops (its detectDesktopEnvironment()); those stay with it. This errs towards
// KDE: any sign of one leaves the keychain to QtKeychain, as before.
bool onKdeDesktop()
{
    const QList<QByteArray> desktops = qgetenv("XDG_CURRENT_DESKTOP").split(':');
    return desktops.contains("KDE") || qgetenv("DESKTOP_SESSION").startsWith("kde")
        || qEnvironmentVariableIsSet("KDE_FULL_SESSION");
}

// No Secret Service on the bus and none that D-Bus can start.
bool isAbsent(const QDBusMessage &error)
{
    const QString name = error.errorName();
    return name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")
        || name.startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn."))
        || name == QLatin1String("org.freedesktop.DBus.Error.Disconnected");
}

KeychainBackend::Answer failure(const QDBusMessage &error)
{
    KeychainBackend::Answer answer;
    answer.status = error.errorName() == QLatin1String("org.freedesktop.Secret.Error.NoSuchObject")
        ? KeychainBackend::Status::NotFound
        : KeychainBackend::Status::Failed;
    answer.error = error.errorMessage().isEmpty() ? error.errorName() : error.errorMessage();
    return answer;
}

} // namespace

// Hears one prompt's Completed signal. QtDBus subscribes to a remote signal only by a slot's signature (there is no
// functor overload of QDBusConnection::connect), hence this small receiver.
class SecretServicePrompt final : public QObject
{
    Q_OBJECT
public:
    SecretServicePrompt(const QString &path, QObject *parent)
        : QObject(parent)
        , m_path(path)
    {
        QDBusConnection::sessionBus().connect(kBusName, m_path, kPromptInterface, QStringLiteral("Completed"), this,
                                              SLOT(onCompleted(bool, QDBusVariant)));
    }
    ~SecretServicePrompt() override
    {
        QDBusConnection::sessionBus().disconnect(kBusName, m_path, kPromptInterface, QStringLiteral("Completed"), this,
                                                 SLOT(onCompleted(bool, QDBusVariant)));
    }
    Q_DISABLE_COPY_MOVE(SecretServicePrompt)

Q_SIGNALS:
    void completed(bool dismissed, const QVariant &result);

private Q_SLOTS:
    void onCompleted(bool dismissed, const QDBusVariant &result) { Q_EMIT completed(dismissed, result.variant()); }

private:
    QString m_path;
};

SecretServiceBackend::SecretServiceBackend(const QString &service, QObject *parent)
    : KeychainBackend(parent)
    , m_service(service)
{
    registerTypes();
    if (onKdeDesktop() || !QDBusConnection::sessionBus().isConnected())
        useQtKeychain();
}

void SecretServiceBackend::write(const QString &key, const QByteArray &secret, Done done)
{
    whenReady(
        [this, key, secret, done] {
            if (m_fallback) {
                m_fallback->write(key, secret, done);
                return;
            }
            call(
                kServicePath, kServiceInterface, QStringLiteral("ReadAlias"), {QStringLiteral("default")},
                [this, key, secret, done](const QDBusMessage &reply) {
                    const auto collection = qdbus_cast<QDBusObjectPath>(reply.arguments().value(0));
                    if (collection.path() != kNone) {
                        writeTo(collection, key, secret, done);
                        return;
                    }
                    // No default collection yet: create one, as libsecret does (the service asks for its password).
                    const QVariantMap properties {
                        {QStringLiteral("org.freedesktop.Secret.Collection.Label"), tr("Default keyring")}};
                    call(
                        kServicePath, kServiceInterface, QStringLiteral("CreateCollection"),
                        {properties, QStringLiteral("default")},
                        [this, key, secret, done](const QDBusMessage &answer) {
                            const auto created = qdbus_cast<QDBusObjectPath>(answer.arguments().value(0));
                            if (created.path() != kNone) {
                                writeTo(created, key, secret, done);
                                return;
                            }
                            prompt(
                                qdbus_cast<QDBusObjectPath>(answer.arguments().value(1)),
                                [this, key, secret, done](const QVariant &result) {
                                    writeTo(qdbus_cast<QDBusObjectPath>(result), key, secret, done);
                                },
                                done);
                        },
                        done);
                },
                done);
        },
        done);
}

void SecretServiceBackend::writeTo(const QDBusObjectPath &collection, const QString &key, const QByteArray &secret,
                                   Done done)
{
    // Unlocking an unlocked collection answers at once; a locked one asks the user.
    unlock(
        {collection},
        [this, collection, key, secret, done] {
            QMap<QString, QString> itemAttributes = attributes(key, QStringLiteral("base64"));
            itemAttributes.insert(QStringLiteral("xdg:schema"), kSchema);
            const QVariantMap properties {
                {QStringLiteral("org.freedesktop.Secret.Item.Label"), m_service},
                {QStringLiteral("org.freedesktop.Secret.Item.Attributes"), QVariant::fromValue(itemAttributes)}};
            const Secret value {m_session, {}, secret.toBase64(), QStringLiteral("text/plain")};
            call(
                collection.path(), kCollectionInterface, QStringLiteral("CreateItem"),
                {properties, QVariant::fromValue(value), true}, // replace the item with the same attributes
                [this, done](const QDBusMessage &reply) {
                    prompt(
                        qdbus_cast<QDBusObjectPath>(reply.arguments().value(1)),
                        [done](const QVariant &) {
                            done({Status::Ok, {}, {}});
                        },
                        done);
                },
                done);
        },
        done);
}

void SecretServiceBackend::read(const QString &key, Done done)
{
    whenReady(
        [this, key, done] {
            if (m_fallback)
                m_fallback->read(key, done);
            else
                readFrom(key, QStringLiteral("plaintext"), done);
        },
        done);
}

void SecretServiceBackend::readFrom(const QString &key, const QString &type, Done done)
{
    // Like QtKeychain: an item written as text first, then one written as bytes (base64), which is what we write.
    call(
        kServicePath, kServiceInterface, QStringLiteral("SearchItems"), {QVariant::fromValue(attributes(key, type))},
        [this, key, type, done](const QDBusMessage &reply) {
            const auto unlocked = qdbus_cast<Paths>(reply.arguments().value(0));
            const auto locked = qdbus_cast<Paths>(reply.arguments().value(1));
            const bool base64 = type == QLatin1String("base64");
            if (!unlocked.isEmpty())
                readItem(unlocked.first(), false, base64, done);
            else if (!locked.isEmpty())
                readItem(locked.first(), true, base64, done);
            else if (!base64)
                readFrom(key, QStringLiteral("base64"), done);
            else
                done({Status::NotFound, {}, {}});
        },
        done);
}

void SecretServiceBackend::readItem(const QDBusObjectPath &item, bool locked, bool base64, Done done)
{
    if (locked) {
        unlock(
            {item}, [this, item, base64, done] { readItem(item, false, base64, done); }, done);
        return;
    }
    call(
        item.path(), kItemInterface, QStringLiteral("GetSecret"), {QVariant::fromValue(m_session)},
        [base64, done](const QDBusMessage &reply) {
            const auto secret = qdbus_cast<Secret>(reply.arguments().value(0));
            done({Status::Ok, base64 ? QByteArray::fromBase64(secret.value) : secret.value, {}});
        },
        done);
}

void SecretServiceBackend::remove(const QString &key, Done done)
{
    whenReady(
        [this, key, done] {
            if (m_fallback) {
                m_fallback->remove(key, done);
                return;
            }
            // Every item of this key, whatever its type, as libsecret's secret_password_clear() does.
            call(
                kServicePath, kServiceInterface, QStringLiteral("SearchItems"),
                {QVariant::fromValue(attributes(key, {}))},
                [this, done](const QDBusMessage &reply) {
                    const auto unlocked = qdbus_cast<Paths>(reply.arguments().value(0));
                    const auto locked = qdbus_cast<Paths>(reply.arguments().value(1));
                    if (unlocked.isEmpty() && locked.isEmpty())
                        done({Status::NotFound, {}, {}});
                    else if (locked.isEmpty())
                        removeItems(unlocked, done);
                    else
                        unlock(
                            locked, [this, items = unlocked + locked, done] { removeItems(items, done); }, done);
                },
                done);
        },
        done);
}

void SecretServiceBackend::removeItems(Paths items, Done done)
{
    if (items.isEmpty()) {
        done({Status::Ok, {}, {}});
        return;
    }
    const QDBusObjectPath item = items.takeFirst();
    call(
        item.path(), kItemInterface, QStringLiteral("Delete"), {},
        [this, items, done](const QDBusMessage &reply) {
            prompt(
                qdbus_cast<QDBusObjectPath>(reply.arguments().value(0)),
                [this, items, done](const QVariant &) { removeItems(items, done); }, done);
        },
        done);
}

void SecretServiceBackend::whenReady(std::function<void()> operation, Done done)
{
    if (m_fallback || m_sessionState == SessionState::Open) {
        operation();
        return;
    }
    m_waiting.append({std::move(operation), std::move(done)});
    if (m_sessionState == SessionState::Closed)
        openSession();
}

void SecretServiceBackend::openSession()
{
    m_sessionState = SessionState::Opening;
    auto message =
        QDBusMessage::createMethodCall(kBusName, kServicePath, kServiceInterface, QStringLiteral("OpenSession"));
    message.setArguments({QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusMessage reply = finished->reply();
        const auto waiting = std::exchange(m_waiting, {});
        if (reply.type() == QDBusMessage::ErrorMessage) {
            if (isAbsent(reply)) {
                qCInfo(lcCredentials) << "no Secret Service on the session bus (" << reply.errorMessage()
                                      << ") - asking QtKeychain";
                useQtKeychain();
                for (const auto &[operation, done] : waiting)
                    operation();
                return;
            }
            m_sessionState = SessionState::Closed; // the next operation tries again
            for (const auto &[operation, done] : waiting)
                done(failure(reply));
            return;
        }
        m_session = qdbus_cast<QDBusObjectPath>(reply.arguments().value(1));
        m_sessionState = SessionState::Open;
        for (const auto &[operation, done] : waiting)
            operation();
    });
}

void SecretServiceBackend::useQtKeychain()
{
    if (!m_fallback)
        m_fallback = new QtKeychainBackend(m_service, this);
}

void SecretServiceBackend::call(const QString &path, const QString &interface, const QString &method,
                                const QVariantList &arguments, Reply onReply, Done done)
{
    auto message = QDBusMessage::createMethodCall(kBusName, path, interface, method);
    message.setArguments(arguments);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, onReply = std::move(onReply), done = std::move(done)](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusMessage reply = finished->reply();
                if (reply.type() != QDBusMessage::ErrorMessage) {
                    onReply(reply);
                    return;
                }
                // The service restarted and forgot the session: open a new one next time.
                if (reply.errorName() == QLatin1String("org.freedesktop.Secret.Error.NoSession"))
                    m_sessionState = SessionState::Closed;
                done(failure(reply));
            });
}

void SecretServiceBackend::unlock(const Paths &objects, std::function<void()> then, Done done)
{
    call(
        kServicePath, kServiceInterface, QStringLiteral("Unlock"), {QVariant::fromValue(objects)},
        [this, then = std::move(then), done](const QDBusMessage &reply) {
            prompt(
                qdbus_cast<QDBusObjectPath>(reply.arguments().value(1)), [then](const QVariant &) { then(); }, done);
        },
        done);
}

void SecretServiceBackend::prompt(const QDBusObjectPath &prompt, Then then, Done done)
{
    if (prompt.path() == kNone || prompt.path().isEmpty()) {
        then({});
        return;
    }
    // The prompt's answer comes as its Completed signal, after the user has dealt with the service's dialog; if the
    // Prompt call itself fails, no Completed follows. Whichever comes first answers.
    auto *watcher = new SecretServicePrompt(prompt.path(), this);
    auto answered = std::make_shared<bool>(false);
    connect(watcher, &SecretServicePrompt::completed, this,
            [watcher, answered, then, done](bool dismissed, const QVariant &result) {
                watcher->deleteLater();
                if (std::exchange(*answered, true))
                    return;
                if (dismissed)
                    done({Status::Failed, {}, tr("The keychain was not unlocked.")});
                else
                    then(result);
            });
    call(
        prompt.path(), kPromptInterface, QStringLiteral("Prompt"), {QString()}, // no parent window
        [](const QDBusMessage &) {},
        [watcher, answered, done](const Answer &answer) {
            if (std::exchange(*answered, true))
                return;
            watcher->deleteLater();
            done(answer);
        });
}

QMap<QString, QString> SecretServiceBackend::attributes(const QString &key, const QString &type) const
{
    QMap<QString, QString> result {{QStringLiteral("user"), key}, {QStringLiteral("server"), m_service}};
    if (!type.isEmpty())
        result.insert(QStringLiteral("type"), type);
    return result;
}

#include "SecretServiceBackend.moc"
