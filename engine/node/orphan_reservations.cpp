#include "node/orphan_reservations.h"

#include "node/lease_manager.h"

namespace seckill::node {
namespace {

constexpr int max_misses = 5;  // ~0.5 s of ticks: longer than a commit stays in flight

}  // namespace

void OrphanReservations::add(Entry e) {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(e));
}

std::size_t OrphanReservations::size() const {
    std::lock_guard lock(mu_);
    return queue_.size();
}

void OrphanReservations::cancel_some(store::Ledger& ledger, SalesTable& sales, LeaseManager& leases,
                                     Millis now, std::size_t max) {
    for (std::size_t done = 0; done < max; ++done) {
        Entry e;
        {
            std::lock_guard lock(mu_);
            if (queue_.empty()) return;
            e = std::move(queue_.front());
            queue_.pop_front();
        }
        store::OrderUpdate u;
        try {
            u = ledger.cancel(e.order_id, now);
        } catch (...) {
            add(std::move(e));
            throw;
        }
        using Result = store::OrderUpdate::Result;
        if (u.result == Result::not_found) {
            if (++e.misses < max_misses) add(std::move(e));
            continue;
        }
        if (u.result == Result::done) {
            ++cancelled_;
            if (SaleSlot* slot = sales.find(e.sale)) {
                slot->holders.remove(e.user);
                leases.reopen_if_restocked(*slot, 1);
            }
        }
    }
}

}  // namespace seckill::node
