#include "settings/SettingsDialog.h"

#include "pipeline/SourceFactory.h"

#include "common/Translations.h"
#include "common/UiLogging.h"
#include "config/CredentialStore.h"
#include "platform/Autostart.h"
#include "settings/HeaderTableEditor.h"
#include "settings/StringListEditor.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>

namespace {

QColor errorColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

QColor successColor()
{
    return QColor(0x2e, 0x7d, 0x32);
}

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

// The key of a keychain operation the dialog waits for.
QString secretKey(const QString &account, const QString &item)
{
    return account + QLatin1Char('\n') + item;
}

std::optional<int> parseNumber(const QLineEdit *edit)
{
    bool ok = false;
    const int value = edit->text().trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

// As Settings stores URLs (QUrl::toString()), so that an unchanged list compares equal.
QStringList normalisedUrls(const QStringList &texts)
{
    QStringList out;
    for (const QString &text : texts)
        out.append(QUrl(text.trimmed()).toString());
    return out;
}

QString normalisedUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QString() : QUrl(trimmed).toString();
}

// A page of the tab widget that scrolls when the window is smaller than the page.
QScrollArea *scrollable(QWidget *page)
{
    auto *area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields, not to the area around them
    return area;
}

QString withoutMnemonic(QString text)
{
    return text.remove(QLatin1Char('&'));
}

} // namespace

SettingsDialog::SettingsDialog(Settings *settings, CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_credentials(credentials)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Todo Notifier Settings"));

    m_firstRunBanner = buildFirstRunBanner();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->addTab(scrollable(buildConnectionPage()), tr("Connection"));
    m_tabs->addTab(scrollable(buildNotificationsPage()), tr("Notifications"));
    m_tabs->addTab(scrollable(buildLinksPage()), tr("Links"));
    m_tabs->addTab(scrollable(buildAdvancedPage()), tr("Advanced"));

    m_keychainNotice = new QLabel(this);
    m_keychainNotice->setObjectName(QStringLiteral("keychainNotice"));
    m_keychainNotice->setWordWrap(true);
    m_keychainNotice->setFrameShape(QFrame::StyledPanel);
    m_keychainNotice->setMargin(6);
    m_keychainNotice->setText(tr("No keychain is available: the passcode and secret header values are kept in memory "
                                 "for this session only and must be entered again after a restart. They are never "
                                 "written to the settings file."));
    m_keychainNotice->setAccessibleName(tr("Keychain notice"));
    m_keychainNotice->setVisible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Save the settings and close"));
    m_buttons->button(QDialogButtonBox::Apply)->setToolTip(tr("Save the settings and keep this window open"));
    m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without saving anything"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_firstRunBanner);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_keychainNotice);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_credentials, &CredentialStore::secretsRead, this, &SettingsDialog::onSecretsRead);
    connect(m_credentials, &CredentialStore::stored, this, &SettingsDialog::onStored);
    connect(m_credentials, &CredentialStore::removed, this, &SettingsDialog::onRemoved);
    connect(m_credentials, &CredentialStore::failed, this, &SettingsDialog::onFailed);
    connect(m_credentials, &CredentialStore::keychainUnavailable, this, &SettingsDialog::onKeychainUnavailable);

    load();

    // Every change is validated at once.
    const auto changed = [this] {
        validate();
    };
    for (StringListEditor *editor : {m_serverUrls, m_destinations, m_allowlist})
        connect(editor, &StringListEditor::changed, this, changed);
    for (QLineEdit *edit : {m_host, m_login, m_webBaseUrl, m_pendingListUrl, m_heartbeatOut, m_heartbeatIn,
                            m_reconnectInitial, m_reconnectMax, m_reconnectAttempts, m_retentionCount, m_retentionDays})
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QComboBox *combo : {m_transport, m_language, m_timeZone})
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_headers, &HeaderTableEditor::changed, this, changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, this, changed);
    connect(m_doNotDisturb, &QCheckBox::toggled, m_doNotDisturbUntil, &QWidget::setEnabled);
    connect(m_doNotDisturbUntil, &QDateTimeEdit::dateTimeChanged, this, changed);

    // A test result speaks of the values it tested: it goes when they change.
    const auto stale = [this] {
        if (!isTestRunning())
            m_testResult->clear();
    };
    for (StringListEditor *editor : {m_serverUrls, m_destinations})
        connect(editor, &StringListEditor::changed, this, stale);
    for (QLineEdit *edit : {m_host, m_login, m_passcode, m_heartbeatOut, m_heartbeatIn})
        connect(edit, &QLineEdit::textEdited, this, stale);
    connect(m_transport, &QComboBox::currentIndexChanged, this, stale);
    connect(m_headers, &HeaderTableEditor::changed, this, stale);

    validate();
    if (!m_credentials->isKeychainAvailable())
        onKeychainUnavailable();
    loadSecrets();
    fitToContents();
}

SettingsDialog::~SettingsDialog()
{
    // Hide while every member still lives: hiding commits a cell editor left open, and that validates.
    hide();
}

// ---- building -------------------------------------------------------------------------------------------------

void SettingsDialog::fitToContents()
{
    // The pages scroll (small screens), so the tab widget's own size hint does not say what they need: ask them.
    QSize pages;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *area = qobject_cast<QScrollArea *>(m_tabs->widget(i)))
            pages = pages.expandedTo(area->widget()->sizeHint());
    }
    const int around = sizeHint().height() - m_tabs->sizeHint().height(); // banner, notices, buttons, margins
    const int tabs = m_tabs->tabBar()->sizeHint().height() + 2 * style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8;
    QSize wanted(qMax(680, pages.width() + 40), pages.height() + tabs + around);
    if (screen())
        wanted = wanted.boundedTo(screen()->availableGeometry().size() * 0.9);
    resize(size().expandedTo(wanted));
}

