#pragma once
// GET /metrics in the Prometheus text exposition format (version 0.0.4).
#include <string>

#include "node/engine.h"

namespace seckill::node::http {

std::string render_prometheus(Engine& engine, std::int64_t open_connections);

}  // namespace seckill::node::http
