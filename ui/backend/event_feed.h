#pragma once
// The cluster-wide event log (Ledger::events_since) read a little at a time: each call
// hands the events logged since the previous one, so each reaches the console once.
#include <cstdint>
#include <optional>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "store/ledger.h"

namespace seckill::ui {

class LedgerEventFeed {
  public:
    // On the first read the console is just attaching: it shows the last `backlog` events
    // for context, not the whole log (up to store::kept_events).
    explicit LedgerEventFeed(std::size_t backlog = 50) : backlog_(backlog) {}

    // Throws what the ledger throws.
    std::vector<ClusterEvent> read(store::Ledger& ledger);

  private:
    static constexpr std::size_t page = 500;
    std::size_t backlog_;
    std::optional<std::uint64_t> cursor_;
};

}  // namespace seckill::ui
