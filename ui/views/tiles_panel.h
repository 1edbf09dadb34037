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
    // Tiles by key (total, sold, reserved, remaining, buys_per_s, p99, queue, degrade,
    // nodes), for tests and reports.
    const Tile* tile(const QString& key) const;

private:
    Tile* add(const QString& key, const QString& caption);
    std::map<QString, Tile*> tiles_;
};

}  // namespace seckill::ui
