#pragma once
// Whether a node is up, late or dead, judged the same way for every backend: by the age of
// its heartbeat against its own cadence and TTL, by the registry's verdict (a Redis
// heartbeat key expires after the node's own TTL), and by whether it answers /healthz.
#include <string>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

// A heartbeat older than this many periods means at least one beat was missed. One
// period plus the next beat's own delay (a tick runs late on a loaded machine) is normal.
inline constexpr int late_after_periods = 2;

// `age` is how long ago the node's last heartbeat was written, on the console's clock
// (NodeWatch); `unanswered` is why its /healthz went unanswered, empty when it answered or
// was not asked. Fills `detail` with the reason when the node is not up.
NodeHealth judge_health(const store::NodeInfo& info, const NodeStats& stats, Millis age,
                        const std::string& unanswered, std::string& detail);

}  // namespace seckill::ui
