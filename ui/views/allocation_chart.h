#pragma once
// Per-node allocation of the selected sale as bars: the units each node holds in its lease
// now, and the units it has sold since it started.
#include <QChartView>
#include <QStringList>

#include "backend/cluster_snapshot.h"

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace seckill::ui {

class AllocationChart final : public QChartView {
    Q_OBJECT

public:
    explicit AllocationChart(QWidget* parent = nullptr);

    void refresh(const ClusterSnapshot& snap);
    // Values plotted per node, for tests.
    QList<qreal> leaseValues() const;
    QList<qreal> soldValues() const;

private:
    QBarSet* lease_;
    QBarSet* sold_;
    QBarCategoryAxis* nodes_;
    QValueAxis* y_;
    QStringList categories_;
};

}  // namespace seckill::ui
