#include "list/TodoDelegate.h"

#include "base/Clock.h"
#include "model/MergedTodoModel.h"
#include "model/TodoModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

namespace {

constexpr int kMargin = 8; // around the content
constexpr int kDotColumn = 16; // room for the unread dot
constexpr int kDotSize = 8;
constexpr int kLineGap = 3;
constexpr int kChipPadding = 6;
constexpr int kChipGap = 8;

QColor chipColor(int urgency)
{
    return urgency >= 2 ? QColor(0xb9, 0x1c, 0x1c) : QColor(0xc2, 0x41, 0x0c); // red 700, orange 700
}

QFont chipFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    font.setBold(true);
    return font;
}

constexpr qreal kSnoozedOpacity = 0.55; // a snoozed todo's row, but the selection and the state chip
const QColor kSnoozedChip(0x52, 0x52, 0x5b); // zinc 600
const QColor kDoneChip(0x15, 0x80, 0x3d); // green 700

// A chip (a rounded label) ending at `right` on the line `line`; returns its width.
int drawChip(QPainter *painter, const QString &text, const QColor &color, const QFont &base, const QRect &line,
             int right)
{
    const QFont font = chipFont(base);
    const QFontMetrics metrics(font);
    const int width = metrics.horizontalAdvance(text) + 2 * kChipPadding;
    const int height = metrics.height() + 2;
    const QRect rect(right - width + 1, line.center().y() - height / 2 + 1, width, height);
    QPainterPath path;
    path.addRoundedRect(rect, height / 2.0, height / 2.0);
    painter->fillPath(path, color);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, text);
    return width;
}

QColor secondaryColor(const QPalette &palette, bool selected)
{
    if (selected)
        return palette.color(QPalette::HighlightedText);
    QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    // Between the text and the background: readable, yet clearly second.
    return QColor((text.red() * 2 + base.red()) / 3, (text.green() * 2 + base.green()) / 3,
                  (text.blue() * 2 + base.blue()) / 3);
}

} // namespace

TodoDelegate::TodoDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void TodoDelegate::setClock(Clock *clock)
{
    m_clock = clock;
}

QDateTime TodoDelegate::now() const
{
    return QDateTime::fromMSecsSinceEpoch((m_clock ? m_clock : Clock::system())->wallMs());
}

QString TodoDelegate::relativeTime(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const qint64 seconds = time.secsTo(now);
    if (seconds < 60)
        return tr("just now"); // also a time slightly ahead of this computer's clock
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    const QDateTime local = time.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString clock = QLocale().toString(local.time(), QLocale::ShortFormat);
    if (local.date() == today)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    if (local.date() == today.addDays(-1))
        return tr("yesterday %1").arg(clock);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

QString TodoDelegate::detailText(const QModelIndex &index, const QDateTime &now)
{
    const QString business = index.data(TodoModel::BusinessNameRole).toString();
    QString sender = index.data(TodoModel::SenderRole).toString();
    const QString department = index.data(TodoModel::DepartmentRole).toString();
    if (!department.isEmpty())
        sender = sender.isEmpty() ? department : tr("%1 (%2)").arg(sender, department);
    const QString when = relativeTime(index.data(TodoModel::TimeRole).toDateTime(), now);
    QStringList parts;
    for (const QString &part : {business, sender, when}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral(" · "));
}

QString TodoDelegate::chipText(const QModelIndex &index)
{
    const int urgency = index.data(TodoModel::UrgencyRole).toInt();
    if (urgency <= 0)
        return {};
    const QString text = index.data(TodoModel::UrgencyTextRole).toString().simplified();
    if (!text.isEmpty())
        return text;
    return urgency >= 2 ? tr("Critical") : tr("Urgent");
}

QString TodoDelegate::snoozedUntilText(const QDateTime &until, const QDateTime &now)
{
    const QDateTime local = until.toLocalTime();
    const QDate today = now.toLocalTime().date();
    // Hours and minutes only, also where the locale's short format has seconds (C, POSIX).
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
    const QString clock = QLocale().toString(local.time(), format);
    if (local.date() == today)
        return tr("Snoozed until %1").arg(clock);
    if (local.date() == today.addDays(1))
        return tr("Snoozed until tomorrow %1").arg(clock);
    return tr("Snoozed until %1 %2").arg(QLocale().toString(local.date(), QLocale::ShortFormat), clock);
}

QString TodoDelegate::stateText(const QModelIndex &index, const QDateTime &now)
{
    if (index.data(TodoModel::DoneRole).toBool())
        return tr("Done");
    const QDateTime until = index.data(TodoModel::SnoozedUntilRole).toDateTime();
    return until.isValid() ? snoozedUntilText(until, now) : QString();
}

QString TodoDelegate::titleText(const QModelIndex &index)
{
    const QString title = index.data(TodoModel::TitleRole).toString().simplified();
    return title.isEmpty() ? tr("(no title)") : title;
}

QString TodoDelegate::serverText(const QModelIndex &index)
{
    return serverLabel(index.data(MergedTodoModel::ServerNameRole).toString(),
                       index.data(MergedTodoModel::ServerIdRole).toString());
}

QString TodoDelegate::serverLabel(const QString &name, const QString &serverId)
{
    const QString simplified = name.simplified();
    if (!simplified.isEmpty())
        return simplified;
    return serverId.isEmpty() ? tr("Main server") : serverId;
}

QSize TodoDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    QFont bold = option.font;
    bold.setBold(true);
    const int height = kMargin * 2 + QFontMetrics(bold).height() + kLineGap + option.fontMetrics.height();
    return {qMax(option.rect.width(), 200), height};
}

void TodoDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background, selection and focus only: the content is drawn below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const bool done = index.data(TodoModel::DoneRole).toBool();
    const bool snoozed = index.data(TodoModel::SnoozedUntilRole).toDateTime().isValid();
    const bool unread = !index.data(TodoModel::ReadRole).toBool() && !snoozed; // snoozed: unread later
    const QPalette &palette = option.palette;
    const QColor textColor = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QRect content = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    QFont titleFont = option.font;
    titleFont.setBold(unread);
    const QFontMetrics titleMetrics(titleFont);
    const int titleHeight = titleMetrics.height();
    const QRect titleLine(content.left() + kDotColumn, content.top(), content.width() - kDotColumn, titleHeight);

    if (unread) {
        const QColor dot = selected ? textColor : palette.color(QPalette::Highlight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(dot);
        painter->drawEllipse(
            QRectF(content.left() + 1, titleLine.center().y() - kDotSize / 2.0 + 1, kDotSize, kDotSize));
    }

    // The chips, right-aligned on the title line: the state (snoozed, done), then the urgency.
    int titleWidth = titleLine.width();
    int right = titleLine.right();
    const QString state = stateText(index, now());
    if (!state.isEmpty()) {
        const int width = drawChip(painter, state, done ? kDoneChip : kSnoozedChip, option.font, titleLine, right);
        right -= width + kChipGap / 2;
        titleWidth -= width + kChipGap;
    }
    // A snoozed todo steps back: everything but its state chip (and the selection) is dimmed.
    if (snoozed && !selected)
        painter->setOpacity(kSnoozedOpacity);
    const QString chip = chipText(index);
    if (!chip.isEmpty()) {
        const int width = drawChip(painter, chip, chipColor(index.data(TodoModel::UrgencyRole).toInt()), option.font,
                                   titleLine, right);
        titleWidth -= width + (state.isEmpty() ? kChipGap : kChipGap / 2);
    }

    titleFont.setStrikeOut(done);
    painter->setFont(titleFont);
    painter->setPen(done && !selected ? secondaryColor(palette, selected) : textColor);
    const QString title = titleMetrics.elidedText(titleText(index), Qt::ElideRight, qMax(0, titleWidth));
    painter->drawText(QRect(titleLine.left(), titleLine.top(), qMax(0, titleWidth), titleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, title);

    painter->setFont(option.font);
    painter->setPen(secondaryColor(palette, selected));
    QRect detailLine(titleLine.left(), titleLine.bottom() + 1 + kLineGap, titleLine.width(),
                     option.fontMetrics.height());
    // The server, at the end of the second line: at most a third of it.
    const QString server = m_serverNamesShown ? serverText(index) : QString();
    if (!server.isEmpty()) {
        const QString elided = option.fontMetrics.elidedText(server, Qt::ElideRight, detailLine.width() / 3);
        const int width = option.fontMetrics.horizontalAdvance(elided);
        painter->drawText(QRect(detailLine.right() - width + 1, detailLine.top(), width, detailLine.height()),
                          Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, elided);
        detailLine.setRight(detailLine.right() - width - kChipGap);
    }
    const QString detail = option.fontMetrics.elidedText(detailText(index, now()), Qt::ElideRight, detailLine.width());
    painter->drawText(detailLine, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, detail);

    painter->restore();
}
