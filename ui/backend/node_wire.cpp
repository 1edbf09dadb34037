#include "backend/node_wire.h"

#include <algorithm>
#include <boost/json.hpp>
#include <climits>
#include <stdexcept>

#include "core/ids.h"
#include "core/time_format.h"
#include "node/heartbeat_stats.h"

namespace seckill::ui::node_wire {
namespace json = boost::json;
namespace {

json::object document(std::string_view body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) throw std::runtime_error("the node's answer is not JSON (" + ec.message() + ")");
    if (!v.is_object()) throw std::runtime_error("the node's answer is not a JSON object");
    return std::move(v.as_object());
}

const json::array& array_of(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_array())
        throw std::runtime_error("the node's answer has no \"" + std::string(key) + "\" list");
    return v->as_array();
}

const json::object& object_in(const json::value& v, std::string_view what) {
    if (!v.is_object())
        throw std::runtime_error("an entry of \"" + std::string(what) + "\" is not an object");
    return v.as_object();
}

std::string text(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t integer(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return std::int64_t(std::min<std::uint64_t>(v->as_uint64(), INT64_MAX));
    return 0;
}

Millis time_of(const json::object& o, std::string_view key) {
    return parse_rfc3339(text(o, key)).value_or(0);
}

std::optional<Millis> optional_time(const json::object& o, std::string_view key) {
    const std::string t = text(o, key);
    return t.empty() ? std::nullopt : parse_rfc3339(t);
}

}  // namespace

node::OrderJourney order_journey(std::string_view body) {
    const json::object o = document(body);
    node::OrderJourney j;
    store::Order& order = j.order;
    order.order_id = text(o, "order_id");
    if (order.order_id.empty()) throw std::runtime_error("the node's answer names no order_id");
    order.sale = text(o, "sale");
    order.user = text(o, "user");
    order.status =
        store::parse_order_status(text(o, "status")).value_or(store::OrderStatus::reserved);
    order.created_at = time_of(o, "created_at");
    order.updated_at = time_of(o, "updated_at");
    order.pay_before = time_of(o, "pay_before");
    if (const json::value* q = o.if_contains("queue_position"); q && !q->is_null())
        order.queue_position = integer(o, "queue_position");
    const auto flag = [&](std::string_view key) {
        const json::value* v = o.if_contains(key);
        return v && v->is_bool() && v->as_bool();
    };
    j.in_ledger = flag("in_ledger");
    j.in_order_db = flag("in_order_db");
    j.written_at = optional_time(o, "written_at").value_or(0);
    return j;
}

