#pragma once
// A latency histogram with fixed bucket bounds (Prometheus style: cumulative on export),
// sharded per thread like Counter. Quantiles are estimated by linear interpolation
// inside the bucket that holds them, as Prometheus' histogram_quantile does.
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/metrics/counter.h"

namespace seckill::metrics {

class Histogram {
  public:
    // Upper bounds in microseconds: 50 µs … 10 s, roughly 2-2.5-2 steps.
    static constexpr std::array<std::uint64_t, 19> bounds_us{
        50,        100,       250,       500,       1'000,     2'500,   5'000,
        10'000,    25'000,    50'000,    100'000,   250'000,   500'000, 1'000'000,
        2'000'000, 3'000'000, 5'000'000, 7'500'000, 10'000'000};
    static constexpr std::size_t bucket_count = bounds_us.size() + 1;  // last is +Inf

    void observe_us(std::uint64_t us);

    struct Snapshot {
        std::array<std::uint64_t, bucket_count> buckets{};  // not cumulative
        std::uint64_t count = 0;
        std::uint64_t sum_us = 0;
        // q in (0,1]; 0 when nothing was observed.
        double quantile_us(double q) const;
        Snapshot minus(const Snapshot& earlier) const;  // for windowed quantiles
    };
    Snapshot snapshot() const;

  private:
    struct alignas(64) Shard {
        std::array<std::atomic<std::uint64_t>, bucket_count> buckets{};
        std::atomic<std::uint64_t> sum_us{0};
    };
    std::array<Shard, shard_count> shards_{};
};

}  // namespace seckill::metrics
