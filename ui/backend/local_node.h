#pragma once
// One embedded node: the real engine and its HTTP server on a free loopback port, the
// same code seckill-node runs, sharing the cluster's ledger. No order DB of its own: the
// cluster writes one for all nodes, so draining a node never stops orders reaching SQLite.
#include <memory>
#include <string>

#include "core/clock.h"
#include "node/engine.h"
#include "node/http/server.h"
#include "store/ledger.h"

namespace seckill::ui {

struct LocalNodeOptions {
    std::string id;
    std::string admin_token;
    unsigned threads = 1;       // io threads; eight nodes share the machine with the UI
    Millis heartbeat_ms = 250;  // as often as the console refreshes, so rates stay smooth
    Millis tick_ms = 100;
    std::size_t commit_batch = 0;  // most buys per ledger commit call; 0: the engine's default
};

class LocalNode {
  public:
    LocalNode(store::Ledger& ledger, const Clock& clock, LocalNodeOptions options);
    ~LocalNode();
    LocalNode(const LocalNode&) = delete;
    LocalNode& operator=(const LocalNode&) = delete;

    // Throws when no port can be bound or the ledger refuses the node.
    void start();
    // Stops accepting, answers what is in flight, commits queued buys and returns the
    // lease to the pool (Engine::stop): a drain loses nothing.
    void stop();

    // Ends the node as kill -9 would (an injected node_crash): Engine::abandon, so no lease
    // goes back and no goodbye reaches the ledger, then its port closes. Its peers reclaim
    // the lease once its heartbeat is older than the TTL.
    void crash();

    bool running() const { return running_; }
    bool crashed() const { return crashed_; }
    const std::string& id() const { return options_.id; }
    std::string address() const;
    node::Engine& engine() { return engine_; }

  private:
    LocalNodeOptions options_;
    node::Engine engine_;
    std::unique_ptr<node::http::Server> server_;
    bool running_ = false;
    bool crashed_ = false;
};

}  // namespace seckill::ui
