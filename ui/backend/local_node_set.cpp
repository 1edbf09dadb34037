#include "backend/local_node_set.h"

#include <algorithm>
#include <stdexcept>

#include "backend/background_priority.h"

namespace seckill::ui {

LocalNode& LocalNodeSet::add() {
    if (running() >= max_nodes)
        throw std::runtime_error("a local cluster runs at most " + std::to_string(max_nodes) +
                                 " nodes");
    LocalNodeOptions o;
    // Names are never reused: a drained node's orders keep pointing at the node that sold them.
    o.id = "n" + std::to_string(nodes_.size() + 1);
    o.admin_token = admin_token_;
    o.commit_batch = commit_batch_;
    auto node = std::make_unique<LocalNode>(ledger_, clock_, o);
    // The default handler would SIGKILL the whole console; an embedded node ends alone.
    node->engine().set_crash_handler([handler = on_crash_, id = o.id] {
        if (handler) handler(id);
    });
    start_at_lower_priority([&] { node->start(); });
    nodes_.push_back(std::move(node));
    return *nodes_.back();
}

bool LocalNodeSet::drain(const std::string& id) {
    LocalNode* n = find(id);
    if (!n) return false;
    n->stop();
    return true;
}

LocalNode* LocalNodeSet::find(const std::string& id) {
    auto it = std::find_if(nodes_.begin(), nodes_.end(),
                           [&](const auto& n) { return n->id() == id && n->running(); });
    return it == nodes_.end() ? nullptr : it->get();
}

bool LocalNodeSet::crash(const std::string& id) {
    LocalNode* n = find(id);
    if (!n) return false;
    n->crash();
    return true;
}

void LocalNodeSet::stop_all() {
    for (auto& n : nodes_) n->stop();
}

void LocalNodeSet::refresh_sale(const std::string& sale) {
    for (auto& n : nodes_)
        if (n->running()) n->engine().refresh_sale(sale);
}

int LocalNodeSet::running() const {
    return int(
        std::count_if(nodes_.begin(), nodes_.end(), [](const auto& n) { return n->running(); }));
}

std::vector<std::string> LocalNodeSet::drained() const {
    std::vector<std::string> out;
    for (const auto& n : nodes_)
        if (!n->running() && !n->crashed()) out.push_back(n->id());
    return out;
}

std::vector<std::string> LocalNodeSet::crashed() const {
    std::vector<std::string> out;
    for (const auto& n : nodes_)
        if (n->crashed()) out.push_back(n->id());
    return out;
}

}  // namespace seckill::ui
