#pragma once

#include <QDateTime>
#include <QStyledItemDelegate>

class Clock;

// Paints one todo of a MergedTodoModel (or a TodoModel, or a proxy of either) in two lines:
//
//   ● Title of the todo, plain text, elided …                         [Urgent]
//     变更申请 · 张伟 (研发中心) · 5 min ago                          Test system
//
// The server's name (MergedTodoModel::ServerNameRole), plain text, elided, ends the second line when the list has
// todos of several servers (setServerNamesShown()).
// Unread todos have a bold title and a dot; urgent and critical ones a coloured chip with the server's urgency
// text. A snoozed todo is dimmed, without the dot, with a grey chip "Snoozed until 14:30"; a done one has its title
// struck through and a green chip "Done". Times are relative to the Clock ("just now", "5 min ago", "yesterday
// 16:28", then the date).
class TodoDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TodoDelegate(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TodoDelegate)

    void setClock(Clock *clock); // nullptr means Clock::system()
    QDateTime now() const;
    // Whether each row says which server its todo came from.
    void setServerNamesShown(bool shown) { m_serverNamesShown = shown; }
    bool serverNamesShown() const { return m_serverNamesShown; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "just now", "5 min ago", "3 h ago", "yesterday 16:28", or the date.
    static QString relativeTime(const QDateTime &time, const QDateTime &now);
    // The second line: business · sender (department) · relative time.
    static QString detailText(const QModelIndex &index, const QDateTime &now);
    // What the chip says; empty for a normal todo.
    static QString chipText(const QModelIndex &index);
    // What the state chip says: "Snoozed until 14:30" (a day or date when not today), "Done"; empty otherwise.
    static QString stateText(const QModelIndex &index, const QDateTime &now);
    // "Snoozed until 14:30", "Snoozed until tomorrow 09:00", or with the date.
    static QString snoozedUntilText(const QDateTime &until, const QDateTime &now);
    // The title as one line of plain text.
    static QString titleText(const QModelIndex &index);
    // The server's name as one line of plain text: serverLabel() of its ServerNameRole and ServerIdRole.
    static QString serverText(const QModelIndex &index);
    // A server's name for people: `name`, else its id, else (the first server, "") "Main server".
    static QString serverLabel(const QString &name, const QString &serverId);

private:
    Clock *m_clock = nullptr;
    bool m_serverNamesShown = false;
};
