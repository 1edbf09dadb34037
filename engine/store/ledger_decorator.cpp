#include "store/ledger_decorator.h"

namespace seckill::store {

template <class Fn>
decltype(auto) LedgerDecorator::around(LedgerCall call, Fn&& fn) {
    before(call);
    const auto started = std::chrono::steady_clock::now();
    try {
        if constexpr (std::is_void_v<decltype(fn())>) {
            fn();
            after(call, false, std::chrono::steady_clock::now() - started);
        } else {
            auto result = fn();
            after(call, false, std::chrono::steady_clock::now() - started);
            return result;
        }
    } catch (...) {
        after(call, true, std::chrono::steady_clock::now() - started);
        throw;
    }
}

bool LedgerDecorator::create_sale(const SaleConfig& config, SaleState initial, Millis now) {
    return around(LedgerCall::create_sale,
                  [&] { return inner_.create_sale(config, initial, now); });
}

std::optional<SaleView> LedgerDecorator::get_sale(std::string_view sale, Millis now) {
    return around(LedgerCall::get_sale, [&] { return inner_.get_sale(sale, now); });
}

std::vector<SaleView> LedgerDecorator::list_sales(Millis now) {
    return around(LedgerCall::list_sales, [&] { return inner_.list_sales(now); });
}

StateChange LedgerDecorator::set_sale_state(std::string_view sale, SaleState state, Millis now) {
    return around(LedgerCall::set_sale_state,
                  [&] { return inner_.set_sale_state(sale, state, now); });
}

LeaseGrant LedgerDecorator::grant_lease(std::string_view sale, std::string_view node,
                                        std::int64_t want, std::uint64_t epoch) {
    return around(LedgerCall::grant_lease,
                  [&] { return inner_.grant_lease(sale, node, want, epoch); });
}

std::int64_t LedgerDecorator::return_lease(std::string_view sale, std::string_view node,
                                           std::int64_t count) {
    return around(LedgerCall::return_lease, [&] { return inner_.return_lease(sale, node, count); });
}

std::vector<CommitResult> LedgerDecorator::commit(std::string_view sale, std::string_view node,
                                                  std::span<const CommitItem> items, Millis now,
                                                  std::uint64_t epoch) {
    return around(LedgerCall::commit, [&] { return inner_.commit(sale, node, items, now, epoch); });
}

std::optional<Order> LedgerDecorator::get_order(std::string_view order_id) {
    return around(LedgerCall::get_order, [&] { return inner_.get_order(order_id); });
}

OrderUpdate LedgerDecorator::pay(std::string_view order_id, Millis now) {
    return around(LedgerCall::pay, [&] { return inner_.pay(order_id, now); });
}

OrderUpdate LedgerDecorator::cancel(std::string_view order_id, Millis now) {
    return around(LedgerCall::cancel, [&] { return inner_.cancel(order_id, now); });
}

std::vector<Order> LedgerDecorator::expire_due(Millis now, std::size_t max) {
    return around(LedgerCall::expire_due, [&] { return inner_.expire_due(now, max); });
}

std::vector<OrderEvent> LedgerDecorator::read_events(std::string_view consumer, std::size_t max) {
    return around(LedgerCall::read_events, [&] { return inner_.read_events(consumer, max); });
}

void LedgerDecorator::ack_events(std::span<const OrderEvent> events) {
    return around(LedgerCall::ack_events, [&] { return inner_.ack_events(events); });
}

std::int64_t LedgerDecorator::queue_depth() {
    return around(LedgerCall::queue_depth, [&] { return inner_.queue_depth(); });
}

Registration LedgerDecorator::register_node(std::string_view node, std::string_view address,
                                            Millis now) {
    return around(LedgerCall::register_node,
                  [&] { return inner_.register_node(node, address, now); });
}

HeartbeatResult LedgerDecorator::heartbeat(std::string_view node, std::string_view stats_json,
                                           Millis now, std::uint64_t epoch) {
    return around(LedgerCall::heartbeat,
                  [&] { return inner_.heartbeat(node, stats_json, now, epoch); });
}

void LedgerDecorator::deregister_node(std::string_view node) {
    return around(LedgerCall::deregister_node, [&] { return inner_.deregister_node(node); });
}

std::int64_t LedgerDecorator::reclaim_dead_nodes(Millis now, Millis ttl) {
    return around(LedgerCall::reclaim_dead_nodes,
                  [&] { return inner_.reclaim_dead_nodes(now, ttl); });
}

std::vector<NodeInfo> LedgerDecorator::list_nodes(Millis now, Millis ttl) {
    return around(LedgerCall::list_nodes, [&] { return inner_.list_nodes(now, ttl); });
}

ControlState LedgerDecorator::control() {
    return around(LedgerCall::control, [&] { return inner_.control(); });
}

void LedgerDecorator::set_degrade(std::string_view node, int level) {
    return around(LedgerCall::set_degrade, [&] { return inner_.set_degrade(node, level); });
}

void LedgerDecorator::set_limits(std::string_view rules_json) {
    return around(LedgerCall::set_limits, [&] { return inner_.set_limits(rules_json); });
}

void LedgerDecorator::set_protection(std::string_view protection_json) {
    return around(LedgerCall::set_protection,
                  [&] { return inner_.set_protection(protection_json); });
}

void LedgerDecorator::set_allocation(std::string_view sale,
                                     const std::map<std::string, std::int64_t>& targets) {
    return around(LedgerCall::set_allocation, [&] { return inner_.set_allocation(sale, targets); });
}

std::map<std::string, std::int64_t> LedgerDecorator::allocation(std::string_view sale) {
    return around(LedgerCall::allocation, [&] { return inner_.allocation(sale); });
}

void LedgerDecorator::publish_events(std::span<const NodeEvent> events) {
    return around(LedgerCall::publish_events, [&] { return inner_.publish_events(events); });
}

std::vector<NodeEvent> LedgerDecorator::events_since(std::uint64_t since, std::size_t max) {
    return around(LedgerCall::events_since, [&] { return inner_.events_since(since, max); });
}

std::optional<InvariantReport> LedgerDecorator::check_invariants(std::string_view sale, Millis now,
                                                                 Millis node_ttl, Millis grace) {
    return around(LedgerCall::check_invariants,
                  [&] { return inner_.check_invariants(sale, now, node_ttl, grace); });
}

std::optional<InvariantReport> LedgerDecorator::audit_invariants(std::string_view sale, Millis now,
                                                                 Millis grace) {
    return around(LedgerCall::audit_invariants,
                  [&] { return inner_.audit_invariants(sale, now, grace); });
}

Ledger::OrderTally LedgerDecorator::order_tally(std::string_view sale) {
    return around(LedgerCall::order_tally, [&] { return inner_.order_tally(sale); });
}

}  // namespace seckill::store