std::vector<SaleView> sales(std::string_view body) {
    std::vector<SaleView> out;
    const json::object doc = document(body);  // outlives the loop over its list
    for (const json::value& v : array_of(doc, "sales")) {
        const json::object& o = object_in(v, "sales");
        SaleView s;
        s.config.id = text(o, "sale");
        // The id goes into the routes the console calls next: only what a node accepts.
        if (!is_valid_sale_id(s.config.id))
            throw std::runtime_error("a sale in the node's answer has no valid id");
        s.config.name = text(o, "name");
        s.config.total = integer(o, "total");
        s.config.per_user_limit =
            int(std::clamp<std::int64_t>(integer(o, "per_user_limit"), 0, INT32_MAX));
        s.config.pay_timeout_s = integer(o, "pay_timeout_s");
        s.config.starts_at = optional_time(o, "starts_at");
        s.config.ends_at = optional_time(o, "ends_at");
        s.state = parse_sale_state(text(o, "state")).value_or(SaleState::scheduled);
        s.stock.total = s.config.total;
        s.stock.reserved = integer(o, "reserved");
        s.stock.paid = integer(o, "paid");
        s.stock.pool = integer(o, "remaining");
        // Sales of several nodes are summed: numbers in a sale's range cannot overflow that.
        for (std::int64_t n : {s.stock.total, s.stock.reserved, s.stock.paid, s.stock.pool})
            if (n < 0 || n > max_sale_total)
                throw std::runtime_error("sale " + s.config.id +
                                         " has a count outside 0-100000000");
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<store::NodeInfo> nodes(std::string_view body) {
    std::vector<store::NodeInfo> out;
    const json::object doc = document(body);  // outlives the loop over its list
    for (const json::value& v : array_of(doc, "nodes")) {
        const json::object& o = object_in(v, "nodes");
        store::NodeInfo n;
        n.id = text(o, "id");
        if (n.id.empty()) throw std::runtime_error("a node in the node's answer has no id");
        n.address = text(o, "address");
        n.worker = std::uint32_t(std::clamp<std::int64_t>(integer(o, "worker"), 0, UINT32_MAX));
        const json::value* alive = o.if_contains("alive");
        n.alive = alive && alive->is_bool() && alive->as_bool();
        n.started_at = time_of(o, "started_at");
        n.last_heartbeat = time_of(o, "last_heartbeat");
        if (const json::value* leases = o.if_contains("leases"); leases && leases->is_object())
            for (const auto& [sale, units] : leases->as_object())
                if (units.is_int64()) n.leases[std::string(sale)] = units.as_int64();
        if (const json::value* stats = o.if_contains("stats"))
            n.stats_json = json::serialize(*stats);
        out.push_back(std::move(n));
    }
    return out;
}

store::InvariantReport invariants(std::string_view body) {
    const json::object doc = document(body);
    store::InvariantReport r;
    for (const json::value& v : array_of(doc, "checks")) {
        const json::object& o = object_in(v, "checks");
        const json::value* ok = o.if_contains("ok");
        r.add({text(o, "id"), ok && ok->is_bool() && ok->as_bool(), text(o, "detail")});
    }
    // The node's verdict too: it may fail on a check this console does not list.
    if (const json::value* ok = doc.if_contains("ok"); !ok || !ok->is_bool() || !ok->as_bool())
        r.ok = false;
    return r;
}

store::InvariantReport joined(
    const std::vector<std::pair<std::string, store::InvariantReport>>& reports) {
    store::InvariantReport out;
    for (const auto& [node, report] : reports) {
        out.ok = out.ok && report.ok;
        for (const store::InvariantCheck& c : report.checks) {
            auto same = std::find_if(out.checks.begin(), out.checks.end(),
                                     [&](const auto& o) { return o.id == c.id; });
            if (same == out.checks.end()) {
                out.checks.push_back({c.id, c.ok, node + ": " + c.detail});
                continue;
            }
            same->ok = same->ok && c.ok;
            same->detail += "; " + node + ": " + c.detail;
        }
    }
    return out;
}

std::pair<std::string, int> degrade(std::string_view body) {
    const json::object o = document(body);
    return {text(o, "node"), int(std::clamp<std::int64_t>(integer(o, "level"), 0, 3))};
}

std::vector<store::NodeEvent> events(std::string_view body) {
    std::vector<store::NodeEvent> out;
    const json::object doc = document(body);  // outlives the loop over its list
    for (const json::value& v : array_of(doc, "events")) {
        const json::object& o = object_in(v, "events");
        store::NodeEvent e;
        e.seq = std::uint64_t(std::max<std::int64_t>(integer(o, "seq"), 0));
        e.at = time_of(o, "at");
        e.node = text(o, "node");
        e.json = json::serialize(o);  // kind, reason, value… as the node logged them
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t queue_depth(const store::NodeInfo& node) {
    // Summed over the nodes: a reading past any real queue is a broken report, not a depth.
    constexpr std::int64_t most = std::int64_t(1) << 40;
    return std::clamp<std::int64_t>(node::parse_heartbeat_stats(node.stats_json).queue_depth, 0,
                                    most);
}

std::string sale_route(const std::string& sale, std::string_view tail) {
    return "/admin/v1/sales/" + sale + std::string(tail);
}

std::string create_sale_body(const SaleConfig& c) {
    json::object o{{"sale", c.id},
                   {"name", c.name},
                   {"total", c.total},
                   {"per_user_limit", c.per_user_limit},
                   {"pay_timeout_s", c.pay_timeout_s}};
    if (c.starts_at) o["starts_at"] = format_rfc3339(*c.starts_at);
    if (c.ends_at) o["ends_at"] = format_rfc3339(*c.ends_at);
    return json::serialize(o);
}

std::string degrade_body(const std::string& node, int level) {
    json::object o{{"level", level}};
    o["node"] = node.empty() ? json::value(nullptr) : json::value(node);
    return json::serialize(o);
}

}  // namespace seckill::ui::node_wire
