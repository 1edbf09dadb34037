#include "history/metric_history.h"

#include <algorithm>

namespace seckill::ui {
namespace {

template <std::size_t N, std::size_t... I>
std::array<RingBuffer<double>, N> make_rings(std::size_t capacity, std::index_sequence<I...>) {
    return {((void)I, RingBuffer<double>(capacity))...};
}

// Past the cap, drops the series seen least recently among those the snapshot at `now` no
// longer lists (and never `keep`): a listed sale or node is being drawn. Listed ones are
// never dropped, so the cap bounds what is kept of the gone, not what is shown.
template <class Map>
void drop_oldest(Map& series, Millis now, const std::string& keep) {
    while (series.size() > MetricHistory::max_sales) {
        auto oldest = series.end();
        for (auto it = series.begin(); it != series.end(); ++it)
            if (it->second.seen < now && it->first != keep &&
                (oldest == series.end() || it->second.seen < oldest->second.seen))
                oldest = it;
        if (oldest == series.end()) return;
        series.erase(oldest);
    }
}

}  // namespace

std::array<double, cluster_metric_count> cluster_sample(const ClusterSnapshot& snap) {
    std::array<double, cluster_metric_count> c{};
    for (std::size_t b = 0; b < result_band_count; ++b) c[b] = snap.band_per_s(ResultBand(b));
    c[std::size_t(Metric::p50_ms)] = snap.p50_ms();
    c[std::size_t(Metric::p99_ms)] = snap.p99_ms();
    c[std::size_t(Metric::queue_depth)] = double(snap.queue_depth);
    return c;
}

std::array<double, sale_metric_count> sale_sample(const SaleView& sale) {
    return {double(sale.stock.remaining()), double(sale.stock.sold())};
}

Millis stale_after_ms(Millis refresh_ms) { return std::max<Millis>(2 * refresh_ms, 1000); }

template <std::size_t N>
MetricHistory::Series<N>::Series(std::size_t capacity)
    : times(capacity), values(make_rings<N>(capacity, std::make_index_sequence<N>{})) {}

template <std::size_t N>
void MetricHistory::Series<N>::push(Millis at, const std::array<double, N>& v) {
    times.push(at);
    for (std::size_t m = 0; m < N; ++m) values[m].push(v[m]);
    seen = at;
}

MetricHistory::MetricHistory(Millis sample_period_ms)
    : capacity_(std::size_t(window_ms / std::max<Millis>(sample_period_ms, 1)) + 1),
      gap_ms_(stale_after_ms(sample_period_ms)),
      cluster_(capacity_) {}

void MetricHistory::append(const ClusterSnapshot& snap) {
    cluster_.push(snap.taken_at, cluster_sample(snap));
    for (const SaleView& s : snap.sales) {
        auto it = sales_.try_emplace(s.config.id, capacity_).first;
        it->second.push(snap.taken_at, sale_sample(s));
    }
    for (const NodeStatus& n : snap.nodes) {
        if (n.health != NodeHealth::up) continue;  // a late node's latency is its last word
        auto it = nodes_.try_emplace(n.info.id, capacity_).first;
        it->second.push(snap.taken_at, {n.stats.p50_ms, n.stats.p99_ms});
    }
    drop_oldest(sales_, snap.taken_at, snap.selected_sale);
    drop_oldest(nodes_, snap.taken_at, latency_scope_);
    selected_ = snap.selected_sale;
}

std::vector<std::string> MetricHistory::latencyNodes() const {
    std::vector<std::string> out;
    for (const auto& [id, series] : nodes_) out.push_back(id);
    return out;
}

std::pair<const RingBuffer<Millis>*, const RingBuffer<double>*> MetricHistory::ring(
    std::size_t m) const {
    const bool latency = m == std::size_t(Metric::p50_ms) || m == std::size_t(Metric::p99_ms);
    if (latency && !latency_scope_.empty()) {
        auto it = nodes_.find(latency_scope_);
        if (it == nodes_.end()) return {nullptr, nullptr};
        return {&it->second.times, &it->second.values[m - std::size_t(Metric::p50_ms)]};
    }
    if (m < cluster_metric_count) return {&cluster_.times, &cluster_.values[m]};
    auto it = sales_.find(selected_);
    if (it == sales_.end()) return {nullptr, nullptr};
    return {&it->second.times, &it->second.values[m - cluster_metric_count]};
}

double MetricHistory::latest(Metric m) const {
    const auto [times, values] = ring(std::size_t(m));
    return values && !values->empty() ? values->back() : 0;
}

double MetricHistory::value(std::size_t m, std::size_t i, bool stacked) const {
    if (!stacked) return (*ring(m).second)[i];
    // Stacking adds metrics of one series (the result bands): same times, same index.
    const std::size_t first = m < cluster_metric_count ? 0 : cluster_metric_count;
    double sum = 0;
    for (std::size_t k = first; k <= m; ++k) sum += (*ring(k).second)[i];
    return sum;
}

std::vector<QList<QPointF>> MetricHistory::segments(Metric m, bool stacked) const {
    const auto [times, values] = ring(std::size_t(m));
    if (!times || times->empty()) return {};
    return split_at_gaps(
        times->size(), [t = times](std::size_t i) { return (*t)[i]; },
        [&](std::size_t i) { return value(std::size_t(m), i, stacked); }, newest() - window_ms,
        gap_ms_);
}

QList<QPointF> MetricHistory::points(Metric m, bool stacked) const {
    QList<QPointF> all;
    for (const QList<QPointF>& s : segments(m, stacked)) all += s;
    return all;
}

double MetricHistory::max_value(Metric m, bool stacked) const {
    double top = 0;
    for (const QPointF& p : points(m, stacked)) top = std::max(top, p.y());
    return top;
}

Gaps MetricHistory::gaps() const {
    const RingBuffer<Millis>& t = cluster_.times;
    return gaps_between(
        t.size(), [&](std::size_t i) { return t[i]; }, newest() - window_ms, gap_ms_);
}

}  // namespace seckill::ui
