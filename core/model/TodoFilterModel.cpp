#include "model/TodoFilterModel.h"

#include "model/TodoModel.h"

TodoFilterModel::TodoFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void TodoFilterModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_terms = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
    Q_EMIT searchTextChanged(text);
}

void TodoFilterModel::setUnreadOnly(bool unreadOnly)
{
    if (unreadOnly == m_unreadOnly)
        return;
    m_unreadOnly = unreadOnly;
    invalidateFilter();
    Q_EMIT unreadOnlyChanged(unreadOnly);
}

void TodoFilterModel::setUrgency(int urgency)
{
    urgency = urgency < 0 ? kAnyUrgency : urgency;
    if (urgency == m_urgency)
        return;
    m_urgency = urgency;
    invalidateFilter();
    Q_EMIT urgencyChanged(urgency);
}

bool TodoFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_unreadOnly && index.data(TodoModel::ReadRole).toBool())
        return false;
    if (m_urgency != kAnyUrgency && index.data(TodoModel::UrgencyRole).toInt() != m_urgency)
        return false;
    if (m_terms.isEmpty())
        return true;
    const QString fields[] = {
        index.data(TodoModel::TitleRole).toString(),
        index.data(TodoModel::SenderRole).toString(),
        index.data(TodoModel::DepartmentRole).toString(),
        index.data(TodoModel::BusinessNameRole).toString(),
    };
    for (const QString &term : m_terms) {
        bool found = false;
        for (const QString &field : fields) {
            if (field.contains(term, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}
