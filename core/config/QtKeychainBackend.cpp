#include "config/QtKeychainBackend.h"

#include <qt6keychain/keychain.h>

namespace {

// Starts `job` (which deletes itself when finished) and answers `done` from its result, unless `context` is gone.
void run(QKeychain::Job *job, const QString &key, QObject *context, bool isRead, KeychainBackend::Done done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy on disk
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [isRead, done = std::move(done)](QKeychain::Job *finished) {
                         KeychainBackend::Answer answer;
                         answer.error = finished->errorString();
                         switch (finished->error()) {
                         case QKeychain::NoError:
                             answer.status = KeychainBackend::Status::Ok;
                             answer.error.clear();
                             if (isRead)
                                 answer.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
                             break;
                         case QKeychain::EntryNotFound:
                             answer.status = KeychainBackend::Status::NotFound;
                             break;
                         case QKeychain::NoBackendAvailable:
                             answer.status = KeychainBackend::Status::NoKeychain;
                             break;
                         default:
                             answer.status = KeychainBackend::Status::Failed;
                             break;
                         }
                         done(answer);
                     });
    job->start();
}

} // namespace

QtKeychainBackend::QtKeychainBackend(const QString &service, QObject *parent)
    : KeychainBackend(parent)
    , m_service(service)
{ }

// Jobs have no parent: libsecret may still answer after this backend is gone, and a job destroyed under it crashes.
// Each deletes itself when finished; the connection dies with the backend, so a late answer is dropped instead of
// reaching a dead object.

void QtKeychainBackend::write(const QString &key, const QByteArray &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setBinaryData(secret);
    run(job, key, this, false, std::move(done));
}

void QtKeychainBackend::read(const QString &key, Done done)
{
    run(new QKeychain::ReadPasswordJob(m_service), key, this, true, std::move(done));
}

void QtKeychainBackend::remove(const QString &key, Done done)
{
    run(new QKeychain::DeletePasswordJob(m_service), key, this, false, std::move(done));
}
