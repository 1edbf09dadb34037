#pragma once
// Moves units between the ledger's pool and this node's leases. Batches shrink as the pool
// drains (an eighth of what is left, capped), so the last units spread over every node
// that still has buyers instead of sitting in one node's lease.
#include <cstdint>
#include <string>

#include "node/membership.h"
#include "node/sale_slot.h"
#include "store/ledger.h"

namespace seckill::node {

class LeaseManager {
  public:
    LeaseManager(store::Ledger& ledger, Membership& membership, std::string node_id,
                 std::int64_t max_batch)
        : ledger_(ledger),
          membership_(membership),
          node_id_(std::move(node_id)),
          max_batch_(max_batch) {}

    // Takes one unit for a buy, refilling from the ledger when the lease is empty. False
    // when the pool is empty too (the slot is then flagged sold out). Throws when the
    // ledger cannot be reached, or refuses this node's registration as stale (the node is
    // then suspended until it rejoins).
    bool take(SaleSlot& slot);

    // The ledger said this node held no unit for a buy: the local count ran ahead of the
    // ledger's record. Both go to zero — the local units are dropped and whatever the
    // ledger still counts under this node returns to the pool — and the lease refills from
    // there. Discarding only the one unit would leave the count wrong for every later buy.
    void resync(SaleSlot& slot);

    // Gives every unsold unit of the lease back to the pool; returns how many.
    std::int64_t return_all(SaleSlot& slot);
    // Gives up to `count` units back (rebalancing, draining a node).
    std::int64_t return_some(SaleSlot& slot, std::int64_t count);

    // Clears the sold-out flag when units came back, so buyers are served again.
    void reopen_if_restocked(SaleSlot& slot, std::int64_t pool);

    // Moves the lease toward the target a rebalance set: the excess back to the pool, or
    // a refill up to it while the pool has units. Returns units moved (+ taken, - given).
    std::int64_t settle_to_target(SaleSlot& slot);

    // Units the next refill asks for; 0 when a rebalance target says hold no more.
    std::int64_t batch_for(const SaleSlot& slot) const;
    const std::string& node_id() const { return node_id_; }

  private:
    store::LeaseGrant grant(SaleSlot& slot, std::int64_t want);

    store::Ledger& ledger_;
    Membership& membership_;
    const std::string node_id_;
    const std::int64_t max_batch_;
};

}  // namespace seckill::node
