#pragma once
// What one node keeps about one sale: its lease of units, the last view it read from the
// ledger, and the users it knows are at their limit. The buy path reads only atomics here.
#include <atomic>
#include <limits>
#include <memory>
#include <mutex>

#include "core/sale.h"
#include "core/stock_lease.h"
#include "node/holder_cache.h"

namespace seckill::node {

class SaleSlot {
  public:
    explicit SaleSlot(SaleView view)
        : id_(view.config.id), per_user_limit_(view.config.per_user_limit) {
        set_view(std::move(view));
    }

    const std::string& id() const { return id_; }
    int per_user_limit() const { return per_user_limit_; }

    // The state at `now`, from the last state the node read and the sale's schedule.
    SaleState state(Millis now) const {
        const SaleState stored = stored_state_.load(std::memory_order_acquire);
        if (stored == SaleState::ended) return stored;
        if (now >= ends_at_.load(std::memory_order_relaxed)) return SaleState::ended;
        if (stored == SaleState::scheduled && now >= starts_at_.load(std::memory_order_relaxed))
            return SaleState::running;
        return stored;
    }

    // The last full view (config, state, stock) read from the ledger; may be a second old.
    std::shared_ptr<const SaleView> view() const {
        std::lock_guard lock(view_mu_);
        return view_;
    }
    void set_view(SaleView v) {
        constexpr Millis never = std::numeric_limits<Millis>::max();
        starts_at_.store(v.config.starts_at.value_or(never), std::memory_order_relaxed);
        ends_at_.store(v.config.ends_at.value_or(never), std::memory_order_relaxed);
        stored_state_.store(v.state, std::memory_order_release);
        auto shared = std::make_shared<const SaleView>(std::move(v));
        std::lock_guard lock(view_mu_);
        view_ = std::move(shared);
    }

    StockLease lease;
    HolderCache holders;
    // One refill at a time per sale; others wait and then find units or the sold-out flag.
    std::mutex refill_mu;
    // The pool size the ledger reported at the last grant, to size the next batch.
    std::atomic<std::int64_t> pool_hint{-1};
    // The lease a rebalance asked this node to hold (-1: none, refill by demand).
    std::atomic<std::int64_t> lease_target{-1};
    // Grows each time the lease is resynchronised with the ledger's record. A buy keeps
    // the generation its unit came from, so a stale unit's `no_lease` verdict does not
    // throw away the fresh lease (see LeaseManager::resync).
    std::atomic<std::uint64_t> lease_gen{0};
    // A ledger call that moves units (grant, commit) failed without saying whether it
    // landed: the lease is resynchronised at the housekeeper's next good tick.
    std::atomic<bool> resync_due{false};
    // I8: sold_out answers given while this node's lease held units (see BuyService).
    std::atomic<std::uint64_t> undersold{0};
    // The ledger no longer lists the sale (it lost its data): buys answer not_found.
    std::atomic<bool> gone{false};

  private:
    const std::string id_;
    const int per_user_limit_;
    std::atomic<SaleState> stored_state_{SaleState::scheduled};
    std::atomic<Millis> starts_at_{0};
    std::atomic<Millis> ends_at_{0};
    mutable std::mutex view_mu_;
    std::shared_ptr<const SaleView> view_;
};

}  // namespace seckill::node
