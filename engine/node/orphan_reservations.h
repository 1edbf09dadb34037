#pragma once
// Reservations that may exist although no buyer was told about them: the buyer's budget ran
// out while the commit was in flight (the buyer heard 503), or the commit call failed in a
// way that does not say whether it landed (a timeout: Redis may still run it). Each is
// cancelled so its unit goes back to the pool now instead of after the payment deadline —
// from the housekeeper, in bounded rounds, never from the committer, whose next batch must
// not wait on cleanup.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "node/sales_table.h"
#include "store/ledger.h"

namespace seckill::node {

class LeaseManager;

class OrphanReservations {
  public:
    struct Entry {
        std::string sale;
        std::string user;
        std::string order_id;
        int misses = 0;  // times the ledger did not know the id yet
    };

    void add(Entry e);
    // Cancels up to `max` queued reservations. An id the ledger does not know may be a
    // commit still on its way (a stalled Redis runs it when it resumes): it is asked again
    // at the next rounds and dropped after a few. Throws when the ledger is unreachable
    // (what was not done stays queued).
    void cancel_some(store::Ledger& ledger, SalesTable& sales, LeaseManager& leases, Millis now,
                     std::size_t max = 1000);

    std::size_t size() const;
    std::uint64_t cancelled() const { return cancelled_; }

  private:
    mutable std::mutex mu_;
    std::deque<Entry> queue_;
    std::uint64_t cancelled_ = 0;  // housekeeper thread only
};

}  // namespace seckill::node
