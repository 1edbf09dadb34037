#include "node/http/views_json.h"

#include <boost/json.hpp>

#include "core/time_format.h"

namespace seckill::node::http {
namespace json = boost::json;
namespace {

json::value optional_time(const std::optional<Millis>& t) {
    if (!t) return nullptr;
    return json::string(format_rfc3339(*t));
}

}  // namespace

json::object sale_json(const SaleView& s) {
    return {
        {"status", "ok"},
        {"sale", s.config.id},
        {"name", s.config.name},
        {"state", to_string(s.state)},
        {"total", s.stock.total},
        {"sold", s.stock.sold()},
        {"reserved", s.stock.reserved},
        {"paid", s.stock.paid},
        {"remaining", s.stock.remaining()},
        {"per_user_limit", s.config.per_user_limit},
        {"pay_timeout_s", s.config.pay_timeout_s},
        {"starts_at", optional_time(s.config.starts_at)},
        {"ends_at", optional_time(s.config.ends_at)},
    };
}

json::object order_json(const store::Order& o) {
    json::object out{
        {"status", to_string(o.status)},
        {"order_id", o.order_id},
        {"sale", o.sale},
        {"user", o.user},
        {"pay_before", format_rfc3339(o.pay_before)},
        {"created_at", format_rfc3339(o.created_at)},
        {"updated_at", format_rfc3339(o.updated_at)},
    };
    if (o.queue_position)
        out["queue_position"] = *o.queue_position;
    else
        out["queue_position"] = nullptr;
    return out;
}

json::object order_journey_json(const OrderJourney& j) {
    json::object out = order_json(j.order);
    out["in_ledger"] = j.in_ledger;
    out["in_order_db"] = j.in_order_db;
    out["written"] = j.written();
    out["written_at"] =
        optional_time(j.written_at > 0 ? std::optional<Millis>(j.written_at) : std::nullopt);
    return out;
}

json::object node_json(const store::NodeInfo& n) {
    json::object leases;
    for (const auto& [sale, units] : n.leases) leases[sale] = units;
    json::value stats = json::object{};
    if (!n.stats_json.empty()) {
        boost::system::error_code ec;
        auto parsed = json::parse(n.stats_json, ec);
        if (!ec) stats = std::move(parsed);
    }
    return {
        {"id", n.id},
        {"address", n.address},
        {"worker", n.worker},
        {"alive", n.alive},
        {"started_at", format_rfc3339(n.started_at)},
        {"last_heartbeat", format_rfc3339(n.last_heartbeat)},
        {"leases", std::move(leases)},
        {"stats", std::move(stats)},
    };
}

json::object invariants_json(const store::InvariantReport& r) {
    json::array checks;
    for (const auto& c : r.checks)
        checks.push_back(json::object{{"id", c.id}, {"ok", c.ok}, {"detail", c.detail}});
    return {{"status", "ok"}, {"ok", r.ok}, {"checks", std::move(checks)}};
}

}  // namespace seckill::node::http
