#include "backend/remote_order_tally.h"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "backend/node_admin_client.h"
#include "backend/node_admin_result.h"
#include "core/ids.h"
#include "node/heartbeat_stats.h"

namespace seckill::ui {
namespace {

using store::OrderTallyUnavailable;

std::int64_t count_of(const boost::json::object& o, const char* key, const std::string& node) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_int64() || v->as_int64() < 0)
        throw OrderTallyUnavailable(node + "'s order tally has no \"" + key + "\" count");
    return v->as_int64();
}

}  // namespace

bool is_order_writer(const store::NodeInfo& n) {
    return node::parse_heartbeat_stats(n.stats_json).order_writer;
}

std::int64_t RemoteOrderTally::count_orders(std::string_view sale) {
    if (token_.empty()) throw OrderTallyUnavailable(missing_admin_token().toStdString());
    if (!is_valid_sale_id(sale))
        throw OrderTallyUnavailable("sale id must match [A-Za-z0-9_-]{1,32}");
    std::int64_t orders = 0, conflicts = 0;
    // The names first: a writer named after the registry was read would look unregistered.
    const auto named = ledger_.order_tally(sale).writers;
    const auto nodes = ledger_.list_nodes(clock_.now_ms(), node_ttl_);
    // Every writer the ledger handed this sale's events to holds part of its orders, live or
    // not: a sum without a stopped writer's DB would fail I4 with nothing lost. Live nodes
    // whose heartbeat says they write orders are asked too: a writer of an earlier version
    // is not named by the ledger, and one never handed events adds nothing.
    std::vector<const store::NodeInfo*> asked;
    for (const std::string& w : named) {
        const auto n = std::find_if(nodes.begin(), nodes.end(),
                                    [&](const store::NodeInfo& node) { return node.id == w; });
        if (n == nodes.end())
            throw OrderTallyUnavailable("order writer " + w +
                                        " keeps part of this sale's orders and is not in the "
                                        "registry (stopped?)");
        if (!n->alive)
            throw OrderTallyUnavailable("order writer " + w +
                                        " keeps part of this sale's orders and is not alive");
        asked.push_back(&*n);
    }
    for (const store::NodeInfo& n : nodes)
        if (n.alive && is_order_writer(n) &&
            std::find(named.begin(), named.end(), n.id) == named.end())
            asked.push_back(&n);
    for (const store::NodeInfo* node : asked) {
        const store::NodeInfo& n = *node;
        const std::string route = "/admin/v1/sales/" + std::string(sale) + "/orders/tally";
        // Half a second, far shorter than an action's wait: the tally is read inside the poll
        // once a second, and a frozen writer must not make the whole window look stale
        // (stale_after_ms is a second).
        const AdminReply r =
            call_node_admin(n.address, "GET", route, token_, {}, std::chrono::milliseconds(500));
        if (r.status != 200)
            throw OrderTallyUnavailable(
                "order writer " + n.id + " did not give its tally (" +
                (r.status ? "HTTP " + std::to_string(r.status) + ": " : std::string()) +
                r.sentence() + ")");
        boost::system::error_code ec;
        const auto doc = boost::json::parse(r.body, ec);
        if (ec || !doc.is_object())
            throw OrderTallyUnavailable("order writer " + n.id +
                                        " answered its tally with no JSON");
        orders += count_of(doc.as_object(), "orders", n.id);
        conflicts += count_of(doc.as_object(), "conflicts", n.id);
    }
    if (asked.empty())
        throw OrderTallyUnavailable(
            "no live node in the registry writes orders (seckill-node --order-writer)");
    sale_ = std::string(sale);
    conflicts_ = conflicts;
    return orders;
}

std::int64_t RemoteOrderTally::count_conflicts(std::string_view sale) {
    if (sale != sale_) count_orders(sale);
    return conflicts_;
}

}  // namespace seckill::ui
