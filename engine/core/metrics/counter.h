#pragma once
// Counters bumped on every request from several io threads. Each thread writes its own
// cache line so the hot path never bounces a shared line between cores; readers sum.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace seckill::metrics {

// A small stable index per thread, used to pick a shard.
std::size_t thread_shard();

inline constexpr std::size_t shard_count = 16;

class Counter {
  public:
    void add(std::uint64_t n = 1) {
        shards_[thread_shard()].v.fetch_add(n, std::memory_order_relaxed);
    }
    std::uint64_t value() const {
        std::uint64_t sum = 0;
        for (const auto& s : shards_) sum += s.v.load(std::memory_order_relaxed);
        return sum;
    }

  private:
    struct alignas(64) Shard {
        std::atomic<std::uint64_t> v{0};
    };
    std::array<Shard, shard_count> shards_{};
};

}  // namespace seckill::metrics
