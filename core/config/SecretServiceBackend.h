#pragma once

#include "config/KeychainBackend.h"

#include <QDBusObjectPath>
#include <QList>
#include <QMap>

#include <functional>

class QDBusMessage;

// The keychain on Linux: the freedesktop Secret Service (gnome-keyring, KeePassXC, KWallet's Secret Service) asked
// directly over QtDBus, which the tray icon and notifications load anyway. QtKeychain would reach the same service
// through libsecret, which brings GIO, GObject, libgcrypt and two GLib threads into the process for good (about
// 3 MB resident, for one read at start-up).
//
// Items are stored exactly as QtKeychain's libsecret backend stores them, so either finds and overwrites what the
// other wrote: in the default collection, labelled with the service, attributes user = key, server = service,
// type = "base64" (the secret's bytes in base64; "plaintext" ones are read too) and xdg:schema = org.qt.keychain.
// The session is "plain": the secret travels unencrypted on the user's own session bus, as it does with KWallet's
// D-Bus API. A locked collection or item is unlocked through the service's prompt.
//
// Where QtKeychain would not use the Secret Service, everything goes to a QtKeychainBackend instead, so behaviour
// there is unchanged: on KDE desktops (QtKeychain prefers KWallet there), and where no Secret Service is on the
// session bus or none can be started.
class SecretServiceBackend final : public KeychainBackend
{
    Q_OBJECT
public:
    explicit SecretServiceBackend(const QString &service, QObject *parent = nullptr);

    void write(const QString &key, const QByteArray &secret, Done done) override;
    void read(const QString &key, Done done) override;
    void remove(const QString &key, Done done) override;

    // True once operations go to QtKeychain (see above).
    bool usesQtKeychain() const { return m_fallback != nullptr; }

private:
    enum class SessionState { Closed, Opening, Open };
    using Reply = std::function<void(const QDBusMessage &reply)>;
    using Paths = QList<QDBusObjectPath>;
    using Then = std::function<void(const QVariant &result)>;

    // Runs `operation` once the session is open or the fallback chosen (or opening failed: `done` hears of it).
    void whenReady(std::function<void()> operation, Done done);
    void openSession();
    void useQtKeychain();

    void readFrom(const QString &key, const QString &type, Done done);
    void readItem(const QDBusObjectPath &item, bool locked, bool base64, Done done);
    void writeTo(const QDBusObjectPath &collection, const QString &key, const QByteArray &secret, Done done);
    void removeItems(Paths items, Done done);

    // Calls `method` of `interface` at `path` on the Secret Service; `onReply` gets the reply, `done` the errors.
    void call(const QString &path, const QString &interface, const QString &method, const QVariantList &arguments,
              Reply onReply, Done done);
    // Unlocks `objects` (through a prompt if the service asks for one), then calls `then`.
    void unlock(const Paths &objects, std::function<void()> then, Done done);
    // Shows `prompt` unless it is "/", then calls `then` with the prompt's result; `done` hears if the user dismissed
    // it.
    void prompt(const QDBusObjectPath &prompt, Then then, Done done);
    // The attributes that name `key` of this service; `type` ("plaintext", "base64") only when not empty.
    QMap<QString, QString> attributes(const QString &key, const QString &type) const;

    QString m_service;
    SessionState m_sessionState = SessionState::Closed;
    QDBusObjectPath m_session;
    QList<std::pair<std::function<void()>, Done>> m_waiting; // operations waiting for the session
    KeychainBackend *m_fallback = nullptr;
};
