#pragma once
// The full invariant report of one sale, assembled in one place for every reader (the
// admin API and the console): the ledger's checks (I1-I6), the order DB half of I4, and
// what the live nodes report in their heartbeats (I7 lease agreement, I8 no undersell).
// Qt-free so the console and the node share the rule.
#include <optional>
#include <string_view>

#include "store/ledger.h"
#include "store/order_tally.h"

namespace seckill::node {

struct InvariantTiming {
    Millis node_ttl_ms = 5000;      // I5, and which nodes count as live for I7/I8
    Millis expiry_grace_ms = 5000;  // I6
};

// Nothing for an unknown sale. `db` may be null (no order DB here): I4 is the ledger's
// half only. `db_writer`, when given, says `db` is that one order writer's DB (a node's
// own): see check_order_db. Throws what the ledger throws when it is unreachable.
std::optional<store::InvariantReport> sale_invariants(store::Ledger& ledger, store::OrderTally* db,
                                                      std::string_view sale, Millis now,
                                                      InvariantTiming timing,
                                                      std::string_view db_writer = {});

// The order DB half of I4, folded into `report`'s I4 check. A tally that cannot be read
// (store::OrderTallyUnavailable) leaves the check as the ledger judged it, its detail
// saying the DB half was not checked and why. So does a `db` that is only `db_writer`'s
// while other writers were handed the sale's events too: one DB of several holds part of
// the orders, and judging it alone would fail I4 with nothing lost (the console sums
// every writer's, ui/backend/remote_order_tally.h).
void check_order_db(store::Ledger& ledger, store::OrderTally& db, std::string_view sale,
                    store::InvariantReport& report, std::string_view db_writer = {});

// I7 and I8 from the nodes' heartbeat stats, added to `report`.
void check_node_reports(const std::vector<store::NodeInfo>& nodes, std::string_view sale,
                        store::InvariantReport& report);

}  // namespace seckill::node