QWidget *SettingsDialog::buildFirstRunBanner()
{
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("firstRunBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    auto *title = new QLabel(tr("Welcome to Todo Notifier"), banner);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    auto *text = new QLabel(tr("No server is configured yet. Enter the push server your organisation uses (your "
                               "administrator knows its URL and destination), or try the demo server to see how "
                               "todos arrive."),
                            banner);
    text->setObjectName(QStringLiteral("firstRunText"));
    text->setWordWrap(true);
    m_demoButton = new QPushButton(tr("Try the &demo server"), banner);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    m_demoButton->setToolTip(tr("Start a built-in demo server on this computer that pushes sample todos"));
    m_demoButton->setAutoDefault(false);
    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        qCInfo(lcSettingsUi) << "first run: the demo server was chosen";
        Q_EMIT demoRequested();
        done(DemoResult);
    });

    auto *layout = new QGridLayout(banner);
    layout->addWidget(title, 0, 0);
    layout->addWidget(text, 1, 0);
    layout->addWidget(m_demoButton, 0, 1, 2, 1, Qt::AlignVCenter);
    layout->setColumnStretch(0, 1);
    banner->setVisible(false);
    return banner;
}

QLabel *SettingsDialog::addField(QFormLayout *form, const QString &label, QWidget *widget,
                                 std::optional<Settings::Key> key, const QString &toolTip, const QString &unit)
{
    QWidget *parent = form->parentWidget();
    auto *row = new QWidget(parent);
    auto *rowLayout = new QVBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(2);
    if (unit.isEmpty()) {
        rowLayout->addWidget(widget);
    } else {
        auto *line = new QHBoxLayout;
        line->addWidget(widget);
        line->addWidget(new QLabel(unit, row));
        line->addStretch();
        rowLayout->addLayout(line);
    }
    auto *message = new QLabel(row);
    message->setObjectName(widget->objectName() + QStringLiteral("Message"));
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);
    setTextColor(message, errorColor());
    message->setVisible(false);
    rowLayout->addWidget(message);

    if (!toolTip.isEmpty())
        widget->setToolTip(toolTip);
    if (label.isEmpty()) {
        form->addRow(QString(), row);
    } else {
        auto *buddyLabel = new QLabel(label, parent);
        buddyLabel->setBuddy(widget);
        // A check box is named by its own text; other fields by their label.
        if (widget->accessibleName().isEmpty() && !qobject_cast<QAbstractButton *>(widget))
            widget->setAccessibleName(withoutMnemonic(label).remove(QLatin1Char(':')));
        form->addRow(buddyLabel, row);
    }
    if (key)
        lock(widget, row, *key);
    m_fields.append({widget, message});
    return message;
}

void SettingsDialog::lock(QWidget *widget, QWidget *row, Settings::Key key)
{
    if (!m_settings->isLocked(key))
        return;
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setReadOnly(true); // still focusable, readable, copyable
    else if (auto *list = qobject_cast<StringListEditor *>(widget))
        list->setReadOnly(true);
    else if (auto *table = qobject_cast<HeaderTableEditor *>(widget))
        table->setReadOnly(true);
    else
        widget->setEnabled(false); // check and combo boxes have no read-only state
    widget->setProperty("lockedByAdministrator", true);
    auto *note = new QLabel(tr("Set by your administrator; it cannot be changed here."), row);
    note->setObjectName(widget->objectName() + QStringLiteral("LockNote"));
    note->setWordWrap(true);
    QFont italic = note->font();
    italic.setItalic(true);
    note->setFont(italic);
    setTextColor(note, palette().color(QPalette::Disabled, QPalette::WindowText));
    row->layout()->addWidget(note);
    widget->setAccessibleDescription(note->text());
}

QLineEdit *SettingsDialog::numberEdit(const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setAlignment(Qt::AlignRight);
    edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("00000000")) + 16);
    return edit;
}

