#pragma once
// When faults were active and when nodes decided something on their own, over the charts'
// five minutes: the intervals the history charts draw as translucent bands, and the events
// they mark. Built from snapshots like MetricHistory: a fault seen in one snapshot opens a
// band (from its injection: end − duration), one gone from the next closes it then.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

struct FaultBand {
    std::string node;
    std::string kind;
    Millis from = 0;
    Millis to = 0;  // the planned end while it runs; when it was cleared, once cleared
};

struct EventMark {
    Millis at = 0;
    std::string node;
    std::string kind;
    bool alarm = false;
};

class FaultTimeline {
  public:
    void append(const ClusterSnapshot& snap);
    const std::vector<FaultBand>& bands() const { return bands_; }
    const std::vector<EventMark>& marks() const { return marks_; }

  private:
    std::vector<FaultBand> bands_;
    std::vector<EventMark> marks_;
    // Faults seen in the last snapshot: (node, the node's fault id) → band index.
    std::map<std::pair<std::string, std::uint64_t>, std::size_t> open_;
};

}  // namespace seckill::ui
