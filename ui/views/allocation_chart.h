#pragma once
// Per-node allocation of the selected sale as bars: the units each live node holds in its
// lease as the ledger records it (the Nodes table's Lease column, one source), and the
// lease target an operator set by rebalancing (0 for a node without one; the bars are
// there only while some node of the sale has a target). The title names the sale and
// warns when a node counts its lease differently from the ledger (I7).
#include <QChartView>
#include <QStringList>

#include "backend/cluster_snapshot.h"

class QBarCategoryAxis;
class QBarSeries;
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
    QList<qreal> targetValues() const;
    bool targetsShown() const;

  private:
    QBarSeries* series_;
    QBarSet* lease_;
    QBarSet* target_;
    QBarCategoryAxis* nodes_;
    QValueAxis* y_;
    QStringList categories_;
};

}  // namespace seckill::ui
