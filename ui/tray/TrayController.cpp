#include "tray/TrayController.h"

#include "base/Clock.h"
#include "common/UiLogging.h"
#include "config/Settings.h"
#include "model/MergedTodoModel.h"
#include "tray/PendingCounter.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QTextDocument>

TrayController::TrayController(MergedTodoModel *model, PendingCounter *counter, ConnectionStatus *status,
                               Settings *settings, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_counter(counter)
    , m_status(status)
    , m_settings(settings)
    , m_trayIcon(std::make_unique<QSystemTrayIcon>())
    , m_menu(std::make_unique<QMenu>())
{
    Q_ASSERT(model && counter && status && settings);
    setClock(nullptr);
    createMenu();
    m_trayIcon->setContextMenu(m_menu.get());
    connect(m_trayIcon.get(), &QSystemTrayIcon::activated, this, &TrayController::onActivated);
    connect(counter, &PendingCounter::countChanged, this, &TrayController::update);
    connect(model, &MergedTodoModel::unreadCountChanged, this, &TrayController::update);
    connect(status, &ConnectionStatus::changed, this, &TrayController::update);
    connect(settings, &Settings::changed, this, &TrayController::onSettingsChanged);
}

TrayController::~TrayController()
{
    // The icon refers to the menu: let it go first.
    m_trayIcon.reset();
}

void TrayController::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    m_dndTimer = m_clock->createTimer();
    connect(m_dndTimer.get(), &ClockTimer::timeout, this, &TrayController::update);
    armDoNotDisturbTimer();
    update();
}

bool TrayController::show()
{
    if (!isSystemTrayAvailable()) {
        qCInfo(lcTray) << "the desktop has no system tray: the list window is the main window";
        return false;
    }
    m_trayIcon->show();
    return true;
}

void TrayController::createMenu()
{
    const auto add = [this](Action id, QMenu *menu, auto handler) {
        auto *action = menu->addAction(QString());
        connect(action, &QAction::triggered, this, handler);
        m_actions.insert(id, action);
        return action;
    };
    add(Action::OpenList, m_menu.get(), [this] { Q_EMIT openListRequested(); });
    add(Action::MarkAllRead, m_menu.get(), [this] {
        if (m_model)
            m_model->markAllRead();
    });
    m_dndMenu = m_menu->addMenu(QString());
    add(Action::DoNotDisturbHour, m_dndMenu, [this] { setDoNotDisturb(now().addSecs(3600)); });
    add(Action::DoNotDisturbTomorrow, m_dndMenu, [this] {
        const QDateTime local = now().toLocalTime();
        setDoNotDisturb(QDateTime(local.date().addDays(1), QTime(kTomorrowHour, 0)));
    });
    add(Action::DoNotDisturbOff, m_dndMenu, [this] { setDoNotDisturb({}); });
    m_menu->addSeparator();
    add(Action::Reconnect, m_menu.get(), [this] {
        if (m_status) {
            qCInfo(lcTray) << "reconnect requested from the tray menu";
            m_status->reconnectNow(); // every server's
        }
    });
    add(Action::Settings, m_menu.get(), [this] { Q_EMIT settingsRequested(); });
    add(Action::About, m_menu.get(), [this] { Q_EMIT aboutRequested(); });
    m_menu->addSeparator();
    add(Action::Quit, m_menu.get(), [this] { Q_EMIT quitRequested(); });
    m_actions.value(Action::OpenList)->setFont([this] {
        QFont font = m_menu->font();
        font.setBold(true); // the left click's action, as desktops mark the default
        return font;
    }());
    retranslate();
}

void TrayController::retranslate()
{
    m_actions.value(Action::OpenList)->setText(tr("&Open todo list"));
    m_actions.value(Action::MarkAllRead)->setText(tr("&Mark all as read"));
    m_actions.value(Action::DoNotDisturbHour)->setText(tr("For 1 &hour"));
    m_actions.value(Action::DoNotDisturbTomorrow)
        ->setText(tr("Until &tomorrow (%1)").arg(QLocale().toString(QTime(kTomorrowHour, 0), QLocale::ShortFormat)));
    m_actions.value(Action::DoNotDisturbOff)->setText(tr("&Off"));
    m_actions.value(Action::Reconnect)->setText(tr("&Reconnect now"));
    m_actions.value(Action::Settings)->setText(tr("&Settings…"));
    m_actions.value(Action::About)->setText(tr("&About Todo Notifier"));
    m_actions.value(Action::Quit)->setText(tr("&Quit"));
    m_toolTip.clear();
    m_shownCount = -1; // forces update() to refresh everything
    update();
}

