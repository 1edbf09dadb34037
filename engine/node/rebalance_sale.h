#pragma once
// A rebalance from request to ledger: reads the sale and the live nodes, plans with
// plan_rebalance and stores the targets with Ledger::set_allocation. The admin API and the
// console both call this, so a rebalance means the same thing whoever asks for it.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "node/rebalance.h"
#include "store/ledger.h"

namespace seckill::node {

struct RebalanceOutcome {
    enum class Status { done, no_sale, refused };
    Status status = Status::done;
    Allocation allocation;       // done: the targets now in the ledger
    std::int64_t remaining = 0;  // units not yet sold (pool + live leases)
    std::string error;           // refused: why the plan is impossible
};

// What plan_rebalance needs, read from the ledger: the live nodes with the request rate of
// their last heartbeat, the sale's unsold units, and — for `weighted` without explicit
// weights — each node's --weight from its heartbeat.
struct RebalanceInputs {
    RebalanceRequest request;
    std::vector<NodeLoad> live;
    std::int64_t remaining = 0;
};
RebalanceInputs rebalance_inputs(store::Ledger& ledger, const SaleView& sale,
                                 RebalanceRequest request, Millis now, Millis node_ttl);

// Throws what the ledger throws when it cannot be reached.
RebalanceOutcome rebalance_sale(store::Ledger& ledger, std::string_view sale,
                                RebalanceRequest request, Millis now, Millis node_ttl);

}  // namespace seckill::node
