#pragma once
// Records the ledger hands out: orders, their events, nodes, control state, invariants.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/sale.h"

namespace seckill::store {

enum class OrderStatus { reserved, paid, cancelled, expired };
std::string_view to_string(OrderStatus s);
std::optional<OrderStatus> parse_order_status(std::string_view text);

struct Order {
    std::string order_id;
    std::string sale;
    std::string user;
    OrderStatus status = OrderStatus::reserved;
    Millis created_at = 0;
    Millis updated_at = 0;
    Millis pay_before = 0;
    // Events ahead of this order's creation that the order writer has not yet stored;
    // empty once the order is in the order DB.
    std::optional<std::int64_t> queue_position;
};

// One change of an order, in ledger order. The order writer applies them to the order DB.
struct OrderEvent {
    // Grows with every change of a sale's orders, so of two events of one order the later
    // has the higher seq; the order DB keeps the row of the highest seq it has seen.
    std::uint64_t seq = 0;
    Order order;           // the order as it is after this change
    bool creates = false;  // the `reserved` event that created the order
    std::string ack_id;    // the ledger's handle for acknowledging it
};

// One buy that took a unit from the node's lease and waits for the ledger's verdict.
struct CommitItem {
    std::string user;
    std::string order_id;
};

enum class CommitOutcome {
    reserved,         // the unit is sold to the user, reservation recorded, event appended
    limit_reached,    // the user already holds the sale's per-user limit
    not_open,         // the sale is not running (paused, ended, not started)
    not_found,        // no such sale
    no_lease,         // the node held no leased unit for this item: a node bug, never sold
    duplicate_order,  // the order id belongs to another buy: never sold twice under one id
    fenced,           // the node's registration is stale (taken for dead, or re-registered): its
                      // lease is not its own any more; nothing was sold
};
std::string_view to_string(CommitOutcome o);

struct CommitResult {
    CommitOutcome outcome = CommitOutcome::not_found;
    Millis pay_before = 0;  // set when reserved
};

struct LeaseGrant {
    std::int64_t granted = 0;
    std::int64_t pool_left = 0;
    bool fenced = false;  // the node's registration is stale: nothing granted
};

// A node's place in the registry. The epoch (generation) grows with every registration of
// the node id and with every reclaim of it; grant, commit and heartbeat carry it, and a
// stale one is answered `fenced`, so a node taken for dead while it was only frozen learns
// it lost its lease instead of selling units the pool already took back.
struct Registration {
    std::uint32_t worker = 0;  // the order id generator's worker field, unique among nodes
    std::uint64_t epoch = 0;
};
// Calls from outside a node's life (tests, tools) pass this to skip the fence check.
inline constexpr std::uint64_t any_epoch = 0;

enum class HeartbeatResult {
    ok,
    fenced,  // the registration is stale (see Registration): re-register
    reset,   // the ledger lost its data (its identity changed): every local record is void
    // Another process registered this node id after this one (a replacement started while
    // this one was frozen): this one must stop selling for good, not register again —
    // two processes re-registering in turn would fence each other forever.
    superseded,
};

// Result of pay / cancel: `done` applied (or was already so), `conflict` means the order is
// in a state that forbids the change (order.status tells which), `not_found` no such order.
struct OrderUpdate {
    enum class Result { done, conflict, not_found } result = Result::not_found;
    Order order;
};

enum class StateChange { done, not_found, invalid };

struct NodeInfo {
    std::string id;
    std::string address;
    std::uint32_t worker = 0;  // unique small number, the order id generator's worker field
    Millis started_at = 0;
    Millis last_heartbeat = 0;
    bool alive = true;
    std::string stats_json;  // whatever the node last reported; the ledger does not parse it
    std::map<std::string, std::int64_t> leases;  // sale -> unsold units the node holds
};

struct ControlState {
    int degrade_global = 0;
    std::map<std::string, int> degrade_by_node;
    std::string limits_json;      // rule list as API v1 writes it; empty = node defaults
    std::string protection_json;  // breaker and auto-degrade rules; empty = node defaults
    std::uint64_t version = 0;    // bumped on every change so pollers skip unchanged state

    int degrade_for(const std::string& node) const {
        auto it = degrade_by_node.find(node);
        return it != degrade_by_node.end() ? std::max(it->second, degrade_global) : degrade_global;
    }
};

// One automatic decision a node made, as the events log shows it.
struct NodeEvent {
    std::uint64_t seq = 0;  // the ledger's number for it (0 until published)
    Millis at = 0;
    std::string node;
    std::string json;  // kind, target, reason, value, level: written and read by node/
};
// How many events a ledger keeps before dropping the oldest.
inline constexpr std::size_t kept_events = 10'000;

struct InvariantCheck {
    std::string id;  // I1 … I6
    bool ok = true;
    std::string detail;
};

struct InvariantReport {
    bool ok = true;
    std::vector<InvariantCheck> checks;
    void add(InvariantCheck c) {
        ok = ok && c.ok;
        checks.push_back(std::move(c));
    }
};

}  // namespace seckill::store
