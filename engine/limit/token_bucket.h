#pragma once
// A token bucket: `capacity` requests may pass back to back, then one per 1/rate seconds.
// Unlike the leaky bucket it never delays; it answers now or rejects.
#include <cstdint>

#include "core/clock.h"
#include "limit/decision.h"
#include "limit/rate.h"

namespace seckill::limit {

class TokenBucket {
  public:
    // Tokens are counted in millionths of a request: the rate is in thousandths per second
    // and time in milliseconds, so rate * elapsed is an exact refill with no remainder to
    // drop. (In thousandths, a slow rate checked every millisecond would never refill.)
    static constexpr std::int64_t one_token = 1'000'000;

    struct State {
        std::int64_t tokens = 0;  // millionths of a request
        Millis last = 0;          // when tokens were last refilled
    };

    TokenBucket(MilliRate rate, std::int64_t capacity);

    // A new key starts with a full bucket.
    Decision first(State& state, Millis now) const;
    // A clock that steps back refills nothing and re-bases `last`, so the bucket does not
    // stall until the clock catches up again.
    Decision check(State& state, Millis now) const;

  private:
    MilliRate rate_;
    std::int64_t capacity_tokens_;  // capacity * one_token
};

}  // namespace seckill::limit
