#include "store/order_db.h"

#include <sqlite3.h>

#include <cstdio>

#include "core/log.h"
#include "core/time_format.h"

namespace seckill::store {
namespace {

// No index by user: nothing here reads by user, and its inserts land at random places in
// the index, one page written per order (measured: a quarter of the success path's orders/s).
// Look a buyer's orders up on a copy, or add the index there. A DB made by an earlier
// version keeps its orders_by_user index.
constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS orders (
  order_id   TEXT PRIMARY KEY,
  sale       TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('reserved','paid','cancelled','expired')),
  pay_before TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ledger_seq INTEGER NOT NULL,
  written_at TEXT,
  created    INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orders_by_sale ON orders (sale, status);
CREATE TABLE IF NOT EXISTS order_conflicts (
  order_id   TEXT NOT NULL,
  sale       TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  status     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ledger_seq INTEGER NOT NULL,
  seen_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (order_id, user_id, sale, ledger_seq)
);
CREATE INDEX IF NOT EXISTS order_conflicts_by_sale ON order_conflicts (sale);
)sql";

// Rows made by a later event whose creation event went to another writer's DB (writers
// share a sale's events): created = 0 until, if ever, the creation event lands here too.
// Partial, so the common row (made by its creation event) costs no index write.
constexpr const char* not_created_index =
    "CREATE INDEX IF NOT EXISTS orders_not_created ON orders (sale) WHERE created = 0";

// Only a row of the same buyer and sale moves forward; a row of another buyer is left
// alone (record_conflict keeps the newcomer). written_at is set by the insert only: when
// the order first reached the DB, which its later changes do not move. `created` says the
// order's creation event reached this DB: of several writers' DBs, each order counts in one.
constexpr const char* upsert_sql = R"sql(
INSERT INTO orders (order_id, sale, user_id, status, pay_before, created_at, updated_at, ledger_seq, written_at, created)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (order_id) DO UPDATE SET
  status = iif(excluded.ledger_seq > orders.ledger_seq, excluded.status, orders.status),
  updated_at = iif(excluded.ledger_seq > orders.ledger_seq, excluded.updated_at, orders.updated_at),
  ledger_seq = max(orders.ledger_seq, excluded.ledger_seq),
  created = max(orders.created, excluded.created)
WHERE orders.user_id = excluded.user_id AND orders.sale = excluded.sale
)sql";

using sqlite::bind;
using sqlite::column_text;

}  // namespace

OrderDb::OrderDb(const std::string& path, sqlite::Durability durability)
    : db_(path, "order DB", durability) {
    db_.exec(schema);
    add_new_columns();
    db_.exec(not_created_index);
    upsert_ = db_.prepare(upsert_sql);
    owner_ = db_.prepare("SELECT user_id, sale FROM orders WHERE order_id = ?1");
    conflict_ = db_.prepare(
        "INSERT OR IGNORE INTO order_conflicts (order_id, sale, user_id, status, created_at, "
        "ledger_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    find_ = db_.prepare(
        "SELECT order_id, sale, user_id, status, pay_before, created_at, updated_at, written_at "
        "FROM orders WHERE order_id = ?1");
    count_ = db_.prepare(
        "SELECT (SELECT count(*) FROM orders WHERE sale = ?1) - "
        "(SELECT count(*) FROM orders WHERE sale = ?1 AND created = 0)");
    by_status_ = db_.prepare("SELECT status, count(*) FROM orders WHERE sale = ?1 GROUP BY status");
    conflicts_of_sale_ = db_.prepare("SELECT count(*) FROM order_conflicts WHERE sale = ?1");
    sqlite3_stmt* all = db_.prepare("SELECT count(*) FROM order_conflicts");
    sqlite::Reset reset{all};
    if (sqlite3_step(all) == SQLITE_ROW) conflicts_ = sqlite::column_int(all, 0);
}

void OrderDb::add_new_columns() {
    // Columns a DB made by an earlier version lacks. written_at: its rows say NULL there
    // ("not recorded"), never a made-up time.
    sqlite3_stmt* info = nullptr;
    if (sqlite3_prepare_v2(db_.handle(), "PRAGMA table_info(orders)", -1, &info, nullptr) !=
        SQLITE_OK)
        db_.fail("read schema");
    bool has_written_at = false, has_created = false;
    while (sqlite3_step(info) == SQLITE_ROW) {
        has_written_at = has_written_at || column_text(info, 1) == "written_at";
        has_created = has_created || column_text(info, 1) == "created";
    }
    sqlite3_finalize(info);
    if (!has_written_at) db_.exec("ALTER TABLE orders ADD COLUMN written_at TEXT");
    // Its rows were counted as orders before: they stay counted.
    if (!has_created) db_.exec("ALTER TABLE orders ADD COLUMN created INTEGER NOT NULL DEFAULT 1");
}

