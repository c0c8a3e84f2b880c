#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

// An ordered list of short texts edited in place (server URLs in failover order, destinations, allowed sites):
// Add appends an empty entry and opens its editor, Remove, Move up and Move down act on the current entry.
// F2 or a double click edits an entry; Delete removes it. Entries left empty are ignored.
class StringListEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit StringListEditor(QWidget *parent = nullptr);
    ~StringListEditor() override;
    Q_DISABLE_COPY_MOVE(StringListEditor)

    // The entries, trimmed, empty ones left out, in order.
    QStringList entries() const;
    void setEntries(const QStringList &entries);

    // Shown in the editor of an empty entry, e.g. "wss://push.example.com/ws".
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }
    // Shown, greyed, in the list while it holds no entry: what an empty list means (e.g. "empty: every event").
    void setEmptyText(const QString &text);
    QString emptyText() const;

    // Read-only: entries can be read and copied, not changed (a setting locked by the administrator).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // What the list holds ("Server URLs"): the accessible name of the list, its editor and its buttons.
    void setFieldName(const QString &name);

    QListWidget *listWidget() const { return m_list; }
    // Appends an empty entry and starts editing it (what the Add button does).
    void addEntry();

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void removeCurrent();
    void moveCurrent(int delta);
    // After the entries or the current one changed: the buttons that apply, the empty text while there are none.
    void updateButtons();

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QLabel *m_emptyText = nullptr; // over the list's viewport, while the list is empty
    QString m_placeholder;
    bool m_readOnly = false;
};
