#include "node/pipeline.h"

#include "node/engine.h"

namespace seckill::node {

StageCounts pipeline_counts(Engine& engine) {
    NodeMetrics& m = engine.metrics();
    StageCounts c{};
    auto at = [&c](Stage s) -> std::uint64_t& { return c[std::size_t(s)]; };
    // Arrived is the sum of the answers: every buy is answered exactly once, and the sum
    // costs the buy path nothing (no counter of its own at the door).
    for (int i = 0; i < buy_outcome_count; ++i) at(Stage::arrived) += m.buys(BuyOutcome(i));
    at(Stage::rate_limited) = m.buys(BuyOutcome::rate_limited);
    at(Stage::degraded) = m.buys(BuyOutcome::degraded);
    at(Stage::not_open) = m.buys(BuyOutcome::not_open) + m.buys(BuyOutcome::not_found);
    at(Stage::sold_out) = m.buys(BuyOutcome::sold_out);
    at(Stage::limit_reached) = m.buys(BuyOutcome::limit_reached);
    at(Stage::unavailable) = m.buys(BuyOutcome::unavailable);
    at(Stage::lease) = m.lease_taken.value();
    at(Stage::ledger_commit) = engine.group_commit().batches();
    at(Stage::reserved) = m.buys(BuyOutcome::reserved);
    if (const store::OrderWriter* w = engine.order_writer()) at(Stage::order_db) = w->written();
    return c;
}

}  // namespace seckill::node
