#pragma once
// The nginx config that puts the registered nodes behind one address
// (packaging/nginx/nginx.conf.in, compiled in).
#include <string>
#include <vector>

#include "store/types.h"

namespace seckill::app {

struct NginxConfigOptions {
    std::string method = "round-robin";  // round-robin, weight or ip_hash
    std::string listen = "127.0.0.1:8000";
    std::string limit_rate;  // "" or e.g. "100r/s": limit_req per client address
};

// Live nodes only; `weight` takes each node's weight from its heartbeat stats.
std::string nginx_config(const std::vector<store::NodeInfo>& nodes, const NginxConfigOptions& o);

}  // namespace seckill::app
