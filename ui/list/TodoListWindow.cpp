#include "list/TodoListWindow.h"

#include "base/Clock.h"
#include "common/ConnectionStatus.h"
#include "config/Settings.h"
#include "list/SnoozeDialog.h"
#include "list/TodoDelegate.h"
#include "list/TodoOpener.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"
#include "store/SnoozeTimes.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr int kRepaintIntervalMs = 30000;

// Shows the list's key for a menu command beside it. The list's own QShortcut does the work; in the menu the key is
// live only while the menu has the focus, so a menu kept around is never a second owner of the key.
void showShortcut(QAction *action, const QKeySequence &keys)
{
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetShortcut);
    action->setShortcutVisibleInContextMenu(true);
}

// The filtered todos as the view shows them, with what a screen reader says about each row and a tooltip: the
// delegate paints the unread state, the urgency and the second line, which DisplayRole (the title) alone lacks.
class TodoPresentationModel final : public QIdentityProxyModel
{
public:
    TodoPresentationModel(const TodoDelegate *delegate, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_delegate(delegate)
    { }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
            QStringList parts;
            const QString state = TodoDelegate::stateText(index, m_delegate->now());
            if (role == Qt::AccessibleTextRole && !index.data(TodoModel::ReadRole).toBool()
                && !index.data(TodoModel::SnoozedUntilRole).toDateTime().isValid())
                parts.append(TodoListWindow::tr("Unread"));
            if (!state.isEmpty())
                parts.append(state);
            const QString chip = TodoDelegate::chipText(index);
            if (!chip.isEmpty())
                parts.append(chip);
            parts.append(TodoDelegate::titleText(index));
            parts.append(TodoDelegate::detailText(index, m_delegate->now()));
            const QString server = m_delegate->serverNamesShown() ? TodoDelegate::serverText(index) : QString();
            if (!server.isEmpty())
                parts.append(server);
            if (role == Qt::AccessibleTextRole)
                return parts.join(QStringLiteral(". "));
            // A tooltip that looks like markup is shown as rich text (QToolTip guesses): the server's text, such as a
            // title "<b>A&B</b>", is escaped into one so that it shows exactly as written, line breaks kept.
            return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>")
                .arg(parts.join(QStringLiteral("\n")).toHtmlEscaped());
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    const TodoDelegate *m_delegate;
};

} // namespace

