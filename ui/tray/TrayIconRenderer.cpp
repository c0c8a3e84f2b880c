#include "tray/TrayIconRenderer.h"

#include "common/UiLogging.h"
#include "tray/TrayIconEngine.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

namespace {

const QColor kBadgeFill(0xe0, 0x25, 0x1b);
const QColor kBadgeRing(0xff, 0xff, 0xff);
const QColor kBadgeText(0xff, 0xff, 0xff);

QFont badgeFont(qreal pixelSize)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Segoe UI"), QStringLiteral("Helvetica Neue"),
                      QStringLiteral("Arial")});
    font.setStyleHint(QFont::SansSerif);
    font.setBold(true);
    font.setPixelSize(std::max(1, int(std::lround(pixelSize))));
    return font;
}

// The badge text as an outline, scaled to the badge height: glyph outlines position exactly (no baseline
// guessing) and scale smoothly to any pixel size.
QPainterPath badgeTextPath(const QString &text, qreal badgeHeight, qreal maxWidth = 0)
{
    QPainterPath path;
    path.addText(0, 0, badgeFont(100), text);
    const QRectF bounds = path.boundingRect();
    if (bounds.isEmpty())
        return {};
    // Digit height about 58% of the badge; the outline bounds are the ink, so this is the visible size.
    qreal scale = badgeHeight * 0.58 / QFontMetricsF(badgeFont(100)).capHeight();
    if (maxWidth > 0 && bounds.width() * scale > maxWidth)
        scale = maxWidth / bounds.width(); // "99+" in a small icon: narrower rather than clipped
    QTransform transform;
    transform.scale(scale, scale);
    transform.translate(-bounds.left(), -bounds.top());
    return transform.map(path);
}

} // namespace

QString TrayIconRenderer::badgeText(int count)
{
    if (count <= 0)
        return {};
    if (count > kMaxShownCount)
        return QString::number(kMaxShownCount) + QLatin1Char('+');
    return QString::number(count);
}

QString TrayIconRenderer::sourcePath(State state, bool doNotDisturb)
{
    // A failure matters more than do not disturb; otherwise do not disturb is what the person chose to see.
    if (state == State::Failed || state == State::NeedsAttention)
        return QStringLiteral(":/icons/tray/tray-failed.svg");
    if (doNotDisturb)
        return QStringLiteral(":/icons/tray/tray-dnd.svg");
    switch (state) {
    case State::Connected:
        return QStringLiteral(":/icons/tray/tray-connected.svg");
    case State::Connecting:
        return QStringLiteral(":/icons/tray/tray-connecting.svg");
    case State::Failed:
    case State::NeedsAttention:
    case State::Disconnected:
    case State::Disconnecting:
    case State::Backoff:
        break;
    }
    return QStringLiteral(":/icons/tray/tray-offline.svg");
}

QRectF TrayIconRenderer::badgeRect(int count, const QSize &pixelSize)
{
    const QString text = badgeText(count);
    if (text.isEmpty() || pixelSize.isEmpty())
        return {};
    const qreal side = std::min(pixelSize.width(), pixelSize.height());
    const qreal height = std::max(7.0, std::round(side * 0.56));
    const qreal textWidth = badgeTextPath(text, height).boundingRect().width();
    const qreal width = std::min(side, std::max(height, std::ceil(textWidth + height * 0.5)));
    return QRectF(pixelSize.width() - width, 0, width, height);
}

QImage TrayIconRenderer::render(State state, bool doNotDisturb, int count, const QSize &size, qreal devicePixelRatio)
{
    const qreal ratio = devicePixelRatio > 0 ? devicePixelRatio : 1.0;
    const QSize pixelSize(int(std::lround(size.width() * ratio)), int(std::lround(size.height() * ratio)));
    QImage image(pixelSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (pixelSize.isEmpty())
        return image;

    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QString source = sourcePath(state, doNotDisturb);
    QSvgRenderer svg(source);
    if (!svg.isValid())
        qCWarning(lcTray) << "cannot load the tray icon source" << source;
    const qreal side = std::min(pixelSize.width(), pixelSize.height());
    svg.render(&painter, QRectF((pixelSize.width() - side) / 2, (pixelSize.height() - side) / 2, side, side));

    const QRectF badge = badgeRect(count, pixelSize);
    if (!badge.isEmpty()) {
        // A light ring, then the red pill inside it, then the count in white.
        const qreal ring = std::max(1.0, badge.height() * 0.12);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kBadgeRing);
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        const QRectF inner = badge.adjusted(ring, ring, -ring, -ring);
        painter.setBrush(kBadgeFill);
        painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2);
        QPainterPath text = badgeTextPath(badgeText(count), badge.height(), inner.width() - inner.height() * 0.35);
        const QRectF bounds = text.boundingRect();
        text.translate(inner.center() - bounds.center());
        painter.setBrush(kBadgeText);
        painter.drawPath(text);
    }
    painter.end();
    image.setDevicePixelRatio(ratio);
    return image;
}

QIcon TrayIconRenderer::icon(State state, bool doNotDisturb, int count)
{
    return QIcon(new TrayIconEngine(state, doNotDisturb, count));
}
