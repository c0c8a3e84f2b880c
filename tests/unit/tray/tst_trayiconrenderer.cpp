// TrayIconRenderer: one look per state, the pending count as a badge (1..99, then 99+, none at 0), rendered
// for the exact device pixel size at every size and device pixel ratio, and legible over light and dark
// panels. A contact sheet of renderings is written to <build>/tray-icons/ for people to look at.
#include "tray/TrayIconRenderer.h"

#include <QDir>
#include <QPainter>
#include <QTest>

#include <cmath>

namespace {

// The looks a person tells apart: a connection state (every offline state shares one look), and do not disturb.
struct Look
{
    TrayIconRenderer::State state = TrayIconRenderer::State::Disconnected;
    bool doNotDisturb = false;
    QString name;
};
const Look kConnected {TrayIconRenderer::State::Connected, false, QStringLiteral("connected")};
const Look kConnecting {TrayIconRenderer::State::Connecting, false, QStringLiteral("connecting")};
const Look kOffline {TrayIconRenderer::State::Backoff, false, QStringLiteral("offline")};
const Look kFailed {TrayIconRenderer::State::Failed, false, QStringLiteral("failed")};
const Look kDoNotDisturb {TrayIconRenderer::State::Connected, true, QStringLiteral("dnd")};
const QList<Look> kLooks {kConnected, kConnecting, kOffline, kFailed, kDoNotDisturb};

QImage render(const Look &look, int count, const QSize &size, qreal devicePixelRatio = 1.0)
{
    return TrayIconRenderer::render(look.state, look.doNotDisturb, count, size, devicePixelRatio);
}

// Share of pixels that differ noticeably between two images of the same size.
double differingShare(const QImage &a, const QImage &b, const QRect &area = {})
{
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    const QRect rect = area.isNull() ? x.rect() : area;
    int differing = 0;
    for (int row = rect.top(); row <= rect.bottom(); ++row) {
        for (int column = rect.left(); column <= rect.right(); ++column) {
            const QRgb p = x.pixel(column, row);
            const QRgb q = y.pixel(column, row);
            const int delta = std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q))
                + std::abs(qBlue(p) - qBlue(q)) + std::abs(qAlpha(p) - qAlpha(q));
            if (delta > 48)
                ++differing;
        }
    }
    return double(differing) / double(rect.width() * rect.height());
}

double luminance(QRgb rgb)
{
    auto channel = [](int value) {
        const double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(qRed(rgb)) + 0.7152 * channel(qGreen(rgb)) + 0.0722 * channel(qBlue(rgb));
}

double contrastRatio(QRgb a, QRgb b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QImage onPanel(const QImage &icon, const QColor &panel)
{
    QImage composed(icon.size(), QImage::Format_ARGB32);
    composed.fill(panel);
    QPainter painter(&composed);
    QImage unscaled = icon;
    unscaled.setDevicePixelRatio(1.0);
    painter.drawImage(0, 0, unscaled);
    return composed;
}

// Of the icon's outermost ring of opaque pixels (its silhouette edge), the share that stands out from the panel.
double edgeShareStandingOut(const QImage &icon, const QColor &panel, double minimumContrast)
{
    const QImage argb = icon.convertToFormat(QImage::Format_ARGB32);
    const QImage composed = onPanel(icon, panel);
    int edge = 0;
    int standing = 0;
    for (int y = 0; y < argb.height(); ++y) {
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(argb.pixel(x, y)) < 200)
                continue;
            // An edge pixel has a (nearly) transparent pixel within two pixels.
            bool isEdge = false;
            for (int dy = -2; dy <= 2 && !isEdge; ++dy) {
                for (int dx = -2; dx <= 2 && !isEdge; ++dx) {
                    const QPoint p(x + dx, y + dy);
                    isEdge = !argb.rect().contains(p) || qAlpha(argb.pixel(p)) < 40;
                }
            }
            if (!isEdge)
                continue;
            ++edge;
            if (contrastRatio(composed.pixel(x, y), panel.rgb()) >= minimumContrast)
                ++standing;
        }
    }
    return edge == 0 ? 0.0 : double(standing) / edge;
}

} // namespace

