#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

// Filters a TodoModel for a list view: free-text search (every word must occur, case-insensitively, in the
// title, the sender, the department or the business name), unread only, and one urgency. Keeps the source's
// order (newest first); rows come and go as their data changes (marking a todo read hides it from an
// unread-only view).
class TodoFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool unreadOnly READ unreadOnly WRITE setUnreadOnly NOTIFY unreadOnlyChanged)
    Q_PROPERTY(int urgency READ urgency WRITE setUrgency NOTIFY urgencyChanged)

public:
    static constexpr int kAnyUrgency = -1;

    explicit TodoFilterModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TodoFilterModel)

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    bool unreadOnly() const { return m_unreadOnly; }
    void setUnreadOnly(bool unreadOnly);
    // Only todos of this urgency (metaData.urgency); kAnyUrgency for all.
    int urgency() const { return m_urgency; }
    void setUrgency(int urgency);

Q_SIGNALS:
    void searchTextChanged(const QString &searchText);
    void unreadOnlyChanged(bool unreadOnly);
    void urgencyChanged(int urgency);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_searchText;
    QStringList m_terms;
    bool m_unreadOnly = false;
    int m_urgency = kAnyUrgency;
};
