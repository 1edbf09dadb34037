#pragma once
// The embedded ledger's durable state: SQLite (WAL) beside the order DB. MemoryLedger
// writes every change a buyer or operator can be told about here before it answers, one
// transaction per call (so a commit batch costs one transaction, not one per buy), and
// rebuilds itself from it at start. Leases are not kept: every node of an embedded ledger
// lives in the process that holds it, so after a restart no node holds a unit and the
// pool is total − reserved − paid.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "store/sqlite_db.h"
#include "store/types.h"

namespace seckill::store {

struct JournaledSale {
    SaleConfig config;
    SaleState stored_state = SaleState::scheduled;
    std::map<std::string, std::int64_t> allocation;
};

struct JournaledOrder {
    Order order;                    // queue_position is not kept
    std::uint64_t created_seq = 0;  // seq of the event that created it
    std::uint64_t seq = 0;          // seq of its latest event
};

// Everything load() returns: the ledger as the last committed transaction left it.
struct LedgerImage {
    std::vector<JournaledSale> sales;
    std::vector<JournaledOrder> orders;
    ControlState control;
    // Every event up to this seq is in the order DB; later ones are queued again.
    std::uint64_t acked_through = 0;
};

class LedgerJournal {
  public:
    LedgerJournal(const std::string& path, sqlite::Durability durability);

    LedgerImage load();

    // Each call is its own transaction; throws std::runtime_error when it could not be
    // stored (disk full, I/O error), in which case nothing of it was stored.
    void put_sale(const JournaledSale& sale);
    void put_orders(std::span<const JournaledOrder> orders);
    void put_control(const ControlState& control);
    void put_acked_through(std::uint64_t seq);

  private:
    void put_meta(const char* key, std::int64_t value);

    sqlite::Database db_;
    sqlite3_stmt* put_sale_;
    sqlite3_stmt* put_order_;
    sqlite3_stmt* put_meta_;
    sqlite3_stmt* put_text_;
};

}  // namespace seckill::store
