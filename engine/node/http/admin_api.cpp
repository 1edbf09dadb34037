#include "node/http/admin_api.h"

#include <algorithm>
#include <boost/json.hpp>

#include "core/ids.h"
#include "core/time_format.h"
#include "node/http/json_fields.h"
#include "node/http/json_reply.h"
#include "node/http/request_body.h"
#include "node/http/views_json.h"
#include "node/limits_json.h"
#include "node/operations/control_operations.h"
#include "node/operations/sale_operations.h"
#include "node/order_journey.h"
#include "node/rebalance_sale.h"
#include "node/sale_invariants.h"

namespace seckill::node::http {
namespace json = boost::json;
namespace {

Response unavailable() { return error_reply(503, "unavailable", ledger_unreachable, 1); }

// An operation's refusal as an HTTP answer; `conflict_status` names the 409 for this route.
template <class T>
Response refusal(const OperationResult<T>& out, std::string_view conflict_status) {
    switch (out.status) {
        case OperationStatus::bad_request:
            return error_reply(400, "bad_request", out.sentence);
        case OperationStatus::not_found:
            return error_reply(404, "not_found", out.sentence);
        case OperationStatus::conflict:
            return error_reply(409, std::string(conflict_status), out.sentence);
        case OperationStatus::unavailable:
        case OperationStatus::ok:
            break;
    }
    return unavailable();
}

}  // namespace

Response AdminApi::create_sale(const Request& req) {
    auto body = parse_json_object(req.body);
    if (auto* err = std::get_if<std::string>(&body)) return error_reply(400, "bad_request", *err);
    const auto& o = std::get<json::object>(body);
    SaleConfig c;
    for (const char* key : {"sale", "name"}) {
        const json::value* v = o.if_contains(key);
        if (!v || v->is_null()) continue;
        if (!v->is_string())
            return error_reply(400, "bad_request", std::string(key) + " must be a string");
        (std::string_view(key) == "sale" ? c.id : c.name) = std::string(v->as_string());
    }
    std::int64_t limit = c.per_user_limit;
    std::optional<std::string> err = read_int_field(o, "total", c.total, true);
    if (!err) err = read_int_field(o, "per_user_limit", limit);
    if (!err) err = read_int_field(o, "pay_timeout_s", c.pay_timeout_s);
    if (!err) err = read_time_field(o, "starts_at", c.starts_at);
    if (!err) err = read_time_field(o, "ends_at", c.ends_at);
    if (err) return error_reply(400, "bad_request", *err);
    // The config holds an int; a value beyond the range stays beyond it after the clamp, so
    // the operation refuses it in its own words.
    c.per_user_limit = int(std::clamp<std::int64_t>(limit, 0, max_per_user_limit + 1));
    auto out = node::create_sale(engine_.ledger(), std::move(c), engine_.clock().now_ms());
    if (!out.ok()) return refusal(out, "exists");
    engine_.refresh_sale(out.value.config.id);
    return json_reply(201, sale_json(out.value));
}

Response AdminApi::list_sales() {
    try {
        json::array sales;
        for (const auto& s : engine_.ledger().list_sales(engine_.clock().now_ms()))
            sales.push_back(sale_json(s));
        return json_reply(200, {{"status", "ok"}, {"sales", std::move(sales)}});
    } catch (const std::exception&) {
        return unavailable();
    }
}

Response AdminApi::set_state(std::string_view sale, SaleState state) {
    auto out = node::set_sale_state(engine_.ledger(), sale, state, engine_.clock().now_ms());
    if (!out.ok()) return refusal(out, "invalid_state");
    engine_.refresh_sale(sale);
    return json_reply(200, sale_json(out.value));
}

Response AdminApi::invariants(std::string_view sale) {
    if (!is_valid_sale_id(sale))
        return error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}");
    try {
        const auto& opt = engine_.options();
        // One rule for every reader (see sale_invariants): ledger checks, the order DB half
        // of I4 where this node has the DB, and I7/I8 from the nodes' heartbeats.
        const auto report =
            sale_invariants(engine_.ledger(), engine_.order_db(), sale, engine_.clock().now_ms(),
                            {opt.node_ttl_ms, opt.expiry_grace_ms}, engine_.order_writer_name());
        if (!report) return error_reply(404, "not_found", "no such sale");
        return json_reply(200, invariants_json(*report));
    } catch (const std::exception&) {
        return unavailable();
    }
}

Response AdminApi::audit(std::string_view sale) {
    if (!is_valid_sale_id(sale))
        return error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}");
    try {
        const auto report = engine_.ledger().audit_invariants(sale, engine_.clock().now_ms(),
                                                              engine_.options().expiry_grace_ms);
        if (!report) return error_reply(404, "not_found", "no such sale");
        return json_reply(200, invariants_json(*report));
    } catch (const std::exception&) {
        return unavailable();
    }
}

Response AdminApi::order_tally(std::string_view sale) {
    if (!is_valid_sale_id(sale))
        return error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}");
    store::OrderDb* db = engine_.order_db();
    if (!db)
        return error_reply(409, "no_order_db",
                           "this node writes no orders: ask the node started with --order-writer");
    try {
        return json_reply(200, {{"status", "ok"},
                                {"sale", std::string(sale)},
                                {"node", engine_.options().node_id},
                                {"orders", db->count_orders(sale)},
                                {"conflicts", db->count_conflicts(sale)}});
    } catch (const std::exception& e) {
        return error_reply(503, "unavailable",
                           std::string("the order DB cannot be read: ") + e.what(), 1);
    }
}