TodoListWindow::TodoListWindow(MergedTodoModel *model, TodoOpener *opener, ConnectionStatus *status, Settings *settings,
                               QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(model)
    , m_opener(opener)
    , m_status(status)
    , m_settings(settings)
{
    Q_ASSERT(model && opener && status && settings);
    setObjectName(QStringLiteral("TodoListWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/todo-notifier.svg")));

    m_delegate = new TodoDelegate(this);
    auto *presentation = new TodoPresentationModel(m_delegate, this);
    presentation->setSourceModel(model);
    m_presentation = presentation;

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_serverFilter = new QComboBox(this);
    m_serverFilter->setObjectName(QStringLiteral("serverFilter"));
    m_serverFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_serverFilter->hide();
    m_unreadOnly = new QCheckBox(this);
    m_unreadOnly->setObjectName(QStringLiteral("unreadOnly"));
    m_markAllRead = new QPushButton(this);
    m_markAllRead->setObjectName(QStringLiteral("markAllRead"));
    m_menuButton = new QToolButton(this);
    m_menuButton->setObjectName(QStringLiteral("menu"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_menuButton->hide();

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("todos"));
    m_view->setModel(m_presentation);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformItemSizes(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->installEventFilter(this);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setMargin(24);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyLabel);

    m_noticeLabel = new QLabel(this);
    m_noticeLabel->setObjectName(QStringLiteral("notice"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextFormat(Qt::PlainText);
    m_noticeLabel->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("status"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("counts"));
    m_countLabel->setTextFormat(Qt::PlainText);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_serverFilter);
    tools->addWidget(m_unreadOnly);
    tools->addWidget(m_markAllRead);
    tools->addWidget(m_menuButton);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusLabel, 1);
    statusRow->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(tools);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_noticeLabel);
    layout->addLayout(statusRow);

    setTabOrder(m_search, m_serverFilter);
    setTabOrder(m_serverFilter, m_unreadOnly);
    setTabOrder(m_unreadOnly, m_markAllRead);
    setTabOrder(m_markAllRead, m_menuButton);
    setTabOrder(m_menuButton, m_view);

    connect(m_search, &QLineEdit::textChanged, this, &TodoListWindow::onSearchEdited);
    connect(m_search, &QLineEdit::returnPressed, this, &TodoListWindow::applySearch);
    connect(m_serverFilter, &QComboBox::currentIndexChanged, this, &TodoListWindow::onServerFilterChosen);
    connect(m_unreadOnly, &QCheckBox::toggled, model, &MergedTodoModel::setUnreadOnly);
    connect(m_markAllRead, &QPushButton::clicked, model, &MergedTodoModel::markAllRead);
    connect(m_view, &QListView::doubleClicked, this, &TodoListWindow::openIndex);
    connect(m_view, &QListView::customContextMenuRequested, this, &TodoListWindow::onContextMenuRequested);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_presentation, signal, this, &TodoListWindow::updateEmptyState);
    connect(m_presentation, &QAbstractItemModel::modelReset, this, &TodoListWindow::updateEmptyState);
    connect(m_presentation, &QAbstractItemModel::layoutChanged, this, &TodoListWindow::updateEmptyState);
    connect(model, &MergedTodoModel::searchTextChanged, this, &TodoListWindow::updateEmptyState);
    connect(model, &MergedTodoModel::unreadOnlyChanged, this, &TodoListWindow::updateEmptyState);
    connect(model, &MergedTodoModel::unreadCountChanged, this, &TodoListWindow::updateStatus);
    connect(model, &MergedTodoModel::countChanged, this, &TodoListWindow::updateStatus);
    connect(model, &MergedTodoModel::countChanged, this, &TodoListWindow::updateEmptyState);
    connect(model, &MergedTodoModel::serversChanged, this, &TodoListWindow::updateServers);
    connect(model, &MergedTodoModel::serverFilterChanged, this, &TodoListWindow::updateServers);
    connect(model, &MergedTodoModel::serverFilterChanged, this, &TodoListWindow::updateEmptyState);
    connect(status, &ConnectionStatus::changed, this, &TodoListWindow::updateStatus);
    connect(status, &ConnectionStatus::changed, this, &TodoListWindow::updateEmptyState);
    connect(opener, &TodoOpener::refused, this,
            [this](const QString &, const QString &title, const QString &reason) { showRefusal(title, reason); });

    // The context menu's commands on the current todo, without a mouse (only while the list has the focus).
    auto *menuKey = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10), m_view);
    connect(menuKey, &QShortcut::activated, this, [this] { onContextMenuRequested(QPoint(-1, -1)); });
    auto *toggleRead = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), m_view);
    connect(toggleRead, &QShortcut::activated, this, &TodoListWindow::toggleReadOfCurrent);
    auto *snoozeHour = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_S), m_view);
    connect(snoozeHour, &QShortcut::activated, this, [this] {
        const QString key = currentKey();
        if (!key.isEmpty())
            snooze(key, SnoozeTimes::until(SnoozeTimes::Preset::OneHour, wallNow()));
    });
    auto *snoozeChoose = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), m_view);
    connect(snoozeChoose, &QShortcut::activated, this, [this] {
        const QString key = currentKey();
        if (!key.isEmpty())
            chooseSnoozeTime(key);
    });

    for (QShortcut *shortcut : {menuKey, toggleRead, snoozeHour, snoozeChoose})
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    // Only while shown (showEvent()/hideEvent()): a hidden window has nothing to age.
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));

    if (!restoreGeometry(settings->get<QByteArray>(Settings::Key::ListWindowGeometry)))
        resize(520, 600);
    setClock(nullptr);
    retranslate();
}

