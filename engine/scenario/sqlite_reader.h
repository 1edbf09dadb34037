#pragma once
// Reads orders out of a SQLite file another process writes (the order DB, the embedded
// ledger's journal — both keep `orders(order_id, sale, user_id, status)`), opened
// read-only so the runner can never change what it judges.
#include <cstdint>
#include <optional>
#include <string>

#include "scenario/verdict.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckill::scenario {

class OrdersFile {
  public:
    // Throws std::runtime_error naming the file when it cannot be opened.
    explicit OrdersFile(const std::string& path);
    ~OrdersFile();
    OrdersFile(const OrdersFile&) = delete;
    OrdersFile& operator=(const OrdersFile&) = delete;

    std::optional<OrderRecord> find(const std::string& order_id);
    std::int64_t count(const std::string& sale);

  private:
    void close() noexcept;

    sqlite3* db_ = nullptr;
    sqlite3_stmt* find_ = nullptr;
    sqlite3_stmt* count_ = nullptr;
    std::string path_;
};

}  // namespace seckill::scenario
