// The floor of the resource benchmark (bench/tray_resources.sh): the least a Qt tray application that stays
// connected can cost. A QApplication, a QSystemTrayIcon with a one-item QMenu, and one QWebSocket opened to the
// broker's Web-STOMP endpoint (with the STOMP subprotocols todo-notifier offers) and then left idle: no STOMP, no
// heart-beats, no store, no model, no windows. Build it in Release.
// Prints {"event":"connected"} on stdout once the WebSocket is open; a close is reported on stderr and the
// socket is opened again after a second (an idle WebSocket may be closed by the server).
// Usage: bench_floor_tray ws://127.0.0.1:PORT/ws

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_floor_tray"));
    QApplication::setQuitOnLastWindowClosed(false);
    const QStringList arguments = QCoreApplication::arguments();
    const QUrl url(arguments.value(1));
    if (arguments.size() != 2 || !url.isValid() || url.isRelative()) {
        std::fprintf(stderr, "usage: bench_floor_tray ws://HOST:PORT/PATH\n");
        return 2;
    }

    QPixmap pixmap(22, 22);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(QColor(0x2e, 0x7d, 0x32));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(pixmap.rect().adjusted(2, 2, -2, -2));
    }
    QMenu menu;
    QObject::connect(menu.addAction(QStringLiteral("Quit")), &QAction::triggered, &app, &QCoreApplication::quit);
    QSystemTrayIcon icon {QIcon(pixmap)};
    icon.setToolTip(QStringLiteral("floor"));
    icon.setContextMenu(&menu);
    icon.show();

    QWebSocket socket;
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")});
    QObject::connect(&socket, &QWebSocket::connected, &app, [] {
        std::printf("{\"event\":\"connected\"}\n");
        std::fflush(stdout);
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &app, [&] {
        std::fprintf(stderr, "bench_floor_tray: closed (%d %s); opening again\n", int(socket.closeCode()),
                     socket.closeReason().toLocal8Bit().constData());
        QTimer::singleShot(1000, &socket, [&] { socket.open(url, handshake); });
    });
    socket.open(url, handshake);
    return QCoreApplication::exec();
}
