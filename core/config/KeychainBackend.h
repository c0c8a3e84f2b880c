#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

// One keychain, as CredentialStore uses it: write, read and remove a secret under a key, each asynchronously with
// exactly one answer through `done`. An answer never arrives after the backend is destroyed.
//
// Implementations: QtKeychainBackend (every platform) and, on Linux, SecretServiceBackend (the freedesktop Secret
// Service over QtDBus, falling back to QtKeychainBackend where that is not the keychain). create() picks one.
class KeychainBackend : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound, // reading or removing a key that holds nothing
        NoKeychain, // there is no keychain to ask
        Failed, // the keychain answered with an error (or could not be reached: see CredentialStore)
    };
    struct Answer
    {
        Status status = Status::Failed;
        QByteArray secret; // what a read found
        QString error; // for people, when the status is NoKeychain or Failed
    };
    using Done = std::function<void(const Answer &answer)>;

    using QObject::QObject;

    virtual void write(const QString &key, const QByteArray &secret, Done done) = 0;
    virtual void read(const QString &key, Done done) = 0;
    virtual void remove(const QString &key, Done done) = 0;

    // The platform's keychain; entries belong to `service`.
    static KeychainBackend *create(const QString &service, QObject *parent);
};
