#include "nginx_config.h"

#include "node/heartbeat_stats.h"

namespace seckill::app {

std::string_view nginx_template();  // generated from packaging/nginx/nginx.conf.in

namespace {

void replace(std::string& text, std::string_view key, const std::string& value) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
}

std::int64_t weight_of(const store::NodeInfo& n) {
    const std::int64_t w = node::parse_heartbeat_stats(n.stats_json).weight;
    return w > 0 ? w : 1;
}

}  // namespace

std::string nginx_config(const std::vector<store::NodeInfo>& nodes, const NginxConfigOptions& o) {
    std::string servers;
    for (const auto& n : nodes) {
        if (!n.alive) continue;
        servers += "        server " + n.address;
        if (o.method == "weight") servers += " weight=" + std::to_string(weight_of(n));
        servers += " max_fails=3 fail_timeout=5s;  # " + n.id + "\n";
    }
    if (servers.empty()) servers = "        # no live node is registered in Redis yet\n";
    std::string text(nginx_template());
    replace(text, "@BALANCE@", o.method == "ip_hash" ? "        ip_hash;\n" : "");
    replace(text, "@SERVERS@", servers);
    replace(text, "@LISTEN@", o.listen);
    replace(text, "@LIMIT_ZONE@",
            o.limit_rate.empty()
                ? ""
                : "    limit_req_zone $binary_remote_addr zone=seckill_per_ip:10m rate=" +
                      o.limit_rate + ";\n    limit_req_status 429;\n");
    replace(text, "@LIMIT_REQ@",
            o.limit_rate.empty() ? ""
                                 : "            limit_req zone=seckill_per_ip burst=20 nodelay;\n");
    return text;
}

}  // namespace seckill::app
