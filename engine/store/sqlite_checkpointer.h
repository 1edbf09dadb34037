#pragma once
// Moves a WAL database's checkpoints off the thread that commits. SQLite's own
// auto-checkpoint runs inside the COMMIT that crosses 1000 WAL pages: it copies the pages
// back into the database and, at synchronous=NORMAL, fsyncs twice — measured at 3–11 ms a
// time, about three times a second on the success path, inside the embedded ledger's mutex
// (so every buyer waited). Here the writer's connection only counts its WAL (a wal_hook)
// and wakes this thread, which checkpoints on a connection of its own while the writer
// goes on appending.
//
// A PASSIVE checkpoint cannot reset a WAL that is appended to while it runs, so under a
// steady stream of commits the file would only grow. Past `restart_pages`, once a PASSIVE
// pass has copied every frame, this thread runs a RESTART checkpoint: it holds new writers
// off for at most its 20 ms busy timeout (usually far less: nothing is left to copy), and
// the next commit writes the WAL from its beginning again, so the file stays near
// `restart_pages` (it is removed when the database closes cleanly). When it cannot (a reader
// stays in the WAL), it is tried again every second. (TRUNCATE, which also cuts the file
// back, was measured: its truncation while writers wait raised the success path's p99 from
// 4 to 22 ms.)
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace seckill::store::sqlite {

struct CheckpointPolicy {
    int wake_pages = 1000;      // WAL growth that starts a checkpoint (SQLite's own threshold)
    int restart_pages = 16384;  // WAL size that also restarts it: 64 MiB of 4 KiB pages
};

class Checkpointer {
  public:
    // Opens its own connection to `path` (a WAL database) and starts its thread; throws
    // std::runtime_error naming `what` when it cannot.
    Checkpointer(const std::string& path, std::string what, CheckpointPolicy policy = {});
    ~Checkpointer();  // stops the thread and closes the connection
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    // The writer's WAL now holds `pages` pages (from its wal_hook; cheap, never blocks on
    // a checkpoint).
    void wal_grew(int pages);

    std::uint64_t checkpoints() const { return checkpoints_.load(std::memory_order_relaxed); }
    std::uint64_t restarts() const { return restarts_.load(std::memory_order_relaxed); }

  private:
    void run();
    // False when a restart was owed (the WAL past restart_pages) and did not happen.
    bool checkpoint(int pages);

    std::string what_;
    const CheckpointPolicy policy_;
    sqlite3* db_ = nullptr;
    std::mutex mu_;
    std::condition_variable wake_;
    int pages_ = 0;         // the WAL's size as the writer last reported it
    int checkpointed_ = 0;  // its size when the last checkpoint began
    bool stopping_ = false;
    bool restart_owed_ = false;
    std::atomic<std::uint64_t> checkpoints_{0};
    std::atomic<std::uint64_t> restarts_{0};
    std::thread thread_;
};

}  // namespace seckill::store::sqlite