void OrderDb::record_conflict(const OrderEvent& e) {
    {
        sqlite::Reset reset{owner_};
        bind(owner_, 1, e.order.order_id);
        if (sqlite3_step(owner_) != SQLITE_ROW) return;
        // The same buyer's row, only already newer: a replay, nothing to keep.
        if (column_text(owner_, 0) == e.order.user && column_text(owner_, 1) == e.order.sale)
            return;
    }
    sqlite::Reset reset{conflict_};
    bind(conflict_, 1, e.order.order_id);
    bind(conflict_, 2, e.order.sale);
    bind(conflict_, 3, e.order.user);
    bind(conflict_, 4, to_string(e.order.status));
    bind(conflict_, 5, format_rfc3339(e.order.created_at));
    bind(conflict_, 6, std::int64_t(e.seq));
    db_.run(conflict_);
    if (sqlite3_changes(db_.handle()) > 0) {
        conflicts_.fetch_add(1, std::memory_order_relaxed);
        log::error("order_conflict",
                   {{"order", e.order.order_id},
                    {"sale", e.order.sale},
                    {"user", e.order.user},
                    {"action", "kept in order_conflicts, the stored order not overwritten"}});
    }
}

void OrderDb::apply(std::span<const OrderEvent> events) {
    if (events.empty()) return;
    std::lock_guard lock(mu_);
    const std::string written_at = format_rfc3339(SystemClock::instance().now_ms());
    db_.transaction([&] {
        for (const auto& e : events) {
            {
                sqlite::Reset reset{upsert_};
                const Order& o = e.order;
                bind(upsert_, 1, o.order_id);
                bind(upsert_, 2, o.sale);
                bind(upsert_, 3, o.user);
                bind(upsert_, 4, to_string(o.status));
                bind(upsert_, 5, format_rfc3339(o.pay_before));
                bind(upsert_, 6, format_rfc3339(o.created_at));
                bind(upsert_, 7, format_rfc3339(o.updated_at));
                bind(upsert_, 8, std::int64_t(e.seq));
                bind(upsert_, 9, written_at);
                bind(upsert_, 10, std::int64_t(e.creates ? 1 : 0));
                db_.run(upsert_);
            }
            if (sqlite3_changes(db_.handle()) == 0) record_conflict(e);
        }
    });
}

std::optional<Order> OrderDb::find(std::string_view order_id) {
    auto stored = find_stored(order_id);
    if (!stored) return std::nullopt;
    return std::move(stored->order);
}

std::optional<OrderDb::StoredOrder> OrderDb::find_stored(std::string_view order_id) {
    std::lock_guard lock(mu_);
    sqlite::Reset reset{find_};
    bind(find_, 1, order_id);
    if (sqlite3_step(find_) != SQLITE_ROW) return std::nullopt;
    StoredOrder stored;
    Order& o = stored.order;
    o.order_id = column_text(find_, 0);
    o.sale = column_text(find_, 1);
    o.user = column_text(find_, 2);
    o.status = parse_order_status(column_text(find_, 3)).value_or(OrderStatus::reserved);
    o.pay_before = parse_rfc3339(column_text(find_, 4)).value_or(0);
    o.created_at = parse_rfc3339(column_text(find_, 5)).value_or(0);
    o.updated_at = parse_rfc3339(column_text(find_, 6)).value_or(0);
    stored.written_at = parse_rfc3339(column_text(find_, 7)).value_or(0);
    return stored;
}

std::int64_t OrderDb::count_orders(std::string_view sale) {
    std::lock_guard lock(mu_);
    sqlite::Reset reset{count_};
    bind(count_, 1, sale);
    return sqlite3_step(count_) == SQLITE_ROW ? sqlite::column_int(count_, 0) : 0;
}

std::uint64_t OrderDb::max_seq() {
    std::lock_guard lock(mu_);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_.handle(), "SELECT coalesce(max(ledger_seq), 0) FROM orders", -1, &s,
                           nullptr) != SQLITE_OK)
        db_.fail("read");
    const std::uint64_t seq =
        sqlite3_step(s) == SQLITE_ROW ? std::uint64_t(sqlite3_column_int64(s, 0)) : 0;
    sqlite3_finalize(s);
    return seq;
}

std::int64_t OrderDb::count_conflicts(std::string_view sale) {
    std::lock_guard lock(mu_);
    sqlite::Reset reset{conflicts_of_sale_};
    bind(conflicts_of_sale_, 1, sale);
    return sqlite3_step(conflicts_of_sale_) == SQLITE_ROW
               ? sqlite::column_int(conflicts_of_sale_, 0)
               : 0;
}

std::map<OrderStatus, std::int64_t> OrderDb::count_by_status(std::string_view sale) {
    std::lock_guard lock(mu_);
    sqlite::Reset reset{by_status_};
    bind(by_status_, 1, sale);
    std::map<OrderStatus, std::int64_t> out;
    while (sqlite3_step(by_status_) == SQLITE_ROW)
        if (auto s = parse_order_status(column_text(by_status_, 0)))
            out[*s] = sqlite::column_int(by_status_, 1);
    return out;
}

}  // namespace seckill::store
