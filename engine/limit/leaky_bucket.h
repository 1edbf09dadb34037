#pragma once
// nginx limit_req, arithmetic for arithmetic (ngx_http_limit_req_module.c): the bucket holds
// "excess" in thousandths of a request, drains at `rate` and admits a request while the
// excess stays within burst * 1000. Matching nginx exactly lets operators reuse the numbers
// they already tuned for their edge proxies.
#include <cstdint>
#include <limits>

#include "core/clock.h"
#include "limit/decision.h"
#include "limit/rate.h"

namespace seckill::limit {

class LeakyBucket {
  public:
    // nginx's ngx_http_limit_req_node_t minus the tree and queue links the table keeps itself.
    struct State {
        std::int64_t excess = 0;  // thousandths of a request above the steady rate
        Millis last = 0;          // when excess was last drained
    };

    // How many queued requests pass without waiting (nginx's delay=N): nodelay passes them
    // all, plain limit_req (delay 0) delays every request with excess.
    static constexpr std::int64_t no_delay_ever = std::numeric_limits<std::int32_t>::max();

    // `undelayed` is N of delay=N, 0 for plain limit_req, or no_delay_ever for nodelay.
    LeakyBucket(MilliRate rate, std::int64_t burst, std::int64_t undelayed = 0);

    // A key seen for the first time: nginx creates the node with excess 0 and serves the
    // request without charging it, so the first request never waits.
    Decision first(State& state, Millis now) const;
    // Every later request. A rejection leaves the state untouched, as in nginx.
    Decision check(State& state, Millis now) const;

    MilliRate rate() const { return rate_; }

  private:
    MilliRate rate_;
    std::int64_t burst_excess_;      // burst * 1000
    std::int64_t undelayed_excess_;  // delay * 1000
};

}  // namespace seckill::limit