QDateTime TrayController::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock->wallMs(), Qt::UTC);
}

bool TrayController::isDoNotDisturbActive() const
{
    return m_settings && m_settings->isDoNotDisturbActive(now());
}

QDateTime TrayController::doNotDisturbUntil() const
{
    return isDoNotDisturbActive() ? m_settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil).toLocalTime()
                                  : QDateTime();
}

void TrayController::setDoNotDisturb(const QDateTime &until)
{
    if (!m_settings)
        return;
    qCInfo(lcTray) << "do not disturb" << (until.isValid() ? until.toString(Qt::ISODate) : QStringLiteral("off"));
    if (!m_settings->setValue(Settings::Key::DoNotDisturbUntil, until.isValid() ? until.toUTC() : QDateTime()))
        qCWarning(lcTray) << "do not disturb is locked by the administrator's settings";
    m_settings->sync();
    armDoNotDisturbTimer();
    update();
}

void TrayController::onSettingsChanged()
{
    armDoNotDisturbTimer();
    update();
}

void TrayController::armDoNotDisturbTimer()
{
    if (!m_dndTimer)
        return;
    if (!isDoNotDisturbActive()) {
        m_dndTimer->stop();
        return;
    }
    // Wakes up when do not disturb ends, to change the icon back.
    m_dndTimer->start(qMax<qint64>(0, now().msecsTo(m_settings->get<QDateTime>(Settings::Key::DoNotDisturbUntil))) + 1);
}

QString TrayController::toolTip() const
{
    return m_toolTip;
}

void TrayController::update()
{
    if (!m_status || !m_counter || !m_model || !m_dndMenu)
        return;
    const bool dnd = isDoNotDisturbActive();
    const PushSource::State state = m_status->state();
    // A failure matters more than do not disturb; otherwise do not disturb is what the person chose to see.
    const bool showDnd = dnd && state != PushSource::State::Failed && state != PushSource::State::NeedsAttention;
    const int count = m_counter->count();
    if (TrayIconRenderer::sourcePath(state, showDnd) != TrayIconRenderer::sourcePath(m_iconState, m_iconDoNotDisturb)
        || count != m_shownCount)
        m_trayIcon->setIcon(TrayIconRenderer::icon(state, showDnd, count));
    m_iconState = state;
    m_iconDoNotDisturb = showDnd;
    m_shownCount = count;

    QString tip = tr("%n pending todos — %1", nullptr, count).arg(m_status->stateText());
    if (m_status->state() != PushSource::State::Connected && !m_status->lastError().isEmpty())
        tip += QLatin1Char('\n') + m_status->lastError();
    const QDateTime until = doNotDisturbUntil();
    if (until.isValid())
        tip += QLatin1Char('\n') + tr("Do not disturb until %1").arg(QLocale().toString(until, QLocale::ShortFormat));
    if (tip != m_toolTip) {
        m_toolTip = tip;
        // Text that looks like markup (a server's error message, a name) would be shown as rich text: then it is
        // escaped into rich text, so that it shows as written.
        m_trayIcon->setToolTip(Qt::mightBeRichText(tip)
                                   ? QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(tip.toHtmlEscaped())
                                   : tip);
    }

    m_actions.value(Action::MarkAllRead)->setEnabled(m_model->unreadCount() > 0);
    m_actions.value(Action::DoNotDisturbOff)->setEnabled(dnd);
    m_actions.value(Action::Reconnect)->setEnabled(m_status->isConfigured());
    m_dndMenu->setTitle(
        until.isValid() ? tr("&Do not disturb (until %1)").arg(QLocale().toString(until.time(), QLocale::ShortFormat))
                        : tr("&Do not disturb"));
}

void TrayController::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    if (reason == QSystemTrayIcon::Trigger)
        Q_EMIT toggleListRequested();
}
