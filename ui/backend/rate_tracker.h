#pragma once
// Turns the cumulative counters of heartbeats into per-second rates. Rates are taken
// between a node's own heartbeats (their timestamps, not the poll's), so polling faster
// or slower than nodes report never shows a burst or a gap that did not happen; and over
// the heartbeats of the last window_ms rather than the last two, so 5 buys/s reads as 5
// and not as 0 and 10 in turn when a beat lands early or late.
#include <deque>
#include <map>
#include <string>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

class RateTracker {
  public:
    // The smoothing window the console states next to its rates.
    static constexpr Millis window_ms = 3000;

    // Fills requests_per_s and buys_per_s of every node whose numbers are current (up or
    // drained); a late or dead node's rates are zero. Forgets nodes no longer listed.
    void update(std::vector<NodeStatus>& nodes);

  private:
    struct Beat {
        Millis at = 0;
        Millis started_at = 0;  // the node's start, as its registration says
        std::int64_t requests = 0;
        std::array<std::int64_t, result_band_count> buys{};
    };
    std::map<std::string, std::deque<Beat>> seen_;
};

}  // namespace seckill::ui
