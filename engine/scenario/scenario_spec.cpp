#include "scenario/scenario_spec.h"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <set>

#include "core/enum_names.h"
#include "core/ids.h"
#include "scenario/json_reader.h"
#include "store/fault_plan.h"

namespace seckill::scenario {
namespace {

constexpr std::array<EnumName<Action>, 11> action_names{{
    {Action::kill, "kill"},
    {Action::stop, "stop"},
    {Action::cont, "cont"},
    {Action::restart, "restart"},
    {Action::redis_kill, "redis_kill"},
    {Action::redis_restart, "redis_restart"},
    {Action::redis_stop, "redis_stop"},
    {Action::redis_cont, "redis_cont"},
    {Action::degrade, "degrade"},
    {Action::rebalance, "rebalance"},
    {Action::fault, "fault"},
}};

// Flags the runner sets itself: a scenario may not move a node off loopback or its dir.
const std::set<std::string> runner_flags = {
    "--node-id", "--listen",       "--data-dir",         "--redis",      "--order-writer",
    "--db",      "--allow-faults", "--admin-token-file", "--node-ttl-ms"};

bool is_process_action(Action a) {
    return a == Action::kill || a == Action::stop || a == Action::cont || a == Action::restart;
}
bool is_redis_action(Action a) {
    return a == Action::redis_kill || a == Action::redis_restart || a == Action::redis_stop ||
           a == Action::redis_cont;
}

bool loopback_address(const std::string& a, unsigned short& port) {
    const auto colon = a.rfind(':');
    if (colon == std::string::npos || !a.starts_with("127.")) return false;
    std::int64_t p = 0;
    for (char c : a.substr(colon + 1)) {
        if (c < '0' || c > '9' || (p = p * 10 + (c - '0')) > 65535) return false;
    }
    port = static_cast<unsigned short>(p);
    return colon + 1 < a.size() && p > 0;
}

void read_flags(JsonReader& r, const char* key, std::vector<std::string>& out) {
    r.strings(key, out);
    for (const auto& f : out)
        if (runner_flags.count(f))
            r.fail(r.field(key), "may not contain " + f + " (the runner sets it)");
}

void read_cluster(JsonReader& r, ClusterSpec& c) {
    r.only({"kind", "ledger", "nodes", "node_flags", "redis_flags", "allow_faults", "node_ttl_s",
            "nginx"});
    std::string kind, ledger = "embedded";
    r.text("kind", kind, true);
    if (r.ok() && kind != "processes" && kind != "targets")
        r.fail(r.field("kind"), "must be processes or targets");
    c.kind = kind == "targets" ? ClusterSpec::Kind::targets : ClusterSpec::Kind::processes;
    r.text("ledger", ledger);
    if (r.ok() && ledger != "embedded" && ledger != "redis")
        r.fail(r.field("ledger"), "must be embedded or redis");
    c.ledger = ledger == "redis" ? ClusterSpec::Ledger::redis : ClusterSpec::Ledger::embedded;
    read_flags(r, "node_flags", c.node_flags);
    r.strings("redis_flags", c.redis_flags);
    r.boolean("allow_faults", c.allow_faults);
    r.boolean("nginx", c.nginx);
    if (r.ok() && c.nginx && (c.kind != ClusterSpec::Kind::processes || ledger != "redis"))
        r.fail(r.field("nginx"),
               "needs kind processes on ledger redis (nginx lists the nodes registered in Redis)");
    r.seconds("node_ttl_s", c.node_ttl_ms, 0.5, 60);
    c.node_ttl_given = r.has("node_ttl_s");
    const auto* nodes = r.array("nodes", true);
    if (!nodes) return;
    if (nodes->empty() || nodes->size() > 16)
        return r.fail(r.field("nodes"), "must list 1 to 16 nodes");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < nodes->size() && r.ok(); ++i) {
        const std::string path = r.field("nodes") + "[" + std::to_string(i) + "]";
        if (!(*nodes)[i].is_object()) return r.fail(path, "must be an object");
        JsonReader n = r.child((*nodes)[i].as_object(), path);
        n.only({"id", "order_writer", "flags", "address"});
        NodeSpec s;
        n.text("id", s.id, true);
        if (n.ok() && !is_valid_node_id(s.id))
            n.fail(n.field("id"), "must match [A-Za-z0-9_-]{1,32}");
        if (n.ok() && !ids.insert(s.id).second) n.fail(n.field("id"), "repeats node " + s.id);
        n.boolean("order_writer", s.order_writer);
        read_flags(n, "flags", s.flags);
        n.text("address", s.address, c.kind == ClusterSpec::Kind::targets);
        unsigned short port = 0;
        if (n.ok() && c.kind == ClusterSpec::Kind::targets && !loopback_address(s.address, port))
            n.fail(n.field("address"), "must be a loopback HOST:PORT such as 127.0.0.1:8080");
        if (n.ok() && c.kind == ClusterSpec::Kind::processes && !s.address.empty())
            n.fail(n.field("address"),
                   "is for targets; the runner picks the ports of processes it starts");
        if (n.ok() && s.order_writer && c.ledger != ClusterSpec::Ledger::redis)
            n.fail(n.field("order_writer"),
                   "needs ledger redis (an embedded node writes its own order DB)");
        c.nodes.push_back(std::move(s));
    }
    if (r.ok() && c.kind == ClusterSpec::Kind::processes &&
        c.ledger == ClusterSpec::Ledger::embedded && c.nodes.size() != 1)
        r.fail(r.field("nodes"),
               "must list exactly one node on the embedded ledger (nodes share a ledger only "
               "through redis)");
}

void read_sale(JsonReader& r, SaleSpec& s) {
    r.only({"id", "total", "per_user_limit", "pay_timeout_s"});
    r.text("id", s.id);
    if (r.ok() && !is_valid_sale_id(s.id)) r.fail(r.field("id"), "must match [A-Za-z0-9_-]{1,32}");
    r.integer("total", s.total, 1, 100'000'000);
    r.integer("per_user_limit", s.per_user_limit, 1, 1000);
    r.integer("pay_timeout_s", s.pay_timeout_s, 1, 7 * 24 * 3600);
}

void read_load(JsonReader& r, load::LoadOptions& o) {
    r.only({"users", "rate", "profile", "duration_s", "connections", "pay", "cancel",
            "pay_delay_ms", "seed"});
    r.integer("users", o.users, 1, 1'000'000'000);
    r.number("rate", o.rate, 0, 1'000'000);
    std::string profile = "constant";
    r.text("profile", profile);
    if (auto p = load::parse_profile(profile))
        o.profile = *p;
    else if (r.ok())
        r.fail(r.field("profile"), "must be constant, ramp or spike");
    std::int64_t ms = 10'000;
    r.seconds("duration_s", ms, 0.1, 600);
    o.duration_s = double(ms) / 1000;
    std::int64_t n = 8;
    r.integer("connections", n, 1, 1000);
    o.connections = int(n);
    r.number("pay", o.pay_share, 0, 1);
    r.number("cancel", o.cancel_share, 0, 1);
    if (r.ok() && o.pay_share + o.cancel_share > 1)
        r.fail(r.field("pay"), "and cancel add up to more than 1");
    n = 200;
    r.integer("pay_delay_ms", n, 0, 600'000);
    o.pay_delay_ms = int(n);
    n = 1;
    r.integer("seed", n, 0, std::numeric_limits<std::int64_t>::max());
    o.seed = std::uint64_t(n);
}

void read_fault(JsonReader& f, TimelineEntry& e) {
    f.only({"kind", "ms", "jitter_ms", "ratio", "duration_s"});
    std::string kind;
    f.text("kind", kind, true);
    if (!f.ok()) return;
    // The node's own table and bounds (store/fault_plan.h), so a scenario cannot stage a
    // fault the node would refuse when its time comes.
    const auto known = store::parse_fault_kind(kind);
    if (!known) return f.fail(f.field("kind"), "is not a known fault kind");
    const store::FaultKindInfo& info = store::info(*known);
    std::int64_t ms = 0, jitter = 0;
    double ratio = 1;
    if (!info.takes_latency && (f.has("ms") || f.has("jitter_ms")))
        return f.fail(f.field("ms"), "is only for latency faults");
    f.integer("ms", ms, 0, store::max_fault_ms, info.takes_latency);
    f.integer("jitter_ms", jitter, 0, store::max_fault_ms);
    f.number("ratio", ratio, 0.001, 1);
    if (!info.lasts && f.has("duration_s"))
        return f.fail(f.field("duration_s"), "is not for " + kind);
    f.seconds("duration_s", e.fault_ms, 0.1, double(store::max_fault_duration_ms) / 1000.0,
              info.lasts);
    e.body = {{"kind", kind}, {"ratio", ratio}};
    if (info.takes_latency) {
        e.body["ms"] = ms;
        e.body["jitter_ms"] = jitter;
    }
    if (info.lasts) e.body["duration_s"] = double(e.fault_ms) / 1000;
}

void read_entry(JsonReader& r, const ScenarioSpec& s, TimelineEntry& e) {
    r.only({"at_s", "node", "action", "fault", "level", "strategy", "counts", "weights"});
    r.seconds("at_s", e.at_ms, 0, 3600, true);
    r.text("node", e.node);
    std::string action;
    r.text("action", action);
    const auto* fault = r.object("fault");
    if (!r.ok()) return;
    if (fault && !action.empty())
        return r.fail(r.field("action"), "and fault may not both be given");
    if (fault) {
        e.action = Action::fault;
        JsonReader f = r.child(*fault, r.field("fault"));
        read_fault(f, e);
    } else {
        const auto named = value_of(action_names, action);
        if (!named || *named == Action::fault)
            return r.fail(r.field("action"),
                          "must be kill, stop, cont, restart, redis_kill, redis_restart, "
                          "redis_stop, redis_cont, degrade or rebalance (or give a fault)");
        e.action = *named;
    }
    const auto& c = s.cluster;
    const bool known =
        std::any_of(c.nodes.begin(), c.nodes.end(), [&](auto& n) { return n.id == e.node; });
    if (!e.node.empty() && !known) return r.fail(r.field("node"), "names no node of the cluster");
    if ((is_process_action(e.action) || e.action == Action::fault) && e.node.empty())
        return r.fail(r.field("node"), "is required for " + std::string(to_string(e.action)));
    if (is_process_action(e.action) && c.kind != ClusterSpec::Kind::processes)
        return r.fail(r.field("action"), "acts on a process: only for cluster kind processes");
    if (is_redis_action(e.action) &&
        (c.kind != ClusterSpec::Kind::processes || c.ledger != ClusterSpec::Ledger::redis))
        return r.fail(r.field("action"), "needs a processes cluster on ledger redis");
    if (e.action == Action::fault && c.kind == ClusterSpec::Kind::processes && !c.allow_faults)
        return r.fail(r.field("fault"), "needs cluster.allow_faults true");
    if (e.action == Action::degrade) {
        std::int64_t level = 0;
        r.integer("level", level, 0, 3, true);
        e.level = int(level);
    } else if (r.has("level")) {
        return r.fail(r.field("level"), "is only for degrade");
    }
    if (e.action == Action::rebalance) {
        std::string strategy;
        r.text("strategy", strategy, true);
        e.body["strategy"] = strategy;
        if (const auto* counts = r.object("counts")) e.body["counts"] = *counts;
        if (const auto* weights = r.object("weights")) e.body["weights"] = *weights;
    } else if (r.has("strategy") || r.has("counts") || r.has("weights")) {
        return r.fail(r.field("strategy"), "is only for rebalance");
    }
    if (e.at_ms > std::int64_t(s.load.duration_s * 1000))
        r.fail(r.field("at_s"), "is after the load ends (load.duration_s)");
}

void read_bounds(JsonReader& r, Bounds& b) {
    r.only({"undersell_grace_s", "undersell_max", "answer_within_ms", "min_share_before",
            "min_share_during", "min_share_after", "recovery_max_s", "expiry_grace_s"});
    r.seconds("undersell_grace_s", b.undersell_grace_ms, 0, 600);
    r.integer("undersell_max", b.undersell_max, 0, 1'000'000'000);
    r.integer("answer_within_ms", b.answer_within_ms, 1, 600'000);
    r.number("min_share_before", b.min_share_before, 0, 1);
    r.number("min_share_during", b.min_share_during, 0, 1);
    r.number("min_share_after", b.min_share_after, 0, 1);
    r.seconds("recovery_max_s", b.recovery_max_ms, 0, 600);
    r.seconds("expiry_grace_s", b.expiry_grace_ms, 0, 600);
}

}  // namespace

std::string_view to_string(Action a) { return name_of(action_names, a, "?"); }

std::variant<ScenarioSpec, std::string> parse_scenario(std::string_view text) {
    boost::system::error_code ec;
    boost::json::parse_options opt;
    opt.max_depth = 16;
    const auto doc = boost::json::parse(text, ec, {}, opt);
    if (ec) return "the scenario is not JSON: " + ec.message();
    if (!doc.is_object()) return std::string("the scenario must be a JSON object");
    ScenarioSpec s;
    JsonReader r(doc.as_object(), "");
    r.only({"name", "cluster", "sale", "load", "timeline", "bounds", "waits"});
    r.text("name", s.name, true);
    if (const auto* c = r.object("cluster", true)) {
        JsonReader cr = r.child(*c, "cluster");
        read_cluster(cr, s.cluster);
    }
    if (const auto* o = r.object("sale")) {
        JsonReader sr = r.child(*o, "sale");
        read_sale(sr, s.sale);
    }
    if (const auto* o = r.object("load")) {
        JsonReader lr = r.child(*o, "load");
        read_load(lr, s.load);
    }
    if (const auto* o = r.object("bounds")) {
        JsonReader br = r.child(*o, "bounds");
        read_bounds(br, s.bounds);
    }
    if (const auto* o = r.object("waits")) {
        JsonReader wr = r.child(*o, "waits");
        wr.only({"ready_s", "recovery_s"});
        wr.seconds("ready_s", s.ready_ms, 1, 600);
        wr.seconds("recovery_s", s.recovery_ms, 1, 600);
    }
    if (const auto* t = r.ok() ? r.array("timeline") : nullptr) {
        if (t->size() > 1000) r.fail("timeline", "has more than 1000 entries");
        for (std::size_t i = 0; i < t->size() && r.ok(); ++i) {
            const std::string path = "timeline[" + std::to_string(i) + "]";
            if (!(*t)[i].is_object()) return path + " must be an object";
            JsonReader er = r.child((*t)[i].as_object(), path);
            TimelineEntry e;
            read_entry(er, s, e);
            s.timeline.push_back(std::move(e));
        }
    }
    if (auto err = r.error()) return *err;
    std::stable_sort(s.timeline.begin(), s.timeline.end(),
                     [](auto& a, auto& b) { return a.at_ms < b.at_ms; });
    s.load.sale = s.sale.id;
    return s;
}

}  // namespace seckill::scenario
