#include "history/metric_history.h"

#include <algorithm>

namespace seckill::ui {
namespace {

template <std::size_t... I>
std::array<RingBuffer<double>, metric_count> make_rings(std::size_t capacity, std::index_sequence<I...>) {
    return {((void)I, RingBuffer<double>(capacity))...};
}

}  // namespace

MetricHistory::MetricHistory(Millis sample_period_ms)
    : times_(std::size_t(window_ms / std::max<Millis>(sample_period_ms, 1)) + 1),
      values_(make_rings(times_.capacity(), std::make_index_sequence<metric_count>{})) {}

void MetricHistory::append(const ClusterSnapshot& snap) {
    if (snap.selected_sale != sale_) {
        // Remaining and sold of another sale would draw a cliff that never happened; the
        // cluster-wide series restart too, so every chart covers the same stretch of time.
        times_.clear();
        for (auto& v : values_) v.clear();
        sale_ = snap.selected_sale;
    }
    const SaleView* sale = snap.find_sale(snap.selected_sale);
    std::array<double, metric_count> v{};
    for (std::size_t b = 0; b < result_band_count; ++b) v[b] = snap.band_per_s(ResultBand(b));
    v[std::size_t(Metric::p50_ms)] = snap.p50_ms();
    v[std::size_t(Metric::p99_ms)] = snap.p99_ms();
    v[std::size_t(Metric::remaining)] = sale ? double(sale->stock.remaining()) : 0;
    v[std::size_t(Metric::sold)] = sale ? double(sale->stock.sold()) : 0;
    v[std::size_t(Metric::queue_depth)] = double(snap.queue_depth);
    times_.push(snap.taken_at);
    for (std::size_t m = 0; m < metric_count; ++m) values_[m].push(v[m]);
}

double MetricHistory::latest(Metric m) const {
    const auto& ring = values_[std::size_t(m)];
    return ring.empty() ? 0 : ring.back();
}

double MetricHistory::value(std::size_t metric, std::size_t i, bool stacked) const {
    if (!stacked) return values_[metric][i];
    double sum = 0;
    for (std::size_t m = 0; m <= metric; ++m) sum += values_[m][i];
    return sum;
}

QList<QPointF> MetricHistory::points(Metric m, bool stacked) const {
    QList<QPointF> out;
    if (times_.empty()) return out;
    out.reserve(qsizetype(times_.size()));
    const Millis newest = times_.back();
    for (std::size_t i = 0; i < times_.size(); ++i)
        out.append(QPointF(double(times_[i] - newest) / 1000.0, value(std::size_t(m), i, stacked)));
    return out;
}

double MetricHistory::max_value(Metric m, bool stacked) const {
    double top = 0;
    for (std::size_t i = 0; i < times_.size(); ++i) top = std::max(top, value(std::size_t(m), i, stacked));
    return top;
}

}  // namespace seckill::ui
