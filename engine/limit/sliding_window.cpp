#include "limit/sliding_window.h"

#include <algorithm>

#include "limit/arithmetic.h"

namespace seckill::limit {

SlidingWindow::SlidingWindow(std::int64_t limit, Millis window_ms)
    : limit_(limit), window_ms_(window_ms) {}

Decision SlidingWindow::first(State& state, Millis now) const {
    state = State{detail::floor_to_multiple(now, window_ms_), 0, 0};
    return check(state, now);
}

Decision SlidingWindow::check(State& state, Millis now) const {
    Millis window_start = detail::floor_to_multiple(now, window_ms_);
    if (window_start == state.window_start + window_ms_) {
        state = State{window_start, 0, state.current};
    } else if (window_start > state.window_start) {
        state = State{window_start, 0, 0};
    }

    Millis into_window = std::clamp<Millis>(now - state.window_start, 0, window_ms_);
    std::int64_t weighted = std::int64_t{state.previous} * (window_ms_ - into_window) +
                            std::int64_t{state.current} * window_ms_;
    if (weighted < limit_ * window_ms_) {
        ++state.current;
        return Decision::allow();
    }
    return Decision::reject(retry_after(state, now));
}

// Solves the admission inequality for the earliest instant it holds again.
Millis SlidingWindow::retry_after(const State& state, Millis now) const {
    std::int64_t previous = state.previous;
    std::int64_t current = state.current;
    if (current < limit_) {
        // Still in this window: previous * (w - e) < (limit - current) * w
        //   <=> e > (previous - limit + current) * w / previous. (previous > 0 here, or the
        // request would have passed.) Past the window's end the old `current` becomes the
        // weighted count and is already below the limit, so the window end is the bound.
        std::int64_t excess = (previous - limit_ + current) * window_ms_;
        Millis into_window = std::min<Millis>(excess / previous + 1, window_ms_);
        return state.window_start + into_window - now;
    }
    // Full without help from the previous window: wait for the next one, where `current`
    // becomes the previous count: current * (w - e) < limit * w  <=>  e > (current - limit) * w /
    // current.
    Millis into_next = (current - limit_) * window_ms_ / current + 1;
    return state.window_start + window_ms_ + into_next - now;
}

}  // namespace seckill::limit
