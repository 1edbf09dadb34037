#pragma once
// Prometheus file-based service discovery (file_sd_configs) from the node registry, as
// `seckill-node --print-prometheus-targets` writes it: Prometheus re-reads the file when
// it changes, so nodes joining the registry are scraped without a reload.
#include <string>
#include <vector>

#include "store/types.h"

namespace seckill::app {

// One target group, every registered node's address, dead ones included: a node that
// crashed must stay a target so that `up == 0` pages someone. A node that stopped cleanly
// leaves the registry and so leaves the targets too.
std::string prometheus_targets(const std::vector<store::NodeInfo>& nodes);

// Writes `text` to `path` through a temporary file and rename(2), so Prometheus never
// reads half a file. Throws std::runtime_error naming the path.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace seckill::app
