#include "backend/cluster_snapshot.h"

#include <algorithm>

namespace seckill::ui {

const char* band_name(ResultBand band) {
    switch (band) {
        case ResultBand::reserved: return "reserved";
        case ResultBand::sold_out: return "sold_out";
        case ResultBand::rate_limited: return "rate_limited";
        case ResultBand::degraded: return "degraded";
        case ResultBand::refused: return "refused";
        case ResultBand::error: return "error";
    }
    return "error";
}

const char* health_name(NodeHealth health) {
    switch (health) {
        case NodeHealth::up: return "up";
        case NodeHealth::dead: return "dead";
        case NodeHealth::drained: return "drained";
        case NodeHealth::crashed: return "crashed";
    }
    return "dead";
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
        if (n.health == NodeHealth::up) sum += n.buys_per_s[std::size_t(band)];
    return sum;
}

double ClusterSnapshot::p50_ms() const {
    double worst = 0;
    for (const auto& n : nodes)
        if (n.health == NodeHealth::up) worst = std::max(worst, n.stats.p50_ms);
    return worst;
}

double ClusterSnapshot::p99_ms() const {
    double worst = 0;
    for (const auto& n : nodes)
        if (n.health == NodeHealth::up) worst = std::max(worst, n.stats.p99_ms);
    return worst;
}

int ClusterSnapshot::degrade_level() const {
    int level = control.degrade_global;
    for (const auto& n : nodes)
        if (n.health == NodeHealth::up) level = std::max(level, n.stats.degrade_level);
    return level;
}

}  // namespace seckill::ui
