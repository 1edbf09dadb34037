#include "backend/snapshot_reader.h"

#include <limits>

#include "core/clock.h"
#include "node/sale_invariants.h"

namespace seckill::ui {

void mark_drained(ClusterSnapshot& snap) {
    for (NodeStatus& n : snap.nodes) {
        if (n.health != NodeHealth::up) continue;
        bool running = false, drained = true;
        for (const SaleView& s : snap.sales) {
            if (s.state != SaleState::running) continue;
            running = true;
            auto t = n.stats.lease_targets.find(s.config.id);
            drained = drained && t != n.stats.lease_targets.end() && t->second == 0;
        }
        if (running && drained) {
            n.health = NodeHealth::drained;
            n.health_detail =
                "lease target 0 on every running sale: takes no stock, still answers buyers";
        }
    }
}

SnapshotReader::SnapshotReader(store::Ledger& ledger, store::OrderTally* orders, const Clock& clock,
                               ReaderOptions options)
    : ledger_(ledger), orders_(orders), clock_(clock), options_(options) {}

ClusterSnapshot SnapshotReader::read() {
    ClusterSnapshot snap;
    snap.taken_at = clock_.now_ms();
    snap.sales = ledger_.list_sales(snap.taken_at);
    // Listed with no TTL of the console's own: whether a node is dead is judged by its own
    // TTL (judge_health), and a Redis registry drops a node's heartbeat key after that TTL.
    snap.nodes =
        watch_.statuses(ledger_.list_nodes(snap.taken_at, std::numeric_limits<Millis>::max() / 4),
                        snap.taken_at, steady_ms(), unanswered_);
    mark_drained(snap);
    snap.queue_depth = ledger_.queue_depth();
    snap.control = ledger_.control();
    snap.selected_sale = followed_sale(snap, selected_);
    if (snap.selected_sale != checked_sale_ ||
        snap.taken_at - checked_at_ >= options_.invariants_every_ms) {
        last_report_.reset();
        if (!snap.selected_sale.empty()) {
            // The same rule as the node's admin API (ledger checks, order DB half of I4
            // when this console has the DB, I7/I8 from the nodes' heartbeats).
            last_report_ =
                node::sale_invariants(ledger_, orders_, snap.selected_sale, snap.taken_at,
                                      {options_.node_ttl_ms, options_.expiry_grace_ms});
        }
        checked_sale_ = snap.selected_sale;
        checked_at_ = snap.taken_at;
    }
    snap.invariants = last_report_;
    // Stamped when the read ends: a read that hung on a frozen ledger and finished after
    // it resumed holds the data of then, and a chart must show the freeze as a gap.
    snap.taken_at = std::max(snap.taken_at, clock_.now_ms());
    return snap;
}

std::string followed_sale(const ClusterSnapshot& snap, const std::string& selected) {
    if (snap.find_sale(selected)) return selected;
    // The newest running sale is the one a demo or an operator just started.
    const SaleView* pick = nullptr;
    for (const SaleView& s : snap.sales)
        if (s.state == SaleState::running) pick = &s;
    if (!pick && !snap.sales.empty()) pick = &snap.sales.back();
    return pick ? pick->config.id : std::string();
}

}  // namespace seckill::ui
