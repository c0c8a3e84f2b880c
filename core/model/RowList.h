#pragma once

#include <QList>
#include <QtGlobal>

#include <deque>
#include <iterator>
#include <utility>

// The rows of a list model: the few QList calls the models use, over a std::deque. New todos go to the top of a list
// (newest first), so rows are inserted at the front, a run per committed batch. A QList moves its rows as it grows
// and from time to time copies all of them into one new block: for 10,000 todos a block of over 10 MB, whose fresh
// pages alone took up to 20 ms of the GUI thread at one insert. A deque inserts at either end in place and allocates
// in small pieces; in the middle (an older todo arriving late) it moves the rows on the shorter side.
template<typename T>
class RowList
{
public:
    using const_iterator = typename std::deque<T>::const_iterator;

    RowList() = default;
    explicit RowList(QList<T> &&rows) { append(std::move(rows)); }

    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    const T &at(qsizetype i) const { return m_rows[size_t(i)]; }
    T &operator[](qsizetype i) { return m_rows[size_t(i)]; }
    const T &constLast() const { return m_rows.back(); }
    const_iterator begin() const { return m_rows.cbegin(); }
    const_iterator end() const { return m_rows.cend(); }
    const_iterator cbegin() const { return m_rows.cbegin(); }
    const_iterator cend() const { return m_rows.cend(); }

    // `count` rows from `first` on, moved in at `i`.
    template<typename Iterator>
    void insert(qsizetype i, Iterator first, qsizetype count)
    {
        m_rows.insert(m_rows.begin() + i, std::make_move_iterator(first), std::make_move_iterator(first + count));
    }
    void insert(qsizetype i, T row) { m_rows.insert(m_rows.begin() + i, std::move(row)); }
    void append(QList<T> &&rows) { insert(size(), rows.begin(), rows.size()); }
    void remove(qsizetype i, qsizetype count) { m_rows.erase(m_rows.begin() + i, m_rows.begin() + i + count); }
    void clear() { m_rows.clear(); }

private:
    std::deque<T> m_rows;
};
