#pragma once
// Group commit (docs/design.md §3 step 6): buys that hold a leased unit queue here; one thread
// sends them to the ledger in batches, one call per sale per batch, and settles each buy
// with its own result. While a batch is in flight the next one gathers, so batches grow
// with load and an idle node commits a lone buy at once.
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "node/buy_result.h"
#include "node/lease_manager.h"
#include "node/membership.h"
#include "node/orphan_reservations.h"
#include "node/protection/freeze_gate.h"
#include "node/sale_slot.h"
#include "store/ledger.h"

namespace seckill::node {

class GroupCommit {
  public:
    GroupCommit(store::Ledger& ledger, LeaseManager& leases, Membership& membership,
                const Clock& clock, std::string node_id, std::size_t max_batch,
                const FreezeGate& freeze);
    ~GroupCommit();

    void start();
    // Commits everything queued, then stops the thread.
    void stop();

    // The flag a buyer's budget timer and the committer race for: whoever sets it first
    // answers the buyer. Null when the buy has no budget (it waits for the verdict).
    using Answered = std::shared_ptr<std::atomic<bool>>;

    // `slot` must outlive the commit (slots live as long as the node). `lease_gen` is the
    // slot's lease generation when the buy took its unit.
    void submit(SaleSlot& slot, std::uint64_t lease_gen, store::CommitItem item, BuyCallback done,
                Answered answered = {});

    // Reservations made for buyers who were already answered, or by calls whose outcome is
    // unknown; the housekeeper cancels them.
    OrphanReservations& orphans() { return orphans_; }
    // A unit taken for a buy that will not be committed goes back, unless the lease was
    // resynchronised since (its units were the ledger's to take back).
    static void give_back(SaleSlot& slot, std::uint64_t lease_gen);

    std::uint64_t batches() const { return batches_.load(std::memory_order_relaxed); }
    std::uint64_t committed() const { return committed_.load(std::memory_order_relaxed); }
    // Buys holding a unit that wait for the ledger (queued or in the call under way).
    std::int64_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

  private:
    struct Pending {
        SaleSlot* slot;
        std::uint64_t lease_gen;
        store::CommitItem item;
        BuyCallback done;
        Answered answered;
    };
    void run();
    void flush(std::vector<Pending>& batch);
    // Returns true when the verdict says the slot's lease must be resynchronised.
    bool settle(Pending& p, const store::CommitResult& r, std::uint64_t epoch);
    // Answers the buyer unless the budget timer already did; false then.
    static bool deliver(Pending& p, BuyResult r);

    store::Ledger& ledger_;
    LeaseManager& leases_;
    Membership& membership_;
    const Clock& clock_;
    const std::string node_id_;
    const std::size_t max_batch_;
    const FreezeGate& freeze_;
    std::atomic<std::int64_t> waiting_{0};
    std::mutex mu_;
    std::condition_variable ready_;
    std::vector<Pending> queue_;
    bool stopping_ = false;
    std::thread thread_;
    OrphanReservations orphans_;
    std::atomic<std::uint64_t> batches_{0};
    std::atomic<std::uint64_t> committed_{0};
};

}  // namespace seckill::node
