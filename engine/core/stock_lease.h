#pragma once
// The node's share of a sale's stock. Buys take units here with one atomic operation so
// the common path never waits on the ledger; the lease manager refills it in batches.
#include <atomic>
#include <cstdint>

namespace seckill {

class StockLease {
public:
    // Takes one unit; false when the lease is empty.
    bool try_take() {
        std::int64_t have = units_.load(std::memory_order_relaxed);
        while (have > 0) {
            if (units_.compare_exchange_weak(have, have - 1, std::memory_order_acq_rel))
                return true;
        }
        return false;
    }

    // A taken unit that did not sell (user limit reached) or a refill from the ledger.
    void add(std::int64_t n) { units_.fetch_add(n, std::memory_order_acq_rel); }

    // Empties the lease and returns what it held, for giving units back to the pool.
    std::int64_t drain() { return units_.exchange(0, std::memory_order_acq_rel); }

    // Takes up to n units back (for rebalancing); returns how many were taken.
    std::int64_t take_up_to(std::int64_t n);

    std::int64_t available() const { return units_.load(std::memory_order_relaxed); }

    // Set when the lease is empty and the ledger's pool had nothing to give; cleared when
    // the pool has units again (cancellations, expiry, rebalancing).
    bool sold_out() const { return sold_out_.load(std::memory_order_acquire); }
    void set_sold_out(bool v) { sold_out_.store(v, std::memory_order_release); }

private:
    std::atomic<std::int64_t> units_{0};
    std::atomic<bool> sold_out_{false};
};

}  // namespace seckill
