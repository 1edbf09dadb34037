#include "limit/leaky_bucket.h"

#include "limit/arithmetic.h"

namespace seckill::limit {

LeakyBucket::LeakyBucket(MilliRate rate, std::int64_t burst, std::int64_t undelayed)
    : rate_(rate),
      burst_excess_(detail::saturating_multiply(burst, 1000)),
      undelayed_excess_(detail::saturating_multiply(undelayed, 1000)) {}

Decision LeakyBucket::first(State& state, Millis now) const {
    state = State{0, now};
    return Decision::allow();
}

Decision LeakyBucket::check(State& state, Millis now) const {
    // A clock stepped back by up to a minute freezes the drain instead of refilling the
    // bucket; a larger step is taken as a reset of the clock and drains one millisecond.
    Millis elapsed = now - state.last;
    if (elapsed < -60'000) {
        elapsed = 1;
    } else if (elapsed < 0) {
        elapsed = 0;
    }

    std::int64_t drained = detail::saturating_multiply(rate_, elapsed) / 1000;
    std::int64_t excess = state.excess - drained + 1000;
    if (excess < 0) excess = 0;

    if (excess > burst_excess_) {
        // Earliest time this request would pass: drained must reach `needed`, and
        // rate * t / 1000 >= needed holds from t = ceil(needed * 1000 / rate). The drain is
        // measured from `last`, so a clock behind `last` also waits to catch up.
        std::int64_t needed = state.excess + 1000 - burst_excess_;
        Millis drain_time = detail::ceil_divide(detail::saturating_multiply(needed, 1000), rate_);
        return Decision::reject(state.last + drain_time - now);
    }

    state.excess = excess;
    if (elapsed != 0) state.last = now;

    if (excess <= undelayed_excess_) return Decision::allow();
    return Decision::allow((excess - undelayed_excess_) * 1000 / rate_);
}

}  // namespace seckill::limit
