#pragma once

#include "source/PushSource.h"

#include <QIcon>
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QRectF>
#include <QSize>
#include <QString>

// Draws the tray icon: the connection state's SVG (resources/icons/tray/tray-<state>.svg: connected, connecting,
// offline for every state isOffline() folds, failed, and dnd while do not disturb hides anything but a failure) with
// the pending count as a badge in the top-right corner. Everything is rendered for the exact device pixel size asked
// for, so the icon is crisp at any size and device pixel ratio, including fractional ones. A dark rim around the shape
// and a light ring around the badge keep both legible on light and dark panels.
class TrayIconRenderer final
{
public:
    using State = PushSource::State;

    // The sizes a QIcon from icon() advertises; it renders any other size on request too.
    static QList<int> standardSizes() { return {16, 20, 22, 24, 32, 48, 64, 128, 256}; }
    static constexpr int kMaxShownCount = 99;

    // "" for 0 (no badge), "1".."99", then "99+".
    static QString badgeText(int count);
    // The resource path of the SVG source for a state (with do not disturb on or off).
    static QString sourcePath(State state, bool doNotDisturb = false);
    // Where the badge sits in an icon of `pixelSize` device pixels (an empty rect for count 0).
    static QRectF badgeRect(int count, const QSize &pixelSize);

    // An image of size * devicePixelRatio device pixels, with that device pixel ratio set.
    static QImage render(State state, bool doNotDisturb, int count, const QSize &size, qreal devicePixelRatio = 1.0);
    // An icon that renders itself on demand (see TrayIconEngine) for whatever size and ratio is asked for.
    static QIcon icon(State state, bool doNotDisturb, int count);
};
