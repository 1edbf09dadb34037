#pragma once
// A circuit breaker around a dependency (the ledger, the order DB), with the semantics of
// resilience4j and Sentinel's degrade rules: closed, it counts calls, failures and slow
// calls over a sliding window; past a ratio (and a minimum of calls) it opens and callers
// are refused at once without touching the dependency; after the open time it lets a few
// probes through (half-open) and the first probe's result closes or reopens it.
// Time is passed in (milliseconds on a steady clock), so tests drive it without waiting.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace seckill {

struct BreakerSettings {
    bool enabled = true;
    double error_ratio = 0.5;     // open when failed / calls reaches this …
    double slow_ratio = 0.5;      // … or slow / calls reaches this
    std::int64_t slow_ms = 200;   // a call that took longer is slow
    std::int64_t min_calls = 20;  // fewer calls in the window never open it
    std::int64_t window_ms = 10'000;
    std::int64_t open_ms = 2'000;  // refused this long before probing
    std::int64_t probes = 3;       // calls let through while half-open
};

enum class BreakerState : int { closed = 0, open = 1, half_open = 2 };
std::string_view to_string(BreakerState s);

// A change of state and why, for the events log.
struct BreakerTransition {
    BreakerState to = BreakerState::closed;
    std::string reason;  // a sentence with the numbers
    double value = 0;    // the ratio (or probe latency) that decided
};

class CircuitBreaker {
  public:
    explicit CircuitBreaker(BreakerSettings settings = {}) : settings_(settings) {}

    // Replaces the settings; the window starts over and the breaker closes.
    void configure(const BreakerSettings& settings);
    BreakerSettings settings() const;
    // Called once per transition, outside the breaker's lock.
    void on_transition(std::function<void(const BreakerTransition&)> fn);

    // Whether a call may go to the dependency now. One atomic load while closed.
    bool allow(std::int64_t now_ms);
    // Moves an open breaker whose open time is over to half-open. allow() does it too, but
    // a node refusing buys for another reason (a degrade level) calls no allow(), and
    // would otherwise read "open" for good.
    void refresh(std::int64_t now_ms);
    // The outcome of a call that was made.
    void record(bool failed, std::int64_t duration_ms, std::int64_t now_ms);

    BreakerState state() const { return BreakerState(state_.load(std::memory_order_acquire)); }
    // How long a refused caller should wait before trying again.
    std::int64_t retry_after_ms(std::int64_t now_ms) const;
    // Failed calls / calls in the current window (0 without calls).
    double error_ratio(std::int64_t now_ms) const;
    std::uint64_t opened_total() const { return opened_.load(std::memory_order_relaxed); }

  private:
    static constexpr std::size_t bucket_count = 10;
    struct Bucket {
        std::int64_t start = 0;
        std::int64_t calls = 0, failed = 0, slow = 0;
    };
    struct Totals {
        std::int64_t calls = 0, failed = 0, slow = 0;
    };
    Totals totals(std::int64_t now_ms) const;            // mu_ held
    Bucket& bucket(std::int64_t now_ms);                 // mu_ held
    void move_to(BreakerState to, std::int64_t now_ms);  // mu_ held
    void notify(const std::optional<BreakerTransition>& t);

    mutable std::mutex mu_;
    BreakerSettings settings_;
    std::atomic<int> state_{int(BreakerState::closed)};
    std::array<Bucket, bucket_count> buckets_{};
    std::int64_t changed_at_ = 0;  // when the current state began
    std::int64_t permits_ = 0;     // probes let through while half-open
    std::atomic<std::uint64_t> opened_{0};
    std::function<void(const BreakerTransition&)> listener_;
};

}  // namespace seckill
