#pragma once
// What the console remembers between runs: window geometry and dock layout, and the last
// connection. QSettings writes its file through a temporary and a rename, so a crash never
// leaves it half written.
#include <QString>
#include <QStringList>

class QMainWindow;
class QSettings;

namespace seckill::ui {

struct ConnectionSettings {
    QString kind = QStringLiteral("local");  // "local", "redis" or "node"
    int nodes = 3;                           // local: how many
    QString redis_url;                       // redis: where (kept when switching to local)
    // node: the attached nodes' URLs. An empty list leaves the remembered one, so it is
    // kept when switching to local or Redis as the Redis URL is.
    QStringList node_urls;
};

// False when there was no saved dock layout (a first launch): the window keeps its own.
bool restore_window(QMainWindow& window, QSettings& settings);
void save_window(const QMainWindow& window, QSettings& settings);

ConnectionSettings last_connection(QSettings& settings);
void remember_connection(QSettings& settings, const ConnectionSettings& connection);

}  // namespace seckill::ui
