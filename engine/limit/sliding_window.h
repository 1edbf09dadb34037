#pragma once
// The sliding-window counter Cloudflare describes: keep the counts of the current and the
// previous fixed window and estimate the last window_ms as
//     previous * (time of the previous window still inside the last window_ms) / window_ms
//     + current,
// admitting a request while that estimate is below `limit`. Nearly as smooth as a log of
// timestamps, in 16 bytes per key, and without the fixed window's 2x burst at boundaries.
#include <cstdint>

#include "core/clock.h"
#include "limit/decision.h"

namespace seckill::limit {

class SlidingWindow {
  public:
    struct State {
        Millis window_start = 0;    // start of the current fixed window
        std::int32_t current = 0;   // requests admitted in the current window
        std::int32_t previous = 0;  // requests admitted in the window before it
    };

    // limit fits in 32 bits (rule validation caps it at 10^9).
    SlidingWindow(std::int64_t limit, Millis window_ms);

    Decision first(State& state, Millis now) const;
    // The comparison is done multiplied through by window_ms, so the estimate is exact
    // integer arithmetic. A clock behind the current window counts as its first instant,
    // where the previous window weighs the most, so stepping back cannot buy requests.
    Decision check(State& state, Millis now) const;

  private:
    Millis retry_after(const State& state, Millis now) const;

    std::int64_t limit_;
    Millis window_ms_;
};

}  // namespace seckill::limit
