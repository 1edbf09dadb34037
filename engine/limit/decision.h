#pragma once
// The answer every limiter gives, so the HTTP layer maps any of them to a reply the same way:
// allowed (possibly after a delay, nginx-style) or rejected with a Retry-After hint.
#include "core/clock.h"

namespace seckill::limit {

struct Decision {
    bool allowed = true;
    // How long nginx would hold the request before serving it; 0 = serve now.
    Millis delay_ms = 0;
    // For a rejection: how long until the same request would pass (>= 1). Callers round it up
    // to whole seconds for the Retry-After header.
    Millis retry_after_ms = 0;

    static Decision allow(Millis delay = 0) { return Decision{true, delay, 0}; }
    static Decision reject(Millis retry_after) {
        return Decision{false, 0, retry_after < 1 ? 1 : retry_after};
    }
    bool operator==(const Decision&) const = default;
};

}  // namespace seckill::limit
