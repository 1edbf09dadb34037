#include "node/heartbeat_stats.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>

namespace seckill::node {
namespace json = boost::json;
namespace {

json::object int_map(const std::map<std::string, std::int64_t>& m) {
    json::object out;
    for (const auto& [key, n] : m) out[key] = n;
    return out;
}

// Readers of a hostile document: a field that is missing or of the wrong type reads as the
// fallback, so a node of another version still shows up.
struct Reader {
    const json::object& o;

    const json::value* at(std::string_view key) const { return o.if_contains(key); }
    std::int64_t integer(const json::value* v, std::int64_t fallback = 0) const {
        if (!v) return fallback;
        if (v->is_int64()) return v->as_int64();
        if (v->is_uint64()) return std::int64_t(std::min<std::uint64_t>(v->as_uint64(), INT64_MAX));
        if (v->is_double()) {
            const double d = v->as_double();
            if (!(d == d)) return fallback;  // NaN
            return d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : std::int64_t(d);
        }
        return fallback;
    }
    std::int64_t integer(std::string_view key, std::int64_t fallback = 0) const {
        return integer(at(key), fallback);
    }
    std::uint64_t count(const json::value* v) const {
        if (v && v->is_uint64()) return v->as_uint64();
        return std::uint64_t(std::max<std::int64_t>(integer(v), 0));
    }
    std::uint64_t count(std::string_view key) const { return count(at(key)); }
    double number(std::string_view key, double fallback = 0) const {
        const json::value* v = at(key);
        const double d = v && v->is_number() ? v->to_number<double>() : fallback;
        return std::isfinite(d) ? d : fallback;
    }
    bool flag(std::string_view key, bool fallback) const {
        const json::value* v = at(key);
        return v && v->is_bool() ? v->as_bool() : fallback;
    }
    std::string text(std::string_view key, std::string fallback) const {
        const json::value* v = at(key);
        return v && v->is_string() ? std::string(v->as_string()) : fallback;
    }
    const json::object* object(std::string_view key) const {
        const json::value* v = at(key);
        return v ? v->if_object() : nullptr;
    }
    std::map<std::string, std::int64_t> int_map(std::string_view key) const {
        std::map<std::string, std::int64_t> out;
        if (const json::object* m = object(key))
            for (const auto& kv : *m) out[std::string(kv.key())] = integer(&kv.value());
        return out;
    }
};

}  // namespace

std::string to_json(const HeartbeatStats& s) {
    json::object buys;
    for (const BuyOutcomeInfo& o : buy_outcomes) buys[o.name] = s.buys[std::size_t(o.outcome)];
    json::object pipeline;
    for (const StageInfo& st : pipeline_stages)
        pipeline[st.key] = s.pipeline[std::size_t(st.stage)];
    json::array buckets;
    for (std::uint64_t b : s.latency_buckets) buckets.push_back(b);
    json::object disagreements;
    for (const auto& [sale, d] : s.lease_disagreements)
        disagreements[sale] = json::object{{"node", d.node}, {"ledger", d.ledger}};
    json::array faults;
    for (const ReportedFault& f : s.faults) faults.push_back(fault_json(f));
    return json::serialize(json::object{
        {"requests", s.requests},
        {"rps", s.rps},
        {"weight", s.weight},
        {"buys", std::move(buys)},
        {"pipeline", std::move(pipeline)},
        {"p50_ms", s.p50_ms},
        {"p99_ms", s.p99_ms},
        {"latency_buckets", std::move(buckets)},
        {"heartbeat_ms", s.heartbeat_ms},
        {"ttl_ms", s.ttl_ms},
        {"lease", s.lease},
        {"leases", int_map(s.leases)},
        {"lease_disagreements", std::move(disagreements)},
        {"undersold", int_map(s.undersold)},
        {"sold", s.sold},
        {"queue_depth", s.queue_depth},
        {"order_writer", s.order_writer},
        {"degrade_level", s.degrade_level},
        {"degrade_manual", s.degrade_manual},
        {"degrade_auto", s.degrade_auto},
        {"breakers", json::object{{"ledger", s.ledger_breaker}, {"order_db", s.order_db_breaker}}},
        {"faults", std::move(faults)},
        {"epoch", s.epoch},
        {"may_sell", s.may_sell},
        {"fenced", s.fenced},
        {"control_version", s.control_version},
        {"lease_targets", int_map(s.lease_targets)},
    });
}

HeartbeatStats parse_heartbeat_stats(std::string_view text) {
    HeartbeatStats s;
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec || !doc.is_object()) return s;
    const Reader r{doc.as_object()};
    s.requests = r.count("requests");
    s.rps = std::max(r.number("rps"), 0.0);
    // A node's --weight is 1..1000; a fraction rounds, anything out of range reads as 1.
    if (const double w = r.number("weight", 1); w >= 0.5 && w < 1000.5) s.weight = std::llround(w);
    if (const json::object* buys = r.object("buys"))
        for (const auto& kv : *buys) {
            const auto known =
                std::find_if(buy_outcomes.begin(), buy_outcomes.end(),
                             [&](const BuyOutcomeInfo& o) { return o.name == kv.key(); });
            (known != buy_outcomes.end() ? s.buys[std::size_t(known->outcome)] : s.unknown_buys) +=
                r.count(&kv.value());
        }
    if (const json::object* pipeline = r.object("pipeline"))
        for (const StageInfo& st : pipeline_stages)
            s.pipeline[std::size_t(st.stage)] = r.count(pipeline->if_contains(st.key));
    s.p50_ms = std::max(r.number("p50_ms"), 0.0);
    s.p99_ms = std::max(r.number("p99_ms"), 0.0);
    if (const json::value* v = r.at("latency_buckets"); v && v->is_array()) {
        const json::array& buckets = v->as_array();
        // Capped so a cluster's sum cannot wrap, nor one node claiming 10^18 samples own the
        // cluster's p99 (2^40 is years of buys at a million a second).
        for (std::size_t i = 0; i < buckets.size() && i < s.latency_buckets.size(); ++i)
            s.latency_buckets[i] = std::min<std::uint64_t>(r.count(&buckets[i]), 1ULL << 40);
    }
    // Out of range the cadence reads as the default: a zero period would make every node
    // late, a huge one overflow the arithmetic that judges it.
    if (const auto hb = r.integer("heartbeat_ms"); hb >= 10 && hb <= 600'000) s.heartbeat_ms = hb;
    if (const auto ttl = r.integer("ttl_ms"); ttl >= s.heartbeat_ms && ttl <= 3'600'000)
        s.ttl_ms = ttl;
    s.lease = r.integer("lease");
    s.leases = r.int_map("leases");
    s.lease_targets = r.int_map("lease_targets");
    s.undersold = r.int_map("undersold");
    if (const json::object* d = r.object("lease_disagreements"))
        for (const auto& kv : *d) {
            // Not an object: no count to report (an I7 failure needs both numbers).
            const json::object* pair = kv.value().if_object();
            if (!pair) continue;
            const Reader p{*pair};
            s.lease_disagreements[std::string(kv.key())] = {p.integer("node"), p.integer("ledger")};
        }
    s.sold = r.integer("sold");
    s.queue_depth = r.integer("queue_depth");
    s.order_writer = r.flag("order_writer", false);
    s.degrade_level = int(std::clamp<std::int64_t>(r.integer("degrade_level"), 0, 3));
    s.degrade_manual = int(std::clamp<std::int64_t>(r.integer("degrade_manual"), 0, 3));
    s.degrade_auto = int(std::clamp<std::int64_t>(r.integer("degrade_auto"), 0, 3));
    if (const json::object* b = r.object("breakers")) {
        const Reader br{*b};
        s.ledger_breaker = br.text("ledger", "closed");
        s.order_db_breaker = br.text("order_db", "closed");
    }
    if (const json::value* v = r.at("faults"); v && v->is_array())
        for (const json::value& f : v->as_array())
            if (auto reported = reported_fault(f)) s.faults.push_back(std::move(*reported));
    s.epoch = r.count("epoch");
    s.may_sell = r.flag("may_sell", true);
    s.fenced = r.count("fenced");
    s.control_version = r.count("control_version");
    return s;
}

}  // namespace seckill::node