QWidget *SettingsDialog::buildConnectionPage()
{
    auto *page = new QWidget;
    // The form is in place before its fields are made, so that they join the page in order (the tab order).
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_serverUrls = new StringListEditor(page);
    m_serverUrls->setObjectName(QStringLiteral("serverUrls"));
    m_serverUrls->setPlaceholderText(QStringLiteral("wss://push.example.com/ws"));
    m_serverUrls->setFieldName(tr("Server URLs"));
    addField(form, tr("&Server URLs:"), m_serverUrls, Settings::Key::ServerUrls,
             tr("The push endpoints, tried in this order: ws:// or wss:// (STOMP over WebSocket), http:// or "
                "https:// (a SockJS endpoint)."));

    m_transport = new QComboBox(page);
    m_transport->setObjectName(QStringLiteral("transport"));
    m_transport->addItem(tr("Automatic (WebSocket or SockJS)"), QStringLiteral("auto"));
    m_transport->addItem(tr("WebSocket"), QStringLiteral("websocket"));
    m_transport->addItem(tr("SockJS"), QStringLiteral("sockjs"));
    addField(form, tr("&Transport:"), m_transport, Settings::Key::Transport,
             tr("Automatic finds out whether a URL is a plain STOMP WebSocket endpoint or a SockJS endpoint."));

    m_destinations = new StringListEditor(page);
    m_destinations->setObjectName(QStringLiteral("destinations"));
    m_destinations->setPlaceholderText(QStringLiteral("/user/topic/all"));
    m_destinations->setFieldName(tr("Destinations"));
    addField(form, tr("&Destinations:"), m_destinations, Settings::Key::Destinations,
             tr("The STOMP destinations to subscribe to, e.g. /user/topic/all or /exchange/FanoutDemandExchange."));

    m_host = new QLineEdit(page);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("not sent when empty"));
    addField(form, tr("Virtual &host:"), m_host, Settings::Key::Host,
             tr("The STOMP host header; for RabbitMQ the virtual host, e.g. /."));

    m_login = new QLineEdit(page);
    m_login->setObjectName(QStringLiteral("login"));
    addField(form, tr("&Login:"), m_login, Settings::Key::Login, tr("The STOMP login (user name)."));

    m_passcode = new QLineEdit(page);
    m_passcode->setObjectName(QStringLiteral("passcode"));
    m_passcode->setEchoMode(QLineEdit::Password);
    addField(form, tr("&Passcode:"), m_passcode, std::nullopt,
             tr("The STOMP passcode (password). It is kept in the keychain, never in the settings file."));

    m_durable = new QCheckBox(tr("D&urable subscription (the broker keeps todos while this computer is off)"), page);
    m_durable->setObjectName(QStringLiteral("durable"));
    addField(form, QString(), m_durable, Settings::Key::DurableSubscription,
             tr("Asks the broker for a subscription that outlives the connection (RabbitMQ, ActiveMQ)."));

    auto *testBox = new QGroupBox(tr("Check these settings"), page);
    m_testButton = new QPushButton(tr("&Test connection"), testBox);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    m_testButton->setToolTip(tr("Connect and subscribe with the values on screen, without saving them"));
    m_cancelTestButton = new QPushButton(tr("Cancel test"), testBox);
    m_cancelTestButton->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancelTestButton->setAutoDefault(false);
    m_testResult = new QLabel(testBox);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->setMinimumHeight(m_testResult->fontMetrics().height() * 2);
    auto *testButtons = new QHBoxLayout;
    testButtons->addWidget(m_testButton);
    testButtons->addWidget(m_cancelTestButton);
    testButtons->addStretch();
    auto *testLayout = new QVBoxLayout(testBox);
    testLayout->addLayout(testButtons);
    testLayout->addWidget(m_testResult);
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &SettingsDialog::cancelTest);

    layout->addWidget(testBox);
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::buildNotificationsPage()
{
    auto *page = new QWidget;

    auto *popupsBox = new QGroupBox(tr("Notifications"), page);
    auto *form = new QFormLayout(popupsBox);
    m_popups = new QCheckBox(tr("Show a &notification for each new todo"), page);
    m_popups->setObjectName(QStringLiteral("popups"));
    addField(form, QString(), m_popups, Settings::Key::NotificationPopups,
             tr("Several todos arriving at once are summarised in one notification."));
    m_sound = new QCheckBox(tr("Play a &sound"), page);
    m_sound->setObjectName(QStringLiteral("sound"));
    addField(form, QString(), m_sound, Settings::Key::NotificationSound,
             tr("Ask the notification service to play its sound."));

    auto *dndRow = new QWidget(page);
    dndRow->setObjectName(QStringLiteral("doNotDisturbRow"));
    m_doNotDisturb = new QCheckBox(tr("Do not &disturb until"), dndRow);
    m_doNotDisturb->setObjectName(QStringLiteral("doNotDisturb"));
    m_doNotDisturbUntil = new QDateTimeEdit(dndRow);
    m_doNotDisturbUntil->setObjectName(QStringLiteral("doNotDisturbUntil"));
    m_doNotDisturbUntil->setCalendarPopup(true);
    m_doNotDisturbUntil->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_doNotDisturbUntil->setAccessibleName(tr("Do not disturb until"));
    auto *dndLayout = new QHBoxLayout(dndRow);
    dndLayout->setContentsMargins(0, 0, 0, 0);
    dndLayout->addWidget(m_doNotDisturb);
    dndLayout->addWidget(m_doNotDisturbUntil);
    dndLayout->addStretch();
    addField(form, QString(), dndRow, Settings::Key::DoNotDisturbUntil,
             tr("While on, no notifications pop up; todos are still counted on the tray icon."));
    m_urgentBypass = new QCheckBox(tr("&Urgent todos notify even when I do not want to be disturbed"), page);
    m_urgentBypass->setObjectName(QStringLiteral("urgentBypass"));
    addField(form, QString(), m_urgentBypass, Settings::Key::UrgentBypassesDoNotDisturb,
             tr("Todos the server marks as urgent still pop up during do not disturb."));

    auto *appBox = new QGroupBox(tr("Application"), page);
    auto *appForm = new QFormLayout(appBox);
    m_autostart = new QCheckBox(tr("Start Todo Notifier when I &log in"), page);
    m_autostart->setObjectName(QStringLiteral("autostart"));
    addField(appForm, tr("Startup:"), m_autostart, Settings::Key::Autostart,
             tr("Adds Todo Notifier to the programs your desktop starts at login."));
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), Translations::systemLanguage());
    for (const QString &language : Translations::availableLanguages())
        m_language->addItem(Translations::nativeName(language), language);
    m_language->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // as wide as its longest entry
    addField(appForm, tr("&Language:"), m_language, Settings::Key::Language,
             tr("The language of Todo Notifier; a change applies the next time it starts."));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(popupsBox);
    layout->addWidget(appBox);
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::buildLinksPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_webBaseUrl = new QLineEdit(page);
    m_webBaseUrl->setObjectName(QStringLiteral("webBaseUrl"));
    m_webBaseUrl->setPlaceholderText(QStringLiteral("https://oa.example.com"));
    addField(form, tr("&Web application:"), m_webBaseUrl, Settings::Key::WebBaseUrl,
             tr("The address of the web application the todos belong to. Their links are relative to it."));

    m_allowlist = new StringListEditor(page);
    m_allowlist->setObjectName(QStringLiteral("allowlist"));
    m_allowlist->setPlaceholderText(QStringLiteral("https://sso.example.com"));
    m_allowlist->setFieldName(tr("Other sites links may open"));
    addField(form, tr("&Other sites links may open:"), m_allowlist, Settings::Key::LinkAllowlist,
             tr("Links to the web application always open. A link to any other site opens only if its site is "
                "listed here, e.g. https://sso.example.com."));

    m_pendingListUrl = new QLineEdit(page);
    m_pendingListUrl->setObjectName(QStringLiteral("pendingListUrl"));
    m_pendingListUrl->setPlaceholderText(tr("none"));
    addField(form, tr("&Pending todos URL:"), m_pendingListUrl, Settings::Key::PendingListUrl,
             tr("Fetched after every connect to catch up on todos that arrived while this computer was "
                "offline. Leave empty if the server has no such list."));

    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::buildAdvancedPage()
{
    auto *page = new QWidget;

    auto *headersBox = new QGroupBox(tr("Extra headers"), page);
    auto *headersForm = new QFormLayout(headersBox);
    headersForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_headers = new HeaderTableEditor(page);
    m_headers->setObjectName(QStringLiteral("headers"));
    addField(headersForm, QString(), m_headers, Settings::Key::Headers, QString());

    auto *timingBox = new QGroupBox(tr("Heart-beat and reconnecting"), page);
    auto *timing = new QFormLayout(timingBox);
    const QString ms = tr("ms");
    m_heartbeatOut = numberEdit(QStringLiteral("heartbeatOut"));
    addField(timing, tr("Heart-beat &sent every:"), m_heartbeatOut, Settings::Key::HeartbeatOutMs,
             tr("How often this computer offers to show the server it is alive; 0 = never."), ms);
    m_heartbeatIn = numberEdit(QStringLiteral("heartbeatIn"));
    addField(timing, tr("Heart-beat &expected every:"), m_heartbeatIn, Settings::Key::HeartbeatInMs,
             tr("How often the server should show it is alive; a silent connection is then reopened. 0 = never."), ms);
    m_reconnectInitial = numberEdit(QStringLiteral("reconnectInitial"));
    addField(timing, tr("&First retry after:"), m_reconnectInitial, Settings::Key::ReconnectInitialMs,
             tr("The wait before the first reconnect attempt; it doubles with every failed attempt."), ms);
    m_reconnectMax = numberEdit(QStringLiteral("reconnectMax"));
    addField(timing, tr("&Longest wait between retries:"), m_reconnectMax, Settings::Key::ReconnectMaxMs,
             tr("The wait between reconnect attempts never grows beyond this."), ms);
    m_reconnectAttempts = numberEdit(QStringLiteral("reconnectAttempts"));
    addField(timing, tr("&Give up after:"), m_reconnectAttempts, Settings::Key::ReconnectMaxAttempts,
             tr("Failed attempts in a row before giving up; 0 = keep trying."), tr("attempts (0 = never)"));

    auto *todosBox = new QGroupBox(tr("Todos"), page);
    auto *todos = new QFormLayout(todosBox);
    m_timeZone = new QComboBox(page);
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setMaxVisibleItems(20);
    m_timeZone->addItem(tr("This computer's time zone (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
                        QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    addField(todos, tr("&Time zone of server times:"), m_timeZone, Settings::Key::ServerTimeZone,
             tr("The time zone the server writes the todos' times in, e.g. Asia/Shanghai."));
    m_retentionCount = numberEdit(QStringLiteral("retentionCount"));
    addField(todos, tr("&Keep at most:"), m_retentionCount, Settings::Key::RetentionCount,
             tr("How many read todos are kept; unread ones are always kept."), tr("read todos"));
    m_retentionDays = numberEdit(QStringLiteral("retentionDays"));
    addField(todos, tr("Keep read todos &for:"), m_retentionDays, Settings::Key::RetentionDays,
             tr("Days a read todo that the server no longer lists is kept."), tr("days"));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(headersBox);
    layout->addWidget(timingBox);
    layout->addWidget(todosBox);
    layout->addStretch();
    return page;
}

// ---- loading --------------------------------------------------------------------------------------------------

void SettingsDialog::load()
{
    using Key = Settings::Key;
    m_serverUrls->setEntries(m_settings->value(Key::ServerUrls).toStringList());
    m_transport->setCurrentIndex(qMax(0, m_transport->findData(m_settings->value(Key::Transport).toString())));
    m_destinations->setEntries(m_settings->get<QStringList>(Settings::Key::Destinations));
    m_host->setText(m_settings->get<QString>(Settings::Key::Host));
    m_login->setText(m_settings->get<QString>(Settings::Key::Login));
    m_durable->setChecked(m_settings->get<bool>(Settings::Key::DurableSubscription));

    m_popups->setChecked(m_settings->get<bool>(Settings::Key::NotificationPopups));
    m_sound->setChecked(m_settings->get<bool>(Settings::Key::NotificationSound));
    m_loadedDoNotDisturb = m_settings->isDoNotDisturbActive();
    QDateTime until = m_settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil).toLocalTime();
    if (!m_loadedDoNotDisturb) { // offer the next full hour
        const QDateTime now = QDateTime::currentDateTime();
        until = QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600);
    }
    m_doNotDisturb->setChecked(m_loadedDoNotDisturb);
    m_doNotDisturbUntil->setDateTime(until);
    m_doNotDisturbUntil->setEnabled(m_loadedDoNotDisturb);
    m_loadedDoNotDisturbUntil = m_doNotDisturbUntil->dateTime(); // as the widget shows it (whole minutes)
    m_urgentBypass->setChecked(m_settings->get<bool>(Settings::Key::UrgentBypassesDoNotDisturb));
    // Whether it starts at login is the system's record, which an administrator's autostart entry or the
    // desktop's own startup tool may have changed since this dialog last saved it; a locked preset rules.
    const std::unique_ptr<Autostart> autostart = Autostart::create(QCoreApplication::applicationFilePath(), {});
    m_autostart->setChecked(autostart && !m_settings->isLocked(Key::Autostart)
                                ? autostart->isEnabled()
                                : m_settings->get<bool>(Settings::Key::Autostart));
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings->get<QString>(Settings::Key::Language))));

    m_webBaseUrl->setText(m_settings->value(Key::WebBaseUrl).toString());
    m_allowlist->setEntries(m_settings->value(Key::LinkAllowlist).toStringList());
    m_pendingListUrl->setText(m_settings->value(Key::PendingListUrl).toString());

    m_headers->setHeaders(m_settings->headers());
    m_heartbeatOut->setText(QString::number(m_settings->get<int>(Settings::Key::HeartbeatOutMs)));
    m_heartbeatIn->setText(QString::number(m_settings->get<int>(Settings::Key::HeartbeatInMs)));
    m_reconnectInitial->setText(QString::number(m_settings->get<int>(Settings::Key::ReconnectInitialMs)));
    m_reconnectMax->setText(QString::number(m_settings->get<int>(Settings::Key::ReconnectMaxMs)));
    m_reconnectAttempts->setText(QString::number(m_settings->get<int>(Settings::Key::ReconnectMaxAttempts)));
    const QString zone = m_settings->get<QString>(Settings::Key::ServerTimeZone);
    int zoneIndex = m_timeZone->findData(zone);
    if (zoneIndex < 0) { // unknown here: shown as it is, and validation says so
        m_timeZone->addItem(zone, zone);
        zoneIndex = m_timeZone->count() - 1;
    }
    m_timeZone->setCurrentIndex(zoneIndex);
    m_retentionCount->setText(QString::number(m_settings->get<int>(Settings::Key::RetentionCount)));
    m_retentionDays->setText(QString::number(m_settings->get<int>(Settings::Key::RetentionDays)));
}

