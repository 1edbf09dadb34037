#include "store/ledger_journal.h"

#include <sqlite3.h>

#include <charconv>
#include <stdexcept>

namespace seckill::store {
namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS sales (
  sale           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  total          INTEGER NOT NULL,
  per_user_limit INTEGER NOT NULL,
  pay_timeout_s  INTEGER NOT NULL,
  starts_at      INTEGER,
  ends_at        INTEGER,
  state          TEXT NOT NULL,
  allocation     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS orders (
  order_id    TEXT PRIMARY KEY,
  sale        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  status      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  pay_before  INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  seq         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta_text (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
)sql";

using sqlite::bind;
using sqlite::column_int;
using sqlite::column_text;

// node=units,node=units — node ids are [A-Za-z0-9_-], so neither separator can occur.
std::string encode_counts(const std::map<std::string, std::int64_t>& m) {
    std::string out;
    for (const auto& [k, v] : m) {
        if (!out.empty()) out += ',';
        out += k + '=' + std::to_string(v);
    }
    return out;
}

std::map<std::string, std::int64_t> decode_counts(std::string_view text) {
    std::map<std::string, std::int64_t> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        if (const auto eq = item.find('='); eq != std::string_view::npos) {
            std::int64_t v = 0;
            const auto num = item.substr(eq + 1);
            if (std::from_chars(num.data(), num.data() + num.size(), v).ec == std::errc())
                out[std::string(item.substr(0, eq))] = v;
        }
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

void bind_optional(sqlite3_stmt* s, int i, const std::optional<Millis>& v) {
    if (v)
        bind(s, i, std::int64_t(*v));
    else
        sqlite::bind_null(s, i);
}

std::optional<Millis> optional_column(sqlite3_stmt* s, int i) {
    if (sqlite::column_is_null(s, i)) return std::nullopt;
    return Millis(column_int(s, i));
}

}  // namespace

LedgerJournal::LedgerJournal(const std::string& path, sqlite::Durability durability)
    : db_(path, "ledger journal", durability) {
    db_.exec(schema);
    put_sale_ = db_.prepare(
        "INSERT OR REPLACE INTO sales (sale, name, total, per_user_limit, pay_timeout_s, "
        "starts_at, ends_at, state, allocation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    put_order_ = db_.prepare(
        "INSERT OR REPLACE INTO orders (order_id, sale, user_id, status, created_at, updated_at, "
        "pay_before, created_seq, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    put_meta_ = db_.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    put_text_ = db_.prepare("INSERT OR REPLACE INTO meta_text (key, value) VALUES (?1, ?2)");
}

LedgerImage LedgerJournal::load() {
    LedgerImage image;
    sqlite3* db = db_.handle();
    auto query = [&](const char* sql, auto&& row) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) db_.fail("read");
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) db_.fail("read");
    };
    query(
        "SELECT sale, name, total, per_user_limit, pay_timeout_s, starts_at, ends_at, state, "
        "allocation FROM sales",
        [&](sqlite3_stmt* s) {
            JournaledSale sale;
            sale.config.id = column_text(s, 0);
            sale.config.name = column_text(s, 1);
            sale.config.total = column_int(s, 2);
            sale.config.per_user_limit = int(column_int(s, 3));
            sale.config.pay_timeout_s = column_int(s, 4);
            sale.config.starts_at = optional_column(s, 5);
            sale.config.ends_at = optional_column(s, 6);
            const auto state = parse_sale_state(column_text(s, 7));
            if (!state)
                throw std::runtime_error("ledger journal: sale " + sale.config.id +
                                         " has an unknown state");
            sale.stored_state = *state;
            sale.allocation = decode_counts(column_text(s, 8));
            image.sales.push_back(std::move(sale));
        });
    query(
        "SELECT order_id, sale, user_id, status, created_at, updated_at, pay_before, "
        "created_seq, seq FROM orders",
        [&](sqlite3_stmt* s) {
            JournaledOrder o;
            o.order.order_id = column_text(s, 0);
            o.order.sale = column_text(s, 1);
            o.order.user = column_text(s, 2);
            const auto status = parse_order_status(column_text(s, 3));
            if (!status)
                throw std::runtime_error("ledger journal: order " + o.order.order_id +
                                         " has an unknown status");
            o.order.status = *status;
            o.order.created_at = column_int(s, 4);
            o.order.updated_at = column_int(s, 5);
            o.order.pay_before = column_int(s, 6);
            o.created_seq = std::uint64_t(column_int(s, 7));
            o.seq = std::uint64_t(column_int(s, 8));
            image.orders.push_back(std::move(o));
        });
    query("SELECT key, value FROM meta", [&](sqlite3_stmt* s) {
        const std::string key = column_text(s, 0);
        const std::int64_t v = column_int(s, 1);
        if (key == "acked_through")
            image.acked_through = std::uint64_t(v);
        else if (key == "degrade_global")
            image.control.degrade_global = int(v);
        else if (key == "control_version")
            image.control.version = std::uint64_t(v);
    });
    query("SELECT key, value FROM meta_text", [&](sqlite3_stmt* s) {
        const std::string key = column_text(s, 0);
        if (key == "limits")
            image.control.limits_json = column_text(s, 1);
        else if (key == "protection")
            image.control.protection_json = column_text(s, 1);
        else if (key == "degrade_by_node")
            for (const auto& [node, level] : decode_counts(column_text(s, 1)))
                image.control.degrade_by_node[node] = int(level);
    });
    return image;
}

void LedgerJournal::put_sale(const JournaledSale& sale) {
    db_.transaction([&] {
        sqlite::Reset reset{put_sale_};
        const SaleConfig& c = sale.config;
        bind(put_sale_, 1, c.id);
        bind(put_sale_, 2, c.name);
        bind(put_sale_, 3, c.total);
        bind(put_sale_, 4, std::int64_t(c.per_user_limit));
        bind(put_sale_, 5, c.pay_timeout_s);
        bind_optional(put_sale_, 6, c.starts_at);
        bind_optional(put_sale_, 7, c.ends_at);
        bind(put_sale_, 8, to_string(sale.stored_state));
        bind(put_sale_, 9, encode_counts(sale.allocation));
        db_.run(put_sale_);
    });
}

void LedgerJournal::put_orders(std::span<const JournaledOrder> orders) {
    if (orders.empty()) return;
    db_.transaction([&] {
        for (const auto& o : orders) {
            sqlite::Reset reset{put_order_};
            bind(put_order_, 1, o.order.order_id);
            bind(put_order_, 2, o.order.sale);
            bind(put_order_, 3, o.order.user);
            bind(put_order_, 4, to_string(o.order.status));
            bind(put_order_, 5, std::int64_t(o.order.created_at));
            bind(put_order_, 6, std::int64_t(o.order.updated_at));
            bind(put_order_, 7, std::int64_t(o.order.pay_before));
            bind(put_order_, 8, std::int64_t(o.created_seq));
            bind(put_order_, 9, std::int64_t(o.seq));
            db_.run(put_order_);
        }
    });
}

void LedgerJournal::put_meta(const char* key, std::int64_t value) {
    sqlite::Reset reset{put_meta_};
    bind(put_meta_, 1, std::string_view(key));
    bind(put_meta_, 2, value);
    db_.run(put_meta_);
}

void LedgerJournal::put_control(const ControlState& control) {
    db_.transaction([&] {
        put_meta("degrade_global", control.degrade_global);
        put_meta("control_version", std::int64_t(control.version));
        std::map<std::string, std::int64_t> by_node(control.degrade_by_node.begin(),
                                                    control.degrade_by_node.end());
        for (const auto& [key, value] :
             {std::pair<const char*, std::string>{"limits", control.limits_json},
              {"protection", control.protection_json},
              {"degrade_by_node", encode_counts(by_node)}}) {
            sqlite::Reset reset{put_text_};
            bind(put_text_, 1, std::string_view(key));
            bind(put_text_, 2, value);
            db_.run(put_text_);
        }
    });
}

void LedgerJournal::put_acked_through(std::uint64_t seq) {
    db_.transaction([&] { put_meta("acked_through", std::int64_t(seq)); });
}

}  // namespace seckill::store
