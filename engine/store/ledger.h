#pragma once
// The one source of truth for stock, reservations and order events (docs/design.md §4;
// in short: docs/architecture.md). Shaped for a network store: every call is one round
// trip that does a whole step (a batch of buys, a lease refill), never one call per unit.
// MemoryLedger implements it in-process; a Redis implementation passes the same contract
// tests.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/sale.h"
#include "store/types.h"

namespace seckill::store {

class Ledger {
  public:
    virtual ~Ledger() = default;

    // --- sales -------------------------------------------------------------------------
    // False when a sale with that id exists. The config must already be validated.
    virtual bool create_sale(const SaleConfig& config, SaleState initial, Millis now) = 0;
    virtual std::optional<SaleView> get_sale(std::string_view sale, Millis now) = 0;
    virtual std::vector<SaleView> list_sales(Millis now) = 0;
    // `invalid` when the sale has ended (an ended sale stays ended).
    virtual StateChange set_sale_state(std::string_view sale, SaleState state, Millis now) = 0;

    // --- stock leases --------------------------------------------------------------------
    // Moves up to `want` units from the pool to the node's lease. `fenced` (nothing
    // granted) when `epoch` is not the node's current registration.
    virtual LeaseGrant grant_lease(std::string_view sale, std::string_view node, std::int64_t want,
                                   std::uint64_t epoch = any_epoch) = 0;
    // Moves up to `count` of the node's unsold leased units back to the pool; returns how
    // many moved (never more than the node holds).
    virtual std::int64_t return_lease(std::string_view sale, std::string_view node,
                                      std::int64_t count) = 0;

    // --- buys --------------------------------------------------------------------------
    // One call per batch. Per item, atomically: sale open, node holds a leased unit, user
    // under the limit; then the unit leaves the lease as a reservation with its deadline
    // and a `reserved` event is appended. Results are in item order; every item is
    // `fenced` when `epoch` is not the node's current registration.
    virtual std::vector<CommitResult> commit(std::string_view sale, std::string_view node,
                                             std::span<const CommitItem> items, Millis now,
                                             std::uint64_t epoch = any_epoch) = 0;

    // --- orders ------------------------------------------------------------------------
    virtual std::optional<Order> get_order(std::string_view order_id) = 0;
    // Paying a reservation past its deadline expires it instead (conflict, expired).
    virtual OrderUpdate pay(std::string_view order_id, Millis now) = 0;
    virtual OrderUpdate cancel(std::string_view order_id, Millis now) = 0;
    // Expires up to `max` reservations whose deadline is ≤ now, returning each unit to the
    // pool, oldest deadline first. Each reservation expires exactly once.
    virtual std::vector<Order> expire_due(Millis now, std::size_t max) = 0;

    // --- order events (the queue into the order DB) --------------------------------------
    // Up to `max` events not yet acknowledged, oldest first. `consumer` names the order
    // writer asking: a ledger shared by several writers hands each event to one of them and
    // passes a crashed writer's unacknowledged events on to another after a while.
    virtual std::vector<OrderEvent> read_events(std::string_view consumer, std::size_t max) = 0;
    // Acknowledges events read before: they are in the order DB and leave the queue.
    virtual void ack_events(std::span<const OrderEvent> events) = 0;
    // Events not yet acknowledged, or -1 when the ledger cannot tell.
    virtual std::int64_t queue_depth() = 0;

    // --- nodes ---------------------------------------------------------------------------
    // Registers (or re-registers) a node: its unique worker number and a new epoch.
    virtual Registration register_node(std::string_view node, std::string_view address,
                                       Millis now) = 0;
    // `fenced` when the epoch is stale or the node unknown, `reset` when the ledger's data
    // was lost since this ledger object last looked (reported once per loss).
    virtual HeartbeatResult heartbeat(std::string_view node, std::string_view stats_json,
                                      Millis now, std::uint64_t epoch = any_epoch) = 0;
    // Removes the node after returning all its leases to the pool.
    virtual void deregister_node(std::string_view node) = 0;
    // Nodes whose heartbeat is older than `ttl` are dead: they are fenced (their epoch
    // moves on, so a node that was only frozen cannot sell from the old lease) and their
    // leases return to the pool (exactly once). Returns the units returned.
    virtual std::int64_t reclaim_dead_nodes(Millis now, Millis ttl) = 0;
    virtual std::vector<NodeInfo> list_nodes(Millis now, Millis ttl) = 0;

    // --- control -------------------------------------------------------------------------
    virtual ControlState control() = 0;
    // node empty = every node.
    virtual void set_degrade(std::string_view node, int level) = 0;
    virtual void set_limits(std::string_view rules_json) = 0;
    // The circuit breaker and automatic degrade rules every node applies, as
    // /admin/v1/protection writes them; empty = node defaults.
    virtual void set_protection(std::string_view protection_json) = 0;
    // The units each node should hold in its lease for a sale (a rebalance); nodes return
    // what they hold above it and refill up to it, so units move only through the pool.
    // An empty map lets nodes refill by demand again. Bumps the control version.
    virtual void set_allocation(std::string_view sale,
                                const std::map<std::string, std::int64_t>& targets) = 0;
    virtual std::map<std::string, std::int64_t> allocation(std::string_view sale) = 0;

    // --- events ---------------------------------------------------------------------------
    // Automatic decisions nodes made (breaker opened, level raised…), kept cluster-wide so
    // an operator reads one log. The ledger numbers them in arrival order and keeps the
    // latest few thousand; it does not parse their JSON.
    virtual void publish_events(std::span<const NodeEvent> events) = 0;
    // Events numbered above `since`, oldest first, at most `max`.
    virtual std::vector<NodeEvent> events_since(std::uint64_t since, std::size_t max) = 0;

    // --- invariants ------------------------------------------------------------------------
    // I1, I2, I3, I5, I6 and the ledger half of I4 (every reservation has its event).
    // `grace` is how late an expiry may be before I6 fails.
    virtual std::optional<InvariantReport> check_invariants(std::string_view sale, Millis now,
                                                            Millis node_ttl, Millis grace) = 0;
    // The full recount: every order record and every user's holding, against the counters
    // the quick checks above trust. Costs O(orders); on Redis it runs as many short calls
    // (a chunked scan), never one long one. Nothing for an unknown sale.
    virtual std::optional<InvariantReport> audit_invariants(std::string_view sale, Millis now,
                                                            Millis grace) = 0;
    // Orders of the sale the ledger knows, and how many of those are not yet acknowledged
    // into the order DB (for the order DB half of I4). `writers` names the order writers
    // (read_events' consumers) that were handed events of the sale, sorted: each keeps the
    // ones it wrote in its own order DB, so the order DB is the sum of theirs.
    struct OrderTally {
        std::int64_t orders = 0;
        std::int64_t unwritten = 0;
        std::vector<std::string> writers;
    };
    virtual OrderTally order_tally(std::string_view sale) = 0;
};

}  // namespace seckill::store
