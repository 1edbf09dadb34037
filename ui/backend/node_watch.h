#pragma once
// What the console remembers about each node between snapshots, and the one place that
// turns a registry into the console's node rows (every backend builds them here, so "up",
// "late" and "dead" mean the same whatever the console is attached to).
//
// A heartbeat's age is measured on the console's own steady clock, from the moment the
// console saw the node's last_heartbeat change: that stamp is the node's wall clock, and a
// console a second or two off the nodes' clocks would otherwise call every node late (or
// a silent one fresh). Only a node seen for the first time is aged by the two wall clocks.
#include <map>
#include <string>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "backend/rate_tracker.h"

namespace seckill::ui {

class NodeWatch {
  public:
    // `wall_now` is the console's wall clock (first sight of a node), `steady_now` its
    // steady clock; `unanswered` maps a node id to why its /healthz went unanswered
    // (HealthProbe), when the backend can probe.
    std::vector<NodeStatus> statuses(std::vector<store::NodeInfo> registry, Millis wall_now,
                                     Millis steady_now,
                                     const std::map<std::string, std::string>& unanswered = {});

  private:
    struct Seen {
        Millis last_heartbeat = 0;  // the node's stamp, as last seen
        Millis seen_at = 0;         // console steady time when it changed
        Millis age_then = 0;        // its age at that moment
    };
    Millis age(const store::NodeInfo& info, Millis wall_now, Millis steady_now);

    std::map<std::string, Seen> seen_;
    RateTracker rates_;
};

}  // namespace seckill::ui
