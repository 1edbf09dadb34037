#pragma once
// The dashboard's charts: requests/s by result (stacked), latency, the selected sale's
// stock, the order queue, and allocation per node. Owns the five-minute history; with a
// history file (HistoryStore) a range selector shows the last hour or a whole sale, of
// this session or an earlier one, read back from the file.
#include <QImage>
#include <QWidget>
#include <optional>

#include "backend/cluster_snapshot.h"
#include "history/fault_timeline.h"
#include "history/metric_history.h"
#include "history/stored_history.h"

class QComboBox;
class QGridLayout;

namespace seckill::ui {

class AllocationChart;
class HistoryChart;
class HistoryStore;

class ChartsPanel final : public QWidget {
    Q_OBJECT

  public:
    // What the history charts show: the live rings, or the file's last hour or whole sale.
    enum class Range { live, hour, sale };

    explicit ChartsPanel(Millis sample_period_ms, QWidget* parent = nullptr);

    void update(const ClusterSnapshot& snap);
    // Forgets every series, band and node: the console now shows another cluster, whose
    // sale "demo" or node "n1" is not this one's.
    void reset();
    // The grid's free cell (second row, third column), for a view the window wants there.
    void setCornerWidget(QWidget* widget);
    // The file the longer ranges read, and the cluster whose series they show; null: only
    // the live five minutes (the selector is disabled).
    void setHistoryStore(HistoryStore* store, const QString& cluster);
    // The file has new rows: a stored range re-reads them, the sale list grows.
    void historyWritten();
    void setRange(Range range, const QString& sale = {});
    Range range() const;

    const MetricHistory& history() const { return history_; }
    // What the history charts plot now: history(), or the stretch read from the file.
    const SeriesSource& shown() const;
    const FaultTimeline& faults() const { return faults_; }
    HistoryChart* requests() const { return requests_; }
    HistoryChart* latency() const { return latency_; }
    HistoryChart* stock() const { return stock_; }
    HistoryChart* queue() const { return queue_; }
    AllocationChart* allocation() const { return allocation_; }
    // Cluster or one node, for the latency chart.
    QComboBox* latencyScope() const { return latency_scope_; }
    QComboBox* rangeSelector() const { return range_; }
    // The sales the file holds for this cluster, newest first (stored ranges).
    QComboBox* saleSelector() const { return stored_sale_; }
    // Every chart with a file-friendly name, for "export chart as PNG".
    std::vector<std::pair<QString, QWidget*>> charts() const;
    // The four history charts drawn afresh from `source` at `size` each (the PDF report's
    // whole-sale charts), titled as on screen.
    std::vector<QImage> render(const SeriesSource& source, QSize size) const;

  Q_SIGNALS:
    // Reading the file failed; the charts went back to the live five minutes.
    void historyFailed(const QString& reason);

  private:
    void showSource();
    void reloadStored();
    void listStoredSales();

    Millis sample_period_ms_;
    MetricHistory history_;
    FaultTimeline faults_;
    HistoryStore* store_ = nullptr;
    std::string cluster_;
    std::optional<StoredHistory> stored_;
    QGridLayout* grid_;
    HistoryChart* requests_;
    HistoryChart* latency_;
    HistoryChart* stock_;
    HistoryChart* queue_;
    AllocationChart* allocation_;
    QComboBox* latency_scope_;
    QComboBox* range_;
    QComboBox* stored_sale_;
    unsigned turn_ = 0;
};

}  // namespace seckill::ui
