// seckill-node: the headless node. Embedded ledger by default; stops cleanly on SIGTERM.
// The start-up banner goes to stdout for the person at the terminal; operator events go to
// stderr as key=value lines (core/log.h), which journald keeps under systemd.
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "core/clock.h"
#include "core/log.h"
#include "nginx_config.h"
#include "node/engine.h"
#include "node/http/admin_token.h"
#include "node/http/server.h"
#include "node_options.h"
#include "private_files.h"
#include "prometheus_targets.h"
#include "seckill_version.h"
#include "store/memory_ledger.h"
#include "store/order_db.h"
#include "store/redis/redis_durability.h"
#include "store/redis/redis_ledger.h"
#include "systemd_notify.h"

using namespace seckill;

namespace {

// A sale the ledger already holds (a restart on the same data dir, or another node created
// it) is kept as it is: creating it again would sell its units a second time.
void create_demo_sale(store::Ledger& ledger, const std::string& id, std::int64_t stock,
                      const Clock& clock, std::ostream& out) {
    SaleConfig c;
    c.id = id;
    c.name = "Demo sale " + id;
    c.total = stock;
    if (ledger.create_sale(c, SaleState::running, clock.now_ms())) return;
    const auto view = ledger.get_sale(id, clock.now_ms());
    out << "demo sale '" << id << "' already exists: kept as it is (" << to_string(view->state)
        << ", " << view->stock.remaining() << " of " << view->stock.total << " units unsold)\n";
}

// The embedded ledger and the journal it lives in.
struct EmbeddedLedger {
    store::LedgerJournal journal;
    store::MemoryLedger ledger;
    EmbeddedLedger(const std::string& path, store::sqlite::Durability d)
        : journal(path, d), ledger(journal) {}
};

std::shared_ptr<store::Ledger> open_ledger(const app::NodeCommandLine& cmd) {
    if (cmd.redis_url.empty()) {
        auto embedded =
            std::make_shared<EmbeddedLedger>(cmd.data_dir + "/ledger.db", cmd.durability);
        return std::shared_ptr<store::Ledger>(embedded, &embedded->ledger);
    }
    auto url = store::redis::parse_redis_url(cmd.redis_url);
    if (auto* err = std::get_if<std::string>(&url)) throw std::runtime_error("--redis: " + *err);
    store::redis::RedisLedgerOptions options;
    options.heartbeat_ttl_ms = cmd.engine.node_ttl_ms;
    // A buy may wait on Redis for its budget, no longer: a refill on a fresh connection
    // (connect + command) fits in it, and after one failed call the node answers 503 at once
    // until the housekeeper reaches Redis again.
    const std::chrono::milliseconds half(std::max<Millis>(cmd.engine.buy_budget_ms / 2, 5));
    options.timeouts.connect = half;
    options.timeouts.command = half;
    return std::make_shared<store::redis::RedisLedger>(std::get<store::redis::RedisUrl>(url),
                                                       options);
}

int print_nginx_config(const app::NodeCommandLine& cmd) {
    auto ledger = open_ledger(cmd);
    const Millis now = SystemClock::instance().now_ms();
    app::NginxConfigOptions o{cmd.print_nginx_config, cmd.nginx_listen, cmd.nginx_limit_rate};
    std::cout << app::nginx_config(ledger->list_nodes(now, cmd.engine.node_ttl_ms), o);
    return 0;
}

int print_prometheus_targets(const app::NodeCommandLine& cmd) {
    auto ledger = open_ledger(cmd);
    const Millis now = SystemClock::instance().now_ms();
    const std::string text =
        app::prometheus_targets(ledger->list_nodes(now, cmd.engine.node_ttl_ms));
    if (cmd.print_prometheus_targets == "-")
        std::cout << text;
    else
        app::write_file_atomically(cmd.print_prometheus_targets, text);
    return 0;
}

// Ready for systemd (Type=notify) once the server listens and the ledger answered; on
// Redis the ledger may be down at start, so the wait is re-checked while waiting for a
// stop signal. Returns the stop signal.
int wait_for_stop(const sigset_t& stop_signals, node::Engine& engine, const std::string& status) {
    bool ready = false;
    for (;;) {
        if (!ready && engine.ledger_reachable()) {
            app::notify_ready(status);
            log::info("ready",
                      {{"node", engine.options().node_id}, {"address", engine.options().address}});
            ready = true;
        }
        // Blocks until a stop signal; before ready it wakes each second to look again.
        if (ready) {
            int sig = 0;
            sigwait(&stop_signals, &sig);
            return sig;
        }
        const timespec second{1, 0};
        const int sig = sigtimedwait(&stop_signals, nullptr, &second);
        if (sig > 0) return sig;
        app::notify_status("waiting for the ledger");
    }
}

// Connections are descriptors: take the hard limit the system grants rather than the soft
// default (often 1024). The server caps connections below whatever this leaves.
void raise_descriptor_limit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= lim.rlim_max) return;
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
}

