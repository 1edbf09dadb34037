#pragma once
// What a history chart plots from: the live five minutes (MetricHistory) or a stretch read
// back from the history file (StoredHistory). Points are (ms since the epoch, value); a
// stretch without samples longer than the source's gap splits a series, so an outage is a
// gap and not a straight line across it. One splitting rule serves both sources.
#include <QList>
#include <QPointF>
#include <cstddef>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace seckill::ui {

enum class Metric {
    reserved_per_s,
    sold_out_per_s,
    rate_limited_per_s,
    degraded_per_s,
    refused_per_s,
    error_per_s,
    p50_ms,
    p99_ms,
    queue_depth,
    remaining,
    sold,  // one sale's
};
inline constexpr std::size_t metric_count = 11;
inline constexpr std::size_t cluster_metric_count = 9;  // the metrics before `remaining`
inline constexpr std::size_t sale_metric_count = metric_count - cluster_metric_count;

using Gaps = std::vector<std::pair<Millis, Millis>>;

class SeriesSource {
  public:
    virtual ~SeriesSource() = default;
    // When the newest sample was taken, 0 when there is none.
    virtual Millis newest() const = 0;
    // The longest stretch the time axis shows, ending at newest().
    virtual Millis span_ms() const = 0;
    // The points of `m`, split at gaps, oldest first. With `stacked` the values of the
    // metrics before it (in enum order, within the cluster's or the sale's) are added: a
    // stacked band's top.
    virtual std::vector<QList<QPointF>> segments(Metric m, bool stacked = false) const = 0;
    // The stretches without data (from, to), for the charts to mark.
    virtual Gaps gaps() const = 0;
};

// Samples 0..n-1 at times at(i) (ascending) with values value(i), from `from` on, cut
// where two samples are more than gap_ms apart.
template <class At, class Value>
std::vector<QList<QPointF>> split_at_gaps(std::size_t n, At at, Value value, Millis from,
                                          Millis gap_ms) {
    std::vector<QList<QPointF>> out;
    Millis previous = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Millis t = at(i);
        if (t < from) continue;
        if (out.empty() || t - previous > gap_ms) out.emplace_back();
        out.back().append(QPointF(double(t), value(i)));
        previous = t;
    }
    return out;
}

template <class At>
Gaps gaps_between(std::size_t n, At at, Millis from, Millis gap_ms) {
    Gaps out;
    for (std::size_t i = 1; i < n; ++i)
        if (at(i) - at(i - 1) > gap_ms && at(i) >= from) out.emplace_back(at(i - 1), at(i));
    return out;
}

}  // namespace seckill::ui
