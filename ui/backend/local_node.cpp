#include "backend/local_node.h"

namespace seckill::ui {
namespace {

node::EngineOptions engine_options(const LocalNodeOptions& o) {
    node::EngineOptions e;
    e.node_id = o.id;
    e.heartbeat_ms = o.heartbeat_ms;
    e.tick_ms = o.tick_ms;
    return e;
}

}  // namespace

LocalNode::LocalNode(store::Ledger& ledger, const Clock& clock, LocalNodeOptions options)
    : ledger_(ledger),
      clock_(clock),
      options_(std::move(options)),
      engine_(ledger, nullptr, clock, engine_options(options_)) {}

LocalNode::~LocalNode() { stop(); }

std::string LocalNode::address() const {
    return server_ ? "127.0.0.1:" + std::to_string(server_->port()) : std::string();
}

void LocalNode::start() {
    if (running_) return;
    engine_.start();
    node::http::ServerOptions so;
    so.port = 0;
    so.threads = options_.threads;
    server_ = std::make_unique<node::http::Server>(engine_, node::http::RouterOptions{options_.admin_token}, so);
    try {
        server_->start();
    } catch (...) {
        engine_.stop();
        throw;
    }
    // The port is known only once the server is bound, after the engine registered: a
    // second registration under the same id keeps the worker number and adds the address.
    ledger_.register_node(options_.id, address(), clock_.now_ms());
    running_ = true;
}

void LocalNode::stop() {
    if (!running_) return;
    running_ = false;
    server_->stop();
    engine_.stop();
}

}  // namespace seckill::ui
