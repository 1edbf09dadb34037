#pragma once
// Reads the stats JSON a node puts in its heartbeat (node/housekeeper.cpp writes it).
#include <string_view>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

// Missing or malformed fields read as zero: a node of another version still shows up.
NodeStats parse_node_stats(std::string_view json);

// The band a buy outcome of API v1 ("limit_reached", "unavailable", …) is charted in.
ResultBand band_of(std::string_view outcome);

}  // namespace seckill::ui
