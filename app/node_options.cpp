#include "node_options.h"

#include <charconv>
#include <cstring>

#include "auth/key_file.h"
#include "core/ids.h"

namespace seckill::app {
namespace {

template <class T>
bool parse_number(std::string_view s, T& out, T lo, T hi) {
    T v{};
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return false;
    out = v;
    return true;
}

bool parse_listen(std::string_view s, node::http::ServerOptions& o) {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string host(s.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned short port = 0;
    if (!parse_number<unsigned short>(s.substr(colon + 1), port, 0, 65535)) return false;
    o.host = host;
    o.port = port;
    return true;
}

}  // namespace

const char* node_usage() {
    return R"(seckill-node: a flash-sale node serving API v1 over HTTP.

Usage: seckill-node [--embedded | --redis URL [--order-writer]] [options]
  or:  seckill-node --redis URL --print-nginx-config [METHOD] [--nginx-listen HOST:PORT] [--nginx-limit-rate RATE]
  or:  seckill-node --redis URL --print-prometheus-targets [FILE]

  --embedded               in-process ledger and SQLite orders (the default)
  --redis URL              share a Redis ledger with other nodes: redis://HOST[:PORT][/DB]
  --order-writer           (with --redis) write the cluster's order events into --db;
                           run it on one node or more (they split the work)
  --print-nginx-config [M]
                           print an nginx config whose upstream lists the nodes registered
                           in Redis and exit; M: round-robin (default), weight, ip_hash
  --nginx-listen HOST:PORT
                           where that nginx listens (default 127.0.0.1:8000)
  --nginx-limit-rate RATE  add a limit_req zone per client address, e.g. 100r/s
  --print-prometheus-targets [FILE]
                           print (or write FILE atomically) the Prometheus file_sd
                           targets of every node registered in Redis and exit
  --listen HOST:PORT       address to serve on (default 127.0.0.1:8080; port 0 picks one)
  --data-dir DIR           where the ledger journal, order DB and admin token live
                           (default ./seckill-data; made 0700, files 0600)
  --allow-faults           take injected faults on /admin/v1/faults (QA labs only: a
                           fault can stall, fail or crash this node)
  --durability LEVEL       what a confirmed order survives: process (default: kill -9 and
                           crashes; SQLite WAL, synchronous=NORMAL) or power (power loss
                           too; fsync on every commit batch, slower)
  --db FILE                order DB file (default DIR/orders.db)
  --node-id ID             this node's id in the registry (default n1)
  --demo-sale ID:STOCK     create and start a sale with default settings at launch
  --threads N              io threads (default: hardware threads)
  --admin-token-file F     admin bearer token from F (else $SECKILL_ADMIN_TOKEN, else
                           DIR/admin-token, generated on first start and printed once)
  --trusted-proxy IP       believe X-Forwarded-For / X-Real-IP from IP (repeatable)
  --buyer-auth MODE        open (default): buyers name themselves with ?user= or a body
                           {"user":..}; jwt: Authorization: Bearer <JWT>, sub = the user
  --jwt-secret-file F      (jwt) HS256 secret, at least 32 bytes
  --jwt-public-key F       (jwt) PEM public key; RS256 or ES256 tokens
  --jwt-leeway-s N         (jwt) clock skew allowed on exp / nbf (default 30, 0 to 3600)
  --trust-proxy-user-header  believe X-Seckill-User (the buyer) from --trusted-proxy
                           peers; the proxy must authenticate buyers and overwrite it
  --max-connections N      open connections before new ones get 503 (default 10000; fewer
                           when the descriptor limit is lower, see the start-up line)
  --max-connections-per-ip N  open connections one client address may hold (default 256;
                           --trusted-proxy peers are exempt)
  --metrics-listen HOST:PORT  serve /metrics (and /healthz, /readyz) only on this address,
                           not on --listen
  --metrics-auth           /metrics needs the admin token (Authorization: Bearer)
  --request-timeout-ms N   time a client has to send a request, and idle keep-alive
                           time (default 15000)
  --lease-batch N          most units one lease refill takes (default 64)
  --commit-batch N         most buys one ledger commit carries (default 512; 1 = one
                           ledger call per buy, the classic design, for benchmarks)
  --buy-budget-ms N        the longest a buy waits on the ledger before it is answered
                           503 (default 250; Redis connect and command timeouts too)
  --node-ttl-ms N          a node silent this long is taken for dead and its lease
                           reclaimed (default 5000; the same on every node of a cluster)
  --heartbeat-ms N         how often the node reports to the ledger (default 1000; at
                           most a third of the TTL)
  --weight N               this node's capacity relative to others (default 1): nginx
                           `weight=` and the weighted rebalance use it
  --log-level LEVEL        debug, info (default), warn or error: one key=value line
                           per event on stderr (start, stop, fencing, breaker, faults)
  --version                print the version and exit
  --help                   this text
)";
}

std::variant<NodeCommandLine, std::string> parse_node_command_line(int argc, char** argv) {
    NodeCommandLine c;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string_view& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        std::string_view v;
        if (arg == "--help" || arg == "-h") {
            c.help = true;
        } else if (arg == "--version") {
            c.version = true;
        } else if (arg == "--log-level") {
            const auto level = value(v) ? log::parse_level(v) : std::nullopt;
            if (!level) return "--log-level takes debug, info, warn or error";
            c.log_level = *level;
        } else if (arg == "--print-prometheus-targets") {
            c.print_prometheus_targets = "-";
            if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--"))
                c.print_prometheus_targets = argv[++i];
        } else if (arg == "--embedded") {
        } else if (arg == "--listen") {
            if (!value(v) || !parse_listen(v, c.server)) return "--listen needs HOST:PORT";
        } else if (arg == "--data-dir") {
            if (!value(v) || v.empty()) return "--data-dir needs a directory";
            c.data_dir = v;
        } else if (arg == "--durability") {
            if (!value(v) || (v != "process" && v != "power"))
                return "--durability needs process or power";
            c.durability = v == "power" ? store::sqlite::Durability::power_loss
                                        : store::sqlite::Durability::process_crash;
        } else if (arg == "--db") {
            if (!value(v) || v.empty()) return "--db needs a file";
            c.db_file = v;
        } else if (arg == "--node-id") {
            if (!value(v) || !is_valid_node_id(v))
                return "--node-id needs an id matching [A-Za-z0-9_-]{1,32}";
            c.engine.node_id = v;
        } else if (arg == "--demo-sale") {
            const auto colon = value(v) ? v.find(':') : std::string_view::npos;
            std::int64_t stock = 0;
            if (colon == std::string_view::npos || !is_valid_sale_id(v.substr(0, colon)) ||
                !parse_number<std::int64_t>(v.substr(colon + 1), stock, 1, 100'000'000))
                return "--demo-sale needs ID:STOCK, e.g. demo:1000";
            c.demo_sale = {std::string(v.substr(0, colon)), stock};
        } else if (arg == "--threads") {
            if (!value(v) || !parse_number<unsigned>(v, c.server.threads, 1, 256))
                return "--threads needs a number from 1 to 256";
        } else if (arg == "--admin-token-file") {
            if (!value(v) || v.empty()) return "--admin-token-file needs a file";
            c.admin_token_file = v;
        } else if (arg == "--trusted-proxy") {
            if (!value(v) || v.empty()) return "--trusted-proxy needs an address";
            c.server.trusted_proxies.emplace_back(v);
        } else if (arg == "--buyer-auth") {
            if (!value(v) || (v != "open" && v != "jwt")) return "--buyer-auth takes open or jwt";
            c.buyer_auth.mode =
                v == "jwt" ? node::http::BuyerAuthMode::jwt : node::http::BuyerAuthMode::open;
        } else if (arg == "--jwt-secret-file" || arg == "--jwt-public-key") {
            const bool secret = arg == "--jwt-secret-file";
            if (!value(v) || v.empty()) return std::string(arg) + " needs a file";
            if (c.buyer_auth.jwt_key) return "give one of --jwt-secret-file and --jwt-public-key";
            auto key = secret ? auth::load_jwt_secret(std::string(v))
                              : auth::load_jwt_public_key(std::string(v));
            if (auto* err = std::get_if<std::string>(&key)) return *err;
            c.buyer_auth.jwt_key = std::get<auth::JwtKey>(std::move(key));
            c.jwt_key_source =
                (secret ? "HS256 secret from " : "RS256/ES256 public key from ") + std::string(v);
        } else if (arg == "--jwt-leeway-s") {
            if (!value(v) || !parse_number<std::int64_t>(v, c.buyer_auth.jwt_leeway_s, 0, 3600))
                return "--jwt-leeway-s needs a number of seconds from 0 to 3600";
        } else if (arg == "--trust-proxy-user-header") {
            c.buyer_auth.proxy_user_header = true;
        } else if (arg == "--max-connections-per-ip") {
            if (!value(v) ||
                !parse_number<std::int64_t>(v, c.server.max_connections_per_ip, 1, 10'000'000))
                return "--max-connections-per-ip needs a number from 1 to 10000000";
        } else if (arg == "--metrics-listen") {
            node::http::ServerOptions m;
            m.threads = 1;
            m.max_connections = 64;  // scrapers, not crowds
            if (!value(v) || !parse_listen(v, m)) return "--metrics-listen needs HOST:PORT";
            c.metrics_listen = m;
        } else if (arg == "--metrics-auth") {
            c.metrics_auth = true;
        } else if (arg == "--allow-faults") {
            c.allow_faults = true;
        } else if (arg == "--max-connections") {
            if (!value(v) ||
                !parse_number<std::int64_t>(v, c.server.max_connections, 1, 10'000'000))
                return "--max-connections needs a positive number";
        } else if (arg == "--request-timeout-ms") {
            std::int64_t ms = 0;
            if (!value(v) || !parse_number<std::int64_t>(v, ms, 100, 3'600'000))
                return "--request-timeout-ms needs a number from 100 to 3600000";
            c.server.read_timeout = std::chrono::milliseconds(ms);
        } else if (arg == "--lease-batch") {
            if (!value(v) || !parse_number<std::int64_t>(v, c.engine.lease_batch, 1, 1'000'000))
                return "--lease-batch needs a positive number";
        } else if (arg == "--commit-batch") {
            if (!value(v) || !parse_number<std::size_t>(v, c.engine.commit_batch, 1, 100'000))
                return "--commit-batch needs a number from 1 to 100000";
        } else if (arg == "--buy-budget-ms") {
            if (!value(v) || !parse_number<Millis>(v, c.engine.buy_budget_ms, 10, 60'000))
                return "--buy-budget-ms needs a number of milliseconds from 10 to 60000";
        } else if (arg == "--node-ttl-ms") {
            if (!value(v) || !parse_number<Millis>(v, c.engine.node_ttl_ms, 500, 600'000))
                return "--node-ttl-ms needs a number of milliseconds from 500 to 600000";
        } else if (arg == "--heartbeat-ms") {
            if (!value(v) || !parse_number<Millis>(v, c.engine.heartbeat_ms, 50, 300'000))
                return "--heartbeat-ms needs a number of milliseconds from 50 to 300000";
        } else if (arg == "--weight") {
            if (!value(v) || !parse_number<int>(v, c.engine.weight, 1, 1000))
                return "--weight needs a number from 1 to 1000";
        } else if (arg == "--redis") {
            if (!value(v) || !v.starts_with("redis://"))
                return "--redis needs redis://HOST[:PORT][/DB]";
            c.redis_url = v;
        } else if (arg == "--order-writer") {
            c.order_writer = true;
        } else if (arg == "--print-nginx-config") {
            c.print_nginx_config = "round-robin";
            if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--")) {
                c.print_nginx_config = argv[++i];
                if (c.print_nginx_config != "round-robin" && c.print_nginx_config != "weight" &&
                    c.print_nginx_config != "ip_hash")
                    return "--print-nginx-config takes round-robin, weight or ip_hash";
            }
        } else if (arg == "--nginx-listen") {
            if (!value(v) || v.find(':') == std::string_view::npos)
                return "--nginx-listen needs HOST:PORT";
            c.nginx_listen = v;
        } else if (arg == "--nginx-limit-rate") {
            if (!value(v) || !(v.ends_with("r/s") || v.ends_with("r/m")))
                return "--nginx-limit-rate needs a rate such as 100r/s";
            c.nginx_limit_rate = v;
        } else {
            return "unknown argument " + std::string(arg) + " (see --help)";
        }
    }
    if (c.db_file.empty()) c.db_file = c.data_dir + "/orders.db";
    if (c.order_writer && c.redis_url.empty()) return "--order-writer needs --redis";
    if (c.buyer_auth.mode == node::http::BuyerAuthMode::jwt && !c.buyer_auth.jwt_key)
        return "--buyer-auth jwt needs --jwt-secret-file F or --jwt-public-key F";
    if (c.buyer_auth.mode == node::http::BuyerAuthMode::open && c.buyer_auth.jwt_key)
        return "a JWT key is given but --buyer-auth is open; add --buyer-auth jwt";
    if (c.buyer_auth.proxy_user_header && c.server.trusted_proxies.empty())
        return "--trust-proxy-user-header needs --trusted-proxy IP";
    if (!c.print_prometheus_targets.empty() && c.redis_url.empty())
        return "--print-prometheus-targets reads the nodes from Redis: add --redis URL";
    if (!c.print_nginx_config.empty() && c.redis_url.empty())
        return "--print-nginx-config reads the nodes from Redis: add --redis URL";
    // A node sells only inside its heartbeat window (TTL less a period): it needs room for
    // at least two beats, or one slow beat would stop it selling.
    if (c.engine.heartbeat_ms * 3 > c.engine.node_ttl_ms)
        return "--heartbeat-ms must be at most a third of --node-ttl-ms";
    return c;
}

}  // namespace seckill::app
