#include "config/KeychainBackend.h"

#include "config/QtKeychainBackend.h"
#ifdef TODO_HAVE_SECRET_SERVICE
#include "config/SecretServiceBackend.h"
#endif

KeychainBackend *KeychainBackend::create(const QString &service, QObject *parent)
{
#ifdef TODO_HAVE_SECRET_SERVICE
    return new SecretServiceBackend(service, parent);
#else
    return new QtKeychainBackend(service, parent);
#endif
}
