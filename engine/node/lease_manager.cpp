#include "node/lease_manager.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <stdexcept>

namespace seckill::node {

std::int64_t LeaseManager::batch_for(const SaleSlot& slot) const {
    if (const auto target = slot.lease_target.load(std::memory_order_relaxed); target >= 0)
        return std::max<std::int64_t>(target - slot.lease.available(), 0);
    std::int64_t pool = slot.pool_hint.load(std::memory_order_relaxed);
    if (pool < 0) pool = slot.view()->stock.pool;
    return std::clamp<std::int64_t>(pool / 8, 1, max_batch_);
}

store::LeaseGrant LeaseManager::grant(SaleSlot& slot, std::int64_t want) {
    const std::uint64_t epoch = membership_.epoch();
    store::LeaseGrant g;
    try {
        g = ledger_.grant_lease(slot.id(), node_id_, want, epoch);
    } catch (...) {
        // A timed-out grant may still land (a stalled Redis runs it later) and leave units
        // in this node's ledger record that its local lease never saw.
        slot.resync_due.store(true, std::memory_order_release);
        throw;
    }
    if (g.fenced) {
        // (An answer to a call made before the node rejoined says nothing about now.)
        if (epoch == membership_.epoch())
            membership_.suspend("this node's registration was fenced (taken for dead); rejoining");
        throw Fenced();
    }
    slot.pool_hint.store(g.pool_left, std::memory_order_relaxed);
    return g;
}

void LeaseManager::resync(SaleSlot& slot) {
    std::lock_guard lock(slot.refill_mu);
    slot.resync_due.store(false, std::memory_order_release);
    slot.lease_gen.fetch_add(1, std::memory_order_acq_rel);
    slot.lease.drain();
    try {
        ledger_.return_lease(slot.id(), node_id_, std::numeric_limits<std::int64_t>::max());
    } catch (...) {
        slot.resync_due.store(true, std::memory_order_release);
        throw;
    }
    slot.lease.set_sold_out(false);
}

bool LeaseManager::take(SaleSlot& slot) {
    if (slot.lease.try_take()) return true;
    std::lock_guard lock(slot.refill_mu);
    // Another buyer may have refilled while this one waited for the lock.
    if (slot.lease.try_take()) return true;
    if (slot.lease.sold_out()) return false;
    const std::int64_t want = batch_for(slot);
    if (want == 0) return false;  // allocated nothing more: units sell on other nodes
    const store::LeaseGrant g = grant(slot, want);
    if (g.granted == 0) {
        // Only if still empty: a unit put back meanwhile (a buy that did not sell) stays
        // sellable, and the flag never stands next to units (see StockLease, I8).
        slot.lease.mark_sold_out();
        return false;
    }
    slot.lease.add(g.granted - 1);  // one unit is this buyer's
    return true;
}

std::int64_t LeaseManager::return_all(SaleSlot& slot) {
    std::lock_guard lock(slot.refill_mu);
    const std::int64_t units = slot.lease.drain();
    if (units == 0) return 0;
    const std::int64_t moved = ledger_.return_lease(slot.id(), node_id_, units);
    // Units the ledger did not take back were never the ledger's (a local count ahead of
    // it); keeping them out of the lease is the side that never oversells.
    return moved;
}

std::int64_t LeaseManager::return_some(SaleSlot& slot, std::int64_t count) {
    std::lock_guard lock(slot.refill_mu);
    const std::int64_t units = slot.lease.take_up_to(count);
    if (units == 0) return 0;
    return ledger_.return_lease(slot.id(), node_id_, units);
}

std::int64_t LeaseManager::settle_to_target(SaleSlot& slot) {
    const std::int64_t target = slot.lease_target.load(std::memory_order_relaxed);
    if (target < 0) return 0;
    const std::int64_t held = slot.lease.available();
    if (held > target) return -return_some(slot, held - target);
    if (held == target || slot.pool_hint.load(std::memory_order_relaxed) == 0) return 0;
    std::lock_guard lock(slot.refill_mu);
    const store::LeaseGrant g = grant(slot, target - held);
    if (g.granted > 0) {
        slot.lease.add(g.granted);
        slot.lease.set_sold_out(false);
    }
    return g.granted;
}

void LeaseManager::reopen_if_restocked(SaleSlot& slot, std::int64_t pool) {
    if (!slot.lease.sold_out()) return;
    if (pool > 0 || slot.lease.available() > 0) {
        slot.pool_hint.store(pool, std::memory_order_relaxed);
        slot.lease.set_sold_out(false);
    }
}

}  // namespace seckill::node
