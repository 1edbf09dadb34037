#include "node/limits_json.h"

#include <boost/json.hpp>

namespace seckill::node {
namespace json = boost::json;
namespace {

// Reads an optional integer field; false when present but not an integer in range.
bool read_int(const json::object& o, const char* key, long long lo, long long hi, long long& out) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return true;
    if (!it->value().is_int64()) return false;
    out = it->value().as_int64();
    return out >= lo && out <= hi;
}

std::variant<limit::Rule, std::string> rule_from_json(const json::value& v, std::size_t index) {
    const std::string where = "rules[" + std::to_string(index) + "]";
    if (!v.is_object()) return where + " must be an object";
    const json::object& o = v.as_object();
    limit::Rule r;
    if (auto it = o.find("name"); it != o.end() && it->value().is_string())
        r.name = std::string(it->value().as_string());
    else
        return where + ".name must be a string";
    if (auto it = o.find("key"); it != o.end()) {
        auto key =
            it->value().is_string() ? limit::parse_key(it->value().as_string()) : std::nullopt;
        if (!key) return where + ".key must be one of global, ip, user";
        r.key = *key;
    }
    if (auto it = o.find("algorithm"); it != o.end()) {
        auto alg = it->value().is_string() ? limit::parse_algorithm(it->value().as_string())
                                           : std::nullopt;
        if (!alg)
            return where + ".algorithm must be one of leaky, token, fixed_window, sliding_window";
        r.algorithm = *alg;
    }
    if (auto it = o.find("rate"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_string()) return where + ".rate must be a string like \"10r/s\"";
        if (auto err = limit::set_rate(r, it->value().as_string())) return where + ": " + *err;
    }
    long long burst = 0, delay = 0, lim = 0, window = r.window_ms;
    if (!read_int(o, "burst", 0, limit::max_burst, burst))
        return where + ".burst must be an integer from 0 to " + std::to_string(limit::max_burst);
    if (!read_int(o, "delay", 0, limit::max_burst, delay))
        return where + ".delay must be a non-negative integer";
    if (!read_int(o, "limit", 0, limit::max_window_limit, lim))
        return where + ".limit must be a non-negative integer";
    if (!read_int(o, "window_ms", 1, limit::max_window_ms, window))
        return where + ".window_ms must be from 1 to " + std::to_string(limit::max_window_ms);
    r.burst = int(burst);
    r.delay = int(delay);
    r.limit = int(lim);
    r.window_ms = window;
    if (auto it = o.find("nodelay"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_bool()) return where + ".nodelay must be true or false";
        r.nodelay = it->value().as_bool();
    }
    return r;
}

}  // namespace

std::variant<std::vector<limit::Rule>, std::string> rules_from_json(const json::value& v) {
    if (!v.is_object() || !v.as_object().contains("rules") || !v.at("rules").is_array())
        return std::string("body must be {\"rules\": [...]}");
    std::vector<limit::Rule> rules;
    const json::array& arr = v.at("rules").as_array();
    if (arr.size() > 32) return std::string("at most 32 rules");
    for (std::size_t i = 0; i < arr.size(); ++i) {
        auto r = rule_from_json(arr[i], i);
        if (auto* err = std::get_if<std::string>(&r)) return *err;
        rules.push_back(std::get<limit::Rule>(std::move(r)));
    }
    if (auto err = limit::validate(std::span<const limit::Rule>(rules))) return *err;
    return rules;
}

json::value rules_to_json(const std::vector<limit::Rule>& rules) {
    json::array arr;
    for (const auto& r : rules) {
        json::object o;
        o["name"] = r.name;
        o["key"] = std::string(limit::to_string(r.key));
        o["algorithm"] = std::string(limit::to_string(r.algorithm));
        if (!r.rate_text.empty()) o["rate"] = r.rate_text;
        o["burst"] = r.burst;
        o["nodelay"] = r.nodelay;
        o["delay"] = r.delay;
        o["limit"] = r.limit;
        o["window_ms"] = r.window_ms;
        arr.push_back(std::move(o));
    }
    return json::object{{"status", "ok"}, {"rules", std::move(arr)}};
}

}  // namespace seckill::node
