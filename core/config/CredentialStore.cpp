#include "config/CredentialStore.h"

#include "base/Logging.h"

#include <QTimer>

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
    if (!m_backend)
        m_backend = KeychainBackend::create(m_service, this);
    // The backend answers no more once it is destroyed with this store.
    auto answered = [this, operation, account, item, secret,
                     done = std::move(done)](const KeychainBackend::Answer &answer) {
        onAnswered(answer, operation, account, item, secret, done);
    };
    const QString key = entryKey(account, item);
    switch (operation) {
    case Operation::Store:
        m_backend->write(key, secret, std::move(answered));
        break;
    case Operation::Read:
        m_backend->read(key, std::move(answered));
        break;
    case Operation::Remove:
        m_backend->remove(key, std::move(answered));
        break;
    }
}

void CredentialStore::onAnswered(const KeychainBackend::Answer &answer, Operation operation, const QString &account,
                                 const QString &item, const QByteArray &secret, const Done &done)
{
    using Status = KeychainBackend::Status;
    // No backend, or (before anything has worked) any other failure to reach it: there is no usable keychain.
    if (answer.status == Status::NoKeychain || (answer.status == Status::Failed && !m_keychainWorked)) {
        markUnavailable(answer.error);
        finishInMemory(operation, account, item, secret, done);
        return;
    }
    --m_pending;
    Outcome outcome;
    switch (answer.status) {
    case Status::Ok:
        m_keychainWorked = true;
        outcome.ok = true;
        outcome.found = true;
        outcome.secret = answer.secret;
        break;
    case Status::NotFound:
        m_keychainWorked = true;
        // Reading a missing item finds nothing; removing one is already done.
        outcome.ok = operation != Operation::Store;
        if (!outcome.ok)
            outcome.error = answer.error;
        break;
    case Status::NoKeychain:
    case Status::Failed:
        outcome.error = tr("The keychain refused: %1").arg(answer.error);
        qCWarning(lcCredentials) << "keychain operation on" << item << "failed:" << answer.error;
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
