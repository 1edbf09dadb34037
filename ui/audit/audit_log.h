#pragma once
// Every operator action with when, what, target, result, cluster and operator, in a
// SQLite file next to the order DBs.
#include <string>
#include <vector>

#include "audit/audit_entry.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seckill::ui {

class AuditLog {
  public:
    // Opens or creates the file, adding the columns an older file lacks; throws std::runtime_error
    // with SQLite's message.
    explicit AuditLog(const std::string& path);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Throws when the row cannot be written.
    void append(const AuditEntry& entry);
    // The newest `limit` entries, newest first.
    std::vector<AuditEntry> recent(int limit);
    // Entries recorded between `from` and `to` (UTC), oldest first, at most `limit`.
    std::vector<AuditEntry> between(const QDateTime& from, const QDateTime& to, int limit);

  private:
    void migrate();
    std::vector<AuditEntry> read(sqlite3_stmt* st);
    void exec(const char* sql);
    sqlite3_stmt* prepare(const char* sql);
    [[noreturn]] void fail(const char* what);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    sqlite3_stmt* recent_ = nullptr;
    sqlite3_stmt* between_ = nullptr;
};

}  // namespace seckill::ui