TodoListWindow::~TodoListWindow()
{
    storeGeometry();
}

void TodoListWindow::setClock(Clock *clock)
{
    m_clock = clock;
    m_delegate->setClock(clock);
    m_view->viewport()->update();
    const bool pending = m_searchTimer && m_searchTimer->isActive();
    m_searchTimer = (clock ? clock : Clock::system())->createTimer();
    connect(m_searchTimer.get(), &ClockTimer::timeout, this, &TodoListWindow::applySearch);
    if (pending)
        m_searchTimer->start(kSearchDelayMs);
}

void TodoListWindow::onSearchEdited(const QString &text)
{
    // Each keystroke would read the store again (a search in a large store takes a while): wait for a pause.
    // Emptying the field shows the whole list at once.
    if (text.isEmpty())
        applySearch();
    else
        m_searchTimer->start(kSearchDelayMs);
}

void TodoListWindow::applySearch()
{
    m_searchTimer->stop();
    if (!m_model)
        return;
    const QModelIndex current = m_view->currentIndex();
    const QString key = keyAt(current);
    const bool selected = current.isValid() && m_view->selectionModel()->isSelected(current);
    m_model->setSearchText(m_search->text());
    if (key.isEmpty() || m_view->currentIndex().isValid())
        return; // nothing was current, or the model did not change
    const int row = m_model->rowOf(key);
    if (row < 0)
        return;
    const QModelIndex index = m_presentation->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(
        index, selected ? QItemSelectionModel::ClearAndSelect : QItemSelectionModel::NoUpdate);
    m_view->scrollTo(index);
}

void TodoListWindow::setActionsMenu(QMenu *menu)
{
    m_menuButton->setMenu(menu);
    m_menuButton->setVisible(menu != nullptr);
}

void TodoListWindow::retranslate()
{
    m_search->setPlaceholderText(tr("Search todos (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search todos"));
    m_search->setToolTip(tr("Shows the todos whose title, sender, department or business type contain every word"));
    m_serverFilter->setAccessibleName(tr("Server"));
    m_serverFilter->setToolTip(tr("Shows the todos of one server only"));
    m_unreadOnly->setText(tr("&Unread only"));
    m_unreadOnly->setAccessibleName(tr("Show unread todos only"));
    m_markAllRead->setText(tr("&Mark all as read"));
    m_markAllRead->setAccessibleName(tr("Mark all todos as read"));
    m_menuButton->setText(tr("Menu"));
    m_menuButton->setAccessibleName(tr("Application menu"));
    m_view->setAccessibleName(tr("Todos"));
    m_view->setAccessibleDescription(
        tr("Enter opens the selected todo in the browser; the context menu key shows more"));
    m_view->setToolTip(tr("Enter: open · Ctrl+R: mark as read or unread · Ctrl+S: snooze for an hour · "
                          "Ctrl+Shift+S: snooze until… · Menu key or Shift+F10: more"));
    m_emptyLabel->setAccessibleName(tr("No todos to show"));
    m_noticeLabel->setAccessibleName(tr("Notice"));
    m_statusLabel->setAccessibleName(tr("Connection status"));
    m_countLabel->setAccessibleName(tr("Number of todos"));
    updateServers();
    updateTitle();
    updateStatus();
    updateEmptyState();
}

void TodoListWindow::setPersistentNotice(const QString &text)
{
    m_persistentNotice = text;
    updateNotices();
}

QString TodoListWindow::persistentNotice() const
{
    return m_persistentNotice;
}

void TodoListWindow::showMessage(const QString &text)
{
    m_message = text;
    updateNotices();
}

QString TodoListWindow::message() const
{
    return m_message;
}

