#pragma once
// Reads the stats JSON a node puts in its heartbeat (node/housekeeper.cpp writes it).
#include <QJsonArray>
#include <string_view>
#include <vector>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

// Missing or malformed fields read as zero: a node of another version still shows up.
// `reported_at` is when the node wrote the stats (its heartbeat time): each fault's
// "left_s" counts from then.
NodeStats parse_node_stats(std::string_view json, Millis reported_at = 0);

// The "faults" array of a heartbeat or of GET /admin/v1/faults.
std::vector<FaultView> parse_faults(const QJsonArray& faults, Millis reported_at);

// The band a buy outcome of API v1 ("limit_reached", "unavailable", …) is charted in.
ResultBand band_of(std::string_view outcome);

}  // namespace seckill::ui
