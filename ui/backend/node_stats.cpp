#include "backend/node_stats.h"

#include <algorithm>

#include "node/heartbeat_stats.h"

namespace seckill::ui {

ResultBand band_of(node::BuyOutcome outcome) {
    switch (outcome) {
        case node::BuyOutcome::reserved:
            return ResultBand::reserved;
        case node::BuyOutcome::sold_out:
            return ResultBand::sold_out;
        case node::BuyOutcome::rate_limited:
            return ResultBand::rate_limited;
        case node::BuyOutcome::degraded:
            return ResultBand::degraded;
        // The shop said no on purpose: the user is at the limit, the sale is not open, or it
        // does not exist (a buyer's or a bot's mistake, not the node's).
        case node::BuyOutcome::limit_reached:
        case node::BuyOutcome::not_open:
        case node::BuyOutcome::not_found:
            return ResultBand::refused;
        case node::BuyOutcome::unavailable:
            return ResultBand::error;
    }
    return ResultBand::error;
}

NodeStats parse_node_stats(std::string_view json, Millis reported_at) {
    const node::HeartbeatStats h = node::parse_heartbeat_stats(json);
    NodeStats s;
    s.requests = std::int64_t(std::min<std::uint64_t>(h.requests, INT64_MAX));
    for (const node::BuyOutcomeInfo& o : node::buy_outcomes)
        s.buys[std::size_t(band_of(o.outcome))] +=
            std::int64_t(std::min<std::uint64_t>(h.buys[std::size_t(o.outcome)], INT64_MAX / 16));
    // Outcomes of a newer node this console has no name for: not the shop's "no", so error.
    s.buys[std::size_t(ResultBand::error)] +=
        std::int64_t(std::min<std::uint64_t>(h.unknown_buys, INT64_MAX / 16));
    s.p50_ms = h.p50_ms;
    s.p99_ms = h.p99_ms;
    s.latency_buckets = h.latency_buckets;
    s.lease = h.lease;
    s.leases = h.leases;
    s.lease_targets = h.lease_targets;
    for (const auto& [sale, d] : h.lease_disagreements) s.lease_disagreements.insert(sale);
    s.heartbeat_ms = h.heartbeat_ms;
    s.ttl_ms = h.ttl_ms;
    s.sold = h.sold;
    s.degrade_level = h.degrade_level;
    s.degrade_auto = h.degrade_auto;
    s.ledger_breaker = h.ledger_breaker;
    s.order_db_breaker = h.order_db_breaker;
    s.pipeline = h.pipeline;
    for (const node::ReportedFault& f : h.faults)
        s.faults.push_back({f.id, f.kind, f.ms, f.jitter_ms, f.ratio, f.duration_s,
                            reported_at + Millis(f.left_s * 1000.0)});
    return s;
}

}  // namespace seckill::ui
