#pragma once
// The console's view of the stats a node puts in its heartbeat (node/heartbeat_stats.h
// defines and parses them; this only regroups them for charts and tables).
#include <string_view>

#include "backend/cluster_snapshot.h"
#include "node/buy_result.h"

namespace seckill::ui {

// Missing or malformed fields read as zero: a node of another version still shows up.
// `reported_at` is when the node wrote the stats (its heartbeat time): each fault's
// "left_s" counts from then.
NodeStats parse_node_stats(std::string_view json, Millis reported_at = 0);

// The band a buy outcome is charted in.
ResultBand band_of(node::BuyOutcome outcome);

}  // namespace seckill::ui
