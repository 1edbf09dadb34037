#include "history/history_store.h"

#include <sqlite3.h>

#include <algorithm>

namespace seckill::ui {
namespace {

// Qualified at each call: a std::string argument would find std::bind by ADL.
namespace sq = store::sqlite;
using store::sqlite::column_int;
using store::sqlite::column_text;
using store::sqlite::Reset;

// Named columns in Metric order: the file stays readable if the enum grows.
constexpr const char* cluster_columns[] = {"reserved_per_s", "sold_out_per_s", "rate_limited_per_s",
                                           "degraded_per_s", "refused_per_s",  "error_per_s",
                                           "p50_ms",         "p99_ms",         "queue_depth"};
constexpr const char* sale_columns[] = {"remaining", "sold"};
static_assert(std::size(cluster_columns) == cluster_metric_count);
static_assert(std::size(sale_columns) == sale_metric_count);

template <std::size_t N>
std::string joined(const char* const (&names)[N], const char* prefix, const char* suffix) {
    std::string out;
    for (const char* n : names) out += std::string(out.empty() ? "" : ", ") + prefix + n + suffix;
    return out;
}

template <std::size_t N>
std::string marks(int first) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) out += ", ?" + std::to_string(first + int(i));
    return out;
}

std::string schema() {
    return "CREATE TABLE IF NOT EXISTS cluster_samples (cluster TEXT NOT NULL, at INTEGER NOT "
           "NULL, " +
           joined(cluster_columns, "", " REAL") +
           ", PRIMARY KEY (cluster, at)) WITHOUT ROWID;"
           "CREATE TABLE IF NOT EXISTS sale_samples (cluster TEXT NOT NULL, sale TEXT NOT NULL, "
           "at INTEGER NOT NULL, " +
           joined(sale_columns, "", " REAL") +
           ", PRIMARY KEY (cluster, sale, at)) WITHOUT ROWID;"
           // Which sales the file holds, kept as rows are written: listing them never scans
           // the samples.
           "CREATE TABLE IF NOT EXISTS sales (cluster TEXT NOT NULL, sale TEXT NOT NULL, first "
           "INTEGER, "
           "last INTEGER NOT NULL, PRIMARY KEY (cluster, sale)) WITHOUT ROWID;";
}

template <std::size_t N>
void bind_values(sqlite3_stmt* st, int first, const std::array<double, N>& v) {
    for (std::size_t i = 0; i < N; ++i) sqlite3_bind_double(st, first + int(i), v[i]);
}

// Steps a bucketed read: column 0 the time, then N averages.
template <std::size_t N>
StoredRows<N> read_rows(sqlite3_stmt* st) {
    StoredRows<N> rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows.at.push_back(column_int(st, 0));
        std::array<double, N> v{};
        for (std::size_t i = 0; i < N; ++i) v[i] = sqlite3_column_double(st, 1 + int(i));
        rows.values.push_back(v);
    }
    return rows;
}

}  // namespace

HistoryStore::HistoryStore(const std::string& path)
    : db_(path, "chart history", store::sqlite::Durability::process_crash) {
    db_.exec(schema().c_str());
    insert_cluster_ = db_.prepare(("INSERT OR REPLACE INTO cluster_samples (cluster, at, " +
                                   joined(cluster_columns, "", "") + ") VALUES (?1, ?2" +
                                   marks<cluster_metric_count>(3) + ")")
                                      .c_str());
    insert_sale_ = db_.prepare(("INSERT OR REPLACE INTO sale_samples (cluster, sale, at, " +
                                joined(sale_columns, "", "") + ") VALUES (?1, ?2, ?3" +
                                marks<sale_metric_count>(4) + ")")
                                   .c_str());
    read_cluster_ =
        db_.prepare(("SELECT min(at), " + joined(cluster_columns, "avg(", ")") +
                     " FROM cluster_samples WHERE cluster = ?1 AND at BETWEEN ?2 AND ?3 "
                     "GROUP BY at / ?4 ORDER BY 1")
                        .c_str());
    read_sale_ =
        db_.prepare(("SELECT min(at), " + joined(sale_columns, "avg(", ")") +
                     " FROM sale_samples WHERE cluster = ?1 AND sale = ?2 AND at BETWEEN ?3 AND ?4 "
                     "GROUP BY at / ?5 ORDER BY 1")
                        .c_str());
    note_sale_ = db_.prepare(
        "INSERT INTO sales (cluster, sale, first, last) VALUES (?1, ?2, ?3, ?3) "
        "ON CONFLICT (cluster, sale) DO UPDATE SET last = max(last, excluded.last)");
    list_sales_ =
        db_.prepare("SELECT sale, first, last FROM sales WHERE cluster = ?1 ORDER BY last DESC");
    used_bytes_ = db_.prepare(
        "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
        "pragma_freelist_count(), pragma_page_size()");
}

