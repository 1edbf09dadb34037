#include "node/membership.h"

#include "node/operations/operation_result.h"

namespace seckill::node {

void Membership::joined(store::Registration r, SteadyTime sent) {
    if (retired()) return;
    epoch_.store(r.epoch, std::memory_order_release);
    renewed(sent);
    {
        std::lock_guard lock(why_mu_);
        why_.clear();
    }
    rejoin_.store(false, std::memory_order_release);
    suspended_.store(false, std::memory_order_release);
}

void Membership::renewed(SteadyTime sent) {
    const auto until = (sent + window_).time_since_epoch().count();
    // Heartbeats may finish out of order with a join; the window only moves forward.
    auto cur = valid_until_.load(std::memory_order_relaxed);
    while (cur < until &&
           !valid_until_.compare_exchange_weak(cur, until, std::memory_order_acq_rel)) {
    }
}

void Membership::retire(std::string why) {
    {
        std::lock_guard lock(why_mu_);
        why_ = std::move(why);
    }
    retired_.store(true, std::memory_order_release);
    suspended_.store(true, std::memory_order_release);
    rejoin_.store(false, std::memory_order_release);
}

void Membership::suspend(std::string why) {
    if (retired()) return;
    {
        std::lock_guard lock(why_mu_);
        why_ = std::move(why);
    }
    if (!suspended_.exchange(true, std::memory_order_acq_rel))
        fenced_.fetch_add(1, std::memory_order_relaxed);
    rejoin_.store(true, std::memory_order_release);
}

std::string Membership::not_ready_reason() const {
    if (suspended_.load(std::memory_order_acquire)) {
        std::lock_guard lock(why_mu_);
        return why_;
    }
    if (!ledger_reachable()) return ledger_unreachable;
    if (!may_sell())
        return "no heartbeat reached the ledger within the node TTL: not selling from the lease "
               "until one does";
    return {};
}

}  // namespace seckill::node
