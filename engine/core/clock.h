#pragma once
// Time for everything that expires, limits or times out. Code takes a Clock& so tests
// drive deadlines and limiter refills by hand instead of sleeping.
#include <atomic>
#include <cstdint>

namespace seckill {

// Milliseconds since the Unix epoch. Wall time, not steady time: reservation deadlines
// are shared between nodes through the ledger, so every node must read the same scale.
using Millis = std::int64_t;

// Milliseconds on the steady clock, for what measures real elapsed time on one node
// (breaker windows, degrade hold times), never shared between nodes.
Millis steady_ms();

class Clock {
  public:
    virtual ~Clock() = default;
    virtual Millis now_ms() const = 0;
};

class SystemClock final : public Clock {
  public:
    Millis now_ms() const override;
    static SystemClock& instance();
};

// A clock that moves only when told to; safe to read from many threads.
class ManualClock final : public Clock {
  public:
    // Starts in 2025, after the order id epoch, so ids made on it decode to real times.
    explicit ManualClock(Millis start = 1'750'000'000'000) : now_(start) {}
    Millis now_ms() const override { return now_.load(std::memory_order_relaxed); }
    void set(Millis t) { now_.store(t, std::memory_order_relaxed); }
    void advance(Millis d) { now_.fetch_add(d, std::memory_order_relaxed); }

  private:
    std::atomic<Millis> now_;
};

}  // namespace seckill
