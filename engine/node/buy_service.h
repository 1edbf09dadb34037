#pragma once
// The buy pipeline after admission (DESIGN.md §3 steps 3–6): sale open, not sold out,
// user not at the limit, a unit from the lease, then group commit. Most buys in a real
// sale end at the sold-out flag, which costs two atomic loads.
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "node/buy_result.h"
#include "node/group_commit.h"
#include "node/lease_manager.h"
#include "node/sales_table.h"

namespace seckill::node {

class BuyService {
public:
    BuyService(SalesTable& sales, LeaseManager& leases, GroupCommit& commit,
               OrderIdGenerator& ids, const Clock& clock)
        : sales_(sales), leases_(leases), commit_(commit), ids_(ids), clock_(clock) {}

    // `done` runs exactly once: inline for refusals, on the committer thread otherwise.
    void buy(std::string_view sale, std::string_view user, BuyCallback done);

private:
    SalesTable& sales_;
    LeaseManager& leases_;
    GroupCommit& commit_;
    OrderIdGenerator& ids_;
    const Clock& clock_;
};

}  // namespace seckill::node
