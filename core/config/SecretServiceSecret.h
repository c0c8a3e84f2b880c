#pragma once

#include <QByteArray>
#include <QDBusArgument>
#include <QDBusObjectPath>
#include <QMetaType>
#include <QString>

// The freedesktop Secret Service's Secret struct, (oayays), as it crosses D-Bus: SecretServiceBackend's client and
// the test's stand-in service marshal it alike. Register it with qDBusRegisterMetaType<SecretServiceSecret>().
struct SecretServiceSecret
{
    QDBusObjectPath session;
    QByteArray parameters; // empty for a "plain" session
    QByteArray value;
    QString contentType;
};

Q_DECLARE_METATYPE(SecretServiceSecret)

inline QDBusArgument &operator<<(QDBusArgument &argument, const SecretServiceSecret &secret)
{
    argument.beginStructure();
    argument << secret.session << secret.parameters << secret.value << secret.contentType;
    argument.endStructure();
    return argument;
}

inline const QDBusArgument &operator>>(const QDBusArgument &argument, SecretServiceSecret &secret)
{
    argument.beginStructure();
    argument >> secret.session >> secret.parameters >> secret.value >> secret.contentType;
    argument.endStructure();
    return argument;
}
