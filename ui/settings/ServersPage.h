#pragma once

#include "settings/SettingsPage.h"

class CredentialStore;
class QInputDialog;
class QLabel;
class QPushButton;
class QTreeWidget;
class ServerProfiles;

// The Servers page: every server the application connects to (ServerProfiles), with its name, first URL and
// protocol, and Add…, Rename…, Remove and Edit…. Unlike the other pages its changes take effect at once, not on OK or
// Apply (the page says so): a server added is there, a server removed (after a confirmation) is gone. Edit… on the
// first server asks the dialog for its Connection page, on another for a dialog of that server's own settings
// (editRequested()). Names come from people: they are shown as plain text.
class ServersPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit ServersPage(const Settings &settings, QWidget *parent = nullptr);
    ~ServersPage() override;
    Q_DISABLE_COPY_MOVE(ServersPage)

    // The servers to list and change (must outlive the page); `credentials` may forget a removed server's secrets.
    void setServerProfiles(ServerProfiles *profiles, CredentialStore *credentials);

    // Lists the servers again (the settings are ServerProfiles', not the dialog's: nothing else is loaded).
    void load(const Settings &settings) override;
    // Nothing: the page's changes were made when they were asked for.
    void write(Settings &settings) override;

    // The id of the server selected ("" for the first), or nothing selected: an empty optional.
    std::optional<QString> currentId() const;
    void selectServer(const QString &id);

Q_SIGNALS:
    // Edit… on server `id`.
    void editRequested(const QString &id);

protected:
    QHash<QWidget *, QString> errors() const override { return {}; }

private:
    void refresh();
    void updateButtons();
    void showMessage(const QString &text);
    void onAdd();
    void onRename();
    void onRemove();
    void onEdit();
    // Asks for a name in a window-modal input dialog; `done` gets it once the person accepts.
    void askName(const QString &title, const QString &label, const QString &name,
                 std::function<void(const QString &)> done);

    ServerProfiles *m_profiles = nullptr;
    CredentialStore *m_credentials = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_rename = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_edit = nullptr;
    QLabel *m_message = nullptr;
};