void TodoListWindow::updateNotices()
{
    QStringList lines;
    for (const QString &line : {m_persistentNotice, m_message}) {
        if (!line.isEmpty())
            lines.append(line);
    }
    m_noticeLabel->setText(lines.join(QLatin1Char('\n')));
    m_noticeLabel->setVisible(!lines.isEmpty());
}

void TodoListWindow::showAndRaise()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
    // The newest todo is current (Enter opens it) without being painted as selected.
    if (!m_view->currentIndex().isValid() && m_presentation->rowCount() > 0)
        m_view->selectionModel()->setCurrentIndex(m_presentation->index(0, 0), QItemSelectionModel::NoUpdate);
    m_view->setFocus(Qt::ActiveWindowFocusReason);
}

void TodoListWindow::toggle()
{
    if (isVisible() && !isMinimized())
        hide();
    else
        showAndRaise();
}

bool TodoListWindow::selectTodo(const QString &key)
{
    for (int row = 0; row < m_presentation->rowCount(); ++row) {
        const QModelIndex index = m_presentation->index(row, 0);
        if (index.data(TodoModel::KeyRole).toString() == key) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

bool TodoListWindow::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QString TodoListWindow::currentKey() const
{
    return keyAt(m_view->currentIndex());
}

QString TodoListWindow::keyAt(const QModelIndex &index) const
{
    return index.isValid() ? index.data(TodoModel::KeyRole).toString() : QString();
}

void TodoListWindow::openIndex(const QModelIndex &index)
{
    const QString key = keyAt(index);
    if (!key.isEmpty() && m_opener)
        m_opener->open(key);
}

QMenu *TodoListWindow::createContextMenu(const QModelIndex &index)
{
    const QString key = keyAt(index);
    if (key.isEmpty())
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("todoContextMenu"));
    QAction *open = menu->addAction(tr("&Open"), this, [this, key] {
        if (m_opener)
            m_opener->open(key);
    });
    open->setObjectName(QStringLiteral("open"));
    const bool allowed = index.data(TodoModel::LinkAllowedRole).toBool();
    open->setEnabled(allowed);
    if (!allowed)
        open->setToolTip(index.data(TodoModel::LinkRefusalRole).toString());
    menu->setDefaultAction(open);
    const bool read = index.data(TodoModel::ReadRole).toBool();
    QAction *markRead = menu->addAction(read ? tr("Mark as &unread") : tr("Mark as &read"), this, [this, key, read] {
        if (m_model)
            m_model->setRead(key, !read);
    });
    markRead->setObjectName(QStringLiteral("markRead"));
    showShortcut(markRead, QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *copy = menu->addAction(tr("&Copy link"), this, [this, key] {
        if (m_opener)
            m_opener->copyLink(key);
    });
    copy->setObjectName(QStringLiteral("copyLink"));
    copy->setEnabled(allowed);

    menu->addSeparator();
    const bool done = index.data(TodoModel::DoneRole).toBool();
    QMenu *snoozeMenu = menu->addMenu(tr("&Snooze"));
    snoozeMenu->setObjectName(QStringLiteral("snoozeMenu"));
    snoozeMenu->menuAction()->setObjectName(QStringLiteral("snooze"));
    snoozeMenu->setEnabled(!done); // a done todo has nothing to remind of
    const struct
    {
        SnoozeTimes::Preset preset;
        const char *name;
        QKeySequence shortcut;
    } presets[] = {
        {SnoozeTimes::Preset::FifteenMinutes, "snooze15Minutes", {}},
        {SnoozeTimes::Preset::OneHour, "snooze1Hour", QKeySequence(Qt::CTRL | Qt::Key_S)},
        {SnoozeTimes::Preset::TomorrowMorning, "snoozeTomorrowMorning", {}},
    };
    for (const auto &item : presets) {
        const SnoozeTimes::Preset preset = item.preset;
        QAction *action = snoozeMenu->addAction(SnoozeTimes::label(preset), this, [this, key, preset] {
            snooze(key, SnoozeTimes::until(preset, wallNow()));
        });
        action->setObjectName(QLatin1String(item.name));
        if (!item.shortcut.isEmpty())
            showShortcut(action, item.shortcut);
    }
    QAction *choose = snoozeMenu->addAction(tr("&Choose a time…"), this, [this, key] { chooseSnoozeTime(key); });
    choose->setObjectName(QStringLiteral("snoozeChoose"));
    showShortcut(choose, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    if (index.data(TodoModel::SnoozedUntilRole).toDateTime().isValid()) {
        QAction *wake = menu->addAction(tr("&Wake now"), this, [this, key] {
            if (m_model)
                m_model->unsnooze(key);
        });
        wake->setObjectName(QStringLiteral("wakeNow"));
    }
    return menu;
}

bool TodoListWindow::snooze(const QString &key, qint64 untilWallMs)
{
    if (!m_model || !m_model->snooze(key, untilWallMs))
        return false;
    const std::optional<Todo> todo = m_model->todo(key);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(wallNow());
    const QString when = TodoDelegate::snoozedUntilText(QDateTime::fromMSecsSinceEpoch(untilWallMs), now);
    showMessage(todo && !todo->title.isEmpty() ? tr("“%1”: %2").arg(todo->title.simplified(), when) : when);
    return true;
}

void TodoListWindow::chooseSnoozeTime(const QString &key)
{
    const std::optional<Todo> todo = m_model ? m_model->todo(key) : std::nullopt;
    auto *dialog = new SnoozeDialog(todo ? todo->title.simplified() : QString(), m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, key, dialog] { snooze(key, dialog->chosen().toMSecsSinceEpoch()); });
    dialog->open();
}

qint64 TodoListWindow::wallNow() const
{
    return (m_clock ? m_clock : Clock::system())->wallMs();
}

void TodoListWindow::toggleReadOfCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    const QString key = keyAt(index);
    if (!key.isEmpty() && m_model)
        m_model->setRead(key, !index.data(TodoModel::ReadRole).toBool());
}

void TodoListWindow::onContextMenuRequested(const QPoint &position)
{
    QModelIndex index = m_view->indexAt(position);
    QPoint at = position;
    if (!index.isValid()) {
        // The menu key: the current todo.
        index = m_view->currentIndex();
        at = m_view->visualRect(index).center();
    }
    QMenu *menu = createContextMenu(index);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(at));
}

