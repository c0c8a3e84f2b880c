#pragma once

#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <memory>

class Clock;
class ClockTimer;
class ConnectionStatus;
class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QModelIndex;
class QPushButton;
class QStackedWidget;
class QToolButton;
class Settings;
class TodoDelegate;
class MergedTodoModel;
class TodoOpener;

// The todo list: a QListView over the MergedTodoModel, the todos of every server in one list (paged; the search box
// and "unread only" set its query), painted by TodoDelegate.
//
// With two or more servers each row names its server, and a combo box ("All servers", then each server) lists the
// todos of one server only; with one server neither is shown.
//
// A search field and an "unread only" switch filter it; "Mark all as read" does what it says. Enter or a double
// click opens the current todo (TodoOpener: the link policy, the browser, marked read); its context menu (also the
// Menu key and Shift+F10) opens, marks read or unread, copies the link, snoozes (15 minutes, 1 hour, tomorrow
// morning, a chosen time: SnoozeDialog) and wakes a snoozed todo. Keys on the list: Enter opens, Ctrl+R marks read
// or unread, Ctrl+S snoozes for an hour, Ctrl+Shift+S asks until when. With nothing to show, the window says what to
// expect instead of an empty list. The status line at the bottom tells the connection state and the last error; a
// notice line above it says why a link was not opened, or why this window is the main window. Everything is reachable
// from the keyboard (Ctrl+F searches, Down goes from the search to the list) and has an accessible name. Its geometry
// is kept in the Settings.
//
// The search runs when typing pauses (kSearchDelayMs on the window's clock), at once on Enter or when the field is
// emptied; the current todo stays current when the new results still list it.
class TodoListWindow final : public QWidget
{
    Q_OBJECT
public:
    // Everything passed must outlive the window.
    TodoListWindow(MergedTodoModel *model, TodoOpener *opener, ConnectionStatus *status, Settings *settings,
                   QWidget *parent = nullptr);
    ~TodoListWindow() override;
    Q_DISABLE_COPY_MOVE(TodoListWindow)

    // How long typing in the search field pauses before the list is searched.
    static constexpr int kSearchDelayMs = 200;

    // Relative times ("5 min ago") and the search delay are measured on this clock; nullptr means Clock::system().
    void setClock(Clock *clock);
    // The application's menu (the tray menu), behind a button in the tool row.
    void setActionsMenu(QMenu *menu);
    // A line that stays in the status area (e.g. why this window is the main window); empty removes it.
    void setPersistentNotice(const QString &text);
    QString persistentNotice() const;
    // A message in the status area until the next one (e.g. why a link was not opened).
    void showMessage(const QString &text);
    // The message for a todo that was not opened (TodoOpener::refused), in the status area.
    void showRefusal(const QString &title, const QString &reason);
    QString message() const;

    // Shows the window (restoring it from minimised) and gives it focus.
    void showAndRaise();
    // Hides a shown window, shows a hidden one.
    void toggle();
    // Makes `key` (a qualified key: ServerKey) the current todo, if it is listed.
    bool selectTodo(const QString &key);
    void retranslate();

    // For tests and the application.
    QListView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QCheckBox *unreadOnlyBox() const { return m_unreadOnly; }
    // "All servers", then each server; hidden with one server.
    QComboBox *serverFilterBox() const { return m_serverFilter; }
    QPushButton *markAllReadButton() const { return m_markAllRead; }
    QLabel *emptyStateLabel() const { return m_emptyLabel; }
    QLabel *statusLabel() const { return m_statusLabel; }
    bool isEmptyStateShown() const;
    QString currentKey() const;
    // The context menu for the todo at `index` of view()'s model (the caller owns it). Its actions have object
    // names: open, markRead, copyLink, snooze (the submenu's action; snoozeMenu the submenu) with snooze15Minutes,
    // snooze1Hour, snoozeTomorrowMorning, snoozeChoose, and wakeNow (only for a snoozed todo).
    QMenu *createContextMenu(const QModelIndex &index);
    // Snoozes the todo `key` until `untilWallMs`, says so in the status area; false when nothing changed.
    bool snooze(const QString &key, qint64 untilWallMs);
    // Opens SnoozeDialog (window-modal, not blocking) for `key`; snoozes when it is accepted.
    void chooseSnoozeTime(const QString &key);

Q_SIGNALS:
    // The person closed the window (it is hidden, not destroyed).
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onSearchEdited(const QString &text);
    // Gives the model the search field's text now, keeping the current todo when it is still listed.
    void applySearch();
    void openIndex(const QModelIndex &index);
    void onContextMenuRequested(const QPoint &position);
    void toggleReadOfCurrent();
    qint64 wallNow() const;
    void updateEmptyState();
    void updateStatus();
    void updateNotices();
    void updateTitle();
    // The server filter's items and the delegate's server names, after servers came, went or were renamed.
    void updateServers();
    void onServerFilterChosen(int item);
    // A server's name for people (TodoDelegate::serverLabel()).
    QString serverLabel(const QString &serverId) const;
    void storeGeometry();
    QString keyAt(const QModelIndex &index) const;

    QPointer<MergedTodoModel> m_model;
    QPointer<TodoOpener> m_opener;
    QPointer<ConnectionStatus> m_status;
    QPointer<Settings> m_settings;
    QAbstractItemModel *m_presentation = nullptr; // the filter, with accessible texts and tooltips
    TodoDelegate *m_delegate = nullptr;

    QLineEdit *m_search = nullptr;
    QComboBox *m_serverFilter = nullptr;
    QStringList m_filterIds; // the servers of m_serverFilter's items after the first
    QCheckBox *m_unreadOnly = nullptr;
    QPushButton *m_markAllRead = nullptr;
    QToolButton *m_menuButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QListView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QTimer m_repaintTimer; // relative times age
    std::unique_ptr<ClockTimer> m_searchTimer; // typing paused
    Clock *m_clock = nullptr; // for snooze times; nullptr: Clock::system()
    QString m_persistentNotice;
    QString m_message;
    bool m_shownOnce = false; // the geometry is worth keeping
};
