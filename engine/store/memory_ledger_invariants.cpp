// The invariant oracle of the embedded ledger. It recounts from the order records instead
// of trusting the running counters, so a counter that drifted is caught, not echoed.
#include <algorithm>
#include <unordered_map>

#include "store/memory_ledger.h"
#include "store/order_audit.h"

namespace seckill::store {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

}  // namespace

std::optional<InvariantReport> MemoryLedger::check_invariants(std::string_view sale, Millis now,
                                                              Millis node_ttl, Millis grace) {
    std::lock_guard lock(mu_);
    const SaleRecord* s = find_sale(sale);
    if (!s) return std::nullopt;
    const StockCounts& c = s->stock;

    std::int64_t reserved = 0, paid = 0, overdue = 0, orders = 0;
    std::unordered_map<std::string, int> holdings;
    orders_.for_each([&](const std::string&, const OrderRecord& rec) {
        const Order& o = rec.order;
        if (o.sale != sale) return;
        ++orders;
        if (o.status == OrderStatus::reserved) {
            ++reserved;
            ++holdings[o.user];
            if (o.pay_before + grace < now) ++overdue;
        } else if (o.status == OrderStatus::paid) {
            ++paid;
            ++holdings[o.user];
        }
    });
    std::int64_t leased = 0, dead_leased = 0;
    for (const auto& [node, units] : s->leases) {
        leased += units;
        auto n = nodes_.find(node);
        if (n == nodes_.end() || now - n->second.info.last_heartbeat > node_ttl)
            dead_leased += units;
    }

    InvariantReport r;
    const std::int64_t sum = c.pool + leased + reserved + paid;
    r.add({"I1", sum == c.total && leased == c.leased && reserved == c.reserved && paid == c.paid,
           "pool " + num(c.pool) + " + leased " + num(leased) + " + reserved " + num(reserved) +
               " + paid " + num(paid) + " = " + num(sum) + " of total " + num(c.total)});
    r.add({"I2", reserved + paid <= c.total && c.pool >= 0,
           "sold " + num(reserved + paid) + " <= total " + num(c.total)});

    int worst = 0;
    std::string worst_user;
    for (const auto& [user, n] : holdings)
        if (n > worst) worst = n, worst_user = user;
    r.add({"I3", worst <= s->config.per_user_limit,
           worst == 0 ? "no user holds a unit"
                      : "most held by one user: " + std::to_string(worst) + " (limit " +
                            std::to_string(s->config.per_user_limit) + ")"});

    r.add({"I4", orders == s->reserved_events && orders == s->orders,
           num(orders) + " orders, " + num(s->reserved_events) + " creation events appended"});
    r.add({"I5", dead_leased == 0, num(dead_leased) + " units leased to dead or unknown nodes"});
    r.add({"I6", overdue == 0,
           num(overdue) + " reservations past their deadline by more than " + num(grace / 1000) +
               " s"});
    return r;
}

// In process and under the lock, so the recount is exact and always settled.
std::optional<InvariantReport> MemoryLedger::audit_invariants(std::string_view sale, Millis now,
                                                              Millis grace) {
    std::lock_guard lock(mu_);
    const SaleRecord* s = find_sale(sale);
    if (!s) return std::nullopt;
    OrderAudit a;
    std::unordered_map<std::string, std::int64_t> holdings;
    orders_.for_each([&](const std::string&, const OrderRecord& rec) {
        const Order& o = rec.order;
        if (o.sale != sale) return;
        ++a.orders;
        if (o.status == OrderStatus::reserved) {
            ++a.reserved;
            ++holdings[o.user];
            if (o.pay_before + grace < now) ++a.overdue;
        } else if (o.status == OrderStatus::paid) {
            ++a.paid;
            ++holdings[o.user];
        }
    });
    for (const auto& [user, n] : holdings) {
        a.held += n;
        a.most_held = std::max(a.most_held, n);
    }
    a.reserved_count = s->stock.reserved;
    a.paid_count = s->stock.paid;
    a.orders_count = s->orders;
    a.per_user_limit = s->config.per_user_limit;
    return audit_report(a, grace);
}

Ledger::OrderTally MemoryLedger::order_tally(std::string_view sale) {
    std::lock_guard lock(mu_);
    OrderTally t;
    if (const SaleRecord* s = find_sale(sale)) {
        t.orders = s->orders;
        t.writers.assign(s->writers.begin(), s->writers.end());
    }
    for (const auto& [seq, e] : events_)
        if (e.creates && e.order.sale == sale) ++t.unwritten;
    return t;
}

}  // namespace seckill::store