void TodoListWindow::updateEmptyState()
{
    const bool empty = m_presentation->rowCount() == 0;
    QString text;
    if (!m_model || m_model->count() == 0) {
        text = tr("No todos yet.\n\nWhen a todo is pushed to you (an approval, a change request, a task), it appears "
                  "here at once and as a notification.");
        if (m_status && !m_status->isConfigured())
            text += QStringLiteral("\n\n") + tr("First tell Todo Notifier where your server is: Menu → Settings…");
        else if (m_status && m_status->state() != PushSource::State::Connected)
            text += QStringLiteral("\n\n") + m_status->description();
    } else if (const std::optional<QString> server = m_model->serverFilter()) {
        // Only one server's todos are listed: say so, since the others may well have some.
        const QString name = serverLabel(*server);
        if (!m_model->searchText().trimmed().isEmpty())
            text = tr("No todos from %1 match “%2”.").arg(name, m_model->searchText().trimmed());
        else if (m_model->unreadOnly())
            text = tr("No unread todos from %1.").arg(name);
        else
            text = tr("No todos from %1 yet.").arg(name);
    } else if (!m_model->searchText().trimmed().isEmpty()) {
        text = tr("No todos match “%1”.").arg(m_model->searchText().trimmed());
    } else if (m_model->unreadOnly()) {
        text = tr("No unread todos: you have read them all.");
    }
    m_emptyLabel->setText(text);
    const bool wasEmpty = isEmptyStateShown();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_view);
    if (wasEmpty && !empty && !m_search->hasFocus() && isActiveWindow())
        m_view->setFocus(Qt::OtherFocusReason);
}