void SettingsDialog::loadSecrets()
{
    m_loadedAccount = m_settings->credentialAccount();
    m_loadedSecrets.clear();
    m_secretReadError.clear();
    m_secretsLoading = true;
    m_passcode->setEnabled(false);
    m_headers->setEnabled(false);
    m_passcode->setPlaceholderText(tr("Reading the keychain…"));
    updateButtons();
    m_credentials->readAll(m_loadedAccount, m_settings->secretItems());
}

void SettingsDialog::onSecretsRead(const QString &account, const QHash<QString, QByteArray> &secrets)
{
    if (!m_secretsLoading || account != m_loadedAccount)
        return;
    m_secretsLoading = false;
    m_loadedSecrets = secrets;
    m_passcode->setText(QString::fromUtf8(secrets.value(Settings::passcodeItem())));
    m_passcode->setPlaceholderText({});
    m_passcode->setEnabled(true);
    QList<HeaderSetting> headers = m_settings->headers();
    for (HeaderSetting &header : headers) {
        if (header.secret)
            header.value = QString::fromUtf8(secrets.value(header.secretItem()));
    }
    m_headers->setHeaders(headers);
    m_headers->setEnabled(true);
    if (!m_secretReadError.isEmpty())
        setMessage(m_passcode, tr("Could not read the saved secrets from the keychain: %1").arg(m_secretReadError));
    updateButtons();
    Q_EMIT secretsLoaded();
}

