#pragma once
// At most `limit` requests per window, windows aligned to multiples of the window length
// since the epoch so every node and every key switches windows at the same instant.
// Cheap and easy to explain, at the price of letting 2 * limit through around a boundary.
#include <cstdint>

#include "core/clock.h"
#include "limit/decision.h"

namespace seckill::limit {

class FixedWindow {
  public:
    struct State {
        Millis window_start = 0;
        std::int64_t count = 0;
    };

    FixedWindow(std::int64_t limit, Millis window_ms);

    Decision first(State& state, Millis now) const;
    // A clock that steps back into an earlier window keeps counting against the newest
    // window seen, so stepping the clock cannot reopen a spent window.
    Decision check(State& state, Millis now) const;

  private:
    std::int64_t limit_;
    Millis window_ms_;
};

}  // namespace seckill::limit
