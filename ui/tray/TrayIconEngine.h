#pragma once

#include "tray/TrayIconRenderer.h"

#include <QIconEngine>

// The QIconEngine behind TrayIconRenderer::icon(): every pixmap is rendered from the SVG source for the exact
// size and device pixel ratio requested, never scaled from another size.
class TrayIconEngine final : public QIconEngine
{
public:
    TrayIconEngine(TrayIconRenderer::State state, bool doNotDisturb, int count);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override;

    TrayIconRenderer::State state() const { return m_state; }
    bool doNotDisturb() const { return m_doNotDisturb; }
    int count() const { return m_count; }

private:
    QPixmap render(const QSize &size, QIcon::Mode mode, qreal scale) const;

    TrayIconRenderer::State m_state = TrayIconRenderer::State::Disconnected;
    bool m_doNotDisturb = false;
    int m_count = 0;
};
