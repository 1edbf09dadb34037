#include "store/order_db.h"

#include <sqlite3.h>

#include <stdexcept>

#include "core/time_format.h"

namespace seckill::store {
namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS orders (
  order_id   TEXT PRIMARY KEY,
  sale       TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('reserved','paid','cancelled','expired')),
  pay_before TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ledger_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orders_by_sale ON orders (sale, status);
CREATE INDEX IF NOT EXISTS orders_by_user ON orders (user_id);
)sql";

constexpr const char* upsert_sql = R"sql(
INSERT INTO orders (order_id, sale, user_id, status, pay_before, created_at, updated_at, ledger_seq)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (order_id) DO UPDATE SET
  status = excluded.status, updated_at = excluded.updated_at, ledger_seq = excluded.ledger_seq
WHERE excluded.ledger_seq > orders.ledger_seq
)sql";

// Leaves a prepared statement reusable on every path out of a scope, errors included.
struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
};

std::string column_text(sqlite3_stmt* s, int i) {
    const auto* p = sqlite3_column_text(s, i);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
}

void bind(sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
}

}  // namespace

OrderDb::OrderDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open order DB " + path + ": " + msg);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);
        // WAL lets operators read while the writer writes; NORMAL sync is durable across a
        // process crash, and the ledger still holds unacknowledged events if the OS dies.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec(schema);
        upsert_ = prepare(upsert_sql);
        find_ = prepare(
            "SELECT order_id, sale, user_id, status, pay_before, created_at, updated_at "
            "FROM orders WHERE order_id = ?1");
        count_ = prepare("SELECT count(*) FROM orders WHERE sale = ?1");
        by_status_ = prepare("SELECT status, count(*) FROM orders WHERE sale = ?1 GROUP BY status");
    } catch (...) {
        close();  // a destructor does not run for a constructor that threw
        throw;
    }
}

OrderDb::~OrderDb() { close(); }

void OrderDb::close() {
    for (auto* s : {upsert_, find_, count_, by_status_}) sqlite3_finalize(s);
    sqlite3_close(db_);
    db_ = nullptr;
}

void OrderDb::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("order DB: " + msg);
    }
}

sqlite3_stmt* OrderDb::prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("order DB: ") + sqlite3_errmsg(db_));
    return s;
}

void OrderDb::apply(std::span<const OrderEvent> events) {
    if (events.empty()) return;
    std::lock_guard lock(mu_);
    exec("BEGIN IMMEDIATE");
    try {
        for (const auto& e : events) {
            Reset reset{upsert_};
            const Order& o = e.order;
            bind(upsert_, 1, o.order_id);
            bind(upsert_, 2, o.sale);
            bind(upsert_, 3, o.user);
            bind(upsert_, 4, to_string(o.status));
            bind(upsert_, 5, format_rfc3339(o.pay_before));
            bind(upsert_, 6, format_rfc3339(o.created_at));
            bind(upsert_, 7, format_rfc3339(o.updated_at));
            sqlite3_bind_int64(upsert_, 8, sqlite3_int64(e.seq));
            if (sqlite3_step(upsert_) != SQLITE_DONE)
                throw std::runtime_error(std::string("order DB upsert: ") + sqlite3_errmsg(db_));
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::optional<Order> OrderDb::find(std::string_view order_id) {
    std::lock_guard lock(mu_);
    Reset reset{find_};
    bind(find_, 1, order_id);
    if (sqlite3_step(find_) != SQLITE_ROW) return std::nullopt;
    Order o;
    o.order_id = column_text(find_, 0);
    o.sale = column_text(find_, 1);
    o.user = column_text(find_, 2);
    o.status = parse_order_status(column_text(find_, 3)).value_or(OrderStatus::reserved);
    o.pay_before = parse_rfc3339(column_text(find_, 4)).value_or(0);
    o.created_at = parse_rfc3339(column_text(find_, 5)).value_or(0);
    o.updated_at = parse_rfc3339(column_text(find_, 6)).value_or(0);
    return o;
}

std::int64_t OrderDb::count_orders(std::string_view sale) {
    std::lock_guard lock(mu_);
    Reset reset{count_};
    bind(count_, 1, sale);
    return sqlite3_step(count_) == SQLITE_ROW ? sqlite3_column_int64(count_, 0) : 0;
}

std::map<OrderStatus, std::int64_t> OrderDb::count_by_status(std::string_view sale) {
    std::lock_guard lock(mu_);
    Reset reset{by_status_};
    bind(by_status_, 1, sale);
    std::map<OrderStatus, std::int64_t> out;
    while (sqlite3_step(by_status_) == SQLITE_ROW)
        if (auto s = parse_order_status(column_text(by_status_, 0)))
            out[*s] = sqlite3_column_int64(by_status_, 1);
    return out;
}

}  // namespace seckill::store
