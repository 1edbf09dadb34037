#pragma once
// The node's share of a sale's stock. Buys take units here with one atomic operation so
// the common path never waits on the ledger; the lease manager refills it in batches.
#include <atomic>
#include <cstdint>

namespace seckill {

class StockLease {
  public:
    // The units and the sold-out flag live in ONE atomic word, so a reader sees both as
    // they were at one instant. That makes "flagged sold out while holding units" a state
    // a correct node never shows (adding units clears the flag in the same step; the flag
    // is only raised on an empty lease), so I8 can count it on the buy path from one load.
    struct State {
        bool sold_out = false;
        std::int64_t units = 0;
    };

    // Takes one unit; false when the lease is empty.
    bool try_take() {
        std::int64_t word = word_.load(std::memory_order_relaxed);
        while ((word & units_mask) > 0) {
            if (word_.compare_exchange_weak(word, word - 1, std::memory_order_acq_rel)) return true;
        }
        return false;
    }

    // A taken unit that did not sell (user limit reached) or a refill from the ledger.
    // Units in the lease are sellable, so the sold-out flag goes in the same step.
    void add(std::int64_t n) {
        std::int64_t word = word_.load(std::memory_order_relaxed);
        while (!word_.compare_exchange_weak(word, ((word & units_mask) + n) & units_mask,
                                            std::memory_order_acq_rel)) {
        }
    }

    // Empties the lease and returns what it held, for giving units back to the pool.
    std::int64_t drain();

    // Takes up to n units back (for rebalancing); returns how many were taken.
    std::int64_t take_up_to(std::int64_t n);

    std::int64_t available() const { return word_.load(std::memory_order_relaxed) & units_mask; }

    // Set when the lease is empty and the ledger's pool had nothing to give; cleared when
    // the pool has units again (cancellations, expiry, rebalancing) or units are added.
    bool sold_out() const { return (word_.load(std::memory_order_acquire) & flag) != 0; }
    State state() const {
        const std::int64_t word = word_.load(std::memory_order_acquire);
        return {(word & flag) != 0, word & units_mask};
    }
    // Raises the flag only if the lease is still empty (a unit put back meanwhile is
    // sellable); false when it was not raised.
    bool mark_sold_out();
    // Unconditional: clearing, and tests that stage a node in a wrong state.
    void set_sold_out(bool v) {
        if (v)
            word_.fetch_or(flag, std::memory_order_acq_rel);
        else
            word_.fetch_and(units_mask, std::memory_order_acq_rel);
    }

  private:
    static constexpr std::int64_t flag = std::int64_t(1) << 62;
    static constexpr std::int64_t units_mask = flag - 1;
    std::atomic<std::int64_t> word_{0};
};

}  // namespace seckill
