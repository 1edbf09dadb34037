#pragma once
// The ledger as the runner reads it after a run, whichever ledger the cluster has: the
// Redis ledger opened directly, or a node's admin API plus the embedded ledger's journal
// (or, for targets, the buyer's own order lookup).
#include <memory>
#include <optional>
#include <string>

#include "scenario/cluster.h"
#include "scenario/verdict.h"

namespace seckill::scenario {

class LedgerView {
  public:
    virtual ~LedgerView() = default;
    // The sale's units (StockFacts::read false when unreadable); throws on I/O failure.
    virtual StockFacts stock() = 0;
    // The ledger's order `id` if it exists; `user` is who was told 201 (a lookup through
    // the shopper API can only ask as that user). Throws on I/O failure.
    virtual std::optional<OrderRecord> order(const std::string& id, const std::string& user) = 0;
    // How many orders of the sale the ledger has, or -1 when it cannot tell.
    virtual std::int64_t order_count() = 0;
    // Live nodes, and units still leased to dead ones, for the reclaim wait's message.
    virtual std::string nodes_text() = 0;
};

std::unique_ptr<LedgerView> open_ledger_view(const ScenarioSpec& spec, Cluster& cluster);

}  // namespace seckill::scenario
