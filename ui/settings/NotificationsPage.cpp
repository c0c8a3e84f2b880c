#include "settings/NotificationsPage.h"

#include "common/Translations.h"
#include "config/QuietHours.h"
#include "platform/Autostart.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>

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
    m_offlineNotice->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    addField(form, tr("Say I am &offline after:"), m_offlineNotice, Settings::Key::OfflineNoticeMinutes,
             tr("One notification when the server has been unreachable this long, and one when it is back with "
                "what arrived meanwhile; never one per retry."));
    m_realert = new QSpinBox(this);
    m_realert->setObjectName(QStringLiteral("realertUrgent"));
    m_realert->setRange(0, 24 * 60);
    m_realert->setSpecialValueText(tr("Never"));
    m_realert->setSuffix(tr(" min"));
    m_realert->setAccessibleName(tr("Remind me of unread urgent todos after this many minutes"));
    m_realert->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    addField(form, tr("&Remind of urgent todos after:"), m_realert, Settings::Key::RealertUrgentMinutes,
             tr("An urgent todo still unread this long after its notification pops up once more; only once."));

    auto *quietBox = new QGroupBox(tr("Quiet hours"), this);
    auto *quietForm = new QFormLayout(quietBox);
    m_quietHours = new QCheckBox(tr("Hold pop-ups during &quiet hours"), this);
    m_quietHours->setObjectName(QStringLiteral("quietHours"));
    addField(quietForm, QString(), m_quietHours, Settings::Key::QuietHoursEnabled,
             tr("What arrives during quiet hours is counted on the tray icon and becomes one notification when "
                "they end. Urgent todos notify anyway when they may disturb you (above)."));
    auto *windowRow = new QWidget(this);
    auto *windowLayout = new QHBoxLayout(windowRow);
    windowLayout->setContentsMargins(0, 0, 0, 0);
    m_quietFrom = new QTimeEdit(windowRow);
    m_quietFrom->setObjectName(QStringLiteral("quietFrom"));
    m_quietFrom->setDisplayFormat(QStringLiteral("HH:mm"));
    m_quietFrom->setAccessibleName(tr("Quiet hours from"));
    m_quietTo = new QTimeEdit(windowRow);
    m_quietTo->setObjectName(QStringLiteral("quietTo"));
    m_quietTo->setDisplayFormat(QStringLiteral("HH:mm"));
    m_quietTo->setAccessibleName(tr("Quiet hours until"));
    windowLayout->addWidget(m_quietFrom);
    windowLayout->addWidget(new QLabel(tr("to"), windowRow));
    windowLayout->addWidget(m_quietTo);
    windowLayout->addStretch();
    addField(quietForm, tr("From:"), windowRow, Settings::Key::QuietHoursFrom,
             tr("A window that ends before it starts runs over midnight: 19:00 to 08:00 is quiet in the evening and "
                "early in the morning of the days below."));
    addField(quietForm, tr("On:"), makeDayRow(m_quietDays, QStringLiteral("quietDay")), Settings::Key::QuietHoursDays,
             tr("The days the window applies to."));
    addField(quietForm, tr("All day on:"), makeDayRow(m_quietWholeDays, QStringLiteral("quietWholeDay")),
             Settings::Key::QuietHoursWholeDays, tr("Days that are quiet from midnight to midnight."));
    m_quietPreview = new QLabel(this);
    m_quietPreview->setObjectName(QStringLiteral("quietPreview"));
    m_quietPreview->setTextFormat(Qt::PlainText);
    quietForm->addRow(QString(), m_quietPreview);

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
    layout->addWidget(quietBox);
    layout->addWidget(appBox);
    layout->addStretch();

    // Every change is validated.
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsPage::changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, this, &SettingsPage::changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, m_doNotDisturbUntil, &QWidget::setEnabled);
    connect(m_doNotDisturbUntil, &QDateTimeEdit::dateTimeChanged, this, &SettingsPage::changed);
    connect(m_quietHours, &QCheckBox::toggled, this, &NotificationsPage::updateQuietHours);
    connect(m_quietFrom, &QTimeEdit::timeChanged, this, &NotificationsPage::updateQuietHours);
    connect(m_quietTo, &QTimeEdit::timeChanged, this, &NotificationsPage::updateQuietHours);
    for (QCheckBox *box : std::as_const(m_quietDays) + m_quietWholeDays)
        connect(box, &QCheckBox::toggled, this, &NotificationsPage::updateQuietHours);
}

