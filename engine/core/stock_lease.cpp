#include "core/stock_lease.h"

#include <algorithm>

namespace seckill {

std::int64_t StockLease::take_up_to(std::int64_t n) {
    std::int64_t have = units_.load(std::memory_order_relaxed);
    while (have > 0 && n > 0) {
        const std::int64_t take = std::min(have, n);
        if (units_.compare_exchange_weak(have, have - take, std::memory_order_acq_rel)) return take;
    }
    return 0;
}

}  // namespace seckill