int run(const app::NodeCommandLine& cmd) {
    // Block the stop signals before any thread starts, so only sigwait below sees them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    raise_descriptor_limit();
    auto tightened = app::make_data_dirs_private(cmd.data_dir, cmd.db_file);
    const auto token = node::http::load_admin_token(cmd.admin_token_file, cmd.data_dir);
    const Clock& clock = SystemClock::instance();

    auto ledger_ptr = open_ledger(cmd);
    store::Ledger& ledger = *ledger_ptr;
    // Embedded, this node is the only writer; on Redis only nodes told to write do.
    const bool writes_orders = cmd.redis_url.empty() || cmd.order_writer;
    std::optional<store::OrderDb> orders;
    if (writes_orders) orders.emplace(cmd.db_file, cmd.durability);
    for (auto& f : app::make_files_private(
             {cmd.db_file, cmd.db_file + "-wal", cmd.db_file + "-shm",
              cmd.data_dir + "/admin-token", cmd.data_dir + "/ledger.db",
              cmd.data_dir + "/ledger.db-wal", cmd.data_dir + "/ledger.db-shm"}))
        tightened.push_back(std::move(f));
    if (auto* embedded = dynamic_cast<store::MemoryLedger*>(&ledger); embedded && orders)
        embedded->continue_after(orders->max_seq());
    node::EngineOptions engine_options = cmd.engine;
    if (cmd.demo_sale)
        create_demo_sale(ledger, cmd.demo_sale->first, cmd.demo_sale->second, clock, std::cout);

    node::Engine engine(ledger, orders ? &*orders : nullptr, clock, engine_options);
    node::http::RouterOptions router{token.value};
    router.buyer_auth = cmd.buyer_auth;
    router.metrics_need_token = cmd.metrics_auth;
    router.allow_faults = cmd.allow_faults;
    router.serve_metrics = !cmd.metrics_listen;
    std::optional<node::http::Server> metrics_server;
    if (cmd.metrics_listen) {
        node::http::RouterOptions metrics_router{token.value};
        metrics_router.metrics_need_token = cmd.metrics_auth;
        metrics_router.serve_api = false;
        metrics_server.emplace(engine, std::move(metrics_router), *cmd.metrics_listen);
    }
    node::http::Server server(engine, std::move(router), cmd.server);
    // Bind first: with port 0 the registry must carry the port the kernel picked, since
    // nginx configs are written from it.
    server.start();
    if (metrics_server) metrics_server->start();
    engine.set_address(cmd.server.host + ":" + std::to_string(server.port()));
    engine.start();

    std::cout << "seckill-node " << engine_options.node_id << " serving http://" << cmd.server.host
              << ':' << server.port() << " ("
              << (cmd.redis_url.empty() ? "embedded ledger in " + cmd.data_dir + "/ledger.db"
                                        : "Redis ledger " + cmd.redis_url)
              << (writes_orders ? ", orders in " + cmd.db_file : ", no order writer here") << ")\n";
    if (cmd.buyer_auth.mode == node::http::BuyerAuthMode::jwt)
        std::cout << "buyer auth: jwt (" << cmd.jwt_key_source << ", leeway "
                  << cmd.buyer_auth.jwt_leeway_s
                  << " s): buyers send Authorization: Bearer <JWT>\n";
    else
        std::cout << "buyer auth: open: buyers name themselves with ?user= (orders answer only "
                     "the same user)\n";
    if (cmd.buyer_auth.proxy_user_header)
        std::cout << "X-Seckill-User is believed from trusted proxies\n";
    rlimit lim{};
    ::getrlimit(RLIMIT_NOFILE, &lim);
    std::cout << "connection caps: " << server.connection_cap()
              << " open in all (--max-connections " << cmd.server.max_connections
              << ", descriptor limit " << lim.rlim_cur << "), " << cmd.server.max_connections_per_ip
              << " per client address\n";
    for (const auto& p : tightened) std::cout << "made private (owner only): " << p << '\n';
    if (metrics_server)
        std::cout << "metrics on http://" << cmd.metrics_listen->host << ':'
                  << metrics_server->port() << "/metrics"
                  << (cmd.metrics_auth ? " (admin token required)" : "") << '\n';
    else if (cmd.metrics_auth)
        std::cout << "metrics need the admin token\n";
    if (token.generated)
        std::cout << "admin token (saved to " << cmd.data_dir
                  << "/admin-token, shown once): " << token.value << '\n';
    if (cmd.demo_sale)
        std::cout << "demo sale '" << cmd.demo_sale->first << "' is running with "
                  << cmd.demo_sale->second << " units: curl -X POST 'http://" << cmd.server.host
                  << ':' << server.port() << "/v1/sales/" << cmd.demo_sale->first
                  << "/buy?user=alice'\n";
    std::cout.flush();

    if (auto* redis = dynamic_cast<store::redis::RedisLedger*>(ledger_ptr.get())) {
        // Said once at start, where an operator reads the node's log: the node cannot make
        // Redis durable, only refuse to pretend it is.
        if (const std::string why = store::redis::persistence_warning(redis->pool()); !why.empty())
            log::warn("redis_not_durable", {{"node", engine_options.node_id}, {"detail", why}});
    }
    log::info("started", {{"node", engine_options.node_id},
                          {"address", cmd.server.host + ":" + std::to_string(server.port())},
                          {"ledger", cmd.redis_url.empty() ? "embedded" : "redis"},
                          {"order_writer", writes_orders ? "yes" : "no"},
                          {"version", SECKILL_VERSION}});
    const int sig =
        wait_for_stop(stop_signals, engine,
                      "serving on " + cmd.server.host + ":" + std::to_string(server.port()));
    app::notify_stopping("draining: returning leases and writing queued orders");
    log::info("stopping", {{"node", engine_options.node_id},
                           {"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    std::cout << "stopping: returning leases and writing queued orders\n" << std::flush;
    server.stop();
    if (metrics_server) metrics_server->stop();  // after the main one: both stop the committer
    engine.stop();
    const auto left = ledger.queue_depth();
    std::cout << "stopped; " << left << " order events left unwritten\n";
    log::info("stopped", {{"node", engine_options.node_id}, {"order_events_unwritten", left}});
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = app::parse_node_command_line(argc, argv);
    if (auto* err = std::get_if<std::string>(&parsed)) {
        std::cerr << "seckill-node: " << *err << '\n';
        return 2;
    }
    const auto& cmd = std::get<app::NodeCommandLine>(parsed);
    if (cmd.help) {
        std::cout << app::node_usage();
        return 0;
    }
    if (cmd.version) {
        std::cout << "seckill-node " << SECKILL_VERSION << '\n';
        return 0;
    }
    log::set_level(cmd.log_level);
    try {
        if (!cmd.print_nginx_config.empty()) return print_nginx_config(cmd);
        if (!cmd.print_prometheus_targets.empty()) return print_prometheus_targets(cmd);
        return run(cmd);
    } catch (const std::exception& e) {
        std::cerr << "seckill-node: " << e.what() << '\n';
        log::error("failed", {{"why", e.what()}});
        return 1;
    }
}
