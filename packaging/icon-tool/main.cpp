// todo-icon-tool: renders the application icon (an SVG) into the raster forms the packages need, at build time,
// with Qt's own SVG renderer (no rsvg-convert or ImageMagick as a build dependency).
//
//   todo-icon-tool hicolor SVG OUTDIR NAME SIZE...   OUTDIR/<size>x<size>/apps/NAME.png (freedesktop icon theme)
//   todo-icon-tool iconset SVG OUTDIR                OUTDIR/icon_<n>x<n>[@2x].png, what macOS iconutil -c icns reads
//   todo-icon-tool ico SVG OUTFILE SIZE...           a Windows .ico holding one PNG-compressed image per size
//
// A build tool for developers: its messages are not translated.
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>

namespace {

void fail(const QString &message)
{
    std::fprintf(stderr, "todo-icon-tool: %s\n", qPrintable(message));
}

QImage render(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

bool savePng(const QImage &image, const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        fail(QStringLiteral("cannot create the folder of %1").arg(path));
        return false;
    }
    if (!image.save(path, "PNG")) {
        fail(QStringLiteral("cannot write %1").arg(path));
        return false;
    }
    return true;
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

template<typename T>
void appendLittleEndian(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

// The ICO container: ICONDIR, one ICONDIRENTRY per image, then the images. Entries may hold PNG data (Windows
// Vista and later); a width or height of 256 is written as 0.
QByteArray icoFile(const QList<QImage> &images)
{
    QList<QByteArray> pngs;
    for (const QImage &image : images)
        pngs.append(pngBytes(image));
    QByteArray out;
    appendLittleEndian<quint16>(out, 0); // reserved
    appendLittleEndian<quint16>(out, 1); // type: icon
    appendLittleEndian<quint16>(out, quint16(images.size()));
    quint32 offset = quint32(6 + 16 * images.size());
    for (qsizetype i = 0; i < images.size(); ++i) {
        const int size = images.at(i).width();
        out.append(char(size >= 256 ? 0 : size)); // width
        out.append(char(size >= 256 ? 0 : size)); // height
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLittleEndian<quint16>(out, 1); // colour planes
        appendLittleEndian<quint16>(out, 32); // bits per pixel
        appendLittleEndian<quint32>(out, quint32(pngs.at(i).size()));
        appendLittleEndian<quint32>(out, offset);
        offset += quint32(pngs.at(i).size());
    }
    for (const QByteArray &png : std::as_const(pngs))
        out.append(png);
    return out;
}

bool parseSizes(const QStringList &texts, QList<int> *sizes)
{
    for (const QString &text : texts) {
        bool ok = false;
        const int size = text.toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            fail(QStringLiteral("not an icon size: %1").arg(text));
            return false;
        }
        sizes->append(size);
    }
    return !sizes->isEmpty();
}

int usage()
{
    fail(QStringLiteral("usage: todo-icon-tool hicolor SVG OUTDIR NAME SIZE... | iconset SVG OUTDIR | "
                        "ico SVG OUTFILE SIZE..."));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 3)
        return usage();
    const QString &mode = args.at(0);
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        fail(QStringLiteral("cannot read the SVG %1").arg(args.at(1)));
        return 1;
    }

    if (mode == QLatin1String("hicolor") && args.size() >= 5) {
        QList<int> sizes;
        if (!parseSizes(args.mid(4), &sizes))
            return usage();
        for (const int size : std::as_const(sizes)) {
            const QString path = QStringLiteral("%1/%2x%2/apps/%3.png").arg(args.at(2)).arg(size).arg(args.at(3));
            if (!savePng(render(renderer, size), path))
                return 1;
        }
        return 0;
    }
    if (mode == QLatin1String("iconset") && args.size() == 3) {
        // Apple's names: each point size at 1x and 2x.
        for (const int points : {16, 32, 128, 256, 512}) {
            const QString base = QStringLiteral("%1/icon_%2x%2").arg(args.at(2)).arg(points);
            if (!savePng(render(renderer, points), base + QStringLiteral(".png"))
                || !savePng(render(renderer, points * 2), base + QStringLiteral("@2x.png")))
                return 1;
        }
        return 0;
    }
    if (mode == QLatin1String("ico") && args.size() >= 4) {
        QList<int> sizes;
        if (!parseSizes(args.mid(3), &sizes))
            return usage();
        QList<QImage> images;
        for (const int size : std::as_const(sizes)) {
            if (size > 256) {
                fail(QStringLiteral("an .ico image is at most 256 pixels wide"));
                return 2;
            }
            images.append(render(renderer, size));
        }
        QSaveFile file(args.at(2));
        if (!file.open(QIODevice::WriteOnly) || file.write(icoFile(images)) < 0 || !file.commit()) {
            fail(QStringLiteral("cannot write %1: %2").arg(args.at(2), file.errorString()));
            return 1;
        }
        return 0;
    }
    return usage();
}
