#pragma once
// A node's admin API answers (node/http/views_json.h writes them) read back into the
// console's types, for the backend that sees nodes only through that API (NodeCluster).
// Qt-free. Every reader throws std::runtime_error saying what is malformed: a node that
// answers garbage fails the poll with a reason, it never crashes the console.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/sale.h"
#include "node/order_journey.h"
#include "store/types.h"

namespace seckill::ui::node_wire {

// GET /admin/v1/sales. Each sale's pool holds its remaining units: the API does not say
// how many are leased (the caller moves the registry's leases out of it).
std::vector<SaleView> sales(std::string_view body);
// GET /admin/v1/nodes: the registry with each node's heartbeat stats as JSON text.
std::vector<store::NodeInfo> nodes(std::string_view body);
// GET /admin/v1/sales/{sale}/invariants.
store::InvariantReport invariants(std::string_view body);
// Several nodes' reports of one sale as one: a check fails when it fails on any node, its
// detail names each node ("n1: …; n2: …").
store::InvariantReport joined(
    const std::vector<std::pair<std::string, store::InvariantReport>>& reports);
// GET /admin/v1/degrade: the node's id and the level it runs at.
std::pair<std::string, int> degrade(std::string_view body);
// GET /admin/v1/events: oldest first.
std::vector<store::NodeEvent> events(std::string_view body);
// GET /admin/v1/orders/{id}.
node::OrderJourney order_journey(std::string_view body);
// The ledger's order queue as a node's heartbeat stats report it (0 when absent).
std::int64_t queue_depth(const store::NodeInfo& node);

// "/admin/v1/sales/{sale}{tail}"; the caller has checked the id (is_valid_sale_id).
std::string sale_route(const std::string& sale, std::string_view tail);
// The body of POST /admin/v1/sales.
std::string create_sale_body(const SaleConfig& config);
// The body of PUT /admin/v1/degrade: node empty = every node of that ledger.
std::string degrade_body(const std::string& node, int level);

}  // namespace seckill::ui::node_wire
