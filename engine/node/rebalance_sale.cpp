#include "node/rebalance_sale.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

namespace seckill::node {
namespace {

// A number from a node's heartbeat stats, or `fallback`.
double stat(const std::string& stats_json, const char* key, double fallback) {
    boost::system::error_code ec;
    const auto doc = boost::json::parse(stats_json, ec);
    if (ec || !doc.is_object()) return fallback;
    const auto* v = doc.as_object().if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : fallback;
}

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
        in.live.push_back({n.id, stat(n.stats_json, "rps", 0)});
        // Weighted without weights: the capacity each node was started with (--weight).
        if (in.request.strategy == RebalanceStrategy::weighted &&
            !in.request.weights.contains(n.id))
            in.request.weights[n.id] = heartbeat_weight(stat(n.stats_json, "weight", 1));
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