// ---- keychain answers -----------------------------------------------------------------------------------------

void SettingsDialog::onStored(const QString &account, const QString &item, bool persistent)
{
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    if (!persistent)
        onKeychainUnavailable();
    finishApplyIfDone();
}

void SettingsDialog::onRemoved(const QString &account, const QString &item)
{
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    finishApplyIfDone();
}

void SettingsDialog::onFailed(const QString &account, const QString &item, const QString &message)
{
    if (m_secretsLoading && account == m_loadedAccount) {
        m_secretReadError = message; // readAll() still answers with what it found
        return;
    }
    if (!m_applying || !m_pendingSecretOps.remove(secretKey(account, item)))
        return;
    m_applyErrors.append(message);
    finishApplyIfDone();
}

void SettingsDialog::onKeychainUnavailable()
{
    m_secretsInMemory = true;
    m_keychainNotice->setToolTip(m_credentials->unavailableReason());
    if (m_keychainNotice->isHidden()) {
        m_keychainNotice->setVisible(true);
        fitToContents();
    }
}

// ---- validation -----------------------------------------------------------------------------------------------

void SettingsDialog::validate()
{
    QHash<QWidget *, QString> errors;
    const QString notMs = tr("Enter a number of milliseconds, e.g. 10000.");
    const QString notCount = tr("Enter a whole number, e.g. 5.");

    errors.insert(m_serverUrls, Settings::validateServerUrls(m_serverUrls->entries()));
    const QStringList destinations = m_destinations->entries();
    QString destinationError = destinations.isEmpty() ? Settings::validateDestination({}) : QString();
    for (const QString &destination : destinations) {
        if (destinationError.isEmpty())
            destinationError = Settings::validateDestination(destination);
    }
    errors.insert(m_destinations, destinationError);

    QString headerError;
    for (const HeaderSetting &header : m_headers->headers()) {
        QString error = Settings::validateHeaderName(header.name, header.target);
        if (error.isEmpty())
            error = Settings::validateHeaderValue(header.value);
        if (!error.isEmpty()) {
            headerError = header.name.isEmpty() ? error : tr("%1: %2").arg(header.name, error);
            break;
        }
    }
    errors.insert(m_headers, headerError);

    for (QLineEdit *edit : {m_heartbeatOut, m_heartbeatIn}) {
        const std::optional<int> value = parseNumber(edit);
        errors.insert(edit, value ? Settings::validateHeartbeat(*value) : notMs);
    }

    const std::optional<int> initial = parseNumber(m_reconnectInitial);
    const std::optional<int> maximum = parseNumber(m_reconnectMax);
    const std::optional<int> attempts = parseNumber(m_reconnectAttempts);
    errors.insert(m_reconnectInitial, initial ? QString() : notMs);
    errors.insert(m_reconnectMax, maximum ? QString() : notMs);
    errors.insert(m_reconnectAttempts, attempts ? QString() : notCount);
    if (initial && maximum && attempts) {
        const QString error = Settings::validateReconnect(*initial, *maximum, *attempts);
        // The message belongs under the field it is about, in the order validateReconnect() checks them.
        QLineEdit *about = *initial < 100                 ? m_reconnectInitial
            : (*maximum < *initial || *maximum > 3600000) ? m_reconnectMax
                                                          : m_reconnectAttempts;
        if (!error.isEmpty())
            errors.insert(about, error);
    }

    errors.insert(m_webBaseUrl, Settings::validateWebUrl(m_webBaseUrl->text()));
    QString allowlistError;
    for (const QString &origin : m_allowlist->entries()) {
        if (allowlistError.isEmpty())
            allowlistError = Settings::validateAllowlistEntry(origin);
    }
    errors.insert(m_allowlist, allowlistError);
    errors.insert(m_pendingListUrl, Settings::validateWebUrl(m_pendingListUrl->text()));

    errors.insert(m_timeZone, Settings::validateTimeZone(m_timeZone->currentData().toString()));
    const std::optional<int> count = parseNumber(m_retentionCount);
    const std::optional<int> days = parseNumber(m_retentionDays);
    errors.insert(m_retentionCount, count ? QString() : notCount);
    errors.insert(m_retentionDays, days ? QString() : notCount);
    if (count && days) {
        const QString error = Settings::validateRetention(*count, *days);
        if (!error.isEmpty())
            errors.insert(*count < 1 || *count > 100000 ? m_retentionCount : m_retentionDays, error);
    }

    QWidget *dndRow = m_doNotDisturb->parentWidget();
    errors.insert(dndRow,
                  m_doNotDisturb->isChecked() && m_doNotDisturbUntil->dateTime() <= QDateTime::currentDateTime()
                      ? tr("Choose a time in the future.")
                      : QString());

    m_valid = true;
    for (const Field &field : std::as_const(m_fields)) {
        setMessage(field.widget, errors.value(field.widget));
        if (!field.message->text().isEmpty())
            m_valid = false;
    }
    m_connectionValid = true;
    for (QWidget *widget : {static_cast<QWidget *>(m_serverUrls), static_cast<QWidget *>(m_destinations),
                            static_cast<QWidget *>(m_headers), static_cast<QWidget *>(m_heartbeatOut),
                            static_cast<QWidget *>(m_heartbeatIn)}) {
        if (!errors.value(widget).isEmpty())
            m_connectionValid = false;
    }

    // Mark the pages that hold a problem, so that one on a page out of sight is found.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int i = 0; i < m_tabs->count(); ++i) {
        bool bad = false;
        for (const Field &field : std::as_const(m_fields)) {
            if (!field.message->text().isEmpty() && m_tabs->widget(i)->isAncestorOf(field.widget))
                bad = true;
        }
        m_tabs->setTabIcon(i, bad ? warning : QIcon());
        m_tabs->setTabToolTip(i, bad ? tr("Something on this page needs correcting") : QString());
    }
    updateButtons();
}

