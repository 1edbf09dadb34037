#pragma once
// The stages of one buy as a trainer draws them, in the order the code decides them
// (docs/architecture.md "One buy, end to end"), with the counter behind each. One table,
// read by the heartbeat (Housekeeper::stats_json "pipeline"), /metrics
// (seckill_pipeline_total{stage}) and the console's Pipeline view, so the three never
// disagree on a name or an order.
#include <array>
#include <cstdint>
#include <string_view>

namespace seckill::node {

class Engine;

enum class Stage {
    arrived,
    rate_limited,
    degraded,
    not_open,
    sold_out,
    limit_reached,
    unavailable,
    lease,
    ledger_commit,
    reserved,
    order_db,
};
inline constexpr std::size_t stage_count = 11;

// What a stage's number counts: buys entering (the door), buys answered here (a refusal,
// the funnel narrows), buys passing on, ledger calls (not buys: the group commit's point),
// or order events written (reservations, payments, cancels, expiries).
enum class StageKind { entry, exit, pass, calls, events };

struct StageInfo {
    Stage stage;
    std::string_view key;  // the JSON key and Prometheus label
    std::string_view title;
    StageKind kind;
    std::string_view explains;    // what it protects, one line
    std::string_view decided_in;  // the file::function that decides it
};

inline constexpr std::array<StageInfo, stage_count> pipeline_stages{{
    {Stage::arrived, "arrived", "Arrived", StageKind::entry,
     "every buy that reached a node's door, whatever its answer",
     "node/http/shopper_api.cpp ShopperApi::buy"},
    {Stage::rate_limited, "rate_limited", "Rate limited", StageKind::exit,
     "the node's limiter rules keep a flood from reaching the stock (429)",
     "node/http/shopper_api.cpp ShopperApi::door"},
    {Stage::degraded, "degraded", "Degraded", StageKind::exit,
     "an operator or an automatic rule switched buying off to protect the node (503)",
     "node/http/shopper_api.cpp ShopperApi::door (Admission::degrade)"},
    {Stage::not_open, "not_open", "Not open", StageKind::exit,
     "no unit moves before the sale starts or after it ends; unknown sales too (403/404)",
     "node/buy_service.cpp BuyService::start (SaleSlot::state)"},
    {Stage::sold_out, "sold_out", "Sold-out flag", StageKind::exit,
     "after sell-out most buys end here on one atomic load, no ledger call (410)",
     "node/buy_service.cpp BuyService::start (StockLease::state)"},
    {Stage::limit_reached, "limit_reached", "Limit reached", StageKind::exit,
     "one buyer cannot hoard: the per-user limit, from the node's holder cache or the ledger (409)",
     "node/buy_service.cpp BuyService::start (HolderCache::at_limit)"},
    {Stage::unavailable, "unavailable", "Ledger unavailable", StageKind::exit,
     "a failing or slow ledger is not waited on: answer 503 at once (breaker, heartbeat window)",
     "node/buy_service.cpp BuyService::start (Membership, CircuitBreaker)"},
    {Stage::lease, "lease", "Local lease", StageKind::pass,
     "units come from this node's own lease, refilled from the pool in batches",
     "node/lease_manager.cpp LeaseManager::take"},
    {Stage::ledger_commit, "ledger_commit", "Group commit", StageKind::calls,
     "one ledger call carries a whole batch of buys, so the ledger sees calls, not buyers",
     "node/group_commit.cpp GroupCommit::flush"},
    {Stage::reserved, "reserved", "Reserved → order queue", StageKind::pass,
     "the ledger made the reservation and queued its order event in the same step (201)",
     "store/memory_ledger.cpp MemoryLedger::commit"},
    {Stage::order_db, "order_db", "Order DB", StageKind::events,
     "order events written to SQLite off the buy path; a slow DB never slows a buyer",
     "store/order_writer.cpp OrderWriter::write_batch"},
}};

using StageCounts = std::array<std::uint64_t, stage_count>;

// This node's counters since it started, by stage (order_db: 0 unless it writes orders).
StageCounts pipeline_counts(Engine& engine);

}  // namespace seckill::node