void HistoryStore::add(const std::string& cluster, const ClusterSnapshot& snap) {
    Millis& last = last_added_[cluster];
    if (snap.taken_at - last < sample_period_ms) return;
    last = snap.taken_at;
    cluster_rows_.push_back({cluster, snap.taken_at, cluster_sample(snap)});
    for (const SaleView& s : snap.sales)
        sale_rows_.push_back({cluster, s.config.id, snap.taken_at, sale_sample(s)});
}

void HistoryStore::flush(Millis now) {
    if (!cluster_rows_.empty() || !sale_rows_.empty()) {
        db_.transaction([&] {
            for (const ClusterRow& r : cluster_rows_) {
                Reset reset{insert_cluster_};
                sq::bind(insert_cluster_, 1, r.cluster);
                sq::bind(insert_cluster_, 2, std::int64_t(r.at));
                bind_values(insert_cluster_, 3, r.values);
                db_.run(insert_cluster_);
            }
            for (const SaleRow& r : sale_rows_) {
                Reset reset{insert_sale_};
                sq::bind(insert_sale_, 1, r.cluster);
                sq::bind(insert_sale_, 2, r.sale);
                sq::bind(insert_sale_, 3, std::int64_t(r.at));
                bind_values(insert_sale_, 4, r.values);
                db_.run(insert_sale_);
                Reset note{note_sale_};
                sq::bind(note_sale_, 1, r.cluster);
                sq::bind(note_sale_, 2, r.sale);
                sq::bind(note_sale_, 3, std::int64_t(r.at));
                db_.run(note_sale_);
            }
        });
        cluster_rows_.clear();
        sale_rows_.clear();
    }
    if (now - pruned_at_ >= prune_every_ms) prune(now);
}

void HistoryStore::prune(Millis now) {
    pruned_at_ = now;
    const std::string cutoff = std::to_string(now - keep_ms);
    db_.exec(("DELETE FROM cluster_samples WHERE at < " + cutoff +
              "; DELETE FROM sale_samples WHERE at < " + cutoff)
                 .c_str());
    bool too_big = false;
    {
        Reset reset{used_bytes_};
        too_big = sqlite3_step(used_bytes_) == SQLITE_ROW && column_int(used_bytes_, 0) > max_bytes;
    }
    if (too_big)
        // The oldest tenth of the time covered: the file stays under its bound whatever
        // the number of clusters and sales it holds.
        db_.exec(
            "DELETE FROM sale_samples WHERE at < (SELECT min(at) + (max(at) - min(at)) / 10 FROM "
            "cluster_samples);"
            "DELETE FROM cluster_samples WHERE at < (SELECT min(at) + (max(at) - min(at)) / 10 "
            "FROM cluster_samples)");
    // A handful of sales, each one index lookup.
    db_.exec(
        "UPDATE sales SET first = (SELECT min(at) FROM sale_samples s WHERE s.cluster = "
        "sales.cluster AND "
        "s.sale = sales.sale);"
        "DELETE FROM sales WHERE first IS NULL");
}

std::vector<StoredSale> HistoryStore::sales(const std::string& cluster) {
    std::vector<StoredSale> out;
    Reset reset{list_sales_};
    sq::bind(list_sales_, 1, cluster);
    while (sqlite3_step(list_sales_) == SQLITE_ROW)
        out.push_back(
            {column_text(list_sales_, 0), column_int(list_sales_, 1), column_int(list_sales_, 2)});
    return out;
}

StoredHistory HistoryStore::load(const std::string& cluster, const std::string& sale, Millis from,
                                 Millis to, int max_points) {
    const Millis bucket = std::max<Millis>(sample_period_ms, (to - from) / std::max(max_points, 1));
    StoredRows<cluster_metric_count> c;
    {
        Reset reset{read_cluster_};
        sq::bind(read_cluster_, 1, cluster);
        sq::bind(read_cluster_, 2, std::int64_t(from));
        sq::bind(read_cluster_, 3, std::int64_t(to));
        sq::bind(read_cluster_, 4, std::int64_t(bucket));
        c = read_rows<cluster_metric_count>(read_cluster_);
    }
    StoredRows<sale_metric_count> s;
    {
        Reset reset{read_sale_};
        sq::bind(read_sale_, 1, cluster);
        sq::bind(read_sale_, 2, sale);
        sq::bind(read_sale_, 3, std::int64_t(from));
        sq::bind(read_sale_, 4, std::int64_t(to));
        sq::bind(read_sale_, 5, std::int64_t(bucket));
        s = read_rows<sale_metric_count>(read_sale_);
    }
    // Three missed samples (or buckets) make a gap, as two refresh periods do live.
    return StoredHistory(from, to, 3 * bucket, std::move(c), std::move(s));
}

}  // namespace seckill::ui