void SettingsDialog::setMessage(QWidget *widget, const QString &message)
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.widget != widget)
            continue;
        // A value the administrator locked cannot be corrected here: it never blocks saving.
        const QString shown = widget->property("lockedByAdministrator").toBool() ? QString() : message;
        field.message->setText(shown);
        field.message->setVisible(!shown.isEmpty());
        if (widget->property("lockedByAdministrator").toBool())
            return;
        widget->setAccessibleDescription(shown);
        if (auto *list = qobject_cast<StringListEditor *>(widget))
            list->listWidget()->setAccessibleDescription(shown);
        else if (auto *table = qobject_cast<HeaderTableEditor *>(widget))
            table->table()->setAccessibleDescription(shown);
        return;
    }
}

void SettingsDialog::updateButtons()
{
    const bool canSave = m_valid && !isBusy();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canSave);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(canSave);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!m_applying);
    m_testButton->setEnabled(m_connectionValid && !m_secretsLoading && !isTestRunning());
    m_cancelTestButton->setEnabled(isTestRunning());

    if (!m_valid) {
        QStringList pages;
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (!m_tabs->tabIcon(i).isNull())
                pages.append(withoutMnemonic(m_tabs->tabText(i)));
        }
        setStatus(tr("Correct the marked fields to save (%1).").arg(pages.join(QStringLiteral(", "))), true);
    } else if (!m_applyErrors.isEmpty()) {
        setStatus(tr("Nothing was saved: %1").arg(m_applyErrors.join(QStringLiteral("; "))), true);
    } else if (m_applying) {
        setStatus(tr("Saving…"), false);
    } else if (m_secretsLoading) {
        setStatus(tr("Reading the passcode from the keychain…"), false);
    } else {
        setStatus({}, false);
    }
}

void SettingsDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    setTextColor(m_status, error ? errorColor() : palette().color(QPalette::WindowText));
}

// ---- applying -------------------------------------------------------------------------------------------------

void SettingsDialog::accept()
{
    startApply(true);
}

void SettingsDialog::apply()
{
    startApply(false);
}

void SettingsDialog::reject()
{
    if (m_applying)
        return; // the keychain is being written: closing now would leave it half done
    QDialog::reject();
}

void SettingsDialog::done(int result)
{
    if (m_test)
        m_test->cancel();
    QDialog::done(result);
}

QString SettingsDialog::onScreenAccount() const
{
    const QStringList urls = m_serverUrls->entries();
    return Settings::credentialAccount(urls.isEmpty() ? QUrl() : QUrl(urls.constFirst()), m_login->text());
}

