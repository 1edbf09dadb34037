#include "core/metrics/histogram.h"

#include <algorithm>

namespace seckill::metrics {

void Histogram::observe_us(std::uint64_t us) {
    const auto it = std::lower_bound(bounds_us.begin(), bounds_us.end(), us);
    auto& shard = shards_[thread_shard()];
    shard.buckets[std::size_t(it - bounds_us.begin())].fetch_add(1, std::memory_order_relaxed);
    shard.sum_us.fetch_add(us, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot s;
    for (const auto& shard : shards_) {
        for (std::size_t i = 0; i < bucket_count; ++i)
            s.buckets[i] += shard.buckets[i].load(std::memory_order_relaxed);
        s.sum_us += shard.sum_us.load(std::memory_order_relaxed);
    }
    for (auto b : s.buckets) s.count += b;
    return s;
}

Histogram::Snapshot Histogram::Snapshot::minus(const Snapshot& earlier) const {
    Snapshot d;
    for (std::size_t i = 0; i < bucket_count; ++i) d.buckets[i] = buckets[i] - earlier.buckets[i];
    d.count = count - earlier.count;
    d.sum_us = sum_us - earlier.sum_us;
    return d;
}

double Histogram::Snapshot::quantile_us(double q) const {
    if (count == 0) return 0;
    const double rank = q * double(count);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
        if (buckets[i] == 0) continue;
        if (double(seen + buckets[i]) >= rank) {
            const double lower = i == 0 ? 0.0 : double(bounds_us[i - 1]);
            // The +Inf bucket has no upper edge: report its lower edge, as Prometheus does.
            if (i == bounds_us.size()) return lower;
            const double upper = double(bounds_us[i]);
            const double within = (rank - double(seen)) / double(buckets[i]);
            return lower + (upper - lower) * within;
        }
        seen += buckets[i];
    }
    return double(bounds_us.back());
}

}  // namespace seckill::metrics
