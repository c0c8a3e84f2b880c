#include "settings/NotificationsPage.h"

#include "common/Translations.h"
#include "platform/Autostart.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QLocale>
#include <QSpinBox>

NotificationsPage::NotificationsPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    auto *popupsBox = new QGroupBox(tr("Notifications"), this);
    auto *form = new QFormLayout(popupsBox);
    m_popups = new QCheckBox(tr("Show a &notification for each new todo"), this);
    m_popups->setObjectName(QStringLiteral("popups"));
    addField(form, QString(), m_popups, Settings::Key::NotificationPopups,
             tr("Several todos arriving at once are summarised in one notification."));
    m_sound = new QCheckBox(tr("Play a &sound"), this);
    m_sound->setObjectName(QStringLiteral("sound"));
    addField(form, QString(), m_sound, Settings::Key::NotificationSound,
             tr("Ask the notification service to play its sound."));

    m_doNotDisturbRow = new QWidget(this);
    m_doNotDisturbRow->setObjectName(QStringLiteral("doNotDisturbRow"));
    m_doNotDisturb = new QCheckBox(tr("Do not &disturb until"), m_doNotDisturbRow);
    m_doNotDisturb->setObjectName(QStringLiteral("doNotDisturb"));
    m_doNotDisturbUntil = new QDateTimeEdit(m_doNotDisturbRow);
    m_doNotDisturbUntil->setObjectName(QStringLiteral("doNotDisturbUntil"));
    m_doNotDisturbUntil->setCalendarPopup(true);
    m_doNotDisturbUntil->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_doNotDisturbUntil->setAccessibleName(tr("Do not disturb until"));
    auto *dndLayout = new QHBoxLayout(m_doNotDisturbRow);
    dndLayout->setContentsMargins(0, 0, 0, 0);
    dndLayout->addWidget(m_doNotDisturb);
    dndLayout->addWidget(m_doNotDisturbUntil);
    dndLayout->addStretch();
    addField(form, QString(), m_doNotDisturbRow, Settings::Key::DoNotDisturbUntil,
             tr("While on, no notifications pop up; todos are still counted on the tray icon."));
    m_urgentBypass = new QCheckBox(tr("&Urgent todos notify even when I do not want to be disturbed"), this);
    m_urgentBypass->setObjectName(QStringLiteral("urgentBypass"));
    addField(form, QString(), m_urgentBypass, Settings::Key::UrgentBypassesDoNotDisturb,
             tr("Todos the server marks as urgent still pop up during do not disturb."));
    m_offlineNotice = new QSpinBox(this);
    m_offlineNotice->setObjectName(QStringLiteral("offlineNotice"));
    m_offlineNotice->setRange(0, 24 * 60);
    m_offlineNotice->setSpecialValueText(tr("Never"));
    m_offlineNotice->setSuffix(tr(" min"));
    m_offlineNotice->setAccessibleName(tr("Say that I am offline after this many minutes"));
    addField(form, tr("Say I am &offline after:"), m_offlineNotice, Settings::Key::OfflineNoticeMinutes,
             tr("One notification when the server has been unreachable this long, and one when it is back with "
                "what arrived meanwhile; never one per retry."));

    auto *appBox = new QGroupBox(tr("Application"), this);
    auto *appForm = new QFormLayout(appBox);
    m_autostart = new QCheckBox(tr("Start Todo Notifier when I &log in"), this);
    m_autostart->setObjectName(QStringLiteral("autostart"));
    addField(appForm, tr("Startup:"), m_autostart, Settings::Key::Autostart,
             tr("Adds Todo Notifier to the programs your desktop starts at login."));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), Translations::systemLanguage());
    for (const QString &language : Translations::availableLanguages())
        m_language->addItem(Translations::nativeName(language), language);
    m_language->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // as wide as its longest entry
    addField(appForm, tr("&Language:"), m_language, Settings::Key::Language,
             tr("The language of Todo Notifier; a change applies the next time it starts."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(popupsBox);
    layout->addWidget(appBox);
    layout->addStretch();

    // Every change is validated.
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsPage::changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, this, &SettingsPage::changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, m_doNotDisturbUntil, &QWidget::setEnabled);
    connect(m_doNotDisturbUntil, &QDateTimeEdit::dateTimeChanged, this, &SettingsPage::changed);
}

NotificationsPage::~NotificationsPage() = default;

void NotificationsPage::load(const Settings &settings)
{
    using Key = Settings::Key;
    m_popups->setChecked(settings.get<bool>(Key::NotificationPopups));
    m_sound->setChecked(settings.get<bool>(Key::NotificationSound));
    m_loadedDoNotDisturb = settings.isDoNotDisturbActive();
    QDateTime until = settings.get<QDateTime>(Key::DoNotDisturbUntil).toLocalTime();
    if (!m_loadedDoNotDisturb) { // offer the next full hour
        const QDateTime now = QDateTime::currentDateTime();
        until = QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600);
    }
    m_doNotDisturb->setChecked(m_loadedDoNotDisturb);
    m_doNotDisturbUntil->setDateTime(until);
    m_doNotDisturbUntil->setEnabled(m_loadedDoNotDisturb);
    m_loadedDoNotDisturbUntil = m_doNotDisturbUntil->dateTime(); // as the widget shows it (whole minutes)
    m_urgentBypass->setChecked(settings.get<bool>(Key::UrgentBypassesDoNotDisturb));
    m_offlineNotice->setValue(settings.get<int>(Key::OfflineNoticeMinutes));
    // Whether it starts at login is the system's record, which an administrator's autostart entry or the
    // desktop's own startup tool may have changed since this dialog last saved it; a locked preset rules.
    const std::unique_ptr<Autostart> autostart = Autostart::create(QCoreApplication::applicationFilePath(), {});
    m_autostart->setChecked(autostart && !settings.isLocked(Key::Autostart) ? autostart->isEnabled()
                                                                            : settings.get<bool>(Key::Autostart));
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.get<QString>(Key::Language))));
}

void NotificationsPage::write(Settings &settings)
{
    using Key = Settings::Key;
    store(settings, Key::NotificationPopups, m_popups->isChecked());
    store(settings, Key::NotificationSound, m_sound->isChecked());
    if (!settings.isLocked(Key::DoNotDisturbUntil)
        && (m_doNotDisturb->isChecked() != m_loadedDoNotDisturb
            || (m_doNotDisturb->isChecked() && m_doNotDisturbUntil->dateTime() != m_loadedDoNotDisturbUntil)))
        settings.setValue(Key::DoNotDisturbUntil,
                          m_doNotDisturb->isChecked() ? m_doNotDisturbUntil->dateTime() : QDateTime());
    store(settings, Key::UrgentBypassesDoNotDisturb, m_urgentBypass->isChecked());
    store(settings, Key::OfflineNoticeMinutes, m_offlineNotice->value());
    store(settings, Key::Autostart, m_autostart->isChecked());
    store(settings, Key::Language, m_language->currentData().toString());
    m_loadedDoNotDisturb = m_doNotDisturb->isChecked();
    m_loadedDoNotDisturbUntil = m_doNotDisturbUntil->dateTime();
}

QHash<QWidget *, QString> NotificationsPage::errors() const
{
    QHash<QWidget *, QString> errors;
    errors.insert(m_doNotDisturbRow,
                  m_doNotDisturb->isChecked() && m_doNotDisturbUntil->dateTime() <= QDateTime::currentDateTime()
                      ? tr("Choose a time in the future.")
                      : QString());
    return errors;
}
