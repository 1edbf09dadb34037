#include "node/rebalance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace seckill::node {
namespace {

// Largest-remainder shares: whole units in proportion to `weights`, summing to `units`.
Allocation share(const std::vector<NodeLoad>& nodes, const std::vector<double>& weights,
                 std::int64_t units) {
    Allocation out;
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<std::pair<double, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const double exact = sum > 0 ? double(units) * weights[i] / sum : 0.0;
        const auto whole = std::int64_t(std::floor(exact));
        out[nodes[i].id] = whole;
        given += whole;
        remainders.emplace_back(exact - double(whole), i);
    }
    // Ties go to the node listed first, so the same input always gives the same plan.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < units && sum > 0; k = (k + 1) % remainders.size(), ++given)
        ++out[nodes[remainders[k].second].id];
    return out;
}

}  // namespace

std::variant<Allocation, std::string> plan_rebalance(const RebalanceRequest& request,
                                                     const std::vector<NodeLoad>& live_nodes,
                                                     std::int64_t remaining) {
    if (request.strategy == RebalanceStrategy::automatic) return Allocation{};
    if (live_nodes.empty()) return std::string("no live node to hold units");
    auto live = [&](const std::string& id) {
        return std::any_of(live_nodes.begin(), live_nodes.end(),
                           [&](const NodeLoad& n) { return n.id == id; });
    };
    std::vector<double> weights(live_nodes.size(), 1.0);
    switch (request.strategy) {
        case RebalanceStrategy::manual: {
            if (request.counts.empty()) return std::string("manual rebalance needs counts");
            std::int64_t total = 0;
            for (const auto& [id, n] : request.counts) {
                if (!live(id)) return "node " + id + " is not a live node";
                if (n < 0) return "the count for " + id + " is negative";
                total += n;
            }
            if (total > remaining)
                return "the counts add up to " + std::to_string(total) + " but only " +
                       std::to_string(remaining) + " units are unsold";
            return Allocation(request.counts.begin(), request.counts.end());
        }
        case RebalanceStrategy::weighted:
            for (const auto& [id, w] : request.weights) {
                if (!live(id)) return "node " + id + " is not a live node";
                if (!(w >= 0) || !std::isfinite(w)) return "the weight for " + id + " must be >= 0";
            }
            for (std::size_t i = 0; i < live_nodes.size(); ++i)
                if (auto it = request.weights.find(live_nodes[i].id); it != request.weights.end())
                    weights[i] = it->second;
            if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; }))
                return std::string("at least one weight must be above 0");
            break;
        case RebalanceStrategy::demand: {
            for (std::size_t i = 0; i < live_nodes.size(); ++i)
                weights[i] = std::max(live_nodes[i].requests_per_s, 0.0);
            // No traffic anywhere yet: demand says nothing, so share evenly.
            if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; }))
                std::fill(weights.begin(), weights.end(), 1.0);
            break;
        }
        case RebalanceStrategy::even:
        case RebalanceStrategy::automatic: break;
    }
    return share(live_nodes, weights, std::max<std::int64_t>(remaining, 0));
}

std::string_view to_string(RebalanceStrategy s) {
    switch (s) {
        case RebalanceStrategy::even: return "even";
        case RebalanceStrategy::weighted: return "weighted";
        case RebalanceStrategy::demand: return "demand";
        case RebalanceStrategy::manual: return "manual";
        case RebalanceStrategy::automatic: return "auto";
    }
    return "?";
}

std::optional<RebalanceStrategy> parse_rebalance_strategy(std::string_view text) {
    for (auto s : {RebalanceStrategy::even, RebalanceStrategy::weighted, RebalanceStrategy::demand,
                   RebalanceStrategy::manual, RebalanceStrategy::automatic})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

}  // namespace seckill::node
