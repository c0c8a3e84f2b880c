#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>

class Settings;

// The servers a person connects to at once (a production and a test system, two organisations). A server is named by
// its profile id (see todo/ServerKey.h): "" for the first server, whose connection the main settings describe, else a
// short id of lower-case letters, digits and '-'. The main settings list the other ids in order (ExtraServers); each of
// them has a settings file of its own (an INI file, profilePath()) that holds its connection, links and store keys
// with the main settings' administrator presets behind it, so a key locked for the first server is locked for every
// server. Global keys (language, autostart, notifications, quiet hours, rules) are read from the main settings only.
// A server's secrets live in the keychain under its own Settings::credentialAccount(), its todos in its own store
// (storeFileName()).
class ServerProfiles : public QObject
{
    Q_OBJECT
public:
    // Over the main settings, which must outlive this object.
    explicit ServerProfiles(Settings *main, QObject *parent = nullptr);
    ~ServerProfiles() override;
    Q_DISABLE_COPY_MOVE(ServerProfiles)

    // "" first, then the extra servers in their order.
    QStringList ids() const;
    bool contains(const QString &id) const;
    // The main settings for "", else that server's own settings (opened on first use, owned here); nullptr for an id
    // that is not listed.
    Settings *settings(const QString &id);
    Settings *mainSettings() const { return m_main; }
    // Where a server's own settings file lives: beside the main settings file, in a "servers" folder
    // (<dir>/servers/<id>.ini); when the main settings are not a file (the Windows registry), in the application's
    // configuration folder ("<AppConfigLocation>/servers/<id>.ini").
    QString profilePath(const QString &id) const;

    // The name to show: ServerName, else the host of its first server URL, else "Server N" (its place in ids()).
    QString displayName(const QString &id) const;
    // The store of a server's todos, in the application's data folder: "todos.sqlite" for "", else
    // "todos-<id>.sqlite".
    static QString storeFileName(const QString &id);

    // Adds a server named `name`: a new id made from the name (lower-case letters, digits and '-'; "server-2", ... when
    // the name has none of them, or is taken), its file with ServerName = name, appended to ExtraServers. Returns the
    // id, or an empty string with a message for people in `error` (a name that is not valid, or that another server
    // already has).
    QString add(const QString &name, QString *error = nullptr);
    // Gives server `id` another name (empty: its host is shown). False with a message in `error` for a name that is
    // not valid or taken, or an unknown id.
    bool rename(const QString &id, const QString &name, QString *error = nullptr);
    // Removes server `id` (never the first): from ExtraServers, and its settings file. Its store file and its
    // keychain items stay where they are (the store may be wanted again; forgetting the secrets is the caller's
    // choice, through CredentialStore::remove() with the account and items read before removing). Its Settings
    // object is deleted once the event loop runs again: drop pointers to it on serversChanged().
    bool remove(const QString &id, QString *error = nullptr);
    // For the command line: an id, "default" for the first server, or a display name (case ignored); nullopt when
    // nothing matches.
    std::optional<QString> findId(const QString &nameOrId) const;

    // An empty string when `id` can name an extra server (1 to 32 of a-z, 0-9 and '-', not starting with '-'), else
    // why not, for people.
    static QString validateId(const QString &id);
    static constexpr int kMaxIdLength = 32;

Q_SIGNALS:
    // A server was added, removed or renamed.
    void serversChanged();

private:
    Settings *profile(const QString &id) const;
    QString uniqueIdFor(const QString &name) const;
    // Another server than `exceptId` (nothing: any server) shows `name` (case ignored).
    bool isNameTaken(const QString &name, const std::optional<QString> &exceptId) const;

    Settings *m_main = nullptr;
    mutable std::map<QString, std::unique_ptr<Settings>> m_profiles; // by id, opened on first use
};
