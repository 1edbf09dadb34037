#pragma once
// The order DB operators query: SQLite, table `orders` keyed by order_id. Written only by
// the order writer, in batches, with upserts that make replaying an event a no-op.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/types.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckill::store {

class OrderDb {
public:
    // Opens or creates the file; throws std::runtime_error with SQLite's message.
    explicit OrderDb(const std::string& path);
    ~OrderDb();
    OrderDb(const OrderDb&) = delete;
    OrderDb& operator=(const OrderDb&) = delete;

    // One transaction for the whole batch. An event older than what the row already
    // reflects (by ledger seq) is ignored, so the same events twice give the same DB.
    void apply(std::span<const OrderEvent> events);

    std::optional<Order> find(std::string_view order_id);
    std::int64_t count_orders(std::string_view sale);
    std::map<OrderStatus, std::int64_t> count_by_status(std::string_view sale);

private:
    void close();
    void exec(const char* sql);
    sqlite3_stmt* prepare(const char* sql);

    std::mutex mu_;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* upsert_ = nullptr;
    sqlite3_stmt* find_ = nullptr;
    sqlite3_stmt* count_ = nullptr;
    sqlite3_stmt* by_status_ = nullptr;
};

}  // namespace seckill::store
