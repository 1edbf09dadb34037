#include "backend/snapshot_reader.h"

#include "backend/node_stats.h"

namespace seckill::ui {

SnapshotReader::SnapshotReader(store::Ledger& ledger, store::OrderDb* orders, const Clock& clock,
                               ReaderOptions options)
    : ledger_(ledger), orders_(orders), clock_(clock), options_(options) {}

ClusterSnapshot SnapshotReader::read() {
    ClusterSnapshot snap;
    snap.taken_at = clock_.now_ms();
    snap.sales = ledger_.list_sales(snap.taken_at);
    for (store::NodeInfo& info : ledger_.list_nodes(snap.taken_at, options_.node_ttl_ms)) {
        NodeStatus n;
        n.stats = parse_node_stats(info.stats_json);
        n.health = info.alive ? NodeHealth::up : NodeHealth::dead;
        n.info = std::move(info);
        snap.nodes.push_back(std::move(n));
    }
    rates_.update(snap.nodes);
    snap.queue_depth = ledger_.queue_depth();
    snap.control = ledger_.control();
    snap.selected_sale = pick_sale(snap);
    if (snap.selected_sale != checked_sale_ || snap.taken_at - checked_at_ >= options_.invariants_every_ms) {
        last_report_.reset();
        if (!snap.selected_sale.empty()) {
            last_report_ = ledger_.check_invariants(snap.selected_sale, snap.taken_at,
                                                    options_.node_ttl_ms, options_.expiry_grace_ms);
            if (last_report_) check_order_db(snap.selected_sale, *last_report_);
        }
        checked_sale_ = snap.selected_sale;
        checked_at_ = snap.taken_at;
    }
    snap.invariants = last_report_;
    return snap;
}

std::string SnapshotReader::pick_sale(const ClusterSnapshot& snap) const {
    if (snap.find_sale(selected_)) return selected_;
    // The newest running sale is the one a demo or an operator just started.
    const SaleView* pick = nullptr;
    for (const SaleView& s : snap.sales)
        if (s.state == SaleState::running) pick = &s;
    if (!pick && !snap.sales.empty()) pick = &snap.sales.back();
    return pick ? pick->config.id : std::string();
}

void SnapshotReader::check_order_db(const std::string& sale, store::InvariantReport& report) {
    if (!orders_) return;
    // The nodes keep selling while this reads, so each bound uses the tally that cannot
    // race: every order known before the DB read is in the DB or still unacknowledged
    // (the writer commits before it acknowledges), and the DB cannot hold an order the
    // ledger did not have by the time of the later tally.
    const auto before = ledger_.order_tally(sale);
    const std::int64_t in_db = orders_->count_orders(sale);
    const auto after = ledger_.order_tally(sale);
    const bool ok = in_db + before.unwritten >= before.orders && in_db <= after.orders;
    for (auto& check : report.checks) {
        if (check.id != "I4") continue;
        check.ok = check.ok && ok;
        check.detail += "; order DB holds " + std::to_string(in_db) + " + " +
                        std::to_string(after.unwritten) + " queued of " + std::to_string(after.orders);
    }
    report.ok = report.ok && ok;
}

}  // namespace seckill::ui
