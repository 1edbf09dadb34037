#pragma once
// seckill-node's command line.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/log.h"
#include "node/engine.h"
#include "node/http/server.h"
#include "store/sqlite_db.h"

namespace seckill::app {

struct NodeCommandLine {
    node::EngineOptions engine;
    node::http::ServerOptions server;
    node::http::BuyerAuthOptions buyer_auth;
    bool metrics_auth = false;                                // /metrics needs the admin token
    bool allow_faults = false;                                // /admin/v1/faults takes faults (QA)
    std::optional<node::http::ServerOptions> metrics_listen;  // /metrics on its own address
    std::string data_dir = "seckill-data";
    std::string db_file;  // default: <data_dir>/orders.db
    std::string admin_token_file;
    std::optional<std::pair<std::string, std::int64_t>> demo_sale;  // id, stock
    std::string redis_url;                                          // empty: the embedded ledger
    bool order_writer = false;  // with --redis: drain order events into --db here
    // Print an nginx config for the registered nodes and exit: "" (no), or the balancing
    // method: round-robin, weight, ip_hash.
    std::string print_nginx_config;
    std::string nginx_listen = "127.0.0.1:8000";
    std::string nginx_limit_rate;  // e.g. "100r/s": a limit_req zone per client address
    // How much a confirmed order survives: a process crash (default) or a power loss too.
    store::sqlite::Durability durability = store::sqlite::Durability::process_crash;
    // Where the buyer-token key came from, for the start-up line ("" in open mode).
    std::string jwt_key_source;
    // Print file_sd targets for Prometheus from the registry and exit: "" (no), "-"
    // (stdout) or a file, written atomically.
    std::string print_prometheus_targets;
    log::Level log_level = log::Level::info;
    bool help = false;
    bool version = false;
};

// The parsed command line, or a sentence naming the bad argument.
std::variant<NodeCommandLine, std::string> parse_node_command_line(int argc, char** argv);
const char* node_usage();

}  // namespace seckill::app
