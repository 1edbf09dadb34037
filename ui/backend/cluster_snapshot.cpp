#include "backend/cluster_snapshot.h"

#include <algorithm>

namespace seckill::ui {

const char* band_name(ResultBand band) {
    switch (band) {
        case ResultBand::reserved:
            return "reserved";
        case ResultBand::sold_out:
            return "sold_out";
        case ResultBand::rate_limited:
            return "rate_limited";
        case ResultBand::degraded:
            return "degraded";
        case ResultBand::refused:
            return "refused";
        case ResultBand::error:
            return "error";
    }
    return "error";
}

const char* health_name(NodeHealth health) {
    switch (health) {
        case NodeHealth::up:
            return "up";
        case NodeHealth::late:
            return "late";
        case NodeHealth::dead:
            return "dead";
        case NodeHealth::drained:
            return "drained";
        case NodeHealth::crashed:
            return "crashed";
    }
    return "dead";
}

const char* degrade_words(int level) {
    // Level 3 closes the shopper routes whatever state the sales are in: not "paused".
    static const char* const words[] = {"normal", "cached reads", "buys refused", "routes closed"};
    return words[std::clamp(level, 0, 3)];
}

const SaleView* ClusterSnapshot::find_sale(const std::string& id) const {
    auto it = std::find_if(sales.begin(), sales.end(),
                           [&](const SaleView& s) { return s.config.id == id; });
    return it == sales.end() ? nullptr : &*it;
}

int ClusterSnapshot::nodes_up() const {
    return int(std::count_if(nodes.begin(), nodes.end(),
                             [](const NodeStatus& n) { return n.health == NodeHealth::up; }));
}

double ClusterSnapshot::buys_per_s() const {
    double sum = 0;
    for (std::size_t b = 0; b < result_band_count; ++b) sum += band_per_s(ResultBand(b));
    return sum;
}

double ClusterSnapshot::band_per_s(ResultBand band) const {
    double sum = 0;
    for (const auto& n : nodes)
        if (reports_live(n.health)) sum += n.buys_per_s[std::size_t(band)];
    return sum;
}

LatencyBuckets ClusterSnapshot::latency_buckets() const {
    LatencyBuckets merged{};
    for (const auto& n : nodes)
        if (reports_live(n.health))
            for (std::size_t b = 0; b < merged.size(); ++b) merged[b] += n.stats.latency_buckets[b];
    return merged;
}

namespace {

// The engine's own estimator (Prometheus' histogram_quantile), so the console's p99 and
// a node's /metrics agree on what a bucket means.
double quantile_ms(const LatencyBuckets& buckets, double q) {
    metrics::Histogram::Snapshot h;
    h.buckets = buckets;
    for (std::uint64_t b : buckets) h.count += b;
    return h.quantile_us(q) / 1000.0;
}

}  // namespace

double ClusterSnapshot::p50_ms() const { return quantile_ms(latency_buckets(), 0.50); }

double ClusterSnapshot::p99_ms() const { return quantile_ms(latency_buckets(), 0.99); }

int ClusterSnapshot::degrade_level() const {
    int level = control.degrade_global;
    for (const auto& n : nodes)
        if (n.health == NodeHealth::up) level = std::max(level, n.stats.degrade_level);
    return level;
}

node::StageCounts ClusterSnapshot::pipeline() const {
    node::StageCounts sum{};
    for (const NodeStatus& n : nodes)
        for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += n.stats.pipeline[i];
    sum[std::size_t(node::Stage::order_db)] +=
        std::uint64_t(std::max<std::int64_t>(0, console_order_events));
    return sum;
}

}  // namespace seckill::ui
