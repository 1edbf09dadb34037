#pragma once
// The node's counters: requests by route and status, buys by outcome, latency by route.
// Bumped from every io thread without locks (per-thread shards, see core/metrics).
#include <array>
#include <cstdint>
#include <string_view>

#include "core/metrics/counter.h"
#include "core/metrics/histogram.h"
#include "node/buy_result.h"

namespace seckill::node {

enum class Route { buy, sale, order, pay, cancel, admin, healthz, readyz, metrics, unknown };
inline constexpr std::size_t route_count = 10;
std::string_view to_string(Route r);

class NodeMetrics {
  public:
    // The status codes API v1 answers with; anything else is counted as "other".
    static constexpr std::array<int, 16> statuses{200, 201, 400, 401, 403, 404, 405, 408,
                                                  409, 410, 413, 429, 431, 500, 503, 0};

    void record_request(Route route, int status, std::uint64_t micros);
    void record_buy(BuyOutcome outcome) { buys_[std::size_t(outcome)].add(); }

    std::uint64_t requests(Route route, int status) const;
    std::uint64_t buys(BuyOutcome outcome) const { return buys_[std::size_t(outcome)].value(); }
    std::uint64_t total_requests() const;
    const metrics::Histogram& latency(Route route) const { return latency_[std::size_t(route)]; }

    // Buys that took a unit from the local lease and went on to the group commit.
    metrics::Counter lease_taken;
    metrics::Counter connections_accepted;
    metrics::Counter connections_refused;

  private:
    static std::size_t status_index(int status);

    std::array<std::array<metrics::Counter, statuses.size()>, route_count> requests_{};
    std::array<metrics::Counter, buy_outcome_count> buys_{};
    std::array<metrics::Histogram, route_count> latency_{};
};

}  // namespace seckill::node
