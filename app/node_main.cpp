// seckill-node: the headless node. Embedded ledger by default; stops cleanly on SIGTERM.
#include <csignal>
#include <filesystem>
#include <iostream>

#include "core/clock.h"
#include "node/engine.h"
#include "node/http/admin_token.h"
#include "node/http/server.h"
#include "node_options.h"
#include "store/memory_ledger.h"
#include "store/order_db.h"

using namespace seckill;

namespace {

void create_demo_sale(store::Ledger& ledger, const std::string& id, std::int64_t stock,
                      const Clock& clock) {
    SaleConfig c;
    c.id = id;
    c.name = "Demo sale " + id;
    c.total = stock;
    if (!ledger.create_sale(c, SaleState::running, clock.now_ms()))
        ledger.set_sale_state(id, SaleState::running, clock.now_ms());
}

int run(const app::NodeCommandLine& cmd) {
    // Block the stop signals before any thread starts, so only sigwait below sees them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    std::filesystem::create_directories(cmd.data_dir);
    const auto token = node::http::load_admin_token(cmd.admin_token_file, cmd.data_dir);
    const Clock& clock = SystemClock::instance();

    store::MemoryLedger ledger;
    store::OrderDb orders(cmd.db_file);
    node::EngineOptions engine_options = cmd.engine;
    engine_options.address = cmd.server.host + ":" + std::to_string(cmd.server.port);
    if (cmd.demo_sale) create_demo_sale(ledger, cmd.demo_sale->first, cmd.demo_sale->second, clock);

    node::Engine engine(ledger, &orders, clock, engine_options);
    engine.start();
    node::http::Server server(engine, node::http::RouterOptions{token.value}, cmd.server);
    server.start();

    std::cout << "seckill-node " << engine_options.node_id << " serving http://" << cmd.server.host
              << ':' << server.port() << " (embedded ledger, orders in " << cmd.db_file << ")\n";
    if (token.generated)
        std::cout << "admin token (saved to " << cmd.data_dir << "/admin-token, shown once): "
                  << token.value << '\n';
    if (cmd.demo_sale)
        std::cout << "demo sale '" << cmd.demo_sale->first << "' is running with "
                  << cmd.demo_sale->second << " units: curl -X POST 'http://" << cmd.server.host
                  << ':' << server.port() << "/v1/sales/" << cmd.demo_sale->first
                  << "/buy?user=alice'\n";
    std::cout.flush();

    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cout << "stopping: returning leases and writing queued orders\n" << std::flush;
    server.stop();
    engine.stop();
    std::cout << "stopped; " << ledger.queue_depth() << " order events left unwritten\n";
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
    try {
        return run(cmd);
    } catch (const std::exception& e) {
        std::cerr << "seckill-node: " << e.what() << '\n';
        return 1;
    }
}
