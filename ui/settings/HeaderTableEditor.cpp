#include "settings/HeaderTableEditor.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>

namespace {

constexpr int kTargetRole = Qt::UserRole + 1;
// The value column holds the value in this role; its display text is the value, or dots for a secret. So a
// secret is in no role that views, accessibility or copying read.
constexpr int kValueRole = Qt::UserRole + 2;

bool isSecretRow(const QModelIndex &index)
{
    return index.siblingAtColumn(HeaderTableEditor::SecretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked;
}

// Edits secret values with password echo, values in their own role (see kValueRole), and the target with a
// combo box.
class HeaderDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() == HeaderTableEditor::TargetColumn) {
            auto *combo = new QComboBox(parent);
            combo->addItem(HeaderTableEditor::targetText(HeaderSetting::Target::Connect),
                           int(HeaderSetting::Target::Connect));
            combo->addItem(HeaderTableEditor::targetText(HeaderSetting::Target::Handshake),
                           int(HeaderSetting::Target::Handshake));
            combo->setAccessibleName(HeaderTableEditor::tr("Sent with"));
            return combo;
        }
        QWidget *widget = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(widget)) {
            if (index.column() == HeaderTableEditor::ValueColumn) {
                line->setAccessibleName(HeaderTableEditor::tr("Header value"));
                if (isSecretRow(index))
                    line->setEchoMode(QLineEdit::Password);
            } else {
                line->setAccessibleName(HeaderTableEditor::tr("Header name"));
            }
        }
        return widget;
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            combo->setCurrentIndex(qMax(0, combo->findData(index.data(kTargetRole))));
            return;
        }
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && index.column() == HeaderTableEditor::ValueColumn) {
            line->setText(index.data(kValueRole).toString());
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            model->setData(index, combo->currentData(), kTargetRole);
            model->setData(index, combo->currentText(), Qt::DisplayRole);
            return;
        }
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && index.column() == HeaderTableEditor::ValueColumn) {
            model->setData(index, line->text(), kValueRole);
            model->setData(index, HeaderTableEditor::displayedValue(line->text(), isSecretRow(index)), Qt::DisplayRole);
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

HeaderTableEditor::HeaderTableEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Add header"), this))
    , m_remove(new QPushButton(tr("Remove header"), this))
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Sent with"), tr("Secret")});
    m_table->setItemDelegate(new HeaderDelegate(m_table));
    m_table->setTabKeyNavigation(false);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 6);
    m_table->installEventFilter(this);
    m_table->setAccessibleName(tr("Extra headers"));
    m_table->setToolTip(tr("Headers sent with every connection, e.g. client-id or Authorization. Mark a value "
                           "as secret to keep it in the keychain instead of the settings file."));
    m_add->setToolTip(tr("Add a header and edit its name"));
    m_remove->setToolTip(tr("Remove the selected header (Delete)"));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &HeaderTableEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &HeaderTableEditor::removeCurrentRow);
    connect(m_table, &QTableWidget::currentCellChanged, this, &HeaderTableEditor::updateButtons);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == SecretColumn) { // show the value masked or in the clear
            QTableWidgetItem *value = m_table->item(item->row(), ValueColumn);
            value->setText(displayedValue(value->data(kValueRole).toString(), item->checkState() == Qt::Checked));
        }
        Q_EMIT changed();
    });
    updateButtons();
}

HeaderTableEditor::~HeaderTableEditor() = default;

QString HeaderTableEditor::displayedValue(const QString &value, bool secret)
{
    return secret && !value.isEmpty() ? QString(8, QChar(0x2022)) : value; // eight dots, whatever the length
}

QString HeaderTableEditor::targetText(HeaderSetting::Target target)
{
    return target == HeaderSetting::Target::Handshake ? tr("Handshake (HTTP)") : tr("CONNECT frame");
}

QList<HeaderSetting> HeaderTableEditor::headers() const
{
    QList<HeaderSetting> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        HeaderSetting header;
        header.name = m_table->item(row, NameColumn)->text().trimmed();
        header.value = m_table->item(row, ValueColumn)->data(kValueRole).toString();
        header.target = HeaderSetting::Target(m_table->item(row, TargetColumn)->data(kTargetRole).toInt());
        header.secret = m_table->item(row, SecretColumn)->checkState() == Qt::Checked;
        if (!header.name.isEmpty() || !header.value.isEmpty())
            out.append(header);
    }
    return out;
}

void HeaderTableEditor::setHeaders(const QList<HeaderSetting> &headers)
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    for (const HeaderSetting &header : headers)
        appendHeader(header);
    updateButtons();
    Q_EMIT changed();
}

void HeaderTableEditor::appendHeader(const HeaderSetting &header)
{
    const int row = m_table->rowCount();
    {
        const QSignalBlocker blocker(m_table);
        m_table->insertRow(row);
        m_table->setItem(row, NameColumn, new QTableWidgetItem(header.name));
        auto *value = new QTableWidgetItem(displayedValue(header.value, header.secret));
        value->setData(kValueRole, header.value);
        m_table->setItem(row, ValueColumn, value);
        auto *target = new QTableWidgetItem(targetText(header.target));
        target->setData(kTargetRole, int(header.target));
        m_table->setItem(row, TargetColumn, target);
        auto *secret = new QTableWidgetItem;
        secret->setCheckState(header.secret ? Qt::Checked : Qt::Unchecked);
        secret->setData(Qt::AccessibleTextRole, tr("Secret"));
        secret->setToolTip(tr("Keep this value in the keychain, never in the settings file"));
        m_table->setItem(row, SecretColumn, secret);
        setRowFlags(row);
    }
    updateButtons();
    Q_EMIT changed();
}

void HeaderTableEditor::setRowFlags(int row)
{
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem *item = m_table->item(row, column);
        Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (!m_readOnly)
            flags |= column == SecretColumn ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable;
        item->setFlags(flags);
    }
}

void HeaderTableEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    const QSignalBlocker blocker(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row)
        setRowFlags(row);
    updateButtons();
}

void HeaderTableEditor::addRow()
{
    if (m_readOnly)
        return;
    appendHeader({});
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, NameColumn);
    m_table->setFocus();
    m_table->editItem(m_table->item(row, NameColumn));
}

void HeaderTableEditor::removeCurrentRow()
{
    const int row = m_table->currentRow();
    if (m_readOnly || row < 0)
        return;
    m_table->removeRow(row);
    updateButtons();
    Q_EMIT changed();
}

bool HeaderTableEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Only keys the view itself gets: while an entry is edited, its editor has the focus and the keys.
    if (watched == m_table && event->type() == QEvent::KeyPress && !m_readOnly) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Delete) && m_table->currentRow() >= 0) {
            removeCurrentRow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HeaderTableEditor::updateButtons()
{
    m_add->setEnabled(!m_readOnly);
    m_remove->setEnabled(!m_readOnly && m_table->currentRow() >= 0);
}
