#include "backend/event_feed.h"

#include "backend/fault_wire.h"

namespace seckill::ui {

std::vector<ClusterEvent> LedgerEventFeed::read(store::Ledger& ledger) {
    std::vector<ClusterEvent> out;
    if (!cursor_) {
        // Page to the end once, keeping the tail.
        std::uint64_t since = 0;
        for (;;) {
            const auto batch = ledger.events_since(since, page);
            for (const auto& e : batch) {
                out.push_back(cluster_event(e));
                since = e.seq;
            }
            if (out.size() > backlog_) out.erase(out.begin(), out.end() - std::ptrdiff_t(backlog_));
            if (batch.size() < page) break;
        }
        cursor_ = since;
        return out;
    }
    // One page per snapshot: a burst longer than that arrives over the next few.
    for (const auto& e : ledger.events_since(*cursor_, page)) {
        out.push_back(cluster_event(e));
        cursor_ = e.seq;
    }
    return out;
}

}  // namespace seckill::ui