class tst_TrayIconRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badgeText_data();
    void badgeText();
    void everySourceLoads();
    void statesLookDifferent();
    void badgeOnlyWithACount();
    void countIsDrawnInTheBadge();
    void moreThan99Shows99Plus();
    void everySizeAndRatio_data();
    void everySizeAndRatio();
    void iconRendersTheExactDevicePixelSize();
    void legibleOnLightAndDarkPanels_data();
    void legibleOnLightAndDarkPanels();
    void writeContactSheet();
};

void tst_TrayIconRenderer::badgeText_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << 0 << QString();
    QTest::newRow("negative") << -3 << QString();
    QTest::newRow("one") << 1 << QStringLiteral("1");
    QTest::newRow("nine") << 9 << QStringLiteral("9");
    QTest::newRow("ninety-nine") << 99 << QStringLiteral("99");
    QTest::newRow("hundred") << 100 << QStringLiteral("99+");
    QTest::newRow("150") << 150 << QStringLiteral("99+");
}

void tst_TrayIconRenderer::badgeText()
{
    QFETCH(int, count);
    QFETCH(QString, text);
    QCOMPARE(TrayIconRenderer::badgeText(count), text);
}

void tst_TrayIconRenderer::everySourceLoads()
{
    for (const Look &state : kLooks) {
        const QImage image = render(state, 0, QSize(32, 32));
        // The rounded square fills the middle, the corners stay transparent.
        QVERIFY2(qAlpha(image.pixel(16, 16)) == 255, qPrintable(state.name));
        QVERIFY2(qAlpha(image.pixel(0, 0)) == 0, qPrintable(state.name));
    }
}

void tst_TrayIconRenderer::statesLookDifferent()
{
    for (int size : {16, 22, 64}) {
        for (int i = 0; i < kLooks.size(); ++i) {
            for (int j = i + 1; j < kLooks.size(); ++j) {
                const QImage a = render(kLooks.at(i), 0, QSize(size, size));
                const QImage b = render(kLooks.at(j), 0, QSize(size, size));
                const double share = differingShare(a, b);
                QVERIFY2(share > 0.3,
                         qPrintable(QStringLiteral("%1 vs %2 at %3 px: only %4 of the pixels differ")
                                        .arg(kLooks.at(i).name, kLooks.at(j).name)
                                        .arg(size)
                                        .arg(share)));
            }
        }
    }
}

void tst_TrayIconRenderer::badgeOnlyWithACount()
{
    const QSize size(32, 32);
    QVERIFY(TrayIconRenderer::badgeRect(0, size).isEmpty());
    const QRect badge = TrayIconRenderer::badgeRect(5, size).toAlignedRect();
    QVERIFY(!badge.isEmpty());
    QVERIFY(QRect(QPoint(0, 0), size).contains(badge));
    QCOMPARE(badge.right(), size.width() - 1); // top-right corner
    QCOMPARE(badge.top(), 0);

    const QImage without = render(kConnected, 0, size);
    const QImage with = render(kConnected, 5, size);
    QVERIFY(differingShare(without, with, badge) > 0.4); // the badge area changed...
    // ...and nothing else did.
    QImage outside = with.copy();
    QImage reference = without.copy();
    QPainter(&outside).fillRect(badge, Qt::black);
    QPainter(&reference).fillRect(badge, Qt::black);
    QCOMPARE(differingShare(outside, reference), 0.0);
}

