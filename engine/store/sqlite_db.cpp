#include "store/sqlite_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <stdexcept>

namespace seckill::store::sqlite {

Database::Database(const std::string& path, std::string what, Durability durability,
                   CheckpointPolicy checkpoints)
    : what_(std::move(what)) {
    // SQLite creates files with the process umask (often 0644); create it first so user
    // ids and orders are never readable by other accounts, whatever the umask.
    if (const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0)
        ::close(fd);
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open " + what_ + " " + path + ": " + msg);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);
        // WAL lets operators read while the node writes.
        exec("PRAGMA journal_mode=WAL");
        exec(durability == Durability::power_loss ? "PRAGMA synchronous=FULL"
                                                  : "PRAGMA synchronous=NORMAL");
        // Checkpoints run on their own thread (see Checkpointer); this hook replaces
        // SQLite's auto-checkpoint on this connection.
        checkpointer_ = std::make_unique<Checkpointer>(path, what_, checkpoints);
        sqlite3_wal_hook(
            db_,
            [](void* checkpointer, sqlite3*, const char*, int pages) {
                static_cast<Checkpointer*>(checkpointer)->wal_grew(pages);
                return SQLITE_OK;
            },
            checkpointer_.get());
        begin_ = prepare("BEGIN IMMEDIATE");
        commit_ = prepare("COMMIT");
    } catch (...) {
        close();  // a destructor does not run for a constructor that threw
        throw;
    }
}

Database::~Database() { close(); }

void Database::close() noexcept {
    if (db_) sqlite3_wal_hook(db_, nullptr, nullptr);
    checkpointer_.reset();  // first: this connection's close checkpoints what is left
    for (auto* s : statements_) sqlite3_finalize(s);
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
}

void Database::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(what_ + ": " + msg);
    }
}

sqlite3_stmt* Database::prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
        fail("prepare");
    statements_.push_back(s);
    return s;
}

void Database::run(sqlite3_stmt* stmt) {
    if (sqlite3_step(stmt) != SQLITE_DONE) fail("write");
}

void Database::step_once(sqlite3_stmt* stmt, std::string_view doing) {
    Reset reset{stmt};
    if (sqlite3_step(stmt) != SQLITE_DONE) fail(doing);
}

void Database::fail(std::string_view doing) {
    throw std::runtime_error(what_ + " " + std::string(doing) + ": " + sqlite3_errmsg(db_));
}

void Database::rollback() noexcept { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

Reset::~Reset() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

void bind(sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
}

void bind(sqlite3_stmt* s, int i, std::int64_t v) { sqlite3_bind_int64(s, i, sqlite3_int64(v)); }

void bind_null(sqlite3_stmt* s, int i) { sqlite3_bind_null(s, i); }

std::string column_text(sqlite3_stmt* s, int i) {
    const auto* p = sqlite3_column_text(s, i);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
}

std::int64_t column_int(sqlite3_stmt* s, int i) { return sqlite3_column_int64(s, i); }

bool column_is_null(sqlite3_stmt* s, int i) { return sqlite3_column_type(s, i) == SQLITE_NULL; }

}  // namespace seckill::store::sqlite
