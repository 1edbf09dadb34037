#pragma once
// Chart history that outlives the window: the cluster-wide series per cluster and each
// sale's stock, in a SQLite file in the console's data dir (0600, like the audit log and
// the order DBs), read back for the charts' longer ranges and the PDF report.
//
// Cheap on the UI thread by construction: add() keeps at most one sample a second in
// memory and flush() writes them in one transaction (the window calls it once a second),
// a few rows each. Bounded: rows older than keep_ms go, and past max_bytes the oldest
// tenth goes, checked once a minute.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "history/metric_history.h"
#include "history/stored_history.h"
#include "store/sqlite_db.h"

namespace seckill::ui {

// A sale the file holds samples of, for one cluster.
struct StoredSale {
    std::string id;
    Millis first = 0;
    Millis last = 0;
};

class HistoryStore {
  public:
    static constexpr Millis sample_period_ms = 1000;
    static constexpr Millis keep_ms = 7LL * 24 * 3600 * 1000;
    static constexpr std::int64_t max_bytes = 256LL << 20;
    static constexpr Millis prune_every_ms = 60'000;

    // Opens or creates the file; throws std::runtime_error saying why (unwritable, not a
    // database, …).
    explicit HistoryStore(const std::string& path);

    // Keeps `snap`'s samples under `cluster` for the next flush, unless one was kept less
    // than sample_period_ms before.
    void add(const std::string& cluster, const ClusterSnapshot& snap);
    // Writes what add() kept in one transaction and prunes when due; throws on failure
    // (what it kept stays kept).
    void flush(Millis now);
    std::size_t pending() const { return cluster_rows_.size() + sale_rows_.size(); }

    // The cluster's sales, the most recently seen first.
    std::vector<StoredSale> sales(const std::string& cluster);
    // The cluster's series and `sale`'s stock over [from, to], averaged into at most
    // `max_points` buckets so a week-long sale still plots quickly.
    StoredHistory load(const std::string& cluster, const std::string& sale, Millis from, Millis to,
                       int max_points = 1500);

  private:
    struct ClusterRow {
        std::string cluster;
        Millis at;
        std::array<double, cluster_metric_count> values;
    };
    struct SaleRow {
        std::string cluster, sale;
        Millis at;
        std::array<double, sale_metric_count> values;
    };
    void prune(Millis now);

    store::sqlite::Database db_;
    sqlite3_stmt* insert_cluster_;
    sqlite3_stmt* insert_sale_;
    sqlite3_stmt* read_cluster_;
    sqlite3_stmt* read_sale_;
    sqlite3_stmt* note_sale_;
    sqlite3_stmt* list_sales_;
    sqlite3_stmt* used_bytes_;
    std::vector<ClusterRow> cluster_rows_;
    std::vector<SaleRow> sale_rows_;
    std::map<std::string, Millis> last_added_;  // per cluster
    Millis pruned_at_ = 0;
};

}  // namespace seckill::ui