void tst_TrayIconRenderer::countIsDrawnInTheBadge()
{
    const QSize size(64, 64);
    const QRect badge = TrayIconRenderer::badgeRect(7, size).toAlignedRect();
    // Different counts differ inside the badge: the digits are really there.
    const QImage seven = render(kConnected, 7, size);
    const QImage one = render(kConnected, 1, size);
    QVERIFY(differingShare(seven, one, badge) > 0.03);
    // White text pixels inside the red fill.
    int white = 0;
    int red = 0;
    const QRect inner =
        badge.adjusted(badge.height() / 4, badge.height() / 4, -badge.height() / 4, -badge.height() / 4);
    for (int y = inner.top(); y <= inner.bottom(); ++y) {
        for (int x = inner.left(); x <= inner.right(); ++x) {
            const QRgb p = seven.pixel(x, y);
            if (qRed(p) > 230 && qGreen(p) > 230 && qBlue(p) > 230)
                ++white;
            else if (qRed(p) > 180 && qGreen(p) < 80 && qBlue(p) < 80)
                ++red;
        }
    }
    QVERIFY2(white > 10, qPrintable(QString::number(white)));
    QVERIFY2(red > 10, qPrintable(QString::number(red)));
}

void tst_TrayIconRenderer::moreThan99Shows99Plus()
{
    const QSize size(48, 48);
    const QImage hundredFifty = render(kConnected, 150, size);
    QCOMPARE(hundredFifty, render(kConnected, 100, size));
    QVERIFY(hundredFifty != render(kConnected, 99, size));
    // "99+" needs a wider badge than "9", still inside the icon.
    const QRectF wide = TrayIconRenderer::badgeRect(150, size);
    QVERIFY(wide.width() > TrayIconRenderer::badgeRect(9, size).width());
    QVERIFY(wide.left() >= 0);
}

void tst_TrayIconRenderer::everySizeAndRatio_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<qreal>("ratio");
    for (int size : TrayIconRenderer::standardSizes()) {
        for (qreal ratio : {1.0, 1.25, 1.5, 2.0}) {
            QTest::addRow("%d@%gx", size, ratio) << size << ratio;
        }
    }
}

void tst_TrayIconRenderer::everySizeAndRatio()
{
    QFETCH(int, size);
    QFETCH(qreal, ratio);
    const int pixels = int(std::lround(size * ratio));
    for (const Look &state : kLooks) {
        const QImage image = render(state, 42, QSize(size, size), ratio);
        QCOMPARE(image.size(), QSize(pixels, pixels));
        QCOMPARE(image.devicePixelRatio(), ratio);
        QCOMPARE(qAlpha(image.pixel(pixels / 2, pixels * 3 / 4)), 255);
        const QRect badge = TrayIconRenderer::badgeRect(42, image.size()).toAlignedRect();
        QVERIFY(QRect(QPoint(0, 0), image.size()).contains(badge));
        QVERIFY(badge.height() < pixels); // the state stays visible around it
    }
}

void tst_TrayIconRenderer::iconRendersTheExactDevicePixelSize()
{
    const QIcon icon = TrayIconRenderer::icon(kFailed.state, kFailed.doNotDisturb, 3);
    QVERIFY(!icon.isNull());
    QList<QSize> sizes = icon.availableSizes();
    for (int side : {16, 22, 24, 32, 48, 64, 128, 256})
        QVERIFY2(sizes.contains(QSize(side, side)), qPrintable(QString::number(side)));

    for (qreal ratio : {1.0, 2.0}) {
        for (int side : {16, 22, 30, 256}) {
            const QPixmap pixmap = icon.pixmap(QSize(side, side), ratio);
            QCOMPARE(pixmap.size(), QSize(side, side) * ratio);
            QCOMPARE(pixmap.devicePixelRatio(), ratio);
            // Rendered for those very pixels, not scaled from another size.
            QCOMPARE(pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied),
                     render(kFailed, 3, QSize(side, side), ratio));
        }
    }
    const QImage sharp = render(kConnected, 7, QSize(22, 22), 2.0);
    QImage upscaled =
        render(kConnected, 7, QSize(22, 22), 1.0).scaled(44, 44, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QVERIFY(differingShare(sharp, upscaled) > 0.02);
}

