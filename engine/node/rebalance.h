#pragma once
// Plans a rebalance: how many unsold units each live node should hold for a sale. The
// plan only sets targets; nodes move units to them through the pool (LeaseManager), so
// no unit is created or lost on the way.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace seckill::node {

enum class RebalanceStrategy {
    even,       // the same share for every live node
    weighted,   // shares in proportion to operator weights (default 1)
    demand,     // shares in proportion to each node's recent request rate
    manual,     // the operator's counts, node by node
    automatic,  // no targets: every node refills by demand in batches again
};

// Operator weights are whole numbers from 0 to a million: enough to say "3 : 1" or
// "70 % : 30 %", and small enough that no share computation can overflow.
inline constexpr std::int64_t max_rebalance_weight = 1'000'000;

struct RebalanceRequest {
    RebalanceStrategy strategy = RebalanceStrategy::even;
    std::map<std::string, std::int64_t> counts;   // manual: units, each >= 0
    std::map<std::string, std::int64_t> weights;  // weighted: 0 .. max_rebalance_weight
};

struct NodeLoad {
    std::string id;
    double requests_per_s = 0;  // from its last heartbeat
};

using Allocation = std::map<std::string, std::int64_t>;

// `remaining` is the units not yet sold (pool + every live lease). The targets sum to at
// most `remaining`; the answer is a sentence when the request cannot be met.
std::variant<Allocation, std::string> plan_rebalance(const RebalanceRequest& request,
                                                     const std::vector<NodeLoad>& live_nodes,
                                                     std::int64_t remaining);

std::string_view to_string(RebalanceStrategy s);
std::optional<RebalanceStrategy> parse_rebalance_strategy(std::string_view text);

}  // namespace seckill::node
