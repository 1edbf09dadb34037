#include "node/sale_invariants.h"

#include <algorithm>

#include "node/heartbeat_stats.h"

namespace seckill::node {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

}  // namespace

std::optional<store::InvariantReport> sale_invariants(store::Ledger& ledger, store::OrderTally* db,
                                                      std::string_view sale, Millis now,
                                                      InvariantTiming timing,
                                                      std::string_view db_writer) {
    auto report = ledger.check_invariants(sale, now, timing.node_ttl_ms, timing.expiry_grace_ms);
    if (!report) return report;
    if (db) check_order_db(ledger, *db, sale, *report, db_writer);
    check_node_reports(ledger.list_nodes(now, timing.node_ttl_ms), sale, *report);
    return report;
}

void check_order_db(store::Ledger& ledger, store::OrderTally& db, std::string_view sale,
                    store::InvariantReport& report, std::string_view db_writer) {
    auto i4 = std::find_if(report.checks.begin(), report.checks.end(),
                           [](const auto& c) { return c.id == "I4"; });
    if (i4 == report.checks.end()) return;
    // The nodes keep selling while this reads, so each bound uses the tally that cannot
    // race: every order known before the DB read is in the DB or still unacknowledged
    // (the writer commits before it acknowledges), and the DB cannot hold an order the
    // ledger did not have by the time of the later tally.
    const auto before = ledger.order_tally(sale);
    // A writer that acknowledged events before `before` was named before it (the ledger
    // records a writer when it hands it events), so no order written into another DB can
    // hide from this test.
    if (!db_writer.empty()) {
        std::string others;
        for (const auto& w : before.writers)
            if (w != db_writer) others += (others.empty() ? "" : ", ") + w;
        if (!others.empty()) {
            i4->detail += "; order DB half not checked here: order writers " + others +
                          " keep part of this sale's orders in their own order DBs (a console "
                          "attached to the cluster sums every writer's)";
            return;
        }
    }
    std::int64_t in_db = 0, conflicts = 0;
    try {
        in_db = db.count_orders(sale);
        // An id the ledger handed out twice (it lost its data) is kept apart, not written
        // over the first buyer's order; each such event is a confirmation at risk.
        conflicts = db.count_conflicts(sale);
    } catch (const store::OrderTallyUnavailable& e) {
        i4->detail += std::string("; order DB half not checked: ") + e.what();
        return;
    }
    const auto after = ledger.order_tally(sale);
    const bool ok =
        in_db + before.unwritten >= before.orders && in_db <= after.orders && conflicts == 0;
    i4->ok = i4->ok && ok;
    i4->detail += "; order DB holds " + num(in_db) + " + " + num(after.unwritten) + " queued of " +
                  num(after.orders);
    if (conflicts > 0) i4->detail += "; " + num(conflicts) + " order ids stored for another buyer";
    report.ok = report.ok && ok;
}

void check_node_reports(const std::vector<store::NodeInfo>& nodes, std::string_view sale,
                        store::InvariantReport& report) {
    // Dead nodes are I5's business; their last reports are stale by definition.
    std::string disagree;
    std::int64_t live = 0, undersold = 0;
    for (const store::NodeInfo& n : nodes) {
        if (!n.alive) continue;
        ++live;
        // Stats that are missing or not JSON (an older node) report nothing for I7/I8
        // rather than failing them.
        const HeartbeatStats stats = parse_heartbeat_stats(n.stats_json);
        // The node only reports a disagreement that held still for two heartbeats
        // (LeaseAgreement), so an in-flight buy or grant never shows here.
        if (const auto d = stats.lease_disagreements.find(std::string(sale));
            d != stats.lease_disagreements.end()) {
            if (!disagree.empty()) disagree += "; ";
            disagree += n.id + " holds " + num(d->second.node) + ", ledger records " +
                        num(d->second.ledger);
        }
        if (const auto u = stats.undersold.find(std::string(sale)); u != stats.undersold.end())
            undersold += std::max<std::int64_t>(u->second, 0);
    }
    report.add({"I7", disagree.empty(),
                disagree.empty() ? num(live) + " live nodes agree with the ledger on their leases"
                                 : disagree});
    report.add(
        {"I8", undersold == 0, num(undersold) + " sold_out answers while the node held units"});
}

}  // namespace seckill::node
