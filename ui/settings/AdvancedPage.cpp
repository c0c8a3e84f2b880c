#include "settings/AdvancedPage.h"

#include "settings/HeaderTableEditor.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QTimeZone>

namespace {

std::optional<int> parseNumber(const QLineEdit *edit)
{
    bool ok = false;
    const int value = edit->text().trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

} // namespace

AdvancedPage::AdvancedPage(const Settings &settings, QWidget *parent)
    : SettingsPage(settings, parent)
{
    auto *headersBox = new QGroupBox(tr("Extra headers"), this);
    auto *headersForm = new QFormLayout(headersBox);
    headersForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_headers = new HeaderTableEditor(this);
    m_headers->setObjectName(QStringLiteral("headers"));
    addField(headersForm, QString(), m_headers, Settings::Key::Headers, QString());

    auto *timingBox = new QGroupBox(tr("Heart-beat and reconnecting"), this);
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

    auto *todosBox = new QGroupBox(tr("Todos"), this);
    auto *todos = new QFormLayout(todosBox);
    m_timeZone = new QComboBox(this);
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(headersBox);
    layout->addWidget(timingBox);
    layout->addWidget(todosBox);
    layout->addStretch();

    // Every change is validated; a test result goes when what it tested changes.
    for (QLineEdit *edit : {m_heartbeatOut, m_heartbeatIn, m_reconnectInitial, m_reconnectMax, m_reconnectAttempts,
                            m_retentionCount, m_retentionDays})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::changed);
    connect(m_timeZone, &QComboBox::currentIndexChanged, this, &SettingsPage::changed);
    connect(m_headers, &HeaderTableEditor::changed, this, &SettingsPage::changed);
    for (QLineEdit *edit : {m_heartbeatOut, m_heartbeatIn})
        connect(edit, &QLineEdit::textEdited, this, &SettingsPage::testedValueEdited);
    connect(m_headers, &HeaderTableEditor::changed, this, &SettingsPage::testedValueEdited);
}

AdvancedPage::~AdvancedPage() = default;

QLineEdit *AdvancedPage::numberEdit(const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setAlignment(Qt::AlignRight);
    edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("00000000")) + 16);
    return edit;
}

void AdvancedPage::load(const Settings &settings)
{
    using Key = Settings::Key;
    m_headers->setHeaders(settings.headers());
    m_heartbeatOut->setText(QString::number(settings.get<int>(Key::HeartbeatOutMs)));
    m_heartbeatIn->setText(QString::number(settings.get<int>(Key::HeartbeatInMs)));
    m_reconnectInitial->setText(QString::number(settings.get<int>(Key::ReconnectInitialMs)));
    m_reconnectMax->setText(QString::number(settings.get<int>(Key::ReconnectMaxMs)));
    m_reconnectAttempts->setText(QString::number(settings.get<int>(Key::ReconnectMaxAttempts)));
    const QString zone = settings.get<QString>(Key::ServerTimeZone);
    int zoneIndex = m_timeZone->findData(zone);
    if (zoneIndex < 0) { // unknown here: shown as it is, and validation says so
        m_timeZone->addItem(zone, zone);
        zoneIndex = m_timeZone->count() - 1;
    }
    m_timeZone->setCurrentIndex(zoneIndex);
    m_retentionCount->setText(QString::number(settings.get<int>(Key::RetentionCount)));
    m_retentionDays->setText(QString::number(settings.get<int>(Key::RetentionDays)));
}

void AdvancedPage::write(Settings &settings)
{
    using Key = Settings::Key;
    QList<HeaderSetting> headers = m_headers->headers();
    for (HeaderSetting &header : headers) {
        if (header.secret)
            header.value.clear(); // in the keychain; Settings drops it too
    }
    if (!settings.isLocked(Key::Headers) && headers != settings.headers())
        settings.setHeaders(headers);
    store(settings, Key::HeartbeatOutMs, parseNumber(m_heartbeatOut).value_or(0));
    store(settings, Key::HeartbeatInMs, parseNumber(m_heartbeatIn).value_or(0));
    store(settings, Key::ReconnectInitialMs, parseNumber(m_reconnectInitial).value_or(0));
    store(settings, Key::ReconnectMaxMs, parseNumber(m_reconnectMax).value_or(0));
    store(settings, Key::ReconnectMaxAttempts, parseNumber(m_reconnectAttempts).value_or(0));
    store(settings, Key::ServerTimeZone, m_timeZone->currentData().toString());
    store(settings, Key::RetentionCount, parseNumber(m_retentionCount).value_or(0));
    store(settings, Key::RetentionDays, parseNumber(m_retentionDays).value_or(0));
}

QHash<QWidget *, QString> AdvancedPage::errors() const
{
    QHash<QWidget *, QString> errors;
    const QString notMs = tr("Enter a number of milliseconds, e.g. 10000.");
    const QString notCount = tr("Enter a whole number, e.g. 5.");

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
    return errors;
}

bool AdvancedPage::testedValuesValid() const
{
    return error(m_headers).isEmpty() && error(m_heartbeatOut).isEmpty() && error(m_heartbeatIn).isEmpty();
}

std::optional<QVariant> AdvancedPage::testedValue(Settings::Key key) const
{
    using Key = Settings::Key;
    switch (key) {
    case Key::Headers:
        return HeaderSetting::toJson(m_headers->headers());
    case Key::HeartbeatOutMs:
        return parseNumber(m_heartbeatOut).value_or(0);
    case Key::HeartbeatInMs:
        return parseNumber(m_heartbeatIn).value_or(0);
    default:
        return std::nullopt;
    }
}

QList<HeaderSetting> AdvancedPage::headers() const
{
    return m_headers->headers();
}

void AdvancedPage::setHeaders(const QList<HeaderSetting> &headers)
{
    m_headers->setHeaders(headers);
}

void AdvancedPage::setHeadersEnabled(bool enabled)
{
    m_headers->setEnabled(enabled);
}
