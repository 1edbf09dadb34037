#pragma once
// The row of tiles: the selected sale's stock, the cluster's pace and health.
#include <QWidget>
#include <map>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

class Tile;

class TilesPanel final : public QWidget {
    Q_OBJECT

  public:
    explicit TilesPanel(QWidget* parent = nullptr);

    void update(const ClusterSnapshot& snap);
    // Why the numbers are old, empty while they are current; every tile greys out.
    void setStale(const QString& why);
    const QString& stale() const { return stale_; }
    // Tiles by key (total, paid, reserved, remaining, buys_per_s, p99, queue, degrade,
    // nodes), for tests and reports.
    const Tile* tile(const QString& key) const;

  private:
    Tile* add(const QString& key, const QString& caption, const QString& meaning);
    std::map<QString, Tile*> tiles_;
    QString stale_;
};

}  // namespace seckill::ui
