#include "settings/LinksPage.h"

#include "settings/StringListEditor.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QUrl>

namespace {

// As Settings stores a URL (QUrl::toString()), so that an unchanged one compares equal; empty stays empty.
QString normalisedUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QString() : QUrl(trimmed).toString();
}

} // namespace

LinksPage::LinksPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_webBaseUrl = new QLineEdit(this);
    m_webBaseUrl->setObjectName(QStringLiteral("webBaseUrl"));
    m_webBaseUrl->setPlaceholderText(QStringLiteral("https://oa.example.com"));
    addField(form, tr("&Web application:"), m_webBaseUrl, Settings::Key::WebBaseUrl,
             tr("The address of the web application the todos belong to. Their links are relative to it."));

    m_allowlist = new StringListEditor(this);
    m_allowlist->setObjectName(QStringLiteral("allowlist"));
    m_allowlist->setPlaceholderText(QStringLiteral("https://sso.example.com"));
    m_allowlist->setFieldName(tr("Other sites links may open"));
    addField(form, tr("&Other sites links may open:"), m_allowlist, Settings::Key::LinkAllowlist,
             tr("Links to the web application always open. A link to any other site opens only if its site is "
                "listed here, e.g. https://sso.example.com."));

    m_pendingListUrl = new QLineEdit(this);
    m_pendingListUrl->setObjectName(QStringLiteral("pendingListUrl"));
    m_pendingListUrl->setPlaceholderText(tr("none"));
    addField(form, tr("&Pending todos URL:"), m_pendingListUrl, Settings::Key::PendingListUrl,
             tr("Fetched after every connect to catch up on todos that arrived while this computer was "
                "offline. Leave empty if the server has no such list."));

    m_refetchOnCountDrop = new QCheckBox(tr("&Fetch it again when the pending count drops"), this);
    m_refetchOnCountDrop->setObjectName(QStringLiteral("refetchOnCountDrop"));
    addField(form, QString(), m_refetchOnCountDrop, Settings::Key::RefetchOnCountDrop,
             tr("When a push brings no todos and a lower pending count, todos were handled in the web application; "
                "the pending list says which, and their notifications are withdrawn."));

    m_removedIdsField = new QLineEdit(this);
    m_removedIdsField->setObjectName(QStringLiteral("removedIdsField"));
    m_removedIdsField->setPlaceholderText(tr("none, e.g. data.removedIds"));
    addField(form, tr("Field naming todos done &elsewhere:"), m_removedIdsField, Settings::Key::RemovedIdsField,
             tr("Where a push names todos handled in the web application, as a path of field names separated by "
                "dots. Those todos are marked done and their notifications withdrawn."));

    layout->addStretch();

    // Every change is validated.
    connect(m_allowlist, &StringListEditor::changed, this, &SettingsPage::changed);
    for (QLineEdit *edit : {m_webBaseUrl, m_pendingListUrl, m_removedIdsField})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::changed);
    connect(m_refetchOnCountDrop, &QCheckBox::toggled, this, &SettingsPage::changed);
}

LinksPage::~LinksPage() = default;

void LinksPage::load(const Settings &settings)
{
    using Key = Settings::Key;
    m_webBaseUrl->setText(settings.value(Key::WebBaseUrl).toString());
    m_allowlist->setEntries(settings.value(Key::LinkAllowlist).toStringList());
    m_pendingListUrl->setText(settings.value(Key::PendingListUrl).toString());
    m_removedIdsField->setText(settings.value(Key::RemovedIdsField).toString());
    m_refetchOnCountDrop->setChecked(settings.value(Key::RefetchOnCountDrop).toBool());
}

void LinksPage::write(Settings &settings)
{
    using Key = Settings::Key;
    store(settings, Key::WebBaseUrl, normalisedUrl(m_webBaseUrl->text()));
    store(settings, Key::LinkAllowlist, normalisedUrls(m_allowlist->entries()));
    store(settings, Key::PendingListUrl, normalisedUrl(m_pendingListUrl->text()));
    store(settings, Key::RemovedIdsField, m_removedIdsField->text().trimmed());
    store(settings, Key::RefetchOnCountDrop, m_refetchOnCountDrop->isChecked());
}

QHash<QWidget *, QString> LinksPage::errors() const
{
    QHash<QWidget *, QString> errors;
    errors.insert(m_webBaseUrl, Settings::validateWebUrl(m_webBaseUrl->text()));
    QString allowlistError;
    for (const QString &origin : m_allowlist->entries()) {
        if (allowlistError.isEmpty())
            allowlistError = Settings::validateAllowlistEntry(origin);
    }
    errors.insert(m_allowlist, allowlistError);
    errors.insert(m_pendingListUrl, Settings::validateWebUrl(m_pendingListUrl->text()));
    errors.insert(m_removedIdsField, Settings::validateFieldPath(m_removedIdsField->text().trimmed()));
    return errors;
}
