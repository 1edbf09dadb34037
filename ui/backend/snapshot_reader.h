#pragma once
// Reads one ClusterSnapshot from a ledger: sales, node registry with parsed heartbeat
// stats and rates, queue depth, control state, and the invariants of the selected sale.
// Blocking (the ledger may be across a network): it runs on a backend's worker thread.
#include <map>
#include <optional>
#include <string>

#include "backend/cluster_snapshot.h"
#include "backend/node_watch.h"
#include "core/clock.h"
#include "store/ledger.h"
#include "store/order_db.h"

namespace seckill::ui {

// A live node whose lease target is 0 on every running sale takes no more stock (an
// operator drained it, ledger_actions::drain_node) though it still answers: "drained".
void mark_drained(ClusterSnapshot& snap);

// The sale a snapshot's invariants are read for: `selected` when it exists, else the newest
// running sale, so a fresh console shows something useful without a click.
std::string followed_sale(const ClusterSnapshot& snap, const std::string& selected);

struct ReaderOptions {
    Millis node_ttl_ms = 5000;      // as the nodes' EngineOptions: silent this long = dead
    Millis expiry_grace_ms = 5000;  // I6
    // The invariants recount every order of the sale (and the order DB's rows), so they
    // are read at most this often; snapshots in between carry the last report.
    Millis invariants_every_ms = 1000;
};

class SnapshotReader {
  public:
    // `orders` may be null when no order DB can be read from here (the I4 DB half is
    // then left to the nodes); a remote tally says in I4 when it could not be read.
    SnapshotReader(store::Ledger& ledger, store::OrderTally* orders, const Clock& clock,
                   ReaderOptions options = {});

    // The sale whose invariants are read; when it does not exist the reader follows a
    // running sale, so a fresh console shows something useful without a click.
    void select_sale(std::string sale) { selected_ = std::move(sale); }
    // Why nodes' /healthz went unanswered (HealthProbe::unanswered), for the next read.
    void set_unanswered(std::map<std::string, std::string> unanswered) {
        unanswered_ = std::move(unanswered);
    }

    // Throws what the ledger throws when it cannot be reached.
    ClusterSnapshot read();

  private:
    store::Ledger& ledger_;
    store::OrderTally* orders_;
    const Clock& clock_;
    ReaderOptions options_;
    std::string selected_;
    std::map<std::string, std::string> unanswered_;
    NodeWatch watch_;
    std::string checked_sale_;
    Millis checked_at_ = 0;
    std::optional<store::InvariantReport> last_report_;
};

}  // namespace seckill::ui
