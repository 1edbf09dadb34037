#include "audit/audit_log.h"

#include <sqlite3.h>

#include <stdexcept>

namespace seckill::ui {
namespace {

QString column_text(sqlite3_stmt* st, int col) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
    return text ? QString::fromUtf8(text) : QString();
}

void bind(sqlite3_stmt* st, int i, const QString& s) {
    const QByteArray utf8 = s.toUtf8();
    sqlite3_bind_text(st, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

}  // namespace

AuditLog::AuditLog(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("audit log " + path + ": " + msg);
    }
    try {
        // WAL without a sync per commit: an action's row costs no fsync on the UI thread,
        // and a power cut loses at most the last few rows, never the file.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec(
            "CREATE TABLE IF NOT EXISTS audit ("
            "id INTEGER PRIMARY KEY, at TEXT NOT NULL, what TEXT NOT NULL, target TEXT NOT NULL,"
            "ok INTEGER NOT NULL, message TEXT NOT NULL,"
            "cluster TEXT NOT NULL DEFAULT '', operator TEXT NOT NULL DEFAULT '')");
        migrate();
        insert_ = prepare(
            "INSERT INTO audit (at, what, target, ok, message, cluster, operator) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        recent_ = prepare(
            "SELECT at, what, target, ok, message, cluster, operator FROM audit ORDER BY id DESC "
            "LIMIT ?");
        // `at` is ISO 8601 UTC with milliseconds throughout, so text order is time order.
        between_ = prepare(
            "SELECT at, what, target, ok, message, cluster, operator FROM audit "
            "WHERE at BETWEEN ? AND ? ORDER BY id LIMIT ?");
    } catch (...) {
        sqlite3_finalize(insert_);
        sqlite3_finalize(recent_);
        sqlite3_close(db_);
        throw;
    }
}

AuditLog::~AuditLog() {
    sqlite3_finalize(insert_);
    sqlite3_finalize(recent_);
    sqlite3_finalize(between_);
    sqlite3_close(db_);
}

void AuditLog::migrate() {
    // Files written before cluster and operator were recorded: their rows keep '' there,
    // which reads as "not known" rather than as a made-up value.
    sqlite3_stmt* info = prepare("PRAGMA table_info(audit)");
    bool has_cluster = false, has_operator = false;
    while (sqlite3_step(info) == SQLITE_ROW) {
        const QString name = column_text(info, 1);
        has_cluster = has_cluster || name == QLatin1String("cluster");
        has_operator = has_operator || name == QLatin1String("operator");
    }
    sqlite3_finalize(info);
    if (!has_cluster) exec("ALTER TABLE audit ADD COLUMN cluster TEXT NOT NULL DEFAULT ''");
    if (!has_operator) exec("ALTER TABLE audit ADD COLUMN operator TEXT NOT NULL DEFAULT ''");
}

void AuditLog::append(const AuditEntry& e) {
    sqlite3_reset(insert_);
    bind(insert_, 1, e.when.toUTC().toString(Qt::ISODateWithMs));
    bind(insert_, 2, e.what);
    bind(insert_, 3, e.target);
    // 1 ok, 0 failed, 2 unknown: the reply was lost, and a re-checked row with the real
    // outcome follows (BackendWorker::submitChecked).
    sqlite3_bind_int(insert_, 4, e.unknown ? 2 : e.ok ? 1 : 0);
    bind(insert_, 5, e.message);
    bind(insert_, 6, e.cluster);
    bind(insert_, 7, e.operator_name);
    if (sqlite3_step(insert_) != SQLITE_DONE) fail("audit log write");
}

std::vector<AuditEntry> AuditLog::recent(int limit) {
    sqlite3_reset(recent_);
    sqlite3_bind_int(recent_, 1, limit);
    return read(recent_);
}

std::vector<AuditEntry> AuditLog::between(const QDateTime& from, const QDateTime& to, int limit) {
    sqlite3_reset(between_);
    bind(between_, 1, from.toUTC().toString(Qt::ISODateWithMs));
    bind(between_, 2, to.toUTC().toString(Qt::ISODateWithMs));
    sqlite3_bind_int(between_, 3, limit);
    return read(between_);
}

std::vector<AuditEntry> AuditLog::read(sqlite3_stmt* st) {
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        AuditEntry e;
        e.when = QDateTime::fromString(column_text(st, 0), Qt::ISODateWithMs);
        e.what = column_text(st, 1);
        e.target = column_text(st, 2);
        const int result = sqlite3_column_int(st, 3);
        e.ok = result == 1;
        e.unknown = result == 2;
        e.message = column_text(st, 4);
        e.cluster = column_text(st, 5);
        e.operator_name = column_text(st, 6);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) fail("audit log read");
    return out;
}

void AuditLog::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
}

sqlite3_stmt* AuditLog::prepare(const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) fail(sql);
    return st;
}

void AuditLog::fail(const char* what) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
}

}  // namespace seckill::ui
