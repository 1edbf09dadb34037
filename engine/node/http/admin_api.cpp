#include "node/http/admin_api.h"

#include <boost/json.hpp>

#include "core/ids.h"
#include "core/time_format.h"
#include "node/http/json_fields.h"
#include "node/http/json_reply.h"
#include "node/http/request_body.h"
#include "node/http/views_json.h"
#include "node/limits_json.h"
#include "node/sale_invariants.h"
#include "node/rebalance_sale.h"

namespace seckill::node::http {
namespace json = boost::json;
namespace {

Response unavailable() {
    return error_reply(503, "unavailable", "the stock ledger cannot be reached", 1);
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
        if (!v->is_string()) return error_reply(400, "bad_request", std::string(key) + " must be a string");
        (std::string_view(key) == "sale" ? c.id : c.name) = std::string(v->as_string());
    }
    // The ranges are validate(SaleConfig)'s; checking them here, on the JSON, refuses
    // fractions and numbers too large for the field before anything converts them.
    std::int64_t limit = c.per_user_limit;
    std::optional<std::string> err = read_int_field(o, "total", 1, max_sale_total, c.total, true);
    if (!err) err = read_int_field(o, "per_user_limit", 1, max_per_user_limit, limit);
    if (!err) err = read_int_field(o, "pay_timeout_s", 1, max_pay_timeout_s, c.pay_timeout_s);
    if (!err) err = read_time_field(o, "starts_at", c.starts_at);
    if (!err) err = read_time_field(o, "ends_at", c.ends_at);
    if (err) return error_reply(400, "bad_request", *err);
    c.per_user_limit = int(limit);
    if (c.name.empty()) c.name = c.id;
    if (auto invalid = validate(c)) return error_reply(400, "bad_request", *invalid);
    try {
        const Millis now = engine_.clock().now_ms();
        if (!engine_.ledger().create_sale(c, SaleState::scheduled, now))
            return error_reply(409, "exists", "a sale with this id exists");
        engine_.refresh_sale(c.id);
        auto view = engine_.ledger().get_sale(c.id, now);
        return json_reply(201, sale_json(*view));
    } catch (const std::exception&) {
        return unavailable();
    }
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
    if (!is_valid_sale_id(sale))
        return error_reply(400, "bad_request", "sale id must match [A-Za-z0-9_-]{1,32}");
    try {
        const Millis now = engine_.clock().now_ms();
        switch (engine_.ledger().set_sale_state(sale, state, now)) {
            case store::StateChange::not_found: return error_reply(404, "not_found", "no such sale");
            case store::StateChange::invalid:
                return error_reply(409, "invalid_state", "an ended sale cannot change state");
            case store::StateChange::done: break;
        }
        engine_.refresh_sale(sale);
        return json_reply(200, sale_json(*engine_.ledger().get_sale(sale, now)));
    } catch (const std::exception&) {
        return unavailable();
    }
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
                            {opt.node_ttl_ms, opt.expiry_grace_ms});
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
    auto level_it = o.find("level");
    if (level_it == o.end() || !level_it->value().is_int64() ||
        !degrade_level_from_int(level_it->value().as_int64()))
        return error_reply(400, "bad_request", "level must be an integer from 0 to 3");
    std::string node;
    if (auto it = o.find("node"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_string() || !is_valid_node_id(it->value().as_string()))
            return error_reply(400, "bad_request", "node must be null or a node id");
        node = std::string(it->value().as_string());
    }
    const auto level = *degrade_level_from_int(level_it->value().as_int64());
    try {
        engine_.ledger().set_degrade(node, int(level));
    } catch (const std::exception&) {
        return unavailable();
    }
    // This node applies its own change now; the others at their next control poll.
    if (node.empty() || node == engine_.options().node_id) engine_.admission().set_degrade(level);
    json::object out{{"status", "ok"}, {"level", int(level)}, {"name", to_string(level)}};
    out["node"] = node.empty() ? json::value(nullptr) : json::value(node);
    return json_reply(200, std::move(out));
}

Response AdminApi::get_limits() { return json_reply(200, rules_to_json(engine_.admission().rules()).as_object()); }

Response AdminApi::put_limits(const Request& req) {
    boost::system::error_code ec;
    const json::value doc = json::parse(req.body, ec);
    if (ec) return error_reply(400, "bad_request", "body is not valid JSON: " + ec.message());
    auto parsed = rules_from_json(doc);
    if (auto* err = std::get_if<std::string>(&parsed)) return error_reply(400, "bad_request", *err);
    auto rules = std::get<std::vector<limit::Rule>>(std::move(parsed));
    try {
        engine_.ledger().set_limits(json::serialize(rules_to_json(rules)));
    } catch (const std::exception&) {
        return unavailable();
    }
    engine_.admission().set_rules(rules);
    return json_reply(200, rules_to_json(rules).as_object());
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

// {"strategy": "...", "counts": {"n1": 100}, "weights": {"n1": 2}} as a request. Counts are
// units (at most a sale's largest total), weights whole numbers up to a million.
std::variant<RebalanceRequest, std::string> rebalance_request(const json::object& o) {
    RebalanceRequest r;
    auto s = o.find("strategy");
    if (s == o.end() || !s->value().is_string())
        return std::string("strategy must be one of even, weighted, demand, manual, auto");
    auto strategy = parse_rebalance_strategy(s->value().as_string());
    if (!strategy) return std::string("strategy must be one of even, weighted, demand, manual, auto");
    r.strategy = *strategy;
    for (const char* key : {"counts", "weights"}) {
        auto it = o.find(key);
        if (it == o.end() || it->value().is_null()) continue;
        if (!it->value().is_object()) return std::string(key) + " must be an object of node ids";
        const bool counts = std::string_view(key) == "counts";
        for (const auto& [node, v] : it->value().as_object()) {
            if (!is_valid_node_id(node)) return std::string(key) + " names a bad node id";
            std::int64_t n = 0;
            const std::string name = std::string(key) + "." + std::string(node);
            if (auto err = read_integer(v, name, 0, counts ? max_sale_total : max_rebalance_weight, n)) return *err;
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
    auto request = std::get<RebalanceRequest>(parsed);
    const auto strategy = request.strategy;
    try {
        const auto out = rebalance_sale(engine_.ledger(), sale, std::move(request),
                                        engine_.clock().now_ms(), engine_.options().node_ttl_ms);
        if (out.status == RebalanceOutcome::Status::no_sale)
            return error_reply(404, "not_found", out.error);
        if (out.status == RebalanceOutcome::Status::refused)
            return error_reply(409, "conflict", out.error);
        json::object targets;
        for (const auto& [node, units] : out.allocation) targets[node] = units;
        return json_reply(200, {{"status", "ok"},
                                {"sale", std::string(sale)},
                                {"strategy", to_string(strategy)},
                                {"remaining", out.remaining},
                                {"allocation", std::move(targets)}});
    } catch (const std::exception&) {
        return unavailable();
    }
}

}  // namespace seckill::node::http
