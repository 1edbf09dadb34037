#include "store/sqlite_checkpointer.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "core/log.h"
#include "core/thread_name.h"

namespace seckill::store::sqlite {

Checkpointer::Checkpointer(const std::string& path, std::string what, CheckpointPolicy policy)
    : what_(std::move(what)), policy_(policy) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open " + what_ + " " + path + " to checkpoint it: " + msg);
    }
    // Short: a RESTART checkpoint holds new writers off while it waits (for readers, or a
    // transaction in progress), and the ledger's commits wait behind it. Past this it gives
    // up and is tried again later; a reader that stays (an operator's open transaction)
    // then costs the WAL's size, never the writer's time.
    sqlite3_busy_timeout(db_, 20);
    // A connection learns the file is in WAL mode when it first reads it; until then a
    // checkpoint does nothing (and says -1 pages).
    if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string msg = sqlite3_errmsg(db_);
        sqlite3_close(db_);
        throw std::runtime_error("cannot checkpoint " + what_ + " " + path + ": " + msg);
    }
    thread_ = std::thread([this] {
        name_this_thread("seckill-ckpt");
        run();
    });
}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // The writer's connection, closed after this one, checkpoints what is left.
    sqlite3_close(db_);
}

void Checkpointer::wal_grew(int pages) {
    bool due;
    {
        std::lock_guard lock(mu_);
        if (pages < checkpointed_) checkpointed_ = 0;  // the WAL started over
        pages_ = pages;
        due = pages_ - checkpointed_ >= policy_.wake_pages;
    }
    if (due) wake_.notify_one();
}

void Checkpointer::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        auto due = [this] { return stopping_ || pages_ - checkpointed_ >= policy_.wake_pages; };
        // A restart that could not happen is tried again each second, not only when the
        // WAL has grown another wake_pages.
        if (restart_owed_)
            wake_.wait_for(lock, std::chrono::seconds(1), due);
        else
            wake_.wait(lock, due);
        if (stopping_) return;
        const int pages = std::max(pages_, restart_owed_ ? policy_.restart_pages : 0);
        checkpointed_ = pages_;
        lock.unlock();
        const bool owed = !checkpoint(pages);
        lock.lock();
        restart_owed_ = owed;
    }
}

bool Checkpointer::checkpoint(int pages) {
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    bool restarted = pages < policy_.restart_pages;  // nothing owed below the restart size
    // Only once the PASSIVE pass copied every frame: the RESTART then has nothing left to
    // copy, and holds the writer only for its bookkeeping.
    if (rc == SQLITE_OK && !restarted && log >= 0 && done == log) {
        rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &done);
        restarted = rc == SQLITE_OK;
        if (restarted) restarts_.fetch_add(1, std::memory_order_relaxed);
    }
    if (rc == SQLITE_OK) {
        checkpoints_.fetch_add(1, std::memory_order_relaxed);
    } else if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
        // A full disk, an I/O error: the WAL keeps the commits (nothing is lost), it only
        // grows; the writer's own statements report the disk's state to their callers.
        log::warn(
            "checkpoint_failed",
            {{"db", what_}, {"why", sqlite3_errmsg(db_)}, {"wal_pages", std::to_string(log)}});
    }
    return restarted;
}

}  // namespace seckill::store::sqlite
