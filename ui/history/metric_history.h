#pragma once
// The last five minutes of what the charts plot, one sample per snapshot, kept in ring
// buffers and turned into whole point lists for QXYSeries::replace. Cluster-wide series
// (requests by result, latency, queue) never depend on the selected sale; the stock
// series are kept per sale, so selecting another sale and back loses nothing. A stretch
// without snapshots longer than gap_ms() splits a series (series_source.h).
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "history/ring_buffer.h"
#include "history/series_source.h"

namespace seckill::ui {

// The requests chart's bands are the first metrics, in ResultBand order.
inline Metric band_metric(ResultBand b) { return Metric(std::size_t(b)); }

// One sample of the cluster-wide metrics and of one sale's, as every history keeps them
// (the live rings and the history file alike).
std::array<double, cluster_metric_count> cluster_sample(const ClusterSnapshot& snap);
std::array<double, sale_metric_count> sale_sample(const SaleView& sale);

// How long without a snapshot makes the console's data stale (views grey out, charts
// break): two refresh periods, and never less than a second so a busy UI thread's
// hiccup is not reported as an outage.
Millis stale_after_ms(Millis refresh_ms);

class MetricHistory final : public SeriesSource {
  public:
    static constexpr Millis window_ms = 5 * 60 * 1000;
    // Sales (and nodes) whose series are kept; past this, the one seen least recently is
    // dropped.
    static constexpr std::size_t max_sales = 32;

    // Capacity for five minutes at the given sample period.
    explicit MetricHistory(Millis sample_period_ms);

    void append(const ClusterSnapshot& snap);
    std::size_t size() const { return cluster_.times.size(); }
    // When the newest sample was taken, 0 when empty.
    Millis newest() const override { return cluster_.times.empty() ? 0 : cluster_.times.back(); }
    Millis span_ms() const override { return window_ms; }
    double latest(Metric m) const;
    Millis gap_ms() const { return gap_ms_; }
    const std::string& selectedSale() const { return selected_; }
    // Whose latency p50_ms and p99_ms are: empty = the cluster's merged histogram, else
    // one node's (each live node's is kept, so switching shows its past too).
    void setLatencyScope(std::string node) { latency_scope_ = std::move(node); }
    const std::string& latencyScope() const { return latency_scope_; }
    // The nodes whose latency is kept, for the chart's selector.
    std::vector<std::string> latencyNodes() const;

    // The points of `m` inside the window (the selected sale's for the stock metrics).
    std::vector<QList<QPointF>> segments(Metric m, bool stacked = false) const override;
    // Every point of `m`, the segments joined (tests, the largest value).
    QList<QPointF> points(Metric m, bool stacked = false) const;
    double max_value(Metric m, bool stacked = false) const;
    // The stretches without data inside the window.
    Gaps gaps() const override;

  private:
    template <std::size_t N>
    struct Series {
        RingBuffer<Millis> times;
        std::array<RingBuffer<double>, N> values;
        Millis seen = 0;  // the last snapshot that listed it
        explicit Series(std::size_t capacity);
        void push(Millis at, const std::array<double, N>& v);
    };
    using ClusterSeries = Series<cluster_metric_count>;
    using SaleSeries = Series<sale_metric_count>;
    using NodeLatency = Series<2>;  // p50, p99

    // The times and one value ring of `m` (the selected sale's for the stock metrics);
    // null values when nothing is kept for it.
    std::pair<const RingBuffer<Millis>*, const RingBuffer<double>*> ring(std::size_t m) const;
    double value(std::size_t m, std::size_t i, bool stacked) const;

    std::size_t capacity_;
    Millis gap_ms_;
    ClusterSeries cluster_;
    std::map<std::string, SaleSeries> sales_;
    std::map<std::string, NodeLatency> nodes_;
    std::string selected_;
    std::string latency_scope_;
};

}  // namespace seckill::ui
