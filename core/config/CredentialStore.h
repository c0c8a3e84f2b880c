#pragma once

#include "config/KeychainBackend.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

// Secrets (the passcode, secret header values) in the operating system's keychain (KeychainBackend::create()):
// the Secret Service on Linux (asked directly over D-Bus, see SecretServiceBackend), the Credential Manager on
// Windows and the Keychain on macOS through QtKeychain. Every operation is asynchronous and answers with exactly one
// signal.
//
// An entry is named by an account (Settings::credentialAccount(): "login@url") and an item ("passcode",
// "header/connect/Authorization"), stored under the service "TodoNotifier".
//
// When no keychain is available (no Secret Service on the session bus, say), the store says so through
// isKeychainAvailable()/unavailableReason() and keychainUnavailable(), and keeps secrets in memory for this
// run only. There is never a plaintext fallback on disk.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    explicit CredentialStore(QObject *parent = nullptr);
    // `service` names the keychain entries' owner; tests use their own.
    explicit CredentialStore(const QString &service, QObject *parent = nullptr);
    ~CredentialStore() override;
    Q_DISABLE_COPY_MOVE(CredentialStore)

    static QString defaultService() { return QStringLiteral("TodoNotifier"); }
    QString service() const { return m_service; }

    // True until an operation found that there is no keychain (then true never again in this run).
    bool isKeychainAvailable() const { return m_available; }
    // Why there is no keychain, for the settings dialog (translated); empty while it is available.
    QString unavailableReason() const { return m_unavailableReason; }
    // Number of operations still waiting for the keychain.
    int pendingCount() const { return m_pending; }

    // Answers with stored(), or failed().
    void store(const QString &account, const QString &item, const QByteArray &secret);
    // Answers with secretRead(), or failed(). An item that does not exist is read as found == false.
    void read(const QString &account, const QString &item);
    // Answers with removed(), or failed(). Removing an item that does not exist succeeds.
    void remove(const QString &account, const QString &item);
    // Reads several items; answers once with secretsRead(), holding the items that exist.
    void readAll(const QString &account, const QStringList &items);

Q_SIGNALS:
    // `persistent` is false when the secret is only held in memory because there is no keychain.
    void stored(const QString &account, const QString &item, bool persistent);
    void secretRead(const QString &account, const QString &item, const QByteArray &secret, bool found);
    void removed(const QString &account, const QString &item);
    void secretsRead(const QString &account, const QHash<QString, QByteArray> &secrets);
    void failed(const QString &account, const QString &item, const QString &message);
    // Emitted once, when the first operation finds no keychain; `reason` is for people.
    void keychainUnavailable(const QString &reason);

private:
    enum class Operation { Store, Read, Remove };
    // How an operation ended: ok (for a read, `found` says whether the item exists) or an error message.
    struct Outcome
    {
        bool ok = false;
        bool found = false;
        QByteArray secret;
        QString error;
    };
    using Done = std::function<void(const Outcome &outcome)>;

    static QString entryKey(const QString &account, const QString &item);
    void start(Operation operation, const QString &account, const QString &item, const QByteArray &secret, Done done);
    void onAnswered(const KeychainBackend::Answer &answer, Operation operation, const QString &account,
                    const QString &item, const QByteArray &secret, const Done &done);
    // Completes an operation from memory (no keychain); asynchronous, like the keychain.
    void finishInMemory(Operation operation, const QString &account, const QString &item, const QByteArray &secret,
                        Done done);
    void markUnavailable(const QString &detail);

    QString m_service;
    KeychainBackend *m_backend = nullptr; // made by the first operation
    bool m_available = true;
    QString m_unavailableReason;
    int m_pending = 0;
    bool m_keychainWorked = false; // an operation succeeded against the keychain in this run
    QHash<QString, QByteArray> m_memory; // entryKey -> secret; only while there is no keychain
};
