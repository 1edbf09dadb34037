#pragma once
// The last five minutes of what the charts plot, one sample per snapshot, kept in ring
// buffers and turned into whole point lists for QXYSeries::replace.
#include <QList>
#include <QPointF>
#include <array>
#include <string>

#include "backend/cluster_snapshot.h"
#include "history/ring_buffer.h"

namespace seckill::ui {

enum class Metric {
    reserved_per_s, sold_out_per_s, rate_limited_per_s, degraded_per_s, refused_per_s, error_per_s,
    p50_ms, p99_ms, remaining, sold, queue_depth,
};
inline constexpr std::size_t metric_count = 11;
// The requests chart's bands are the first metrics, in ResultBand order.
inline Metric band_metric(ResultBand b) { return Metric(std::size_t(b)); }

class MetricHistory {
public:
    static constexpr Millis window_ms = 5 * 60 * 1000;

    // Capacity for five minutes at the given sample period.
    explicit MetricHistory(Millis sample_period_ms);

    void append(const ClusterSnapshot& snap);
    std::size_t size() const { return times_.size(); }
    // When the newest sample was taken (the charts' "0 s"), 0 when empty.
    Millis newest() const { return times_.empty() ? 0 : times_.back(); }
    double latest(Metric m) const;

    // Points (seconds before the newest sample, value) inside the window. With `stacked`
    // the values of the metrics before it (in enum order) are added: a stacked band's top.
    QList<QPointF> points(Metric m, bool stacked = false) const;
    // The largest stacked or plain value in the window, for the axis range.
    double max_value(Metric m, bool stacked = false) const;

private:
    double value(std::size_t metric, std::size_t i, bool stacked) const;

    RingBuffer<Millis> times_;
    std::array<RingBuffer<double>, metric_count> values_;
    std::string sale_;  // the stock series belong to one sale; another starts the history afresh
};

}  // namespace seckill::ui