void tst_TrayIconRenderer::legibleOnLightAndDarkPanels_data()
{
    QTest::addColumn<QColor>("panel");
    QTest::newRow("light panel") << QColor(0xf6, 0xf5, 0xf4);
    QTest::newRow("white panel") << QColor(Qt::white);
    QTest::newRow("dark panel") << QColor(0x24, 0x24, 0x24);
    QTest::newRow("black panel") << QColor(Qt::black);
    QTest::newRow("grey panel") << QColor(0x80, 0x80, 0x80);
}

void tst_TrayIconRenderer::legibleOnLightAndDarkPanels()
{
    QFETCH(QColor, panel);
    for (const Look &state : kLooks) {
        const QImage icon = render(state, 0, QSize(44, 44));
        // The silhouette: most of its edge stands out from the panel (the dark rim on light panels, the
        // light inner rim and the fill on dark ones).
        const double share = edgeShareStandingOut(icon, panel, 1.5);
        QVERIFY2(share >= 0.5, qPrintable(QStringLiteral("%1: %2").arg(state.name).arg(share)));
    }
    // The badge has a light ring around a red pill, so it stands out on any panel and on any state colour.
    const QImage badged = render(kFailed, 8, QSize(44, 44));
    const QRectF badge = TrayIconRenderer::badgeRect(8, badged.size());
    const QImage composed = onPanel(badged, panel);
    const QRgb ring = composed.pixel(int(badge.center().x()), int(badge.top()) + 1);
    const QRgb fill = composed.pixel(int(badge.left() + badge.height() * 0.25), int(badge.center().y()));
    QVERIFY(contrastRatio(ring, fill) >= 3.0);
}

void tst_TrayIconRenderer::writeContactSheet()
{
    const QString dir = qEnvironmentVariable("TODO_BINARY_DIR", QDir::tempPath()) + QStringLiteral("/tray-icons");
    QVERIFY(QDir().mkpath(dir));
    const QList<int> counts {0, 7, 42, 150};
    const QList<QColor> panels {QColor(0xf6, 0xf5, 0xf4), QColor(0x24, 0x24, 0x24)};
    for (qreal ratio : {1.0, 2.0}) {
        for (int size : {16, 22, 64}) {
            const int cell = int(std::lround(size * ratio)) + 8;
            QImage sheet(cell * counts.size() * panels.size(), cell * kLooks.size(), QImage::Format_ARGB32);
            sheet.fill(Qt::white);
            QPainter painter(&sheet);
            for (int p = 0; p < panels.size(); ++p) {
                painter.fillRect(QRect(p * cell * counts.size(), 0, cell * counts.size(), sheet.height()),
                                 panels.at(p));
                for (int s = 0; s < kLooks.size(); ++s) {
                    for (int c = 0; c < counts.size(); ++c) {
                        QImage icon = render(kLooks.at(s), counts.at(c), QSize(size, size), ratio);
                        icon.setDevicePixelRatio(1.0);
                        painter.drawImage((p * counts.size() + c) * cell + 4, s * cell + 4, icon);
                    }
                }
            }
            painter.end();
            const QString path = QStringLiteral("%1/sheet-%2px@%3x.png").arg(dir).arg(size).arg(ratio);
            QVERIFY(sheet.save(path));
            // Small sizes also magnified pixel for pixel, to judge them by eye.
            if (size * ratio <= 44) {
                const QImage zoomed = sheet.scaled(sheet.size() * 4, Qt::IgnoreAspectRatio, Qt::FastTransformation);
                QVERIFY(zoomed.save(QStringLiteral("%1/sheet-%2px@%3x-zoom4.png").arg(dir).arg(size).arg(ratio)));
            }
        }
    }
    qInfo() << "tray icon renderings written to" << dir;
}

QTEST_MAIN(tst_TrayIconRenderer)
#include "tst_trayiconrenderer.moc"