Response AdminApi::order(std::string_view order_id) {
    if (!is_valid_order_id(order_id))
        return error_reply(400, "bad_request", std::string(order_id_rule));
    try {
        auto journey = order_journey(engine_.ledger(), engine_.order_db(), order_id);
        if (!journey) return error_reply(404, "not_found", "no such order");
        return json_reply(200, order_journey_json(*journey));
    } catch (const std::exception&) {
        return unavailable();
    }
}

Response AdminApi::get_degrade() {
    return json_reply(200, {{"status", "ok"},
                            {"level", int(engine_.admission().degrade())},
                            {"name", to_string(engine_.admission().degrade())},
                            {"node", engine_.options().node_id}});
}

Response AdminApi::put_degrade(const Request& req) {
    auto body = parse_json_object(req.body);
    if (auto* err = std::get_if<std::string>(&body)) return error_reply(400, "bad_request", *err);
    const auto& o = std::get<json::object>(body);
    std::int64_t level = -1;
    if (read_int_field(o, "level", level, true))
        return error_reply(400, "bad_request", "level must be an integer from 0 to 3");
    std::string node;
    if (auto it = o.find("node"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_string())
            return error_reply(400, "bad_request", "node must be null or a node id");
        node = std::string(it->value().as_string());
    }
    auto out = node::set_degrade(engine_.ledger(), node, level);
    if (!out.ok()) return refusal(out, "conflict");
    // This node applies its own change now; the others at their next control poll.
    if (node.empty() || node == engine_.options().node_id)
        engine_.admission().set_degrade(out.value);
    json::object reply{{"status", "ok"}, {"level", int(out.value)}, {"name", to_string(out.value)}};
    reply["node"] = node.empty() ? json::value(nullptr) : json::value(node);
    return json_reply(200, std::move(reply));
}

Response AdminApi::get_limits() {
    return json_reply(200, rules_to_json(engine_.admission().rules()).as_object());
}

Response AdminApi::put_limits(const Request& req) {
    auto out = node::set_limits(engine_.ledger(), req.body);
    if (!out.ok()) return refusal(out, "conflict");
    engine_.admission().set_rules(out.value);
    return json_reply(200, rules_to_json(out.value).as_object());
}

Response AdminApi::nodes() {
    try {
        const auto& opt = engine_.options();
        json::array list;
        for (const auto& n : engine_.ledger().list_nodes(engine_.clock().now_ms(), opt.node_ttl_ms))
            list.push_back(node_json(n));
        return json_reply(200, {{"status", "ok"}, {"nodes", std::move(list)}});
    } catch (const std::exception&) {
        return unavailable();
    }
}

namespace {

// {"strategy": "...", "counts": {"n1": 100}, "weights": {"n1": 2}} as a request; the
// operation checks the node ids and the ranges.
std::variant<RebalanceRequest, std::string> rebalance_request(const json::object& o) {
    RebalanceRequest r;
    auto s = o.find("strategy");
    if (s == o.end() || !s->value().is_string())
        return std::string("strategy must be one of even, weighted, demand, manual, auto");
    auto strategy = parse_rebalance_strategy(s->value().as_string());
    if (!strategy)
        return std::string("strategy must be one of even, weighted, demand, manual, auto");
    r.strategy = *strategy;
    for (const char* key : {"counts", "weights"}) {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) continue;
        if (!it->value().is_object()) return std::string(key) + " must be an object of node ids";
        const bool counts = std::string_view(key) == "counts";
        for (const auto& [node, v] : it->value().as_object()) {
            std::int64_t n = 0;
            if (auto err = read_integer(v, std::string(key) + "." + std::string(node), n))
                return *err;
            (counts ? r.counts : r.weights)[std::string(node)] = n;
        }
    }
    return r;
}

}  // namespace

Response AdminApi::rebalance(std::string_view sale, const Request& req) {
    if (!is_valid_sale_id(sale))
        return error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}");
    auto body = parse_json_object(req.body);
    if (auto* err = std::get_if<std::string>(&body)) return error_reply(400, "bad_request", *err);
    auto parsed = rebalance_request(std::get<json::object>(body));
    if (auto* err = std::get_if<std::string>(&parsed)) return error_reply(400, "bad_request", *err);
    const auto& request = std::get<RebalanceRequest>(parsed);
    auto out = node::rebalance(engine_.ledger(), sale, request, engine_.clock().now_ms(),
                               engine_.options().node_ttl_ms);
    if (!out.ok()) return refusal(out, "conflict");
    json::object targets;
    for (const auto& [node, units] : out.value.allocation) targets[node] = units;
    return json_reply(200, {{"status", "ok"},
                            {"sale", std::string(sale)},
                            {"strategy", to_string(request.strategy)},
                            {"remaining", out.value.remaining},
                            {"allocation", std::move(targets)}});
}

}  // namespace seckill::node::http
