#pragma once
// What the console remembers between runs: window geometry and dock layout, and the last
// connection. QSettings writes its file through a temporary and a rename, so a crash never
// leaves it half written.
#include <QString>

class QMainWindow;
class QSettings;

namespace seckill::ui {

struct ConnectionSettings {
    QString kind = QStringLiteral("local");  // "local" or "redis"
    int nodes = 3;                           // local: how many
    QString redis_url;                       // redis: where (kept when switching to local)
};

// False when there was no saved dock layout (a first launch): the window keeps its own.
bool restore_window(QMainWindow& window, QSettings& settings);
void save_window(const QMainWindow& window, QSettings& settings);

ConnectionSettings last_connection(QSettings& settings);
void remember_connection(QSettings& settings, const ConnectionSettings& connection);

}  // namespace seckill::ui
