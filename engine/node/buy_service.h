#pragma once
// The buy pipeline after admission (docs/design.md §3 steps 3–6): sale open, not sold out,
// user not at the limit, a unit from the lease, then group commit. Most buys in a real
// sale end at the sold-out flag, which costs two atomic loads.
#include <string_view>
#include <variant>

#include "core/circuit_breaker.h"
#include "core/clock.h"
#include "core/ids.h"
#include "node/buy_result.h"
#include "node/group_commit.h"
#include "node/lease_manager.h"
#include "node/sales_table.h"

namespace seckill::node {

class BuyService {
  public:
    BuyService(SalesTable& sales, LeaseManager& leases, GroupCommit& commit, OrderIdGenerator& ids,
               Membership& membership, const Clock& clock, CircuitBreaker& breaker)
        : sales_(sales),
          leases_(leases),
          commit_(commit),
          ids_(ids),
          membership_(membership),
          clock_(clock),
          breaker_(breaker) {}

    // A buy that holds a unit from the lease and waits for its commit.
    struct Pending {
        SaleSlot* slot;
        std::uint64_t lease_gen;  // the lease generation the unit came from
    };

    // Steps 3–5. Returns the result when the buy ends here (every refusal, which is most
    // buys in a sale), with no allocation; else the unit is taken and finish() must follow.
    std::variant<BuyResult, Pending> start(std::string_view sale, std::string_view user);
    // Step 6: queues the buy for group commit; `done` runs on the committer's thread,
    // unless the buyer's budget timer sets `answered` first (see GroupCommit::Answered).
    void finish(Pending pending, std::string_view user, BuyCallback done,
                GroupCommit::Answered answered = {});
    // A buy that took a unit but will not be committed (its budget is already spent).
    void give_back(Pending pending) { GroupCommit::give_back(*pending.slot, pending.lease_gen); }

    // Both steps; `done` runs exactly once, inline for refusals.
    void buy(std::string_view sale, std::string_view user, BuyCallback done);

  private:
    SalesTable& sales_;
    LeaseManager& leases_;
    GroupCommit& commit_;
    OrderIdGenerator& ids_;
    Membership& membership_;
    const Clock& clock_;
    CircuitBreaker& breaker_;  // the ledger's: open, buys are refused before taking a unit
};

}  // namespace seckill::node
