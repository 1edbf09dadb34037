#include "node/rebalance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/checked_math.h"
#include "core/enum_names.h"

namespace seckill::node {
namespace {

// Largest-remainder shares: whole units in proportion to `weights`, summing to `units`.
// Integer arithmetic only (128-bit products: units < 2^63, each weight < 2^40, at most a few
// thousand nodes), and the leftover after flooring is below the node count by construction,
// so the hand-out loop runs at most once per node whatever the input.
Allocation share(const std::vector<NodeLoad>& nodes, const std::vector<std::int64_t>& weights,
                 std::int64_t units) {
    __extension__ typedef unsigned __int128
        u128;  // GCC and Clang; __extension__ silences -Wpedantic
    Allocation out;
    u128 sum = 0;
    for (std::int64_t w : weights) sum += u128(w);
    if (sum == 0 || units <= 0) {
        for (const auto& n : nodes) out[n.id] = 0;
        return out;
    }
    std::vector<std::pair<u128, std::size_t>> remainders;  // numerator of the fraction left
    std::int64_t given = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const u128 exact = u128(units) * u128(weights[i]);
        const auto whole = std::int64_t(exact / sum);  // <= units
        out[nodes[i].id] = whole;
        given += whole;  // the wholes sum to at most `units`: no overflow
        remainders.emplace_back(exact % sum, i);
    }
    // Ties go to the node listed first, so the same input always gives the same plan.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t leftover = std::size_t(units - given);  // < nodes.size()
    for (std::size_t k = 0; k < leftover && k < remainders.size(); ++k)
        ++out[nodes[remainders[k].second].id];
    return out;
}

// A request rate as a weight: thousandths of a request per second, capped so that the
// products in share() stay far inside 128 bits.
std::int64_t rate_weight(double requests_per_s) {
    constexpr double cap = 1e12;
    if (!(requests_per_s > 0)) return 0;  // also NaN
    return std::int64_t(std::llround(std::min(requests_per_s * 1000.0, cap)));
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
    std::vector<std::int64_t> weights(live_nodes.size(), 1);
    switch (request.strategy) {
        case RebalanceStrategy::manual: {
            if (request.counts.empty()) return std::string("manual rebalance needs counts");
            std::int64_t total = 0;
            for (const auto& [id, n] : request.counts) {
                if (!live(id)) return "node " + id + " is not a live node";
                if (n < 0) return "the count for " + id + " is negative";
                const auto sum = checked_add(total, n);
                if (!sum) return std::string("the counts add up to more than any sale holds");
                total = *sum;
            }
            if (total > remaining)
                return "the counts add up to " + std::to_string(total) + " but only " +
                       std::to_string(remaining) + " units are unsold";
            return Allocation(request.counts.begin(), request.counts.end());
        }
        case RebalanceStrategy::weighted:
            for (const auto& [id, w] : request.weights) {
                if (!live(id)) return "node " + id + " is not a live node";
                if (w < 0 || w > max_rebalance_weight)
                    return "the weight for " + id + " must be a whole number from 0 to 1000000";
            }
            for (std::size_t i = 0; i < live_nodes.size(); ++i)
                if (auto it = request.weights.find(live_nodes[i].id); it != request.weights.end())
                    weights[i] = it->second;
            if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; }))
                return std::string("at least one weight must be above 0");
            break;
        case RebalanceStrategy::demand: {
            for (std::size_t i = 0; i < live_nodes.size(); ++i)
                weights[i] = rate_weight(live_nodes[i].requests_per_s);
            // No traffic anywhere yet: demand says nothing, so share evenly.
            if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; }))
                std::fill(weights.begin(), weights.end(), 1);
            break;
        }
        case RebalanceStrategy::even:
        case RebalanceStrategy::automatic:
            break;
    }
    return share(live_nodes, weights, std::max<std::int64_t>(remaining, 0));
}

namespace {
constexpr std::array<EnumName<RebalanceStrategy>, 5> rebalance_strategy_names{{
    {RebalanceStrategy::even, "even"},
    {RebalanceStrategy::weighted, "weighted"},
    {RebalanceStrategy::demand, "demand"},
    {RebalanceStrategy::manual, "manual"},
    {RebalanceStrategy::automatic, "auto"},
}};
}  // namespace

std::string_view to_string(RebalanceStrategy s) {
    return name_of(rebalance_strategy_names, s, "?");
}

std::optional<RebalanceStrategy> parse_rebalance_strategy(std::string_view text) {
    return value_of(rebalance_strategy_names, text);
}

}  // namespace seckill::node
