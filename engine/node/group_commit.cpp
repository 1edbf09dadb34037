#include "node/group_commit.h"

#include <algorithm>
#include <exception>

namespace seckill::node {

GroupCommit::GroupCommit(store::Ledger& ledger, LeaseManager& leases, Membership& membership,
                         const Clock& clock, std::string node_id, std::size_t max_batch)
    : ledger_(ledger),
      leases_(leases),
      membership_(membership),
      clock_(clock),
      node_id_(std::move(node_id)),
      max_batch_(max_batch) {}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void GroupCommit::stop() {
    {
        std::lock_guard lock(mu_);
        if (!thread_.joinable()) return;
        stopping_ = true;
    }
    ready_.notify_all();
    thread_.join();
}

void GroupCommit::submit(SaleSlot& slot, std::uint64_t lease_gen, store::CommitItem item,
                         BuyCallback done) {
    {
        std::lock_guard lock(mu_);
        if (!stopping_ && thread_.joinable()) {
            queue_.push_back(Pending{&slot, lease_gen, std::move(item), std::move(done)});
            ready_.notify_one();
            return;
        }
    }
    // Shutting down: the unit goes back and the buyer is told to come back later.
    slot.lease.add(1);
    done(BuyResult{BuyOutcome::unavailable});
}

void GroupCommit::run() {
    std::vector<Pending> batch;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping with nothing left
            if (queue_.size() <= max_batch_) {
                batch.swap(queue_);
            } else {
                auto split = queue_.begin() + std::ptrdiff_t(max_batch_);
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(split));
                queue_.erase(queue_.begin(), split);
            }
        }
        flush(batch);
        batch.clear();
    }
}

void GroupCommit::flush(std::vector<Pending>& batch) {
    // Group by sale with a stable order so each sale's items keep their arrival order.
    std::stable_sort(batch.begin(), batch.end(),
                     [](const Pending& a, const Pending& b) { return a.slot < b.slot; });
    std::vector<store::CommitItem> items;
    for (std::size_t begin = 0; begin < batch.size();) {
        std::size_t end = begin;
        while (end < batch.size() && batch[end].slot == batch[begin].slot) ++end;
        items.clear();
        for (std::size_t i = begin; i < end; ++i) items.push_back(batch[i].item);
        std::vector<store::CommitResult> results;
        try {
            results = ledger_.commit(batch[begin].slot->id(), node_id_, items, clock_.now_ms(),
                                     membership_.epoch());
        } catch (const std::exception&) {
            // The ledger did not answer: treat the batch as not committed. Every unit goes
            // back to the lease and every buyer hears 503, never a 201 without a reservation.
            // (If the call did land, the lease now counts units the ledger sold: the next
            // no_lease resynchronises it, and those reservations expire unpaid.)
            membership_.set_ledger_reachable(false);
            results.clear();
        }
        bool resync = false;
        for (std::size_t i = begin; i < end; ++i) {
            if (i - begin < results.size()) {
                resync = settle(batch[i], results[i - begin]) || resync;
            } else {
                batch[i].slot->lease.add(1);
                batch[i].done(BuyResult{BuyOutcome::unavailable});
            }
        }
        if (resync) {
            try {
                leases_.resync(*batch[begin].slot);
            } catch (const std::exception&) {
                // The ledger went away meanwhile; the next no_lease asks again.
            }
        }
        batches_.fetch_add(1, std::memory_order_relaxed);
        begin = end;
    }
}

bool GroupCommit::settle(Pending& p, const store::CommitResult& r) {
    using store::CommitOutcome;
    SaleSlot& slot = *p.slot;
    const Millis now = clock_.now_ms();
    switch (r.outcome) {
        case CommitOutcome::reserved:
            slot.holders.add(p.item.user, now);
            committed_.fetch_add(1, std::memory_order_relaxed);
            p.done(BuyResult{BuyOutcome::reserved, std::move(p.item.order_id), r.pay_before});
            return false;
        case CommitOutcome::no_lease:
            // The ledger says this node held no unit for the buy: the local count ran ahead
            // of the ledger's. Resynchronise — unless the unit came from a lease generation
            // already resynchronised, whose units the ledger took back then.
            p.done(BuyResult{BuyOutcome::unavailable});
            return p.lease_gen == slot.lease_gen.load(std::memory_order_acquire);
        case CommitOutcome::fenced:
            // The lease is not this node's any more: no unit goes back to it. The node stops
            // selling and rejoins at the housekeeper's next tick.
            membership_.suspend("this node's registration was fenced (taken for dead); rejoining");
            p.done(BuyResult{BuyOutcome::unavailable});
            return false;
        case CommitOutcome::duplicate_order:
            slot.lease.add(1);
            p.done(BuyResult{BuyOutcome::unavailable});
            return false;
        case CommitOutcome::limit_reached:
            slot.holders.mark_at_limit(p.item.user, slot.per_user_limit(), now);
            slot.lease.add(1);
            p.done(BuyResult{BuyOutcome::limit_reached});
            return false;
        case CommitOutcome::not_open:
            slot.lease.add(1);
            p.done(BuyResult{BuyOutcome::not_open, {}, 0, slot.state(now)});
            return false;
        case CommitOutcome::not_found:
            slot.lease.add(1);
            p.done(BuyResult{BuyOutcome::not_found});
            return false;
    }
    return false;
}

}  // namespace seckill::node
