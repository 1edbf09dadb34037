#include "backend/local_node.h"

namespace seckill::ui {
namespace {

node::EngineOptions engine_options(const LocalNodeOptions& o) {
    node::EngineOptions e;
    e.node_id = o.id;
    e.heartbeat_ms = o.heartbeat_ms;
    e.tick_ms = o.tick_ms;
    if (o.commit_batch > 0) e.commit_batch = o.commit_batch;
    return e;
}

}  // namespace

LocalNode::LocalNode(store::Ledger& ledger, const Clock& clock, LocalNodeOptions options)
    : options_(std::move(options)), engine_(ledger, nullptr, clock, engine_options(options_)) {}

LocalNode::~LocalNode() { stop(); }

std::string LocalNode::address() const {
    return server_ ? "127.0.0.1:" + std::to_string(server_->port()) : std::string();
}

void LocalNode::start() {
    if (running_) return;
    node::http::ServerOptions so;
    so.port = 0;
    so.threads = options_.threads;
    node::http::RouterOptions ro;
    ro.admin_token = options_.admin_token;
    // The console is these nodes' operator and injects faults into them anyway (the Faults
    // dock); over HTTP too, so a scenario's timeline reaches them as it reaches seckill-node
    // --allow-faults. The admin token still guards the call.
    ro.allow_faults = true;
    server_ = std::make_unique<node::http::Server>(engine_, ro, so);
    // Bind first, as seckill-node does: the registry must carry the port the kernel picked,
    // and registering once more afterwards would supersede the engine's own registration.
    server_->start();
    engine_.set_address(address());
    try {
        engine_.start();
    } catch (...) {
        server_->stop();
        throw;
    }
    running_ = true;
}

void LocalNode::crash() {
    if (!running_) return;
    running_ = false;
    crashed_ = true;
    // The engine first: it stops selling and ticking before the port closes, and leaves
    // its registration and leases in the ledger exactly as a killed process would.
    engine_.abandon();
    server_->stop();
}

void LocalNode::stop() {
    if (!running_) return;
    running_ = false;
    server_->stop();
    engine_.stop();
}

}  // namespace seckill::ui
