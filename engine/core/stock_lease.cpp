#include "core/stock_lease.h"

#include <algorithm>

namespace seckill {

std::int64_t StockLease::drain() {
    std::int64_t word = word_.load(std::memory_order_relaxed);
    while (!word_.compare_exchange_weak(word, word & flag, std::memory_order_acq_rel)) {
    }
    return word & units_mask;
}

std::int64_t StockLease::take_up_to(std::int64_t n) {
    std::int64_t word = word_.load(std::memory_order_relaxed);
    while ((word & units_mask) > 0 && n > 0) {
        const std::int64_t take = std::min(word & units_mask, n);
        if (word_.compare_exchange_weak(word, word - take, std::memory_order_acq_rel)) return take;
    }
    return 0;
}

bool StockLease::mark_sold_out() {
    std::int64_t word = word_.load(std::memory_order_relaxed);
    while ((word & units_mask) == 0) {
        if (word_.compare_exchange_weak(word, word | flag, std::memory_order_acq_rel)) return true;
    }
    return false;
}

}  // namespace seckill
