#pragma once
// Every operator action with when, what, target and result, in a SQLite file next to the
// order DBs, so "who paused the sale?" has an answer after the console is closed.
#include <string>
#include <vector>

#include "backend/action_result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckill::ui {

class AuditLog {
public:
    // Opens or creates the file; throws std::runtime_error with SQLite's message.
    explicit AuditLog(const std::string& path);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Throws when the row cannot be written.
    void append(const ActionResult& entry);
    // The newest `limit` entries, newest first.
    std::vector<ActionResult> recent(int limit);

private:
    void exec(const char* sql);
    sqlite3_stmt* prepare(const char* sql);
    [[noreturn]] void fail(const char* what);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    sqlite3_stmt* recent_ = nullptr;
};

}  // namespace seckill::ui
