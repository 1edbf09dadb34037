// The invariant oracle on Redis: invariants.lua recounts the sale from its order records
// in one atomic step; the checks are read the same way as the embedded ledger's.
#include <set>

#include "store/redis/redis_keys.h"
#include "store/redis/redis_ledger.h"

namespace seckill::store::redis {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

}  // namespace

std::optional<InvariantReport> RedisLedger::check_invariants(std::string_view sale, Millis now,
                                                             Millis node_ttl, Millis grace) {
    std::set<std::string, std::less<>> alive;
    for (const auto& n : read_nodes(now, node_ttl))
        if (n.alive) alive.insert(n.id);
    const std::vector<std::string> k{keys::meta(sale), keys::leases(sale), keys::orders(sale)};
    const std::vector<std::string> a{num(now), num(grace)};
    const Reply r = pool_.eval(Script::invariants, k, a);
    if (r.size() < 13) return std::nullopt;
    const std::int64_t total = r.at(0).integer(), pool = r.at(1).integer(),
                       leased_count = r.at(2).integer(), reserved_count = r.at(3).integer(),
                       paid_count = r.at(4).integer(), orders_count = r.at(5).integer(),
                       reserved = r.at(6).integer(), paid = r.at(7).integer(),
                       orders = r.at(8).integer(), overdue = r.at(9).integer(),
                       worst = r.at(10).integer(), limit = r.at(12).integer();
    std::int64_t leased = 0, dead_leased = 0;
    for (std::size_t i = 13; i + 1 < r.size(); i += 2) {
        const std::int64_t units = r.at(i + 1).integer();
        leased += units;
        if (!alive.contains(r.at(i).str())) dead_leased += units;
    }

    InvariantReport rep;
    const std::int64_t sum = pool + leased + reserved + paid;
    rep.add({"I1",
             sum == total && leased == leased_count && reserved == reserved_count &&
                 paid == paid_count,
             "pool " + num(pool) + " + leased " + num(leased) + " + reserved " + num(reserved) +
                 " + paid " + num(paid) + " = " + num(sum) + " of total " + num(total)});
    rep.add({"I2", reserved + paid <= total && pool >= 0,
             "sold " + num(reserved + paid) + " <= total " + num(total)});
    rep.add({"I3", worst <= limit,
             worst == 0 ? "no user holds a unit"
                        : "most held by one user: " + num(worst) + " (limit " + num(limit) + ")"});
    // Each order is created with its `reserved` event in the same script, so the counter of
    // orders, the order records and the creation events agree unless something drifted.
    rep.add({"I4", orders == orders_count,
             num(orders) + " orders, " + num(orders_count) + " creation events queued"});
    rep.add({"I5", dead_leased == 0, num(dead_leased) + " units leased to dead or unknown nodes"});
    rep.add({"I6", overdue == 0,
             num(overdue) + " reservations past their deadline by more than " +
                 num(grace / 1000) + " s"});
    return rep;
}

}  // namespace seckill::store::redis
