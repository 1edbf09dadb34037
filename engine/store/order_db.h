#pragma once
// The order DB operators query: SQLite, table `orders` keyed by order_id. Written only by
// the order writer, in batches, with upserts that make replaying an event a no-op.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/order_tally.h"
#include "store/sqlite_db.h"
#include "store/types.h"

namespace seckill::store {

class OrderDb final : public OrderTally {
  public:
    // Opens or creates the file; throws std::runtime_error with SQLite's message.
    explicit OrderDb(const std::string& path,
                     sqlite::Durability durability = sqlite::Durability::process_crash);

    // One transaction for the whole batch. An event older than what the row already
    // reflects (by ledger seq) is ignored, so the same events twice give the same DB.
    // An event whose order id is already stored for another buyer or sale never
    // overwrites that row: it goes to `order_conflicts` and is counted (a ledger that lost
    // its data handed the id out twice; both buyers' records are kept for operators).
    void apply(std::span<const OrderEvent> events);

    std::optional<Order> find(std::string_view order_id);
    // The row and when it first reached the DB (0: a row written before that was kept).
    struct StoredOrder {
        Order order;
        Millis written_at = 0;
    };
    std::optional<StoredOrder> find_stored(std::string_view order_id);
    std::int64_t count_orders(std::string_view sale) override;
    std::map<OrderStatus, std::int64_t> count_by_status(std::string_view sale);
    // Events refused because their id belonged to another buyer: for one sale, and in all.
    std::int64_t count_conflicts(std::string_view sale) override;
    // The highest ledger seq stored (0 when empty).
    std::uint64_t max_seq();
    std::int64_t conflicts_total() const { return conflicts_.load(std::memory_order_relaxed); }

  private:
    void add_new_columns();
    void record_conflict(const OrderEvent& e);

    std::mutex mu_;
    sqlite::Database db_;
    sqlite3_stmt* upsert_;
    sqlite3_stmt* owner_;
    sqlite3_stmt* conflict_;
    sqlite3_stmt* find_;
    sqlite3_stmt* count_;
    sqlite3_stmt* by_status_;
    sqlite3_stmt* conflicts_of_sale_;
    std::atomic<std::int64_t> conflicts_{0};
};

}  // namespace seckill::store
