#include "settings/StringListEditor.h"

#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyledItemDelegate>

namespace {

// Edits entries with a line edit that shows the placeholder while empty.
class PlaceholderDelegate final : public QStyledItemDelegate
{
public:
    explicit PlaceholderDelegate(StringListEditor *editor)
        : QStyledItemDelegate(editor)
        , m_editor(editor)
    { }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *widget = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(widget)) {
            line->setPlaceholderText(m_editor->placeholderText());
            line->setAccessibleName(m_editor->accessibleName());
        }
        return widget;
    }

private:
    const StringListEditor *m_editor;
};

} // namespace

StringListEditor::StringListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
    , m_emptyText(new QLabel(m_list->viewport()))
{
    m_list->setItemDelegate(new PlaceholderDelegate(this));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::SelectedClicked);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->installEventFilter(this);
    // The list takes the focus given to the editor: its label's mnemonic (a buddy without a focus policy gets none).
    setFocusProxy(m_list);
    setFocusPolicy(m_list->focusPolicy());

    // A placeholder for the whole list: it lies over the viewport and lets clicks through to it.
    m_emptyText->setObjectName(QStringLiteral("emptyText"));
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextFormat(Qt::PlainText);
    m_emptyText->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_emptyText->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyText->setForegroundRole(QPalette::PlaceholderText);
    auto *viewportLayout = new QVBoxLayout(m_list->viewport());
    viewportLayout->setContentsMargins(4, 2, 4, 2);
    viewportLayout->addWidget(m_emptyText);
    m_emptyText->setVisible(false);

    m_add->setToolTip(tr("Add an entry and edit it"));
    m_remove->setToolTip(tr("Remove the selected entry (Delete)"));
    m_up->setToolTip(tr("Move the selected entry up: it is tried earlier"));
    m_down->setToolTip(tr("Move the selected entry down: it is tried later"));

    auto *buttons = new QVBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    // As tall as the buttons beside it, and at least about four entries: enough for a failover list, without
    // growing into the rest of the page.
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 5);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    connect(m_add, &QPushButton::clicked, this, &StringListEditor::addEntry);
    connect(m_remove, &QPushButton::clicked, this, &StringListEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &StringListEditor::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, &StringListEditor::changed);
    updateButtons();
}

StringListEditor::~StringListEditor() = default;

QStringList StringListEditor::entries() const
{
    QStringList out;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString text = m_list->item(row)->text().trimmed();
        if (!text.isEmpty())
            out.append(text);
    }
    return out;
}

void StringListEditor::setEntries(const QStringList &entries)
{
    m_list->clear();
    for (const QString &entry : entries) {
        auto *item = new QListWidgetItem(entry, m_list);
        if (!m_readOnly)
            item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    updateButtons();
    Q_EMIT changed();
}

void StringListEditor::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
}

void StringListEditor::setEmptyText(const QString &text)
{
    m_emptyText->setText(text);
    updateButtons();
}

QString StringListEditor::emptyText() const
{
    return m_emptyText->text();
}

void StringListEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setFlags(readOnly ? item->flags() & ~Qt::ItemIsEditable : item->flags() | Qt::ItemIsEditable);
    }
    updateButtons();
}

void StringListEditor::setFieldName(const QString &name)
{
    setAccessibleName(name);
    m_list->setAccessibleName(name);
    m_add->setAccessibleName(tr("Add to %1").arg(name));
    m_remove->setAccessibleName(tr("Remove from %1").arg(name));
    m_up->setAccessibleName(tr("Move up in %1").arg(name));
    m_down->setAccessibleName(tr("Move down in %1").arg(name));
}

void StringListEditor::addEntry()
{
    if (m_readOnly)
        return;
    auto *item = new QListWidgetItem(m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->setCurrentItem(item);
    m_list->setFocus();
    m_list->editItem(item);
    updateButtons();
}

bool StringListEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Only keys the view itself gets: while an entry is edited, its editor has the focus and the keys.
    if (watched == m_list && event->type() == QEvent::KeyPress && !m_readOnly) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Delete) && m_list->currentItem()) {
            removeCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StringListEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (m_readOnly || row < 0)
        return;
    delete m_list->takeItem(row);
    updateButtons();
    Q_EMIT changed();
}

void StringListEditor::moveCurrent(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (m_readOnly || row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    updateButtons();
    Q_EMIT changed();
}

void StringListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_add->setEnabled(!m_readOnly);
    m_remove->setEnabled(!m_readOnly && row >= 0);
    m_up->setEnabled(!m_readOnly && row > 0);
    m_down->setEnabled(!m_readOnly && row >= 0 && row < m_list->count() - 1);
    m_emptyText->setVisible(m_list->count() == 0 && !m_emptyText->text().isEmpty());
}
