#pragma once
// Moves units between the ledger's pool and this node's leases. Batches shrink as the pool
// drains (an eighth of what is left, capped), so the last units spread over every node
// that still has buyers instead of sitting in one node's lease.
#include <cstdint>
#include <string>

#include "node/sale_slot.h"
#include "store/ledger.h"

namespace seckill::node {

class LeaseManager {
public:
    LeaseManager(store::Ledger& ledger, std::string node_id, std::int64_t max_batch)
        : ledger_(ledger), node_id_(std::move(node_id)), max_batch_(max_batch) {}

    // Takes one unit for a buy, refilling from the ledger when the lease is empty. False
    // when the pool is empty too (the slot is then flagged sold out). Throws when the
    // ledger cannot be reached.
    bool take(SaleSlot& slot);

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
    store::Ledger& ledger_;
    const std::string node_id_;
    const std::int64_t max_batch_;
};

}  // namespace seckill::node
