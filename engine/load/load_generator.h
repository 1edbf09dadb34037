#pragma once
// Drives a sale over HTTP: keep-alive connections on one io_context, buys paced by the
// profile, winners paying or cancelling after a think time. Stops by itself when the
// duration is over (or stop() is called) and reports what it saw.
#include <atomic>
#include <memory>

#include "load/load_options.h"
#include "load/load_report.h"

namespace seckill::load {

class LoadGenerator {
  public:
    explicit LoadGenerator(LoadOptions options);
    ~LoadGenerator();

    // Runs on the calling thread until the duration is over or stop() is called.
    LoadReport run();
    // Thread-safe: ends a run early; the report covers what was sent so far.
    void stop();
    // Thread-safe: holds the crowd (no buy, pay or cancel goes out; answers on the way are
    // still read) and lets it go on where it stopped. The held time moves the run's end
    // and is not counted in the report's seconds, so a paused run sends its whole schedule.
    void pause(bool on);

    // Live counters a dashboard can read while run() is going.
    std::int64_t sent() const { return sent_.load(std::memory_order_relaxed); }

    struct Impl;

  private:
    LoadOptions options_;
    std::atomic<std::int64_t> sent_{0};
    std::unique_ptr<Impl> impl_;
};

}  // namespace seckill::load
