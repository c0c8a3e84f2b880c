#include "tray/TrayIconEngine.h"

#include <QPaintDevice>
#include <QPainter>
#include <QPixmap>
#include <QtGlobal>

TrayIconEngine::TrayIconEngine(TrayIconRenderer::State state, bool doNotDisturb, int count)
    : m_state(state)
    , m_doNotDisturb(doNotDisturb)
    , m_count(count)
{ }

QPixmap TrayIconEngine::render(const QSize &size, QIcon::Mode mode, qreal scale) const
{
    QImage image = TrayIconRenderer::render(m_state, m_doNotDisturb, m_count, size, scale);
    if (mode == QIcon::Disabled) {
        // Grey, half transparent: what a disabled icon looks like everywhere.
        const qreal ratio = image.devicePixelRatio();
        QImage grey = image.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < grey.height(); ++y) {
            auto *out = reinterpret_cast<QRgb *>(grey.scanLine(y));
            const auto *in = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < grey.width(); ++x)
                out[x] = qRgba(qRed(out[x]), qGreen(out[x]), qBlue(out[x]), qAlpha(in[x]) / 2);
        }
        grey.setDevicePixelRatio(ratio);
        image = grey;
    }
    return QPixmap::fromImage(image);
}

void TrayIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State)
{
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, render(rect.size(), mode, scale));
}

QSize TrayIconEngine::actualSize(const QSize &size, QIcon::Mode, QIcon::State)
{
    return size;
}

QPixmap TrayIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State)
{
    return render(size, mode, 1.0);
}

QPixmap TrayIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale)
{
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    // Before Qt 6.8, QIcon::pixmap() passes the size in device pixels here: render exactly those pixels.
    QPixmap pixmap = render(size, mode, 1.0);
    pixmap.setDevicePixelRatio(scale);
    return pixmap;
#else
    return render(size, mode, scale); // the size is in device-independent pixels
#endif
}

QList<QSize> TrayIconEngine::availableSizes(QIcon::Mode, QIcon::State)
{
    QList<QSize> sizes;
    for (int side : TrayIconRenderer::standardSizes())
        sizes.append(QSize(side, side));
    return sizes;
}

QIconEngine *TrayIconEngine::clone() const
{
    return new TrayIconEngine(m_state, m_doNotDisturb, m_count);
}

QString TrayIconEngine::key() const
{
    return QStringLiteral("TrayIconEngine");
}
