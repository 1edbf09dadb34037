#pragma once
// Drains the ledger's order events into the order DB on its own thread: read a batch,
// write it in one transaction, then acknowledge. A crash between write and acknowledge
// replays the batch, which the DB's upserts turn into a no-op.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

#include "core/circuit_breaker.h"
#include "store/fault_plan.h"
#include "store/ledger.h"
#include "store/order_db.h"

namespace seckill::store {

class OrderWriter {
  public:
    struct Options {
        std::size_t batch = 1024;
        int idle_poll_ms = 5;  // how long an empty queue is left alone before the next look
        std::string consumer = "writer";  // this writer's name in a shared ledger
        // Injected order DB faults (QA) act on each write here; null: none.
        FaultPlan* faults = nullptr;
        // Open, the writer leaves the order DB alone until it may probe; null: none.
        CircuitBreaker* breaker = nullptr;
    };

    OrderWriter(Ledger& ledger, OrderDb& db, Options options);
    OrderWriter(Ledger& ledger, OrderDb& db) : OrderWriter(ledger, db, Options{}) {}
    ~OrderWriter();

    void start();
    // Stops the thread after writing everything queued at the time of the call.
    void stop();

    // Writes one batch on the calling thread; returns how many events it wrote.
    std::size_t write_batch();
    // Writes until the queue is empty.
    void drain();

    std::uint64_t written() const { return written_.load(std::memory_order_relaxed); }
    // How far behind the writer is: the time since it last saw the queue emptied (a read
    // that found fewer events than a batch), 0 before start. It grows while the DB fails
    // or the breaker holds the writer back, which a queue depth alone cannot tell apart
    // from a burst being written.
    Millis lag_ms() const;
    // The last error the writer met (DB full, locked…); it keeps retrying meanwhile.
    std::string last_error() const;

  private:
    void run();
    void write_to_db(const std::vector<OrderEvent>& events);

    Ledger& ledger_;
    OrderDb& db_;
    Options options_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> written_{0};
    std::atomic<Millis> caught_up_at_{0};  // steady_ms(); 0: not started
    std::thread thread_;
    mutable std::mutex mu_;
    std::condition_variable wake_;
    std::string last_error_;
};

}  // namespace seckill::store