QWidget *NotificationsPage::makeDayRow(QList<QCheckBox *> &boxes, const QString &objectName)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (int day = 1; day <= 7; ++day) {
        auto *box = new QCheckBox(QLocale().dayName(day, QLocale::ShortFormat), row);
        box->setObjectName(objectName + QLatin1Char('_') + QuietHours::dayNames().at(day - 1));
        box->setAccessibleName(QLocale().dayName(day, QLocale::LongFormat));
        layout->addWidget(box);
        boxes.append(box);
    }
    layout->addStretch();
    return row;
}

namespace {

QStringList checkedDays(const QList<QCheckBox *> &boxes)
{
    QStringList days;
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        if (boxes.at(i)->isChecked())
            days.append(QuietHours::dayNames().at(i));
    }
    return days;
}

void checkDays(const QList<QCheckBox *> &boxes, const QStringList &days)
{
    for (qsizetype i = 0; i < boxes.size(); ++i)
        boxes.at(i)->setChecked(days.contains(QuietHours::dayNames().at(i)));
}

} // namespace

void NotificationsPage::updateQuietHours()
{
    const bool on = m_quietHours->isChecked();
    m_quietFrom->setEnabled(on);
    m_quietTo->setEnabled(on);
    for (QCheckBox *box : std::as_const(m_quietDays) + m_quietWholeDays)
        box->setEnabled(on);
    const QuietHours schedule = on
        ? QuietHours(m_quietFrom->time(), m_quietTo->time(), checkedDays(m_quietDays), checkedDays(m_quietWholeDays))
        : QuietHours();
    const QDateTime now = QDateTime::currentDateTime();
    QString preview;
    if (!on || schedule.isEmpty()) {
        preview = tr("No quiet hours.");
    } else if (schedule.isQuiet(now)) {
        const QDateTime until = schedule.quietUntil(now);
        preview = until.isValid()
            ? tr("Quiet now, until %1.").arg(QLocale().toString(until, QStringLiteral("ddd HH:mm")))
            : tr("Quiet at every hour of the week.");
    } else {
        preview = tr("Not quiet now.");
    }
    m_quietPreview->setText(preview);
    Q_EMIT changed();
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
    m_realert->setValue(settings.get<int>(Key::RealertUrgentMinutes));
    m_quietHours->setChecked(settings.get<bool>(Key::QuietHoursEnabled));
    m_quietFrom->setTime(QTime::fromString(settings.get<QString>(Key::QuietHoursFrom), QStringLiteral("HH:mm")));
    m_quietTo->setTime(QTime::fromString(settings.get<QString>(Key::QuietHoursTo), QStringLiteral("HH:mm")));
    checkDays(m_quietDays, settings.get<QStringList>(Key::QuietHoursDays));
    checkDays(m_quietWholeDays, settings.get<QStringList>(Key::QuietHoursWholeDays));
    updateQuietHours();
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
    store(settings, Key::RealertUrgentMinutes, m_realert->value());
    store(settings, Key::QuietHoursEnabled, m_quietHours->isChecked());
    store(settings, Key::QuietHoursFrom, m_quietFrom->time().toString(QStringLiteral("HH:mm")));
    store(settings, Key::QuietHoursTo, m_quietTo->time().toString(QStringLiteral("HH:mm")));
    store(settings, Key::QuietHoursDays, checkedDays(m_quietDays));
    store(settings, Key::QuietHoursWholeDays, checkedDays(m_quietWholeDays));
    store(settings, Key::Autostart, m_autostart->isChecked());
    store(settings, Key::Language, m_language->currentData().toString());
    m_loadedDoNotDisturb = m_doNotDisturb->isChecked();
    m_loadedDoNotDisturbUntil = m_doNotDisturbUntil->dateTime();
}

QHash<QWidget *, QString> NotificationsPage::errors() const
{
    QHash<QWidget *, QString> errors;
    errors.insert(m_quietFrom->parentWidget(),
                  m_quietHours->isChecked() && m_quietFrom->time() == m_quietTo->time()
                          && !checkedDays(m_quietDays).isEmpty()
                      ? tr("Choose an end different from the start.")
                      : QString());
    errors.insert(m_doNotDisturbRow,
                  m_doNotDisturb->isChecked() && m_doNotDisturbUntil->dateTime() <= QDateTime::currentDateTime()
                      ? tr("Choose a time in the future.")
                      : QString());
    return errors;
}
