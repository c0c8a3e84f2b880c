#include "settings/ServersPage.h"

#include "common/UiLogging.h"
#include "config/CredentialStore.h"
#include "config/ServerProfiles.h"
#include "settings/ConnectionPage.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

} // namespace

ServersPage::ServersPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    auto *intro = new QLabel(tr("Todo Notifier connects to every server listed here at once, each with its own "
                                "connection, passcode and todos. Adding, renaming and removing a server take effect "
                                "at once."),
                             this);
    intro->setObjectName(QStringLiteral("serversIntro"));
    intro->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("servers"));
    m_list->setAccessibleName(tr("Servers"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Name"), tr("Server"), tr("Protocol")});
    m_list->header()->setStretchLastSection(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    m_add = new QPushButton(tr("&Add…"), this);
    m_add->setObjectName(QStringLiteral("addServer"));
    m_add->setToolTip(tr("Add another server to connect to"));
    m_rename = new QPushButton(tr("Re&name…"), this);
    m_rename->setObjectName(QStringLiteral("renameServer"));
    m_rename->setToolTip(tr("Give the selected server another name"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeServer"));
    m_remove->setToolTip(tr("Stop connecting to the selected server (the first server cannot be removed)"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editServer"));
    m_edit->setToolTip(tr("Change the selected server's connection, links and advanced settings"));
    for (QPushButton *button : {m_add, m_rename, m_remove, m_edit})
        button->setAutoDefault(false);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("serversMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    setTextColor(m_message, errorColor());

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_rename, m_remove, m_edit})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(m_message);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &ServersPage::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, &ServersPage::onEdit);
    connect(m_add, &QPushButton::clicked, this, &ServersPage::onAdd);
    connect(m_rename, &QPushButton::clicked, this, &ServersPage::onRename);
    connect(m_remove, &QPushButton::clicked, this, &ServersPage::onRemove);
    connect(m_edit, &QPushButton::clicked, this, &ServersPage::onEdit);
    updateButtons();
}

ServersPage::~ServersPage() = default;

void ServersPage::setServerProfiles(ServerProfiles *profiles, CredentialStore *credentials)
{
    if (m_profiles)
        disconnect(m_profiles, nullptr, this, nullptr);
    m_profiles = profiles;
    m_credentials = credentials;
    if (m_profiles)
        connect(m_profiles, &ServerProfiles::serversChanged, this, &ServersPage::refresh);
    refresh();
}

void ServersPage::load(const Settings &settings)
{
    Q_UNUSED(settings)
    refresh();
}

void ServersPage::write(Settings &settings)
{
    Q_UNUSED(settings)
}

std::optional<QString> ServersPage::currentId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return std::nullopt;
    return item->data(0, kIdRole).toString();
}

void ServersPage::selectServer(const QString &id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, kIdRole).toString() == id) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void ServersPage::refresh()
{
    const std::optional<QString> selected = currentId();
    m_list->clear();
    if (!m_profiles) {
        updateButtons();
        return;
    }
    for (const QString &id : m_profiles->ids()) {
        const Settings *settings = m_profiles->settings(id);
        const QList<QUrl> urls = settings->urls(Settings::Key::ServerUrls);
        auto *item = new QTreeWidgetItem(m_list);
        // QTreeWidgetItem shows text as it is: a name with markup stays text.
        item->setText(0, m_profiles->displayName(id));
        item->setText(1, urls.isEmpty() ? tr("(no server URL yet)") : urls.constFirst().toDisplayString());
        item->setText(2, ConnectionPage::protocolLabel(settings->get<QString>(Settings::Key::Protocol)));
        item->setData(0, kIdRole, id);
        item->setToolTip(0,
                         id.isEmpty() ? tr("The first server: its connection is on the Connection page")
                                      : tr("Its own settings file: %1").arg(m_profiles->profilePath(id)));
    }
    for (int column = 0; column < 2; ++column)
        m_list->resizeColumnToContents(column);
    selectServer(selected.value_or(QString()));
    updateButtons();
}

void ServersPage::updateButtons()
{
    const std::optional<QString> id = currentId();
    const bool listLocked = m_profiles && m_profiles->mainSettings()->isLocked(Settings::Key::ExtraServers);
    m_add->setEnabled(m_profiles && !listLocked);
    m_rename->setEnabled(m_profiles && id.has_value());
    m_remove->setEnabled(m_profiles && id.has_value() && !id->isEmpty() && !listLocked);
    m_edit->setEnabled(m_profiles && id.has_value());
}

void ServersPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ServersPage::askName(const QString &title, const QString &label, const QString &name,
                          std::function<void(const QString &)> done)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("serverNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(name);
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QInputDialog::textValueSelected, this, std::move(done));
    dialog->open();
}

void ServersPage::onAdd()
{
    if (!m_profiles)
        return;
    askName(tr("Add a Server"), tr("Name of the new server (e.g. Production, Test system):"), QString(),
            [this](const QString &name) {
                QString error;
                const QString id = m_profiles->add(name, &error);
                showMessage(error);
                if (id.isEmpty())
                    return;
                selectServer(id);
                qCInfo(lcSettingsUi) << "server added:" << id;
            });
}

void ServersPage::onRename()
{
    const std::optional<QString> id = currentId();
    if (!m_profiles || !id)
        return;
    const QString current = m_profiles->settings(*id)->get<QString>(Settings::Key::ServerName);
    askName(tr("Rename the Server"), tr("New name (empty: its host):"), current, [this, id = *id](const QString &name) {
        QString error;
        m_profiles->rename(id, name, &error);
        showMessage(error);
        selectServer(id);
    });
}

void ServersPage::onRemove()
{
    const std::optional<QString> id = currentId();
    if (!m_profiles || !id || id->isEmpty())
        return;
    Settings *settings = m_profiles->settings(*id);
    const QString account = settings->credentialAccount();
    const QStringList items = settings->secretItems();
    // Its secrets can be forgotten unless another server uses the same keychain account (same login and first URL).
    bool shared = false;
    for (const QString &other : m_profiles->ids()) {
        if (other != *id && m_profiles->settings(other)->credentialAccount() == account)
            shared = true;
    }

    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Remove Server"),
                        tr("Stop connecting to \"%1\" and remove its settings?").arg(m_profiles->displayName(*id)),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeServerConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("Its todos stay on this computer."));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    if (m_credentials && !shared) {
        auto *forget = new QCheckBox(tr("Also &forget its passcode and secret header values in the keychain"), box);
        forget->setObjectName(QStringLiteral("forgetSecrets"));
        box->setCheckBox(forget);
    }
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, id = *id, account, items](int result) {
        if (result != QMessageBox::Yes)
            return;
        const bool forget = box->checkBox() && box->checkBox()->isChecked();
        QString error;
        if (!m_profiles->remove(id, &error)) {
            showMessage(error);
            return;
        }
        showMessage({});
        if (forget && m_credentials) {
            for (const QString &item : items)
                m_credentials->remove(account, item);
        }
        qCInfo(lcSettingsUi) << "server removed:" << id << (forget ? "(secrets forgotten)" : "");
    });
    box->open();
}

void ServersPage::onEdit()
{
    if (const std::optional<QString> id = currentId())
        Q_EMIT editRequested(*id);
}
