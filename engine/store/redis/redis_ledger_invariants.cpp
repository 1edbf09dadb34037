// The invariant oracle on Redis. The quick checks (invariants.lua) read counters and small
// structures only, so the console may poll them every second on a sale of any size; the
// full recount (audit_scan.lua) walks the orders in chunks driven from here, so each call
// stays as short as one chunk.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "store/order_audit.h"
#include "store/redis/redis_keys.h"
#include "store/redis/redis_ledger.h"

namespace seckill::store::redis {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

// Entries per HSCAN call. Measured on a loaded 2-core box: 1,000 order records took up to
// 6 ms in one call, too near the 10 ms budget; 250 keep each call well under a millisecond.
constexpr const char* audit_chunk = "250";
// After each chunk the audit waits this many times as long as the chunk took, so it uses
// at most a third of Redis's time. Besides leaving Redis to the buyers, this keeps Redis
// below its fair CPU share on a busy host: the scheduler then does not preempt it in the
// middle of a command, which otherwise showed up in SLOWLOG as 12-17 ms "chunks" whose
// own work was about 1 ms.
constexpr int audit_pause_factor = 2;
// A live sale changes under a chunked recount; after this many tries that each saw a
// change the audit reports itself unsettled instead of a drift that may not exist.
constexpr int audit_tries = 3;

}  // namespace

std::optional<InvariantReport> RedisLedger::check_invariants(std::string_view sale, Millis now,
                                                             Millis node_ttl, Millis grace) {
    std::set<std::string, std::less<>> alive;
    for (const auto& n : read_nodes(now, node_ttl))
        if (n.alive) alive.insert(n.id);
    const std::vector<std::string> k{keys::meta(sale), keys::leases(sale), keys::orders(sale),
                                     keys::deadlines(sale), keys::levels(sale)};
    const std::vector<std::string> a{num(now), num(grace)};
    const Reply r = pool_.eval(Script::invariants, k, a);
    if (r.size() < 11) return std::nullopt;
    const std::int64_t total = r.at(0).integer(), pool = r.at(1).integer(),
                       leased_count = r.at(2).integer(), reserved = r.at(3).integer(),
                       paid = r.at(4).integer(), orders_count = r.at(5).integer(),
                       orders = r.at(6).integer(), deadlines = r.at(7).integer(),
                       overdue = r.at(8).integer(), worst = r.at(9).integer(),
                       limit = r.at(10).integer();
    std::int64_t leased = 0, dead_leased = 0;
    for (std::size_t i = 11; i + 1 < r.size(); i += 2) {
        const std::int64_t units = r.at(i + 1).integer();
        leased += units;
        if (!alive.contains(r.at(i).str())) dead_leased += units;
    }

    InvariantReport rep;
    const std::int64_t sum = pool + leased + reserved + paid;
    // Every reservation has exactly one deadline, so the deadlines set must be as large as
    // the reserved counter: a cheap cross-check of the counter against the records.
    rep.add({"I1", sum == total && leased == leased_count && deadlines == reserved,
             "pool " + num(pool) + " + leased " + num(leased) + " + reserved " + num(reserved) +
                 " + paid " + num(paid) + " = " + num(sum) + " of total " + num(total)});
    rep.add({"I2", reserved + paid <= total && pool >= 0,
             "sold " + num(reserved + paid) + " <= total " + num(total)});
    rep.add({"I3", worst <= limit,
             worst == 0 ? "no user holds a unit"
                        : "most held by one user: " + num(worst) + " (limit " + num(limit) + ")"});
    // Each order is created with its `reserved` event in the same script, so the counter of
    // orders and the order records agree unless something drifted.
    rep.add({"I4", orders == orders_count,
             num(orders) + " orders, " + num(orders_count) + " creation events appended"});
    rep.add({"I5", dead_leased == 0, num(dead_leased) + " units leased to dead or unknown nodes"});
    rep.add({"I6", overdue == 0,
             num(overdue) + " reservations past their deadline by more than " + num(grace / 1000) +
                 " s"});
    return rep;
}

// Chunked recount. A sale keeps selling while it runs, so a sum over chunks taken at
// different moments is not a snapshot. Every order change bumps the sale's `seq`; the
// audit is judged only when seq is the same before the first chunk and after the last,
// i.e. nothing changed in between and the sums are exact (with no writes the hash does not
// resize, so HSCAN returns each entry exactly once). Otherwise it retries, and after
// audit_tries moving audits reports itself unsettled rather than a false drift.
std::optional<InvariantReport> RedisLedger::audit_invariants(std::string_view sale, Millis now,
                                                             Millis grace) {
    const std::vector<std::string> k{keys::meta(sale), keys::orders(sale), keys::holds(sale)};
    OrderAudit a;
    for (a.tries = 1;; ++a.tries) {
        const Reply m = pool_.with([&](RedisConnection& c) {
            return c.command({"HMGET", keys::meta(sale), "total", "seq", "reserved", "paid",
                              "orders", "per_user_limit"});
        });
        if (m.size() < 6 || m.at(0).str().empty()) return std::nullopt;
        const std::string seq(m.at(1).str());
        a = OrderAudit{.reserved_count = m.at(2).integer(),
                       .paid_count = m.at(3).integer(),
                       .orders_count = m.at(4).integer(),
                       .per_user_limit = m.at(5).integer(),
                       .settled = true,
                       .tries = a.tries};
        for (const char* what : {"orders", "holds"}) {
            std::string cursor = "0";
            do {
                const std::vector<std::string> args{what, cursor, audit_chunk, num(now),
                                                    num(grace)};
                const auto started = std::chrono::steady_clock::now();
                const Reply r = pool_.eval(Script::audit_scan, k, args);
                std::this_thread::sleep_for((std::chrono::steady_clock::now() - started) *
                                            audit_pause_factor);
                cursor = std::string(r.at(0).str());
                if (r.at(1).str() != seq) a.settled = false;
                if (what == std::string_view("orders")) {
                    a.reserved += r.at(2).integer();
                    a.paid += r.at(3).integer();
                    a.orders += r.at(4).integer();
                    a.overdue += r.at(5).integer();
                } else {
                    a.held += r.at(2).integer();
                    a.most_held = std::max<std::int64_t>(a.most_held, r.at(3).integer());
                }
            } while (cursor != "0" && a.settled);
            if (!a.settled) break;
        }
        if (a.settled || a.tries == audit_tries) break;
    }
    return audit_report(a, grace);
}

}  // namespace seckill::store::redis
