#include "core/metrics/counter.h"

namespace seckill::metrics {

std::size_t thread_shard() {
    static std::atomic<std::size_t> next{0};
    thread_local const std::size_t mine =
        next.fetch_add(1, std::memory_order_relaxed) % shard_count;
    return mine;
}

}  // namespace seckill::metrics
