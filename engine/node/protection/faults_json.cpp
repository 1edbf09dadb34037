#include "node/protection/faults_json.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>

namespace seckill::node {
namespace json = boost::json;
namespace {

std::optional<std::string> read_fault(const json::value& v, std::string_view this_node,
                                      store::FaultSpec& f) {
    if (!v.is_object()) return "must be an object";
    const json::object& o = v.as_object();
    const json::value* kind = o.if_contains("kind");
    if (!kind || !kind->is_string()) return "kind must name a fault kind";
    const auto k = store::parse_fault_kind(kind->as_string());
    if (!k) return "kind: unknown fault kind " + std::string(kind->as_string());
    f.kind = *k;
    const store::FaultKindInfo& info = store::info(*k);
    for (const auto& kv : o) {
        const std::string_view key = kv.key();
        const bool known = key == "kind" || key == "ratio" || key == "node" ||
                           (info.lasts && key == "duration_s") ||
                           (info.takes_latency && (key == "ms" || key == "jitter_ms"));
        if (!known) return std::string(key) + " does not apply to " + std::string(info.name);
    }
    auto number = [&](std::string_view key, double lo, double hi,
                      double& out) -> std::optional<std::string> {
        const json::value* n = o.if_contains(key);
        if (!n) return std::nullopt;
        if (!n->is_number()) return std::string(key) + " must be a number";
        const double d = n->to_number<double>();
        if (!std::isfinite(d) || d < lo || d > hi)
            return std::string(key) + " must be between " + json::serialize(json::value(lo)) +
                   " and " + json::serialize(json::value(hi));
        out = d;
        return std::nullopt;
    };
    double ms = 0, jitter = 0, duration = 0, ratio = 1;
    if (auto e = number("ms", 0, double(store::max_fault_ms), ms)) return e;
    if (auto e = number("jitter_ms", 0, double(store::max_fault_ms), jitter)) return e;
    if (auto e = number("ratio", 0.001, 1, ratio)) return e;
    if (auto e =
            number("duration_s", 0.001, double(store::max_fault_duration_ms) / 1000.0, duration))
        return e;
    if (info.takes_latency && !o.contains("ms"))
        return "ms is required for " + std::string(info.name);
    if (info.lasts && !o.contains("duration_s"))
        return "duration_s is required for " + std::string(info.name);
    f.ms = std::llround(ms);
    f.jitter_ms = std::llround(jitter);
    f.ratio = ratio;
    f.duration_ms = std::llround(duration * 1000.0);
    if (const json::value* n = o.if_contains("node")) {
        if (!n->is_string()) return "node must be a string";
        if (n->as_string() != this_node)
            return "names node " + std::string(n->as_string()) + ", this is node " +
                   std::string(this_node) + ": send it to that node's admin API";
        f.node = std::string(n->as_string());
    }
    return std::nullopt;
}

}  // namespace

std::variant<std::vector<store::FaultSpec>, std::string> faults_from_json(
    std::string_view text, std::string_view this_node) {
    boost::system::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec) return std::string("the body is not valid JSON");
    const json::object* o = doc.if_object();
    const json::value* list = o ? o->if_contains("faults") : nullptr;
    if (!list || !list->is_array()) return std::string("the body must be {\"faults\":[…]}");
    if (list->as_array().size() > max_faults)
        return "at most " + std::to_string(max_faults) + " faults at once";
    std::vector<store::FaultSpec> out;
    for (std::size_t i = 0; i < list->as_array().size(); ++i)
        if (auto err = read_fault(list->as_array()[i], this_node, out.emplace_back()))
            return "faults[" + std::to_string(i) + "]: " + *err;
    return out;
}

ReportedFault report(const store::ActiveFault& f) {
    const auto left =
        std::chrono::duration<double>(f.ends - std::chrono::steady_clock::now()).count();
    return {
        f.id,         std::string(to_string(f.spec.kind)), f.spec.ms,           f.spec.jitter_ms,
        f.spec.ratio, double(f.spec.duration_ms) / 1000.0, std::max(left, 0.0), f.spec.node};
}

json::object fault_json(const ReportedFault& f) {
    json::object o{{"id", f.id}, {"kind", f.kind}, {"ratio", f.ratio}};
    // Only the fields the kind takes, as a request that staged it would carry them.
    const auto kind = store::parse_fault_kind(f.kind);
    if (kind && store::info(*kind).takes_latency) {
        o["ms"] = f.ms;
        o["jitter_ms"] = f.jitter_ms;
    }
    if (kind && store::info(*kind).lasts) {
        o["duration_s"] = f.duration_s;
        o["left_s"] = f.left_s;
    }
    if (!f.node.empty()) o["node"] = f.node;
    return o;
}

std::optional<ReportedFault> reported_fault(const json::value& v) {
    const json::object* o = v.if_object();
    if (!o) return std::nullopt;
    auto text = [&](std::string_view key) {
        const json::value* s = o->if_contains(key);
        return s && s->is_string() ? std::string(s->as_string()) : std::string();
    };
    // Into the ranges a node accepts (NaN reads as the low end).
    auto number = [&](std::string_view key, double lo, double hi, double fallback) {
        const json::value* n = o->if_contains(key);
        if (!n || !n->is_number()) return fallback;
        const double d = n->to_number<double>();
        return d >= lo ? std::min(d, hi) : lo;
    };
    ReportedFault f;
    f.kind = text("kind");
    // A kind this build does not know (a newer node's) is still shown, by its name.
    if (f.kind.empty() || f.kind.size() > 64) return std::nullopt;
    const json::value* id = o->if_contains("id");
    f.id = id && id->is_uint64()  ? id->as_uint64()
           : id && id->is_int64() ? std::uint64_t(std::max<std::int64_t>(id->as_int64(), 0))
                                  : 0;
    const double max_ms = double(store::max_fault_ms);
    const double max_s = double(store::max_fault_duration_ms) / 1000.0;
    f.ms = std::llround(number("ms", 0, max_ms, 0));
    f.jitter_ms = std::llround(number("jitter_ms", 0, max_ms, 0));
    f.ratio = number("ratio", 0, 1, 1);
    f.duration_s = number("duration_s", 0, max_s, 0);
    f.left_s = number("left_s", 0, max_s, 0);
    f.node = text("node");
    return f;
}

}  // namespace seckill::node
