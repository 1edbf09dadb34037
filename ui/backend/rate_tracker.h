#pragma once
// Turns the cumulative counters of heartbeats into per-second rates. Rates are taken
// between a node's own heartbeats (their timestamps, not the poll's), so polling faster
// or slower than nodes report never shows a burst or a gap that did not happen.
#include <map>
#include <string>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

class RateTracker {
public:
    // Fills requests_per_s and buys_per_s of every node; forgets nodes no longer listed.
    void update(std::vector<NodeStatus>& nodes);

private:
    struct Seen {
        Millis heartbeat = 0;
        NodeStats stats;
        double requests_per_s = 0;
        std::array<double, result_band_count> buys_per_s{};
    };
    std::map<std::string, Seen> seen_;
};

}  // namespace seckill::ui
