// The QA and self-protection routes of AdminApi: /admin/v1/faults, /protection, /events.
#include <boost/json.hpp>
#include <charconv>

#include "core/time_format.h"
#include "node/http/admin_api.h"
#include "node/http/json_reply.h"
#include "node/http/request_body.h"
#include "node/operations/control_operations.h"
#include "node/operations/fault_operations.h"
#include "node/protection/faults_json.h"

namespace seckill::node::http {
namespace json = boost::json;
namespace {

constexpr std::size_t max_events = 1000;

json::object breaker_state(CircuitBreaker& b) {
    const Millis now = steady_ms();
    return {{"state", to_string(b.state())},
            {"error_ratio", b.error_ratio(now)},
            {"opened_total", b.opened_total()},
            {"retry_after_ms", b.retry_after_ms(now)}};
}

json::array events_json(const std::vector<store::NodeEvent>& events) {
    json::array out;
    for (const auto& e : events) {
        boost::system::error_code ec;
        json::value body = json::parse(e.json, ec);
        json::object o = (!ec && body.is_object()) ? std::move(body.as_object()) : json::object{};
        o["seq"] = e.seq;
        o["at"] = format_rfc3339(e.at);
        o["node"] = e.node;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace

Response AdminApi::faults_reply() {
    json::array list;
    for (const auto& f : engine_.faults().active()) list.push_back(fault_json(f));
    return json_reply(
        200, {{"status", "ok"}, {"node", engine_.options().node_id}, {"faults", std::move(list)}});
}

Response AdminApi::get_faults() { return faults_reply(); }

Response AdminApi::put_faults(const Request& req, bool replace) {
    auto out = inject_faults(engine_, req.body, replace);
    if (!out.ok()) return error_reply(400, "bad_request", out.sentence);
    return faults_reply();
}

Response AdminApi::delete_faults() {
    engine_.clear_faults();
    return faults_reply();
}

Response AdminApi::get_protection() {
    Protection& p = engine_.protection();
    boost::system::error_code ec;
    json::value config = json::parse(protection_to_json(p.config()), ec);
    Admission& a = engine_.admission();
    return json_reply(
        200, {{"status", "ok"},
              {"node", engine_.options().node_id},
              {"config", std::move(config)},
              {"breakers", json::object{{"ledger", breaker_state(p.ledger_breaker())},
                                        {"order_db", breaker_state(p.order_db_breaker())}}},
              {"degrade", json::object{{"manual", int(a.manual_degrade())},
                                       {"auto", int(a.auto_degrade())},
                                       {"level", int(a.degrade())}}}});
}

Response AdminApi::put_protection(const Request& req) {
    auto out = set_protection(engine_.ledger(), req.body);
    if (out.status == OperationStatus::bad_request)
        return error_reply(400, "bad_request", out.sentence);
    if (!out.ok()) return error_reply(503, "unavailable", out.sentence, 1);
    // This node applies it now; the others at their next control poll.
    engine_.protection().apply(out.sentence);
    return get_protection();
}

Response AdminApi::events(const Request& req) {
    std::uint64_t since = 0;
    std::size_t max = max_events;
    auto number = [&](std::string_view name, auto& out) {
        const auto v = query_param(req.query, name);
        if (!v) return true;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
        return ec == std::errc() && p == v->data() + v->size();
    };
    if (!number("since", since))
        return error_reply(400, "bad_request", "since must be a non-negative integer");
    if (!number("max", max) || max == 0 || max > max_events)
        return error_reply(400, "bad_request", "max must be an integer from 1 to 1000");
    const auto scope = query_param(req.query, "scope").value_or("cluster");
    if (scope != "cluster" && scope != "node")
        return error_reply(400, "bad_request", "scope must be cluster or node");
    if (scope == "cluster") {
        try {
            return json_reply(200,
                              {{"status", "ok"},
                               {"scope", "cluster"},
                               {"events", events_json(engine_.ledger().events_since(since, max))}});
        } catch (const std::exception&) {
            // The ledger is away, which is when events matter most: this node's own then,
            // numbered in its own sequence (the scope says so).
        }
    }
    return json_reply(200, {{"status", "ok"},
                            {"scope", "node"},
                            {"node", engine_.options().node_id},
                            {"events", events_json(engine_.events().since(since, max))}});
}

}  // namespace seckill::node::http
