#include "node/group_commit.h"

#include <algorithm>
#include <exception>

#include "core/deferred_wakeups.h"
#include "core/thread_name.h"

namespace seckill::node {

GroupCommit::GroupCommit(store::Ledger& ledger, LeaseManager& leases, Membership& membership,
                         const Clock& clock, std::string node_id, std::size_t max_batch,
                         const FreezeGate& freeze)
    : ledger_(ledger),
      leases_(leases),
      membership_(membership),
      clock_(clock),
      node_id_(std::move(node_id)),
      max_batch_(max_batch),
      freeze_(freeze) {}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        name_this_thread("seckill-commit");
        run();
    });
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

void GroupCommit::give_back(SaleSlot& slot, std::uint64_t lease_gen) {
    if (lease_gen == slot.lease_gen.load(std::memory_order_acquire)) slot.lease.add(1);
}

bool GroupCommit::deliver(Pending& p, BuyResult r) {
    if (p.answered && p.answered->exchange(true, std::memory_order_acq_rel)) return false;
    p.done(std::move(r));
    return true;
}

void GroupCommit::submit(SaleSlot& slot, std::uint64_t lease_gen, store::CommitItem item,
                         BuyCallback done, Answered answered) {
    {
        std::lock_guard lock(mu_);
        if (!stopping_ && thread_.joinable()) {
            queue_.push_back(
                Pending{&slot, lease_gen, std::move(item), std::move(done), std::move(answered)});
            waiting_.fetch_add(1, std::memory_order_relaxed);
            ready_.notify_one();
            return;
        }
    }
    // Shutting down: the unit goes back and the buyer is told to come back later.
    give_back(slot, lease_gen);
    if (!answered || !answered->exchange(true, std::memory_order_acq_rel))
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
                batch.assign(std::make_move_iterator(queue_.begin()),
                             std::make_move_iterator(split));
                queue_.erase(queue_.begin(), split);
            }
        }
        // A frozen node commits nothing, as a stopped process would; the buys wait.
        freeze_.wait();
        flush(batch);
        waiting_.fetch_sub(std::int64_t(batch.size()), std::memory_order_relaxed);
        batch.clear();
    }
}

void GroupCommit::flush(std::vector<Pending>& batch) {
    // Group by sale with a stable order so each sale's items keep their arrival order.
    std::stable_sort(batch.begin(), batch.end(),
                     [](const Pending& a, const Pending& b) { return a.slot < b.slot; });
    std::vector<store::CommitItem> items;
    std::vector<Pending*> sent;
    for (std::size_t begin = 0; begin < batch.size();) {
        std::size_t end = begin;
        while (end < batch.size() && batch[end].slot == batch[begin].slot) ++end;
        SaleSlot& slot = *batch[begin].slot;
        items.clear();
        sent.clear();
        for (std::size_t i = begin; i < end; ++i) {
            // A buyer whose budget ran out while queued has heard 503: not sent, so a slow
            // ledger is not also asked to make (and then undo) reservations nobody awaits.
            if (batch[i].answered && batch[i].answered->load(std::memory_order_acquire)) {
                give_back(slot, batch[i].lease_gen);
                continue;
            }
            items.push_back(batch[i].item);
            sent.push_back(&batch[i]);
        }
        begin = end;
        if (items.empty()) continue;
        const std::uint64_t epoch = membership_.epoch();
        std::vector<store::CommitResult> results;
        try {
            results = ledger_.commit(slot.id(), node_id_, items, clock_.now_ms(), epoch);
        } catch (const std::exception&) {
            // The ledger did not answer, which does not say the call did not land (a stalled
            // Redis runs it when it resumes). Every buyer hears 503, never a 201 without a
            // reservation; reservations that may exist are queued to be cancelled, and the
            // lease is resynchronised with the ledger's record at the next good tick, since
            // nobody knows now how many of these units the ledger consumed.
            membership_.set_ledger_reachable(false);
            slot.resync_due.store(true, std::memory_order_release);
            DeferredWakeups wakeups;
            for (Pending* p : sent) {
                orphans_.add({slot.id(), p->item.user, p->item.order_id});
                deliver(*p, BuyResult{BuyOutcome::unavailable});
            }
            batches_.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        bool resync = false;
        {
            // The buyers' replies leave for their io threads once all of them are settled.
            DeferredWakeups wakeups;
            for (std::size_t i = 0; i < sent.size(); ++i) {
                if (i < results.size()) {
                    resync = settle(*sent[i], results[i], epoch) || resync;
                } else {
                    give_back(slot, sent[i]->lease_gen);
                    deliver(*sent[i], BuyResult{BuyOutcome::unavailable});
                }
            }
        }
        if (resync) {
            try {
                leases_.resync(slot);
            } catch (const std::exception&) {
                slot.resync_due.store(true, std::memory_order_release);
            }
        }
        batches_.fetch_add(1, std::memory_order_relaxed);
    }
}

bool GroupCommit::settle(Pending& p, const store::CommitResult& r, std::uint64_t epoch) {
    using store::CommitOutcome;
    SaleSlot& slot = *p.slot;
    const Millis now = clock_.now_ms();
    switch (r.outcome) {
        case CommitOutcome::reserved:
            slot.holders.add(p.item.user, now);
            committed_.fetch_add(1, std::memory_order_relaxed);
            // Made after the buyer's budget ran out: nobody will pay it; cancel it soon.
            if (!deliver(p, BuyResult{BuyOutcome::reserved, p.item.order_id, r.pay_before}))
                orphans_.add({slot.id(), p.item.user, p.item.order_id});
            return false;
        case CommitOutcome::no_lease:
            // The ledger says this node held no unit for the buy: the local count ran ahead
            // of the ledger's. Resynchronise — unless the unit came from a lease generation
            // already resynchronised, whose units the ledger took back then.
            deliver(p, BuyResult{BuyOutcome::unavailable});
            return p.lease_gen == slot.lease_gen.load(std::memory_order_acquire);
        case CommitOutcome::fenced:
            // The lease is not this node's any more: no unit goes back to it. The node stops
            // selling and rejoins at the housekeeper's next tick.
            // (An answer to a call made before the node rejoined says nothing about now.)
            if (epoch == membership_.epoch())
                membership_.suspend(
                    "this node's registration was fenced (taken for dead); rejoining");
            deliver(p, BuyResult{BuyOutcome::unavailable});
            return false;
        case CommitOutcome::duplicate_order:
            give_back(slot, p.lease_gen);
            deliver(p, BuyResult{BuyOutcome::unavailable});
            return false;
        case CommitOutcome::limit_reached:
            slot.holders.mark_at_limit(p.item.user, slot.per_user_limit(), now);
            give_back(slot, p.lease_gen);
            deliver(p, BuyResult{BuyOutcome::limit_reached});
            return false;
        case CommitOutcome::not_open:
            give_back(slot, p.lease_gen);
            deliver(p, BuyResult{BuyOutcome::not_open, {}, 0, slot.state(now)});
            return false;
        case CommitOutcome::not_found:
            give_back(slot, p.lease_gen);
            deliver(p, BuyResult{BuyOutcome::not_found});
            return false;
    }
    return false;
}

}  // namespace seckill::node
