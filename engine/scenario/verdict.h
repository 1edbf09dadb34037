#pragma once
// The verdict on a scenario run: pure judgement of what buyers were told (the history)
// against what the system holds afterwards (the facts). No I/O, no clock: a test feeds it
// a fabricated history and facts and every check can be made to pass or fail.
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "load/history.h"

namespace seckill::scenario {

// One order as a store holds it: its buyer and status (reserved, paid, cancelled, expired).
struct OrderRecord {
    std::string user;
    std::string status;
};

// What the ledger and the order DB say about one order id a buyer was given (201).
struct OrderFacts {
    std::optional<OrderRecord> ledger;
    std::optional<OrderRecord> order_db;
};

// The sale's units after the run, once dead nodes were reclaimed, read from the ledger.
struct StockFacts {
    bool read = false;
    std::int64_t pool = 0, leased = 0, reserved = 0, paid = 0;
    std::int64_t leased_to_dead = 0;  // units in leases of nodes that are dead or gone
};

// A stretch of the run (ms since the history's origin) during which a fault was staged.
// An instant fault (kill -9 with no restart) has start == end.
struct FaultInterval {
    std::string label;
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
    std::string node;  // the node the fault hit; "" for the whole cluster (e.g. Redis)
};

struct Facts {
    std::int64_t total = 0;
    std::int64_t per_user_limit = 1;
    bool ledger_read = false;    // false: the ledger could not be read; order checks fail
    bool order_db_read = false;  // false: no order DB to read (e.g. a `targets` cluster)
    std::map<std::string, OrderFacts> orders;  // every order id answered 201
    StockFacts stock;
    std::vector<FaultInterval> faults;
    std::int64_t run_end_ms = 0;  // when the load stopped
};

// The stated tolerances a scenario is judged by.
struct Bounds {
    std::int64_t undersell_grace_ms = 2000;  // refusals this soon after a fault ends are excused
    std::int64_t undersell_max = 0;          // refusals while units were sellable, at most
    std::int64_t answer_within_ms = 1000;    // a buy counts as available when answered this fast
    double min_share_before = 0.99;
    double min_share_during = 0.0;
    double min_share_after = 0.99;
    std::int64_t recovery_max_ms = 10'000;  // buys succeed again this soon after a fault ends
    std::int64_t expiry_grace_ms = 5000;    // how late an expired reservation may return its unit
};

struct CheckResult {
    std::string id;  // no_oversell, none_lost, …
    bool pass = false;
    std::string summary;  // one sentence with the numbers
    boost::json::object numbers;
};

struct Verdict {
    std::vector<CheckResult> checks;
    bool pass() const;
};

Verdict judge(const load::History& history, const Facts& facts, const Bounds& bounds);

// The checks one by one (judge runs them all, in this order).
CheckResult check_no_oversell(const load::History&, const Facts&, const Bounds&);
CheckResult check_none_lost(const load::History&, const Facts&);
CheckResult check_no_double_sale(const load::History&);
CheckResult check_per_user_limit(const load::History&, const Facts&, const Bounds&);
CheckResult check_paid_stays_paid(const load::History&, const Facts&);
CheckResult check_nothing_stranded(const Facts&);
CheckResult check_undersell(const load::History&, const Facts&, const Bounds&);
CheckResult check_availability(const load::History&, const Facts&, const Bounds&);
CheckResult check_recovery(const load::History&, const Facts&, const Bounds&);

}  // namespace seckill::scenario
