#include "limit/token_bucket.h"

#include <algorithm>

#include "limit/arithmetic.h"

namespace seckill::limit {

TokenBucket::TokenBucket(MilliRate rate, std::int64_t capacity)
    : rate_(rate), capacity_tokens_(detail::saturating_multiply(capacity, one_token)) {}

Decision TokenBucket::first(State& state, Millis now) const {
    state = State{capacity_tokens_, now};
    return check(state, now);
}

Decision TokenBucket::check(State& state, Millis now) const {
    if (now > state.last) {
        std::int64_t refill = detail::saturating_multiply(rate_, now - state.last);
        std::int64_t room = capacity_tokens_ - state.tokens;
        state.tokens += std::min(refill, room);
    }
    state.last = now;

    if (state.tokens >= one_token) {
        state.tokens -= one_token;
        return Decision::allow();
    }
    return Decision::reject(detail::ceil_divide(one_token - state.tokens, rate_));
}

}  // namespace seckill::limit
