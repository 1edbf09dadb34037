#pragma once
// The few SQLite chores the order DB and the ledger journal share: open a file private to
// its owner in WAL mode, run statements, keep prepared ones, and turn errors into
// exceptions that say which database failed.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite_checkpointer.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckill::store::sqlite {

// How much a commit survives. Both survive a crash of the process (kill -9): WAL frames
// are in the OS page cache. Only `power_loss` waits for the disk (fsync on every commit).
enum class Durability { process_crash, power_loss };

class Database {
  public:
    // Creates the file 0600 when it does not exist (it holds user ids); throws
    // std::runtime_error naming `what` and the path on failure.
    Database(const std::string& path, std::string what, Durability durability,
             CheckpointPolicy checkpoints = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const char* sql);
    // Prepared once, finalized by the destructor.
    sqlite3_stmt* prepare(const char* sql);
    // Steps a statement that returns no rows; throws on anything but SQLITE_DONE.
    void run(sqlite3_stmt* stmt);
    [[noreturn]] void fail(std::string_view doing);
    sqlite3* handle() const { return db_; }
    const Checkpointer& checkpointer() const { return *checkpointer_; }

    // BEGIN IMMEDIATE … COMMIT around `body`; ROLLBACK and rethrow if it throws.
    template <class F>
    void transaction(F&& body) {
        step_once(begin_, "begin");
        try {
            body();
            step_once(commit_, "commit");
        } catch (...) {
            rollback();
            throw;
        }
    }

  private:
    // BEGIN and COMMIT are prepared once rather than parsed by sqlite3_exec for every
    // transaction: one pair per commit batch and per order-writer batch.
    void step_once(sqlite3_stmt* stmt, std::string_view doing);
    void rollback() noexcept;
    void close() noexcept;

    sqlite3* db_ = nullptr;
    std::string what_;
    std::unique_ptr<Checkpointer> checkpointer_;
    std::vector<sqlite3_stmt*> statements_;
    sqlite3_stmt* begin_ = nullptr;
    sqlite3_stmt* commit_ = nullptr;
};

// Leaves a prepared statement reusable on every path out of a scope, errors included.
struct Reset {
    sqlite3_stmt* stmt;
    ~Reset();
};

void bind(sqlite3_stmt* s, int i, std::string_view v);
void bind(sqlite3_stmt* s, int i, std::int64_t v);
void bind_null(sqlite3_stmt* s, int i);
std::string column_text(sqlite3_stmt* s, int i);
std::int64_t column_int(sqlite3_stmt* s, int i);
bool column_is_null(sqlite3_stmt* s, int i);

}  // namespace seckill::store::sqlite
