#pragma once
// The nodes of a local cluster: named n1, n2, … in start order, at most eight, started and
// drained one by one. Not thread-safe: a LocalCluster touches it only from its worker.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backend/local_node.h"

namespace seckill::ui {

class LocalNodeSet {
public:
    static constexpr int max_nodes = 8;

    LocalNodeSet(store::Ledger& ledger, const Clock& clock, std::string admin_token)
        : ledger_(ledger), clock_(clock), admin_token_(std::move(admin_token)) {}

    // Starts a node under the next free name; throws when eight are running or it cannot
    // bind a port.
    LocalNode& add();
    // False when no running node has that id.
    bool drain(const std::string& id);
    void stop_all();
    // Makes a sale the ledger just created or changed visible to every running node now,
    // not at their next housekeeping tick: buys in between would hear "no such sale".
    void refresh_sale(const std::string& sale);

    int running() const;
    std::vector<std::string> drained() const;

private:
    store::Ledger& ledger_;
    const Clock& clock_;
    const std::string admin_token_;
    std::vector<std::unique_ptr<LocalNode>> nodes_;
};

}  // namespace seckill::ui