void TodoListWindow::updateStatus()
{
    if (m_status)
        m_statusLabel->setText(m_status->description());
    if (m_model) {
        m_countLabel->setText(tr("%n unread", nullptr, m_model->unreadCount()) + QStringLiteral(" · ")
                              + tr("%n todos", nullptr, m_model->count()));
        m_markAllRead->setEnabled(m_model->unreadCount() > 0);
    }
    updateTitle();
}

QString TodoListWindow::serverLabel(const QString &serverId) const
{
    return TodoDelegate::serverLabel(m_model ? m_model->serverName(serverId) : QString(), serverId);
}

void TodoListWindow::updateServers()
{
    if (!m_model)
        return;
    const QStringList ids = m_model->serverIds();
    const std::optional<QString> filter = m_model->serverFilter();
    QStringList labels {tr("All servers")};
    for (const QString &id : ids)
        labels.append(serverLabel(id));
    {
        // Also called while the combo box reports a choice: its items are only rebuilt when they changed.
        const QSignalBlocker blocker(m_serverFilter);
        QStringList shown;
        for (int item = 0; item < m_serverFilter->count(); ++item)
            shown.append(m_serverFilter->itemText(item));
        if (shown != labels || ids != m_filterIds) {
            m_serverFilter->clear();
            m_serverFilter->addItems(labels);
            m_filterIds = ids;
        }
        m_serverFilter->setCurrentIndex(filter ? int(ids.indexOf(*filter)) + 1 : 0);
    }
    const bool several = ids.size() > 1;
    m_serverFilter->setVisible(several);
    if (several != m_delegate->serverNamesShown()) {
        m_delegate->setServerNamesShown(several);
        m_view->viewport()->update();
    }
}

void TodoListWindow::onServerFilterChosen(int item)
{
    if (!m_model)
        return;
    // The first item is every server, then m_filterIds in order.
    m_model->setServerFilter(item > 0 && item <= m_filterIds.size() ? std::optional<QString>(m_filterIds.at(item - 1))
                                                                    : std::nullopt);
}

void TodoListWindow::updateTitle()
{
    const int unread = m_model ? m_model->unreadCount() : 0;
    // The platform adds " — Todo Notifier" (the application's display name).
    setWindowTitle(unread > 0 ? tr("Todos (%n unread)", nullptr, unread) : tr("Todos"));
}

bool TodoListWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_view && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            openIndex(m_view->currentIndex());
            return true;
        }
        if (watched == m_search && key->key() == Qt::Key_Down && m_searchTimer->isActive())
            applySearch(); // the list the person goes to is the one for what they typed
        if (watched == m_search && key->key() == Qt::Key_Down && m_presentation->rowCount() > 0) {
            if (!m_view->currentIndex().isValid())
                m_view->setCurrentIndex(m_presentation->index(0, 0));
            m_view->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && watched == m_search && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TodoListWindow::closeEvent(QCloseEvent *event)
{
    QWidget::closeEvent(event);
    Q_EMIT closed();
}

void TodoListWindow::showEvent(QShowEvent *event)
{
    m_shownOnce = true;
    m_repaintTimer.start();
    QWidget::showEvent(event);
}

void TodoListWindow::hideEvent(QHideEvent *event)
{
    storeGeometry();
    m_repaintTimer.stop();
    QWidget::hideEvent(event);
}

void TodoListWindow::showRefusal(const QString &title, const QString &reason)
{
    showMessage(title.isEmpty() ? tr("The todo was not opened: %1").arg(reason)
                                : tr("“%1” was not opened: %2").arg(title, reason));
}

void TodoListWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TodoListWindow::storeGeometry()
{
    if (m_settings && m_shownOnce)
        m_settings->setValue(Settings::Key::ListWindowGeometry, QWidget::saveGeometry());
}
