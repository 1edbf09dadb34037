#pragma once
// The dashboard's charts: requests/s by result (stacked), latency, the selected sale's
// stock, the order queue, and allocation per node. Owns the five-minute history.
#include <QWidget>

#include "backend/cluster_snapshot.h"
#include "history/fault_timeline.h"
#include "history/metric_history.h"

class QComboBox;

namespace seckill::ui {

class AllocationChart;
class HistoryChart;

class ChartsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit ChartsPanel(Millis sample_period_ms, QWidget* parent = nullptr);

    void update(const ClusterSnapshot& snap);
    // Forgets every series, band and node: the console now shows another cluster, whose
    // sale "demo" or node "n1" is not this one's.
    void reset();
    // The grid's free cell (second row, third column), for a view the window wants there.
    void setCornerWidget(QWidget* widget);

    const MetricHistory& history() const { return history_; }
    const FaultTimeline& faults() const { return faults_; }
    HistoryChart* requests() const { return requests_; }
    HistoryChart* latency() const { return latency_; }
    HistoryChart* stock() const { return stock_; }
    HistoryChart* queue() const { return queue_; }
    AllocationChart* allocation() const { return allocation_; }
    // Cluster or one node, for the latency chart.
    QComboBox* latencyScope() const { return latency_scope_; }
    // Every chart with a file-friendly name, for "export chart as PNG".
    std::vector<std::pair<QString, QWidget*>> charts() const;

private:
    Millis sample_period_ms_;
    MetricHistory history_;
    FaultTimeline faults_;
    HistoryChart* requests_;
    HistoryChart* latency_;
    HistoryChart* stock_;
    HistoryChart* queue_;
    AllocationChart* allocation_;
    QComboBox* latency_scope_;
    unsigned turn_ = 0;
};

}  // namespace seckill::ui
