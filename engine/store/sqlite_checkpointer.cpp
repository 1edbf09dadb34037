#include "store/sqlite_checkpointer.h"

#include <sqlite3.h>

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
    // A RESTART waits here for the writer's transaction in progress (a few ms).
    sqlite3_busy_timeout(db_, 5000);
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
        wake_.wait(lock,
                   [this] { return stopping_ || pages_ - checkpointed_ >= policy_.wake_pages; });
        if (stopping_) return;
        const int pages = pages_;
        checkpointed_ = pages;
        lock.unlock();
        checkpoint(pages);
        lock.lock();
    }
}

void Checkpointer::checkpoint(int pages) {
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc == SQLITE_OK && pages >= policy_.restart_pages) {
        rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &done);
        if (rc == SQLITE_OK) restarts_.fetch_add(1, std::memory_order_relaxed);
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
}

}  // namespace seckill::store::sqlite
