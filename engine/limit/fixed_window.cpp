#include "limit/fixed_window.h"

#include "limit/arithmetic.h"

namespace seckill::limit {

FixedWindow::FixedWindow(std::int64_t limit, Millis window_ms)
    : limit_(limit), window_ms_(window_ms) {}

Decision FixedWindow::first(State& state, Millis now) const {
    state = State{detail::floor_to_multiple(now, window_ms_), 0};
    return check(state, now);
}

Decision FixedWindow::check(State& state, Millis now) const {
    Millis window_start = detail::floor_to_multiple(now, window_ms_);
    if (window_start > state.window_start) state = State{window_start, 0};

    if (state.count < limit_) {
        ++state.count;
        return Decision::allow();
    }
    return Decision::reject(state.window_start + window_ms_ - now);
}

}  // namespace seckill::limit
