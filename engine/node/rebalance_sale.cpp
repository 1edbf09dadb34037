#include "node/rebalance_sale.h"

#include <algorithm>
#include <cmath>

#include "node/heartbeat_stats.h"

namespace seckill::node {
namespace {

// A node's --weight as its heartbeat reports it, made a valid rebalance weight whatever the
// heartbeat says (it is data from the network, like any other input).
std::int64_t heartbeat_weight(double w) {
    if (!(w >= 0)) return 0;  // also NaN
    return std::int64_t(std::llround(std::min(w, double(max_rebalance_weight))));
}

}  // namespace

RebalanceInputs rebalance_inputs(store::Ledger& ledger, const SaleView& sale,
                                 RebalanceRequest request, Millis now, Millis node_ttl) {
    RebalanceInputs in{std::move(request), {}, sale.stock.pool};
    for (const auto& n : ledger.list_nodes(now, node_ttl)) {
        if (!n.alive) continue;  // a dead node's lease is on its way back to the pool
        const HeartbeatStats stats = parse_heartbeat_stats(n.stats_json);
        in.live.push_back({n.id, stats.rps});
        // Weighted without weights: the capacity each node was started with (--weight).
        if (in.request.strategy == RebalanceStrategy::weighted &&
            !in.request.weights.contains(n.id))
            in.request.weights[n.id] = heartbeat_weight(double(stats.weight));
        if (auto l = n.leases.find(sale.config.id); l != n.leases.end()) in.remaining += l->second;
    }
    return in;
}

RebalanceOutcome rebalance_sale(store::Ledger& ledger, std::string_view sale,
                                RebalanceRequest request, Millis now, Millis node_ttl) {
    RebalanceOutcome out;
    const auto view = ledger.get_sale(sale, now);
    if (!view) {
        out.status = RebalanceOutcome::Status::no_sale;
        out.error = "no such sale";
        return out;
    }
    const RebalanceInputs in = rebalance_inputs(ledger, *view, std::move(request), now, node_ttl);
    out.remaining = in.remaining;
    auto plan = plan_rebalance(in.request, in.live, in.remaining);
    if (auto* err = std::get_if<std::string>(&plan)) {
        out.status = RebalanceOutcome::Status::refused;
        out.error = *err;
        return out;
    }
    out.allocation = std::get<Allocation>(std::move(plan));
    ledger.set_allocation(sale, out.allocation);
    return out;
}

}  // namespace seckill::node
