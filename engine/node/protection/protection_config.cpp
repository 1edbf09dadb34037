#include "node/protection/protection_config.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

namespace seckill::node {
namespace json = boost::json;
namespace {

using Error = std::optional<std::string>;

// A number field within [lo, hi]; absent leaves `out` alone.
Error read_number(const json::object& o, std::string_view key, double lo, double hi, double& out) {
    const json::value* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) return std::string(key) + " must be a number";
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < lo || d > hi)
        return std::string(key) + " must be between " + json::serialize(json::value(lo)) + " and " +
               json::serialize(json::value(hi));
    out = d;
    return std::nullopt;
}

// Seconds on the wire, milliseconds inside.
Error read_seconds(const json::object& o, std::string_view key, double lo, double hi,
                   std::int64_t& ms) {
    double s = double(ms) / 1000.0;
    if (auto e = read_number(o, key, lo, hi, s)) return e;
    ms = std::llround(s * 1000.0);
    return std::nullopt;
}

Error read_count(const json::object& o, std::string_view key, double lo, double hi,
                 std::int64_t& out) {
    double d = double(out);
    if (auto e = read_number(o, key, lo, hi, d)) return e;
    if (d != std::floor(d)) return std::string(key) + " must be a whole number";
    out = std::int64_t(d);
    return std::nullopt;
}

Error read_breaker(const json::value& v, std::string_view name, BreakerSettings& b) {
    if (!v.is_object()) return std::string(name) + " must be an object";
    const json::object& o = v.as_object();
    for (const auto& kv : o) {
        static constexpr std::array<std::string_view, 8> known{
            "enabled",   "error_ratio", "slow_ratio", "slow_ms",
            "min_calls", "window_s",    "open_s",     "probes"};
        if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end())
            return std::string(name) + ": unknown field " + std::string(kv.key());
    }
    if (const json::value* e = o.if_contains("enabled")) {
        if (!e->is_bool()) return std::string(name) + ".enabled must be true or false";
        b.enabled = e->as_bool();
    }
    Error err = read_number(o, "error_ratio", 0.01, 1, b.error_ratio);
    if (!err) err = read_number(o, "slow_ratio", 0.01, 1, b.slow_ratio);
    if (!err) err = read_count(o, "slow_ms", 1, 60'000, b.slow_ms);
    if (!err) err = read_count(o, "min_calls", 1, 1'000'000, b.min_calls);
    if (!err) err = read_seconds(o, "window_s", 0.1, 3600, b.window_ms);
    if (!err) err = read_seconds(o, "open_s", 0.1, 3600, b.open_ms);
    if (!err) err = read_count(o, "probes", 1, 1000, b.probes);
    if (err) return std::string(name) + "." + *err;
    return std::nullopt;
}

Error read_rule(const json::value& v, std::size_t i, DegradeRule& r) {
    const std::string where = "rules[" + std::to_string(i) + "]";
    if (!v.is_object()) return where + " must be an object";
    const json::object& o = v.as_object();
    const json::value* s = o.if_contains("signal");
    if (!s || !s->is_string()) return where + ".signal must name a signal";
    const auto it = std::find_if(signals.begin(), signals.end(), [&](const SignalInfo& info) {
        return info.name == s->as_string();
    });
    if (it == signals.end())
        return where + ".signal: unknown signal " + std::string(s->as_string());
    r.signal = it->signal;
    if (!o.contains("above")) return where + ".above is required";
    double level = 1;
    Error err = read_number(o, "above", 0, 1e12, r.above);
    r.below = r.above;
    if (!err) err = read_number(o, "below", 0, 1e12, r.below);
    if (!err) err = read_number(o, "level", 1, 3, level);
    if (!err) err = read_seconds(o, "hold_s", 0, 3600, r.hold_ms);
    if (err) return where + "." + *err;
    if (r.below > r.above)
        return where + ": below must not be above `above` (it is the recovery threshold)";
    if (level != std::floor(level)) return where + ".level must be 1, 2 or 3";
    r.level = DegradeLevel(int(level));
    return std::nullopt;
}

json::object breaker_json(const BreakerSettings& b) {
    return {{"enabled", b.enabled},
            {"error_ratio", b.error_ratio},
            {"slow_ratio", b.slow_ratio},
            {"slow_ms", b.slow_ms},
            {"min_calls", b.min_calls},
            {"window_s", double(b.window_ms) / 1000.0},
            {"open_s", double(b.open_ms) / 1000.0},
            {"probes", b.probes}};
}

}  // namespace

std::variant<ProtectionConfig, std::string> protection_from_json(std::string_view text) {
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec) return std::string("the body is not valid JSON");
    if (!doc.is_object()) return std::string("the body must be a JSON object");
    const json::object& o = doc.as_object();
    ProtectionConfig c;
    for (const auto& kv : o) {
        const std::string_view key = kv.key();
        Error err;
        if (key == "breaker")
            err = read_breaker(kv.value(), "breaker", c.ledger_breaker);
        else if (key == "order_db_breaker")
            err = read_breaker(kv.value(), "order_db_breaker", c.order_db_breaker);
        else if (key == "pinned") {
            if (!kv.value().is_bool())
                err = "pinned must be true or false";
            else
                c.pinned = kv.value().as_bool();
        } else if (key == "rules") {
            if (!kv.value().is_array())
                err = "rules must be an array";
            else if (kv.value().as_array().size() > max_degrade_rules)
                err = "at most " + std::to_string(max_degrade_rules) + " rules";
            else
                for (std::size_t i = 0; !err && i < kv.value().as_array().size(); ++i)
                    err = read_rule(kv.value().as_array()[i], i, c.rules.emplace_back());
        } else {
            err = "unknown field " + std::string(key);
        }
        if (err) return *err;
    }
    return c;
}

std::string protection_to_json(const ProtectionConfig& c) {
    json::array rules;
    for (const DegradeRule& r : c.rules)
        rules.push_back(json::object{{"signal", to_string(r.signal)},
                                     {"above", r.above},
                                     {"below", r.below},
                                     {"level", int(r.level)},
                                     {"hold_s", double(r.hold_ms) / 1000.0}});
    return json::serialize(json::object{{"breaker", breaker_json(c.ledger_breaker)},
                                        {"order_db_breaker", breaker_json(c.order_db_breaker)},
                                        {"rules", std::move(rules)},
                                        {"pinned", c.pinned}});
}

}  // namespace seckill::node
