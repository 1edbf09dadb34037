#pragma once
// The nodes of a local cluster: named n1, n2, … in start order, at most eight, started and
// drained one by one. Not thread-safe: a LocalCluster touches it only from its worker.
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backend/local_node.h"

namespace seckill::ui {

class LocalNodeSet {
  public:
    static constexpr int max_nodes = 8;

    // Runs on a detached engine thread when a node_crash was injected into node `id`: the
    // owner must hand the crash back to the thread that owns this set (see crash()).
    using CrashHandler = std::function<void(const std::string& id)>;

    LocalNodeSet(store::Ledger& ledger, const Clock& clock, std::string admin_token,
                 CrashHandler on_crash = {}, std::size_t commit_batch = 0)
        : ledger_(ledger),
          clock_(clock),
          admin_token_(std::move(admin_token)),
          on_crash_(std::move(on_crash)),
          commit_batch_(commit_batch) {}

    // Starts a node under the next free name; throws when eight are running or it cannot
    // bind a port.
    LocalNode& add();
    // False when no running node has that id.
    bool drain(const std::string& id);
    // Ends a running node as kill -9 would (LocalNode::crash); false when none has that id.
    bool crash(const std::string& id);
    void stop_all();
    // The running node with that id, or null.
    LocalNode* find(const std::string& id);
    // Every node ever started, running or not, in start order (their engines keep their
    // event logs after they stop).
    const std::vector<std::unique_ptr<LocalNode>>& all() const { return nodes_; }
    // Makes a sale the ledger just created or changed visible to every running node now,
    // not at their next housekeeping tick: buys in between would hear "no such sale".
    void refresh_sale(const std::string& sale);

    int running() const;
    // Stopped by the operator (drain), and ended by an injected crash.
    std::vector<std::string> drained() const;
    std::vector<std::string> crashed() const;

  private:
    store::Ledger& ledger_;
    const Clock& clock_;
    const std::string admin_token_;
    CrashHandler on_crash_;
    const std::size_t commit_batch_;  // every node's (LocalNodeOptions::commit_batch)
    std::vector<std::unique_ptr<LocalNode>> nodes_;
};

}  // namespace seckill::ui