QList<HeaderSetting> SettingsDialog::onScreenHeaders() const
{
    return m_headers->headers();
}

void SettingsDialog::startApply(bool closeAfter)
{
    if (!m_valid || isBusy())
        return;
    m_applyErrors.clear();
    m_closeAfterApply = closeAfter;

    // The secrets the values on screen need: item -> value (empty values are not stored).
    const QString account = onScreenAccount();
    QHash<QString, QByteArray> wanted;
    if (!m_passcode->text().isEmpty())
        wanted.insert(Settings::passcodeItem(), m_passcode->text().toUtf8());
    for (const HeaderSetting &header : onScreenHeaders()) {
        if (header.secret && !header.value.isEmpty())
            wanted.insert(header.secretItem(), header.value.toUtf8());
    }

    struct Operation
    {
        bool store = true;
        QString account;
        QString item;
        QByteArray value;
    };
    QList<Operation> operations;
    if (account == m_loadedAccount) {
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            const auto loaded = m_loadedSecrets.constFind(it.key());
            if (loaded == m_loadedSecrets.cend() || *loaded != it.value())
                operations.append({true, account, it.key(), it.value()});
        }
        for (auto it = m_loadedSecrets.cbegin(); it != m_loadedSecrets.cend(); ++it) {
            if (!wanted.contains(it.key()))
                operations.append({false, account, it.key(), {}});
        }
    } else {
        // Another login or first server: the secrets move to the new account.
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
            operations.append({true, account, it.key(), it.value()});
        for (auto it = m_loadedSecrets.cbegin(); it != m_loadedSecrets.cend(); ++it)
            operations.append({false, m_loadedAccount, it.key(), {}});
    }

    m_applying = true;
    m_applyAccount = account;
    m_applySecrets = wanted;
    m_pendingSecretOps.clear();
    for (const Operation &operation : std::as_const(operations))
        m_pendingSecretOps.insert(secretKey(operation.account, operation.item));
    updateButtons();
    // Secrets first: the settings are written only once the keychain holds what they refer to.
    for (const Operation &operation : std::as_const(operations)) {
        if (operation.store)
            m_credentials->store(operation.account, operation.item, operation.value);
        else
            m_credentials->remove(operation.account, operation.item);
    }
    finishApplyIfDone();
}

void SettingsDialog::finishApplyIfDone()
{
    if (!m_applying || !m_pendingSecretOps.isEmpty())
        return;
    m_applying = false;
    if (!m_applyErrors.isEmpty()) {
        qCWarning(lcSettingsUi) << "settings not saved: the keychain refused";
        updateButtons();
        Q_EMIT applyFailed(m_status->text());
        return;
    }
    writeSettings();
    m_loadedAccount = m_applyAccount;
    m_loadedSecrets = m_applySecrets;
    m_loadedDoNotDisturb = m_doNotDisturb->isChecked();
    m_loadedDoNotDisturbUntil = m_doNotDisturbUntil->dateTime();
    updateButtons();
    qCInfo(lcSettingsUi) << "settings saved to" << m_settings->fileName()
                         << (m_secretsInMemory ? "(secrets in memory only)" : "");
    Q_EMIT applied();
    if (m_closeAfterApply)
        QDialog::accept();
}

