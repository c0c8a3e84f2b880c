#include "settings/LinksPage.h"

#include "settings/StringListEditor.h"

#include <QBoxLayout>
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

    layout->addStretch();

    // Every change is validated.
    connect(m_allowlist, &StringListEditor::changed, this, &SettingsPage::changed);
    for (QLineEdit *edit : {m_webBaseUrl, m_pendingListUrl})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::changed);
}

LinksPage::~LinksPage() = default;

void LinksPage::load(const Settings &settings)
{
    using Key = Settings::Key;
    m_webBaseUrl->setText(settings.value(Key::WebBaseUrl).toString());
    m_allowlist->setEntries(settings.value(Key::LinkAllowlist).toStringList());
    m_pendingListUrl->setText(settings.value(Key::PendingListUrl).toString());
}

void LinksPage::write(Settings &settings)
{
    using Key = Settings::Key;
    store(settings, Key::WebBaseUrl, normalisedUrl(m_webBaseUrl->text()));
    store(settings, Key::LinkAllowlist, normalisedUrls(m_allowlist->entries()));
    store(settings, Key::PendingListUrl, normalisedUrl(m_pendingListUrl->text()));
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
    return errors;
}
