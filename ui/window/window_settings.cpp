#include "window/window_settings.h"

#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <algorithm>

namespace seckill::ui {

bool restore_window(QMainWindow& window, QSettings& settings) {
    // A saved geometry is fitted to today's screen by restoreGeometry itself.
    if (!window.restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: the size the layout was drawn for where the screen has room, else
        // the screen's free area (panels excluded) less a title bar and borders, which are
        // unknown until the window is shown.
        const QRect free =
            window.screen() ? window.screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        const QSize size = QSize(1600, 1000)
                               .boundedTo(free.size() - QSize(16, 40))
                               .expandedTo(window.minimumSizeHint());
        window.resize(size);
        window.move(free.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    return window.restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void save_window(const QMainWindow& window, QSettings& settings) {
    settings.setValue(QStringLiteral("window/geometry"), window.saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window.saveState());
    settings.sync();
}

ConnectionSettings last_connection(QSettings& settings) {
    ConnectionSettings c;
    c.kind = settings.value(QStringLiteral("connection/kind"), c.kind).toString();
    c.nodes = std::clamp(settings.value(QStringLiteral("connection/nodes"), c.nodes).toInt(), 1, 8);
    c.redis_url = settings.value(QStringLiteral("connection/redis_url")).toString();
    c.node_urls = settings.value(QStringLiteral("connection/node_urls")).toStringList();
    return c;
}

void remember_connection(QSettings& settings, const ConnectionSettings& c) {
    settings.setValue(QStringLiteral("connection/kind"), c.kind);
    settings.setValue(QStringLiteral("connection/nodes"), c.nodes);
    settings.setValue(QStringLiteral("connection/redis_url"), c.redis_url);
    if (!c.node_urls.isEmpty())
        settings.setValue(QStringLiteral("connection/node_urls"), c.node_urls);
    settings.sync();
}

}  // namespace seckill::ui