void SettingsDialog::store(Settings::Key key, const QVariant &value)
{
    // Only what changed: a key the person left alone keeps following the preset or the default.
    if (m_settings->isLocked(key) || m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
}

void SettingsDialog::writeSettings()
{
    using Key = Settings::Key;
    store(Key::ServerUrls, normalisedUrls(m_serverUrls->entries()));
    store(Key::Transport, m_transport->currentData().toString());
    store(Key::Destinations, m_destinations->entries());
    store(Key::Host, m_host->text().trimmed());
    store(Key::Login, m_login->text());
    store(Key::DurableSubscription, m_durable->isChecked());

    QList<HeaderSetting> headers = onScreenHeaders();
    for (HeaderSetting &header : headers) {
        if (header.secret)
            header.value.clear(); // in the keychain; Settings drops it too
    }
    if (!m_settings->isLocked(Key::Headers) && headers != m_settings->headers())
        m_settings->setHeaders(headers);
    store(Key::HeartbeatOutMs, parseNumber(m_heartbeatOut).value_or(0));
    store(Key::HeartbeatInMs, parseNumber(m_heartbeatIn).value_or(0));
    store(Key::ReconnectInitialMs, parseNumber(m_reconnectInitial).value_or(0));
    store(Key::ReconnectMaxMs, parseNumber(m_reconnectMax).value_or(0));
    store(Key::ReconnectMaxAttempts, parseNumber(m_reconnectAttempts).value_or(0));
    store(Key::ServerTimeZone, m_timeZone->currentData().toString());
    store(Key::RetentionCount, parseNumber(m_retentionCount).value_or(0));
    store(Key::RetentionDays, parseNumber(m_retentionDays).value_or(0));

    store(Key::WebBaseUrl, normalisedUrl(m_webBaseUrl->text()));
    store(Key::LinkAllowlist, normalisedUrls(m_allowlist->entries()));
    store(Key::PendingListUrl, normalisedUrl(m_pendingListUrl->text()));

    store(Key::NotificationPopups, m_popups->isChecked());
    store(Key::NotificationSound, m_sound->isChecked());
    if (!m_settings->isLocked(Key::DoNotDisturbUntil)
        && (m_doNotDisturb->isChecked() != m_loadedDoNotDisturb
            || (m_doNotDisturb->isChecked() && m_doNotDisturbUntil->dateTime() != m_loadedDoNotDisturbUntil)))
        m_settings->setValue(Settings::Key::DoNotDisturbUntil,
                             m_doNotDisturb->isChecked() ? m_doNotDisturbUntil->dateTime() : QDateTime());
    store(Key::UrgentBypassesDoNotDisturb, m_urgentBypass->isChecked());
    store(Key::Autostart, m_autostart->isChecked());
    store(Key::Language, m_language->currentData().toString());
    m_settings->sync();
}

// ---- first run, pages ------------------------------------------------------------------------------------------

void SettingsDialog::setFirstRun(bool firstRun)
{
    m_firstRun = firstRun;
    m_firstRunBanner->setVisible(firstRun);
    fitToContents();
    if (firstRun) {
        showPage(Page::Connection);
        m_serverUrls->listWidget()->setFocus();
    }
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

// ---- test connection ------------------------------------------------------------------------------------------

bool SettingsDialog::isTestRunning() const
{
    return m_test && m_test->isRunning();
}

SettingsView SettingsDialog::onScreenSettings() const
{
    using Key = Settings::Key;
    return SettingsView([this](Key key) -> QVariant {
        switch (key) {
        case Key::ServerUrls:
            return m_serverUrls->entries();
        case Key::Transport:
            return m_transport->currentData().toString();
        case Key::Destinations:
            return m_destinations->entries();
        case Key::Host:
            return m_host->text().trimmed();
        case Key::Login:
            return m_login->text();
        case Key::Headers:
            return HeaderSetting::toJson(onScreenHeaders());
        case Key::HeartbeatOutMs:
            return parseNumber(m_heartbeatOut).value_or(0);
        case Key::HeartbeatInMs:
            return parseNumber(m_heartbeatIn).value_or(0);
        default:
            return m_settings->value(key);
        }
    });
}

ConnectionSecrets SettingsDialog::onScreenSecrets() const
{
    ConnectionSecrets secrets;
    secrets.passcode = m_passcode->text().toUtf8();
    for (const HeaderSetting &header : onScreenHeaders()) {
        if (header.secret)
            secrets.headerValues.insert(header.secretItem(), header.value.toUtf8());
    }
    return secrets;
}

void SettingsDialog::testConnection()
{
    if (!m_connectionValid || m_secretsLoading)
        return;
    if (m_test)
        m_test->cancel();
    m_test = SourceFactory::createCheck(onScreenSettings(), onScreenSecrets());
    connect(m_test.get(), &ConnectionCheck::progress, this, &SettingsDialog::onTestProgress);
    connect(m_test.get(), &ConnectionCheck::finished, this, &SettingsDialog::onTestFinished);
    setTextColor(m_testResult, palette().color(QPalette::WindowText));
    m_testResult->clear();
    m_test->start();
    updateButtons();
}

void SettingsDialog::cancelTest()
{
    if (!isTestRunning())
        return;
    m_test->cancel();
    setTextColor(m_testResult, palette().color(QPalette::WindowText));
    m_testResult->setText(tr("Test cancelled."));
    updateButtons();
}

void SettingsDialog::onTestProgress(const QUrl &url, ConnectionCheck::Stage stage)
{
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo);
    m_testResult->setText(stage == ConnectionCheck::Stage::Connecting ? tr("Connecting to %1…").arg(where)
                                                                      : tr("Connected to %1; checking…").arg(where));
}

void SettingsDialog::onTestFinished(const QList<ConnectionCheck::Result> &results)
{
    QStringList lines;
    bool allOk = !results.isEmpty();
    for (const ConnectionCheck::Result &result : results) {
        const QString text = describe(result);
        lines.append(results.size() > 1 ? tr("%1: %2").arg(result.url.toDisplayString(QUrl::RemoveUserInfo), text)
                                        : text);
        allOk = allOk && result.ok;
    }
    if (results.isEmpty())
        lines.append(tr("There is no server URL to test."));
    setTextColor(m_testResult, allOk ? successColor() : errorColor());
    m_testResult->setText(lines.join(QLatin1Char('\n')));
    updateButtons();
}

QString SettingsDialog::describe(const ConnectionCheck::Result &result) const
{
    if (result.ok) {
        QString text = tr("It works: %1.").arg(result.description);
        if (!result.verified.isEmpty())
            text += QLatin1Char(' ') + result.verified;
        if (!result.session.server.isEmpty())
            text += QLatin1Char(' ') + tr("Server: %1.").arg(result.session.server);
        return text;
    }
    const QString detail =
        result.error.message.isEmpty() ? PushError::kindName(result.error.kind) : result.error.message;
    QString reason;
    switch (result.error.kind) {
    case PushError::Kind::Unreachable:
        reason = tr("Unreachable: %1").arg(detail);
        break;
    case PushError::Kind::HandshakeRefused:
        reason = tr("The handshake was refused: %1").arg(detail);
        break;
    case PushError::Kind::PathNotFound:
        reason = tr("Nothing at this address: %1").arg(detail);
        break;
    case PushError::Kind::AuthFailed:
        reason = tr("Authentication failed. The server said: %1").arg(detail);
        break;
    case PushError::Kind::ServerError:
        reason = tr("Server error: %1").arg(detail);
        break;
    case PushError::Kind::SubscriptionRefused:
        reason = tr("The server refused the subscription: %1").arg(detail);
        break;
    case PushError::Kind::NotThisProtocol:
        reason = tr("Protocol error: %1").arg(detail);
        break;
    case PushError::Kind::Timeout:
        reason = tr("No answer in time: %1").arg(detail);
        break;
    case PushError::Kind::Tls:
        reason = tr("Secure connection (TLS) failed: %1").arg(detail);
        break;
    case PushError::Kind::None:
    case PushError::Kind::HeartbeatLost:
    case PushError::Kind::ConnectionLost:
        reason = tr("The connection was lost: %1").arg(detail);
        break;
    }
    if (result.connected)
        return tr("Connected with %1, but the test failed after connecting. %2").arg(result.description, reason);
    return reason;
}
