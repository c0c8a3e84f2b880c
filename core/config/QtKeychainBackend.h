#pragma once

#include "config/KeychainBackend.h"

// The keychain through QtKeychain: the Credential Manager on Windows, the Keychain on macOS; on Linux whatever
// QtKeychain finds (libsecret, KWallet), where SecretServiceBackend does not talk to the Secret Service itself.
class QtKeychainBackend final : public KeychainBackend
{
    Q_OBJECT
public:
    explicit QtKeychainBackend(const QString &service, QObject *parent = nullptr);

    void write(const QString &key, const QByteArray &secret, Done done) override;
    void read(const QString &key, Done done) override;
    void remove(const QString &key, Done done) override;

private:
    QString m_service;
};
