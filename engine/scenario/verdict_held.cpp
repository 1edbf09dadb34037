// The checks on units held over time: no oversell, no buyer over the limit.
#include <map>

#include "core/checked_math.h"
#include "scenario/holdings.h"

namespace seckill::scenario {
namespace {

bool holds(const OrderFacts& o) {
    return o.ledger && (o.ledger->status == "reserved" || o.ledger->status == "paid");
}

std::string ms(std::int64_t t) { return t == forever ? "the end" : std::to_string(t) + " ms"; }

}  // namespace

CheckResult check_no_oversell(const load::History& h, const Facts& f, const Bounds& b) {
    const auto all = holdings(h, f, b);
    std::vector<const Holding*> list;
    for (const auto& x : all) list.push_back(&x);
    const Coverage c = coverage(list, false);
    // After the run: what the ledger still counts as held, from the orders and from its
    // own counters (both must fit in the total).
    std::int64_t held_after = 0;
    for (const auto& [id, o] : f.orders) held_after += holds(o) ? 1 : 0;
    const std::int64_t counted =
        f.stock.read ? checked_add(f.stock.reserved, f.stock.paid).value_or(forever) : 0;
    CheckResult r{
        "no_oversell", c.max <= f.total && held_after <= f.total && counted <= f.total, {}, {}};
    r.summary = "most units held at once " + std::to_string(c.max) + " (at " + ms(c.max_at) +
                ") of " + std::to_string(f.total) + "; confirmed orders still held after the run " +
                std::to_string(held_after) +
                (f.stock.read ? "; ledger reserved+paid " + std::to_string(counted) : "");
    r.numbers = {{"max_held", c.max},
                 {"max_held_at_ms", c.max_at},
                 {"total", f.total},
                 {"held_after", held_after},
                 {"ledger_reserved_paid", counted}};
    return r;
}

CheckResult check_per_user_limit(const load::History& h, const Facts& f, const Bounds& b) {
    const auto all = holdings(h, f, b);
    std::map<std::string, std::vector<const Holding*>> by_user;
    for (const auto& x : all)
        if (!x.order_id.empty()) by_user[x.user].push_back(&x);
    std::map<std::string, std::int64_t> after;  // held per user after the run (the ledger)
    for (const auto& [id, o] : f.orders)
        if (holds(o)) ++after[o.ledger->user];
    std::int64_t over = 0, worst = 0;
    std::string worst_user;
    for (const auto& [user, list] : by_user) {
        std::int64_t most = coverage(list, false).max;
        if (auto it = after.find(user); it != after.end()) most = std::max(most, it->second);
        if (most > f.per_user_limit) ++over;
        if (most > worst) {
            worst = most;
            worst_user = user;
        }
    }
    CheckResult r{"per_user_limit", over == 0, {}, {}};
    r.summary = std::to_string(over) + " buyers over the limit of " +
                std::to_string(f.per_user_limit) + "; most held by one buyer " +
                std::to_string(worst) + (worst_user.empty() ? "" : " (" + worst_user + ")") +
                " of " + std::to_string(by_user.size()) + " buyers with orders";
    r.numbers = {{"buyers_over", over},
                 {"limit", f.per_user_limit},
                 {"most_held", worst},
                 {"worst_user", worst_user},
                 {"buyers", std::int64_t(by_user.size())}};
    return r;
}

}  // namespace seckill::scenario
