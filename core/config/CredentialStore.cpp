#include "config/CredentialStore.h"

#include "base/Logging.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

CredentialStore::CredentialStore(QObject *parent)
    : CredentialStore(defaultService(), parent)
{ }

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

CredentialStore::~CredentialStore() = default;

QString CredentialStore::entryKey(const QString &account, const QString &item)
{
    // Accounts are "login@url" with the fragment removed, so '#' separates unambiguously.
    return account + QLatin1Char('#') + item;
}

void CredentialStore::store(const QString &account, const QString &item, const QByteArray &secret)
{
    start(Operation::Store, account, item, secret, [this, account, item](const Outcome &outcome) {
        if (outcome.ok)
            Q_EMIT stored(account, item, m_available);
        else
            Q_EMIT failed(account, item, outcome.error);
    });
}

void CredentialStore::read(const QString &account, const QString &item)
{
    start(Operation::Read, account, item, {}, [this, account, item](const Outcome &outcome) {
        if (outcome.ok)
            Q_EMIT secretRead(account, item, outcome.secret, outcome.found);
        else
            Q_EMIT failed(account, item, outcome.error);
    });
}

void CredentialStore::remove(const QString &account, const QString &item)
{
    start(Operation::Remove, account, item, {}, [this, account, item](const Outcome &outcome) {
        if (outcome.ok)
            Q_EMIT removed(account, item);
        else
            Q_EMIT failed(account, item, outcome.error);
    });
}

void CredentialStore::readAll(const QString &account, const QStringList &items)
{
    struct Collect
    {
        qsizetype remaining = 0;
        QHash<QString, QByteArray> secrets;
    };
    auto collect = std::make_shared<Collect>();
    collect->remaining = items.size();
    if (items.isEmpty()) {
        QTimer::singleShot(0, this, [this, account] { Q_EMIT secretsRead(account, {}); });
        return;
    }
    for (const QString &item : items) {
        start(Operation::Read, account, item, {}, [this, account, item, collect](const Outcome &outcome) {
            if (outcome.ok && outcome.found)
                collect->secrets.insert(item, outcome.secret);
            else if (!outcome.ok)
                Q_EMIT failed(account, item, outcome.error);
            if (--collect->remaining == 0)
                Q_EMIT secretsRead(account, collect->secrets);
        });
    }
}

void CredentialStore::start(Operation operation, const QString &account, const QString &item, const QByteArray &secret,
                            Done done)
{
    ++m_pending;
    if (!m_available) {
        finishInMemory(operation, account, item, secret, std::move(done));
        return;
    }
    // Jobs have no parent: libsecret may still answer after this store is gone, and a job destroyed under it
    // crashes. Each deletes itself when finished; the connection below dies with the store, so a late answer is
    // dropped instead of reaching a dead object.
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Store: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(secret);
        job = write;
        break;
    }
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy on disk
    job->setKey(entryKey(account, item));
    connect(job, &QKeychain::Job::finished, this,
            [this, operation, account, item, secret, done = std::move(done)](QKeychain::Job *finished) {
                onJobFinished(finished, operation, account, item, secret, done);
            });
    job->start();
}

void CredentialStore::onJobFinished(QKeychain::Job *job, Operation operation, const QString &account,
                                    const QString &item, const QByteArray &secret, const Done &done)
{
    const QKeychain::Error error = job->error();
    // No backend, or (before anything has worked) any other failure to reach it: there is no usable keychain.
    if (error == QKeychain::NoBackendAvailable || (error == QKeychain::OtherError && !m_keychainWorked)) {
        markUnavailable(job->errorString());
        finishInMemory(operation, account, item, secret, done);
        return;
    }
    --m_pending;
    Outcome outcome;
    switch (error) {
    case QKeychain::NoError:
        m_keychainWorked = true;
        outcome.ok = true;
        outcome.found = true;
        if (operation == Operation::Read)
            outcome.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
        break;
    case QKeychain::EntryNotFound:
        m_keychainWorked = true;
        // Reading a missing item finds nothing; removing one is already done.
        outcome.ok = operation != Operation::Store;
        if (!outcome.ok)
            outcome.error = job->errorString();
        break;
    default:
        outcome.error = tr("The keychain refused: %1").arg(job->errorString());
        qCWarning(lcCredentials) << "keychain operation on" << item << "failed:" << job->errorString();
        break;
    }
    done(outcome);
}

void CredentialStore::finishInMemory(Operation operation, const QString &account, const QString &item,
                                     const QByteArray &secret, Done done)
{
    // m_pending was counted by start(); it is released when the operation completes.
    QTimer::singleShot(0, this, [this, operation, key = entryKey(account, item), secret, done = std::move(done)] {
        Outcome outcome;
        outcome.ok = true;
        switch (operation) {
        case Operation::Store:
            m_memory.insert(key, secret);
            break;
        case Operation::Read: {
            const auto found = m_memory.constFind(key);
            outcome.found = found != m_memory.constEnd();
            if (outcome.found)
                outcome.secret = *found;
            break;
        }
        case Operation::Remove:
            m_memory.remove(key);
            break;
        }
        --m_pending;
        done(outcome);
    });
}

void CredentialStore::markUnavailable(const QString &detail)
{
    if (!m_available)
        return;
    m_available = false;
    m_unavailableReason = tr("No keychain is available (%1). Passwords are kept in memory until the application "
                             "quits and must be entered again next time.")
                              .arg(detail);
    qCWarning(lcCredentials) << "no keychain:" << detail << "- secrets are kept in memory for this run only";
    Q_EMIT keychainUnavailable(m_unavailableReason);
}
