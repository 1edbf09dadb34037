#include "scenario/sqlite_reader.h"

#include <sqlite3.h>

#include <stdexcept>

namespace seckill::scenario {

OrdersFile::OrdersFile(const std::string& path) : path_(path) {
    auto fail = [&](const char* doing) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        close();
        throw std::runtime_error(std::string(doing) + " " + path + ": " + why);
    };
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        fail("cannot open");
    // A writer may hold the lock for a batch; wait for it rather than fail the read.
    sqlite3_busy_timeout(db_, 2000);
    if (sqlite3_prepare_v2(db_, "SELECT user_id, status FROM orders WHERE order_id = ?1", -1,
                           &find_, nullptr) != SQLITE_OK)
        fail("cannot read orders of");
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM orders WHERE sale = ?1", -1, &count_,
                           nullptr) != SQLITE_OK)
        fail("cannot count orders of");
}

OrdersFile::~OrdersFile() { close(); }

void OrdersFile::close() noexcept {
    sqlite3_finalize(find_);
    sqlite3_finalize(count_);
    find_ = count_ = nullptr;
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
}

std::optional<OrderRecord> OrdersFile::find(const std::string& order_id) {
    sqlite3_reset(find_);
    sqlite3_bind_text(find_, 1, order_id.data(), int(order_id.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(find_);
    if (rc == SQLITE_DONE) return std::nullopt;
    if (rc != SQLITE_ROW) throw std::runtime_error("reading " + path_ + ": " + sqlite3_errmsg(db_));
    auto text = [&](int col) {
        const auto* p = sqlite3_column_text(find_, col);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    };
    OrderRecord r{text(0), text(1)};
    sqlite3_reset(find_);
    return r;
}

std::int64_t OrdersFile::count(const std::string& sale) {
    sqlite3_reset(count_);
    sqlite3_bind_text(count_, 1, sale.data(), int(sale.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(count_) != SQLITE_ROW)
        throw std::runtime_error("counting " + path_ + ": " + sqlite3_errmsg(db_));
    const std::int64_t n = sqlite3_column_int64(count_, 0);
    sqlite3_reset(count_);
    return n;
}

}  // namespace seckill::scenario
