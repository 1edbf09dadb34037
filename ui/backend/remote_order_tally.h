#pragma once
// The order DB's half of I4 for a console attached to Redis: it cannot open the order
// writers' SQLite files, so it asks each writer the ledger handed the sale's events to
// (Ledger::OrderTally::writers) and each live registry record whose heartbeat stats say
// "order_writer": true (a writer of an earlier version is not named) for its tally over
// GET /admin/v1/sales/{sale}/orders/tally with the admin token, and sums them (writers
// split the cluster's events between their DBs). Any writer it cannot ask — away from the
// registry, dead, or not answering — makes the tally unavailable, which I4's detail then
// says: a partial sum would fail I4 with nothing lost.
// Blocking: the console's worker thread calls it through SnapshotReader.
#include <string>

#include "core/clock.h"
#include "store/ledger.h"
#include "store/order_tally.h"

namespace seckill::ui {

// Whether the node's heartbeat stats say it writes orders ("order_writer": true).
bool is_order_writer(const store::NodeInfo& node);

class RemoteOrderTally final : public store::OrderTally {
  public:
    RemoteOrderTally(store::Ledger& ledger, std::string admin_token, const Clock& clock,
                     Millis node_ttl)
        : ledger_(ledger), token_(std::move(admin_token)), clock_(clock), node_ttl_(node_ttl) {}

    // Throw store::OrderTallyUnavailable with the reason.
    std::int64_t count_orders(std::string_view sale) override;
    std::int64_t count_conflicts(std::string_view sale) override;

  private:
    store::Ledger& ledger_;
    std::string token_;
    const Clock& clock_;
    Millis node_ttl_;
    // count_orders reads both numbers; count_conflicts of the same sale answers from it.
    std::string sale_;
    std::int64_t conflicts_ = 0;
};

}  // namespace seckill::ui
